"""Counts the pages show: verdicts by state, offence, measure and scenario, the steps that limit
each requested state, and the span of verification dates. Computed here so rendering only
arranges numbers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..checks import walk_facts
from ..models import Corpus
from .results import OUTCOMES, Outcome, Verdict

Counts = tuple[tuple[Outcome, int], ...]


def counts(verdicts: Iterable[Verdict]) -> Counts:
    """(outcome, number) for every outcome, in the fixed order of OUTCOMES."""
    found = Counter(v.verdict for v in verdicts)
    return tuple((outcome, found.get(outcome, 0)) for outcome in OUTCOMES)


@dataclass(frozen=True)
class Summary:
    """Aggregates for the site."""

    extradition: Counts
    mla: Counts
    as_requested: dict[str, Counts]
    as_requesting: dict[str, Counts]
    limiting: dict[str, tuple[tuple[str, int], ...]]
    by_offence: dict[tuple[str, str], Counts]
    by_measure: dict[str, Counts]
    verified_span: tuple[date, date] | None


def _group(verdicts: tuple[Verdict, ...], key) -> dict:  # noqa: ANN001
    groups: dict = {}
    for verdict in verdicts:
        groups.setdefault(key(verdict), []).append(verdict)
    return {k: counts(v) for k, v in sorted(groups.items())}


def _limiting(verdicts: tuple[Verdict, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    by_state: dict[str, Counter[str]] = {}
    for verdict in verdicts:
        rules = by_state.setdefault(verdict.requested, Counter())
        for step in verdict.steps:
            if step.outcome in ("blocked", "conditional"):
                rules[f"{step.title} ({step.outcome})"] += 1
    return {code: tuple(rules.most_common(8)) for code, rules in sorted(by_state.items())}


def summarise(corpus: Corpus, extradition: tuple[Verdict, ...],
              mla: tuple[Verdict, ...]) -> Summary:
    """Every aggregate the pages need."""
    verified = [item.verified for j in corpus.jurisdictions for _, item in walk_facts(j)
                if item.verified]
    return Summary(
        extradition=counts(extradition), mla=counts(mla),
        as_requested=_group(extradition, lambda v: v.requested),
        as_requesting=_group(extradition, lambda v: v.requesting),
        limiting=_limiting(extradition),
        by_offence=_group(extradition, lambda v: (v.offence, v.person)),
        by_measure=_group(mla, lambda v: v.measure),
        verified_span=(min(verified), max(verified)) if verified else None,
    )
