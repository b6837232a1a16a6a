"""Corpus-wide rules that one file alone cannot check.

Each rule is a small generator of problems with a one-line docstring, listed in `RULES`.
Rules read the validated models and the parsed trees (only to point at a line); they never
raise and never stop at the first problem.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from pydantic import BaseModel

from ..core.countries import is_iso_code
from ..core.facts import Loc, offence_parent, walk, walk_facts
from ..core.models import CARRIED, REQUIRED_OFFENCES, Instrument, Jurisdiction, Relation
from ..core.problems import Problem
from ..io.load import LoadedFile, LoadResult, locate


def _at(
    loaded: LoadedFile,
    loc: Loc,
    code: str,
    message: str,
    hint: str = "",
    at_key: bool = False,
) -> Problem:
    line, column, _ = locate(loaded.tree, loc, at_key=at_key)
    field = ".".join(str(part) for part in loc)
    return Problem(loaded.path, line, column, field, message, hint, code=code)


def _is_date(value: Any) -> bool:
    return isinstance(value, date)


# --------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------


def jurisdiction_codes(result: LoadResult, today: date) -> Iterator[Problem]:
    """A jurisdiction's code is a real ISO 3166-1 alpha-2 code, matches its file name, once."""
    seen: dict[str, str] = {}
    for loaded, item in result.jurisdictions:
        stem = loaded.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if not is_iso_code(item.code):
            yield _at(
                loaded,
                ("code",),
                "C401",
                f"{item.code!r} is not an ISO 3166-1 alpha-2 code",
                "see https://www.iso.org/obp/ui/#search",
            )
        if stem != item.code.lower():
            yield _at(
                loaded,
                ("code",),
                "C402",
                f"code {item.code} does not match the file name {stem}.yaml",
                f"rename the file to {item.code.lower()}.yaml",
            )
        if item.code in seen:
            yield _at(
                loaded, ("code",), "C403", f"code {item.code} is also used by {seen[item.code]}"
            )
        seen.setdefault(item.code, loaded.path)


def unique_ids(result: LoadResult, today: date) -> Iterator[Problem]:
    """Instrument, element, offence and relation ids are unique across the corpus."""
    seen: dict[str, str] = {}
    entries: list[tuple[LoadedFile, Loc, str]] = []
    for loaded, instrument in result.instruments:
        entries.append((loaded, ("id",), f"instrument {instrument.id}"))
        entries += [
            (loaded, ("elements", index, "id"), f"element {element.id}")
            for index, element in enumerate(instrument.elements)
        ]
    if result.taxonomy:
        loaded, taxonomy = result.taxonomy
        entries += [
            (loaded, ("offences", index, "id"), f"offence {offence.id}")
            for index, offence in enumerate(taxonomy.offences)
        ]
    entries += [(loaded, ("id",), f"relation {rel.id}") for loaded, rel in result.relations]
    for loaded, loc, name in entries:
        if name in seen:
            yield _at(loaded, loc, "C404", f"{name} is defined twice (also in {seen[name]})")
        seen.setdefault(name, loaded.path)


# Offence and instrument ids become page names (offences/<id>.md, baselines/<id>.md) beside the
# generated index page of their section; MkDocs also reads a README.md as a section index.
RESERVED_PAGE_NAMES = frozenset({"index", "readme"})


def reserved_ids(result: LoadResult, today: date) -> Iterator[Problem]:
    """No offence or instrument id names a page the site generates (e.g. `index`)."""

    def problem(loaded: LoadedFile, loc: Loc, kind: str, ident: str, section: str) -> Problem:
        return _at(
            loaded,
            loc,
            "C405",
            f"{kind} id {ident!r} is reserved: it would replace the {section} index page",
            "choose another id",
        )

    if result.taxonomy:
        loaded, taxonomy = result.taxonomy
        for index, offence in enumerate(taxonomy.offences):
            if offence.id.lower() in RESERVED_PAGE_NAMES:
                yield problem(loaded, ("offences", index, "id"), "offence", offence.id, "Offences")
    for loaded, instrument in result.instruments:
        if instrument.id.lower() in RESERVED_PAGE_NAMES:
            yield problem(loaded, ("id",), "instrument", instrument.id, "Baselines")


