"""Markdown pages, as pure functions of the corpus and the analysis. No analysis happens here:
counts and rankings come from `analysis`; this module only arranges and escapes them."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from ..analysis.context import fact_at, read
from ..analysis.extradition import EXTRADITION
from ..analysis.mla import MEASURE_NAMES, MLA
from ..analysis.results import OUTCOMES, Example, GapCounts, GapEntry
from ..analysis.rules import Registry
from ..analysis.summary import Counts
from ..analysis.world import Analysis
from ..core.countries import country_name
from ..core.models import (
    MEASURES,
    Corpus,
    Extradition,
    Instrument,
    Jurisdiction,
    Mla,
    Offence,
)
from ..core.staleness import DEFAULT_AGE, describe
from ..io.git import Entry
from .changelog import changelog_items
from .changelog import label as file_label
from .common import (
    DISCLAIMER,
    GAP_ICON,
    GAP_LABEL,
    VERDICT_ICON,
    VERDICT_LABEL,
    citation_md,
    country,
    explorer_href,
    gap_badge,
    page,
    source_kind_md,
    table,
    verdict_badge,
)
from .escape import code, html, md
from .fragments import placeholder
from .maps import Category, world_map

ROOT_FROM_SECTION = "../../../"  # generated/<section>/<page>/ → site root
ROOT_FROM_TOP = "../../"  # generated/<page>/ → site root


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


def _field_label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _fact_row(jurisdiction: Jurisdiction, path: str, label: str) -> list[str]:
    item = read(jurisdiction, path)
    value = str(item.value).replace("_", " ")
    citation = item.citation
    fact = fact_at(jurisdiction, path)
    note = md(fact.note) if fact is not None and fact.note else ""
    return [
        md(label),
        f"**{md(value)}**" if item.value != "unknown" else "_unknown_",
        citation_md(citation),
        md(citation.confidence) if citation else "—",
        md(citation.verified or "—") if citation else "—",
        note,
    ]


FACT_HEADERS = ("Fact", "Value", "Source", "Confidence", "Verified", "Note")


# Optional facts whose absence means a stated default rather than "unknown".
_SHOWN_ONLY_WHEN_STATED = frozenset({"extradition.penalty_basis", "extradition.penalty_law"})


def _section_facts(jurisdiction: Jurisdiction, section: str, model: type[Extradition | Mla]) -> str:
    rows = []
    for name, field in model.model_fields.items():
        annotation = str(field.annotation)
        if "Fact" not in annotation:
            continue
        if (
            f"{section}.{name}" in _SHOWN_ONLY_WHEN_STATED
            and getattr(getattr(jurisdiction, section), name) is None
        ):
            continue
        rows.append(_fact_row(jurisdiction, f"{section}.{name}", _field_label(name)))
    return table(FACT_HEADERS, rows)


def outside_schemes(analysis: Analysis) -> dict[str, frozenset[str]]:
    """Per jurisdiction, the instruments whose scheme it is outside (an element of them is
    not applicable to it): read once for every jurisdiction page, not once per page."""
    found: dict[str, set[str]] = {}
    for gap in analysis.gaps:
        if gap.status == "not_applicable":
            found.setdefault(gap.jurisdiction, set()).add(gap.instrument)
    return {code: frozenset(instruments) for code, instruments in found.items()}


def _instruments_table(corpus: Corpus, jurisdiction: Jurisdiction, outside: frozenset[str]) -> str:
    rows = []
    for instrument in corpus.instruments:
        status = jurisdiction.instruments.get(instrument.id)
        if instrument.id in outside and (status is None or not status.status.known):
            rows.append(
                [md(instrument.title), "not applicable (outside the scheme)", "—", "—", "—"]
            )
            continue
        if status is None:
            rows.append([md(instrument.title), "_unknown_", "—", "_unknown_", "—"])
            continue
        party = read(jurisdiction, f"instruments.{instrument.id}.status")
        basis = read(jurisdiction, f"instruments.{instrument.id}.accepts_as_extradition_basis")
        rows.append(
            [
                md(instrument.title),
                md(str(party.value).replace("_", " ")),
                md(status.deposited.isoformat()) if status.deposited else "—",
                md(basis.value),
                citation_md(party.citation),
            ]
        )
    return table(
        ("Instrument", "Status", "Deposited", "Accepts as extradition basis", "Source"), rows
    )


def _offences_table(corpus: Corpus, jurisdiction: Jurisdiction) -> str:
    rows = []
    for offence in corpus.offences:
        base = f"offences.{offence.id}"
        criminalised = read(jurisdiction, f"{base}.criminalised")
        provision = read(jurisdiction, f"{base}.provision")
        penalty = read(jurisdiction, f"{base}.max_penalty_years")
        rows.append(
            [
                f"[{md(offence.name)}](../offences/{offence.id}.md)",
                md(criminalised.value),
                md(provision.value) if provision.value != "unknown" else "—",
                md(penalty.value),
                md(read(jurisdiction, f"{base}.life_imprisonment").value),
                md(read(jurisdiction, f"{base}.death_penalty").value),
                citation_md(criminalised.citation),
            ]
        )
    return table(
        ("Offence", "Criminalised", "Provision", "Max. years", "Life", "Death", "Source"), rows
    )


def _measures_table(jurisdiction: Jurisdiction) -> str:
    rows = []
    for measure in MEASURES:
        available = read(jurisdiction, f"evidence.measures.{measure}.available")
        authorisation = read(jurisdiction, f"evidence.measures.{measure}.authorisation")
        rows.append(
            [
                md(MEASURE_NAMES[measure]),
                md(available.value),
                md(authorisation.value),
                citation_md(available.citation),
            ]
        )
    foreign = _fact_row(jurisdiction, "evidence.foreign_evidence", "Admission of foreign evidence")
    rows.append([foreign[0], foreign[1], "—", foreign[2]])
    return table(("Measure", "Available on request", "Authorisation", "Source"), rows)


def _sources_list(jurisdiction: Jurisdiction) -> str:
    from .escape import md_link

    lines = []
    for source_id in sorted(jurisdiction.sources):
        source = jurisdiction.sources[source_id]
        text = md_link(source.title, str(source.url) if source.url else None)
        if source.citation:
            text += f" — {md(source.citation)}"
        text += source_kind_md(
            source.kind, str(source.official_url) if source.official_url else None
        )
        lines.append(f"- {code(source_id)}: {text} (accessed {source.accessed.isoformat()})")
    return "\n".join(lines) or "_No sources yet._"


# --------------------------------------------------------------------------------------------
# Jurisdictions
# --------------------------------------------------------------------------------------------


def _counts_line(counts: Counts | None) -> str:
    found = dict(counts or ())
    return " · ".join(f"{verdict_badge(o)} {found.get(o, 0)}" for o in OUTCOMES)


def _bars(limiting: tuple[tuple[str, int], ...]) -> str:
    rows = [[md(name), str(n)] for name, n in limiting]
    return table(("Step that limits cooperation", "Verdicts"), rows)


def _gap_summary(counts: Iterable[GapCounts], prefix: str) -> str:
    rows = [
        [
            f"[{md(c.instrument)}]({prefix}{c.instrument.lower()}.md)",
            str(c.mandatory_missing),
            str(c.mandatory_narrower),
            str(c.optional_missing),
            str(c.unknown),
            f"{c.met} / {c.total}",
        ]
        for c in counts
        if c.total
    ]
    return table(
        (
            "Instrument",
            "Mandatory missing",
            "Mandatory narrower",
            "Optional missing",
            "Unknown",
            "Met",
        ),
        rows,
    )


def jurisdiction_page(
    corpus: Corpus, analysis: Analysis, jurisdiction: Jurisdiction, outside: frozenset[str]
) -> str:
    """A jurisdiction's page (`outside`: the instruments whose scheme it is outside, from
    `outside_schemes`)."""
    code = jurisdiction.code
    summary = analysis.summary
    assert summary is not None
    health = next(h for h in analysis.health if h.jurisdiction == code)
    root = ROOT_FROM_SECTION
    review = (
        f"Review status: **{md(jurisdiction.review.status)}** · last full review: "
        f"{md(health.last_full_review or 'not yet')} · legal system: "
        f"{md(jurisdiction.legal_system.replace('_', ' '))}"
    )
    contributor = (
        "## Data health\n\n"
        + table(
            (
                "Known facts",
                "Unknown",
                "Low or no confidence",
                f"Verified more than {describe(DEFAULT_AGE)} ago",
            ),
            [
                [
                    str(health.known),
                    str(health.unknown),
                    str(health.low_confidence),
                    str(health.stale),
                ]
            ],
        ),
        "### Facts most wanted\n\n" + _wanted(analysis, code),
    )
    if jurisdiction.tier == "status":
        return page(
            country_name(code),
            DISCLAIMER,
            TIER_TEXT["status"],
            review,
            "## Instruments\n\n" + _instruments_table(corpus, jurisdiction, outside),
            "## Cooperation at a glance\n\n"
            f"As **requested** state: {_counts_line(summary.as_requested.get(code))}\n\n"
            f"As **requesting** state: {_counts_line(summary.as_requesting.get(code))}\n\n"
            f'<a href="{html(explorer_href(root, to=code.lower()))}">Open in the explorer</a> · '
            f'<a href="{html(root)}generated/briefing/#a={code.lower()}">Printable pair '
            "briefing</a>",
            "## Sources\n\n" + _sources_list(jurisdiction),
            *contributor,
            search_boost=0.01,
            corpus_file=f"corpus/jurisdictions/{code.lower()}.yaml",
        )
    return page(
        country_name(code),
        DISCLAIMER,
        TIER_TEXT["full"],
        review,
        "## Cooperation at a glance\n\n"
        f"As **requested** state (extradition, all partners, offences and scenarios): "
        f"{_counts_line(summary.as_requested.get(code))}\n\n"
        f"As **requesting** state: "
        f"{_counts_line(summary.as_requesting.get(code))}\n\n"
        f'<a href="{html(explorer_href(root, to=code.lower()))}">Open in the explorer</a> · '
        f'<a href="{html(root)}generated/briefing/#a={code.lower()}">Printable pair '
        "briefing</a>\n\n"
        "### What limits surrender by this state\n\n" + _bars(summary.limiting.get(code, ())),
        "### Map: requests to this state\n\n" + _requests_map(corpus, analysis, code),
        "## Gaps against the baselines\n\n"
        + _gap_summary((c for c in analysis.gap_counts if c.jurisdiction == code), "../baselines/"),
        "## Instruments\n\n" + _instruments_table(corpus, jurisdiction, outside),
        "## Extradition (as requested state)\n\n"
        + table(
            FACT_HEADERS, [_fact_row(jurisdiction, "death_penalty_status", "Death penalty status")]
        )
        + "\n\n"
        + _section_facts(jurisdiction, "extradition", Extradition),
        "## Mutual legal assistance\n\n" + _section_facts(jurisdiction, "mla", Mla),
        "## Investigative measures and evidence\n\n" + _measures_table(jurisdiction),
        "## Offences\n\n" + _offences_table(corpus, jurisdiction),
        "## Sources\n\n" + _sources_list(jurisdiction),
        *contributor,
        search_boost=2,
        corpus_file=f"corpus/jurisdictions/{code.lower()}.yaml",
    )


_VERDICT_CATEGORIES = (
    Category("possible", "Possible"),
    Category("conditional", "Conditional"),
    Category("unknown", "Unknown"),
    Category("blocked", "Blocked"),
    Category("self", "This state"),
)
_LETTER = {"possible": "P", "conditional": "C", "unknown": "U", "blocked": "B"}


def _alike(words: dict[str, list[str]]) -> list[tuple[list[str], list[str]]]:
    """The requesting states grouped by their row of verdicts (most states with a treaty-status
    profile only have the same row), each group's states by name, the groups by their first
    state's name."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for state in sorted(words, key=country_name):
        groups.setdefault(tuple(words[state]), []).append(state)
    return [(list(verdicts), states) for verdicts, states in groups.items()]


