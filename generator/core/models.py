"""The corpus schema: strict, frozen pydantic models with a description on every field.

These models are the single definition of what a corpus file may contain. The JSON Schemas
that editors use (``comity schema``) are generated from them, and so is the annotated template
(``comity new XX``). No I/O happens here.

A *fact* is either a plain value (``nationals: absolute``) or a mapping that carries the value
with its evidence (``value``, ``source``, ``pinpoint``, ``note``, ``confidence``, ``verified``,
``valid_from``). ``unknown`` is a first-class value in every closed vocabulary: it is never read
as ``no`` and never as ``yes``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    PlainValidator,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .limits import MAX_NUMBER
from .terminal import first_unsafe

SCHEMA_VERSION = "1.4.0"

# --------------------------------------------------------------------------------------------
# Reusable field types
# --------------------------------------------------------------------------------------------

_FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _clean_text(value: str) -> str:
    """Reject control, bidirectional-override and every other invisible (Unicode Cf)
    character; normalise to NFC."""
    match = _FORBIDDEN_CHARS.search(value)
    bad = match.group() if match else first_unsafe(value, allowed="\t\n\r")
    if bad:
        raise ValueError(f"contains the invisible or control character U+{ord(bad):04X}; delete it")
    return unicodedata.normalize("NFC", value)


Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4000, strip_whitespace=True),
    AfterValidator(_clean_text),
]
ShortText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=300, strip_whitespace=True),
    AfterValidator(_clean_text),
]
Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$"),
    Field(description="A lower-case identifier: letters, digits and underscores."),
]
ElementId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Za-z0-9_]*(-[A-Za-z0-9]+){1,8}$"),
    Field(description="A baseline element id such as `UNTOC-5-1-a-ii`."),
]
InstrumentId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Za-z0-9_]{1,31}$"),
    Field(description="An instrument id such as `UNTOC` or `EAW_FD`."),
]
CountryCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{2}$"),
    Field(description="An ISO 3166-1 alpha-2 code in upper case, e.g. `DE`."),
]
SourceId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$"),
    Field(description="The id of an entry in this file's `sources`."),
]
Years = Annotated[int, Field(ge=0, le=100)]

Confidence = Literal["high", "medium", "low"]

Tri = Literal["yes", "no", "partial", "unknown"]
# An offence carries a penalty (life imprisonment, death) in every form (yes) or in some
# (partial): its gravest form carries it either way, which is what a penalty threshold reads.
CARRIED: tuple[Tri, ...] = ("yes", "partial")
PartyStatus = Literal["party", "signatory", "not_party", "unknown"]
LegalBasisPolicy = Literal[
    "treaty_required",
    "treaty_or_reciprocity",
    "executive_consent",
    "designation",
    "domestic_law",
    "unknown",
]
NationalityRule = Literal[
    "none",
    "return_guarantee",
    "discretionary",
    "treaty_only",
    "person_option",
    "naturalized_limited",
    "eu_or_icc_only",
    "absolute",
    "unknown",
]
DualCriminalityTest = Literal["conduct", "label", "not_required", "unknown"]
DeathPenaltyStatus = Literal[
    "abolitionist", "abolitionist_ordinary", "moratorium", "retentionist", "unknown"
]
DeathPenaltyPolicy = Literal["absolute_bar", "assurance_required", "none", "unknown"]
LifeSentencePolicy = Literal["bar", "assurance_required", "none", "unknown"]
PenaltyBasis = Literal["maximum", "minimum", "midpoint", "treaty_defined", "unknown"]
PenaltyLaw = Literal["both", "requested_only", "requesting_only", "unknown"]
LapseOfTime = Literal["requesting_law", "requested_law", "either", "not_a_bar", "unknown"]
InAbsentiaRule = Literal["retrial_guarantee", "bar", "no_condition", "unknown"]
EvidenceStandard = Literal[
    "no_evidence",
    "formal_review",
    "record_of_case",
    "serious_indications",
    "probable_cause",
    "prima_facie",
    "unknown",
]
MlaDualCriminality = Literal["required", "discretionary", "not_required", "unknown"]
Authorisation = Literal["judicial", "prosecutorial", "executive", "none", "unknown"]
ForeignEvidenceRule = Literal[
    "lawful_where_obtained", "equivalent_safeguards", "judicial_authorisation_required", "unknown"
]
GapStatus = Literal["full", "broader", "narrower", "other", "none", "not_applicable", "unknown"]
Strength = Literal["mandatory", "subject_to_basic_concepts", "consider", "optional"]
ElementKind = Literal["conduct", "mental", "scope_param", "ancillary", "procedural", "cooperation"]
ReviewStatus = Literal["draft", "reviewed"]
LegalSystem = Literal["common_law", "civil_law", "mixed", "unknown"]


def _number_or_unknown(value: Any) -> Any:
    """One clear message instead of one per union branch."""
    if value == "unknown" or (
        isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_NUMBER
    ):
        return value
    raise PydanticCustomError(
        "number_or_unknown",
        "Input should be a whole number from 0 to 1,000,000,000,000 or 'unknown'",
    )


NumberOrUnknown = Annotated[
    int | Literal["unknown"],
    PlainValidator(_number_or_unknown, json_schema_input_type=int | Literal["unknown"]),
]


def _years_or_unknown(value: Any) -> Any:
    """Years may be fractional (0.5 = six months); one clear message for anything else."""
    if value == "unknown" or (
        isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1000
    ):
        return value
    raise PydanticCustomError(
        "years_or_unknown",
        "Input should be a number of years (e.g. 1, or 0.5 for six months) or 'unknown'",
    )


YearsOrUnknown = Annotated[
    int | float | Literal["unknown"],
    PlainValidator(_years_or_unknown, json_schema_input_type=int | float | Literal["unknown"]),
]

MEASURES: tuple[str, ...] = (
    "search_and_seizure",
    "bank_records",
    "interception",
    "stored_data_production",
    "data_preservation",
    "video_link_testimony",
    "controlled_delivery",
    "undercover_operation",
    "joint_investigation_team",
)
COERCIVE_MEASURES: frozenset[str] = frozenset(
    {"search_and_seizure", "bank_records", "interception", "stored_data_production"}
)
Measure = Literal[
    "search_and_seizure",
    "bank_records",
    "interception",
    "stored_data_production",
    "data_preservation",
    "video_link_testimony",
    "controlled_delivery",
    "undercover_operation",
    "joint_investigation_team",
]
REQUIRED_OFFENCES: tuple[str, ...] = (
    "participation_ocg",
    "money_laundering",
    "bribery",
    "obstruction_of_justice",
    "trafficking_in_persons",
    "migrant_smuggling",
    "firearms_trafficking",
    "drug_trafficking",
    "illegal_access",
    "computer_fraud",
    "fraud",
    "murder",
)


class Strict(BaseModel):
    """Base of every corpus model: strict types, immutable, unknown keys rejected."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _sequences_as_tuples(cls, data: Any) -> Any:
        """YAML sequences arrive as lists; the frozen models store tuples."""
        if isinstance(data, dict):
            return {key: tuple(v) if isinstance(v, list) else v for key, v in data.items()}
        return data


# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------

T = TypeVar("T")


class Fact(Strict, Generic[T]):
    """A value with its evidence. Written either as a plain value or as this mapping."""

    value: T = Field(description="The value; `unknown` where it could not be confirmed.")
    source: SourceId | None = Field(
        default=None, description="Id of the entry in `sources` that states this fact."
    )
    pinpoint: ShortText | None = Field(
        default=None, description="Article, section or paragraph within the source."
    )
    note: Text | None = Field(
        default=None, description="Plain-text explanation; required for partial values."
    )
    confidence: Confidence | None = Field(
        default=None, description="high: primary text read; medium: secondary source; low."
    )
    verified: date | None = Field(
        default=None, description="Date the fact was last checked against its source."
    )
    valid_from: date | None = Field(
        default=None, description="Date from which the fact is the law (if known)."
    )

    @property
    def known(self) -> bool:
        """Whether the value is anything other than `unknown`."""
        return self.value != "unknown"


def _wrap_plain_value(value: Any) -> Any:
    """Accept `key: value` as shorthand for `key: {value: value}`."""
    if isinstance(value, dict):
        return value
    return {"value": value}


def fact(model: type[Fact[Any]], value_type: Any) -> BeforeValidator:
    """The validator that lets a fact field take a plain value or a full fact mapping.

    Used as ``Annotated[TriFact, fact(TriFact, Tri)]``: the alias is a real type for mypy (a
    ``TriFact``), and the JSON Schema offers both the plain value and the mapping.
    """
    return BeforeValidator(_wrap_plain_value, json_schema_input_type=value_type | model)


class TriFact(Fact[Tri]):
    """yes / no / partial / unknown, with evidence."""


class PartyFact(Fact[PartyStatus]):
    """Party status in an instrument, with evidence."""


class LegalBasisFact(Fact[LegalBasisPolicy]):
    """What the requested state needs as a legal basis, with evidence."""


class NationalityFact(Fact[NationalityRule]):
    """Whether and how the state surrenders its own nationals, with evidence."""


