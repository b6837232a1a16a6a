"""Bounds of a step: the outcomes its rule can give over the possible values of the unknown
facts it read.

An unknown fact does not make everything unknown. A rule that read an unknown fact is run again
with that fact taking each value of its closed set (for a number of years, one value below and
one above every threshold: 0 and 999), in a `Completion` of the context; a value that makes the
rule read another unknown fact branches again. The best and worst outcomes over all branches
are the step's bounds. An unknown the rule cannot enumerate (no treaty recorded either way; a
threshold on a part of the penalty range the corpus does not record) takes the bounds the rule
states, or the widest (possible to blocked).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from ..core.models import Fact, Jurisdiction, Relation, YearsFact
from .context import UNKNOWN, Read
from .results import OUTCOMES, FactRef, Outcome, Slot, Step, StepKind, combine, severity
from .rules import slot_of

# Branches explored per step before giving up and taking the widest bounds; far above what any
# rule of the corpus needs (the largest reads four unknown facts of up to seven values each).
MAX_BRANCHES = 4096
_YEARS = (0, 999)  # below and above every threshold a rule compares a penalty with
WIDEST: tuple[Outcome, Outcome] = ("possible", "blocked")
PARTY_OR_NOT = ("party", "not_party")  # what a rule tells apart of a party status


class Completion:
    """A context in which some unknown facts take assumed values. It answers everything else
    as the context it wraps, and records the unknown facts that were read without a value."""

    def __init__(self, base: Any, assumed: dict[tuple[str, str], object]) -> None:
        self._base = base
        self.assumed = assumed
        self.open: list[Read] = []

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._base, name)
        self.__dict__[name] = found  # the base does not change while a completion lives
        return found

    def read(self, owner: Jurisdiction | Relation, path: str) -> Read:
        return self._complete(self._base.read(owner, path))

    def read_member(self, relation: Relation, code: str, field_name: str) -> Read | None:
        found = self._base.read_member(relation, code, field_name)
        return None if found is None else self._complete(found)

    def _complete(self, found: Read) -> Read:
        if found.value != UNKNOWN:
            return found
        key = (found.ref.owner, found.ref.path)
        if key in self.assumed:
            value = self.assumed[key]
            return Read(
                value, FactRef(found.ref.owner, found.ref.path, str(value)), found.citation, "low"
            )
        self.open.append(found)
        return found


# The legal basis chosen where the choice turns on unknown facts: a virtual fact whose values
# are the indexes of `Basis.alternatives`, shared by the legal-basis step and every step whose
# rule reads something of the basis that differs between the alternatives.
BASIS_CHOICE: Slot = ("basis", "choice")

Assignment = tuple[tuple[Slot, object], ...]  # unknown facts (by role) and assumed values
Leaf = tuple[Assignment, Outcome, Outcome]  # a completion of a step and its (best, worst)


# Bounds of a plain unknown step (no undecided legal basis) by what decides them: the values,
# without confidences, of everything the rule reads (`memo_key`). Kept by the grid per rule.
BoundsMemo = dict[Any, tuple[Any, Any, tuple[Slot, ...], tuple[Leaf, ...]]]


def step_bounds(
    rule: Any, case: Any, step: Step | None, memo: BoundsMemo | None = None, memo_key: Any = None
) -> Step | None:
    """`step` with its bounds (best, worst) over the completions of the unknown facts it read,
    the facts any completion read (`reach`) and the completions themselves (`leaves`: which
    values of which facts lead to which outcome, so that steps sharing a fact can be combined
    exactly, see `joint_best`). Unchanged for a known step whose rule does not depend on an
    undecided legal basis."""
    alternatives = _basis_alternatives(rule, case)
    if alternatives:
        return _over_bases(rule, case, step, alternatives)
    if step is None or step.outcome != "unknown" or step.kind.best is not None:
        return step  # known, or bounded where it was made (a legal-basis choice)
    cached = memo.get(memo_key) if memo is not None else None
    if cached is not None:
        best, worst, slots, leaves = cached
        kind = dataclasses.replace(step.kind, best=best, worst=worst, reach=slots, leaves=leaves)
        return Step(kind, step.reads, step.who, step.default_provision)
    found: list[tuple[dict[tuple[str, str], object], Outcome, Outcome, Any]] = []
    reach: set[tuple[str, str]] = set()
    best, worst = explore(rule.apply, case, reach=reach, leaves=found)
    who = step.who
    leaves = (
        tuple((_relative(assumed, who), low, high) for assumed, low, high, _ in found)
        if found
        else (((), best, worst),)
    )
    slots = tuple(sorted({slot_of(FactRef(owner, path, ""), who) for owner, path in reach}))
    if memo is not None:
        memo[memo_key] = (best, worst, slots, leaves)
    kind = dataclasses.replace(step.kind, best=best, worst=worst, reach=slots, leaves=leaves)
    return Step(kind, step.reads, step.who, step.default_provision)


def basis_part(reads: Any, basis: Any) -> object:
    """What a rule reads of a legal basis (`Inputs.basis`), with, for a basis that turns on
    unknown facts, what it would read of each basis those facts could lead to."""
    alternatives = getattr(basis, "alternatives", ())
    if not alternatives or reads == "step":
        return reads(basis) if callable(reads) else basis
    own = reads(basis)
    others = tuple(reads(other) for other in alternatives)
    return own if all(other == own for other in others) else (own, others)


def _basis_alternatives(rule: Any, case: Any) -> tuple[Any, ...]:
    """The alternative bases of the case's legal basis, if the rule reads something of the
    basis that differs between them (the legal-basis rule itself: always)."""
    basis = getattr(case, "basis", None)
    alternatives = getattr(basis, "alternatives", ())
    reads = rule.inputs.basis
    if not alternatives or reads is None:
        return ()
    differs = reads == "step" or basis_part(reads, basis) != reads(basis)
    return alternatives if differs else ()


def _over_bases(
    rule: Any, case: Any, step: Step | None, alternatives: tuple[Any, ...]
) -> Step | None:
    """A step whose rule depends on a legal basis that turns on unknown facts: its bounds are
    those of the rule under each basis a completion could lead to, and its completions are
    tagged with which (`BASIS_CHOICE`). The step shown is the rule's under the undecided
    basis, or, where the rule gave none there, a step saying that it depends on the basis."""
    leaves: list[Leaf] = []
    reach: set[Slot] = {BASIS_CHOICE}
    steps: list[Step | None] = []
    for index, other in enumerate(alternatives):
        if rule.inputs.basis == "step":
            under = other.step
        else:
            under = rule.bounded(dataclasses.replace(case, basis=other))
        steps.append(under)
        choice = ((BASIS_CHOICE, index),)
        if under is None:
            leaves.append((choice, "possible", "possible"))
            continue
        if under.kind.leaves:
            leaves.extend(
                (choice + assigned, low, high) for assigned, low, high in under.kind.leaves
            )
        else:
            low, high = _range(under)
            leaves.append((choice, low, high))
        reach.update(under.kind.reach)
    best = OUTCOMES[min(severity(low) for _, low, _ in leaves)]
    worst = OUTCOMES[max(severity(high) for _, _, high in leaves)]
    if best == worst and rule.inputs.basis != "step":
        # Every basis gives the same: the step of one of them says so (none: does not apply).
        same = [under for under in steps if under is not None and under.outcome == best]
        return same[0] if same else step if step is not None and step.outcome == best else None
    if step is None:
        from .rules import make_step

        step = make_step(
            rule,
            case.who,
            "unknown",
            "Whether this applies depends on the legal basis, which turns on unknown facts.",
        )
    kind = step.kind
    outcome = kind.outcome if best == worst == kind.outcome else "unknown"
    kind = dataclasses.replace(
        kind,
        outcome=outcome,
        best=best,
        worst=worst,
        reach=tuple(sorted(reach)),
        leaves=tuple(leaves),
    )
    return Step(kind, step.reads, step.who, step.default_provision)


def _range(step: Step) -> tuple[Outcome, Outcome]:
    """A step's bounds; for an unknown that no completion explains, those its rule states."""
    if step.outcome == "unknown" and step.kind.best is None:
        return step.kind.bounds or WIDEST
    return step.kind.range