def _names(states: list[str]) -> str:
    """A row header naming the states of one group (with their number, if more than one)."""
    names = "; ".join(country_name(state) for state in states)  # names may hold commas
    return names if len(states) == 1 else f"{names} ({len(states)} states)"


def _request_verdicts(
    corpus: Corpus, analysis: Analysis, code: str
) -> tuple[list[Offence], dict[str, str], dict[str, list[str]]]:
    """The offences, and per requesting state its verdicts on requests to `code` (a person
    who is not its national): as map letters and as words (the state itself has no words)."""
    grid = analysis.grids["extradition"]
    b = grid.codes.index(code)
    person = grid.persons.index("other")
    offences = _map_offences(corpus, analysis)
    columns = [grid.columns.index(o.id) for o in offences]
    letters: dict[str, str] = {}
    words: dict[str, list[str]] = {}
    for a, requesting in enumerate(grid.codes):
        if a == b:
            letters[requesting] = "S" * len(columns)
            continue
        found: list[str] = [OUTCOMES[int(grid.verdicts[a, b, c, person])] for c in columns]
        letters[requesting] = "".join(_LETTER[v] for v in found)
        words[requesting] = found
    return offences, letters, words


def _map_offences(corpus: Corpus, analysis: Analysis) -> list[Offence]:
    """The offences a requests map can show (those of the extradition grid), in corpus order."""
    return [o for o in corpus.offences if o.id in analysis.grids["extradition"].columns]


