"""World-scale evaluation: every directed pair × column (offence or measure) × person scenario
at once, as arrays of step-kind ids.

A rule's step depends only on its declared `Inputs`. So for each rule the engine gives every
state a small signature id per column (the values and confidences of the facts it reads in that
role), combines them with the pair's legal basis, the column and the person, and runs the rule
once per distinct combination, on one representative case. Every other case with the same
combination shares that step kind. Verdicts are the most severe outcome over a cell's steps.
Traces are bound to the facts of a particular pair only when someone looks at them (`bind`).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.countries import country_name
from ..core.models import MEASURES, Jurisdiction
from .bounds import BoundsMemo, basis_part, joint_best, step_bounds
from .context import UNKNOWN, Context
from .extradition import (
    EXTRADITION,
    PROSECUTES,
    Case,
    alternative_routes,
    offence_terms,
    select_basis,
)
from .mla import MLA, MlaCase, mla_alternatives, mla_relation
from .results import (
    OUTCOMES,
    PERSONS,
    Confidence,
    Step,
    StepKind,
    Verdict,
    confidence_rank,
    fill,
    lowest,
    severity,
)
from .rules import Registry, Rule

if TYPE_CHECKING:
    from .results import Confidence, Person

OUTCOME_NAMES = tuple(sorted(OUTCOMES, key=severity))  # index = severity
SEVERITY: dict[str, int] = {name: severity(name) for name in OUTCOME_NAMES}
CONFIDENCE_NAMES: tuple[Confidence, ...] = ("low", "medium", "high")
_CONFIDENCE = {name: confidence_rank(name) for name in CONFIDENCE_NAMES}
_NOT_COUNTED = 3  # confidence slot for steps that do not count (none, or unknown outcome)
_NO_BAR = -1  # blocking-confidence slot for steps that do not block


class Interner:
    """Small integer ids for hashable values (0 is reserved for None)."""

    def __init__(self) -> None:
        self.values: list[Any] = [None]
        self.ids: dict[Any, int] = {None: 0}

    def __call__(self, value: Any) -> int:
        found = self.ids.get(value)
        if found is None:
            found = self.ids[value] = len(self.values)
            self.values.append(value)
        return found

    def __len__(self) -> int:
        return len(self.values)


class KindTable(Interner):
    """Step kinds by id (0: the rule did not apply), with their severity and confidence."""

    def __init__(self) -> None:
        super().__init__()
        # per kind id: severity, confidence (3: does not count), best and worst severity over
        # the completions of unknown facts, confidence if it blocks (-1: it does not), and
        # whether its completions read unknown facts another step could share (1) or not (0)
        self._columns: list[list[int]] = [[0], [_NOT_COUNTED], [0], [0], [_NO_BAR], [0]]
        self._arrays: list[np.ndarray] | None = None
        self._slots = Interner()
        # Joint classes: kinds alike in all that `bounds.joint_best` reads (best case, reach,
        # completions), so kinds that differ only in confidence or wording share its result.
        self._classes = Interner()
        self._class_of: list[int] = []
        self._class_masks: list[int] = [0]
        self._representative: list[Any] = [None]
        self.joint: dict[tuple[int, ...], int] = {}  # open joint classes → joint best severity

    def __call__(self, value: Any) -> int:
        before = len(self.values)
        found = super().__call__(value)
        if len(self.values) > before:
            best, worst = value.range
            rank = _CONFIDENCE[value.confidence]
            for column, item in zip(
                self._columns,
                (
                    SEVERITY[value.outcome],
                    _NOT_COUNTED if value.outcome == "unknown" else rank,
                    SEVERITY[best],
                    SEVERITY[worst],
                    rank if value.outcome == "blocked" else _NO_BAR,
                    int(bool(value.reach)),
                ),
                strict=True,
            ):
                column.append(item)
        return found

    def _array(self, index: int) -> np.ndarray:
        if self._arrays is None or len(self._arrays[0]) != len(self._columns[0]):
            self._arrays = [np.array(column, dtype=np.int8) for column in self._columns]
        return self._arrays[index]

    def severity(self) -> np.ndarray:
        """int8 [kinds]: severity by kind id (cached until the table grows)."""
        return self._array(0)

    def confidence(self) -> np.ndarray:
        """int8 [kinds]: confidence by kind id (3: does not count)."""
        return self._array(1)

    def best(self) -> np.ndarray:
        """int8 [kinds]: severity of the best case by kind id."""
        return self._array(2)

    def worst(self) -> np.ndarray:
        """int8 [kinds]: severity of the worst case by kind id."""
        return self._array(3)

    def blocking_confidence(self) -> np.ndarray:
        """int8 [kinds]: confidence of a blocking kind (-1: it does not block)."""
        return self._array(4)

    def open(self) -> np.ndarray:
        """int8 [kinds]: 1 where a kind's completions read unknown facts (its `reach`)."""
        return self._array(5)

    def joint_classes(self) -> tuple[np.ndarray, list[Any], list[int]]:
        """Per kind id its joint class (0: the kind reads no unknown fact); per class a
        representative kind and its `reach` as a bit set over the slots seen so far (two
        classes share an unknown fact where their masks intersect)."""
        for kind in self.values[len(self._class_of) :]:
            if kind is None or not kind.reach:
                self._class_of.append(0)
                continue
            signature = (
                kind.range[0],
                kind.reach,
                tuple((assumed, low) for assumed, low, _ in kind.leaves),
            )
            before = len(self._classes.values)
            self._class_of.append(self._classes(signature))
            if len(self._classes.values) > before:
                self._representative.append(kind)
                self._class_masks.append(sum(1 << self._slots(slot) for slot in kind.reach))
        return np.asarray(self._class_of, dtype=np.int32), self._representative, self._class_masks


