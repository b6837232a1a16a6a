"""Mutual legal assistance and evidence: can the requested state execute a measure, and will
what it produces be admitted in the requesting state?

Dual criminality is tested only for coercive measures (or where the requested state demands it
for all assistance); bank secrecy never justifies refusal between UNTOC parties for Convention
offences (Art. 18(8)); preservation of stored data needs no dual criminality between Budapest
parties (Art. 29(3)); non-coercive assistance is due without dual criminality between UNCAC
parties for corruption offences (Art. 46(9)(b)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.models import COERCIVE_MEASURES, Jurisdiction, Offence, Relation
from .bounds import verdict_bounds
from .context import UNKNOWN, Context, PairCase, Read
from .extradition import relation_citation
from .results import Confidence, Outcome, Step, Verdict, headline, verdict_confidence
from .rules import Inputs, Registry, Rule, make_step

MLA = Registry["MlaCase"]("mla")
rule = MLA.register

MEASURE_NAMES = {
    "search_and_seizure": "search and seizure",
    "bank_records": "bank records",
    "interception": "interception of communications",
    "stored_data_production": "production of stored computer data",
    "data_preservation": "expedited preservation of stored data",
    "video_link_testimony": "testimony by video link",
    "controlled_delivery": "controlled delivery",
    "undercover_operation": "undercover operation",
    "joint_investigation_team": "joint investigation team",
}


@dataclass(frozen=True)
class MlaCase(PairCase):
    """One assistance question."""

    measure: str
    offence: Offence | None
    relation: Relation | None

    @property
    def coercive(self) -> bool:
        return self.measure in COERCIVE_MEASURES

    def status(self, instrument: str) -> tuple[Read, Read]:
        """Both states' party status in an instrument (requesting, requested)."""
        path = f"instruments.{instrument}.status"
        return (self.ctx.read(self.requesting, path), self.ctx.read(self.requested, path))

    def both_party(self, instrument: str) -> bool:
        return all(r.value == "party" for r in self.status(instrument))

    def clause(self, field: str) -> Read | None:
        """An assistance clause of the relation that is the basis, when it states one."""
        relation = self.relation
        if relation is None or getattr(relation.clauses, field) is None:
            return None
        return self.ctx.read(relation, f"clauses.{field}")

    def convention_offence(self, instrument: str) -> bool:
        return self.offence is not None and instrument in self.offence.convention_offence_of


# Budapest Convention articles on assistance with each data measure (Arts 29-34), and whether
# the article obliges the requested party outright (False: "to the extent permitted under
# their applicable treaties and domestic laws", Art. 34).
BUDAPEST_MEASURES = {
    "data_preservation": ("Art. 29", True),
    "stored_data_production": ("Art. 31", True),
    "interception": ("Art. 34", False),
}
_INSTRUMENTS = (
    "instruments.UNTOC.status",
    "instruments.BUDAPEST.status",
    "instruments.UNCAC.status",
)
UNTOC_SCOPE = (
    "the offence is transnational (evidence, proceeds or witnesses in the requested "
    "state suffice) and involves an organized criminal group (UNTOC Art. 18(1))"
)


