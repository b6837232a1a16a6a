"""Legal bases for the whole world (extradition: one `Basis` per cell, chosen once per distinct
combination of its inputs; assistance: the relation between each pair), and pair inputs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ...core.models import Jurisdiction
from ..context import Context
from ..extradition import select_basis
from ..mla import mla_relation
from .keys import Interner


def pair_ids(
    ctx: Context,
    function: Callable[[Context, str, str], object],
    codes: Sequence[str],
    interner: Interner,
) -> np.ndarray:
    """int32 [n, n]: ids of a pair input, computed only for states that share a relation
    (by contract the input is None for all others)."""
    found = np.zeros((len(codes), len(codes)), dtype=np.int32)
    position = {code: i for i, code in enumerate(codes)}
    for a, b in sorted(related_pairs(ctx)):
        if a in position and b in position:
            found[position[a], position[b]] = interner(function(ctx, a, b))
    return found


def related_pairs(ctx: Context) -> set[tuple[str, str]]:
    """Directed pairs of states that are parties to a common relation."""
    return {
        (p.code, q.code)
        for r in ctx.corpus.relations
        for p in r.parties
        for q in r.parties
        if p.code != q.code
    }


def _keys(parts: list[tuple[np.ndarray, int]], shape: tuple[int, ...]) -> np.ndarray:
    """One int64 key per cell from several broadcastable id arrays (mixed radix)."""
    key = np.zeros(shape, dtype=np.int64)
    for array, radix in parts:
        key = key * max(radix, 1) + array
    return key


def _distinct(
    parts: list[tuple[np.ndarray, int]], shape: tuple[int, ...], skip: np.ndarray
) -> tuple[list[tuple[int, ...]], np.ndarray, np.ndarray]:
    """The distinct input combinations of a block: their component ids, one cell index each,
    and each cell's combination number. Cells in `skip` (the diagonal) get their own number."""
    keys = _keys(parts, shape)
    keys[skip] = -1
    unique, first, inverse = np.unique(keys.ravel(), return_index=True, return_inverse=True)
    where = np.unravel_index(first, shape)
    columns = np.stack(
        [
            np.broadcast_to(
                array[tuple(ix if array.shape[d] > 1 else 0 for d, ix in enumerate(where))],
                first.shape,
            )
            for array, _ in parts
        ],
        axis=1,
    ).tolist()
    combos = [
        () if key == -1 else tuple(row) for key, row in zip(unique.tolist(), columns, strict=True)
    ]
    return combos, first, inverse.reshape(shape)


@dataclass
class Bases:
    """Legal bases (extradition: `Basis` objects; assistance: relations or None) by id, with
    the memo that shares one basis between all pairs with the same inputs."""

    items: list[Any] = field(default_factory=lambda: [None])
    sides: Interner = field(default_factory=Interner)
    pairs: Interner = field(default_factory=Interner)
    memo: dict[tuple[int, ...], int] = field(default_factory=dict)
    ids: np.ndarray = field(init=False)  # int32 [n, n, columns] (extradition) or [n, n] (mla)
    groups: list[tuple[str, ...]] = field(default_factory=list)
    group_of: np.ndarray | None = None  # column -> convention group
    pair: np.ndarray | None = None  # int32 [n, n]: relations between the two
    side_a: np.ndarray | None = None  # int32 [n, groups]
    side_b: np.ndarray | None = None


def _relations_input(ctx: Context, a: str, b: str) -> tuple[object, ...]:
    """The relations that may give a pair its legal basis, with their direction."""
    return tuple(
        (r.id, r.kind == "designation" and r.directed and r.parties[0].code == b)
        for r in ctx.relations_between(a, b, "extradition")
    )