def _map_fragment(code: str) -> str:
    return f"requests-map-{code.lower()}"


def _table_fragment(code: str) -> str:
    return f"requests-{code.lower()}"


def jurisdiction_fragments(
    corpus: Corpus, analysis: Analysis, jurisdiction: Jurisdiction
) -> dict[str, str]:
    """The fragments a jurisdiction's page names (see `render.fragments`), by name: a
    researched state's requests map and its table; none for a treaty-status profile."""
    if jurisdiction.tier == "status":
        return {}
    return _requests_fragments(corpus, analysis, jurisdiction.code)


def _requests_fragments(corpus: Corpus, analysis: Analysis, code: str) -> dict[str, str]:
    """A researched state's requests map and the table that gives the same data, by fragment
    name: written beside the page and put in place by MkDocs after it has converted the page
    (`render.fragments`: Python-Markdown would otherwise parse every tag of them)."""
    offences, letters, words = _request_verdicts(corpus, analysis, code)
    first = {state: "self" if state == code else words[state][0] for state in letters}
    name = country_name(code)
    svg = world_map(
        _map_id(code),
        f"Requests to {name}: extradition verdicts by requesting state",
        "The table below gives the same verdicts for every offence.",
        _VERDICT_CATEGORIES,
        first,
        list(letters),
        data=letters,
    )
    head = "".join(f'<th scope="col">{html(o.name)}</th>' for o in offences)
    body = "".join(
        f'<tr><th scope="row">{html(_names(states))}</th>'
        + "".join(f"<td>{v}</td>" for v in verdicts)
        + "</tr>"
        for verdicts, states in _alike(words)
    )
    table = (
        '<div class="cy-scroll"><table class="cy-matrix">'
        f'<thead><tr><th scope="col">Requesting state</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
    return {_map_fragment(code): svg, _table_fragment(code): table}


def _map_id(code: str) -> str:
    return f"cy-map-{code.lower()}"


def _requests_map(corpus: Corpus, analysis: Analysis, code: str) -> str:
    """A world map of the verdicts on requests to one state (a person who is not its national),
    for an offence the reader picks, and the same data as a table (both fragments, see
    `jurisdiction_fragments`)."""
    offences = _map_offences(corpus, analysis)
    map_id = _map_id(code)
    options = "".join(f"<option>{html(o.name)}</option>" for o in offences)
    controls = (
        f'<p class="cy-map-controls" data-map="{map_id}" hidden><label>Offence '
        f"<select>{options}</select></label></p>"
    )
    name = country_name(code)
    return (
        f"Can each state obtain from {md(name)} the surrender of a person who is not a "
        f"national of {md(name)}? Offence shown: "
        f'<span id="{map_id}-offence">{html(offences[0].name)}</span>.\n\n'
        + controls
        + "\n\n"
        + placeholder(_map_fragment(code))
        + '\n\n<p class="cy-map-caption">Each verdict has its own pattern as well as its '
        "colour; hover a state for its name and verdict. Most requesting states have a "
        "treaty-status profile only, so most of their requests are unknown. Boundaries: "
        "Natural Earth, no position on any dispute.</p>\n\n"
        '<details class="cy-print-open"><summary>The same data as a table (every offence; '
        "states with the same verdicts share a row)</summary>"
        + placeholder(_table_fragment(code))
        + "</details>"
    )


# What a reader is told about a profile's depth, first thing on the page.
TIER_TEXT = {
    "full": "**Researched profile**: offences, extradition and assistance law read in the "
    "sources below.",
    "status": "**Treaty status only**: this profile records the state's position in the "
    "baseline conventions, from the depositaries. Its domestic law (offences, "
    "extradition and assistance conditions) has not been researched, so verdicts "
    "involving it show what the treaties alone settle, with everything else "
    "unknown.",
}


def jurisdictions_index(corpus: Corpus, analysis: Analysis) -> str:
    rows = []
    by_code = {j.code: j for j in corpus.jurisdictions}
    healths = sorted(
        analysis.health,
        key=lambda h: (by_code[h.jurisdiction].tier != "full", country_name(h.jurisdiction)),
    )
    for health in healths:
        j = by_code[health.jurisdiction]
        rows.append(
            [
                f"[{country(j.code)}]({j.code.lower()}.md)",
                md(j.code),
                TIER_LABEL[j.tier],
                md(j.legal_system.replace("_", " ")),
                md(health.review_status),
                str(health.known),
                str(health.unknown),
                md(health.last_full_review or "—"),
            ]
        )
    full = sum(j.tier == "full" for j in corpus.jurisdictions)
    return page(
        "Jurisdictions",
        DISCLAIMER,
        f"{full} researched profiles first, then {len(corpus.jurisdictions) - full} "
        "with treaty status only (from the depositaries), each sorted by name.",
        table(
            (
                "Jurisdiction",
                "Code",
                "Profile",
                "Legal system",
                "Review",
                "Known facts",
                "Unknown",
                "Last full review",
            ),
            rows,
        ),
    )


TIER_LABEL = {"full": "researched", "status": "treaty status only"}


# --------------------------------------------------------------------------------------------
# Offences and baselines
# --------------------------------------------------------------------------------------------


def _element_texts(corpus: Corpus) -> dict[str, tuple[Instrument, str, str]]:
    return {e.id: (i, e.article, e.text) for i in corpus.instruments for e in i.elements}


def _offence_gaps_fragment(offence: Offence) -> str:
    """The name of the fragment that holds an offence page's gap matrix."""
    return f"offence-{offence.id.replace('_', '-')}-gaps"


def offence_fragments(corpus: Corpus, analysis: Analysis, offence: Offence) -> dict[str, str]:
    """An offence page's gap matrix (every state × the offence's baseline elements) by fragment
    name: inserted after MkDocs has converted the page (`render.fragments`), since Python-Markdown
    would parse its every tag (it is excluded from search anyway)."""
    return {_offence_gaps_fragment(offence): _offence_matrix(corpus, analysis, offence)}


def _offence_matrix(corpus: Corpus, analysis: Analysis, offence: Offence) -> str:
    elements = _element_texts(corpus)
    linked = [e for e in offence.elements if e in elements]
    by_key = {(g.jurisdiction, g.element): g for g in analysis.gaps if g.offence == offence.id}
    head = (
        '<thead><tr><th scope="col">Jurisdiction</th><th scope="col">Provision</th>'
        + "".join(
            f'<th scope="col" title="{html(e)}: {html(elements[e][2])}">'
            f"{html(elements[e][0].id)} {html(elements[e][1])}</th>"
            for e in linked
        )
        + "</tr></thead>"
    )
    body = []
    for j in corpus.jurisdictions:
        provision = read(j, f"offences.{offence.id}.provision")
        cells = [
            f'<th scope="row"><a href="../../jurisdictions/{j.code.lower()}/">'
            f"{html(country_name(j.code))}</a></th>",
            f"<td>{html(provision.value) if provision.value != 'unknown' else '—'}</td>",
        ]
        for element in linked:
            entry = by_key.get((j.code, element))
            cells.append(_gap_cell(entry))
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="cy-scroll" data-search-exclude><table class="cy-matrix">{head}<tbody>'
        + "".join(body)
        + "</tbody></table></div>"
    )