@rule(
    "mla_basis",
    "Legal basis for assistance",
    "legal basis",
    (
        "UNTOC Art. 18(1), (7)",
        "UNCAC Art. 46(1)",
        "Budapest Arts 25, 27, 29-34",
        "Directive 2014/41/EU",
    ),
    Inputs(
        a_extra=lambda ctx, j, m: _parties(ctx, j, m),
        b=("mla.legal_basis",),
        b_extra=lambda ctx, j, m: _parties(ctx, j, m),
        extra_reads=_INSTRUMENTS,
        pair=lambda ctx, a, b: _relation_id(ctx, a, b),
        column=lambda ctx, m: m if m in BUDAPEST_MEASURES else None,
    ),
)
def mla_basis(case: MlaCase) -> Step:
    """Assistance needs a basis; the first that applies wins: an MLA treaty or scheme between
    the two states (the European Investigation Order between participating EU states, a
    bilateral MLA treaty); the Budapest Convention between its parties for data measures
    (preservation Art. 29, stored data Art. 31, interception Art. 34, within what their laws
    permit); UNCAC Art. 46 between its parties for corruption offences and the laundering of
    their proceeds; UNTOC Art. 18 between its parties, on condition that the offence is
    transnational and involves an organized criminal group; finally the requested state's
    domestic law where it assists without a treaty, on reciprocity."""
    this = MLA.get("mla_basis")
    if case.relation is not None:
        citation = relation_citation(case.relation)
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.relation.title} applies.",
            extra_citations=(citation,) if citation else (),
        )
    missing: list[Read] = []
    budapest = BUDAPEST_MEASURES.get(case.measure)
    if budapest is not None:
        found = _between_parties(case, this, "BUDAPEST", missing)
        if found is not None:
            article, obliged = budapest
            return found(
                "possible" if obliged else "conditional",
                f"Both are parties to the Budapest Convention, which provides for this measure "
                f"({article}).",
                f"Budapest {article}",
                "" if obliged else "a measure the requested party's law and treaties permit",
            )
    uncac_scope = case.offence is None or case.convention_offence("UNCAC")
    found = _between_parties(case, this, "UNCAC", missing) if uncac_scope else None
    if found is not None and case.offence is None:
        # A convention with a scope condition does not shadow domestic law that needs none.
        domestic = _domestic_law_basis(case, this, "UNCAC Art. 46")
        if domestic is not None:
            return domestic
    if found is not None:
        if case.offence is not None:
            return found(
                "possible",
                "Both are parties to UNCAC; Art. 46 applies to this corruption offence.",
                "UNCAC Art. 46(1)",
                "",
            )
        return found(
            "conditional",
            "Both are parties to UNCAC; Art. 46 applies to corruption "
            "offences and the laundering of their proceeds.",
            "UNCAC Art. 46(1)",
            "a corruption offence established under UNCAC, or laundering of its proceeds",
        )
    found = _between_parties(case, this, "UNTOC", missing)
    if found is not None:
        domestic = _domestic_law_basis(case, this, "UNTOC Art. 18")
        if domestic is not None:
            return domestic
        if missing:  # an earlier basis, if it applies, would need no condition
            return _open_earlier_basis(case, this, missing, "UNTOC Art. 18")
        return found(
            "conditional",
            "Both are parties to UNTOC; Art. 18 applies where the "
            "offence is transnational and involves an organized criminal group.",
            "UNTOC Art. 18(1), (7)",
            UNTOC_SCOPE,
        )
    policy = case.ctx.read(case.requested, "mla.legal_basis")
    if policy.value == "domestic_law":
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.b} assists under its domestic law, "
            "which needs neither a treaty nor reciprocity.",
            (policy,),
        )
    if policy.value == "treaty_or_reciprocity":
        if missing:
            return _open_earlier_basis(case, this, missing, "reciprocity", policy)
        return make_step(
            this,
            case.who,
            "conditional",
            f"{case.b} assists without a treaty on the basis of reciprocity.",
            (policy,),
            assurance="an undertaking of reciprocity",
        )
    if policy.value == "executive_consent" and not missing:
        return make_step(
            this,
            case.who,
            "conditional",
            f"{case.b}'s executive may consent to assist case by case without a treaty.",
            (policy,),
            assurance=f"the consent of {case.b}'s executive",
        )
    if policy.value == UNKNOWN or missing:
        return make_step(
            this,
            case.who,
            "unknown",
            "Whether a basis for assistance exists is unknown.",
            (*missing, policy),
        )
    return make_step(
        this,
        case.who,
        "blocked",
        f"{case.b} assists only under a treaty, and none applies.",
        (*case.status("UNTOC"), policy),
        unblock="an MLA treaty, or ratification of UNTOC by both",
    )


def _domestic_law_basis(case: MlaCase, this: Rule[Any], convention: str) -> Step | None:
    """Where the requested state assists under its own law without a treaty or reciprocity,
    that basis serves whatever the offence: a convention that applies only within its scope
    (transnational organized crime, corruption) is then the narrower route, not the basis."""
    policy = case.ctx.read(case.requested, "mla.legal_basis")
    if policy.value != "domestic_law":
        return None
    return make_step(
        this,
        case.who,
        "possible",
        f"{case.b} assists under its domestic law, which needs neither a treaty nor "
        f"reciprocity, for any offence ({convention} also applies within its scope).",
        (policy,),
    )


def _open_earlier_basis(
    case: MlaCase,
    this: Rule[MlaCase],
    missing: list[Read],
    fallback: str,
    *more: Read,
) -> Step:
    """A basis exists on a condition, but whether an earlier one applies (which would need
    none) turns on facts the corpus does not have."""
    named = ", ".join(
        f"{'{a}' if r.ref.owner == case.requesting.code else '{b}'} {r.ref.path}" for r in missing
    )
    return make_step(
        this,
        case.who,
        "unknown",
        f"At least {fallback} applies, on a condition; "
        f"whether a basis that needs none applies is unknown: {named}.",
        (*missing, *more),
    )


