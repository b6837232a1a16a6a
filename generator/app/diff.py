"""What a corpus change does: facts added, removed or changed, and the verdicts, gap statuses
and reform leverage that move as a result. Pure: two (corpus, analysis) pairs in, a report out."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..analysis.grid import Grid
from ..analysis.results import OUTCOMES
from ..analysis.world import Analysis
from ..core.countries import country_name
from ..core.facts import walk_facts
from ..core.models import Corpus, Jurisdiction, Relation
from ..core.problems import Problem
from ..render.escape import gfm_code, gfm_text


@dataclass(frozen=True)
class FactChange:
    owner: str
    path: str
    old: str | None
    new: str | None
    old_source: str | None
    new_source: str | None


@dataclass(frozen=True)
class Flip:
    kind: str
    requesting: str
    requested: str
    subject: str
    person: str
    old: str
    new: str


@dataclass(frozen=True)
class Report:
    base: str
    head: str
    base_problems: tuple[Problem, ...] = ()
    head_problems: tuple[Problem, ...] = ()
    facts: tuple[FactChange, ...] = ()
    flips: tuple[Flip, ...] = ()
    gaps: tuple[tuple[str, str, str, str, str], ...] = ()
    leverage: tuple[tuple[str, str, int, int], ...] = ()
    files: dict[str, str] = field(default_factory=dict)


def _facts(document: Jurisdiction | Relation) -> dict[str, tuple[str, str | None]]:
    found = {}
    for loc, item in walk_facts(document):
        source = item.source
        title = document.sources[source].title if source in document.sources else None
        found[".".join(str(p) for p in loc)] = (str(item.value), title)
    return found


def fact_changes(base: Corpus, head: Corpus) -> list[FactChange]:
    """Per jurisdiction and relation: every fact whose value or source changed."""

    def owners(corpus: Corpus) -> dict[str, Jurisdiction | Relation]:
        found: dict[str, Jurisdiction | Relation] = {j.code: j for j in corpus.jurisdictions}
        found.update({f"relation:{r.id}": r for r in corpus.relations})
        return found

    old, new = owners(base), owners(head)
    changes = []
    for owner in sorted(set(old) | set(new)):
        before = _facts(old[owner]) if owner in old else {}
        after = _facts(new[owner]) if owner in new else {}
        for path in sorted(set(before) | set(after)):
            a, b = before.get(path), after.get(path)
            if a != b:
                changes.append(
                    FactChange(
                        owner,
                        path,
                        a[0] if a else None,
                        b[0] if b else None,
                        a[1] if a else None,
                        b[1] if b else None,
                    )
                )
    return changes


def verdict_label(verdict: str, best: str, worst: str) -> str:
    """A verdict as the report shows it: with its bounds where unknown facts leave it open."""
    return verdict if best == worst else f"{verdict} ({best} to {worst})"


def verdict_flips(base: Analysis, head: Analysis) -> list[Flip]:
    """Questions whose verdict or bounds differ (new and removed questions count as flips from
    or to '—'). Compared on the verdict grids, cell by cell, so a world of questions costs
    array operations, and only the cells that differ are named."""
    flips: list[Flip] = []
    for name in ("extradition", "mla"):
        flips += _grid_flips(name, base.grids[name], head.grids[name])
    return flips


def _grid_flips(name: str, old: Grid, new: Grid) -> list[Flip]:
    codes = sorted(set(old.codes) | set(new.codes))
    columns = list(dict.fromkeys((*old.columns, *new.columns)))
    persons = list(dict.fromkeys((*old.persons, *new.persons)))
    shape = (len(codes), len(codes), len(columns), len(persons))
    labels: list[np.ndarray] = []
    for grid in (old, new):
        cells = np.full(shape, -1, dtype=np.int16)  # -1: no such question on this side
        rows = np.array([codes.index(c) for c in grid.codes])
        cols = np.array([columns.index(c) for c in grid.columns])
        pers = np.array([persons.index(p) for p in grid.persons])
        code = grid.verdicts.astype(np.int16) * 16 + grid.best * 4 + grid.worst
        cells[np.ix_(rows, rows, cols, pers)] = code
        labels.append(cells)
    differ = labels[0] != labels[1]
    differ &= ~np.eye(len(codes), dtype=bool)[:, :, None, None]
    found = []
    for a, b, column, person in zip(*np.nonzero(differ), strict=True):
        before, after = (_label(cells[a, b, column, person]) for cells in labels)
        found.append(
            Flip(name, codes[a], codes[b], columns[column], persons[person] or "", before, after)
        )
    return found


def _label(code: int) -> str:
    if code < 0:
        return "—"
    return verdict_label(OUTCOMES[code // 16], OUTCOMES[code // 4 % 4], OUTCOMES[code % 4])


def gap_changes(base: Analysis, head: Analysis) -> list[tuple[str, str, str, str, str]]:
    def index(analysis: Analysis) -> dict[tuple[str, str, str], str]:
        return {(g.jurisdiction, g.element, g.offence or ""): g.status for g in analysis.gaps}

    old, new = index(base), index(head)
    return [
        (j, e, o, old.get((j, e, o), "—"), new.get((j, e, o), "—"))
        for j, e, o in sorted(set(old) | set(new))
        if old.get((j, e, o)) != new.get((j, e, o))
    ]


def leverage_changes(base: Analysis, head: Analysis) -> list[tuple[str, str, int, int]]:
    old = {(r.jurisdiction, r.path): r.unblocked for r in base.reforms}
    new = {(r.jurisdiction, r.path): r.unblocked for r in head.reforms}
    return [
        (j, p, old.get((j, p), 0), new.get((j, p), 0))
        for j, p in sorted(set(old) | set(new))
        if old.get((j, p), 0) != new.get((j, p), 0)
    ]


def compare(
    base_label: str,
    head_label: str,
    base: tuple[Corpus, Analysis] | list[Problem],
    head: tuple[Corpus, Analysis] | list[Problem],
) -> Report:
    """The report; a side that did not validate is reported with its problems."""
    if isinstance(base, list) or isinstance(head, list):
        return Report(
            base_label,
            head_label,
            tuple(base) if isinstance(base, list) else (),
            tuple(head) if isinstance(head, list) else (),
        )
    return Report(
        base_label,
        head_label,
        facts=tuple(fact_changes(base[0], head[0])),
        flips=tuple(verdict_flips(base[1], head[1])),
        gaps=tuple(gap_changes(base[1], head[1])),
        leverage=tuple(leverage_changes(base[1], head[1])),
    )


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def _who(owner: str) -> str:
    return owner if owner.startswith("relation:") else f"{country_name(owner)} ({owner})"


# Every string below may come from the corpus (a key, an id, a provision, a source title) and
# the report is pasted into a CI job summary rendered as GitHub Markdown: text goes through
# gfm_text, identifiers through gfm_code, so nothing in the corpus can add markup, images,
# comments that hide rows, or table cells.
_t, _c = gfm_text, gfm_code


def markdown(report: Report) -> str:
    """A report a reviewer can read in a minute."""
    lines = [f"# Comity diff: {_c(report.base, False)} → {_c(report.head, False)}", ""]
    for label, problems in (("base", report.base_problems), ("head", report.head_problems)):
        if problems:
            lines += [f"**The {label} revision does not validate** ({len(problems)} problems):", ""]
            lines += [f"- {_c(p, False)}" for p in problems[:50]] + [""]
    if report.base_problems or report.head_problems:
        return "\n".join(lines)
    counts = Counter((f.old, f.new) for f in report.flips)
    lines += [
        f"**{len(report.facts)}** fact(s) changed · **{len(report.flips)}** verdict(s) "
        f"flip · **{len(report.gaps)}** gap status(es) change · "
        f"**{len(report.leverage)}** reform(s) change leverage",
        "",
    ]
    if report.flips:
        lines += ["## Verdicts that flip", "", "| from | to | count |", "|---|---|---|"]
        lines += [f"| {_t(a)} | {_t(b)} | {n} |" for (a, b), n in sorted(counts.items())]
        lines += [""]
        by_pair: dict[tuple[str, str, str, str], list[Flip]] = {}
        for flip in report.flips:
            by_pair.setdefault((flip.old, flip.new, flip.requesting, flip.requested), []).append(
                flip
            )
        for (old, new, a, b), flips in sorted(by_pair.items()):
            subjects = ", ".join(
                _t(f.subject + (f" ({f.person})" if f.person else "")) for f in flips
            )
            lines.append(f"- {_t(a)} → {_t(b)}: {_t(old)} → {_t(new)} ({len(flips)}): {subjects}")
        lines += [""]
    if report.facts:
        lines += ["## Facts", "", "| where | fact | old | new | source |", "|---|---|---|---|---|"]
        for f in report.facts:
            source = f.new_source or f.old_source or ""
            lines.append(
                f"| {_t(_who(f.owner))} | {_c(f.path)} | {_t(f.old or '—')} "
                f"| {_t(f.new or '—')} | {_t(source)} |"
            )
        lines += [""]
    if report.gaps:
        lines += [
            "## Gap statuses",
            "",
            "| jurisdiction | element | offence | old | new |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {_t(j)} | {_t(e)} | {_t(o or '—')} | {_t(a)} | {_t(b)} |"
            for j, e, o, a, b in report.gaps
        ]
        lines += [""]
    if report.leverage:
        lines += [
            "## Reform leverage (verdicts unblocked)",
            "",
            "| jurisdiction | fact | before | after |",
            "|---|---|---|---|",
        ]
        lines += [f"| {_t(j)} | {_c(p)} | {a} | {b} |" for j, p, a, b in report.leverage] + [""]
    return "\n".join(lines)


def as_json(report: Report) -> dict[str, Any]:
    """The same report as data."""
    return {
        "base": report.base,
        "head": report.head,
        "valid": not (report.base_problems or report.head_problems),
        "base_problems": [str(p) for p in report.base_problems],
        "head_problems": [str(p) for p in report.head_problems],
        "facts": [f.__dict__ for f in report.facts],
        "flips": [f.__dict__ for f in report.flips],
        "flip_counts": [
            {"from": a, "to": b, "count": n}
            for (a, b), n in sorted(Counter((f.old, f.new) for f in report.flips).items())
        ],
        "gaps": [
            dict(zip(("jurisdiction", "element", "offence", "old", "new"), g, strict=True))
            for g in report.gaps
        ],
        "leverage": [
            dict(zip(("jurisdiction", "fact", "before", "after"), row, strict=True))
            for row in report.leverage
        ],
    }