def offence_page(corpus: Corpus, analysis: Analysis, offence: Offence) -> str:
    elements = _element_texts(corpus)
    linked = [e for e in offence.elements if e in elements]
    legend_rows = [
        [md(e), md(elements[e][0].id), md(elements[e][1]), md(elements[e][2])] for e in linked
    ]
    return page(
        offence.name,  # escaped by `page` in the heading and as JSON in the front matter
        DISCLAIMER,
        md(offence.description),
        "EAW list category: " + (md(offence.eaw_category) if offence.eaw_category else "none"),
        "## Side by side against the baseline elements\n\n" + _gap_legend(),
        "\n" + placeholder(_offence_gaps_fragment(offence)) + "\n",
        "## The baseline elements\n\n"
        + table(("Element", "Instrument", "Article", "Text"), legend_rows),
        corpus_file="corpus/offences.yaml",
    )


def _gap_cell(entry: GapEntry | None) -> str:
    if entry is None:
        return '<td class="cy-g-unknown">?</td>'
    status = entry.status
    label = GAP_LABEL[status]
    detail = entry.deviation
    if entry.satisfied_by_alternative:
        other = entry.satisfied_by_alternative
        detail = f"Either/or: the state implemented {other} instead (see that element). " + detail
        return (
            f'<td class="cy-g-either" title="{html(detail)}"><span aria-hidden="true">⇄</span> '
            f"Either/or *</td>"
        )
    title = f' title="{html(detail)}"' if detail else ""
    return (
        f'<td class="cy-g-{status}"{title}><span aria-hidden="true">{GAP_ICON[status]}'
        f"</span> {label}{' *' if detail else ''}</td>"
    )


def _gap_legend() -> str:
    items = " · ".join(gap_badge(s) for s in GAP_ICON)
    return (
        f"Legend: {items} · "
        '<span class="cy-g cy-g-either"><span aria-hidden="true">⇄</span> Either/or</span>: '
        "the state implemented the other alternative of an either/or article (UNTOC Art. "
        "5(1)(a)), so this one is not missing. An asterisk marks a deviation or note (hover "
        "or focus the cell; the jurisdiction page lists it in full)."
    )