def _relative(assumed: dict[tuple[str, str], object], who: tuple[str, ...]) -> Assignment:
    return tuple(
        sorted(
            (slot_of(FactRef(owner, path, ""), who), value)
            for (owner, path), value in assumed.items()
        )
    )


def with_context(case: Any, ctx: Any) -> Any:
    """`case` in another context: a shallow copy of its fields, made directly (several times
    faster than `copy.copy`, let alone `dataclasses.replace`, which re-runs the constructor) in
    the innermost loop of bounds. Cases are frozen dataclasses without slots."""
    found = object.__new__(type(case))
    found.__dict__.update(case.__dict__)
    found.__dict__["ctx"] = ctx
    return found


def explore(
    apply: Any,
    case: Any,
    reach: set[tuple[str, str]] | None = None,
    leaves: list[Any] | None = None,
    domain: Any = None,
) -> tuple[Outcome, Outcome]:
    """The best and worst outcomes of `apply` over the completions of the unknown facts it
    reads (a rule that does not apply counts as possible). `reach` collects every unknown fact
    a completion read; `leaves` each completion that branches no further, as (assumed values,
    best, worst, what `apply` returned). `domain` (like `fact_domain`) may give a smaller set
    of values where `apply` treats several alike."""
    pending: list[dict[tuple[str, str], object]] = [{}]
    best, worst = 3, 0
    runs = 0
    while pending:
        runs += 1
        if runs > MAX_BRANCHES:
            if leaves is not None:
                leaves.clear()  # too many to keep: one leaf with the widest bounds
            return WIDEST
        assumed = pending.pop()
        probe = Completion(case.ctx, assumed)
        found = apply(with_context(case, probe))
        if reach is not None:
            reach.update((r.ref.owner, r.ref.path) for r in probe.open)
        outcome: Outcome = "possible" if found is None else found.outcome
        if outcome == "unknown":
            branch = _first_enumerable(probe.open, domain)
            if branch is not None:
                key, values = branch
                pending.extend({**assumed, key: value} for value in values)
                continue
            low, high = found.kind.bounds or WIDEST
        else:
            low = high = outcome
        if leaves is not None:
            leaves.append((assumed, low, high, found))
        best, worst = min(best, severity(low)), max(worst, severity(high))
        if best == 0 and worst == 3 and reach is None and leaves is None:
            break  # nothing can widen the bounds further
    return OUTCOMES[best], OUTCOMES[worst]  # OUTCOMES is in order of severity