class DualCriminalityFact(Fact[DualCriminalityTest]):
    """How dual criminality is tested, with evidence."""


class DeathPenaltyStatusFact(Fact[DeathPenaltyStatus]):
    """Death-penalty status of the state, with evidence."""


class DeathPenaltyPolicyFact(Fact[DeathPenaltyPolicy]):
    """Policy as requested state when the requesting state may impose death."""


class LifeSentencePolicyFact(Fact[LifeSentencePolicy]):
    """Policy as requested state when life imprisonment may be imposed."""


class PenaltyBasisFact(Fact[PenaltyBasis]):
    """Which penalty the extradition threshold is measured against, with evidence."""


class PenaltyLawFact(Fact[PenaltyLaw]):
    """Whose law the extradition threshold is applied to, with evidence."""


class LapseOfTimeFact(Fact[LapseOfTime]):
    """Whose limitation period bars extradition, with evidence."""


class InAbsentiaFact(Fact[InAbsentiaRule]):
    """Rule for persons convicted in absentia, with evidence."""


class EvidenceStandardFact(Fact[EvidenceStandard]):
    """Evidence the requested state examines before surrender, with evidence."""


class NumberFact(Fact[NumberOrUnknown]):
    """A whole number (persons) or `unknown`, with evidence."""


class YearsFact(Fact[YearsOrUnknown]):
    """A period in years (0.5 = six months) or `unknown`, with evidence."""


class MlaDualCriminalityFact(Fact[MlaDualCriminality]):
    """Dual criminality for mutual legal assistance, with evidence."""


class AuthorisationFact(Fact[Authorisation]):
    """Who must authorise a measure, with evidence."""


class ForeignEvidenceFact(Fact[ForeignEvidenceRule]):
    """When evidence obtained abroad is admitted, with evidence."""


class GapFact(Fact[GapStatus]):
    """How a domestic provision meets one baseline element; `note` states the deviation."""


class TextFact(Fact[Text]):
    """A short free-text fact (a name, a provision), with evidence."""


TriF = Annotated[TriFact, fact(TriFact, Tri)]
PartyF = Annotated[PartyFact, fact(PartyFact, PartyStatus)]
LegalBasisF = Annotated[LegalBasisFact, fact(LegalBasisFact, LegalBasisPolicy)]
NationalityF = Annotated[NationalityFact, fact(NationalityFact, NationalityRule)]
DualCriminalityF = Annotated[DualCriminalityFact, fact(DualCriminalityFact, DualCriminalityTest)]
DeathPenaltyStatusF = Annotated[
    DeathPenaltyStatusFact, fact(DeathPenaltyStatusFact, DeathPenaltyStatus)
]
DeathPenaltyPolicyF = Annotated[
    DeathPenaltyPolicyFact, fact(DeathPenaltyPolicyFact, DeathPenaltyPolicy)
]
LifeSentencePolicyF = Annotated[
    LifeSentencePolicyFact, fact(LifeSentencePolicyFact, LifeSentencePolicy)
]
LapseOfTimeF = Annotated[LapseOfTimeFact, fact(LapseOfTimeFact, LapseOfTime)]
PenaltyBasisF = Annotated[PenaltyBasisFact, fact(PenaltyBasisFact, PenaltyBasis)]
PenaltyLawF = Annotated[PenaltyLawFact, fact(PenaltyLawFact, PenaltyLaw)]
InAbsentiaF = Annotated[InAbsentiaFact, fact(InAbsentiaFact, InAbsentiaRule)]
EvidenceStandardF = Annotated[EvidenceStandardFact, fact(EvidenceStandardFact, EvidenceStandard)]
NumberF = Annotated[NumberFact, fact(NumberFact, NumberOrUnknown)]
YearsF = Annotated[YearsFact, fact(YearsFact, YearsOrUnknown)]
MlaDualCriminalityF = Annotated[
    MlaDualCriminalityFact, fact(MlaDualCriminalityFact, MlaDualCriminality)
]
AuthorisationF = Annotated[AuthorisationFact, fact(AuthorisationFact, Authorisation)]
ForeignEvidenceF = Annotated[ForeignEvidenceFact, fact(ForeignEvidenceFact, ForeignEvidenceRule)]
GapF = Annotated[GapFact, fact(GapFact, GapStatus)]
TextF = Annotated[TextFact, fact(TextFact, Text)]

UNKNOWN_TRI = TriFact(value="unknown")


def _unknown(model: type[Fact[Any]], description: str | None = None) -> Any:
    return Field(default_factory=lambda: model(value="unknown"), description=description)


