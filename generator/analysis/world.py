"""Compute everything the site and the open data show, from a validated corpus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import Corpus
from ..staleness import DEFAULT_AGE, cutoff
from .context import Context
from .gaps import all_gaps, element_status
from .grid import Details, Grid, Verdicts, build_grid, details
from .health import jurisdiction_health
from .leverage import rank_reforms
from .results import GapCounts, GapEntry, Health, Reform
from .summary import Summary, summarise


@dataclass(frozen=True)
class Analysis:
    """All results, in deterministic order. Verdicts live in two grids (arrays of step-kind
    ids); `extradition` and `mla` present them as sequences of full verdicts, built on demand."""

    gaps: tuple[GapEntry, ...]
    gap_counts: tuple[GapCounts, ...]
    grids: dict[str, Grid]
    extradition: Verdicts
    mla: Verdicts
    reforms: tuple[Reform, ...]
    health: tuple[Health, ...]
    summary: Summary
    by_element: dict[tuple[str, str], GapEntry]
    context: Context
    details: dict[str, Details]


def verdict_grids(ctx: Context) -> dict[str, Grid]:
    """Every extradition question (pair × offence × person) and assistance question (pair ×
    measure), decided."""
    return {"extradition": build_grid(ctx, "extradition"), "mla": build_grid(ctx, "mla")}


def analyse(corpus: Corpus, today: date) -> Analysis:
    """Gaps, verdicts, leverage and health for the whole corpus."""
    ctx = Context(corpus)
    gaps, counts = all_gaps(ctx)
    grids = verdict_grids(ctx)
    reforms = rank_reforms(ctx, grids)
    stale_before = cutoff(today, DEFAULT_AGE)
    health = tuple(jurisdiction_health(ctx.jurisdictions[c], stale_before) for c in ctx.codes)
    return Analysis(gaps, counts, grids, Verdicts(ctx, grids["extradition"]),
                    Verdicts(ctx, grids["mla"]), reforms, health, summarise(corpus, grids),
                    element_status(gaps), ctx,
                    {name: details(ctx, grid) for name, grid in grids.items()})
