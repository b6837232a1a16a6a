"""Per cell, from the kind ids of its steps: the headline verdict's severity, its confidence,
and the best- and worst-case severities (what `results.headline` and
`results.verdict_confidence` compute for one verdict, on whole arrays)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import forked
from ..bounds import joint_best
from ..results import SEVERITY, severity
from .keys import NOT_COUNTED, KindTable


def headlines(best: np.ndarray, worst: np.ndarray) -> np.ndarray:
    """`results.headline` on arrays of best and worst severities."""
    conditional, unknown = SEVERITY["conditional"], SEVERITY["unknown"]
    return np.where(
        best == worst, best, np.where(worst <= conditional, conditional, unknown)
    ).astype(np.int8)


def cell_bounds(kinds: KindTable, steps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 [cells...] twice: the best- and worst-case severity of every cell of `steps`
    ([rules, cells...]). The worst case is the most severe of the steps' own; so is the best
    case, except where two steps read unknown facts that may be shared: there
    `bounds.joint_best` decides, once per distinct combination of such steps (the other steps'
    best cases combine with it as usual). The steps are gathered once, as `range_codes`."""
    codes = kinds.range_codes()[steps]
    best = (codes & 3).max(axis=0)
    worst = (codes >> 2 & 3).max(axis=0)
    # Only a cell whose best case is below its worst, with two steps open, can change.
    candidates = ((codes >> 4).sum(axis=0, dtype=np.int8) >= 2) & (best < worst)
    if not candidates.any():
        return best, worst
    chosen = codes[:, candidates]
    is_open = chosen >> 4 == 1
    class_of, representative, masks = kinds.joint_classes()
    classes = np.where(is_open, class_of[steps[:, candidates]], 0)
    unique, inverse = _distinct_columns(classes)
    known = kinds.joint
    joint = np.empty(len(unique), dtype=np.int8)
    for n, row in enumerate(unique):
        key = tuple(c for c in row if c)
        found = known.get(key)
        if found is None:
            found = known[key] = _joint_best_severity(key, representative, masks)
        joint[n] = found
    others = np.where(is_open, 0, chosen & 3).max(axis=0)
    best = best.copy()
    best[candidates] = np.maximum(joint[inverse], others)
    return best, worst


def _joint_best_severity(ids: tuple[int, ...], representative: list[Any], masks: list[int]) -> int:
    """The best-case severity of steps of the joint classes `ids` taken together: the most
    severe of their own best cases where no two of them read a common unknown fact, else
    `bounds.joint_best`."""
    seen = shared = 0
    for c in ids:
        shared |= seen & masks[c]
        seen |= masks[c]
    if not shared:
        return max(SEVERITY[representative[c].range[0]] for c in ids)
    return severity(joint_best(tuple(representative[c] for c in ids)))


def _distinct_columns(classes: np.ndarray) -> tuple[list[list[int]], np.ndarray]:
    """The distinct columns of an int array [rules, cells] (as lists) and, per cell, the index
    of its own. The columns are numbered in mixed radix where that fits in 63 bits (one int64
    each, sorted much faster than rows of bytes), else compared as rows of bytes."""
    used = classes[np.any(classes, axis=1)]  # rules that read no unknown fact here drop out
    radix = int(used.max()) + 1 if used.size else 1
    if radix ** len(used) < 2**63:
        number = np.zeros(used.shape[1], dtype=np.int64)
        for row in used:
            number = number * radix + row
        unique, first, inverse = np.unique(number, return_index=True, return_inverse=True)
    else:
        rows = np.ascontiguousarray(used.T.astype(np.int32))
        packed = rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()
        unique, first, inverse = np.unique(packed, return_index=True, return_inverse=True)
    return used[:, first].T.tolist(), inverse.ravel()


Outcomes = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def outcomes(kinds: KindTable, steps: np.ndarray, workers: int = 1) -> Outcomes:
    """Per cell: the headline verdict's severity, its confidence (`results.verdict_confidence`:
    the best-founded blocking step, else the weakest step that counts), and the best- and
    worst-case severities. With two `workers`, a forked process computes the first half of
    the requesting states while this one computes the rest (each cell's outcome depends on its
    own steps alone)."""
    if workers < 2 or steps.shape[1] < 2:
        return _outcomes(kinds, steps)
    half = steps.shape[1] // 2
    first = forked.background(lambda: _outcomes(kinds, steps[:, :half]))
    second = _outcomes(kinds, steps[:, half:])
    verdicts, confidences, best, worst = (
        np.concatenate(parts) for parts in zip(first(), second, strict=True)
    )
    return verdicts, confidences, best, worst


def _outcomes(kinds: KindTable, steps: np.ndarray) -> Outcomes:
    best, worst = cell_bounds(kinds, steps)
    verdicts = headlines(best, worst)
    lowest = kinds.confidence()[steps].min(axis=0)
    lowest = np.where(lowest == NOT_COUNTED, 0, lowest)
    barred = kinds.blocking_confidence()[steps].max(axis=0)
    confidence = np.where(verdicts == SEVERITY["blocked"], np.maximum(barred, 0), lowest)
    return verdicts, confidence.astype(np.int8), best, worst
