"""Building a grid: each rule's signature ids and memo (`RuleState`), evaluation of a block of
cells (`evaluate_block`), and `build_grid`, which evaluates every rule for every cell."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import InitVar, dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from ...core.models import MEASURES, Jurisdiction
from .. import forked
from ..bounds import BoundsMemo, basis_part, step_bounds
from ..context import Context
from ..extradition import EXTRADITION, Case
from ..mla import MLA, MlaCase
from ..results import CONFIDENCE_RANK, CONFIDENCES, PERSONS, Slot, StepKind
from ..rules import (
    NOTHING_COUNTED,
    Registry,
    Rule,
    citations_rank,
    counted_rank,
    matches,
)
from .bases import Bases, extradition_bases, mla_bases, pair_ids
from .keys import (
    Interner,
    KindTable,
    check_dimensions,
    packed,
    unpacked_sides,
    with_sides_mapped,
)
from .outcomes import outcomes

if TYPE_CHECKING:
    from ..results import Person


@dataclass
class Memo:
    """Step-kind ids by packed cell key: sorted arrays, searched for many keys at once, and the
    keys added since they were last merged into them."""

    keys: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    kinds: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int32))
    recent: dict[int, int] = field(default_factory=dict)  # not yet merged into keys

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Kind ids of sorted cell keys; -1 where the memo has none."""
        position = np.searchsorted(self.keys, keys)
        inside = position < len(self.keys)
        found = np.full(len(keys), -1, dtype=np.int32)
        hit = inside.copy()
        hit[inside] = self.keys[position[inside]] == keys[inside]
        found[hit] = self.kinds[position[hit]]
        if self.recent:
            for index in np.nonzero(~hit)[0].tolist():
                found[index] = self.recent.get(int(keys[index]), -1)
        return found

    def remember(self, keys: np.ndarray, kinds: np.ndarray) -> None:
        self.recent.update(zip(keys.tolist(), kinds.tolist(), strict=True))
        if len(self.recent) > 50_000 or not len(self.keys):
            merged = np.concatenate([self.keys, np.fromiter(self.recent, np.int64)])
            order = np.argsort(merged, kind="stable")
            self.keys = merged[order]
            self.kinds = np.concatenate([self.kinds, np.fromiter(self.recent.values(), np.int32)])[
                order
            ]
            self.recent = {}


