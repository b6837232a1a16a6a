"""Compute everything the site and the open data show, from a validated corpus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..models import MEASURES, Corpus
from .context import Context
from .extradition import evaluate, select_basis
from .gaps import all_gaps
from .health import jurisdiction_health
from .leverage import rank_reforms
from .mla import evaluate_mla
from .results import PERSONS, GapCounts, GapEntry, Health, Reform, Verdict

STALE_AFTER_DAYS = 730  # two years, the default review cycle


@dataclass(frozen=True)
class Analysis:
    """All results, in deterministic order."""

    gaps: tuple[GapEntry, ...]
    gap_counts: tuple[GapCounts, ...]
    extradition: tuple[Verdict, ...]
    mla: tuple[Verdict, ...]
    reforms: tuple[Reform, ...]
    health: tuple[Health, ...]


def extradition_verdicts(ctx: Context) -> tuple[Verdict, ...]:
    """Every directed pair × offence × person scenario."""
    verdicts = []
    for requesting in ctx.codes:
        for requested in ctx.codes:
            if requesting == requested:
                continue
            a, b = ctx.jurisdictions[requesting], ctx.jurisdictions[requested]
            for offence in ctx.corpus.offences:
                basis = select_basis(ctx, a, b, offence)
                for person in PERSONS:
                    verdicts.append(evaluate(ctx, requesting, requested, offence.id, person,
                                             basis))
    return tuple(verdicts)


def mla_verdicts(ctx: Context) -> tuple[Verdict, ...]:
    """Every directed pair × measure (dual criminality judged without a specific offence)."""
    return tuple(
        evaluate_mla(ctx, requesting, requested, measure)
        for requesting in ctx.codes for requested in ctx.codes if requesting != requested
        for measure in MEASURES
    )


def reevaluate(ctx: Context, verdict: Verdict) -> Verdict:
    """The same question asked again in another (what-if) context."""
    if verdict.kind == "extradition":
        assert verdict.offence is not None and verdict.person is not None
        return evaluate(ctx, verdict.requesting, verdict.requested, verdict.offence,
                        verdict.person)
    assert verdict.measure is not None
    return evaluate_mla(ctx, verdict.requesting, verdict.requested, verdict.measure,
                        verdict.offence)


def analyse(corpus: Corpus, today: date) -> Analysis:
    """Gaps, verdicts, leverage and health for the whole corpus."""
    ctx = Context(corpus)
    gaps, counts = all_gaps(ctx)
    extradition = extradition_verdicts(ctx)
    mla = mla_verdicts(ctx)
    reforms = rank_reforms(ctx, extradition + mla, reevaluate)
    stale_before = date.fromordinal(today.toordinal() - STALE_AFTER_DAYS)
    health = tuple(jurisdiction_health(ctx.jurisdictions[c], stale_before) for c in ctx.codes)
    return Analysis(gaps, counts, extradition, mla, reforms, health)