# --------------------------------------------------------------------------------------------
# Sources and review
# --------------------------------------------------------------------------------------------


SourceKind = Literal["official", "secondary", "unofficial_copy"]


class Source(Strict):
    """A text that states facts: statute, treaty, treaty-status record, decision, report."""

    title: Text = Field(description="Title of the source as published.")
    kind: SourceKind | None = Field(
        default=None,
        description="official: the text as published by the state or body that makes it "
        "(legislation portal, gazette, depositary, court); secondary: a reliable publication "
        "about it (university, law report, intergovernmental body, established publisher); "
        "unofficial_copy: a copy of an official text on another site, which must also name the "
        "official location (`official_url`, or the gazette `citation`). Forums, blogs, exam-prep, "
        "document-sharing and SEO pages are not sources of a fact.",
    )
    url: HttpUrl | None = Field(
        default=None, description="http(s) address of the text as published or as read."
    )
    official_url: HttpUrl | None = Field(
        default=None,
        description="For an unofficial copy: where the same text is officially published.",
    )
    citation: ShortText | None = Field(
        default=None, description="Official citation (gazette, treaty series, report number)."
    )
    accessed: date = Field(description="Date the source was last read.")

    @model_validator(mode="after")
    def _needs_url_or_citation(self) -> Source:
        if self.url is None and self.citation is None:
            raise ValueError("a source needs a `url` or an official `citation`")
        if self.kind == "unofficial_copy" and self.official_url is None and self.citation is None:
            raise ValueError(
                "an unofficial copy must name the official location of the same text: "
                "`official_url`, or the gazette or treaty-series `citation`"
            )
        return self


class Review(Strict):
    """Where the file stands in review."""

    status: ReviewStatus = Field(description="`draft` until a second researcher has re-read it.")
    last_full_review: date | None = Field(
        default=None, description="Date every fact in the file was last checked."
    )
    reviewers: tuple[ShortText, ...] = Field(
        default=(), description="Who reviewed the file (names or handles)."
    )


# --------------------------------------------------------------------------------------------
# Instruments and the offence taxonomy
# --------------------------------------------------------------------------------------------


class Parameter(Strict):
    """A numeric threshold in a baseline element (e.g. at least 3 persons)."""

    value: int = Field(description="The baseline's value.")
    narrower_when: Literal["greater", "less"] = Field(
        description="A domestic value on this side of the baseline covers less conduct."
    )
    label: ShortText = Field(description="How to say it in words, e.g. `persons in the group`.")


class Element(Strict):
    """One element of a baseline provision that a jurisdiction can meet, exceed or miss."""

    id: ElementId
    article: ShortText = Field(description="Pinpoint in the instrument, e.g. `Art. 5(1)(a)(ii)`.")
    text: Text = Field(description="Paraphrase of what the element requires.")
    kind: ElementKind = Field(description="What sort of element this is.")
    strength: Strength = Field(description="How strongly the instrument obliges parties.")
    alternative_group: ElementId | None = Field(
        default=None,
        description="Elements sharing a group are either/or: meeting one meets the obligation.",
    )
    parameters: dict[Identifier, Parameter] = Field(
        default_factory=dict, description="Numeric thresholds compared with domestic law."
    )
    assessed_by: (
        Annotated[str, StringConstraints(pattern=r"^[a-z_]+(\.[A-Za-z0-9_]+){1,3}$")] | None
    ) = Field(
        default=None,
        description="For cooperation elements: the jurisdiction fact that answers it, "
        "e.g. `mla.bank_secrecy_refusal` or `instruments.UNTOC.accepts_as_extradition_basis`.",
    )
    full_when: tuple[ShortText, ...] = Field(
        default=(), description="Values of `assessed_by` that meet the element in full."
    )
    none_when: tuple[ShortText, ...] = Field(
        default=(), description="Values of `assessed_by` that miss the element."
    )


class Instrument(Strict):
    """A baseline instrument (convention, protocol, framework decision) split into elements."""

    id: InstrumentId
    title: ShortText
    citation: ShortText = Field(description="Official citation, e.g. `UNTS vol. 2225, p. 209`.")
    kind: Literal["un_convention", "un_protocol", "coe_convention", "eu_framework_decision"]
    adopted: date | None = None
    in_force: date | None = None
    parent: InstrumentId | None = Field(
        default=None, description="The convention a protocol supplements."
    )
    extradition_basis_article: ShortText | None = Field(
        default=None,
        description="Article letting a party use the instrument as a legal basis for extradition.",
    )
    source_url: HttpUrl = Field(description="Where the authentic text is published.")
    verified: date = Field(description="Date the element list was last checked against the text.")
    elements: tuple[Element, ...] = Field(description="The provisions, element by element.")