def instrument_file_names(result: LoadResult, today: date) -> Iterator[Problem]:
    """An instrument or relation file is named after its id."""
    named: list[tuple[LoadedFile, Instrument | Relation]] = [*result.instruments, *result.relations]
    for loaded, item in named:
        stem = loaded.path.rsplit("/", 1)[-1].removesuffix(".yaml")
        if stem != item.id.lower():
            yield _at(
                loaded,
                ("id",),
                "C406",
                f"id {item.id} does not match the file name {stem}.yaml",
                f"rename the file to {item.id.lower()}.yaml",
            )


def taxonomy_complete(result: LoadResult, today: date) -> Iterator[Problem]:
    """The taxonomy defines every offence the analysis relies on, linked to known elements."""
    if not result.taxonomy:
        return
    loaded, taxonomy = result.taxonomy
    ids = {offence.id for offence in taxonomy.offences}
    for missing in REQUIRED_OFFENCES:
        if missing not in ids:
            yield _at(loaded, ("offences",), "C407", f"the required offence {missing!r} is missing")
    elements = _element_ids(result)
    instruments = {instrument.id for _, instrument in result.instruments}
    for index, offence in enumerate(taxonomy.offences):
        for position, element in enumerate(offence.elements):
            if element not in elements:
                yield _at(
                    loaded,
                    ("offences", index, "elements", position),
                    "C408",
                    f"unknown baseline element {element!r}",
                )
        for field in ("convention_offence_of", "depoliticised_by"):
            for position, instrument in enumerate(getattr(offence, field)):
                if instrument not in instruments:
                    yield _at(
                        loaded,
                        ("offences", index, field, position),
                        "C409",
                        f"unknown instrument {instrument!r}",
                    )


def _element_ids(result: LoadResult) -> set[str]:
    return {element.id for _, inst in result.instruments for element in inst.elements}


def alternative_groups(result: LoadResult, today: date) -> Iterator[Problem]:
    """An either/or group has at least two elements of the same strength."""
    for loaded, instrument in result.instruments:
        groups: dict[str, list[int]] = {}
        for index, element in enumerate(instrument.elements):
            if element.alternative_group:
                groups.setdefault(element.alternative_group, []).append(index)
        for group, members in sorted(groups.items()):
            if len(members) < 2:
                yield _at(
                    loaded,
                    ("elements", members[0], "alternative_group"),
                    "C410",
                    f"alternative group {group} has only one element",
                    "either/or groups need at least two alternatives",
                )


def jurisdiction_references(result: LoadResult, today: date) -> Iterator[Problem]:
    """Offences, elements and instruments named in a jurisdiction exist in the corpus."""
    offences = {o.id for o in result.taxonomy[1].offences} if result.taxonomy else set()
    elements = _element_ids(result)
    instruments = {instrument.id for _, instrument in result.instruments}
    for loaded, item in result.jurisdictions:
        for instrument in item.instruments:
            if instrument not in instruments:
                yield _at(
                    loaded,
                    ("instruments", instrument),
                    "C409",
                    f"unknown instrument {instrument!r}",
                    at_key=True,
                )
        for element in item.elements:
            if element not in elements:
                yield _at(
                    loaded,
                    ("elements", element),
                    "C408",
                    f"unknown baseline element {element!r}",
                    at_key=True,
                )
        for offence, definition in item.offences.items():
            if result.taxonomy and offence not in offences:
                yield _at(
                    loaded,
                    ("offences", offence),
                    "C411",
                    f"unknown offence {offence!r}",
                    "offences must be defined in corpus/offences.yaml",
                    at_key=True,
                )
            for element in definition.elements:
                if element not in elements:
                    yield _at(
                        loaded,
                        ("offences", offence, "elements", element),
                        "C408",
                        f"unknown baseline element {element!r}",
                        at_key=True,
                    )


