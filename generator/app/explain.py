"""Plain-text rendering of one verdict for the terminal (`comity explain`)."""

from __future__ import annotations

import textwrap

from ..analysis.results import Verdict
from ..core.countries import country_name
from ..render.serialize import citation_text

_MARK = {"possible": "[ok]", "conditional": "[if]", "blocked": "[no]", "unknown": "[??]"}


def explain_text(verdict: Verdict) -> str:
    """A readable trace: question, verdict, each step with provision and sources."""
    a, b = country_name(verdict.requesting), country_name(verdict.requested)
    if verdict.kind == "extradition":
        who = "a national of " + b if verdict.person == "national" else "not a national of " + b
        question = (
            f"Can {a} obtain the extradition from {b} of a person ({who}) for {verdict.offence}?"
        )
    else:
        measure = (verdict.measure or "").replace("_", " ")
        question = f"Can {a} obtain {measure} from {b}" + (
            f" for {verdict.offence}?" if verdict.offence else "?"
        )
    lines = [question, f"Verdict: {verdict.verdict.upper()} (confidence: {verdict.confidence})"]
    lines += bounds_lines(verdict)
    if verdict.basis:
        lines.append(f"Legal basis: {verdict.basis}")
    lines.append("")
    for number, step in enumerate(verdict.steps, start=1):
        shown = step.outcome
        if step.outcome == "unknown":
            shown += f" (could be {step.best} to {step.worst})"
        lines.append(f"{number}. {_MARK[step.outcome]} {step.title}: {shown}")
        lines += textwrap.wrap(step.reason, 96, initial_indent="     ", subsequent_indent="     ")
        if step.provision:
            lines.append(f"     Provision: {step.provision}")
        for citation in step.citations:
            lines += textwrap.wrap(
                "Source: " + citation_text(citation),
                96,
                initial_indent="     ",
                subsequent_indent="       ",
            )
        if step.assurance:
            lines.append(f"     Needs: {step.assurance}")
        if step.unblock:
            lines.append(f"     Would unblock: {step.unblock}")
    if verdict.alternatives:
        lines += ["", "Alternatives:"] + [f"  - {alt}" for alt in verdict.alternatives]
    lines += ["", "Research material, not legal advice."]
    return "\n".join(lines)


def bounds_lines(verdict: Verdict) -> list[str]:
    """What the unknown facts leave open: the best and worst case, in words."""
    best, worst = verdict.bounds
    if best == worst:
        return []
    count = len(verdict.open_facts)
    facts = f"{count} fact{'s' if count != 1 else ''} not yet researched"
    if verdict.verdict == "conditional":
        return [
            f"No known bar; {facts} could add conditions (best case: {best}, worst case: {worst})."
        ]
    return [f"Unknown: between {best} (best case) and {worst} (worst case); {facts} decide it."]