class Offence(Strict):
    """One offence of the taxonomy, linked to the baseline elements it implements."""

    id: Identifier
    name: ShortText
    description: Text
    elements: tuple[ElementId, ...] = Field(
        default=(), description="Baseline elements this offence implements."
    )
    convention_offence_of: tuple[InstrumentId, ...] = Field(
        default=(),
        description="Instruments under which this is an offence 'established in accordance with' "
        "the instrument, so that their cooperation articles (e.g. UNTOC Art. 16) apply.",
    )
    eaw_category: ShortText | None = Field(
        default=None, description="The matching category of the EAW Art. 2(2) list, if any."
    )
    depoliticised_by: tuple[InstrumentId, ...] = Field(
        default=(),
        description="Instruments that forbid treating this offence as political or fiscal.",
    )


class OffenceTaxonomy(Strict):
    """The file `corpus/offences.yaml`."""

    offences: tuple[Offence, ...]


# --------------------------------------------------------------------------------------------
# Jurisdiction
# --------------------------------------------------------------------------------------------


class InstrumentStatus(Strict):
    """A jurisdiction's position in one instrument."""

    status: PartyF = Field(description="party / signatory / not_party / unknown.")
    deposited: date | None = Field(default=None, description="Date of ratification or accession.")
    accepts_as_extradition_basis: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether the state takes this instrument as the legal basis for extradition "
        "(e.g. its UNTOC Art. 16(5) notification).",
    )
    reservations: tuple[Text, ...] = Field(default=(), description="Reservations, paraphrased.")
    declarations: tuple[Text, ...] = Field(default=(), description="Declarations, paraphrased.")


class OffenceDefinition(Strict):
    """How a jurisdiction defines one taxonomy offence."""

    criminalised: TriF = Field(description="Whether the conduct is a criminal offence.")
    provision: TextF | None = Field(
        default=None, description="The domestic provision, e.g. `StGB § 129`."
    )
    max_penalty_years: YearsF = _unknown(YearsFact)
    min_penalty_years: YearsF | None = Field(
        default=None,
        description="The lowest minimum term among the forms of the offence (the basic form's "
        "minimum), in years. Needed only where a state's extradition threshold is measured on "
        "the minimum of the penalty range (`extradition.penalty_basis: minimum`, e.g. Colombia).",
    )
    life_imprisonment: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether life imprisonment is possible: yes (for every form of the offence), "
        "partial (only for some forms, e.g. where a death results; the note says which), no.",
    )
    death_penalty: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether the death penalty is possible: yes (for every form of the offence), "
        "partial (only for some forms, e.g. where a death results; the note says which), no. A "
        "state that refuses surrender for any conduct punishable by death refuses only a request "
        "for those forms, so the difference decides the verdict.",
    )
    parameters: dict[Identifier, NumberF] = Field(
        default_factory=dict,
        description="Domestic values of baseline parameters, e.g. `min_persons: 4`.",
    )
    elements: dict[ElementId, GapF] = Field(
        default_factory=dict,
        description="How the domestic offence meets each baseline element; note the deviation.",
    )