def _parties(ctx: Context, jurisdiction: Jurisdiction, measure: str) -> tuple[object, ...]:
    """What `mla_basis` reads of one state's party status (a grid input): per instrument it
    may use for this measure, party / not party / unknown, with the confidence of the fact."""
    names = ("BUDAPEST", "UNCAC", "UNTOC") if measure in BUDAPEST_MEASURES else ("UNCAC", "UNTOC")
    found: list[object] = []
    for name in names:
        status = ctx.read(jurisdiction, f"instruments.{name}.status")
        value = status.value
        found.append(
            ("unknown",)
            if value == UNKNOWN
            else ("party" if value == "party" else "not_party", status.confidence)
        )
    return tuple(found)


def _between_parties(
    case: MlaCase, this: Rule[MlaCase], instrument: str, missing: list[Read]
) -> Callable[[Outcome, str, str, str], Step] | None:
    """A maker of the basis step if both states are parties to `instrument`; otherwise None,
    adding to `missing` the statuses that leave it open."""
    reads = case.status(instrument)
    if all(r.value == "party" for r in reads):

        def make(outcome: Outcome, reason: str, provision: str, assurance: str) -> Step:
            return make_step(
                this, case.who, outcome, reason, reads, provision=provision, assurance=assurance
            )

        return make
    if not any(r.value in ("signatory", "not_party") for r in reads):
        missing.extend(r for r in reads if r.value == UNKNOWN)
    return None


@rule(
    "measure_available",
    "Measure available",
    "execution",
    ("UNTOC Art. 18(3), 18(17)", "UNTOC Art. 20"),
    Inputs(b=("evidence.measures.{o}.available",), pair=lambda ctx, a, b: _relation_id(ctx, a, b)),
)
def measure_available(case: MlaCase) -> Step:
    """The requested state must be able to carry out the measure for a foreign request, under
    its own law, unless the treaty or scheme that is the basis provides for the measure
    itself (e.g. Directive 2014/41/EU Arts 24-31)."""
    this = MLA.get("measure_available")
    name = MEASURE_NAMES[case.measure]
    if case.relation is not None and case.measure in case.relation.clauses.mla_measures:
        citation = relation_citation(case.relation)
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.relation.title} provides for {name}.",
            extra_citations=(citation,) if citation else (),
        )
    item = case.ctx.read(case.requested, f"evidence.measures.{case.measure}.available")
    if item.value == "yes":
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.b} can execute a foreign request for {name}.",
            (item,),
        )
    if item.value == "partial":
        return make_step(
            this,
            case.who,
            "conditional",
            f"{case.b} can execute a foreign request for {name} only in part.",
            (item,),
            assurance=f"a request within the limits of {case.b}'s law",
        )
    if item.value == "no":
        return make_step(
            this,
            case.who,
            "blocked",
            f"{case.b} cannot execute a foreign request for {name}.",
            (item,),
            unblock=f"{case.b} providing {name} on request",
        )
    return make_step(
        this,
        case.who,
        "unknown",
        f"Whether {case.b} can execute a foreign request for {name} is unknown.",
        (item,),
    )