def offences_index(corpus: Corpus) -> str:
    rows = [
        [
            f"[{md(o.name)}]({o.id}.md)",
            md(o.id),
            md(", ".join(o.convention_offence_of) or "—"),
            md(o.eaw_category or "—"),
        ]
        for o in corpus.offences
    ]
    return page(
        "Offences",
        DISCLAIMER,
        table(("Offence", "Id", "Convention offence of", "EAW list category"), rows),
    )


def _baseline_gaps_fragment(instrument: Instrument) -> str:
    """The name of the fragment that holds a baseline page's gap matrix."""
    return f"baseline-{instrument.id.lower().replace('_', '-')}-gaps"


def baseline_fragments(
    corpus: Corpus, analysis: Analysis, instrument: Instrument
) -> dict[str, str]:
    """A baseline page's gap matrix (every state × the instrument's elements) by fragment name
    (see `offence_fragments`)."""
    return {_baseline_gaps_fragment(instrument): _baseline_matrix(corpus, analysis, instrument)}


def _baseline_matrix(corpus: Corpus, analysis: Analysis, instrument: Instrument) -> str:
    by_element = analysis.by_element
    assert by_element is not None
    head = (
        '<thead><tr><th scope="col">Jurisdiction</th>'
        + "".join(
            f'<th scope="col" title="{html(e.article)}: {html(e.text)}">{html(e.id)}</th>'
            for e in instrument.elements
        )
        + "</tr></thead>"
    )
    body = []
    for j in corpus.jurisdictions:
        cells = [
            f'<th scope="row"><a href="../../jurisdictions/{j.code.lower()}/">'
            f"{html(country_name(j.code))}</a></th>"
        ]
        for element in instrument.elements:
            cells.append(_gap_cell(by_element.get((j.code, element.id))))
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<div class="cy-scroll" data-search-exclude><table class="cy-matrix">{head}<tbody>'
        + "".join(body)
        + "</tbody></table></div>"
    )


def baseline_page(corpus: Corpus, analysis: Analysis, instrument: Instrument) -> str:
    counts = [c for c in analysis.gap_counts if c.instrument == instrument.id and c.total]
    count_rows = [
        [
            f"[{country(c.jurisdiction)}](../jurisdictions/{c.jurisdiction.lower()}.md)",
            str(c.mandatory_missing),
            str(c.mandatory_narrower),
            str(c.optional_missing),
            str(c.unknown),
            f"{c.met} / {c.total}",
        ]
        for c in counts
    ]
    element_rows = [
        [md(e.id), md(e.article), md(e.strength.replace("_", " ")), md(e.text)]
        for e in instrument.elements
    ]
    return page(
        instrument.id,
        DISCLAIMER,
        f"**{md(instrument.title)}** — {md(instrument.citation)}. "
        f"Element list verified {instrument.verified.isoformat()} against the "
        f"[published text](<{instrument.source_url}>).",
        f"Party status of every state, with a world map: [Party status: {md(instrument.id)}]"
        f"(../questions/{instrument.id.lower().replace('_', '-')}-status.md).",
        "## Counts (not a score)\n\nMissing optional or 'consider' elements are counted apart "
        "from missing mandatory ones.\n\n"
        + table(
            (
                "Jurisdiction",
                "Mandatory missing",
                "Mandatory narrower",
                "Optional missing",
                "Unknown",
                "Met",
            ),
            count_rows,
        ),
        "## Gap matrix\n\n" + _gap_legend(),
        "\n" + placeholder(_baseline_gaps_fragment(instrument)) + "\n",
        "## Elements\n\n" + table(("Element", "Article", "Obligation", "Text"), element_rows),
    )


def baselines_index(corpus: Corpus) -> str:
    rows = [
        [f"[{md(i.id)}]({i.id.lower()}.md)", md(i.title), md(i.citation), str(len(i.elements))]
        for i in corpus.instruments
    ]
    return page(
        "Baselines", DISCLAIMER, table(("Instrument", "Title", "Citation", "Elements"), rows)
    )


# --------------------------------------------------------------------------------------------
# Cooperation matrices (rendered in the browser from compact JSON, see comity.js)
# --------------------------------------------------------------------------------------------


def _legend() -> str:
    return (
        "Legend: "
        + " · ".join(verdict_badge(o) for o in OUTCOMES)
        + (
            ' · <span class="cy-v cy-cell-N"><span aria-hidden="true">◔</span> No known bar</span>'
            " (conditional only because facts not yet researched could add conditions; "
            "**unknown** means some values of those facts would block). Rows are requesting "
            "states, columns requested states. Each cell opens the full explanation in the "
            "explorer."
        )
    )


def matrix_page(title: str, intro: str, data_files: list[tuple[str, str, dict[str, str]]]) -> str:
    blocks = [DISCLAIMER, intro, _legend()]
    for caption, data, state in data_files:
        attributes = "".join(f' data-{key}="{html(value)}"' for key, value in sorted(state.items()))
        blocks.append(f"## {md(caption)}")
        blocks.append(
            f'\n<div class="cy-heatmap" data-search-exclude data-matrix="{html(data)}" '
            f'data-root="{ROOT_FROM_SECTION}" data-caption="{html(caption)}"{attributes}>'
            "<p>Loading the matrix… (it needs JavaScript; the same data is in the "
            f'<a href="../../data/">open data</a>).</p></div>\n'
        )
    return page(title, *blocks, search_exclude=True, hide_toc=True)


