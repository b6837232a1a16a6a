"""Traces on demand: a grid holds kind ids only; a full `Verdict` (steps bound to the facts of
one pair, other routes, basis label) is assembled when someone reads a cell."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from .. import extradition, mla
from ..context import Context
from ..extradition import offence_terms
from ..results import CONFIDENCES, OUTCOMES, Step, StepKind, Verdict
from ..rules import Registry
from .build import Grid


def bind(
    ctx: Context,
    registry: Registry[Any],
    kind: StepKind,
    a: str,
    b: str,
    offence: str | None = None,
) -> Step:
    """A step kind with the facts it read for one pair (and offence)."""
    terms = offence_terms(ctx.offences[offence]) if offence else ()
    return Step(
        kind,
        tuple(ctx.read_slot(slot, a, b, offence or "") for slot in kind.slots),
        (a, b, *terms),
        "; ".join(registry.get(kind.rule).provisions),
    )


def verdict_at(ctx: Context, grid: Grid, a: int, b: int, column: int, person: int) -> Verdict:
    """The full verdict of one cell, with its trace."""
    code_a, code_b = grid.codes[a], grid.codes[b]
    offence = grid.columns[column] if grid.kind == "extradition" else None
    steps = tuple(
        bind(ctx, grid.registry, grid.kinds.values[k], code_a, code_b, offence)
        for k in grid.steps[:, a, b, column, person]
        if k
    )
    cell = (a, b, column, person)
    outcome = OUTCOMES[grid.verdicts[cell]]
    confidence = CONFIDENCES[grid.confidences[cell]]
    bounds = (OUTCOMES[grid.best[cell]], OUTCOMES[grid.worst[cell]])
    if grid.kind == "extradition":
        basis = grid.bases.items[grid.bases.ids[a, b, column]]
        offence, who = grid.columns[column], grid.persons[person]
        return extradition.assemble_verdict(
            ctx, code_a, code_b, offence, who, steps, outcome, confidence, bounds, basis
        )
    relation = grid.bases.items[grid.bases.ids[a, b]]
    measure = grid.columns[column]
    return mla.assemble_verdict(
        code_a, code_b, measure, None, steps, outcome, confidence, bounds, relation
    )


class Verdicts(Sequence[Verdict]):
    """Every verdict of a grid as a read-only sequence, built on demand (a world of traces
    would not fit in memory as objects; most readers need only counts from the arrays)."""

    def __init__(self, ctx: Context, grid: Grid) -> None:
        self.ctx, self.grid = ctx, grid
        n, c, p = len(grid.codes), len(grid.columns), len(grid.persons)
        self.shape = (n, n - 1, c, p)  # the partner axis skips the requesting state itself

    def cell(self, index: int) -> tuple[int, int, int, int]:
        """(requesting, requested, column, person) of the index-th question."""
        a, partner, column, person = np.unravel_index(index, self.shape)
        return int(a), int(partner) + int(partner >= a), int(column), int(person)

    def __len__(self) -> int:
        return int(np.prod(self.shape))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return verdict_at(self.ctx, self.grid, *self.cell(index))

    def __iter__(self) -> Iterator[Verdict]:
        for index in range(len(self)):
            yield verdict_at(self.ctx, self.grid, *self.cell(index))