def verdict_bounds(kinds: Sequence[StepKind]) -> tuple[Outcome, Outcome]:
    """The best and worst case of a verdict over the completions of its unknown facts.

    The worst case is the most severe of the steps' own worst cases: each is reached by some
    completion, and a verdict is at least as severe as any of its steps. The best case is not
    always the most severe of the steps' best cases: an unknown fact read by two steps (a life
    sentence meets the penalty threshold but meets the life-sentence bar; an undecided legal
    basis, `BASIS_CHOICE`) cannot take the value each step prefers at once (`joint_best`)."""
    return joint_best(kinds), combine([k.range[1] for k in kinds])


@functools.lru_cache(maxsize=65536)
def joint_best(kinds: Sequence[StepKind]) -> Outcome:
    """The best case of steps whose completions (`StepKind.leaves`) may share unknown facts:
    over every assignment of values to the shared facts, the most severe of each step's best
    completion consistent with it; the least severe over the assignments. Exact, since facts
    that are not shared vary freely step by step."""
    kinds = tuple(kinds)
    seen: set[Slot] = set()
    shared: set[Slot] = set()
    for kind in kinds:
        for slot in kind.reach:
            (shared if slot in seen else seen).add(slot)
    own = [kind.range[0] for kind in kinds]
    if not shared:
        return combine(own)
    coupled = [k for k in kinds if shared.intersection(k.reach)]
    free = [kind.range[0] for kind in kinds if not shared.intersection(kind.reach)]
    order = sorted(shared)
    domains: list[list[object]] = [[] for _ in order]
    for kind in coupled:
        for assigned, _, _ in kind.leaves:
            for slot, value in assigned:
                if slot in shared:
                    values = domains[order.index(slot)]
                    if value not in values:
                        values.append(value)
    if not 0 < math.prod(len(values) for values in domains) <= MAX_BRANCHES:
        return combine(own)  # cannot enumerate: the steps' own best cases (a lower bound)
    # Each kind's completions as (the shared facts they assume, best severity): facts a kind
    # alone reads vary freely, so only the shared ones constrain it.
    tables = [
        [
            (tuple((slot, value) for slot, value in assigned if slot in shared), severity(low))
            for assigned, low, _ in kind.leaves
        ]
        for kind in coupled
    ]
    best = 3
    for combination in itertools.product(*domains):
        chosen = dict(zip(order, combination, strict=True))
        here = 0
        for table in tables:
            low = min(
                (sev for assigned, sev in table if all(chosen[s] == v for s, v in assigned)),
                default=3,
            )
            if low > here:
                here = low
                if here >= best:
                    break  # this assignment cannot improve the best case
        best = min(best, here)
        if best == 0:
            break
    return combine([OUTCOMES[best], *free])