def cooperation_index(corpus: Corpus, analysis: Analysis) -> str:
    summary = analysis.summary
    assert summary is not None
    rows = [
        [
            f"[{md(offence.name)}](extradition-{offence.id}.md)",
            _counts_line(summary.by_offence.get((offence.id, "national"))),
            _counts_line(summary.by_offence.get((offence.id, "other"))),
        ]
        for offence in corpus.offences
    ]
    mla_rows = [
        [
            f"[{md(MEASURE_NAMES[measure])}](mla-{measure}.md)",
            _counts_line(summary.by_measure.get(measure)),
        ]
        for measure in MEASURES
    ]
    return page(
        "Cooperation",
        DISCLAIMER,
        "How to read a verdict: **possible** — no rule in the corpus stands in the way; "
        "**conditional** — possible if an assurance or condition is met (named in the trace); "
        "**blocked** — a bar applies (named, with its provision); **unknown** — facts the rules "
        "need are missing from the corpus (named), and some of their possible values would "
        "block while others would not. Where no possible value of the missing facts could "
        "block, the verdict is **conditional**: no known bar, but unresearched facts could add "
        "conditions. Unknown is never read as yes or no.",
        "## Extradition\n\n"
        + table(
            ("Offence", "Person is a national of the requested state", "Person is not a national"),
            rows,
        ),
        "## Mutual legal assistance and evidence\n\n" + table(("Measure", "Verdicts"), mla_rows),
    )


# --------------------------------------------------------------------------------------------
# Explorer, reforms, methodology, data, home
# --------------------------------------------------------------------------------------------


def explorer_page(corpus: Corpus) -> str:
    states = sorted(
        ((j.code.lower(), country_name(j.code)) for j in corpus.jurisdictions),
        key=lambda item: item[1],
    )
    options = [
        ("from", "Requesting state", states),
        ("to", "Requested state", states),
        (
            "offence",
            "Offence",
            [("", "— (measure only)")] + [(o.id, o.name) for o in corpus.offences],
        ),
        (
            "measure",
            "Or an assistance measure",
            [("", "— (extradition)")] + [(m, MEASURE_NAMES[m]) for m in MEASURES],
        ),
        (
            "person",
            "The person is",
            [
                ("other", "not a national of the requested state"),
                ("national", "a national of the requested state"),
            ],
        ),
    ]
    fields = []
    for name, label, choices in options:
        opts = "".join(f'<option value="{html(v)}">{html(t)}</option>' for v, t in choices)
        fields.append(
            f'<label>{html(label)}<select name="{name}" id="cy-{name}">{opts}</select></label>'
        )
    form = (
        '\n<form class="cy-explorer" id="cy-explorer" data-search-exclude '
        f'data-root="{ROOT_FROM_TOP}">' + "".join(fields) + "</form>\n"
        '<div id="cy-result" aria-live="polite"><p>Choose two states and an offence or a '
        "measure. The choice is kept in the address, so a verdict can be cited.</p></div>\n"
    )
    return page("Explorer", DISCLAIMER, form, search_exclude=True, hide_toc=True)


def briefing_page(corpus: Corpus) -> str:
    """A printable briefing on one pair, both directions, rendered in the browser from the same
    precomputed data as the explorer (there is no page per pair)."""
    states = sorted(
        ((j.code.lower(), country_name(j.code)) for j in corpus.jurisdictions),
        key=lambda item: item[1],
    )
    fields = []
    for name, label in (("a", "First state"), ("b", "Second state")):
        opts = "".join(f'<option value="{html(v)}">{html(t)}</option>' for v, t in states)
        fields.append(
            f'<label>{html(label)}<select name="{name}" id="cy-brief-{name}">{opts}'
            "</select></label>"
        )
    form = (
        '\n<form class="cy-explorer" id="cy-briefing-form" data-search-exclude '
        f'data-root="{ROOT_FROM_TOP}">' + "".join(fields) + "</form>\n"
        '<div id="cy-briefing" aria-live="polite"><p>Choose two states: both directions of '
        "extradition for every offence, with the step that decides each verdict, the "
        "assistance measures, and the sources, on one page that prints.</p></div>\n"
    )
    return page("Pair briefing", DISCLAIMER, form, search_exclude=True, hide_toc=True)


def reforms_page(analysis: Analysis, limit: int = 100) -> str:
    rows = []
    for rank, reform in enumerate(analysis.reforms[:limit], start=1):
        changes = "; ".join(
            f"{VERDICT_ICON[a]} {a} → {VERDICT_ICON[b]} {b}: {n}" for a, b, n in reform.changes
        )
        example = _reform_example(analysis, reform.examples[0]) if reform.examples else ""
        rows.append(
            [
                str(rank),
                f"[{country(reform.jurisdiction)}]"
                f"(jurisdictions/{reform.jurisdiction.lower()}.md): {md(reform.label)}"
                f"<br><small>{md(f'{reform.path}: {reform.current} → {reform.proposed}')}"
                "</small>",
                str(reform.unblocked),
                f"{reform.changed}<br><small>{md(changes)}</small>",
                example,
            ]
        )
    return page(
        "Reforms",
        DISCLAIMER,
        "Each row is a what-if: one jurisdiction adopts the most cooperative variant of one fact "
        "that currently blocks or conditions verdicts (a death-penalty bar becomes an assurance "
        "requirement, never no protection). **Unblocked** counts verdicts that become possible "
        "or conditional, or conditional ones that become possible; **changed** counts every "
        "verdict that changes, including to unknown where other facts are missing. "
        "**Example** opens one changed question in the explorer as it stands today (an "
        "unblocked one where there is one); the open data (`reforms.json`) lists up to five. "
        "This measures leverage in the corpus, not the merit of a reform.",
        table(
            (
                "#",
                "Reform (the fact, now → proposed)",
                "Unblocked",
                "Changed (before → after: verdicts)",
                "Example",
            ),
            rows,
        ),
    )


