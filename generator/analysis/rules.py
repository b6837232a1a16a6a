"""The rule registry: each rule is a small named unit with an id, a title, its provisions and a
docstring in plain words. The methodology page is generated from this registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .context import Read
from .results import Citation, Confidence, Outcome, Step, lowest

C = TypeVar("C")


@dataclass(frozen=True)
class Rule(Generic[C]):
    """One rule of the engine."""

    id: str
    title: str
    stage: str
    provisions: tuple[str, ...]
    apply: Callable[[C], Step | None]
    key: Callable[[C], tuple[object, ...]] | None = None

    @property
    def explanation(self) -> str:
        """The rule's docstring, dedented: what it checks and why."""
        import inspect

        return inspect.cleandoc(self.apply.__doc__ or "")


class Registry(Generic[C]):
    """An ordered list of rules; `register` is used as a decorator."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rules: list[Rule[C]] = []
        self._by_id: dict[str, Rule[C]] = {}

    def register(
        self, id: str, title: str, stage: str, provisions: tuple[str, ...] = (),
        key: Callable[[C], tuple[object, ...]] | None = None,
    ) -> Callable[[Callable[[C], Step | None]], Callable[[C], Step | None]]:
        """Register a rule. `key` names everything the rule's step depends on, so one step is
        computed once and shared by every case with the same key (e.g. a requested state's
        evidence standard is the same for all partners without a treaty)."""

        def wrap(function: Callable[[C], Step | None]) -> Callable[[C], Step | None]:
            self.rules.append(Rule(id, title, stage, provisions, function, key))
            return function

        return wrap

    def get(self, id: str) -> Rule[C]:
        if len(self._by_id) != len(self.rules):
            self._by_id = {rule.id: rule for rule in self.rules}
        return self._by_id[id]

    def steps(self, case: C, cache: StepCache) -> tuple[Step, ...]:
        """Apply every rule in order, reusing steps already computed for the same key."""
        found = []
        for rule in self.rules:
            step = self.step(rule, case, cache)
            if step is not None:
                found.append(step)
        return tuple(found)

    @staticmethod
    def step(rule: Rule[C], case: C, cache: StepCache) -> Step | None:
        """One rule applied to one case, through the cache."""
        if rule.key is None:
            return rule.apply(case)
        key = (rule.id, *rule.key(case))
        hit, step = cache.get(key)
        if not hit:
            step = rule.apply(case)
            cache.put(key, step)
        return step


class StepCache:
    """Steps by rule key. A what-if child cache reuses its parent's steps whose key does not
    mention a changed jurisdiction, so a reform re-computes only what it can affect."""

    def __init__(self, parent: StepCache | None = None, changed: frozenset[str] = frozenset()):
        self.own: dict[tuple[object, ...], Step | None] = {}
        self.parent = parent
        self.changed = changed

    def get(self, key: tuple[object, ...]) -> tuple[bool, Step | None]:
        if key in self.own:
            return True, self.own[key]
        if self.parent is not None and not self.changed.intersection(key):
            return self.parent.get(key)
        return False, None

    def put(self, key: tuple[object, ...], step: Step | None) -> None:
        self.own[key] = step


def make_step(
    rule: Rule[Any],
    outcome: Outcome,
    reason: str,
    reads: tuple[Read, ...] = (),
    provision: str = "",
    assurance: str = "",
    unblock: str = "",
    extra_citations: tuple[Citation, ...] = (),
) -> Step:
    """A step citing the facts it read; its confidence is the lowest among known inputs."""
    citations = tuple(dict.fromkeys(
        [r.citation for r in reads if r.citation is not None] + list(extra_citations)
    ))
    confidences: list[Confidence] = [
        r.confidence or "low" for r in reads if r.value != "unknown"
    ] + [c.confidence for c in extra_citations]
    return Step(
        rule=rule.id,
        title=rule.title,
        outcome=outcome,
        reason=reason,
        provision=provision or "; ".join(_pinpoints(reads)) or "; ".join(rule.provisions),
        citations=citations,
        confidence=lowest(confidences),
        facts=tuple(r.ref for r in reads),
        assurance=assurance,
        unblock=unblock,
    )


def _pinpoints(reads: tuple[Read, ...]) -> list[str]:
    found: list[str] = []
    for item in reads:
        if item.citation and item.citation.pinpoint:
            text = item.citation.pinpoint
            if text not in found:
                found.append(text)
    return found
