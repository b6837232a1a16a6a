"""Compute everything the site and the open data show, from a validated corpus."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from ..core.gcpause import paused_gc
from ..core.models import Corpus
from ..core.staleness import DEFAULT_AGE, cutoff
from . import forked
from .context import Context
from .gaps import all_gaps, element_status
from .grid import Details, Grid, Verdicts, build_grid, details
from .health import jurisdiction_health
from .leverage import rank_reforms
from .research import research_priorities
from .results import GapCounts, GapEntry, Health, Reform, ResearchNeed
from .summary import Summary, summarise

T = TypeVar("T")


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
    research: tuple[ResearchNeed, ...]  # unknown facts, most verdicts settled first
    health: tuple[Health, ...]
    summary: Summary
    by_element: dict[tuple[str, str], GapEntry]
    context: Context
    details: dict[str, Details]


def verdict_grids(ctx: Context) -> dict[str, Grid]:
    """Every extradition question (pair × offence × person) and assistance question (pair ×
    measure), decided."""
    return {"extradition": build_grid(ctx, "extradition"), "mla": build_grid(ctx, "mla")}


def analyse(corpus: Corpus, today: date, timings: dict[str, float] | None = None) -> Analysis:
    """Gaps, verdicts, leverage and health for the whole corpus (`timings`, if given, receives
    the seconds each phase took; at world scale the gaps are computed while the grids are
    built, so the phases overlap and their sum exceeds the whole)."""
    with paused_gc():
        return _analyse(corpus, today, {} if timings is None else timings)


def _timed_in_child(function: Callable[..., T], *args: Any) -> tuple[T, float]:
    """`function(*args)` and the seconds it took (measured where it runs)."""
    start = time.perf_counter()
    return function(*args), time.perf_counter() - start


def _analyse(corpus: Corpus, today: date, timings: dict[str, float]) -> Analysis:
    def timed(phase: str, function: Callable[..., T], *args: Any) -> T:
        start = time.perf_counter()
        result = function(*args)
        timings[phase] = timings.get(phase, 0.0) + time.perf_counter() - start
        return result

    ctx = Context(corpus)
    # The gap matrices need no verdict: at world scale they are computed in a forked process
    # while this one builds the grids (one core is idle while a grid chooses legal bases).
    gaps_result = forked.background(
        lambda: _timed_in_child(all_gaps, ctx), len(ctx.codes) >= forked.PARALLEL_STATES
    )
    grids = {
        "extradition": timed("extradition verdicts", build_grid, ctx, "extradition"),
        "mla": timed("MLA verdicts", build_grid, ctx, "mla"),
    }
    reforms = timed("leverage", rank_reforms, ctx, grids)
    research = timed("research priorities", research_priorities, ctx, grids)
    (gaps, counts), timings["gaps (in parallel)"] = timed("waiting for gaps", gaps_result)
    stale_before = cutoff(today, DEFAULT_AGE)
    health = timed(
        "health",
        lambda: tuple(jurisdiction_health(ctx.jurisdictions[c], stale_before) for c in ctx.codes),
    )
    summary = timed("summary", summarise, corpus, grids)
    cells = timed(
        "per-cell details", lambda: {name: details(ctx, grid) for name, grid in grids.items()}
    )
    return Analysis(
        gaps,
        counts,
        grids,
        Verdicts(ctx, grids["extradition"]),
        Verdicts(ctx, grids["mla"]),
        reforms,
        research,
        health,
        summary,
        element_status(gaps),
        ctx,
        cells,
    )