def _basis_paths(ctx: Context, group: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    instruments = [
        i
        for i in group
        if (ctx.instruments.get(i) is not None and ctx.instruments[i].extradition_basis_article)
    ]
    a_paths = tuple(f"instruments.{i}.status" for i in instruments)
    b_paths = (
        a_paths
        + tuple(f"instruments.{i}.accepts_as_extradition_basis" for i in instruments)
        + ("extradition.legal_basis",)
    )
    return a_paths, b_paths


def basis_side(ctx: Context, bases: Bases, role: str, jurisdiction: Jurisdiction) -> np.ndarray:
    """int32 [groups]: a state's basis-signature ids per convention group."""
    found = []
    for group in bases.groups:
        paths = _basis_paths(ctx, group)[0 if role == "a" else 1]
        found.append(
            bases.sides(
                (
                    role,
                    group,
                    tuple(
                        (r.value, r.confidence) for r in (ctx.read(jurisdiction, p) for p in paths)
                    ),
                )
            )
        )
    return np.array(found, dtype=np.int32)


def basis_block(
    ctx: Context,
    grid_codes: tuple[str, ...],
    bases: Bases,
    rows: np.ndarray,
    cols: np.ndarray,
    side_a: np.ndarray,
    side_b: np.ndarray,
    changed: dict[int, Context] | None = None,
    changed_role: int = 0,
) -> np.ndarray:
    """int32 [rows, cols, columns]: basis ids for a block (one `select_basis` per new input;
    `changed` as in `case_maker`)."""
    g = len(bases.groups)
    shape = (len(rows), len(cols), g)
    assert bases.pair is not None  # set with the groups, for extradition
    parts = [
        (side_a[:, None, :], len(bases.sides)),
        (side_b[None, :, :], len(bases.sides)),
        (bases.pair[np.ix_(rows, cols)][:, :, None], len(bases.pairs)),
        (np.arange(g)[None, None, :], g),
    ]
    skip = np.broadcast_to((rows[:, None] == cols[None, :])[:, :, None], shape)
    combos, first, inverse = _distinct(parts, shape, skip)
    basis_of = np.zeros(len(combos), dtype=np.int32)
    offences = {o.convention_offence_of: o for o in ctx.corpus.offences}
    for number, combo in enumerate(combos):
        if not combo:
            continue
        found = bases.memo.get(combo)
        if found is None:
            i, j, group = np.unravel_index(first[number], shape)
            a, b = int(rows[i]), int(cols[j])
            here = ctx if changed is None else changed[(a, b)[changed_role]]
            basis = select_basis(
                here,
                here.jurisdictions[grid_codes[a]],
                here.jurisdictions[grid_codes[b]],
                offences[bases.groups[group]],
            )
            bases.items.append(basis)
            found = bases.memo[combo] = len(bases.items) - 1
        basis_of[number] = found
    return basis_of[inverse][:, :, bases.group_of]


def extradition_bases(ctx: Context, codes: tuple[str, ...], columns: tuple[str, ...]) -> Bases:
    """The legal basis of every extradition cell: one per convention group (offences under the
    same conventions share it), chosen once per distinct combination of inputs."""
    every = np.arange(len(codes))
    bases = Bases()
    bases.groups = sorted({o.convention_offence_of for o in ctx.corpus.offences})
    bases.group_of = np.array(
        [bases.groups.index(ctx.offences[c].convention_offence_of) for c in columns]
    )
    bases.pair = pair_ids(ctx, _relations_input, codes, bases.pairs)
    bases.side_a = np.stack([basis_side(ctx, bases, "a", ctx.jurisdictions[c]) for c in codes])
    bases.side_b = np.stack([basis_side(ctx, bases, "b", ctx.jurisdictions[c]) for c in codes])
    bases.ids = basis_block(ctx, codes, bases, every, every, bases.side_a, bases.side_b)
    return bases


def mla_bases(ctx: Context, codes: tuple[str, ...]) -> Bases:
    """The relation (or None) under which each pair asks for assistance, by pair."""
    bases = Bases()
    relations = Interner()  # relation ids (a relation itself is not hashable)
    bases.ids = pair_ids(ctx, _mla_relation_id, codes, relations)
    bases.items = [None if rid is None else ctx.relations[rid] for rid in relations.values]
    return bases


def _mla_relation_id(ctx: Context, a: str, b: str) -> str | None:
    relation = mla_relation(ctx, a, b)
    return None if relation is None else relation.id
