"""What-ifs: the verdicts that change when one fact of one state changes, computed by
evaluating again only the cells, rules and columns the fact can reach."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np

from ...core.models import Jurisdiction
from ..context import Context
from ..results import OUTCOMES, SEVERITY, Example
from .bases import basis_block, basis_side
from .build import (
    Block,
    Grid,
    RuleState,
    case_maker,
    evaluate_block,
    stored_side_a,
    stored_side_b,
)
from .outcomes import cell_bounds, headlines


def _fixed(side: np.ndarray) -> Callable[[RuleState], np.ndarray]:
    """A `Block` side that is the same for every rule (a what-if's new signature ids)."""
    return lambda state: side


class Change(NamedTuple):
    """What a what-if changes: the number of verdicts that move, by (before, after), and a few
    examples, improvements first."""

    counts: Counter[tuple[str, str]]
    examples: list[Example]


def what_if(grid: Grid, changed: Context, code: str, path: str, examples_wanted: int = 5) -> Change:
    """The verdicts that change when one fact of one state changes (`changed` holds the new
    file): counts by (before, after), and a few examples (question key, before, after),
    improvements first."""
    return what_ifs(grid, path, [(code, changed)], examples_wanted)[0]


def what_ifs(
    grid: Grid, path: str, changes: Sequence[tuple[str, Context]], examples_wanted: int = 5
) -> list[Change]:
    """`what_if` for one fact path changed in several states, each alone (one context per
    state, each with only that state's file changed), evaluated together: one block of the
    changed states' rows (as requesting state) and one of their columns (as requested state).
    Only those cells are re-evaluated, only in the column the fact belongs to (an offence's or
    a measure's own fact) if it belongs to one, only for the rules that read the fact (or the
    legal basis, if the fact is an input of its choice), and a rule runs only for combinations
    of inputs never seen before."""
    moves_basis = grid.kind == "extradition" and basis_fact(path)
    readers = [
        (r, state, state.rule.inputs.reads("a", path), state.rule.inputs.reads("b", path))
        for r, state in enumerate(grid.states)
    ]
    if moves_basis:
        readers = [
            (
                r,
                state,
                a or state.rule.inputs.basis is not None,
                b or state.rule.inputs.basis is not None,
            )
            for r, state, a, b in readers
        ]
    readers = [(r, state, a, b) for r, state, a, b in readers if a or b]
    if not readers or not changes:
        return [Change(Counter(), []) for _ in changes]
    xs = np.array([grid.position(code) for code, _ in changes])
    contexts = {int(x): ctx for x, (_, ctx) in zip(xs, changes, strict=True)}
    every = np.arange(len(grid.codes))
    own_column = _column_of(grid, path)
    columns = np.arange(len(grid.columns)) if own_column is None else np.array([own_column])
    row_bases, col_bases = _bases_after(grid, xs, changes, contexts, moves_basis)
    row_layers: dict[int, np.ndarray] = {}
    col_layers: dict[int, np.ndarray] = {}
    for r, state, as_a, as_b in readers:
        for role, wanted, layers in (("a", as_a, row_layers), ("b", as_b, col_layers)):
            if not wanted:
                continue
            new = np.stack(
                [
                    _side_after(
                        state,
                        ctx,
                        role,
                        ctx.jurisdictions[code],
                        grid.columns,
                        own_column,
                        int(x),
                        path,
                    )
                    for x, (code, ctx) in zip(xs, changes, strict=True)
                ]
            )
            if role == "a":
                block = Block(xs, every, _fixed(new), stored_side_b, row_bases, columns)
            else:
                block = Block(every, xs, stored_side_a, _fixed(new), col_bases, columns)
            make_case = case_maker(
                grid.ctx,
                grid.kind,
                grid.codes,
                grid.columns,
                grid.bases,
                block.basis_ids,
                block.rows,
                block.cols,
                contexts,
                0 if role == "a" else 1,
            )
            layers[r] = evaluate_block(grid, state, block, make_case, what_if=True)
    found = [Change(Counter(), []) for _ in changes]
    column_index = slice(None) if own_column is None else slice(own_column, own_column + 1)
    for layers, axis in ((row_layers, 0), (col_layers, 1)):
        if layers:
            index = (
                (xs, slice(None), column_index) if axis == 0 else (slice(None), xs, column_index)
            )
            _count_changes(grid, layers, index, axis, xs, columns, found, examples_wanted)
    for change in found:
        change.examples.sort(key=_improvement_first)  # stable
        del change.examples[examples_wanted:]
    return found


def _bases_after(
    grid: Grid,
    xs: np.ndarray,
    changes: Sequence[tuple[str, Context]],
    contexts: dict[int, Context],
    moves_basis: bool,
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Legal-basis ids of the changed states' rows and columns ([k, n, columns] and
    [n, k, columns]; None for assistance), chosen again if the fact is an input of the choice."""
    bases = grid.bases
    if grid.kind != "extradition":
        return None, None
    assert bases.ids is not None and bases.side_a is not None and bases.side_b is not None
    if not moves_basis:
        return bases.ids[xs], bases.ids[:, xs]
    every = np.arange(len(grid.codes))
    new_a = np.stack(
        [basis_side(ctx, bases, "a", ctx.jurisdictions[code]) for code, ctx in changes]
    )
    new_b = np.stack(
        [basis_side(ctx, bases, "b", ctx.jurisdictions[code]) for code, ctx in changes]
    )
    return (
        basis_block(grid.ctx, grid.codes, bases, xs, every, new_a, bases.side_b, contexts, 0),
        basis_block(grid.ctx, grid.codes, bases, every, xs, bases.side_a, new_b, contexts, 1),
    )


def _count_changes(
    grid: Grid,
    layers: dict[int, np.ndarray],
    index: tuple[Any, ...],
    axis: int,
    xs: np.ndarray,
    columns: np.ndarray,
    found: list[Change],
    examples_wanted: int,
) -> None:
    """Add to each changed state's counts (before, after) the verdicts that move in its row
    (axis 0) or column (axis 1) of the grid, and a few examples, improvements first."""
    old = grid.verdicts[index]
    # Only cells where a re-run rule gave a kind of another outcome or bounds can change (the
    # layers' kinds may differ from the grid's in confidence alone: `evaluate_block`).
    same = grid.kinds.outcome_ids()
    moved = np.zeros(old.shape, dtype=bool)
    for r, layer in layers.items():
        moved |= same[layer] != same[grid.steps[r][index]]
    best, worst = grid.best[index].copy(), grid.worst[index].copy()
    if moved.any():
        steps = _moved_steps(grid, layers, moved, xs, axis, columns)
        best[moved], worst[moved] = cell_bounds(grid.kinds, steps)
    new = headlines(best, worst)
    if axis == 1:  # the changed state first, as in the row block
        old, new = old.transpose(1, 0, 2, 3), new.transpose(1, 0, 2, 3)
    every = np.arange(len(grid.codes))
    moved = (new != old) & (xs[:, None] != every[None, :])[:, :, None, None]
    which, partner, column, person = np.nonzero(moved)
    if not len(which):
        return
    before, after = old[moved], new[moved]
    pairs, counts = np.unique((which * 4 + before) * 4 + after, return_counts=True)
    for pair, count in zip(pairs.tolist(), counts.tolist(), strict=True):
        found[pair // 16].counts[(OUTCOMES[pair // 4 % 4], OUTCOMES[pair % 4])] += count
    better = (after < before) & (after != SEVERITY["unknown"])
    order = np.lexsort((~better, which))  # by changed state, improvements first
    starts = np.searchsorted(which[order], np.arange(len(xs) + 1))
    for i in range(len(xs)):
        for n in order[starts[i] : min(starts[i + 1], starts[i] + examples_wanted)].tolist():
            here, there = grid.codes[xs[i]], grid.codes[partner[n]]
            a, b = (here, there) if axis == 0 else (there, here)
            question = (a, b, int(columns[column[n]]), int(person[n]))
            moves = (OUTCOMES[before[n]], OUTCOMES[after[n]])
            found[i].examples.append(_example(grid, *question, *moves))


def _moved_steps(
    grid: Grid,
    layers: dict[int, np.ndarray],
    moved: np.ndarray,
    xs: np.ndarray,
    axis: int,
    columns: np.ndarray,
) -> np.ndarray:
    """int32 [rules, moved cells]: the steps of the cells of a what-if block that moved, the
    re-run rules' from their new layers, the others' from the grid (gathered cell by cell:
    few of a block's cells move)."""
    i, j, column, person = np.nonzero(moved)
    rows, cols = (xs[i], j) if axis == 0 else (i, xs[j])
    steps = grid.steps[:, rows, cols, columns[column], person]
    for r, layer in layers.items():
        steps[r] = layer[moved]
    return steps


def improves(before: str, after: str) -> bool:
    """Whether a verdict that moves from `before` to `after` improves: it becomes possible or
    conditional, or conditional becomes possible."""
    return SEVERITY[after] < SEVERITY[before] and after != "unknown"


def _improvement_first(example: Example) -> bool:
    """Sort key: improvements before other changes."""
    return not improves(example.before, example.after)


# The fact paths that belong to one column: an offence's own facts, a measure's own facts.
_COLUMN_FACTS = {"extradition": "offences.", "mla": "evidence.measures."}


def _column_of(grid: Grid, path: str) -> int | None:
    """The column whose cells alone a fact can change (rules read a column's facts only through
    "{o}" in their input paths), or None when it can change every column."""
    prefix = _COLUMN_FACTS[grid.kind]
    if not path.startswith(prefix):
        return None
    column = path[len(prefix) :].partition(".")[0]
    return grid.columns.index(column) if column in grid.columns else None


def _side_after(
    state: RuleState,
    changed: Context,
    role: str,
    jurisdiction: Jurisdiction,
    columns: tuple[str, ...],
    own_column: int | None,
    x: int,
    path: str,
) -> np.ndarray:
    """A state's new signature ids after a change to one fact: only the column the fact
    belongs to can change, if it belongs to one, and only the inputs that read it."""
    before = state.side_a[x] if role == "a" else state.side_b[x]
    if own_column is None:
        return state.side_after_change(changed, role, jurisdiction, columns, before, path)
    after = before.copy()
    after[own_column] = state.side_after_change(
        changed,
        role,
        jurisdiction,
        (columns[own_column],),
        before[own_column : own_column + 1],
        path,
    )[0]
    return after


def basis_fact(path: str) -> bool:
    """Whether a fact is an input of the legal-basis choice."""
    return path == "extradition.legal_basis" or path.startswith("instruments.")


def _example(
    grid: Grid, a: str, b: str, column: int, person: int, before: str, after: str
) -> Example:
    """A question whose verdict moves, identified as `Verdict.key` identifies it."""
    if grid.kind == "extradition":
        offence, who = grid.columns[column], grid.persons[person] or ""
        return Example("extradition", a, b, offence, who, "", before, after)
    return Example("mla", a, b, "", "", grid.columns[column], before, after)