@rule(
    "mla_dual_criminality",
    "Dual criminality for assistance",
    "execution",
    ("UNTOC Art. 18(9)", "UNCAC Art. 46(9)(b)", "Budapest Art. 29(3)"),
    Inputs(
        a=("instruments.BUDAPEST.status", "instruments.UNCAC.status"),
        b=(
            "instruments.BUDAPEST.status",
            "instruments.UNCAC.status",
            "mla.dual_criminality_coercive",
            "mla.dual_criminality_non_coercive",
        ),
        pair=lambda ctx, a, b: _relation_id(ctx, a, b),
        column=lambda ctx, m: (m in COERCIVE_MEASURES, m == "data_preservation"),
    ),
)
def mla_dual_criminality(case: MlaCase) -> Step | None:
    """Many states require dual criminality only for coercive measures (search, seizure,
    interception, compelled production). Preservation of stored data needs none between
    Budapest parties (Art. 29(3)); non-coercive help for corruption offences is due between UNCAC
    parties (Art. 46(9)(b)). A treaty or scheme that is the basis may settle it (e.g. most US
    MLA treaties: no dual criminality). Where dual criminality applies, the conduct must be an
    offence in the requested state."""
    this = MLA.get("mla_dual_criminality")
    if case.measure == "data_preservation" and case.both_party("BUDAPEST"):
        return make_step(
            this,
            case.who,
            "possible",
            "Preservation needs no dual criminality between Budapest Convention parties.",
            provision="Budapest Art. 29(3)",
        )
    if not case.coercive and case.convention_offence("UNCAC") and case.both_party("UNCAC"):
        return make_step(
            this,
            case.who,
            "possible",
            "Non-coercive assistance for a corruption offence is "
            "due between UNCAC parties without dual criminality.",
            provision="UNCAC Art. 46(9)(b)",
        )
    field = "dual_criminality_coercive" if case.coercive else "dual_criminality_non_coercive"
    policy = case.clause(f"mla_{field}") or case.ctx.read(case.requested, f"mla.{field}")
    kind = "coercive" if case.coercive else "non-coercive"
    if policy.value == "not_required":
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.b} does not require dual criminality for {kind} measures.",
            (policy,),
        )
    if policy.value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "unknown",
            f"Whether {case.b} requires dual criminality for {kind} measures is unknown.",
            (policy,),
        )
    if case.offence is None:
        outcome: Outcome = "conditional"
        return make_step(
            this,
            case.who,
            outcome,
            f"{case.b} {'requires' if policy.value == 'required' else 'may require'} "
            f"dual criminality for {kind} measures: the conduct must be an offence "
            f"in {case.b}.",
            (policy,),
            assurance=f"conduct that is an offence in {case.b}",
        )
    here = case.ctx.read(case.requested, f"offences.{case.offence.id}.criminalised")
    reads = (policy, here)
    if here.value == "no":
        if policy.value == "discretionary":
            return make_step(
                this,
                case.who,
                "conditional",
                f"The conduct is not an offence in {case.b}, which may refuse for that reason.",
                reads,
                assurance="the requested state's discretion to assist",
            )
        return make_step(
            this,
            case.who,
            "blocked",
            f"The conduct is not an offence in {case.b}, which "
            f"requires dual criminality for {kind} measures.",
            reads,
            unblock=f"{case.b} criminalising the conduct or waiving dual criminality",
        )
    if here.value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "unknown",
            f"Whether the conduct is an offence in {case.b} is unknown.",
            reads,
        )
    if here.value == "partial" or policy.value == "discretionary":
        return make_step(
            this,
            case.who,
            "conditional",
            "Dual criminality depends on the facts of the case.",
            reads,
            assurance="facts within the requested state's offence",
        )
    return make_step(this, case.who, "possible", f"The conduct is an offence in {case.b}.", reads)


@rule(
    "bank_secrecy",
    "Bank secrecy",
    "execution",
    ("UNTOC Art. 18(8)", "UNCAC Art. 46(8)"),
    Inputs(
        a=("instruments.UNTOC.status", "instruments.UNCAC.status"),
        b=("instruments.UNTOC.status", "instruments.UNCAC.status", "mla.bank_secrecy_refusal"),
        pair=lambda ctx, a, b: _relation_id(ctx, a, b),
        column=lambda ctx, m: m == "bank_records",
    ),
)
def bank_secrecy(case: MlaCase) -> Step | None:
    """Bank secrecy is no ground to refuse assistance between UNTOC parties for Convention
    offences (Art. 18(8)) or UNCAC parties (Art. 46(8)); elsewhere a domestic secrecy rule may
    still stand in the way of bank records."""
    this = MLA.get("bank_secrecy")
    if case.measure != "bank_records":
        return None
    for instrument in ("UNTOC", "UNCAC"):
        if case.both_party(instrument) and (
            case.offence is None or case.convention_offence(instrument)
        ):
            return make_step(
                this,
                case.who,
                "possible",
                f"Bank secrecy cannot ground a refusal between {instrument} parties.",
                provision=f"{instrument} "
                + ("Art. 18(8)" if instrument == "UNTOC" else "Art. 46(8)"),
            )
    item = case.clause("bank_secrecy_refusal") or case.ctx.read(
        case.requested, "mla.bank_secrecy_refusal"
    )
    if item.value == "no":
        return make_step(
            this, case.who, "possible", f"{case.b} does not refuse on bank secrecy.", (item,)
        )
    if item.value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "unknown",
            f"Whether {case.b} may refuse on bank secrecy is unknown.",
            (item,),
        )
    return make_step(
        this,
        case.who,
        "blocked",
        f"{case.b} may refuse bank records on bank secrecy.",
        (item,),
        unblock=f"{case.b} lifting bank secrecy for MLA",
    )


