"""One question across all states: a page per fact the corpus answers (nationals, death
penalty, each instrument's status, each assistance measure, ...), one row per state with the
value, the source and its kind, confidence and date. Pure: corpus in, Markdown out."""

from __future__ import annotations

from ..analysis.context import fact_at, read
from ..analysis.extradition import relation_citation
from ..analysis.gaps import scheme_relation
from ..analysis.mla import MEASURE_NAMES
from ..analysis.results import Citation
from ..core.countries import country_name
from ..core.models import MEASURES, Corpus, Jurisdiction
from .common import DISCLAIMER, citation_md, country, page, table
from .escape import md
from .maps import Category, missing_states, world_map

# (slug, question, fact path, whether states with a treaty-status profile can answer it)
DOMESTIC = (
    (
        "extradition-of-nationals",
        "Does the state surrender its own nationals?",
        "extradition.nationals",
    ),
    (
        "death-penalty-policy",
        "Does the state extradite where the death penalty may be imposed?",
        "extradition.death_penalty_policy",
    ),
    (
        "life-sentence-policy",
        "Does the state extradite where life imprisonment may be imposed?",
        "extradition.life_sentence_policy",
    ),
    (
        "extradition-legal-basis",
        "What does the state need as a legal basis for extradition?",
        "extradition.legal_basis",
    ),
    (
        "dual-criminality",
        "How does the state test dual criminality for extradition?",
        "extradition.dual_criminality",
    ),
    (
        "penalty-threshold",
        "What minimum penalty makes an offence extraditable?",
        "extradition.min_penalty_years",
    ),
    (
        "evidence-standard",
        "What evidence does the state examine before surrender?",
        "extradition.evidence_standard",
    ),
    (
        "speciality",
        "Does the state require an undertaking of speciality?",
        "extradition.speciality_required",
    ),
    (
        "discretionary-refusal",
        "Can the state refuse extradition at its discretion?",
        "extradition.discretionary_refusal",
    ),
    (
        "death-penalty-status",
        "Does the state itself impose the death penalty?",
        "death_penalty_status",
    ),
    (
        "assistance-legal-basis",
        "What does the state need as a basis for mutual legal assistance?",
        "mla.legal_basis",
    ),
    (
        "assistance-dual-criminality-coercive",
        "Does the state require dual criminality for coercive assistance?",
        "mla.dual_criminality_coercive",
    ),
    (
        "assistance-dual-criminality-non-coercive",
        "Does the state require dual criminality for non-coercive assistance?",
        "mla.dual_criminality_non_coercive",
    ),
    (
        "bank-secrecy",
        "Can bank secrecy ground a refusal of assistance?",
        "mla.bank_secrecy_refusal",
    ),
    (
        "foreign-evidence",
        "When do the state's courts admit evidence obtained abroad?",
        "evidence.foreign_evidence",
    ),
) + tuple(
    (
        f"measure-{m.replace('_', '-')}",
        f"Can the state execute a foreign request for {MEASURE_NAMES[m]}?",
        f"evidence.measures.{m}.available",
    )
    for m in MEASURES
)


def _slug(instrument: str, what: str) -> str:
    return f"{instrument.lower().replace('_', '-')}-{what}"


def questions(corpus: Corpus) -> list[tuple[str, str, str, bool, str]]:
    """Every question: (slug, question, fact path, asked of treaty-status profiles too, what
    the question is about in the corpus's own words, escaped where shown). Titles are built
    from ids only: corpus text never becomes a page title."""
    found = [(slug, question, path, False, "") for slug, question, path in DOMESTIC]
    for instrument in corpus.instruments:
        found.append(
            (
                _slug(instrument.id, "status"),
                f"Party status: {instrument.id}",
                f"instruments.{instrument.id}.status",
                True,
                instrument.title,
            )
        )
        if instrument.extradition_basis_article:
            found.append(
                (
                    _slug(instrument.id, "extradition-basis"),
                    f"{instrument.id} as a legal basis for extradition",
                    f"instruments.{instrument.id}.accepts_as_extradition_basis",
                    True,
                    f"{instrument.title}, {instrument.extradition_basis_article}",
                )
            )
    return found


def _status_instrument(path: str) -> str | None:
    """The instrument whose party status a fact path asks for (`instruments.<id>.status`)."""
    parts = path.split(".")
    return (
        parts[1] if len(parts) == 3 and parts[0] == "instruments" and parts[2] == "status" else None
    )