class Extradition(Strict):
    """Conditions the jurisdiction applies as the *requested* state."""

    legal_basis: LegalBasisF = _unknown(
        LegalBasisFact,
        "What the state needs as a basis: a treaty (or an instrument it accepts as one), a treaty "
        "or reciprocity, a treaty or the executive's case-by-case consent (executive_consent, e.g. "
        "South Africa's Extradition Act s. 3(2)), a designation of the partner by law, or nothing "
        "but its own law (domestic_law: neither a treaty nor reciprocity, e.g. 18 U.S.C. 3512 "
        "for assistance).",
    )
    nationals: NationalityF = _unknown(
        NationalityFact,
        "none: surrenders nationals; return_guarantee: only if returned to serve the sentence; "
        "discretionary: executive may refuse; treaty_only: only where a treaty obliges it; "
        "person_option: the national may choose to be tried at home instead, unless a treaty "
        "obliges surrender (e.g. Argentina, Ley 24.767 art. 12); "
        "naturalized_limited: only naturalized nationals in listed cases; eu_or_icc_only: only to "
        "EU states or international courts; absolute: never.",
    )
    prosecutes_if_not_extradited: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether it can prosecute its nationals instead (aut dedere aut judicare).",
    )
    dual_criminality: DualCriminalityF = _unknown(
        DualCriminalityFact,
        "conduct: the facts must be criminal in both states whatever the label; label: the same "
        "offence must exist; not_required.",
    )
    min_penalty_years: YearsF = _unknown(
        YearsFact,
        "Minimum maximum penalty (years; 0.5 = six months) for an extraditable offence, or "
        "unknown. See `penalty_basis` for thresholds on the minimum or mid-point of the range.",
    )
    penalty_basis: PenaltyBasisF | None = Field(
        default=None,
        description="Which penalty `min_penalty_years` is measured against: maximum (the "
        "statutory maximum under both laws; the usual rule, and what an absent value means), "
        "minimum (the minimum of the requested state's own range only, e.g. Colombia), midpoint "
        "(the mean of minimum and maximum under both laws, e.g. Argentina's semisuma), or "
        "treaty_defined (domestic law sets no threshold; each treaty "
        "does; leave `min_penalty_years` unknown).",
    )
    penalty_law: PenaltyLawF | None = Field(
        default=None,
        description="Whose law `min_penalty_years` is applied to: both (the requesting and the "
        "requested state's; the usual rule, and what an absent value means), requested_only "
        "(only the requested state's own penalty, e.g. Brazil, Lei 13.445 art. 82 IV) or "
        "requesting_only (only the requesting state's penalty; the requested state's law must "
        "merely punish the act, e.g. France, CPP art. 696-3).",
    )
    death_penalty_policy: DeathPenaltyPolicyF = _unknown(
        DeathPenaltyPolicyFact,
        "As requested state, where the requesting state may impose death: absolute_bar (no "
        "assurance suffices), assurance_required, none.",
    )
    life_sentence_policy: LifeSentencePolicyF = _unknown(
        LifeSentencePolicyFact,
        "As requested state, where life imprisonment is possible: bar, assurance_required "
        "(commutation or review), none.",
    )
    political_offence_exception: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI, description="Whether political offences are excluded."
    )
    military_offence_exception: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether purely military offences are excluded.",
    )
    fiscal_offence_exception: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether fiscal offences are excluded (UNTOC 16(15) forbids refusal on "
        "that ground alone).",
    )
    lapse_of_time: LapseOfTimeF = _unknown(
        LapseOfTimeFact, "Whose limitation period bars extradition."
    )
    ne_bis_in_idem: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether a final judgment in the requested state bars extradition.",
    )
    in_absentia: InAbsentiaF = _unknown(
        InAbsentiaFact,
        "For persons convicted in absentia: retrial_guarantee required, bar, or no_condition.",
    )
    speciality_required: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether the requesting state must undertake the rule of speciality.",
    )
    discretionary_refusal: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether the executive or court may refuse on discretionary grounds "
        "(humanitarian, forum, pending proceedings).",
    )
    evidence_standard: EvidenceStandardF = _unknown(
        EvidenceStandardFact, "Evidence examined before surrender, from none to a prima facie case."
    )


class Mla(Strict):
    """Mutual legal assistance conditions the jurisdiction applies as the requested state."""

    legal_basis: LegalBasisF = _unknown(
        LegalBasisFact,
        "What the state needs as a basis: a treaty (or an instrument it accepts as one), a treaty "
        "or reciprocity, a treaty or the executive's case-by-case consent (executive_consent, e.g. "
        "South Africa's Extradition Act s. 3(2)), a designation of the partner by law, or nothing "
        "but its own law (domestic_law: neither a treaty nor reciprocity, e.g. 18 U.S.C. 3512 "
        "for assistance).",
    )
    dual_criminality_coercive: MlaDualCriminalityF = _unknown(
        MlaDualCriminalityFact,
        "Dual criminality for coercive measures (search, seizure, interception, compelled "
        "production).",
    )
    dual_criminality_non_coercive: MlaDualCriminalityF = _unknown(
        MlaDualCriminalityFact, "Dual criminality for non-coercive assistance."
    )
    bank_secrecy_refusal: TriF = Field(
        default_factory=lambda: UNKNOWN_TRI,
        description="Whether domestic law lets bank secrecy ground a refusal.",
    )
    central_authority: TextF | None = None
    channels: tuple[ShortText, ...] = Field(default=(), description="Accepted channels.")
    languages: tuple[ShortText, ...] = Field(default=(), description="Accepted languages.")
    refusal_grounds: tuple[Text, ...] = Field(default=(), description="Refusal grounds.")


class MeasureRule(Strict):
    """Whether the state can carry out one investigative measure for a foreign request."""

    available: TriF = Field(description="Available on a foreign request.")
    authorisation: AuthorisationF = _unknown(
        AuthorisationFact, "Who must authorise the measure in the requested state."
    )