@rule(
    "admissibility",
    "Admissibility in the requesting state",
    "admissibility",
    ("UNTOC Art. 18(17)",),
    Inputs(a=("evidence.foreign_evidence",), b=("evidence.measures.{o}.authorisation",)),
)
def admissibility(case: MlaCase) -> Step | None:
    """Evidence gathered abroad is used in the requesting state's court under that state's
    rules: some admit what was lawful where obtained; some test it against domestic-equivalent
    safeguards; some require coercive evidence to rest on a judicial order, which depends on who
    authorises the measure in the requested state."""
    this = MLA.get("admissibility")
    if case.measure in ("joint_investigation_team", "data_preservation"):
        return None
    rule_ = case.ctx.read(case.requesting, "evidence.foreign_evidence")
    if rule_.value == "lawful_where_obtained":
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.a} admits evidence lawfully obtained in the state where it was gathered.",
            (rule_,),
        )
    if rule_.value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "unknown",
            f"{case.a}'s rule on foreign-obtained evidence is unknown.",
            (rule_,),
        )
    if rule_.value == "equivalent_safeguards":
        return make_step(
            this,
            case.who,
            "conditional",
            f"{case.a}'s courts test foreign evidence against domestic-equivalent safeguards.",
            (rule_,),
            assurance="execution with safeguards equivalent to the requesting state's",
        )
    if not case.coercive:
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.a} requires a judicial order only for coercive evidence.",
            (rule_,),
        )
    who = case.ctx.read(case.requested, f"evidence.measures.{case.measure}.authorisation")
    reads = (rule_, who)
    if who.value == "judicial":
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.b} authorises this measure by a judge, as {case.a}'s courts require.",
            reads,
        )
    if who.value == UNKNOWN:
        return make_step(
            this, case.who, "unknown", f"Who authorises the measure in {case.b} is unknown.", reads
        )
    return make_step(
        this,
        case.who,
        "conditional",
        f"{case.a} requires a judicial order for coercive "
        f"evidence; {case.b} authorises it by a {who.value} decision.",
        reads,
        assurance="a judicial order for the measure",
    )


def _relation_id(ctx: Context, requesting: str, requested: str) -> str | None:
    relation = mla_relation(ctx, requesting, requested)
    return None if relation is None else relation.id


def mla_relation(ctx: Context, requesting: str, requested: str) -> Relation | None:
    """The first MLA relation between the two, if any."""
    found = [
        r for r in ctx.relations_between(requesting, requested, "mla") if r.kind != "no_treaty"
    ]
    return found[0] if found else None


def mla_alternatives(verdict: str) -> tuple[str, ...]:
    """Other routes when assistance is blocked or uncertain."""
    if verdict not in ("blocked", "unknown"):
        return ()
    return (
        "Spontaneous information or police cooperation (UNTOC Art. 27).",
        "A joint investigation team (UNTOC Art. 19), where both agree.",
    )


def evaluate_mla(
    ctx: Context, requesting: str, requested: str, measure: str, offence: str | None = None
) -> Verdict:
    """One assistance verdict with its trace (offence optional: dual criminality generic)."""
    case = MlaCase(
        ctx,
        ctx.jurisdictions[requesting],
        ctx.jurisdictions[requested],
        measure,
        ctx.offences[offence] if offence else None,
        mla_relation(ctx, requesting, requested),
    )
    steps = MLA.steps(case)
    bounds = verdict_bounds(tuple(s.kind for s in steps))
    verdict = headline(*bounds)
    confidence = verdict_confidence(verdict, steps)
    return assemble_verdict(
        requesting, requested, measure, offence, steps, verdict, confidence, bounds, case.relation
    )


def assemble_verdict(
    requesting: str,
    requested: str,
    measure: str,
    offence: str | None,
    steps: tuple[Step, ...],
    verdict: Outcome,
    confidence: Confidence,
    bounds: tuple[Outcome, Outcome],
    relation: Relation | None,
) -> Verdict:
    """An assistance verdict from its trace and headline, whether computed for one question
    (`evaluate_mla`) or read from a grid cell (`grid.verdict_at`)."""
    return Verdict(
        kind="mla",
        requesting=requesting,
        requested=requested,
        offence=offence,
        person=None,
        measure=measure,
        verdict=verdict,
        confidence=confidence,
        steps=steps,
        alternatives=mla_alternatives(verdict),
        basis=relation.title if relation else "",
        best=bounds[0],
        worst=bounds[1],
    )