def _reform_example(analysis: Analysis, example: Example) -> str:
    """One question a reform changes, linked to the explorer, with its verdict before → after."""
    kind, a, b, offence, person, measure, before, after = example
    who = "national of" if person == "national" else "not a national of"
    what = (
        f"{analysis.context.offences[offence].name.lower()} (person: {who} {country_name(b)})"
        if kind == "extradition"
        else MEASURE_NAMES[measure]
    )
    href = explorer_href(
        ROOT_FROM_TOP,
        **{
            "from": a.lower(),
            "to": b.lower(),
            "offence": offence,
            "person": person,
            "measure": measure,
        },
    )
    return (
        f'<a href="{html(href)}">{country(a)} → {country(b)}, {md(what)}</a>: '
        f"{VERDICT_ICON[before]} {before} → {VERDICT_ICON[after]} {after}"
    )


def research_page(analysis: Analysis, limit: int = 100) -> str:
    rows = [
        [
            str(rank),
            _fact_owner(analysis, need.owner),
            md(need.path),
            str(need.alone),
            str(need.waiting),
        ]
        for rank, need in enumerate(analysis.research[:limit], start=1)
    ]
    return page(
        "Research priorities",
        DISCLAIMER,
        "Each row is a fact the corpus does not have (`unknown`) that verdicts are waiting "
        "for, most useful first. **Settles** counts the unknown verdicts for which it is the "
        "only missing fact: researching it decides them, unless the answer leads a rule on to "
        "another fact the corpus lacks. **Waiting** counts every unknown verdict in which a "
        "step could not decide because of it. Verdicts that are unknown for another reason "
        "(no treaty recorded either way) are not counted. The [contributing guide]"
        "(../contributing.md) says how to add a fact with its source; `research.json` in the "
        f"open data lists all {len(analysis.research)}.",
        table(("#", "Whose", "Fact", "Settles", "Waiting"), rows)
        if rows
        else "No verdict is waiting for an unknown fact.",
    )


def _fact_owner(analysis: Analysis, owner: str) -> str:
    """A fact's owner: a jurisdiction (linked) or a treaty or scheme."""
    if owner.startswith("relation:"):
        return md(analysis.context.relations[owner.removeprefix("relation:")].title)
    return f"[{country(owner)}](jurisdictions/{owner.lower()}.md)"


def _wanted(analysis: Analysis, code: str, limit: int = 5) -> str:
    """The unknown facts of one jurisdiction that most verdicts wait for."""
    needs = [need for need in analysis.research if need.owner == code][:limit]
    if not needs:
        return "No verdict is waiting for an unknown fact of this jurisdiction.\n"
    return (
        "Researching these would decide the most verdicts (see "
        "[research priorities](../research.md)):\n\n"
        + table(
            ("Fact", "Settles", "Waiting"),
            [[md(n.path), str(n.alone), str(n.waiting)] for n in needs],
        )
    )


def methodology_page() -> str:
    blocks = [
        DISCLAIMER,
        "This page is generated from the rule registry of the engine itself, so it cannot "
        "drift from the code. Each verdict's trace names the rules below by id.",
        "## Vocabulary\n\n"
        + table(
            ("Verdict", "Meaning"),
            [
                [verdict_badge("possible"), "No rule in the corpus stands in the way."],
                [
                    verdict_badge("conditional"),
                    "Possible if an assurance or condition is met; the trace names it.",
                ],
                [verdict_badge("blocked"), "A bar applies; the trace names it and its provision."],
                [
                    verdict_badge("unknown"),
                    "Facts a rule needs are missing, and some of their "
                    "possible values would block while others would not; the trace names them and "
                    "the best and worst case. Unknown is never read as yes or no.",
                ],
            ],
        )
        + "\n\n**Bounds.** A step that read an unknown fact is evaluated again for every "
        "value the fact can take (its closed vocabulary; for a penalty, one value below and "
        "one above every threshold), so it has a best and a worst outcome. A verdict's best "
        "case combines the steps' best outcomes and its worst case their worst (blocked > "
        "conditional > possible). The verdict shown is the outcome where best and worst agree; "
        "**conditional** where no value of the missing facts could block (no known bar, but "
        "research could add conditions); **unknown** only where some values would block and "
        "others would not. A known bar still blocks. A verdict's confidence is that of the "
        "step(s) that decided it: for a blocked verdict, the best-founded blocking step; "
        "otherwise the weakest step with a known outcome. Each step keeps its own confidence "
        "in the trace.",
        "## Gap statuses\n\n"
        + table(
            ("Status", "Meaning"),
            [
                [gap_badge("full"), "Domestic law meets the element."],
                [gap_badge("broader"), "Domestic law covers more than the element requires."],
                [gap_badge("narrower"), "Domestic law covers less (e.g. a higher threshold)."],
                [gap_badge("other"), "Domestic law takes a different approach."],
                [gap_badge("none"), "No implementation."],
                [gap_badge("not_applicable"), "The instrument does not apply to the state."],
                [gap_badge("unknown"), "Not yet researched or not confirmed."],
            ],
        )
        + "\n\nElements carry an obligation strength (mandatory, subject to basic concepts, "
        "consider, optional). Counts keep missing optional elements apart from missing "
        "mandatory ones; in an either/or group (UNTOC Art. 5(1)(a)) meeting one alternative "
        "meets the obligation.",
    ]
    registries: list[tuple[Registry[Any], str]] = [
        (EXTRADITION, "Extradition rules"),
        (MLA, "Assistance rules"),
    ]
    for registry, heading in registries:
        blocks.append(f"## {heading}")
        for number, rule in enumerate(registry.rules, start=1):
            provisions = ", ".join(rule.provisions) or "—"
            blocks.append(
                f"### {number}. {md(rule.title)}\n\n"
                f"Rule id `{rule.id}` · stage: {md(rule.stage)} · provisions: "
                f"{md(provisions)}\n\n{md(inspect.cleandoc(rule.explanation))}"
            )
    return page("Methodology", *blocks)


