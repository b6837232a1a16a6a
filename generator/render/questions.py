"""One question across all states: a page per fact the corpus answers (nationals, death
penalty, each instrument's status, each assistance measure, ...), one row per state with the
value, the source and its kind, confidence and date. Pure: corpus in, Markdown out."""

from __future__ import annotations

from ..analysis.context import fact_at, read
from ..analysis.mla import MEASURE_NAMES
from ..countries import country_name
from ..models import MEASURES, Corpus, Jurisdiction
from .common import DISCLAIMER, citation_md, country, page, table
from .escape import md

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


def _row(jurisdiction: Jurisdiction, path: str) -> list[str]:
    item = read(jurisdiction, path)
    fact = fact_at(jurisdiction, path)
    value = str(item.value).replace("_", " ")
    citation = item.citation
    return [
        country(jurisdiction.code),
        f"**{md(value)}**" if item.value != "unknown" else "_unknown_",
        citation_md(citation),
        md(citation.confidence) if citation else "—",
        md(citation.verified or "—") if citation else "—",
        md(fact.note) if fact is not None and fact.note else "",
    ]


def question_page(corpus: Corpus, question: str, path: str, everyone: bool, about: str = "") -> str:
    states = sorted(
        (j for j in corpus.jurisdictions if everyone or j.tier == "full"),
        key=lambda j: country_name(j.code),
    )
    rows = [_row(j, path) for j in states]
    known = sum(r[1] != "_unknown_" for r in rows)
    scope = (
        "every state in the corpus"
        if everyone
        else "the researched profiles (treaty-status profiles record no domestic law)"
    )
    return page(
        question,
        DISCLAIMER,
        md(about) if about else "",
        f"One row per state, sorted by name: {known} of {len(rows)} known, across {scope}. "
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
