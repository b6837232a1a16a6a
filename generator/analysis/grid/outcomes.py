"""Per cell, from the kind ids of its steps: the headline verdict's severity, its confidence,
and the best- and worst-case severities (what `results.headline` and
`results.verdict_confidence` compute for one verdict, on whole arrays)."""

from __future__ import annotations

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
    best = joint_best_cases(kinds, steps)
    worst = kinds.worst()[steps].max(axis=0)
    verdicts = headlines(best, worst)
    lowest = kinds.confidence()[steps].min(axis=0)
    lowest = np.where(lowest == NOT_COUNTED, 0, lowest)
    barred = kinds.blocking_confidence()[steps].max(axis=0)
    confidence = np.where(verdicts == SEVERITY["blocked"], np.maximum(barred, 0), lowest)
    return verdicts, confidence.astype(np.int8), best, worst
