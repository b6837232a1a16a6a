"""Compute everything the site and the open data show, from a validated corpus."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..models import MEASURES, Corpus
from ..staleness import DEFAULT_AGE, cutoff
from .context import Context
from .extradition import EXTRADITION, Case, cached_basis, evaluate
from .gaps import all_gaps, element_status
from .health import jurisdiction_health
from .leverage import rank_reforms
from .mla import MLA, MlaCase, evaluate_mla, mla_relation
from .summary import Summary, summarise
from .results import PERSONS, GapCounts, GapEntry, Health, Reform, Verdict, combine



@dataclass(frozen=True)
class Analysis:
    """All results, in deterministic order."""

    gaps: tuple[GapEntry, ...]
    gap_counts: tuple[GapCounts, ...]
    extradition: tuple[Verdict, ...]
    mla: tuple[Verdict, ...]
    reforms: tuple[Reform, ...]
    health: tuple[Health, ...]
    summary: Summary | None = None
    by_element: dict[tuple[str, str], GapEntry] | None = None


def extradition_verdicts(ctx: Context) -> tuple[Verdict, ...]:
    """Every directed pair × offence × person scenario."""
    verdicts = []
    for requesting in ctx.codes:
        for requested in ctx.codes:
            if requesting == requested:
                continue
            a, b = ctx.jurisdictions[requesting], ctx.jurisdictions[requested]
            for offence in ctx.corpus.offences:
                basis = cached_basis(ctx, a, b, offence)
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


def restep(ctx: Context, verdict: Verdict, fact: str) -> str:
    """The verdict after a what-if, re-computing only the steps that read `fact`
    (`CODE\\0path`); the other steps cannot change because they did not read it."""
    code, path = fact.split("\0")
    reads_it = [any(r.owner == code and r.path == path for r in s.facts) for s in verdict.steps]
    others = [s.outcome for s, hit in zip(verdict.steps, reads_it, strict=True) if not hit]
    if verdict.kind == "extradition":
        a, b = ctx.jurisdictions[verdict.requesting], ctx.jurisdictions[verdict.requested]
        offence = ctx.offences[verdict.offence or ""]
        case = Case(ctx, a, b, offence, verdict.person or "other", cached_basis(ctx, a, b, offence))
        registry: Any = EXTRADITION
    else:
        case = MlaCase(ctx, ctx.jurisdictions[verdict.requesting],
                       ctx.jurisdictions[verdict.requested], verdict.measure or "",
                       ctx.offences[verdict.offence] if verdict.offence else None,
                       mla_relation(ctx, verdict.requesting, verdict.requested))
        registry = MLA
    for step, hit in zip(verdict.steps, reads_it, strict=True):
        if hit:
            new = registry.step(registry.get(step.rule), case, ctx.steps)
            others.append(new.outcome if new is not None else "possible")
    return combine(others)


def analyse(corpus: Corpus, today: date) -> Analysis:
    """Gaps, verdicts, leverage and health for the whole corpus."""
    ctx = Context(corpus)
    gaps, counts = all_gaps(ctx)
    extradition = extradition_verdicts(ctx)
    mla = mla_verdicts(ctx)
    reforms = rank_reforms(ctx, extradition + mla, reevaluate, restep)
    stale_before = cutoff(today, DEFAULT_AGE)
    health = tuple(jurisdiction_health(ctx.jurisdictions[c], stale_before) for c in ctx.codes)
    return Analysis(gaps, counts, extradition, mla, reforms, health,
                    summarise(corpus, extradition, mla), element_status(gaps))
