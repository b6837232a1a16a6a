"""Reform leverage: which single change in one jurisdiction's law would change most verdicts.

Fast by construction: a verdict can only change if its trace read the fact, so each what-if
re-evaluates just the verdicts whose steps cite that fact, not the whole world.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from .context import Context, fact_at, replace_fact
from .results import Reform, Verdict

# (path pattern, proposed value, label). The most cooperative variant compatible with human
# rights: a death-penalty bar becomes an assurance requirement, never "no protection".
REFORMS: tuple[tuple[str, object, str], ...] = (
    (r"extradition\.legal_basis", "treaty_or_reciprocity", "extradite on reciprocity without a treaty"),
    (r"instruments\.[A-Z0-9_]+\.accepts_as_extradition_basis", "yes", "accept the convention as a legal basis for extradition"),
    (r"extradition\.nationals", "none", "surrender its own nationals"),
    (r"extradition\.dual_criminality", "conduct", "apply a conduct-based dual criminality test"),
    (r"extradition\.min_penalty_years", 1, "lower the extradition threshold to one year"),
    (r"extradition\.death_penalty_policy", "assurance_required", "accept death-penalty assurances instead of refusing"),
    (r"extradition\.life_sentence_policy", "none", "surrender without life-sentence conditions"),
    (r"extradition\.discretionary_refusal", "no", "remove discretionary refusal grounds"),
    (r"extradition\.evidence_standard", "formal_review", "review extradition requests for form only"),
    (r"offences\.[a-z_]+\.criminalised", "yes", "criminalise the conduct in full"),
    (r"offences\.[a-z_]+\.death_penalty", "no", "abolish the death penalty for the offence"),
    (r"offences\.[a-z_]+\.life_imprisonment", "no", "abolish life imprisonment for the offence"),
    (r"mla\.legal_basis", "treaty_or_reciprocity", "assist without a treaty"),
    (r"mla\.dual_criminality_coercive", "not_required", "drop dual criminality for coercive assistance"),
    (r"mla\.dual_criminality_non_coercive", "not_required", "drop dual criminality for non-coercive assistance"),
    (r"mla\.bank_secrecy_refusal", "no", "exclude bank secrecy as a refusal ground"),
    (r"evidence\.measures\.[a-z_]+\.available", "yes", "make the measure available on foreign request"),
    (r"evidence\.measures\.[a-z_]+\.authorisation", "judicial", "require a judicial order for the measure"),
    (r"evidence\.foreign_evidence", "lawful_where_obtained", "admit evidence lawfully obtained abroad"),
)
_COMPILED = tuple((re.compile(p + "$"), value, label) for p, value, label in REFORMS)


def proposal(path: str) -> tuple[object, str] | None:
    """The cooperative variant for a fact path, if it is a reform candidate."""
    for pattern, value, label in _COMPILED:
        if pattern.match(path):
            return value, label
    return None


def index_facts(verdicts: Iterable[Verdict]) -> dict[tuple[str, str], list[Verdict]]:
    """For every jurisdiction fact read by a limiting step, the verdicts that read it."""
    index: dict[tuple[str, str], list[Verdict]] = {}
    for verdict in verdicts:
        if verdict.verdict == "possible":
            continue
        seen: set[tuple[str, str]] = set()
        for step in verdict.steps:
            if step.outcome not in ("blocked", "conditional"):
                continue
            for ref in step.facts:
                key = (ref.owner, ref.path)
                if len(ref.owner) == 2 and ref.value != "unknown" and key not in seen:
                    seen.add(key)
                    index.setdefault(key, []).append(verdict)
    return index


def _already_lower(current: object, proposed: object) -> bool:
    """A numeric threshold at or below the proposal: 'lowering' it would not cooperate more."""
    return (isinstance(current, int | float) and isinstance(proposed, int | float)
            and current <= proposed)


_RANK = {"possible": 0, "conditional": 1, "unknown": 2, "blocked": 3}

Reevaluate = Callable[[Context, Verdict], Verdict]
Restep = Callable[[Context, Verdict, str], str]

# Facts that change which legal basis applies: a what-if on them re-runs whole verdicts.
_BASIS_FACTS = re.compile(r"(extradition|mla)\.legal_basis$|instruments\.")


def rank_reforms(ctx: Context, verdicts: Iterable[Verdict], reevaluate: Reevaluate,
                 restep: Restep | None = None, limit: int | None = None) -> tuple[Reform, ...]:
    """Every candidate reform with the verdicts it would change, most leverage first.

    For a fact that does not change the legal basis, only the steps that read it are
    re-computed (`restep`), and steps are shared between verdicts with the same rule key.
    """
    reforms: list[Reform] = []
    for (code, path), affected in sorted(index_facts(verdicts).items()):
        found = proposal(path)
        current = fact_at(ctx.jurisdictions[code], path)
        if found is None or current is None or current.value == found[0]:
            continue
        if _already_lower(current.value, found[0]):
            continue
        value, label = found
        basis_fact = bool(_BASIS_FACTS.match(path))
        changed_ctx = ctx.with_override(replace_fact(
            ctx.jurisdictions[code], path, type(current)(value=value)),
            same_bases=not basis_fact)
        changes: Counter[tuple[str, str]] = Counter()
        examples: list[tuple[str, ...]] = []
        for verdict in affected:
            if restep is None or basis_fact:
                after = reevaluate(changed_ctx, verdict).verdict
            else:
                after = restep(changed_ctx, verdict, f"{code}\0{path}")
            if after != verdict.verdict:
                changes[(verdict.verdict, after)] += 1
                if len(examples) < 5:
                    examples.append((*verdict.key, verdict.verdict, after))
        total = sum(changes.values())
        unblocked = sum(n for (before, after), n in changes.items()
                        if _RANK[after] < _RANK[before] and after != "unknown")
        if total:
            reforms.append(Reform(
                jurisdiction=code, path=path, current=str(current.value), proposed=str(value),
                label=label, changed=total, unblocked=unblocked,
                changes=tuple((a, b, n) for (a, b), n in sorted(changes.items())),
                examples=tuple(examples)))
    reforms.sort(key=lambda r: (-r.unblocked, -r.changed, r.jurisdiction, r.path))
    return tuple(reforms[:limit] if limit else reforms)
