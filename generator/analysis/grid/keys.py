"""Ids: interning, the table of step kinds by id, and the packed cell key with its bit widths
(the bottom layer of the grid package; see its glossary)."""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

import numpy as np

from ..results import CONFIDENCE_RANK, SEVERITY

NOT_COUNTED = 3  # confidence slot for steps that do not count (none, or unknown outcome)
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
        self._columns: list[list[int]] = [[0], [NOT_COUNTED], [0], [0], [_NO_BAR], [0]]
        self._arrays: list[np.ndarray] | None = None
        self._codes: np.ndarray | None = None
        self._outcome_ids: np.ndarray | None = None
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
            rank = CONFIDENCE_RANK[value.confidence]
            for column, item in zip(
                self._columns,
                (
                    SEVERITY[value.outcome],
                    NOT_COUNTED if value.outcome == "unknown" else rank,
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

    def range_codes(self) -> np.ndarray:
        """int8 [kinds]: best severity, worst severity and openness in one byte
        (`best | worst << 2 | open << 4`), so that a cell's steps are gathered once."""
        if self._codes is None or len(self._codes) != len(self._columns[0]):
            self._codes = self.best() | self.worst() << 2 | self.open() << 4
        return self._codes

    def outcome_ids(self) -> np.ndarray:
        """int64 [kinds]: one id for kinds alike in everything a cell's best and worst case
        read of them (best and worst case, joint class), such as kinds that differ only in
        confidence or wording: a cell whose kinds keep their outcome ids keeps its bounds."""
        class_of, _, _ = self.joint_classes()
        codes = self.range_codes()
        if self._outcome_ids is None or len(self._outcome_ids) != len(codes):
            self._outcome_ids = class_of.astype(np.int64) << 4 | (codes & 15)
        return self._outcome_ids

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


class KeyBits(NamedTuple):
    """The widths of the fields of a packed cell key, most significant first (63 bits in all,
    so a key is a non-negative int64)."""

    side_a: int  # the requesting state's side id
    side_b: int  # the requested state's side id
    basis: int  # basis part id (or basis id)
    pair: int  # pair id
    person: int  # person index
    column: int  # column input id


BITS = KeyBits(side_a=16, side_b=16, basis=15, pair=10, person=1, column=5)


class GridTooLarge(ValueError):
    """A grid dimension exceeds what a field of the packed cell key can hold."""


def check_dimensions(states: int, columns: int, persons: int) -> None:
    """Refuse, before any rule runs, a grid whose shape alone could overflow a key field:
    column input ids go up to the number of columns (a column feature's ids start at 1), person
    indexes below the number of persons, and a rule's side ids up to states × columns (one
    signature per state and column). Basis and pair ids depend on the facts, not the shape:
    `packed` checks them (and what-ifs' new side ids) when it packs."""
    limits = (
        ("columns", columns, (1 << BITS.column) - 1, f"{BITS.column}-bit column field"),
        ("person scenarios", persons, 1 << BITS.person, f"{BITS.person}-bit person field"),
        (
            "states × columns (side ids per rule)",
            states * columns,
            (1 << BITS.side_a) - 1,
            f"{BITS.side_a}-bit side fields",
        ),
    )
    for name, size, limit, field in limits:
        if size > limit:
            raise GridTooLarge(
                f"the grid has {size} {name}; a packed cell key allows at most {limit} (its "
                f"{field}, grid.keys.BITS)"
            )


def packed(parts: list[np.ndarray], shape: tuple[int, ...]) -> np.ndarray:
    """One int64 key per cell from its input ids, at fixed bit offsets (so keys computed at
    different times, e.g. in a what-if, can be compared with the memo)."""
    key = np.zeros(shape, dtype=np.int64)
    for array, bits, name in zip(parts, BITS, BITS._fields, strict=True):
        if array.size and int(array.max()) >= 1 << bits:
            raise OverflowError(
                f"more than {1 << bits} distinct inputs in the {name} field of a packed cell key"
            )
        key = (key << bits) | array.astype(np.int64)
    return key


# The bits below the two side fields, and a mask of the side b field once shifted down to them.
_BELOW_SIDES = sum(BITS[2:])
_SIDE_B = (1 << BITS.side_b) - 1


Key = TypeVar("Key", int, np.ndarray)  # one packed cell key, or an array of them


def unpacked_sides(key: Key) -> tuple[Key, Key, Key]:
    """A packed cell key (or keys) as (side a id, side b id, the fields below them): `packed`
    undone for the two side fields."""
    below = key & ((1 << _BELOW_SIDES) - 1)
    return key >> (_BELOW_SIDES + BITS.side_b), (key >> _BELOW_SIDES) & _SIDE_B, below


def with_sides_mapped(keys: np.ndarray, mapping: np.ndarray) -> np.ndarray:
    """Packed cell keys with both side ids replaced by `mapping[id]` (for example by the ids of
    the same inputs without confidences); the key -1 (no cell) stays -1."""
    absent = keys < 0
    keys = np.where(absent, 0, keys)
    side_a, side_b, below = unpacked_sides(keys)
    mapping = mapping.astype(np.int64)
    mapped = (mapping[side_a] << BITS.side_b | mapping[side_b]) << _BELOW_SIDES | below
    return np.where(absent, -1, mapped)
