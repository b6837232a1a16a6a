"""Plain-data forms of analysis results (for `comity explain --json` and the open data).

The verdict form is a stable contract: keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

from typing import Any

from ..analysis.results import Citation, Reform, ResearchNeed, Step, Verdict


def citation_text(citation: Citation) -> str:
    """'Title, pinpoint (url)' for one citation."""
    text = citation.title
    if citation.pinpoint:
        text += f", {citation.pinpoint}"
    if citation.url:
        text += f" ({citation.url})"
    if citation.kind:
        text += f" [{SOURCE_KIND_WORDS[citation.kind]}]"
    if citation.official_url:
        text += f" (official text: {citation.official_url})"
    return text


# How a source's kind is named to a reader.
SOURCE_KIND_WORDS = {
    "official": "official text",
    "secondary": "secondary source",
    "unofficial_copy": "unofficial copy",
}


def citation_dict(citation: Citation) -> dict[str, Any]:
    return {
        "title": citation.title,
        "url": citation.url,
        "pinpoint": citation.pinpoint,
        "confidence": citation.confidence,
        "verified": citation.verified,
        "kind": citation.kind,
        "official_url": citation.official_url,
    }


def step_dict(step: Step) -> dict[str, Any]:
    return {
        "rule": step.rule,
        "title": step.title,
        "outcome": step.outcome,
        "reason": step.reason,
        "provision": step.provision,
        "source": "; ".join(citation_text(c) for c in step.citations),
        "citations": [citation_dict(c) for c in step.citations],
        "confidence": step.confidence,
        "bounds": {"best": step.best, "worst": step.worst},
        "assurance": step.assurance,
        "unblock": step.unblock,
        "facts": [{"owner": f.owner, "path": f.path, "value": f.value} for f in step.facts],
    }


def verdict_dict(verdict: Verdict) -> dict[str, Any]:
    data: dict[str, Any] = {"requesting": verdict.requesting, "requested": verdict.requested}
    if verdict.kind == "extradition":
        data["offence"] = verdict.offence
        data["person"] = verdict.person
    else:
        data["measure"] = verdict.measure
        data["offence"] = verdict.offence
    data.update(
        {
            "verdict": verdict.verdict,
            "bounds": {"best": verdict.bounds[0], "worst": verdict.bounds[1]},
            "open_facts": [{"owner": f.owner, "path": f.path} for f in verdict.open_facts],
            "confidence": verdict.confidence,
            "basis": verdict.basis,
            "assurances": list(verdict.assurances),
            "steps": [step_dict(s) for s in verdict.steps],
            "alternatives": list(verdict.alternatives),
        }
    )
    return data


def research_dict(need: ResearchNeed) -> dict[str, Any]:
    return {"owner": need.owner, "fact": need.path, "settles": need.alone, "waiting": need.waiting}


def reform_dict(reform: Reform) -> dict[str, Any]:
    return {
        "jurisdiction": reform.jurisdiction,
        "fact": reform.path,
        "current": reform.current,
        "proposed": reform.proposed,
        "label": reform.label,
        "changed": reform.changed,
        "unblocked": reform.unblocked,
        "changes": [{"from": a, "to": b, "count": n} for a, b, n in reform.changes],
        "examples": [
            dict(
                zip(
                    (
                        "kind",
                        "requesting",
                        "requested",
                        "offence",
                        "person",
                        "measure",
                        "from",
                        "to",
                    ),
                    example,
                    strict=True,
                )
            )
            for example in reform.examples
        ],
    }
