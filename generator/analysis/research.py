"""Research priorities: the unknown facts that keep the most verdicts open.

A verdict is open when its best and worst case differ: some step could not decide because a
fact it read is unknown, and the values that fact can take lead to different outcomes (an
`unknown` verdict, or a `conditional` one where research could still show no condition). For
every unknown fact this counts the open verdicts waiting on it, and those for which it is the
only unknown fact their undecided steps read: researching it settles them, unless the answer
leads a rule on to another fact the corpus does not have. A fact whose every value gives the
same outcome is not wanted. Verdicts left open for a reason that is not a fact (no treaty
recorded either way) are not counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from .context import UNKNOWN, Context
from .grid import Grid, Interner
from .results import ResearchNeed, Slot


@dataclass(frozen=True)
class _FactTable:
    """The facts one slot names across the grid: id and whether unknown, per state (and column
    where the path has {o}), or one fact for a relation's own clause."""

    role: str  # "a" or "b": indexed by that state; "": the same fact in every cell
    per_column: bool
    ids: np.ndarray  # int64 [n, width] or [1, 1]
    unknown: np.ndarray  # bool, same shape


def research_priorities(ctx: Context, grids: dict[str, Grid]) -> tuple[ResearchNeed, ...]:
    """Every unknown fact some undecided step read, most verdicts settled first."""
    facts = Interner()  # (owner, path) → id
    waiting: list[np.ndarray] = []
    alone: list[np.ndarray] = []
    for grid in grids.values():
        reads = list(_unknown_reads(ctx, grid, facts))
        readers = np.zeros(grid.verdicts.size, dtype=np.int32)
        for cells, _ in reads:
            readers[cells] += 1  # cells are distinct within one slot
        for cells, ids in reads:
            waiting.append(ids)
            alone.append(ids[readers[cells] == 1])
    waited = np.bincount(np.concatenate(waiting or [np.zeros(0, np.int64)]), minlength=len(facts))
    settled = np.bincount(np.concatenate(alone or [np.zeros(0, np.int64)]), minlength=len(facts))
    needs = []
    for i in np.nonzero(waited)[0].tolist():
        owner, path = facts.values[i]  # interned (owner, path)
        needs.append(ResearchNeed(owner, path, int(waited[i]), int(settled[i])))
    return tuple(
        sorted(needs, key=lambda need: (-need.alone, -need.waiting, need.owner, need.path))
    )


def _unknown_reads(
    ctx: Context, grid: Grid, facts: Interner
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Per slot some undecided step reads: the unknown verdicts (flat cell indexes, distinct)
    in which such a step read the slot's fact while it is unknown, and that fact's id in each.
    Distinct slots name distinct facts in a cell, so no fact is counted twice in a verdict."""
    kinds = grid.kinds.values
    undecided_kind = np.array(
        [k is not None and k.outcome == "unknown" and k.range[0] != k.range[1] for k in kinds]
    )
    slots = Interner()  # slot → id (0: none)
    slots_of_kind = [
        tuple(slots(slot) for slot in kind.slots) if undecided_kind[kind_id] else ()
        for kind_id, kind in enumerate(kinds)
    ]
    undecided = (grid.best != grid.worst).ravel()
    batches: list[list[np.ndarray]] = [[] for _ in range(len(slots))]
    for layer in grid.steps:
        flat = layer.ravel()
        cells = np.nonzero(undecided & undecided_kind[flat])[0]
        if not len(cells):
            continue
        # The cells of each undecided kind together (one sort per layer), then the kind's
        # slots take them.
        order = np.argsort(flat[cells], kind="stable")
        cells, kind_ids = cells[order], flat[cells][order]
        starts = np.flatnonzero(np.diff(kind_ids, prepend=-1))
        ends = np.append(starts[1:], len(kind_ids))
        for kind_id, start, end in zip(
            kind_ids[starts].tolist(), starts.tolist(), ends.tolist(), strict=True
        ):
            for slot_id in slots_of_kind[kind_id]:
                batches[slot_id].append(cells[start:end])
    seen = np.zeros(grid.verdicts.size, dtype=bool)
    n, _, columns, persons = grid.verdicts.shape
    for slot_id in range(1, len(slots)):
        if not batches[slot_id]:
            continue  # a kind of the table that no cell of this grid has
        seen[:] = False
        seen[np.concatenate(batches[slot_id])] = True  # a fact counts once per verdict
        cells = np.nonzero(seen)[0]
        table = _fact_table(ctx, grid, slots.values[slot_id], facts)
        if not table.role:
            index: tuple[Any, Any] = (0, 0)
        else:
            state = (
                cells // (n * columns * persons)
                if table.role == "a"
                else cells // (columns * persons) % n
            )
            index = (state, cells // persons % columns if table.per_column else 0)
        unknown = np.broadcast_to(table.unknown[index], cells.shape)
        ids = np.broadcast_to(table.ids[index], cells.shape)
        yield cells[unknown], ids[unknown]


def _fact_table(ctx: Context, grid: Grid, slot: Slot, facts: Interner) -> _FactTable:
    """Which fact a slot names in each cell, and whether it is unknown (see `_FactTable`)."""
    owner, path = slot
    if owner in ("a", "b") or path.startswith("parties.{"):
        role = owner if owner in ("a", "b") else ("a" if path.startswith("parties.{a}") else "b")
        per_column = "{o}" in path
        columns = grid.columns if per_column else ("",)
        ids = np.array(
            [
                [
                    facts(
                        (owner if owner not in ("a", "b") else code, _concrete(path, code, column))
                    )
                    for column in columns
                ]
                for code in grid.codes
            ],
            dtype=np.int64,
        )
        unknown = np.array(
            [
                [ctx.read_slot(slot, code, code, column).value == UNKNOWN for column in columns]
                for code in grid.codes
            ]
        )
        return _FactTable(role, per_column, ids, unknown)
    return _FactTable(
        "",
        False,
        np.array([[facts(slot)]], dtype=np.int64),
        np.array([[ctx.read_slot(slot, grid.codes[0], grid.codes[0]).value == UNKNOWN]]),
    )


def _concrete(path: str, code: str, column: str) -> str:
    """A slot path for one state and column: {o} and the party placeholder filled in."""
    return path.replace("{o}", column).replace("{a}", code).replace("{b}", code)