@dataclass
class RuleState:
    """One rule's signature ids and memo of step kinds, kept so a what-if re-runs the rule only
    for combinations of inputs never seen before."""

    rule: Rule[Any]
    sides: Interner = field(default_factory=Interner)
    pairs: Interner = field(default_factory=Interner)
    # What-ifs count changed verdicts, never confidences: their keys are plain keys (side ids
    # without confidences), and this memo gives each one a kind with its outcome and bounds.
    memo: Memo = field(default_factory=Memo)
    side_a: np.ndarray = field(init=False)  # int32 [n, columns], set by build_grid
    side_b: np.ndarray = field(init=False)
    pair: np.ndarray | None = None  # int32 [n, n]
    basis_parts: Interner = field(default_factory=Interner)
    basis_part_of: list[int] = field(default_factory=list)  # by basis id
    _basis_part_array: np.ndarray | None = None

    column_ids: np.ndarray | None = None  # [columns]: what the rule reads of each column
    # Bounds do not depend on confidences: side ids without them, and the bounds memo.
    plain_sides: Interner = field(default_factory=Interner)
    plain_of_side: list[int] = field(default_factory=list)
    bounds_memo: BoundsMemo = field(default_factory=dict)
    # The step kind (with bounds) of each plain key; cells whose inputs differ only in
    # confidences share it, each with its own confidence (`_with_confidences`).
    plain_kinds: dict[tuple[int, int, int], StepKind | None] = field(default_factory=dict)
    # The kind id of each plain key's step kind as first found (with that case's confidence).
    kind_ids: dict[tuple[int, int, int], int] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (a forked worker's result, see `build_grid`) without its rule, which holds
        functions; the parent sets it back."""
        return {**self.__dict__, "rule": None}

    def _extend_plain_sides(self) -> None:
        if len(self.plain_of_side) < len(self.sides):
            for signature in self.sides.values[len(self.plain_of_side) :]:
                self.plain_of_side.append(self.plain_sides(_without_confidences(signature)))

    def plain_ids(self, sides: np.ndarray) -> np.ndarray:
        """The plain side id of every side id in an array."""
        self._extend_plain_sides()
        return np.asarray(self.plain_of_side, dtype=np.int32)[sides]

    def plain_keys(self, keys: np.ndarray) -> np.ndarray:
        """Packed cell keys with their side ids replaced by plain side ids."""
        self._extend_plain_sides()
        return with_sides_mapped(keys, np.asarray(self.plain_of_side))

    def plain_kind(
        self, case: Any, plain: tuple[int, int, int], kinds: KindTable
    ) -> StepKind | None:
        """The step kind (with bounds) of a plain key, the rule run on `case` the first time
        (its kind then registered with its own confidence)."""
        if plain not in self.plain_kinds:
            rule = self.rule
            step = step_bounds(rule, case, rule.apply(case), self.bounds_memo, plain)
            kind = self.plain_kinds[plain] = None if step is None else step.kind
            if kind is not None:
                self.kind_ids[plain] = kinds(kind)
            return kind
        return self.plain_kinds[plain]

    def basis_input(self, bases: Bases, basis_ids: np.ndarray | None) -> np.ndarray:
        """int [rows, cols, columns, 1]: what this rule reads of each cell's legal basis."""
        reads = self.rule.inputs.basis
        if reads is None or basis_ids is None:
            return np.zeros((1, 1, 1, 1), dtype=np.int64)
        if reads == "step":
            return basis_ids[:, :, :, None]
        if len(self.basis_part_of) < len(bases.items):
            for basis in bases.items[len(self.basis_part_of) :]:
                self.basis_part_of.append(
                    0 if basis is None else self.basis_parts(basis_part(reads, basis))
                )
            self._basis_part_array = np.asarray(self.basis_part_of, dtype=np.int32)
        assert self._basis_part_array is not None
        return self._basis_part_array[basis_ids][:, :, :, None]

    def side(
        self, ctx: Context, role: str, jurisdiction: Jurisdiction, columns: Sequence[str]
    ) -> np.ndarray:
        """int32 [columns]: one state's signature ids in one role."""
        inputs = self.rule.inputs
        if not ((inputs.a or inputs.a_extra) if role == "a" else (inputs.b or inputs.b_extra)):
            return np.zeros(len(columns), dtype=np.int32)
        return np.array(
            [self.sides(side_signature(ctx, self.rule, role, jurisdiction, c)) for c in columns],
            dtype=np.int32,
        )

    def side_after_change(
        self,
        ctx: Context,
        role: str,
        jurisdiction: Jurisdiction,
        columns: Sequence[str],
        before: np.ndarray,
        path: str,
    ) -> np.ndarray:
        """int32 [columns]: one state's signature ids in one role after a change to its fact
        at `path` (`ctx` holds the changed file): the signatures `before` with only what can
        read that fact read again (the inputs at, above or under it, and the extra input if
        it reads there), which gives the ids `side` would give."""
        inputs = self.rule.inputs
        paths = inputs.a if role == "a" else inputs.b
        extra = inputs.a_extra if role == "a" else inputs.b_extra
        extra_reads = extra is not None and any(matches(p, path) for p in inputs.extra_reads)
        after = before.copy()
        for index, column in enumerate(columns):
            old = self.sides.values[int(before[index])]
            if old is None:  # the rule reads nothing of this role
                continue
            signature = list(old)
            for position, pattern in enumerate(paths, start=1):
                here = pattern.replace("{o}", column)
                if matches(here, path) or matches(path, here):  # at, under or above it
                    signature[position] = _input(ctx, jurisdiction, here)
            if extra_reads:
                assert extra is not None
                signature[-1] = extra(ctx, jurisdiction, column)
            after[index] = self.sides(tuple(signature))
        return after


@dataclass
class Grid:
    """One question family (extradition or assistance) for the whole world."""

    kind: str  # "extradition" or "mla"
    registry: Registry[Any]
    codes: tuple[str, ...]
    columns: tuple[str, ...]  # offence ids or measure ids
    persons: tuple[Person | None, ...]
    kinds: KindTable
    states: list[RuleState]
    steps: np.ndarray  # int32 [rules, n, n, columns, persons]: kind id per rule and cell
    bases: Bases
    ctx: Context
    workers: InitVar[int] = 1  # processes computing the outcomes (see `outcomes`)
    verdicts: np.ndarray = field(init=False)  # int8 [n, n, columns, persons]: headline severity
    confidences: np.ndarray = field(init=False)  # int8 [n, n, columns, persons]
    best: np.ndarray = field(init=False)  # int8 [n, n, columns, persons]: best-case severity
    worst: np.ndarray = field(init=False)  # int8 [n, n, columns, persons]: worst-case severity

    def __post_init__(self, workers: int) -> None:
        self.verdicts, self.confidences, self.best, self.worst = outcomes(
            self.kinds, self.steps, workers
        )

    def position(self, code: str) -> int:
        return self.codes.index(code)


def side_signature(
    ctx: Context, rule: Rule[Any], role: str, jurisdiction: Jurisdiction, column: str
) -> tuple[object, ...]:
    """The values (and confidences) of everything `rule` reads of one state in one role: the
    role, then each declared path's input in order, then the extra input if any (the layout
    `RuleState.side_after_change` updates in place)."""
    inputs = rule.inputs
    paths = inputs.a if role == "a" else inputs.b
    extra = inputs.a_extra if role == "a" else inputs.b_extra
    values: list[object] = [role]
    values.extend(_input(ctx, jurisdiction, path.replace("{o}", column)) for path in paths)
    if extra is not None:
        values.append(extra(ctx, jurisdiction, column))
    return tuple(values)


def _input(ctx: Context, jurisdiction: Jurisdiction, path: str) -> tuple[object, object]:
    """One declared input of a side signature: the value at `path` and its confidence."""
    found = ctx.read(jurisdiction, path)
    return found.value, found.confidence


@dataclass
class Block:
    """The cells a computation covers: some requesting rows × some requested columns."""

    rows: np.ndarray  # state indexes
    cols: np.ndarray
    side_a: Callable[[RuleState], np.ndarray]  # [rows, columns]
    side_b: Callable[[RuleState], np.ndarray]  # [cols, columns]
    basis_ids: np.ndarray | None  # [rows, cols, columns]
    columns: np.ndarray | None = None  # the column indexes covered (None: all)

    @property
    def diagonal(self) -> np.ndarray:
        return self.rows[:, None] == self.cols[None, :]


def stored_side_a(state: RuleState) -> np.ndarray:
    """A `Block` side: the rule's side ids of every state as requesting state (all rows)."""
    return state.side_a


def stored_side_b(state: RuleState) -> np.ndarray:
    """A `Block` side: the rule's side ids of every state as requested state (all columns)."""
    return state.side_b


def evaluate_block(
    grid: Grid | GridDraft,
    state: RuleState,
    block: Block,
    make_case: Callable[[int, int, int, int], Any],
    what_if: bool = False,
) -> np.ndarray:
    """int32 [rows, cols, block columns, persons]: the kind id of one rule in every cell of a
    block. The rule runs once per distinct combination of input values without their
    confidences (a plain key), on one of its cells: confidences never decide an outcome, only
    the confidence shown. In a build every distinct combination with confidences then takes
    that kind with the confidence its own facts give it (`_with_confidences`, array
    operations). A `what_if`, which counts changed verdicts, keys cells by plain keys alone,
    keeps each kind as first found, and looks keys up in the rule's memo of what-ifs (sorted
    keys, searched all at once), so only combinations never seen before run the rule."""
    inputs = state.rule.inputs
    every = block.columns is None
    columns = np.arange(len(grid.columns)) if block.columns is None else block.columns
    basis_ids = block.basis_ids
    if basis_ids is not None and not every:
        basis_ids = basis_ids[:, :, columns]
    side_a, side_b = block.side_a(state), block.side_b(state)
    if not every:
        side_a, side_b = side_a[:, columns], side_b[:, columns]
    if what_if:
        side_a, side_b = state.plain_ids(side_a), state.plain_ids(side_b)
    basis = state.basis_input(grid.bases, basis_ids)
    column_ids = _column_input(grid, state)[columns]
    p = len(grid.persons)
    full = (len(block.rows), len(block.cols), len(columns), p)
    # Evaluate once for all columns (persons) when no input differs between them.
    if all(_constant(part, 1) for part in (side_a, side_b, column_ids[None])) and _constant(
        basis, 2
    ):
        columns, side_a, side_b, basis, column_ids = (
            columns[:1],
            side_a[:, :1],
            side_b[:, :1],
            basis[:, :, :1],
            column_ids[:1],
        )
    if not inputs.person:
        p = 1
    shape = (len(block.rows), len(block.cols), len(columns), p)
    zero = np.zeros((1, 1, 1, 1), dtype=np.int64)
    keys = packed(
        [
            side_a[:, None, :, None],
            side_b[None, :, :, None],
            basis,
            state.pair[np.ix_(block.rows, block.cols)][:, :, None, None]
            if state.pair is not None
            else zero,
            np.arange(p)[None, None, None, :] if inputs.person else zero,
            column_ids[None, None, :, None],
        ],
        shape,
    )
    keys[np.broadcast_to(block.diagonal[:, :, None, None], shape)] = -1
    unique, first, inverse = np.unique(keys.ravel(), return_index=True, return_inverse=True)
    if what_if:
        plain, plain_first = unique, first
        kind_of = state.memo.lookup(plain)
    else:
        plain, at, plain_of = np.unique(
            state.plain_keys(unique), return_index=True, return_inverse=True
        )
        plain_first = first[at]
        kind_of = np.full(len(plain), -1, dtype=np.int32)
    missing = np.nonzero((kind_of < 0) & (plain != -1))[0]
    found: list[StepKind | None] = [None] * len(plain)
    if len(missing):
        cells = np.unravel_index(plain_first[missing], shape)
        i, j, column, person = (axis.tolist() for axis in cells)
        rows, cols, absolute = block.rows.tolist(), block.cols.tolist(), columns.tolist()
        for n, index in enumerate(missing.tolist()):
            case = make_case(rows[i[n]], cols[j[n]], absolute[column[n]], person[n])
            found[index] = state.plain_kind(case, unpacked_sides(int(plain[index])), grid.kinds)
    if not what_if:
        assert isinstance(grid, GridDraft)  # a build evaluates each rule into a draft
        at_first = np.unravel_index(first, shape)
        ids = _with_confidences(grid, state, block, columns, plain, found, plain_of, at_first)
        return np.broadcast_to(ids[inverse].reshape(shape), full)
    for index in missing.tolist():
        kind = found[index]
        plain_key = unpacked_sides(int(plain[index]))
        kind_of[index] = 0 if kind is None else state.kind_ids[plain_key]
    if len(missing):
        state.memo.remember(plain[missing], kind_of[missing])
    kind_of[plain == -1] = 0
    return np.broadcast_to(kind_of[inverse].reshape(shape), full)


def _with_confidences(
    grid: GridDraft,
    state: RuleState,
    block: Block,
    columns: np.ndarray,
    plain: np.ndarray,
    found: list[StepKind | None],
    plain_of: np.ndarray,
    at: tuple[np.ndarray, ...],
) -> np.ndarray:
    """int32 [keys]: the kind id of each distinct cell key with confidences: the step kind of
    its plain key (`found[plain_of[key]]`) with the confidence of the facts the kind's slots
    name, read for the two states and offence of one of its cells (`at`: row, column, block
    column and person of each), as `rules.step_confidence` computes it: the lowest among the
    known facts and the kind's further citations; `low` when there are none."""
    row, col, column = at[0], at[1], at[2]
    rank = np.full(len(plain_of), NOTHING_COUNTED, dtype=np.int8)
    for slot in sorted({slot for kind in found if kind is not None for slot in kind.slots}):
        reads = np.array([kind is not None and slot in kind.slots for kind in found])[plain_of]
        table, by = _slot_ranks(grid, slot, columns)
        states = block.rows[row] if by == "a" else block.cols[col] if by == "b" else 0
        ranks = table[states, column if table.shape[1] > 1 else 0]
        rank = np.where(reads, np.minimum(rank, ranks), rank)
    cited = np.array(
        [
            NOTHING_COUNTED if kind is None else citations_rank(kind.extra_citations)
            for kind in found
        ],
        dtype=np.int8,
    )
    rank = np.minimum(rank, cited[plain_of])
    rank[rank == NOTHING_COUNTED] = CONFIDENCE_RANK["low"]
    base = np.array(
        [
            0 if kind is None else state.kind_ids[unpacked_sides(int(key))]
            for key, kind in zip(plain.tolist(), found, strict=True)
        ],
        dtype=np.int64,
    )[plain_of]
    pairs, back = np.unique(base * NOTHING_COUNTED + rank, return_inverse=True)
    ids = np.zeros(len(pairs), dtype=np.int32)
    for index, pair in enumerate(pairs.tolist()):
        kind_id, confidence = divmod(pair, NOTHING_COUNTED)
        if kind_id:
            kind = grid.kinds.values[kind_id]
            ids[index] = grid.kinds(dataclasses.replace(kind, confidence=CONFIDENCES[confidence]))
    return ids[back]


def _slot_ranks(grid: GridDraft, slot: Slot, columns: np.ndarray) -> tuple[np.ndarray, str]:
    """int8 [states, block columns]: the confidence rank of the fact a slot names, for every
    state in the role the fact varies with (`NOTHING_COUNTED` where its value is unknown, 0 where
    it has no confidence), and that role: "a" for a fact of the requesting state (or of a
    relation's party entry for it), "b" for the requested state, "" for a fact the same for
    every two states (one row). One column unless the fact's path names the offence ({o})."""
    owner, path = slot
    by = "a" if owner == "a" or "{a}" in path else "b" if owner == "b" or "{b}" in path else ""
    offences = [grid.columns[c] for c in columns.tolist()] if "{o}" in path else [""]
    for offence in offences:
        if (slot, offence) not in grid.slot_ranks:
            grid.slot_ranks[slot, offence] = _ranks_of_every_state(grid.ctx, slot, offence, by)
    return np.stack([grid.slot_ranks[slot, offence] for offence in offences], axis=1), by


def _ranks_of_every_state(ctx: Context, slot: Slot, offence: str, by: str) -> np.ndarray:
    """int8 [states]: the confidence rank of a slot's fact for every state in the role `by`,
    or (no role) the one value of a fact that is the same for all."""
    codes = ctx.codes if by else ctx.codes[:1]
    reads = (ctx.read_slot(slot, code, code, offence) for code in codes)
    return np.fromiter(map(counted_rank, reads), dtype=np.int8, count=len(codes))


def _without_confidences(signature: Any) -> Any:
    """A side signature with the confidences of its facts dropped (they never decide an
    outcome, only the confidence shown)."""
    if isinstance(signature, tuple):
        return tuple(_without_confidences(part) for part in signature)
    return None if isinstance(signature, str) and signature in CONFIDENCE_RANK else signature


def _constant(array: np.ndarray, axis: int) -> bool:
    """Whether an array has the same value all along one axis."""
    if array.shape[axis] <= 1:
        return True
    first = np.take(array, [0], axis=axis)
    return bool((array == first).all())


def _column_input(grid: Grid | GridDraft, state: RuleState) -> np.ndarray:
    """Per column, what a rule reads of the column itself: its index, a feature of it, or
    nothing (computed once per rule)."""
    if state.column_ids is None:
        column = state.rule.inputs.column
        if column is True:
            state.column_ids = np.arange(len(grid.columns))
        elif not column:
            state.column_ids = np.zeros(len(grid.columns), dtype=np.int64)
        else:
            features = Interner()
            state.column_ids = np.array([features(column(grid.ctx, c)) for c in grid.columns])
    return state.column_ids


@dataclass
class GridDraft:
    """What evaluation needs before the grid exists (columns, persons, kinds, bases)."""

    columns: tuple[str, ...]
    persons: tuple[Person | None, ...]
    kinds: KindTable
    bases: Bases
    ctx: Context
    # Confidence ranks of facts by (slot, offence), for every state (`_slot_ranks`): shared
    # by the rules of one build.
    slot_ranks: dict[tuple[Slot, str], np.ndarray] = field(default_factory=dict)


def case_maker(
    ctx: Context,
    kind: str,
    codes: tuple[str, ...],
    columns: tuple[str, ...],
    bases: Bases,
    basis_ids: np.ndarray | None,
    rows: np.ndarray,
    cols: np.ndarray,
    changed: dict[int, Context] | None = None,
    changed_role: int = 0,
) -> Callable[[int, int, int, int], Any]:
    """A function building the case of one cell (state indexes, column, person) in `ctx`, or,
    for a block of several what-ifs, in the context of the state whose file changed (`changed`
    by state index; `changed_role` 0: the requesting state's, 1: the requested state's)."""
    every = range(len(codes))
    row_at = every if len(rows) == len(codes) else {int(r): i for i, r in enumerate(rows)}
    col_at = every if len(cols) == len(codes) else {int(c): j for j, c in enumerate(cols)}

    def make_case(a: int, b: int, column: int, person: int) -> Any:
        here = ctx if changed is None else changed[(a, b)[changed_role]]
        ja, jb = here.jurisdictions[codes[a]], here.jurisdictions[codes[b]]
        if kind == "extradition":
            assert basis_ids is not None  # an extradition block always has its basis ids
            basis = bases.items[basis_ids[row_at[a], col_at[b], column]]
            return Case(here, ja, jb, here.offences[columns[column]], PERSONS[person], basis)
        return MlaCase(here, ja, jb, columns[column], None, bases.items[bases.ids[a, b]])

    return make_case


class RuleLayer(NamedTuple):
    """One rule evaluated for every cell, with its own table of step kinds (ids local to it
    until `_adopt` moves them into the grid's table)."""

    layer: np.ndarray  # int32 [n, n, columns, persons]: local kind ids
    state: RuleState
    kinds: list[StepKind | None]  # by local id (0: the rule did not apply)


def _adopt(kinds: KindTable, rule: Rule[Any], found: RuleLayer) -> np.ndarray:
    """A rule's layer with its local kind ids replaced by the grid's, and its state's kind ids
    of plain keys likewise. Kinds of different rules never coincide (a kind names its rule),
    so adopting the rules in order gives the ids evaluating them into one table would."""
    remap = np.array([0] + [kinds(kind) for kind in found.kinds[1:]], dtype=np.int32)
    state = found.state
    state.rule = rule
    state.kind_ids = {key: int(remap[value]) for key, value in state.kind_ids.items()}
    return remap[found.layer]


def build_grid(ctx: Context, kind: str, workers: int | None = None) -> Grid:
    """Evaluate every rule of one family for every cell. At world scale the rules are shared
    between two forked worker processes (`workers`: how many; default 2 from
    `forked.PARALLEL_STATES` states where the platform can fork), each rule with its own table of
    step kinds, adopted into the grid's in rule order: the grid is the same either way."""
    codes = ctx.codes
    every = np.arange(len(codes))
    if kind == "extradition":
        registry: Registry[Any] = EXTRADITION
        columns = tuple(o.id for o in ctx.corpus.offences)
        persons: tuple[Person | None, ...] = PERSONS
    else:
        registry, columns, persons = MLA, MEASURES, (None,)
    check_dimensions(len(codes), len(columns), len(persons))
    if kind == "extradition":
        bases = extradition_bases(ctx, codes, columns)
        basis_ids = bases.ids
    else:
        bases, basis_ids = mla_bases(ctx, codes), None
    make_case = case_maker(ctx, kind, codes, columns, bases, basis_ids, every, every)

    # Every state's side ids for every rule, made here: the facts the rules declare are then
    # in this process's read memo, which the what-ifs of leverage (forked from it) read again.
    prepared = []
    for rule in registry.rules:
        state = RuleState(rule)
        state.side_a = np.stack(
            [state.side(ctx, "a", ctx.jurisdictions[c], columns) for c in codes]
        )
        state.side_b = np.stack(
            [state.side(ctx, "b", ctx.jurisdictions[c], columns) for c in codes]
        )
        if rule.inputs.pair is not None:
            state.pair = pair_ids(ctx, rule.inputs.pair, codes, state.pairs)
        prepared.append(state)

    slot_ranks: dict[tuple[Slot, str], np.ndarray] = {}

    def evaluate_rule(index: int) -> tuple[int, RuleLayer]:
        state = prepared[index]
        draft = GridDraft(columns, persons, KindTable(), bases, ctx, slot_ranks)
        block = Block(every, every, stored_side_a, stored_side_b, basis_ids)
        layer = np.ascontiguousarray(evaluate_block(draft, state, block, make_case))
        return index, RuleLayer(layer, state, draft.kinds.values)

    if workers is None:
        workers = 2 if len(codes) >= forked.PARALLEL_STATES and forked.available() else 1
    indexes = range(len(registry.rules))
    if workers > 1:
        found = dict(forked.map_unordered(evaluate_rule, indexes, workers))
    else:
        found = dict(map(evaluate_rule, indexes))
    kinds = KindTable()
    layers = [_adopt(kinds, rule, found[i]) for i, rule in enumerate(registry.rules)]
    states = [found[i].state for i in indexes]
    steps = np.stack(layers)
    return Grid(kind, registry, codes, columns, persons, kinds, states, steps, bases, ctx, workers)