def _scheme_status(corpus: Corpus, path: str) -> dict[str, tuple[str, Citation | None]] | None:
    """For a framework decision's status: membership of the scheme that implements it, cited
    to the scheme's relation (member: party; anyone else: not applicable)."""
    instrument = _status_instrument(path)
    relation = scheme_relation(corpus.relations, instrument) if instrument else None
    if relation is None:
        return None
    citation = relation_citation(relation)
    members = {p.code for p in relation.parties}
    return {
        j.code: ("party" if j.code in members else "not_applicable", citation)
        for j in corpus.jurisdictions
    }


def _row(
    jurisdiction: Jurisdiction, path: str, derived: tuple[str, Citation | None] | None = None
) -> list[str]:
    item = read(jurisdiction, path)
    fact = fact_at(jurisdiction, path)
    raw, citation = (item.value, item.citation) if derived is None else derived
    value = str(raw).replace("_", " ")
    return [
        country(jurisdiction.code),
        f"**{md(value)}**" if raw != "unknown" else "_unknown_",
        citation_md(citation),
        md(citation.confidence) if citation else "—",
        md(citation.verified or "—") if citation else "—",
        md(fact.note) if fact is not None and fact.note else "",
    ]


STATUS_CATEGORIES = (
    Category("party", "Party"),
    Category("signatory", "Signatory, not party"),
    Category("not_party", "Not party"),
    Category("not_applicable", "Not applicable"),
    Category("unknown", "Unknown"),
)


def status_map(states: list[Jurisdiction], of_state: dict[str, str], question: str) -> str:
    """A world map of one instrument's party status, with the same data as the table below."""
    used = [c for c in STATUS_CATEGORIES if c.key in of_state.values()]
    codes = [j.code for j in states]
    missing = missing_states(codes)
    note = (
        " Not drawn at this scale (Natural Earth 1:50m): "
        + ", ".join(country_name(code) for code in missing)
        + "; see the table."
        if missing
        else ""
    )
    return (
        world_map(
            "cy-map-status",
            question,
            "World map of each state's status; the table below gives the same data.",
            used,
            of_state,
            codes,
        )
        + '\n\n<p class="cy-map-caption">Each category has its own pattern as well as its '
        "colour; hover a state for its name and status. The table below carries the same "
        f"data with sources.{md(note)} Boundaries: Natural Earth, no position on any "
        "dispute.</p>"
    )


def question_page(corpus: Corpus, question: str, path: str, everyone: bool, about: str = "") -> str:
    states = sorted(
        (j for j in corpus.jurisdictions if everyone or j.tier == "full"),
        key=lambda j: country_name(j.code),
    )
    derived = _scheme_status(corpus, path)
    rows = [_row(j, path, derived[j.code] if derived else None) for j in states]
    known = sum(r[1] != "_unknown_" for r in rows)
    scope = (
        "every state in the corpus"
        if everyone
        else "the researched profiles (treaty-status profiles record no domestic law)"
    )
    is_status = _status_instrument(path) is not None
    return page(
        question,
        DISCLAIMER,
        md(about) if about else "",
        status_map(
            states,
            {j.code: derived[j.code][0] if derived else str(read(j, path).value) for j in states},
            question,
        )
        if is_status
        else "",
        '<div class="cy-sortable" hidden></div>\n\n'
        f"One row per state, sorted by name (select a column heading to sort by it): {known} of "
        f"{len(rows)} known, across {scope}. "
        f"Fact: {md(path)}. Each value links to its source, which says what kind it is "
        "(official text, secondary source, or an unofficial copy that names the official "
        "text).",
        table(("State", "Answer", "Source", "Confidence", "Verified", "Note"), rows),
        search_boost=0.5,
    )


def questions_index(corpus: Corpus) -> str:
    rows = [
        [f"[{md(question)}]({slug}.md)", md(path)]
        for slug, question, path, _, _ in questions(corpus)
    ]
    return page(
        "Questions",
        DISCLAIMER,
        "One question across all states: each page lists every state's answer with "
        "its source, kind of source, confidence and date.",
        table(("Question", "Fact"), rows),
    )


def question_pages(corpus: Corpus, folder: str) -> dict[str, str]:
    files = {f"{folder}/index.md": questions_index(corpus)}
    for slug, question, path, everyone, about in questions(corpus):
        files[f"{folder}/{slug}.md"] = question_page(corpus, question, path, everyone, about)
    return files