def relation_parties(result: LoadResult, today: date) -> Iterator[Problem]:
    """Relation parties are real ISO codes, listed once; label equivalences name offences."""
    offences = {o.id for o in result.taxonomy[1].offences} if result.taxonomy else set()
    for loaded, relation in result.relations:
        seen: set[str] = set()
        for index, party in enumerate(relation.parties):
            if not is_iso_code(party.code):
                yield _at(
                    loaded,
                    ("parties", index, "code"),
                    "C401",
                    f"{party.code!r} is not an ISO 3166-1 alpha-2 code",
                )
            if party.code in seen:
                yield _at(
                    loaded, ("parties", index, "code"), "C412", f"{party.code} is listed twice"
                )
            seen.add(party.code)
        if relation.kind in ("bilateral_treaty", "no_treaty") and len(relation.parties) != 2:
            yield _at(loaded, ("parties",), "C413", f"a {relation.kind} has exactly two parties")
        for index, equivalence in enumerate(relation.clauses.label_equivalences):
            if result.taxonomy and equivalence.offence not in offences:
                yield _at(
                    loaded,
                    ("clauses", "label_equivalences", index, "offence"),
                    "C411",
                    f"unknown offence {equivalence.offence!r}",
                )


def _documents(result: LoadResult) -> Iterator[tuple[LoadedFile, Jurisdiction | Relation]]:
    yield from result.jurisdictions
    yield from result.relations


def sources_resolve(result: LoadResult, today: date) -> Iterator[Problem]:
    """Every `source` names an entry of the file's own `sources`."""
    for loaded, document in _documents(result):
        known = set(document.sources)
        if isinstance(document, Relation) and document.source not in known:
            yield _at(
                loaded,
                ("source",),
                "C414",
                f"unknown source {document.source!r}",
                _source_hint(known),
            )
        for loc, item in walk_facts(document):
            if item.source is not None and item.source not in known:
                yield _at(
                    loaded,
                    (*loc, "source"),
                    "C414",
                    f"unknown source {item.source!r}",
                    _source_hint(known),
                )


def _source_hint(known: set[str]) -> str:
    if not known:
        return "add the source under `sources:` at the top of the file"
    return "defined sources: " + ", ".join(sorted(known))


def facts_are_sourced(result: LoadResult, today: date) -> Iterator[Problem]:
    """A known fact names its source and the date it was verified; partial needs a note.

    Inside an offence definition, facts inherit source and date from `criminalised`,
    which cites the provision.
    """
    for loaded, document in _documents(result):
        for loc, item in walk_facts(document):
            if not item.known:
                continue
            parent = offence_parent(document, loc)
            source = item.source or (parent.source if parent else None)
            verified = item.verified or (parent.verified if parent else None)
            if source is None:
                yield _at(
                    loaded,
                    loc,
                    "C415",
                    "a known fact needs a `source`",
                    "add `source: <id>` with a pinpoint, or write `unknown`",
                )
            if verified is None:
                yield _at(
                    loaded,
                    loc,
                    "C416",
                    "a known fact needs a `verified` date",
                    "add `verified: YYYY-MM-DD`, the day you checked the source",
                )
            if item.value in ("partial", "narrower", "other") and not item.note:
                yield _at(
                    loaded, loc, "C417", f"a {item.value!r} fact needs a `note` saying what differs"
                )


def dates_sane(result: LoadResult, today: date) -> Iterator[Problem]:
    """No date is in the future; ranges are in order."""
    documents: list[tuple[LoadedFile, BaseModel]] = [*result.instruments, *_documents(result)]
    for loaded, document in documents:
        for loc, value in walk(document, _is_date):
            if value > today:
                yield _at(loaded, loc, "C418", f"date {value} is in the future")
    for loaded, relation in result.relations:
        if relation.signed and relation.in_force and relation.signed > relation.in_force:
            yield _at(loaded, ("in_force",), "C419", "in_force is before signed")
        for index, party in enumerate(relation.parties):
            if party.since and party.until and party.since > party.until:
                yield _at(loaded, ("parties", index, "until"), "C419", "until is before since")
    for loaded, instrument in result.instruments:
        if instrument.adopted and instrument.in_force and instrument.adopted > instrument.in_force:
            yield _at(loaded, ("in_force",), "C419", "in_force is before adopted")


