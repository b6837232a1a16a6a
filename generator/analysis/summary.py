"""Counts the pages show: verdicts by state, offence, measure and scenario, the steps that limit
each requested state, and the span of verification dates. Computed here so rendering only
arranges numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from ..core.facts import walk_facts
from ..core.models import Corpus
from .grid import Grid
from .results import OUTCOMES, SEVERITY, Outcome

Counts = tuple[tuple[Outcome, int], ...]


def counts(found: np.ndarray) -> Counts:
    """(outcome, number) for every outcome, in the fixed order of OUTCOMES, from severities."""
    tally = np.bincount(found.ravel(), minlength=len(OUTCOMES))
    return tuple((outcome, int(tally[SEVERITY[outcome]])) for outcome in OUTCOMES)


@dataclass(frozen=True)
class Summary:
    """Aggregates for the site."""

    extradition: Counts
    mla: Counts
    as_requested: dict[str, Counts]
    as_requesting: dict[str, Counts]
    limiting: dict[str, tuple[tuple[str, int], ...]]
    by_offence: dict[tuple[str, str | None], Counts]
    by_measure: dict[str, Counts]
    verified_span: tuple[date, date] | None


def _asked(grid: Grid) -> np.ndarray:
    """bool [n, n]: the cells that are real questions (not a state asking itself)."""
    n = len(grid.codes)
    return ~np.eye(n, dtype=bool)


def _limiting(grid: Grid) -> dict[str, tuple[tuple[str, int], ...]]:
    """Per requested state, the blocking or conditional steps most often met."""
    severity = grid.kinds.severity()
    asked = _asked(grid)[:, :, None, None]
    found: dict[str, list[tuple[int, int, str]]] = {code: [] for code in grid.codes}
    for order, (rule, layer) in enumerate(zip(grid.registry.rules, grid.steps, strict=True)):
        outcome_of = severity[layer]
        for rank, outcome in enumerate(("blocked", "conditional")):
            per_state = ((outcome_of == SEVERITY[outcome]) & asked).sum(axis=(0, 2, 3))
            for code, number in zip(grid.codes, per_state, strict=True):
                if number:
                    found[code].append(
                        (-int(number), order * 2 + rank, f"{rule.title} ({outcome})")
                    )
    return {
        code: tuple((label, -minus) for minus, _, label in sorted(items)[:8])
        for code, items in sorted(found.items())
        if items
    }


def summarise(corpus: Corpus, grids: dict[str, Grid]) -> Summary:
    """Every aggregate the pages need."""
    verified = [
        item.verified for j in corpus.jurisdictions for _, item in walk_facts(j) if item.verified
    ]
    ext, mla = grids["extradition"], grids["mla"]
    asked = _asked(ext)
    ext_v = ext.verdicts
    return Summary(
        extradition=counts(ext_v[asked]),
        mla=counts(mla.verdicts[_asked(mla)]),
        as_requested={code: counts(ext_v[:, i][asked[:, i]]) for i, code in enumerate(ext.codes)},
        as_requesting={code: counts(ext_v[i][asked[i]]) for i, code in enumerate(ext.codes)},
        limiting=_limiting(ext),
        by_offence={
            (offence, person): counts(ext_v[:, :, c, p][asked])
            for c, offence in enumerate(ext.columns)
            for p, person in enumerate(ext.persons)
        },
        by_measure={
            measure: counts(mla.verdicts[:, :, c, 0][_asked(mla)])
            for c, measure in enumerate(mla.columns)
        },
        verified_span=(min(verified), max(verified)) if verified else None,
    )
