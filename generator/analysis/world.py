"""Compute everything the site and the open data show, from a validated corpus."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple, TypeVar

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
    built, and research priorities, health, summary and details while leverage runs, so the
    phases overlap and their sum exceeds the whole)."""
    with paused_gc():
        return _analyse(corpus, today, {} if timings is None else timings)


def _timed(phase: str, function: Callable[..., T], *args: Any, timings: dict[str, float]) -> T:
    """`function(*args)`, adding the seconds it took (where it runs) to `timings[phase]`."""
    start = time.perf_counter()
    result = function(*args)
    timings[phase] = timings.get(phase, 0.0) + time.perf_counter() - start
    return result


class _Rest(NamedTuple):
    """What needs the grids but neither leverage nor each other."""

    research: tuple[ResearchNeed, ...]
    health: tuple[Health, ...]
    summary: Summary
    cells: dict[str, Details]
    timings: dict[str, float]


def _gaps(
    ctx: Context,
) -> tuple[tuple[tuple[GapEntry, ...], tuple[GapCounts, ...]], dict[str, float]]:
    timings: dict[str, float] = {}
    return _timed("gaps", all_gaps, ctx, timings=timings), timings


def _rest(ctx: Context, grids: dict[str, Grid], today: date) -> _Rest:
    timings: dict[str, float] = {}
    research = _timed("research priorities", research_priorities, ctx, grids, timings=timings)
    stale_before = cutoff(today, DEFAULT_AGE)
    health = _timed(
        "health",
        lambda: tuple(jurisdiction_health(ctx.jurisdictions[c], stale_before) for c in ctx.codes),
        timings=timings,
    )
    summary = _timed("summary", summarise, ctx.corpus, grids, timings=timings)
    cells = _timed(
        "per-cell details",
        lambda: {name: details(ctx, grid) for name, grid in grids.items()},
        timings=timings,
    )
    return _Rest(research, health, summary, cells, timings)


def _analyse(corpus: Corpus, today: date, timings: dict[str, float]) -> Analysis:
    ctx = Context(corpus)
    parallel = len(ctx.codes) >= forked.PARALLEL_STATES
    suffix = " (in parallel)" if parallel else ""
    # At world scale two forked processes do what needs no verdict (the gap matrices, while
    # the grids are built) and what needs the grids but not leverage (while reforms are
    # ranked): otherwise one core is idle while a grid chooses legal bases or leverage finds
    # its candidates.
    gaps_result = forked.background(lambda: _gaps(ctx), parallel)
    grids = {
        "extradition": _timed(
            "extradition verdicts", build_grid, ctx, "extradition", timings=timings
        ),
        "mla": _timed("MLA verdicts", build_grid, ctx, "mla", timings=timings),
    }
    rest_result = forked.background(lambda: _rest(ctx, grids, today), parallel)
    reforms = _timed("leverage", rank_reforms, ctx, grids, timings=timings)
    (gaps, counts), gap_timings = _timed("waiting for gaps", gaps_result, timings=timings)
    research, health, summary, cells, rest_timings = _timed(
        "waiting for research, health, summary, details", rest_result, timings=timings
    )
    for name, seconds in {**gap_timings, **rest_timings}.items():
        timings[f"{name}{suffix}"] = seconds
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
