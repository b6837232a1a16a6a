"""Assemble every generated file: {path relative to docs/: text}. Pure."""

from __future__ import annotations

from ..analysis import forked
from ..analysis.mla import MEASURE_NAMES
from ..analysis.results import PERSONS
from ..analysis.world import Analysis
from ..core.models import MEASURES, Corpus
from ..io.git import Entry
from . import pages
from .common import GENERATED
from .data import API, start_open_data
from .errors import ERRORS_PAGE, errors_page
from .fragments import fragment_path
from .maps import GEOMETRY_FILE, world_geometry
from .questions import question_pages


def render_site(
    corpus: Corpus, analysis: Analysis, history: tuple[Entry, ...] = ()
) -> dict[str, str | bytes]:
    """Every page and data file the site needs (`history`: the corpus's commits, newest
    first, for the changelog page and its Atom feed)."""
    # The open data is most of the rendering at world scale (15 of 21 s on the synthetic
    # corpus): its long tables are made in a forked process while this one renders the pages.
    finish_data = start_open_data(
        corpus, analysis, len(corpus.jurisdictions) >= forked.PARALLEL_STATES
    )
    head: dict[str, str | bytes] = {}
    head[f"{GENERATED}/changelog.md"] = pages.changelog_page(history)
    head[f"{GENERATED}/{GEOMETRY_FILE}"] = world_geometry()
    head[f"{API}/changelog.atom"] = pages.changelog_feed(history)
    files: dict[str, str | bytes] = {}
    g = GENERATED
    files[f"{g}/jurisdictions/index.md"] = pages.jurisdictions_index(corpus, analysis)
    outside = pages.outside_schemes(analysis)
    for j in corpus.jurisdictions:
        files[f"{g}/jurisdictions/{j.code.lower()}.md"] = pages.jurisdiction_page(
            corpus, analysis, j, outside.get(j.code, frozenset())
        )
        files.update(_as_files(pages.jurisdiction_fragments(corpus, analysis, j)))
    files.update(question_pages(corpus, f"{g}/questions"))
    files[f"{g}/briefing.md"] = pages.briefing_page(corpus)
    files[f"{g}/offences/index.md"] = pages.offences_index(corpus)
    for offence in corpus.offences:
        files[f"{g}/offences/{offence.id}.md"] = pages.offence_page(corpus, analysis, offence)
        files.update(_as_files(pages.offence_fragments(corpus, analysis, offence)))
    files[f"{g}/baselines/index.md"] = pages.baselines_index(corpus)
    for instrument in corpus.instruments:
        files[f"{g}/baselines/{instrument.id.lower()}.md"] = pages.baseline_page(
            corpus, analysis, instrument
        )
        files.update(_as_files(pages.baseline_fragments(corpus, analysis, instrument)))
    files[f"{g}/cooperation/index.md"] = pages.cooperation_index(corpus, analysis)
    for offence in corpus.offences:
        files[f"{g}/cooperation/extradition-{offence.id}.md"] = pages.matrix_page(
            f"Extradition: {offence.name.lower()}",
            "Can the requesting state (row) obtain surrender from the requested state (column) "
            "for this offence?",
            [
                (
                    (
                        "Person is a national of the requested state"
                        if person == "national"
                        else "Person is not a national of the requested state"
                    ),
                    f"{API}/matrix/extradition/{offence.id}-{person}.json",
                    {"offence": offence.id, "person": person},
                )
                for person in PERSONS
            ],
        )
    for measure in MEASURES:
        files[f"{g}/cooperation/mla-{measure}.md"] = pages.matrix_page(
            f"Assistance: {MEASURE_NAMES[measure]}",
            "Can the requesting state (row) obtain this measure from the requested state "
            "(column), and will the evidence be admissible at home? Dual criminality is shown "
            "in general terms; pick an offence in the explorer for a specific answer.",
            [("All offences", f"{API}/matrix/mla/{measure}.json", {"measure": measure})],
        )
    files[f"{g}/explorer.md"] = pages.explorer_page(corpus)
    files[f"{g}/reforms.md"] = pages.reforms_page(analysis)
    files[f"{g}/research.md"] = pages.research_page(analysis)
    files[f"{g}/methodology.md"] = pages.methodology_page()
    files[f"{g}/{ERRORS_PAGE}"] = errors_page()
    data = finish_data()
    files[f"{g}/data.md"] = pages.data_page(_data_listing(data))
    files["index.md"] = pages.home_page(corpus, analysis)
    return {**head, **data, **files}


_DESCRIPTIONS = {
    "extradition.csv.gz": "Every extradition verdict (long form, gzip)",
    "extradition.json.gz": "Every extradition verdict (long form, JSON, gzip)",
    "mla.csv.gz": "Every assistance verdict (long form, gzip)",
    "mla.json.gz": "Every assistance verdict (long form, JSON, gzip)",
    "gaps.csv.gz": "Every gap entry: jurisdiction × baseline element (gzip)",
    "gaps.json.gz": "Every gap entry (JSON, gzip)",
    "health.csv": "Data health per jurisdiction",
    "health.json": "Data health per jurisdiction (JSON)",
    "reforms.json": "Reform leverage ranking",
    "research.json": "Research priorities: unknown facts and the verdicts waiting for them",
    "datapackage.json": "Frictionless data package describing the tables. In the CSV files, "
    "text that begins with = + - @, a tab or a carriage return starts with "
    "an apostrophe (') so that spreadsheets do not run it as a formula; the "
    "JSON files hold the text unchanged",
    "corpus/index.json": "Index of the validated corpus (one JSON file per jurisdiction)",
    "corpus/instruments.json": "Baseline instruments, element by element",
    "corpus/offences.json": "The offence taxonomy",
    "corpus/relations.json": "Treaties and regional schemes",
}


def _size(content: str | bytes) -> int:
    return len(content) if isinstance(content, bytes) else len(content.encode("utf-8"))


def _data_listing(data: dict[str, str | bytes]) -> list[tuple[str, str, int]]:
    listing = []
    for path, content in sorted(data.items()):
        short = path.removeprefix(f"{API}/")
        if short in _DESCRIPTIONS:
            listing.append((short, _DESCRIPTIONS[short], _size(content)))
        elif short.startswith("schema/"):
            listing.append((short, "JSON Schema for corpus files", _size(content)))
    listing.append(
        (
            "explorer/",
            "Every verdict with its trace: per requesting state, each "
            "verdict as step-kind ids (from/), the step kinds with {a}/{b} for the two "
            "states' names (kinds.json.gz), and the facts the steps cite (facts/, "
            "relations.json.gz); gzip JSON",
            sum(_size(c) for p, c in data.items() if "/explorer/" in p),
        )
    )
    listing.append(
        (
            "matrix/",
            "Compact verdict matrices (one code per cell)",
            sum(_size(c) for p, c in data.items() if "/matrix/" in p),
        )
    )
    return listing


def _as_files(fragments: dict[str, str]) -> dict[str, str | bytes]:
    """A page's fragments (by name) as generated files."""
    return {fragment_path(name): fragment for name, fragment in fragments.items()}