@dataclass
class RuleState:
    """One rule's signature ids and memo of step kinds, kept so a what-if re-runs the rule only
    for combinations of inputs never seen before."""

    rule: Rule[Any]
    sides: Interner = field(default_factory=Interner)
    pairs: Interner = field(default_factory=Interner)
    memo_keys: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    memo_kinds: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int32))
    side_a: np.ndarray = field(init=False)  # int32 [n, columns], set by build_grid
    side_b: np.ndarray = field(init=False)
    pair: np.ndarray | None = None  # int32 [n, n]
    basis_parts: Interner = field(default_factory=Interner)
    basis_part_of: list[int] = field(default_factory=list)  # by basis id
    _basis_part_array: np.ndarray | None = None

    recent: dict[int, int] = field(default_factory=dict)  # not yet merged into memo_keys
    column_ids: np.ndarray | None = None  # [columns]: what the rule reads of each column
    # Bounds do not depend on confidences: side ids without them, and the bounds memo.
    plain_sides: Interner = field(default_factory=Interner)
    plain_of_side: list[int] = field(default_factory=list)
    bounds_memo: BoundsMemo = field(default_factory=dict)
    # The step kind (with bounds) of each plain key: a case whose inputs differ from a seen
    # one only in confidences takes that kind with its own confidence (`_reconfident`).
    plain_kinds: dict[tuple[int, int, int], StepKind | None] = field(default_factory=dict)
    confident_ids: dict[tuple[tuple[int, int, int], str], int] = field(default_factory=dict)

    def plain_key(self, key: int) -> tuple[int, int, int]:
        """A packed cell key with its two side ids replaced by ids of the same values without
        confidences: the key of the step's bounds."""
        rest_bits = sum(_BITS[2:])
        b_bits = _BITS[1]
        a, b = key >> (rest_bits + b_bits), (key >> rest_bits) & ((1 << b_bits) - 1)
        if len(self.plain_of_side) < len(self.sides):
            for signature in self.sides.values[len(self.plain_of_side) :]:
                self.plain_of_side.append(self.plain_sides(_without_confidences(signature)))
        return self.plain_of_side[a], self.plain_of_side[b], key & ((1 << rest_bits) - 1)

    def kind_id(self, case: Any, key: int, kinds: KindTable) -> int:
        """The id of the rule's step kind for a case, with bounds. The rule runs once per
        combination of input values: cases that differ only in the confidences of those values
        share outcome, reason and bounds, and take the confidence of the facts the step read
        in their own context (as `rules.make_step` computes it)."""
        plain = self.plain_key(key)
        if plain not in self.plain_kinds:
            rule = self.rule
            step = step_bounds(rule, case, rule.apply(case), self.bounds_memo, plain)
            kind = self.plain_kinds[plain] = None if step is None else step.kind
            if kind is None:
                return 0
            self.confident_ids[plain, kind.confidence] = kinds(kind)
            return self.confident_ids[plain, kind.confidence]
        seen = self.plain_kinds[plain]
        if seen is None:
            return 0
        confidence = _confidence_in(seen, case)
        if (plain, confidence) not in self.confident_ids:
            self.confident_ids[plain, confidence] = kinds(
                dataclasses.replace(seen, confidence=confidence)
            )
        return self.confident_ids[plain, confidence]

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Kind ids of sorted cell keys; -1 where the memo has none."""
        position = np.searchsorted(self.memo_keys, keys)
        inside = position < len(self.memo_keys)
        found = np.full(len(keys), -1, dtype=np.int32)
        hit = inside.copy()
        hit[inside] = self.memo_keys[position[inside]] == keys[inside]
        found[hit] = self.memo_kinds[position[hit]]
        if self.recent:
            for index in np.nonzero(~hit)[0].tolist():
                found[index] = self.recent.get(int(keys[index]), -1)
        return found

    def remember(self, keys: np.ndarray, kinds: np.ndarray) -> None:
        self.recent.update(zip(keys.tolist(), kinds.tolist(), strict=True))
        if len(self.recent) > 50_000 or not len(self.memo_keys):
            merged = np.concatenate([self.memo_keys, np.fromiter(self.recent, np.int64)])
            order = np.argsort(merged, kind="stable")
            self.memo_keys = merged[order]
            self.memo_kinds = np.concatenate(
                [self.memo_kinds, np.fromiter(self.recent.values(), np.int32)]
            )[order]
            self.recent = {}

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
    verdicts: np.ndarray = field(init=False)  # int8 [n, n, columns, persons]: headline severity
    confidences: np.ndarray = field(init=False)  # int8 [n, n, columns, persons]
    best: np.ndarray = field(init=False)  # int8 [n, n, columns, persons]: best-case severity
    worst: np.ndarray = field(init=False)  # int8 [n, n, columns, persons]: worst-case severity

    def __post_init__(self) -> None:
        self.verdicts, self.confidences, self.best, self.worst = outcomes(self.kinds, self.steps)

    def position(self, code: str) -> int:
        return self.codes.index(code)


def headlines(best: np.ndarray, worst: np.ndarray) -> np.ndarray:
    """`results.headline` on arrays of best and worst severities."""
    conditional, unknown = SEVERITY["conditional"], SEVERITY["unknown"]
    return np.where(
        best == worst, best, np.where(worst <= conditional, conditional, unknown)
    ).astype(np.int8)


def joint_best_cases(kinds: KindTable, steps: np.ndarray) -> np.ndarray:
    """int8 [cells...]: the best-case severity of every cell of `steps` ([rules, cells...]).
    The most severe of the steps' own best cases, except where two steps read unknown facts
    that may be shared: there `bounds.joint_best` decides, once per distinct combination of
    such steps (the other steps' best cases combine with it as usual)."""
    best = kinds.best()[steps].max(axis=0)
    is_open = kinds.open()[steps].astype(bool)
    # Only a cell whose best case is below its worst, with two steps open, can change.
    candidates = (is_open.sum(axis=0) >= 2) & (best < kinds.worst()[steps].max(axis=0))
    if not candidates.any():
        return best
    class_of, representative, masks = kinds.joint_classes()
    classes = np.where(is_open, class_of[steps], 0)[:, candidates].T
    rows = np.ascontiguousarray(classes.astype(np.int32))
    packed = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
    unique, first, inverse = np.unique(packed, return_index=True, return_inverse=True)
    joint = np.empty(len(first), dtype=np.int8)
    for n, i in enumerate(first.tolist()):
        ids = [c for c in rows[i].tolist() if c]
        seen = shared = 0
        for c in ids:
            shared |= seen & masks[c]
            seen |= masks[c]
        if not shared:
            joint[n] = max(SEVERITY[representative[c].range[0]] for c in ids)
            continue
        key = tuple(ids)
        found = kinds.joint.get(key)
        if found is None:
            found = kinds.joint[key] = severity(joint_best(tuple(representative[c] for c in ids)))
        joint[n] = found
    others = np.where(is_open, 0, kinds.best()[steps]).max(axis=0)[candidates]
    best = best.copy()
    best[candidates] = np.maximum(joint[inverse.ravel()], others)
    return best


def outcomes(
    kinds: KindTable,
    steps: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per cell: the headline verdict's severity, its confidence (`results.verdict_confidence`:
    the best-founded blocking step, else the weakest step that counts), and the best- and
    worst-case severities."""
    best = joint_best_cases(kinds, steps)
    worst = kinds.worst()[steps].max(axis=0)
    verdicts = headlines(best, worst)
    lowest = kinds.confidence()[steps].min(axis=0)
    lowest = np.where(lowest == _NOT_COUNTED, 0, lowest)
    barred = kinds.blocking_confidence()[steps].max(axis=0)
    confidence = np.where(verdicts == SEVERITY["blocked"], np.maximum(barred, 0), lowest)
    return verdicts, confidence.astype(np.int8), best, worst


# --------------------------------------------------------------------------------------------
# Signatures
# --------------------------------------------------------------------------------------------


def side_signature(
    ctx: Context, rule: Rule[Any], role: str, jurisdiction: Jurisdiction, column: str
) -> tuple[object, ...]:
    """The values (and confidences) of everything `rule` reads of one state in one role."""
    inputs = rule.inputs
    paths = inputs.a if role == "a" else inputs.b
    extra = inputs.a_extra if role == "a" else inputs.b_extra
    values: list[object] = [role]
    for path in paths:
        found = ctx.read(jurisdiction, path.replace("{o}", column))
        values.append((found.value, found.confidence))
    if extra is not None:
        values.append(extra(ctx, jurisdiction, column))
    return tuple(values)


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


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


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


def _fixed(side: np.ndarray) -> Callable[[RuleState], np.ndarray]:
    """A `Block` side that is the same for every rule (a what-if's new signature ids)."""
    return lambda state: side


# Bits of a packed cell key: requesting side, requested side, basis, pair, person, column.
_BITS = (16, 16, 15, 10, 1, 5)


def _packed(parts: list[np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    """One int64 key per cell from its input ids, at fixed bit offsets (so keys computed at
    different times, e.g. in a what-if, can be compared with the memo)."""
    key = np.zeros(shape, dtype=np.int64)
    for array, bits in zip(parts, _BITS, strict=True):
        if array.size and int(array.max()) >= 1 << bits:
            raise OverflowError(f"more than {1 << bits} distinct inputs in a grid dimension")
        key = (key << bits) | array.astype(np.int64)
    return key


def evaluate_block(
    grid: Grid | GridDraft,
    state: RuleState,
    block: Block,
    make_case: Callable[[int, int, int, int], Any],
) -> np.ndarray:
    """int32 [rows, cols, block columns, persons]: the kind id of one rule in every cell of a
    block. Each distinct input combination is looked up in the rule's memo (sorted keys,
    searched all at once); only combinations never seen before run the rule, on one of their
    cells."""
    inputs = state.rule.inputs
    every = block.columns is None
    columns = np.arange(len(grid.columns)) if block.columns is None else block.columns
    basis_ids = block.basis_ids
    if basis_ids is not None and not every:
        basis_ids = basis_ids[:, :, columns]
    side_a, side_b = block.side_a(state), block.side_b(state)
    if not every:
        side_a, side_b = side_a[:, columns], side_b[:, columns]
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
    keys = _packed(
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
    kind_of = state.lookup(unique)
    missing = np.nonzero((kind_of < 0) & (unique != -1))[0]
    if len(missing):
        found = np.empty(len(missing), dtype=np.int32)
        i, j, column, person = (axis.tolist() for axis in np.unravel_index(first[missing], shape))
        rows, cols, kind_id = block.rows.tolist(), block.cols.tolist(), state.kind_id
        absolute, new_keys = columns.tolist(), unique[missing].tolist()
        for n in range(len(missing)):
            case = make_case(rows[i[n]], cols[j[n]], absolute[column[n]], person[n])
            found[n] = kind_id(case, new_keys[n], grid.kinds)
        state.remember(unique[missing], found)
        kind_of[missing] = found
    kind_of[unique == -1] = 0
    return np.broadcast_to(kind_of[inverse].reshape(shape), full)


_CONFIDENCES = frozenset(("high", "medium", "low"))


def _confidence_in(kind: StepKind, case: Any) -> Confidence:
    """The confidence `kind` has in `case`: the lowest of the known facts it read (in the
    case's context) and of its further citations, as `rules.make_step` computes it."""
    who = case.who
    column = who[2] if len(who) > 2 else ""
    confidences: list[Confidence] = []
    for slot in kind.slots:
        found = case.ctx.read_slot(slot, who[0], who[1], column)
        if found.value != UNKNOWN:
            confidences.append(found.confidence or "low")
    confidences += [c.confidence for c in kind.extra_citations]
    return lowest(confidences)


def _without_confidences(signature: Any) -> Any:
    """A side signature with the confidences of its facts dropped (they never decide an
    outcome, only the confidence shown)."""
    if isinstance(signature, tuple):
        return tuple(_without_confidences(part) for part in signature)
    return None if isinstance(signature, str) and signature in _CONFIDENCES else signature


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


@dataclass
class GridDraft:
    """What evaluation needs before the grid exists (columns, persons, kinds, bases)."""

    columns: tuple[str, ...]
    persons: tuple[Person | None, ...]
    kinds: KindTable
    bases: Bases
    ctx: Context


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


def build_grid(ctx: Context, kind: str) -> Grid:
    """Evaluate every rule of one family for every cell."""
    codes = ctx.codes
    n = len(codes)
    every = np.arange(n)
    bases = Bases()
    basis_ids = None
    if kind == "extradition":
        registry: Registry[Any] = EXTRADITION
        columns = tuple(o.id for o in ctx.corpus.offences)
        persons: tuple[Person | None, ...] = PERSONS
        bases.groups = sorted({o.convention_offence_of for o in ctx.corpus.offences})
        bases.group_of = np.array(
            [bases.groups.index(ctx.offences[c].convention_offence_of) for c in columns]
        )
        bases.pair = pair_ids(ctx, _relations_input, codes, bases.pairs)
        bases.side_a = np.stack([basis_side(ctx, bases, "a", ctx.jurisdictions[c]) for c in codes])
        bases.side_b = np.stack([basis_side(ctx, bases, "b", ctx.jurisdictions[c]) for c in codes])
        basis_ids = bases.ids = basis_block(
            ctx, codes, bases, every, every, bases.side_a, bases.side_b
        )
    else:
        registry = MLA
        columns = MEASURES
        persons = (None,)
        relations = Interner()  # relation ids (a relation itself is not hashable)
        bases.ids = pair_ids(ctx, _mla_relation_id, codes, relations)
        bases.items = [None if rid is None else ctx.relations[rid] for rid in relations.values]
    draft = GridDraft(columns, persons, KindTable(), bases, ctx)
    make_case = case_maker(ctx, kind, codes, columns, bases, basis_ids, every, every)
    states, layers = [], []
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
        block = Block(every, every, lambda s: s.side_a, lambda s: s.side_b, basis_ids)
        layers.append(evaluate_block(draft, state, block, make_case))
        states.append(state)
    return Grid(
        kind, registry, codes, columns, persons, draft.kinds, states, np.stack(layers), bases, ctx
    )


def _mla_relation_id(ctx: Context, a: str, b: str) -> str | None:
    relation = mla_relation(ctx, a, b)
    return None if relation is None else relation.id


# --------------------------------------------------------------------------------------------
# What-if
# --------------------------------------------------------------------------------------------


Change = tuple[Counter[tuple[str, str]], list[tuple[str, ...]]]


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
    readers = [item for item in readers if item[2] or item[3]]
    if not readers or not changes:
        return [(Counter(), []) for _ in changes]
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
                        state, ctx, role, ctx.jurisdictions[code], grid.columns, own_column, int(x)
                    )
                    for x, (code, ctx) in zip(xs, changes, strict=True)
                ]
            )
            if role == "a":
                block = Block(xs, every, _fixed(new), lambda s: s.side_b, row_bases, columns)
                make_case = case_maker(
                    grid.ctx,
                    grid.kind,
                    grid.codes,
                    grid.columns,
                    grid.bases,
                    row_bases,
                    xs,
                    every,
                    contexts,
                    0,
                )
            else:
                block = Block(every, xs, lambda s: s.side_a, _fixed(new), col_bases, columns)
                make_case = case_maker(
                    grid.ctx,
                    grid.kind,
                    grid.codes,
                    grid.columns,
                    grid.bases,
                    col_bases,
                    every,
                    xs,
                    contexts,
                    1,
                )
            layers[r] = evaluate_block(grid, state, block, make_case)
    found: list[Change] = [(Counter(), []) for _ in changes]
    column_index = slice(None) if own_column is None else slice(own_column, own_column + 1)
    for layers, axis in ((row_layers, 0), (col_layers, 1)):
        if layers:
            index = (
                (xs, slice(None), column_index) if axis == 0 else (slice(None), xs, column_index)
            )
            _count_changes(grid, layers, index, axis, xs, columns, found, examples_wanted)
    for _, examples in found:
        examples.sort(key=lambda example: not improves(example))  # stable
        del examples[examples_wanted:]
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
    # Only cells where a re-run rule gave another kind can change: the others keep their bounds.
    moved = np.zeros(old.shape, dtype=bool)
    for r, layer in layers.items():
        moved |= layer != grid.steps[r][index]
    best, worst = grid.best[index].copy(), grid.worst[index].copy()
    if moved.any():
        steps = np.stack(
            [
                (layer[index] if layers.get(r) is None else layers[r])[moved]
                for r, layer in enumerate(grid.steps)
            ]
        )
        best[moved] = joint_best_cases(grid.kinds, steps)
        worst[moved] = grid.kinds.worst()[steps].max(axis=0)
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
        found[pair // 16][0][(OUTCOME_NAMES[pair // 4 % 4], OUTCOME_NAMES[pair % 4])] += count
    better = (after < before) & (after != SEVERITY["unknown"])
    order = np.lexsort((~better, which))  # by changed state, improvements first
    starts = np.searchsorted(which[order], np.arange(len(xs) + 1))
    for i in range(len(xs)):
        for n in order[starts[i] : min(starts[i + 1], starts[i] + examples_wanted)].tolist():
            here, there = grid.codes[xs[i]], grid.codes[partner[n]]
            a, b = (here, there) if axis == 0 else (there, here)
            found[i][1].append(
                (
                    *_key(grid, a, b, int(columns[column[n]]), int(person[n])),
                    OUTCOME_NAMES[before[n]],
                    OUTCOME_NAMES[after[n]],
                )
            )


def improves(example: tuple[str, ...]) -> bool:
    """Whether a change (…, before, after: a question key and its verdicts, or just the two
    verdicts) is an improvement: a verdict that becomes possible or conditional, or
    conditional that becomes possible."""
    before, after = SEVERITY[example[-2]], SEVERITY[example[-1]]
    return after < before and after != SEVERITY["unknown"]


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
) -> np.ndarray:
    """A state's new signature ids after a change to one fact: only the column the fact
    belongs to can change, if it belongs to one."""
    if own_column is None:
        return state.side(changed, role, jurisdiction, columns)
    new = (state.side_a[x] if role == "a" else state.side_b[x]).copy()
    new[own_column] = state.side(changed, role, jurisdiction, (columns[own_column],))[0]
    return new


def basis_fact(path: str) -> bool:
    """Whether a fact is an input of the legal-basis choice."""
    return path == "extradition.legal_basis" or path.startswith("instruments.")


def _key(grid: Grid, a: str, b: str, column: int, person: int) -> tuple[str, ...]:
    """The identity of a question, as `Verdict.key` gives it."""
    if grid.kind == "extradition":
        return ("extradition", a, b, grid.columns[column], grid.persons[person] or "", "")
    return ("mla", a, b, "", "", grid.columns[column])


# --------------------------------------------------------------------------------------------
# Traces, on demand
# --------------------------------------------------------------------------------------------


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
    outcome = OUTCOME_NAMES[grid.verdicts[a, b, column, person]]
    confidence = CONFIDENCE_NAMES[grid.confidences[a, b, column, person]]
    best = OUTCOME_NAMES[grid.best[a, b, column, person]]
    worst = OUTCOME_NAMES[grid.worst[a, b, column, person]]
    names = (country_name(code_a), country_name(code_b))
    if grid.kind == "extradition":
        basis = grid.bases.items[grid.bases.ids[a, b, column]]
        blocked = any(s.rule == "nationality" and s.outcome == "blocked" for s in steps)
        prosecutes = ctx.read(ctx.jurisdictions[code_b], PROSECUTES).value
        return Verdict(
            kind="extradition",
            requesting=code_a,
            requested=code_b,
            offence=grid.columns[column],
            person=grid.persons[person],
            measure=None,
            verdict=outcome,
            confidence=confidence,
            steps=steps,
            alternatives=tuple(
                fill(t, *names) for t in alternative_routes(outcome, blocked, prosecutes)
            ),
            basis=basis.label,
            best=best,
            worst=worst,
        )
    return Verdict(
        kind="mla",
        requesting=code_a,
        requested=code_b,
        offence=None,
        person=None,
        measure=grid.columns[column],
        verdict=outcome,
        confidence=confidence,
        steps=steps,
        alternatives=mla_alternatives(outcome),
        basis=_title(grid.bases.items[grid.bases.ids[a, b]]),
        best=best,
        worst=worst,
    )


def _title(relation: Any) -> str:
    return relation.title if relation is not None else ""


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


# --------------------------------------------------------------------------------------------
# Per-cell facts the open data lists
# --------------------------------------------------------------------------------------------


def deciding_rules(grid: Grid) -> np.ndarray:
    """int32 [n, n, columns, persons]: bit r set where rule r's step decided the verdict (its
    outcome is the verdict's, see `Verdict.deciding_steps`), for verdicts other than
    possible."""
    severity, worst = grid.kinds.severity(), grid.kinds.worst()
    exact = np.zeros(grid.verdicts.shape, dtype=np.int32)
    reaching = np.zeros(grid.verdicts.shape, dtype=np.int32)
    counted = grid.verdicts > 0
    for r, layer in enumerate(grid.steps):
        exact |= ((severity[layer] == grid.verdicts) & counted).astype(np.int32) << r
        reaching |= (
            (severity[layer] == SEVERITY["unknown"]) & (worst[layer] == grid.worst) & counted
        ).astype(np.int32) << r
    # As `Verdict.deciding_steps`: where no step's outcome is the verdict, the unknown steps
    # whose bounds reach it.
    return np.where(exact != 0, exact, reaching)


def rule_names(grid: Grid, mask: int) -> str:
    """The rule ids a `deciding_rules` mask names, space-separated."""
    return " ".join(rule.id for r, rule in enumerate(grid.registry.rules) if mask >> r & 1)


def alternative_keys(ctx: Context, grid: Grid) -> tuple[np.ndarray, dict[int, tuple[str, ...]]]:
    """Which list of other routes each cell shows (int8 [n, n, columns, persons]) and the lists
    ({b}: the requested state's name). Extradition: depends on the verdict, on whether the
    nationality bar blocks and on whether the requested state prosecutes instead."""
    if grid.kind == "mla":
        routes = {v: mla_alternatives(OUTCOME_NAMES[v]) for v in range(4)}
        return grid.verdicts.astype(np.int8), routes
    prosecutes_values = ("yes", "no", "unknown")
    prosecutes = np.array(
        [
            prosecutes_values.index(v)
            if (v := ctx.read(ctx.jurisdictions[code], PROSECUTES).value) in prosecutes_values
            else 1
            for code in grid.codes
        ],
        dtype=np.int8,
    )
    nationality = [r.id for r in grid.registry.rules].index("nationality")
    blocked = grid.kinds.severity()[grid.steps[nationality]] == SEVERITY["blocked"]
    keys = (
        grid.verdicts.astype(np.int8) * 6
        + blocked.astype(np.int8) * 3
        + prosecutes[None, :, None, None]
    )
    routes = {
        verdict * 6 + bar * 3 + p: alternative_routes(
            OUTCOME_NAMES[verdict], bool(bar), prosecutes_values[p]
        )
        for verdict in range(4)
        for bar in range(2)
        for p in range(3)
    }
    return keys.astype(np.int8), routes


def basis_labels(grid: Grid) -> tuple[list[str], np.ndarray]:
    """Labels of the legal bases and, per cell (int32 [n, n, columns]), which label applies."""
    if grid.kind == "extradition":
        labels = [basis.label if basis is not None else "" for basis in grid.bases.items]
        return labels, grid.bases.ids
    labels = [_title(relation) for relation in grid.bases.items]
    ids = np.broadcast_to(grid.bases.ids[:, :, None], grid.verdicts.shape[:3])
    return labels, ids


@dataclass(frozen=True)
class Details:
    """What the open data lists per cell besides the verdict: the legal basis label, the rules
    that decided it, and which list of other routes applies."""

    labels: list[str]
    label_ids: np.ndarray  # int32 [n, n, columns]
    deciding: np.ndarray  # int32 bit mask [n, n, columns, persons]
    alternative_keys: np.ndarray  # int8 [n, n, columns, persons]
    alternatives: dict[int, tuple[str, ...]]


def details(ctx: Context, grid: Grid) -> Details:
    labels, label_ids = basis_labels(grid)
    keys, routes = alternative_keys(ctx, grid)
    return Details(labels, label_ids, deciding_rules(grid), keys, routes)