def _first_enumerable(
    reads: list[Read], domain: Any = None
) -> tuple[tuple[str, str], tuple[object, ...]] | None:
    for found in reads:
        values = (domain or fact_domain)(found.ref.owner.startswith("relation:"), found.ref.path)
        if values:
            return (found.ref.owner, found.ref.path), values
    return None


def is_party_status(of_relation: bool, path: str) -> bool:
    """Whether a fact path is a state's party status to an instrument."""
    return not of_relation and path.startswith("instruments.") and path.endswith(".status")


@functools.lru_cache(maxsize=4096)
def fact_domain(of_relation: bool, path: str) -> tuple[object, ...]:
    """The values a fact at `path` can take besides `unknown` (empty when not enumerable:
    free text, or a path the schema does not have). A party status is completed as party or
    not party: every rule asks only whether a state is a party, so a signatory leads where a
    non-party does (a test checks the rules against the full set)."""
    if is_party_status(of_relation, path):
        return PARTY_OR_NOT
    node: Any = Relation if of_relation else Jurisdiction
    parts = path.split(".")
    index = 0
    while index < len(parts):
        part = parts[index]
        if isinstance(node, type) and issubclass(node, BaseModel):
            if node is Relation and part == "parties":
                from ..core.models import Membership

                node, index = Membership, index + 2  # parties.<code>.<field>
                continue
            info = node.model_fields.get(part)
            if info is None:
                return ()
            node = _model_of(info.annotation)
            index += 1
            continue
        if isinstance(node, tuple) and node[0] == "dict":
            node = node[1]
            index += 1
            continue
        return ()
    if isinstance(node, type) and issubclass(node, Fact):
        if issubclass(node, YearsFact) or node.__name__ == "NumberFact":
            return _YEARS
        annotation = node.model_fields["value"].annotation
        values = tuple(v for v in _literals(annotation) if v != UNKNOWN)
        return values
    return ()


def _model_of(annotation: Any) -> Any:
    """The model class (or ("dict", value model)) a field annotation holds."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_of(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                found = _model_of(arg)
                if found is not None:
                    return found
        return None
    if origin is dict:
        return ("dict", _model_of(typing.get_args(annotation)[1]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _literals(annotation: Any) -> tuple[object, ...]:
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        found: list[object] = []
        for arg in typing.get_args(annotation):
            found.extend(_literals(arg))
        return tuple(found)
    return ()