class Evidence(Strict):
    """Investigative measures for foreign requests, and admission of foreign evidence."""

    measures: dict[Measure, MeasureRule] = Field(
        default_factory=dict, description="Per measure; a missing measure is `unknown`."
    )
    foreign_evidence: ForeignEvidenceF = _unknown(
        ForeignEvidenceFact,
        "When courts admit evidence obtained abroad: lawful_where_obtained (lawful under the law "
        "of the place), equivalent_safeguards (domestic-equivalent safeguards), "
        "judicial_authorisation_required (coercive evidence must rest on a judicial order).",
    )


Tier = Literal["full", "status"]


class Jurisdiction(Strict):
    """One jurisdiction: `corpus/jurisdictions/<iso2>.yaml`."""

    code: CountryCode
    tier: Tier = Field(
        default="full",
        description="full: a researched profile (offences, extradition, assistance); status: "
        "treaty status only, from the depositaries, its domestic law not yet researched.",
    )
    legal_system: LegalSystem = "unknown"
    review: Review
    sources: dict[SourceId, Source] = Field(
        default_factory=dict, description="Every text cited in this file, by id."
    )
    death_penalty_status: DeathPenaltyStatusF = _unknown(
        DeathPenaltyStatusFact,
        "abolitionist; abolitionist_ordinary (ordinary crimes only); moratorium (in law, not "
        "carried out); retentionist.",
    )
    instruments: dict[InstrumentId, InstrumentStatus] = Field(
        default_factory=dict, description="Party status per baseline instrument."
    )
    offences: dict[Identifier, OffenceDefinition] = Field(
        default_factory=dict, description="Definitions of the taxonomy offences."
    )
    elements: dict[ElementId, GapF] = Field(
        default_factory=dict,
        description="Baseline elements not tied to one offence (e.g. UNTOC Art. 10, liability "
        "of legal persons), assessed directly; note the deviation.",
    )
    extradition: Extradition = Field(default_factory=Extradition)
    mla: Mla = Field(default_factory=Mla)
    evidence: Evidence = Field(default_factory=Evidence)


# --------------------------------------------------------------------------------------------
# Relations: treaties and regional schemes
# --------------------------------------------------------------------------------------------

NationalsClause = Literal["obligatory", "discretionary", "not_covered", "unknown"]
RelationDualCriminality = Literal["conduct", "list_waived", "not_required", "unknown"]
DeathPenaltyClause = Literal["assurance", "refusal", "none", "unknown"]


class NationalsClauseFact(Fact[NationalsClause]):
    """What a treaty says about surrendering nationals."""


class RelationDualCriminalityFact(Fact[RelationDualCriminality]):
    """How a treaty or scheme treats dual criminality."""


class DeathPenaltyClauseFact(Fact[DeathPenaltyClause]):
    """What a treaty says about the death penalty."""


NationalsClauseF = Annotated[NationalsClauseFact, fact(NationalsClauseFact, NationalsClause)]
RelationDualCriminalityF = Annotated[
    RelationDualCriminalityFact, fact(RelationDualCriminalityFact, RelationDualCriminality)
]
DeathPenaltyClauseF = Annotated[
    DeathPenaltyClauseFact, fact(DeathPenaltyClauseFact, DeathPenaltyClause)
]


class Membership(Strict):
    """A party to a relation, with dates and its own declarations."""

    code: CountryCode
    since: date | None = None
    until: date | None = None
    nationals: NationalityF | None = Field(
        default=None,
        description="This party's own rule on surrendering nationals under the relation "
        "(e.g. a declaration under TCA Art. 603(2)); overrides `clauses.nationals`.",
    )
    life_sentence: LifeSentencePolicyF | None = Field(
        default=None,
        description="This party's rule, as executing state under the relation, where life "
        "imprisonment may be imposed (e.g. EAW FD Art. 5(2) as transposed: a review guarantee).",
    )
    dual_criminality: RelationDualCriminalityF | None = Field(
        default=None,
        description="This party's rule on dual criminality for offences outside the relation's "
        "list (e.g. EAW FD Art. 4(1) transposed as a mandatory or optional ground): conduct "
        "(required), not_required; overrides `clauses.dual_criminality` outside the list.",
    )
    discretionary_refusal: TriF | None = Field(
        default=None,
        description="Whether this party's transposition leaves it optional grounds of refusal "
        "beyond the mandatory ones (e.g. EAW FD Art. 4 transposed as optional grounds): yes, "
        "partial (some optional grounds kept), no (only mandatory grounds).",
    )
    in_absentia: InAbsentiaF | None = Field(
        default=None,
        description="This party's rule for persons tried in absentia (e.g. EAW FD Art. 4a).",
    )
    evidence_required: EvidenceStandardF | None = Field(
        default=None,
        description="For a designation: the evidence the designating (requested) state requires "
        "with requests from this party (e.g. UK Part 2 territories exempt from the prima facie "
        "case, SI 2003/3334 art. 3). It applies whenever the designating state is asked by this "
        "party, whichever relation is the legal basis, and overrides `clauses.evidence_standard`.",
    )
    note: Text | None = None


