"""Gap matrices: each jurisdiction against each baseline element, with deviations and counts."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.models import Element, Instrument, Jurisdiction, Offence, Relation
from .context import UNKNOWN, Context, read
from .results import GapCounts, GapEntry, GapStatus

MANDATORY = ("mandatory", "subject_to_basic_concepts")
MET = ("full", "broader")


def _parameter_deviation(
    element: Element, jurisdiction: Jurisdiction, offence: Offence
) -> tuple[GapStatus | None, str]:
    """Compare the element's numeric parameters with the domestic values."""
    definition = jurisdiction.offences.get(offence.id)
    if definition is None:
        return None, ""
    worst: GapStatus | None = None
    words = []
    for name, parameter in element.parameters.items():
        domestic = definition.parameters.get(name)
        if domestic is None or domestic.value == UNKNOWN:
            continue
        value = int(domestic.value)
        if value == parameter.value:
            continue
        narrower = (value > parameter.value) == (parameter.narrower_when == "greater")
        words.append(f"{parameter.label}: {value}; baseline {parameter.value}")
        worst = "narrower" if narrower or worst == "narrower" else "broader"
    return worst, "; ".join(words)


def _offence_entry(
    ctx: Context,
    jurisdiction: Jurisdiction,
    instrument: Instrument,
    element: Element,
    offence: Offence,
) -> GapEntry:
    path = f"offences.{offence.id}.elements.{element.id}"
    assessed = read(jurisdiction, path)
    criminalised = read(jurisdiction, f"offences.{offence.id}.criminalised")
    provision = read(jurisdiction, f"offences.{offence.id}.provision")
    status: GapStatus = assessed.value if assessed.value != UNKNOWN else UNKNOWN
    if status == UNKNOWN and criminalised.value == "no":
        status = "none"
    note = _note(jurisdiction, path)
    by_parameter, deviation = _parameter_deviation(element, jurisdiction, offence)
    if by_parameter and status in (UNKNOWN, "full"):
        status = by_parameter
    deviation = "; ".join(x for x in (deviation, note) if x)
    return GapEntry(
        jurisdiction=jurisdiction.code,
        instrument=instrument.id,
        element=element.id,
        offence=offence.id,
        strength=element.strength,
        status=status,
        deviation=deviation,
        provision=str(provision.value) if provision.value != UNKNOWN else "",
        citation=assessed.citation or criminalised.citation,
    )


def _note(jurisdiction: Jurisdiction, path: str) -> str:
    from .context import fact_at

    item = fact_at(jurisdiction, path)
    return item.note or "" if item is not None else ""


def _fact_entry(jurisdiction: Jurisdiction, instrument: Instrument, element: Element) -> GapEntry:
    """Cooperation elements answered by a jurisdiction fact (`assessed_by`), or assessed
    directly in the jurisdiction's `elements`."""
    if element.assessed_by:
        item = read(jurisdiction, element.assessed_by)
        value = str(item.value)
        if value == UNKNOWN:
            status: GapStatus = UNKNOWN
        elif value in element.full_when:
            status = "full"
        elif value in element.none_when:
            status = "none"
        elif value == "partial":
            status = "narrower"
        else:
            status = "other"
        return GapEntry(
            jurisdiction.code,
            instrument.id,
            element.id,
            None,
            element.strength,
            status,
            _note(jurisdiction, element.assessed_by),
            item.citation.pinpoint or "" if item.citation else "",
            item.citation,
        )
    direct = read(jurisdiction, f"elements.{element.id}")
    return GapEntry(
        jurisdiction.code,
        instrument.id,
        element.id,
        None,
        element.strength,
        direct.value,
        _note(jurisdiction, f"elements.{element.id}"),
        direct.citation.pinpoint or "" if direct.citation else "",
        direct.citation,
    )


# A framework decision binds the members of the scheme that implements it (a relation), not
# parties that ratify it: its "status" is membership of that relation.
SCHEME_OF_INSTRUMENT = {"EAW_FD": "eaw"}


def scheme_relation(relations: Iterable[Relation], instrument_id: str) -> Relation | None:
    """The relation (scheme) that implements a framework decision, if the instrument is one."""
    scheme = SCHEME_OF_INSTRUMENT.get(instrument_id)
    return next((r for r in relations if r.id == scheme), None) if scheme else None


def _not_applicable(ctx: Context, jurisdiction: Jurisdiction, instrument: Instrument) -> bool:
    """A regional instrument does not measure states outside its scheme."""
    if instrument.kind != "eu_framework_decision":
        return False
    scheme = scheme_relation(ctx.relations_of.get(jurisdiction.code, ()), instrument.id)
    return ctx.party_to(jurisdiction.code, instrument.id) != "party" and scheme is None


