"""Reform leverage: which single change in one jurisdiction's law would change most verdicts.

Fast by construction: only cells in which the reforming state is a party can change, and only
through the rules that read the fact; rules run again only for input combinations never seen.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from . import forked
from .context import Context, fact_at, replace_fact
from .grid import Grid, basis_fact, improves, what_ifs
from .results import Example, Reform

# (path pattern, proposed value, label). The most cooperative variant compatible with human
# rights: a death-penalty bar becomes an assurance requirement, never "no protection".
REFORMS: tuple[tuple[str, object, str], ...] = (
    (
        r"extradition\.legal_basis",
        "treaty_or_reciprocity",
        "extradite on reciprocity without a treaty",
    ),
    (
        r"instruments\.[A-Z0-9_]+\.accepts_as_extradition_basis",
        "yes",
        "accept the convention as a legal basis for extradition",
    ),
    (r"extradition\.nationals", "none", "surrender its own nationals"),
    (r"extradition\.dual_criminality", "conduct", "apply a conduct-based dual criminality test"),
    (r"extradition\.min_penalty_years", 1, "lower the extradition threshold to one year"),
    (
        r"extradition\.death_penalty_policy",
        "assurance_required",
        "accept death-penalty assurances instead of refusing",
    ),
    (r"extradition\.life_sentence_policy", "none", "surrender without life-sentence conditions"),
    (
        r"extradition\.evidence_standard",
        "formal_review",
        "review extradition requests for form only",
    ),
    (r"offences\.[a-z_]+\.criminalised", "yes", "criminalise the conduct in full"),
    (r"offences\.[a-z_]+\.death_penalty", "no", "abolish the death penalty for the offence"),
    (r"offences\.[a-z_]+\.life_imprisonment", "no", "abolish life imprisonment for the offence"),
    (r"mla\.legal_basis", "treaty_or_reciprocity", "assist without a treaty"),
    (
        r"mla\.dual_criminality_coercive",
        "not_required",
        "drop dual criminality for coercive assistance",
    ),
    (
        r"mla\.dual_criminality_non_coercive",
        "not_required",
        "drop dual criminality for non-coercive assistance",
    ),
    (r"mla\.bank_secrecy_refusal", "no", "exclude bank secrecy as a refusal ground"),
    (
        r"evidence\.measures\.[a-z_]+\.available",
        "yes",
        "make the measure available on foreign request",
    ),
    (
        r"evidence\.measures\.[a-z_]+\.authorisation",
        "judicial",
        "require a judicial order for the measure",
    ),
    (
        r"evidence\.foreign_evidence",
        "lawful_where_obtained",
        "admit evidence lawfully obtained abroad",
    ),
)
_COMPILED = tuple((re.compile(p + "$"), value, label) for p, value, label in REFORMS)


def proposal(path: str) -> tuple[object, str] | None:
    """The cooperative variant for a fact path, if it is a reform candidate."""
    for pattern, value, label in _COMPILED:
        if pattern.match(path):
            return value, label
    return None


def limiting_facts(grids: dict[str, Grid]) -> set[tuple[str, str]]:
    """(state, fact path) for every fact a blocking or conditional step read in some cell."""
    found: set[tuple[str, str]] = set()
    for grid in grids.values():
        n, c = len(grid.codes), len(grid.columns)
        # Per role, whether a kind limits and reads a fact of the state in that role.
        reads = {
            role: np.array(
                [
                    kind is not None
                    and kind.outcome in ("blocked", "conditional")
                    and any(owner == role for owner, _ in kind.slots)
                    for kind in grid.kinds.values
                ]
            )
            for role in "ab"
        }
        for layer in grid.steps:
            if (layer[..., :1] == layer).all():  # the same for every person scenario
                layer = layer[..., :1]
            for role in "ab":
                cells = reads[role][layer]
                if not cells.any():
                    continue
                a, b, column, _ = np.nonzero(cells)
                state = a if role == "a" else b
                triples = np.unique((layer[cells].astype(np.int64) * n + state) * c + column)
                for kind_id, index, col in zip(
                    (triples // c // n).tolist(),
                    (triples // c % n).tolist(),
                    (triples % c).tolist(),
                    strict=True,
                ):
                    for owner, path in grid.kinds.values[kind_id].slots:
                        if owner == role:
                            found.add((grid.codes[index], path.replace("{o}", grid.columns[col])))
    return found


def _already_lower(current: object, proposed: object) -> bool:
    """A numeric threshold at or below the proposal: 'lowering' it would not cooperate more."""
    return (
        isinstance(current, int | float)
        and isinstance(proposed, int | float)
        and current <= proposed
    )


Candidate = tuple[str, str, str, object, str]  # state, path, current value, proposal, label


def candidates(ctx: Context, grids: dict[str, Grid]) -> list[Candidate]:
    """Known facts read by a blocking or conditional step that have a cooperative variant."""
    found: list[Candidate] = []
    for code, path in sorted(limiting_facts(grids)):
        proposed = proposal(path)
        current = fact_at(ctx.jurisdictions[code], path)
        if proposed is None or current is None or current.value in (proposed[0], "unknown"):
            continue
        if not _already_lower(current.value, proposed[0]):
            found.append((code, path, str(current.value), *proposed))
    return found


def rank_reforms(
    ctx: Context, grids: dict[str, Grid], limit: int | None = None, workers: int | None = None
) -> tuple[Reform, ...]:
    """Every candidate reform with the verdicts it would change, most leverage first.

    Each what-if re-evaluates only the cells in which that state is a party, only for the
    rules that read the fact, and runs a rule only for combinations of inputs never seen
    before; what-ifs of the same fact in different states are evaluated together. At world
    scale the candidates are shared between two worker processes (forked, so they start with
    the grids already built)."""
    found = candidates(ctx, grids)
    if workers is None:
        workers = 2 if len(found) >= 400 and forked.available() else 1
    if workers > 1:
        parts = forked.map_unordered(
            lambda task: evaluate_candidates(ctx, grids, task), _tasks(found), workers
        )
        reforms = [reform for part in parts for reform in part]
    else:
        reforms = evaluate_candidates(ctx, grids, found)
    reforms.sort(key=lambda r: (-r.unblocked, -r.changed, r.jurisdiction, r.path))
    return tuple(reforms[:limit] if limit else reforms)


def _by_path(found: list[Candidate]) -> dict[str, list[Candidate]]:
    groups: dict[str, list[Candidate]] = {}
    for candidate in found:
        groups.setdefault(candidate[1], []).append(candidate)
    return groups


def _tasks(found: list[Candidate]) -> list[list[Candidate]]:
    """Candidates as worker tasks: each fact path's candidates together (they are evaluated as
    one block), the costliest first (a change to an input of the legal-basis choice re-runs
    every rule that reads the basis), so that workers taking the next task as they finish end
    together."""

    def cost(group: list[Candidate]) -> int:
        return len(group) * (16 if basis_fact(group[0][1]) else 1)

    return sorted(_by_path(found).values(), key=cost, reverse=True)


EXAMPLES = 5  # changed verdicts kept per reform


def evaluate_candidates(
    ctx: Context, grids: dict[str, Grid], chunk: list[Candidate]
) -> list[Reform]:
    """The verdicts each candidate reform changes (none: not a reform worth listing)."""
    reforms: list[Reform] = []
    for path, group in _by_path(chunk).items():
        changed = []
        for code, _, _, value, _ in group:
            fact = fact_at(ctx.jurisdictions[code], path)
            assert fact is not None
            changed.append(
                (
                    code,
                    ctx.with_override(
                        replace_fact(ctx.jurisdictions[code], path, type(fact)(value=value))
                    ),
                )
            )
        results = [what_ifs(grid, path, changed, EXAMPLES) for grid in grids.values()]
        for i, (code, _, current, value, label) in enumerate(group):
            changes: Counter[tuple[str, str]] = Counter()
            examples: list[Example] = []
            for result in results:
                changes.update(result[i].counts)
                examples.extend(result[i].examples)
            examples.sort(key=lambda e: not improves(e.before, e.after))  # stable
            total = sum(changes.values())
            unblocked = sum(n for (before, after), n in changes.items() if improves(before, after))
            if total:
                reforms.append(
                    Reform(
                        jurisdiction=code,
                        path=path,
                        current=current,
                        proposed=str(value),
                        label=label,
                        changed=total,
                        unblocked=unblocked,
                        changes=tuple((a, b, n) for (a, b), n in sorted(changes.items())),
                        examples=tuple(examples[:EXAMPLES]),
                    )
                )
    return reforms