class LabelEquivalence(Strict):
    """A treaty clause that deems two differently named offences equivalent."""

    offence: Identifier
    text: Text
    pinpoint: ShortText | None = None


class Clauses(Strict):
    """Clauses that override the parties' domestic defaults."""

    nationals: NationalsClauseF = _unknown(NationalsClauseFact)
    dual_criminality: RelationDualCriminalityF = _unknown(RelationDualCriminalityFact)
    list_threshold_years: YearsF | None = Field(
        default=None,
        description="For list schemes: minimum maximum penalty in the issuing state "
        "for the list to waive dual criminality.",
    )
    min_penalty_years: YearsF | None = Field(
        default=None, description="Extraditable-offence threshold set by the relation."
    )
    death_penalty: DeathPenaltyClauseF = _unknown(DeathPenaltyClauseFact)
    evidence_standard: EvidenceStandardF | None = Field(
        default=None, description="Evidence standard the relation sets, overriding domestic law."
    )
    political_offence_exception: TriF | None = None
    label_equivalences: tuple[LabelEquivalence, ...] = ()
    mla_dual_criminality_coercive: MlaDualCriminalityF | None = Field(
        default=None,
        description="For assistance: dual criminality for coercive measures under the relation.",
    )
    mla_dual_criminality_non_coercive: MlaDualCriminalityF | None = Field(
        default=None,
        description="For assistance: dual criminality for non-coercive measures.",
    )
    mla_measures: tuple[Measure, ...] = Field(
        default=(),
        description="For assistance: the measures the relation expressly provides for "
        "(e.g. a treaty article on searches, on bank records, or on video-link testimony).",
    )
    bank_secrecy_refusal: TriF | None = Field(
        default=None,
        description="For assistance: whether the relation lets bank secrecy ground a refusal "
        "(no: the treaty excludes it).",
    )
    mla_refusal_grounds: tuple[Text, ...] = Field(
        default=(), description="For assistance: the refusal grounds the relation lists."
    )
    central_authorities: tuple[ShortText, ...] = Field(
        default=(), description="For assistance: the central authorities the relation names."
    )


class Relation(Strict):
    """A bilateral treaty, a regional scheme, or a sourced statement that no treaty exists."""

    id: Identifier
    kind: Literal[
        "regional_scheme", "bilateral_treaty", "multilateral_treaty", "designation", "no_treaty"
    ] = Field(
        description="regional_scheme: a surrender scheme whose own rules and each member's "
        "transposition govern (EAW, Nordic, EU-UK); bilateral_treaty: two parties; "
        "multilateral_treaty: a treaty applied pairwise between any two of its parties "
        "(e.g. the European Convention on Extradition); designation: a state's statutory list "
        "of partners (directed: the first party designates); no_treaty: a sourced statement that "
        "none exists."
    )
    title: ShortText
    citation: ShortText | None = None
    covers: tuple[Literal["extradition", "mla"], ...] = ("extradition",)
    signed: date | None = None
    in_force: date | None = None
    precedence: int = Field(
        default=50,
        ge=0,
        le=100,
        description="Lower is tried first when several bases exist (EAW 10, Nordic 5, "
        "bilateral 50).",
    )
    review: Review
    sources: dict[SourceId, Source] = Field(default_factory=dict)
    source: SourceId = Field(description="The source that establishes the relation itself.")
    pinpoint: ShortText | None = None
    verified: date
    confidence: Confidence
    parties: tuple[Membership, ...] = Field(min_length=2)
    directed: bool = Field(
        default=False,
        description="For a designation: only the first party designates the others.",
    )
    clauses: Clauses = Field(default_factory=Clauses)
    note: Text | None = None


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


class Corpus(Strict):
    """Everything validated, ready for analysis. Sorted by id so iteration is deterministic."""

    instruments: tuple[Instrument, ...]
    offences: tuple[Offence, ...]
    jurisdictions: tuple[Jurisdiction, ...]
    relations: tuple[Relation, ...]

    def jurisdiction(self, code: str) -> Jurisdiction:
        """The jurisdiction with this code (upper case)."""
        for item in self.jurisdictions:
            if item.code == code:
                return item
        raise KeyError(code)