def home_page(corpus: Corpus, analysis: Analysis) -> str:
    summary = analysis.summary
    assert summary is not None
    counts, mla = dict(summary.extradition), dict(summary.mla)
    span = summary.verified_span
    freshness = (
        f"Facts were last verified between {span[0].isoformat()} and {span[1].isoformat()}."
        if span
        else "No verified facts yet."
    )
    figures = table(
        ("Figure", "Value"),
        [
            ["Jurisdictions", str(len(corpus.jurisdictions))],
            ["Baseline instruments", str(len(corpus.instruments))],
            ["Treaties and schemes", str(len(corpus.relations))],
            ["Extradition verdicts", str(len(analysis.extradition))],
            ["… of which " + verdict_badge("possible"), str(counts.get("possible", 0))],
            ["… " + verdict_badge("conditional"), str(counts.get("conditional", 0))],
            ["… " + verdict_badge("blocked"), str(counts.get("blocked", 0))],
            ["… " + verdict_badge("unknown"), str(counts.get("unknown", 0))],
            ["Assistance verdicts", str(len(analysis.mla))],
            ["… " + verdict_badge("unknown"), str(mla.get("unknown", 0))],
        ],
    )
    return page(
        "Comity",
        DISCLAIMER,
        "Comity is an atlas of international criminal-cooperation law. For every pair of "
        "states in its corpus it answers: **can the requesting state obtain the extradition of "
        "a suspect, or evidence, from the requested state — and if not, why, under which "
        "provision, and what would unblock it?** It also measures each state's law against "
        "international baselines such as the UN Convention against Transnational Organized "
        "Crime.",
        "## How to read a verdict\n\nEvery answer is one of "
        + ", ".join(verdict_badge(o) for o in OUTCOMES)
        + ", with a trace: the rules applied in order "
        "(legal basis, dual criminality and penalty thresholds, bars, assurances, evidence), "
        "each with its provision, source and confidence. Start in the "
        "[explorer](generated/explorer.md), or browse the "
        "[cooperation matrices](generated/cooperation/index.md).",
        "## Headline figures\n\n" + figures,
        "## Data freshness\n\n" + freshness + " Each jurisdiction page shows its review status, "
        "unknown facts and facts verified more than "
        f"{describe(DEFAULT_AGE)} ago (the rule of `comity check --stale-after 24m`).",
        "## Browse\n\n- [Jurisdictions](generated/jurisdictions/index.md)\n"
        "- [Questions](generated/questions/index.md): one question across all states\n"
        "- [Offences](generated/offences/index.md)\n- [Baselines](generated/baselines/index.md)\n"
        "- [Reforms](generated/reforms.md)\n- [Research priorities](generated/research.md)\n"
        "- [Open data](generated/data.md)\n"
        "- [Methodology](generated/methodology.md)\n- [Contributing](contributing.md)",
    )


def data_page(files: list[tuple[str, str, int]]) -> str:
    rows = [
        [
            (md(path) if path.endswith("/") else f"[{md(path)}](<../api/v1/{path}>)"),
            md(description),
            f"{size:,}",
        ]
        for path, description, size in files
    ]
    return page(
        "Open data",
        DISCLAIMER,
        "Everything on this site is also published as data under `api/v1/`. Each JSON file "
        "carries `schema_version`; tables are described by a Frictionless "
        "[`datapackage.json`](<../api/v1/datapackage.json>). Code is MIT-licensed; the corpus is "
        "CC BY 4.0.",
        table(("File", "Contents", "Bytes"), rows),
    )


__all__ = [
    "VERDICT_LABEL",
    "baseline_page",
    "baselines_index",
    "cooperation_index",
    "data_page",
    "explorer_page",
    "home_page",
    "jurisdiction_page",
    "jurisdictions_index",
    "matrix_page",
    "methodology_page",
    "offence_page",
    "offences_index",
    "reforms_page",
    "research_page",
]


def changelog_page(history: tuple[Entry, ...]) -> str:
    """What changed in the corpus, newest first, from its git history (commit subjects and
    file names are contributors' text: escaped)."""
    if not history:
        return page(
            "Corpus changelog",
            "No history is available: this site was built from a corpus outside a git repository.",
        )
    lines = changelog_items(history, md, code)
    return page(
        "Corpus changelog",
        "Every change to the corpus, newest first, from the git history of `corpus/` "
        f"(the last {len(history)} commits). The same list is an "
        '<a href="../../api/v1/changelog.atom">Atom feed</a> for feed readers.',
        "\n".join(lines),
        search_exclude=True,
    )


def changelog_feed(history: tuple[Entry, ...]) -> str:
    """The changelog as an Atom feed (RFC 4287); ids are the commits, dates their days."""
    updated = f"{history[0].day}T00:00:00Z" if history else "1970-01-01T00:00:00Z"
    entries = [
        "  <entry>\n"
        f"    <id>urn:comity:corpus-commit:{xml_escape(entry.commit)}</id>\n"
        f"    <title>{xml_escape(entry.subject)}</title>\n"
        f"    <updated>{xml_escape(entry.day)}T00:00:00Z</updated>\n"
        '    <content type="text">'
        + xml_escape(", ".join(sorted({file_label(f) for f in entry.files if f.endswith(".yaml")})))
        + "</content>\n"
        "  </entry>"
        for entry in history
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        "  <id>urn:comity:corpus-changelog</id>\n"
        "  <title>Comity corpus changelog</title>\n"
        f"  <updated>{updated}</updated>\n"
        "  <author><name>Comity contributors</name></author>\n"
        + "".join(f"{e}\n" for e in entries)
        + "</feed>\n"
    )
