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

    def register(
        self, id: str, title: str, stage: str, provisions: tuple[str, ...] = ()
    ) -> Callable[[Callable[[C], Step | None]], Callable[[C], Step | None]]:
        def wrap(function: Callable[[C], Step | None]) -> Callable[[C], Step | None]:
            self.rules.append(Rule(id, title, stage, provisions, function))
            return function

        return wrap

    def get(self, id: str) -> Rule[C]:
        return next(rule for rule in self.rules if rule.id == id)


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
