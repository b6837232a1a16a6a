"""The rule registry: each rule is a small named unit with an id, a title, its provisions and a
docstring in plain words. The methodology page is generated from this registry."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .context import UNKNOWN, Read
from .results import (
    CONFIDENCE_RANK,
    CONFIDENCES,
    Citation,
    Confidence,
    FactRef,
    Outcome,
    Slot,
    Step,
    StepKind,
)

C = TypeVar("C")


@dataclass(frozen=True)
class Inputs:
    """Everything a rule's step may depend on besides the two states' identities. The
    world-scale evaluation (`grid`) computes one step kind per distinct combination of these
    inputs and shares it between all cases that have it, so a rule must read nothing else.

    `a` and `b` are fact paths of the requesting and requested state; "{o}" stands for the
    column (offence or measure id). `a_extra`/`b_extra` compute other per-state inputs (e.g.
    which either/or elements a definition implements). `basis`: the chosen legal basis (what
    of it the rule reads, e.g. its relation; "step" when the rule reports the basis step
    itself). `pair`: inputs that belong to the pair itself (a designation naming the partner).
    `person`: the person scenario. `column`: the offence or measure itself (its id, name or
    category appear in the step)."""

    a: tuple[str, ...] = ()
    b: tuple[str, ...] = ()
    a_extra: Callable[[Any, Any, str], object] | None = None
    b_extra: Callable[[Any, Any, str], object] | None = None
    basis: str | Callable[[Any], object] | None = None
    pair: Callable[[Any, str, str], object] | None = None
    person: bool = False
    # True: the step depends on the column (offence or measure) itself; a function of (context,
    # column id): only on what it returns, the offence appearing in texts as {offence}, {category}
    # and in fact paths as {o}.
    column: bool | Callable[[Any, Any], object] = True
    extra_reads: tuple[str, ...] = ()  # fact paths (prefixes) the extra inputs read

    def reads(self, role: str, path: str) -> bool:
        """Whether a change to the fact at `path` of the state in `role` can change a step."""
        return _reads(self, role, path)


@functools.lru_cache(maxsize=65536)
def _reads(inputs: Inputs, role: str, path: str) -> bool:
    paths = inputs.a if role == "a" else inputs.b
    extra = inputs.a_extra if role == "a" else inputs.b_extra
    patterns = paths + (inputs.extra_reads if extra is not None else ())
    return any(matches(pattern, path) for pattern in patterns)


def matches(pattern: str, path: str) -> bool:
    """`offences.{o}.criminalised` matches `offences.fraud.criminalised`; a pattern also
    matches the paths under it."""
    head, marker, tail = pattern.partition("{o}")
    if not marker:
        return path == pattern or path.startswith(pattern + ".")
    if not path.startswith(head):
        return False
    rest = path[len(head) :].partition(".")[2]
    return rest == tail.lstrip(".") or rest.startswith(tail.lstrip(".") + ".")


@dataclass(frozen=True)
class Rule(Generic[C]):
    """One rule of the engine."""

    id: str
    title: str
    stage: str
    provisions: tuple[str, ...]
    apply: Callable[[C], Step | None]
    inputs: Inputs = Inputs()

    def bounded(self, case: C) -> Step | None:
        """The rule's step for a case, with the bounds of an unknown outcome (see `bounds`)."""
        from .bounds import step_bounds

        return step_bounds(self, case, self.apply(case))

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
        self,
        id: str,
        title: str,
        stage: str,
        provisions: tuple[str, ...] = (),
        inputs: Inputs = Inputs(),
    ) -> Callable[[Callable[[C], Step | None]], Callable[[C], Step | None]]:
        """Register a rule with the inputs its step depends on (see `Inputs`)."""

        def wrap(function: Callable[[C], Step | None]) -> Callable[[C], Step | None]:
            self.rules.append(Rule(id, title, stage, provisions, function, inputs))
            return function

        return wrap

    def get(self, id: str) -> Rule[C]:
        if len(self._by_id) != len(self.rules):
            self._by_id = {rule.id: rule for rule in self.rules}
        return self._by_id[id]

    def steps(self, case: C) -> tuple[Step, ...]:
        """Apply every rule in order to one case, each step with its bounds."""
        return tuple(step for rule in self.rules if (step := rule.bounded(case)) is not None)


def make_step(
    rule: Rule[Any],
    who: tuple[str, ...],
    outcome: Outcome,
    reason: str,
    reads: tuple[Read, ...] = (),
    provision: str = "",
    assurance: str = "",
    unblock: str = "",
    extra_citations: tuple[Citation, ...] = (),
    bounds: tuple[Outcome, Outcome] | None = None,
) -> Step:
    """A step citing the facts it read; its confidence is the lowest among known inputs.

    `who` is (requesting code, requested code[, offence id]); texts use {a} and {b} for their
    names and {offence}/{category}/{o} for the offence, and the facts read are recorded by
    role, so the same kind serves every case with the same inputs. `bounds` (best, worst): for
    an unknown outcome that no unknown fact explains, what the rule knows it could still be."""
    kind = StepKind(
        rule=rule.id,
        title=rule.title,
        outcome=outcome,
        reason=reason,
        slots=tuple(slot_of(r.ref, who) for r in reads),
        provision=provision,
        assurance=assurance,
        unblock=unblock,
        extra_citations=tuple(extra_citations),
        confidence=step_confidence(reads, extra_citations),
        bounds=bounds,
    )
    return Step(kind, tuple(reads), who, "; ".join(rule.provisions))


NOTHING_COUNTED = len(CONFIDENCES)  # a rank above every confidence: nothing counted yet


def counted_rank(read: Read) -> int:
    """The confidence rank a fact read counts with in a step's confidence: `NOTHING_COUNTED`
    for an unknown value (it does not count), 0 (low) for a known fact without a confidence."""
    if read.value == UNKNOWN:
        return NOTHING_COUNTED
    return CONFIDENCE_RANK[read.confidence] if read.confidence else 0


def citations_rank(citations: Iterable[Citation]) -> int:
    """The lowest confidence rank among further citations (`NOTHING_COUNTED`: none)."""
    return min((CONFIDENCE_RANK[c.confidence] for c in citations), default=NOTHING_COUNTED)


def step_confidence(reads: Iterable[Read], extra_citations: Iterable[Citation]) -> Confidence:
    """A step's confidence: the lowest among the known facts it read and its further
    citations (`counted_rank`; `low` when there are none). The grid computes the same on
    arrays for each distinct combination of inputs (`grid.build._with_confidences`)."""
    rank = citations_rank(extra_citations)
    for read in reads:
        rank = min(rank, counted_rank(read))
    return CONFIDENCES[rank] if rank < NOTHING_COUNTED else "low"


def slot_of(ref: FactRef, who: tuple[str, ...]) -> Slot:
    """A fact reference made relative to the two roles (requesting 'a', requested 'b') and to
    the offence ({o})."""
    return _slot(ref.owner, ref.path, who[0], who[1], who[2] if len(who) > 2 else "")


@functools.lru_cache(maxsize=65536)
def _slot(owner: str, path: str, a: str, b: str, offence: str) -> Slot:
    if owner == a or owner == b:
        if offence:
            path = path.replace(f"offences.{offence}.", "offences.{o}.")
        return ("a" if owner == a else "b", path)
    return (
        owner,
        path.replace(f"parties.{a}.", "parties.{a}.").replace(f"parties.{b}.", "parties.{b}."),
    )


def names_of(who: tuple[str, ...]) -> tuple[str, str]:
    from ..core.countries import country_name

    return (country_name(who[0]), country_name(who[1]))