def scheme_members_state_their_rules(result: LoadResult, today: date) -> Iterator[Problem]:
    """A researched member of a surrender scheme records its own rule on nationals under it.

    Between members of a scheme (EAW, EU-UK TCA, Nordic arrest warrant) the scheme and each
    member's transposition law govern, not its domestic extradition law; without the member's
    own rule the engine cannot tell a return guarantee from an obligation."""
    researched = {j.code for _, j in result.jurisdictions if j.tier == "full"}
    for loaded, relation in result.relations:
        if relation.kind != "regional_scheme" or "extradition" not in relation.covers:
            continue
        for index, party in enumerate(relation.parties):
            if party.code in researched and party.nationals is None:
                yield _at(
                    loaded,
                    ("parties", index, "code"),
                    "C420",
                    f"{party.code} has a jurisdiction file but its own rule on "
                    f"surrendering nationals under {relation.id} is not recorded",
                    "add `nationals:` under this party from its transposition law (and "
                    "`life_sentence`, `dual_criminality`, `discretionary_refusal`, "
                    "`in_absentia` where read), or `unknown` with a note of what was "
                    "searched; its domestic extradition law does not apply here",
                )


_YEARS_IN_TEXT = re.compile(
    r"\b(\d{1,3}(?:[.,]\d+)?)\s*(?:-|\s)?(?:years?|ans|años|anni|Jahren?|jaar|anos|лет)\b",
    re.IGNORECASE,
)


def penalties_are_the_top_tier(result: LoadResult, today: date) -> Iterator[Problem]:
    """`max_penalty_years` is the highest maximum among the offence's forms.

    A maximum below a term its own note names (an aggravated part of the same article), or a
    maximum of 0 with no word that no form carries imprisonment, is the basic tier recorded by
    mistake (e.g. a fine-only first part of an article whose later parts carry prison)."""
    for loaded, jurisdiction in result.jurisdictions:
        for offence, definition in jurisdiction.offences.items():
            item = definition.max_penalty_years
            if not isinstance(item.value, int | float):
                continue
            loc = ("offences", offence, "max_penalty_years")
            note = item.note or ""
            named = [float(x.replace(",", ".")) for x in _YEARS_IN_TEXT.findall(note)]
            higher = [x for x in named if x > item.value]
            if higher and "not a maximum" not in note.lower():
                yield _at(
                    loaded,
                    loc,
                    "C421",
                    f"the note names {max(higher):g} years, more than the "
                    f"recorded maximum of {item.value:g}",
                    "record the highest maximum among the forms of the offence "
                    "(aggravated forms included) and put the basic tier in the note; if "
                    "the higher term is not a maximum of this offence (e.g. an older "
                    "text), say 'not a maximum' in the note",
                )
            if (
                item.value == 0
                and definition.life_imprisonment.value not in CARRIED
                and not any(
                    word in note.lower()
                    for word in ("fine only", "no imprisonment", "no custodial")
                )
            ):
                yield _at(
                    loaded,
                    loc,
                    "C422",
                    "a maximum of 0 years says no form of the offence carries imprisonment",
                    "check every part of the provision; if none carries prison, say "
                    "'fine only' (or 'no imprisonment') in the note",
                )


