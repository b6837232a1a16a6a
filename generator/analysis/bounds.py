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
import types
import typing
from typing import Any

from pydantic import BaseModel

from ..models import Fact, Jurisdiction, Relation, YearsFact
from .context import UNKNOWN, Read
from .results import OUTCOMES, FactRef, Outcome, Step, severity

# Branches explored per step before giving up and taking the widest bounds; far above what any
# rule of the corpus needs (the largest reads four unknown facts of up to seven values each).
MAX_BRANCHES = 4096
_YEARS = (0, 999)  # below and above every threshold a rule compares a penalty with
WIDEST: tuple[Outcome, Outcome] = ("possible", "blocked")


class Completion:
    """A context in which some unknown facts take assumed values. It answers everything else
    as the context it wraps, and records the unknown facts that were read without a value."""

    def __init__(self, base: Any, assumed: dict[tuple[str, str], object]) -> None:
        self._base = base
        self.assumed = assumed
        self.open: list[Read] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)

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


def step_bounds(apply: Any, case: Any, step: Step | None) -> Step | None:
    """`step` with its bounds (best, worst) set; unchanged unless its outcome is unknown."""
    if step is None or step.outcome != "unknown" or step.kind.best is not None:
        return step  # known, or bounded where it was made (a legal-basis choice)
    best, worst = explore(apply, case)
    kind = dataclasses.replace(step.kind, best=best, worst=worst)
    return Step(kind, step.reads, step.who, step.default_provision)


def explore(apply: Any, case: Any) -> tuple[Outcome, Outcome]:
    """The best and worst outcomes of `apply` over the completions of the unknown facts it
    reads (a rule that does not apply counts as possible)."""
    pending: list[dict[tuple[str, str], object]] = [{}]
    best, worst = 3, 0
    runs = 0
    while pending:
        runs += 1
        if runs > MAX_BRANCHES:
            return WIDEST
        assumed = pending.pop()
        probe = Completion(case.ctx, assumed)
        found = apply(dataclasses.replace(case, ctx=probe))
        outcome: Outcome = "possible" if found is None else found.outcome
        if outcome == "unknown":
            branch = _first_enumerable(probe.open)
            if branch is not None:
                key, values = branch
                pending.extend({**assumed, key: value} for value in values)
                continue
            low, high = found.kind.bounds or WIDEST
        else:
            low = high = outcome
        best, worst = min(best, severity(low)), max(worst, severity(high))
        if best == 0 and worst == 3:
            break  # nothing can widen the bounds further
    return OUTCOMES[best], OUTCOMES[worst]  # OUTCOMES is in order of severity


def _first_enumerable(reads: list[Read]) -> tuple[tuple[str, str], tuple[object, ...]] | None:
    for found in reads:
        values = fact_domain(found.ref.owner.startswith("relation:"), found.ref.path)
        if values:
            return (found.ref.owner, found.ref.path), values
    return None


@functools.lru_cache(maxsize=4096)
def fact_domain(of_relation: bool, path: str) -> tuple[object, ...]:
    """The values a fact at `path` can take besides `unknown` (empty when not enumerable:
    free text, or a path the schema does not have)."""
    node: Any = Relation if of_relation else Jurisdiction
    parts = path.split(".")
    index = 0
    while index < len(parts):
        part = parts[index]
        if isinstance(node, type) and issubclass(node, BaseModel):
            if node is Relation and part == "parties":
                from ..models import Membership

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