def jurisdiction_gaps(
    ctx: Context, jurisdiction: Jurisdiction, instrument: Instrument
) -> list[GapEntry]:
    """Every element of one instrument for one jurisdiction, either/or groups resolved."""
    linked: dict[str, list[Offence]] = {}
    for offence in ctx.corpus.offences:
        for element_id in offence.elements:
            linked.setdefault(element_id, []).append(offence)
    entries: list[GapEntry] = []
    for element in instrument.elements:
        if _not_applicable(ctx, jurisdiction, instrument):
            entries.append(
                GapEntry(
                    jurisdiction.code,
                    instrument.id,
                    element.id,
                    None,
                    element.strength,
                    "not_applicable",
                    "",
                    "",
                    None,
                )
            )
        elif element.id in linked and not element.assessed_by:
            entries += [
                _offence_entry(ctx, jurisdiction, instrument, element, offence)
                for offence in linked[element.id]
            ]
        else:
            entries.append(_fact_entry(jurisdiction, instrument, element))
    return _resolve_alternatives(instrument, entries)


def _resolve_alternatives(instrument: Instrument, entries: list[GapEntry]) -> list[GapEntry]:
    """Within an either/or group, the alternative a state implemented stands for the group:
    meeting it satisfies the others; where it is implemented only narrowly (narrower, other),
    the group counts once, as that narrower alternative, and the others are not missing
    (Japan chose the agreement model of UNTOC Art. 5(1)(a)(i), more narrowly than the
    article; it did not fail to enact the participation model as well)."""
    group_of = {e.id: e.alternative_group for e in instrument.elements if e.alternative_group}
    met: dict[tuple[str | None, str], str] = {}
    for entry in entries:
        group = group_of.get(entry.element)
        if group and entry.status in MET:
            met.setdefault((entry.offence, group), entry.element)
    partial: set[str] = set()
    for entry in entries:  # no alternative met in full: one implemented narrowly stands
        group = group_of.get(entry.element)
        if group and entry.status in ("narrower", "other") and (entry.offence, group) not in met:
            met[(entry.offence, group)] = entry.element
            partial.add(entry.element)
    resolved = []
    for entry in entries:
        group = group_of.get(entry.element)
        winner = met.get((entry.offence, group)) if group else None
        worse = ("none", UNKNOWN) if winner in partial else ("none", UNKNOWN, "narrower", "other")
        if winner and winner != entry.element and entry.status in worse:
            entry = GapEntry(**{**entry.__dict__, "satisfied_by_alternative": winner})
        resolved.append(entry)
    return resolved


def count(entries: list[GapEntry], jurisdiction: str, instrument: str) -> GapCounts:
    """Counts, not a score: a missing optional element never weighs like a mandatory one."""
    live = [e for e in entries if e.status != "not_applicable" and not e.satisfied_by_alternative]
    mandatory = [e for e in live if e.strength in MANDATORY]
    return GapCounts(
        jurisdiction=jurisdiction,
        instrument=instrument,
        mandatory_missing=sum(e.status == "none" for e in mandatory),
        mandatory_narrower=sum(e.status in ("narrower", "other") for e in mandatory),
        optional_missing=sum(e.status == "none" for e in live if e.strength not in MANDATORY),
        unknown=sum(e.status == UNKNOWN for e in live),
        met=sum(e.status in MET for e in live),
        total=len(live),
    )


_SEVERITY = {
    "none": 6,
    "narrower": 5,
    "other": 4,
    "unknown": 3,
    "broader": 1,
    "full": 0,
    "not_applicable": -1,
}


def element_status(entries: tuple[GapEntry, ...]) -> dict[tuple[str, str], GapEntry]:
    """One entry per (jurisdiction, element): where several offences implement an element,
    the weakest implementation stands for it (an alternative already met counts as met)."""
    chosen: dict[tuple[str, str], GapEntry] = {}
    for entry in entries:
        key = (entry.jurisdiction, entry.element)
        current = chosen.get(key)
        if current is None or _rank(entry) > _rank(current):
            chosen[key] = entry
    return chosen


def _rank(entry: GapEntry) -> int:
    return 0 if entry.satisfied_by_alternative else _SEVERITY[entry.status]


def all_gaps(ctx: Context) -> tuple[tuple[GapEntry, ...], tuple[GapCounts, ...]]:
    """The gap matrix of every jurisdiction against every instrument, with counts."""
    entries: list[GapEntry] = []
    counts: list[GapCounts] = []
    for code in ctx.codes:
        for instrument in ctx.corpus.instruments:
            found = jurisdiction_gaps(ctx, ctx.jurisdictions[code], instrument)
            entries += found
            counts.append(count(found, code, instrument.id))
    return tuple(entries), tuple(counts)