# Hosts that publish uploads, forums, exam preparation or encyclopaedia mirrors: never the source
# of a fact (a reader can neither trust nor quote them). Matched on the host and its subdomains.
UNCITABLE_HOSTS = (
    "scribd.com",
    "studylib.net",
    "docplayer.net",
    "docplayer.es",
    "docplayer.com.br",
    "pdfslide.net",
    "vdocuments.mx",
    "vdocuments.net",
    "fdocuments.in",
    "fdocuments.net",
    "docslib.org",
    "123dok.com",
    "passeidireto.com",
    "studocu.com",
    "coursehero.com",
    "wikisum.wiki",
    "wikipedia.org",
    "wikisource.org",
    "wikiwand.com",
    "blogspot.com",
    "wordpress.com",
    "medium.com",
    "quora.com",
    "reddit.com",
    "brainly.com",
    "academia.edu",
    "yumpu.com",
    "dokumen.pub",
    "pdfcoffee.com",
    "studenta.com",
)


def sources_are_citable(result: LoadResult, today: date) -> Iterator[Problem]:
    """Every source says what kind it is, and none is an upload, forum or encyclopaedia page."""
    for loaded, document in _documents(result):
        for source_id, source in document.sources.items():
            loc = ("sources", source_id)
            if source.kind is None:
                yield _at(
                    loaded,
                    loc,
                    "C423",
                    "the source does not say what kind it is",
                    "add `kind: official` (portal, gazette, depositary, court), "
                    "`secondary` (university, law report, intergovernmental body, "
                    "established publisher) or `unofficial_copy` with `official_url`",
                    at_key=True,
                )
            host = (source.url.host or "").lower() if source.url else ""
            if any(host == bad or host.endswith("." + bad) for bad in UNCITABLE_HOSTS):
                yield _at(
                    loaded,
                    (*loc, "url"),
                    "C424",
                    f"{host} is an upload, forum or encyclopaedia site, not a source of a fact",
                    "cite the official text (or a reliable secondary source), or make "
                    "the facts that rest on it `unknown` with a note of what was searched",
                )


_APPROXIMATE = re.compile(
    r"closest value|nearest value|not an exact fit|is the nearest|the value (?:means|stands for)"
    r"|enum has no value|no value in the vocabulary",
    re.IGNORECASE,
)


def values_are_not_approximations(result: LoadResult, today: date) -> Iterator[Problem]:
    """A value the note itself calls an approximation is a wrong value: the engine reads the
    value, not the note (e.g. `treaty_or_reciprocity` written for a state that needs neither
    a treaty nor reciprocity gave a false reciprocity condition)."""
    for loaded, document in _documents(result):
        for loc, item in walk_facts(document):
            if item.known and item.note and _APPROXIMATE.search(item.note):
                yield _at(
                    loaded,
                    loc,
                    "C425",
                    "the note calls the value an approximation; the rules read the value",
                    "choose the value that fits, or write `unknown` and say why in the note; "
                    "if no value fits, propose one in an issue",
                )


Rule = Callable[[LoadResult, date], Iterator[Problem]]

RULES: tuple[Rule, ...] = (
    jurisdiction_codes,
    unique_ids,
    reserved_ids,
    instrument_file_names,
    taxonomy_complete,
    alternative_groups,
    jurisdiction_references,
    relation_parties,
    sources_resolve,
    facts_are_sourced,
    dates_sane,
    scheme_members_state_their_rules,
    penalties_are_the_top_tier,
    sources_are_citable,
    values_are_not_approximations,
)


def check_corpus(result: LoadResult, today: date) -> list[Problem]:
    """Run every corpus-wide rule; return all problems found."""
    return [problem for rule in RULES for problem in rule(result, today)]


def stale_facts(result: LoadResult, cutoff: date) -> list[Problem]:
    """Warnings for known facts last verified before `cutoff` (for scheduling re-reviews)."""
    problems = []
    for loaded, document in _documents(result):
        for loc, item in walk_facts(document):
            parent = offence_parent(document, loc)
            verified = item.verified or (parent.verified if parent else None)
            if item.known and verified is not None and verified < cutoff:
                problems.append(
                    _at(
                        loaded,
                        loc,
                        "C501",
                        f"last verified {verified}, before {cutoff}",
                        "re-check the source and update `verified`",
                    )
                )
    return problems
