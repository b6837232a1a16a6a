"""Extradition verdicts: requesting × requested × offence × person → verdict with its trace.

The steps follow the order practitioners and courts reason in: legal basis → extraditable
offence (dual criminality, penalty thresholds) → mandatory bars → curable bars (assurances) →
discretionary bars → evidence. Bars belong to the requested state; capital and life exposure to
the requesting state. A treaty or scheme clause overrides the domestic default it addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ..core.models import CARRIED, Jurisdiction, Offence, Relation
from .bounds import explore, verdict_bounds
from .context import UNKNOWN, Context, PairCase, Read, citation_of_relation
from .results import (
    Citation,
    Confidence,
    Outcome,
    Person,
    Step,
    Verdict,
    fill,
    headline,
    verdict_confidence,
)
from .rules import Inputs, Registry, Rule, make_step, names_of, slot_of

EXTRADITION = Registry["Case"]("extradition")
rule = EXTRADITION.register

BasisKind = Literal["relation", "multilateral", "reciprocity", "none", "unknown"]


@dataclass(frozen=True)
class Basis:
    """The legal basis chosen for a request, and the step that explains the choice."""

    kind: BasisKind
    label: str
    relation: Relation | None
    instrument: str | None
    step: Step
    # For a basis that turns on unknown facts: the bases their completions lead to (later
    # rules can depend on which one applies; see `bounds.BASIS_CHOICE`).
    alternatives: tuple[Basis, ...] = ()
    no_treaty_ids: tuple[str, ...] = ()  # the sourced no-treaty records (cited where they decide)

    @property
    def no_treaty(self) -> bool:
        """Whether a sourced record says no bilateral treaty is in force."""
        return bool(self.no_treaty_ids)

    @property
    def relation_id(self) -> str | None:
        return self.relation.id if self.relation else None

    def relation_stating(self, *fields: str) -> str | None:
        """The relation's id if it states one of these clauses (a grid input: a rule that reads
        only these clauses gives the same step under every relation that states none)."""
        relation = self.relation
        if relation is None:
            return None
        stated = relation.clauses.model_fields_set
        return (
            relation.id
            if any(
                getattr(relation.clauses, f) if f == "label_equivalences" else f in stated
                for f in fields
            )
            else None
        )

    @property
    def features(self) -> tuple[object, ...]:
        """What rules other than `legal_basis` may read of the basis."""
        return (
            self.kind,
            self.label,
            self.relation.id if self.relation else None,
            self.instrument,
            self.no_treaty_ids,
        )


@dataclass(frozen=True)
class Case(PairCase):
    """One extradition question with everything its rules read."""

    offence: Offence
    person: Person
    basis: Basis

    @property
    def who(self) -> tuple[str, ...]:
        """The two states and the offence as texts refer to them (see `offence_terms`)."""
        return (self.requesting.code, self.requested.code, *offence_terms(self.offence))

    def offence_fact(self, who: Jurisdiction, field: str) -> Read:
        return self.ctx.read(who, f"offences.{self.offence.id}.{field}")

    def clause(self, field: str) -> Read | None:
        """A clause of the chosen relation, when it states something."""
        relation = self.basis.relation
        if relation is None:
            return None
        if _absent(relation, field):
            return None  # not read at all: a completion must not give it a value it cannot have
        return self.ctx.read(relation, f"clauses.{field}")

    def membership_nationals(self) -> Read | None:
        """The requested state's own declaration on nationals under the chosen relation."""
        return self.member("nationals")

    def member(self, field: str) -> Read | None:
        """The requested state's own rule under the chosen relation (its declaration, or its
        transposition of a scheme), when the relation records one."""
        relation = self.basis.relation
        if relation is None:
            return None
        return self.ctx.read_member(relation, self.requested.code, field)

    @property
    def scheme(self) -> Relation | None:
        """The regional surrender scheme that is the basis (EAW, TCA, Nordic), if it is one:
        between its members its own rules and each member's transposition govern, not the
        requested state's domestic extradition law."""
        relation = self.basis.relation
        return relation if relation is not None and relation.kind == "regional_scheme" else None


def designated_evidence(
    ctx: Context, requesting: Jurisdiction, requested: Jurisdiction
) -> Read | None:
    """The evidence a designating requested state requires from this partner (e.g. UK Part 2
    territories exempt from the prima facie case), whichever relation is the legal basis."""
    for relation in ctx.relations_between(requesting.code, requested.code, "extradition"):
        if relation.kind == "designation" and relation.parties[0].code == requested.code:
            found = ctx.read_member(relation, requesting.code, "evidence_required")
            if found is not None:
                return found
    return None


def _designation_input(ctx: Context, requesting: str, requested: str) -> object:
    """What a designation says about the evidence this partner must supply (a grid input)."""
    found = designated_evidence(ctx, ctx.jurisdictions[requesting], ctx.jurisdictions[requested])
    return None if found is None else (found.ref, found.confidence)


def memberships(ctx: Context, jurisdiction: Jurisdiction, field: str) -> tuple[object, ...]:
    """A state's own rule `field` (a Membership fact) in every relation that records it
    (declarations, transpositions): a grid input of the rule that reads it."""
    return tuple(
        (r.id, item.value, item.confidence)
        for r in ctx.relations_of.get(jurisdiction.code, ())
        for p in r.parties
        if p.code == jurisdiction.code
        if (item := getattr(p, field)) is not None
    )


def scheme_id(basis: Basis) -> str | None:
    """The id of the basis if it is a regional scheme (a grid input of the rules whose domestic
    fact the scheme's own rules replace)."""
    relation = basis.relation
    return relation.id if relation is not None and relation.kind == "regional_scheme" else None


# A member's rule that a scheme leaves to its members and the corpus does not record: what the
# scheme allows at most (a return guarantee, a review guarantee, its optional grounds).
UP_TO_A_CONDITION: tuple[Outcome, Outcome] = ("possible", "conditional")


def _absent(relation: Relation, field: str) -> bool:
    return field not in relation.clauses.model_fields_set


def _ids(relations: list[Relation]) -> tuple[str, ...]:
    return tuple(r.id for r in relations)


def relation_citation(relation: Relation) -> Citation | None:
    """The citation of the relation itself."""
    return citation_of_relation(relation, None)


def penalty_class(
    ctx: Context, who: Jurisdiction, offence: str, thresholds: tuple[float, ...] | None = None
) -> tuple[object, ...]:
    """A state's maximum penalty for an offence as the threshold rules compare it (a grid
    input): life imprisonment, or which of the corpus's thresholds (or of `thresholds`) the
    maximum meets, with the confidence of the fact that says so. Two states in the same class
    meet the same thresholds, so they share steps; the exact number is quoted from the fact
    when a step is shown."""
    severe = [ctx.read(who, f"offences.{offence}.{field}") for field in SEVERE]
    for found in severe:
        if found.value in CARRIED:
            return ("severe", found.ref.path.rsplit(".", 1)[1], found.confidence)
    penalty = ctx.read(who, f"offences.{offence}.max_penalty_years")
    years = _years(penalty.value)
    limits = ctx.thresholds if thresholds is None else thresholds
    met = None if years is None else tuple(years >= t for t in limits)
    # An unknown life or death penalty could meet a threshold the fixed term misses (it
    # matters only where the fixed term misses one).
    open_life = (
        tuple(found.value == UNKNOWN for found in severe) if met is None or not all(met) else ()
    )
    return ("years", met, penalty.confidence, open_life)


# Penalties more severe than any term of years: they meet every threshold ("deprivation of
# liberty for at least N years, or a more severe penalty", UN Model Treaty Art. 2(1)).
# A threshold is compared with the offence's gravest form, as `max_penalty_years` records the
# highest term among the forms: a penalty `CARRIED` by every form or by some is its maximum.
SEVERE = ("life_imprisonment", "death_penalty")


def severe_penalty(case: Case, who: Jurisdiction) -> tuple[Read | None, Read | None]:
    """(the read of a life or death penalty the offence carries in `who`, in every form or its
    gravest (`CARRIED`), or None; the read of one that is unknown, or None)."""
    found = [case.offence_fact(who, field) for field in SEVERE]
    certain = next((r for r in found if r.value in CARRIED), None)
    open_ = next((r for r in found if r.value == UNKNOWN), None)
    return certain, open_


def minimum_class(ctx: Context, who: Jurisdiction, offence: str) -> tuple[object, ...]:
    """For a state whose threshold is measured on the minimum of the penalty range (a grid
    input): which of the corpus's thresholds the offence's minimum meets, with its confidence
    (empty for every other state, whose steps never read the minimum)."""
    basis = ctx.read(who, "extradition.penalty_basis")
    if basis.value != "minimum":
        return ()
    found = ctx.read(who, f"offences.{offence}.min_penalty_years")
    years = _years(found.value)
    met = None if years is None else tuple(years >= t for t in ctx.thresholds)
    return (met, found.confidence)


def list_penalty_class(ctx: Context, who: Jurisdiction, offence: str) -> tuple[object, ...]:
    """`penalty_class` against list-scheme thresholds only: all the list waiver compares."""
    return penalty_class(ctx, who, offence, ctx.list_thresholds)


def _years(value: float | str) -> float | None:
    if value == UNKNOWN:
        return None
    return float(value)


# --------------------------------------------------------------------------------------------
# Step 1: legal basis
# --------------------------------------------------------------------------------------------


@rule(
    "legal_basis",
    "Legal basis",
    "legal basis",
    ("UNTOC Art. 16(4)-(5)", "Vienna 1988 Art. 6(3)", "Budapest Art. 24(3)"),
    inputs=Inputs(basis="step", column=False),
)
def legal_basis(case: Case) -> Step:
    """Extradition needs a legal basis in the requested state. The first that applies wins:
    a regional scheme (Nordic arrest warrant, European arrest warrant, EU–UK surrender), a
    bilateral treaty or a designation by statute, a multilateral convention that the requested
    state accepts as a basis (UNTOC Art. 16(4)-(5)) if the offence is within its scope, and
    finally domestic law on reciprocity where the requested state needs no treaty. Reciprocity
    is conditional on the requesting state's undertaking to reciprocate."""
    return case.basis.step


def offence_terms(offence: Offence) -> tuple[str, str, str]:
    """What {o}, {offence} and {category} stand for in a step's texts and fact paths."""
    return (offence.id, offence.name.lower(), offence.eaw_category or "")


def fact_label(read: Read, who: tuple[str, ...]) -> str:
    """A fact named in a reason: the state as a placeholder, then the path."""
    owner, path = slot_of(read.ref, who)
    return f"{ {'a': '{a}', 'b': '{b}'}.get(owner, owner) } {path}"


def _basis_id(case: Case) -> str:
    return case.basis.relation.id if case.basis.relation else case.basis.kind


def cached_basis(
    ctx: Context, requesting: Jurisdiction, requested: Jurisdiction, offence: Offence
) -> Basis:
    """`select_basis`, shared by offences that fall under the same conventions."""
    key = (requesting.code, requested.code, offence.convention_offence_of)
    found = ctx.bases.get(key)
    if found is None:
        found = ctx.bases[key] = select_basis(ctx, requesting, requested, offence)
    return found


@dataclass(frozen=True)
class BasisQuestion:
    """The inputs of a legal-basis choice (what `explore` completes)."""

    ctx: Context
    requesting: Jurisdiction
    requested: Jurisdiction
    offence: Offence


def select_basis(
    ctx: Context, requesting: Jurisdiction, requested: Jurisdiction, offence: Offence
) -> Basis:
    """Choose the legal basis for one request (see `legal_basis`); an unknown choice carries
    the bounds of its step over the completions of the facts it read."""
    basis = _choose_basis(ctx, requesting, requested, offence)
    if basis.step.outcome != "unknown":
        return basis
    chosen: list[Basis] = []

    def choose(question: BasisQuestion) -> Step:
        found = _choose_basis(
            question.ctx, question.requesting, question.requested, question.offence
        )
        chosen.append(found)
        return found.step

    leaves: list[tuple[object, Outcome, Outcome, Step]] = []
    best, worst = explore(
        choose,
        BasisQuestion(ctx, requesting, requested, offence),
        leaves=leaves,
    )
    ending = {id(leaf[3]) for leaf in leaves}  # the completions that branched no further
    ends = [found for found in chosen if id(found.step) in ending]
    distinct: dict[tuple[object, ...], Basis] = {}
    for found in ends:
        kind = found.step.kind
        distinct.setdefault((found.features, kind.outcome, kind.bounds), found)
    alternatives = tuple(distinct.values()) if len(distinct) > 1 else ()
    step = basis.step
    kind = replace(step.kind, best=best, worst=worst)
    return replace(
        basis,
        step=Step(kind, step.reads, step.who, step.default_provision),
        alternatives=alternatives,
    )


def _choose_basis(
    ctx: Context, requesting: Jurisdiction, requested: Jurisdiction, offence: Offence
) -> Basis:
    this = EXTRADITION.get("legal_basis")
    who = (requesting.code, requested.code)
    a, b = "{a}", "{b}"  # the states' names, filled in when the step is shown
    relations = ctx.relations_between(requesting.code, requested.code, "extradition")
    no_treaty = [r for r in relations if r.kind == "no_treaty"]
    for relation in relations:
        if relation.kind == "no_treaty":
            continue
        if (
            relation.kind == "designation"
            and relation.directed
            and (relation.parties[0].code != requested.code)
        ):
            continue
        citation = relation_citation(relation)
        step = make_step(
            this,
            who,
            "possible",
            f"{relation.title} applies between {a} and {b}.",
            provision=relation.citation or relation.pinpoint or "",
            extra_citations=(citation,) if citation else (),
        )
        return Basis("relation", relation.title, relation, None, step)

    missing: list[Read] = []
    for instrument_id in offence.convention_offence_of:
        instrument = ctx.instruments.get(instrument_id)
        if instrument is None or not instrument.extradition_basis_article:
            continue
        reads = (
            ctx.read(requesting, f"instruments.{instrument_id}.status"),
            ctx.read(requested, f"instruments.{instrument_id}.status"),
            ctx.read(requested, f"instruments.{instrument_id}.accepts_as_extradition_basis"),
        )
        values = [r.value for r in reads]
        if values == ["party", "party", "yes"]:
            step = make_step(
                this,
                who,
                "possible",
                f"Both are parties to {instrument_id} and {b} accepts "
                f"it as a legal basis for extradition; the offence is within its scope.",
                reads,
                provision=f"{instrument_id} {instrument.extradition_basis_article}",
            )
            return Basis(
                "multilateral",
                instrument_id,
                None,
                instrument_id,
                step,
                no_treaty_ids=_ids(no_treaty),
            )
        if "no" not in values and "not_party" not in values and "signatory" not in values:
            missing += [r for r in reads if r.value == UNKNOWN]

    policy = ctx.read(requested, "extradition.legal_basis")
    no_treaty_citations = tuple(c for r in no_treaty if (c := relation_citation(r)))
    if policy.value == "domestic_law":
        step = make_step(
            this,
            who,
            "possible",
            f"No treaty applies, but {b} extradites under its domestic law, which needs "
            "neither a treaty nor reciprocity.",
            (policy,),
            extra_citations=no_treaty_citations,
        )
        return Basis("reciprocity", "domestic law", None, None, step, no_treaty_ids=_ids(no_treaty))
    if policy.value == "treaty_or_reciprocity" and missing:
        # Reciprocity applies at least; a convention the corpus cannot confirm would need no
        # undertaking.
        named = ", ".join(fact_label(r, who) for r in missing)
        step = make_step(
            this,
            who,
            "unknown",
            f"At least reciprocity applies ({b} extradites without a "
            f"treaty); whether a convention applies, which would need no undertaking, is "
            f"unknown: {named}.",
            (policy, *missing),
            extra_citations=no_treaty_citations,
        )
        return Basis("unknown", "unknown", None, None, step, no_treaty_ids=_ids(no_treaty))
    if policy.value == "executive_consent" and not missing:
        step = make_step(
            this,
            who,
            "conditional",
            f"No treaty applies, but {b}'s executive may consent to surrender case by case "
            "under its domestic law.",
            (policy,),
            assurance=f"the consent of {b}'s executive to this surrender",
            extra_citations=no_treaty_citations,
        )
        return Basis(
            "reciprocity", "executive consent", None, None, step, no_treaty_ids=_ids(no_treaty)
        )
    if policy.value == "treaty_or_reciprocity":
        step = make_step(
            this,
            who,
            "conditional",
            f"No treaty applies, but {b} extradites on the basis of "
            f"reciprocity under its domestic law.",
            (policy,),
            assurance=f"an undertaking by {a} to reciprocate",
            extra_citations=no_treaty_citations,
        )
        return Basis("reciprocity", "reciprocity", None, None, step, no_treaty_ids=_ids(no_treaty))
    if policy.value == UNKNOWN or missing:
        unknowns = [r for r in (policy, *missing) if r.value == UNKNOWN]
        named = ", ".join(fact_label(r, who) for r in unknowns)
        step = make_step(
            this,
            who,
            "unknown",
            f"Cannot tell whether a legal basis exists: unknown {named}.",
            (policy, *missing),
            extra_citations=no_treaty_citations,
        )
        return Basis("unknown", "unknown", None, None, step, no_treaty_ids=_ids(no_treaty))
    if not no_treaty:
        step = make_step(
            this,
            who,
            "unknown",
            f"{b} extradites only under a treaty or designation "
            f"({policy.value.replace('_', ' ')}); none with {a} is "
            "recorded in the corpus, and none is recorded as absent.",
            (policy,),
            unblock="research: is there a treaty or designation between the two?",
        )
        return Basis("unknown", "unknown", None, None, step, no_treaty_ids=_ids(no_treaty))
    if policy.value == "designation":
        # A statement that no treaty exists does not settle a designation: the state may list
        # partners without a treaty, by order or schedule, or make an arrangement for one case.
        step = make_step(
            this,
            who,
            "unknown",
            f"{b} extradites to the states it designates (by statute, order or arrangement); "
            f"no treaty with {a} is in force, and whether {b} has designated {a} is not "
            "recorded.",
            (policy,),
            unblock=f"research: has {b} designated {a}, or can it make an arrangement for one "
            "case?",
            extra_citations=no_treaty_citations,
        )
        return Basis("unknown", "unknown", None, None, step, no_treaty_ids=_ids(no_treaty))
    reason = (
        f"{b} extradites only under a treaty or designation "
        f"({policy.value.replace('_', ' ')}), and none applies to "
        f"{a} for this offence"
    )
    reason += " (no bilateral treaty is in force)"
    step = make_step(
        this,
        who,
        "blocked",
        reason + ".",
        (policy,),
        unblock=f"a bilateral treaty, or {b} accepting UNTOC as a "
        "basis for extradition (Art. 16(5))",
        extra_citations=no_treaty_citations,
    )
    return Basis("none", "none", None, None, step, no_treaty_ids=_ids(no_treaty))


# --------------------------------------------------------------------------------------------
# Step 2: extraditable offence
# --------------------------------------------------------------------------------------------


@rule(
    "dual_criminality",
    "Dual criminality",
    "extraditable offence",
    ("UN Model Treaty Art. 2(2)", "EAW FD Art. 2(2)", "UNCAC Art. 43(2)"),
    inputs=Inputs(
        a=("offences.{o}.criminalised",),
        b=("extradition.dual_criminality", "offences.{o}.criminalised"),
        a_extra=lambda ctx, j, o: (
            implemented_alternatives(ctx, j, o),
            list_penalty_class(ctx, j, o),
        ),
        b_extra=lambda ctx, j, o: (
            implemented_alternatives(ctx, j, o),
            memberships(ctx, j, "dual_criminality"),
        ),
        extra_reads=(
            "offences.{o}.elements",
            "offences.{o}.life_imprisonment",
            "offences.{o}.death_penalty",
            "offences.{o}.max_penalty_years",
            "relations",
        ),
        basis=lambda basis: (
            basis.relation_stating(
                "dual_criminality", "list_threshold_years", "label_equivalences"
            ),
            scheme_id(basis),
        ),
        column=lambda ctx, o: (bool(ctx.offences[o].eaw_category), o in ctx.equivalence_offences),
    ),
)
def dual_criminality(case: Case) -> Step | None:
    """The conduct must be an offence in both states. A list scheme (EAW Art. 2(2)) waives
    the check for list offences punishable by at least three years in the requesting state. A
    conduct test asks whether the facts are criminal whatever the label; a label test needs the
    same offence, unless a treaty deems the two offences equivalent (e.g. US–Italy Art. II:
    associazione and conspiracy). A partial definition leaves the answer to the facts. Under a
    surrender scheme, outside its list, the member's transposition decides whether dual
    criminality is verified (EAW FD Art. 4(1), an optional ground), on the conduct, never the
    requested state's domestic extradition test."""
    this = EXTRADITION.get("dual_criminality")
    waived = case.clause("dual_criminality")
    if waived is not None and waived.value == "not_required":
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.basis.label} does not require dual criminality.",
            (waived,),
        )
    if waived is not None and waived.value == "list_waived" and case.offence.eaw_category:
        threshold = case.clause("list_threshold_years")
        penalty = case.offence_fact(case.requesting, "max_penalty_years")
        severe, life = severe_penalty(case, case.requesting)
        limit = _years(threshold.value) if threshold else 3.0
        years = float("inf") if severe is not None else _years(penalty.value)
        used = severe or penalty
        reads = tuple(r for r in (waived, threshold, used) if r is not None)
        if years is None:
            return make_step(
                this,
                case.who,
                "unknown",
                f"The maximum penalty in {case.a} is unknown, so "
                f"it is not known whether the list waiver applies.",
                reads,
            )
        if limit is not None and years >= limit:
            return make_step(
                this,
                case.who,
                "possible",
                f"Listed offence ('{{category}}') punishable by at least "
                f"{limit:g} years in {case.a}: surrender without verifying dual criminality.",
                reads,
            )
        fallback = _conduct_in_both(case, this)
        if life is not None and fallback.outcome != "possible":
            return make_step(
                this,
                case.who,
                "unknown",
                f"The list waiver applies only if {case.a} "
                "can impose life imprisonment or death for the offence, which is "
                "unknown.",
                (*reads, life),
            )
        return fallback
    if case.scheme is not None:
        own = case.member("dual_criminality")
        if own is not None and own.value == "not_required":
            return make_step(
                this,
                case.who,
                "possible",
                f"{case.b} does not verify dual criminality under {case.basis.label}.",
                (own,),
            )
    return _conduct_in_both(case, this)


def _dual_criminality_test(case: Case) -> Read | None:
    """How the requested state tests dual criminality for this request: under a scheme, its
    transposition (None: the scheme's own conduct test); otherwise its domestic law."""
    if case.scheme is not None:
        return case.member("dual_criminality")
    return case.ctx.read(case.requested, "extradition.dual_criminality")


def _conduct_in_both(case: Case, this: Rule[Case]) -> Step:
    test = _dual_criminality_test(case)
    here = case.offence_fact(case.requested, "criminalised")
    there = case.offence_fact(case.requesting, "criminalised")
    reads = tuple(r for r in (test, here, there) if r is not None)
    test_value = "conduct" if test is None else test.value
    if "no" in (here.value, there.value):
        where = case.b if here.value == "no" else case.a
        return make_step(
            this,
            case.who,
            "blocked",
            f"The conduct is not an offence in {where}.",
            reads,
            unblock=f"{where} criminalising {{offence}}",
        )
    if UNKNOWN in (here.value, there.value, test_value):
        missing = [fact_label(r, case.who) for r in reads if r.value == UNKNOWN]
        return make_step(this, case.who, "unknown", "Unknown: " + ", ".join(missing) + ".", reads)
    if test_value == "label" and _models_differ(case):
        equivalence = _label_equivalence(case)
        if equivalence:
            return make_step(
                this,
                case.who,
                "possible",
                f"The treaty deems the offences equivalent: {equivalence}",
                reads,
            )
        return make_step(
            this,
            case.who,
            "conditional",
            f"{case.b} applies a label test and the two states define "
            "{offence} on different models; the request must fit a "
            f"{case.b} offence.",
            reads,
            assurance="charges framed to match an offence of the requested state",
            unblock=f"{case.b} adopting a conduct-based test",
        )
    if "partial" in (here.value, there.value):
        where = case.b if here.value == "partial" else case.a
        return make_step(
            this,
            case.who,
            "conditional",
            f"{where} criminalises the conduct only in part; "
            "dual criminality depends on the facts of the case.",
            reads,
            assurance="facts within the narrower definition",
        )
    return make_step(
        this,
        case.who,
        "possible",
        f"The conduct is an offence in both states ({test_value.replace('_', ' ')} test).",
        reads,
    )


def implemented_alternatives(ctx: Context, who: Jurisdiction, offence: str) -> frozenset[str]:
    """The either/or baseline elements a state's definition of the offence implements."""
    definition = who.offences.get(offence)
    if definition is None:
        return frozenset()
    groups = ctx.alternative_groups
    return frozenset(
        e for e, f in definition.elements.items() if f.value in ("full", "broader") and e in groups
    )


def _models_differ(case: Case) -> bool:
    """Whether the two states implement different alternatives of an either/or element."""
    mine = implemented_alternatives(case.ctx, case.requesting, case.offence.id)
    theirs = implemented_alternatives(case.ctx, case.requested, case.offence.id)
    return bool(mine and theirs and not mine & theirs)


def _label_equivalence(case: Case) -> str:
    relation = case.basis.relation
    if relation is None:
        return ""
    for item in relation.clauses.label_equivalences:
        if item.offence == case.offence.id:
            return item.text + (f" ({item.pinpoint})" if item.pinpoint else "")
    return ""


@rule(
    "penalty_threshold",
    "Penalty threshold",
    "extraditable offence",
    ("UN Model Treaty Art. 2(1)", "EAW FD Art. 2(1)"),
    inputs=Inputs(
        a_extra=lambda ctx, j, o: penalty_class(ctx, j, o),
        b=("extradition.min_penalty_years", "extradition.penalty_basis", "extradition.penalty_law"),
        b_extra=lambda ctx, j, o: (
            j.extradition.penalty_basis is None,
            j.extradition.penalty_law is None,
            penalty_class(ctx, j, o),
            minimum_class(ctx, j, o),
        ),
        extra_reads=(
            "offences.{o}.life_imprisonment",
            "offences.{o}.death_penalty",
            "offences.{o}.max_penalty_years",
            "offences.{o}.min_penalty_years",
            "extradition.penalty_basis",
            "extradition.penalty_law",
        ),
        basis=lambda basis: basis.relation_id,
        column=lambda ctx, o: None,
    ),
)
def penalty_threshold(case: Case) -> Step | None:
    """The offence must carry at least the minimum maximum penalty in both states: the
    threshold of the treaty or scheme where it sets one, otherwise the requested state's.
    Life imprisonment or death ("a more severe penalty", UN Model Treaty Art. 2(1)) meets any
    threshold, whether every form of the offence carries it or only the gravest (the maximum is
    the gravest form's, as `max_penalty_years` records it). Some states measure the threshold
    against the minimum or the mid-point of the penalty range rather than the maximum: a
    maximum below it blocks, and a minimum (recorded as `min_penalty_years`, for the states
    that need it) that reaches it clears, and a maximum of at least twice a mid-point threshold
    clears it whatever the minimum. A state that leaves the threshold to each treaty applies
    none where the basis is not a treaty. Some apply it to their own law only (Brazil) or to
    the requesting state's only (France), and some set none by statute and leave it to each
    treaty."""
    this = EXTRADITION.get("penalty_threshold")
    clause = case.clause("min_penalty_years")
    basis = None if clause is not None else _stated(case, "penalty_basis")
    threshold = clause or case.ctx.read(case.requested, "extradition.min_penalty_years")
    reads: list[Read] = [threshold] + ([basis] if basis is not None else [])
    if basis is not None and basis.value == "treaty_defined" and case.basis.relation is None:
        # No treaty is the basis (reciprocity, a convention, or none: then the legal-basis
        # step decides), so no threshold applies.
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.b} sets no penalty threshold by statute, leaving it to each treaty, and no "
            "treaty that sets one is the legal basis here.",
            tuple(reads),
        )
    if basis is not None and basis.value == "treaty_defined":
        # What is missing is the treaty's threshold (its clause, unknown), not the statute's.
        relation = case.basis.relation
        where = (
            f"{case.basis.label} does not state one in the corpus"
            if relation is not None
            else "no treaty applies"
        )
        missing = (case.ctx.read(relation, "clauses.min_penalty_years"),) if relation else ()
        return make_step(
            this,
            case.who,
            "unknown",
            f"{case.b} sets no penalty threshold by statute; "
            f"each treaty sets its own, and {where}.",
            (*missing, basis),
        )
    worst = None
    below_unless_life: Jurisdiction | None = None
    unknown_in: Jurisdiction | None = None  # a state whose maximum penalty is unknown
    # A threshold on the minimum or mid-point of a range is certainly missed where the maximum
    # is below it. `minimum` is defined on the requested state's own range only (Colombia).
    law = _stated(case, "penalty_law") if clause is None else None
    if law is not None:
        reads.append(law)
    requested_only = (basis is not None and basis.value == "minimum") or (
        law is not None and law.value == "requested_only"
    )
    requesting_only = law is not None and law.value == "requesting_only" and not requested_only
    measured_in = (
        (case.requested,)
        if requested_only
        else (case.requesting,)
        if requesting_only
        else (case.requesting, case.requested)
    )
    if basis is not None and basis.value == "minimum" and threshold.value != UNKNOWN:
        minimum = case.offence_fact(case.requested, "min_penalty_years")
        years = _years(minimum.value)
        if years is not None and years >= float(threshold.value):
            return _minimum_threshold(case, this, threshold, reads)
    maxima: list[float] = []
    for who in measured_in:
        penalty = case.offence_fact(who, "max_penalty_years")
        severe, life = severe_penalty(case, who)
        reads.append(severe or penalty)
        years = float("inf") if severe is not None else _years(penalty.value)
        if years is not None:
            maxima.append(years)
        if years is None:
            unknown_in = unknown_in or who
            continue
        if threshold.value != UNKNOWN and years < float(threshold.value):
            if life is not None:  # a life or death penalty would meet the threshold
                below_unless_life = who
                reads.append(life)
            else:
                worst = (who, len(reads) - 1)  # the read whose value the reason quotes
    if threshold.value == UNKNOWN:
        return make_step(
            this, case.who, "unknown", f"{case.b}'s penalty threshold is unknown.", tuple(reads)
        )
    if worst is None and unknown_in is not None:
        return make_step(
            this,
            case.who,
            "unknown",
            f"The maximum penalty in {case.role(unknown_in)} is unknown.",
            tuple(reads),
        )
    if worst is None and below_unless_life is not None:
        return make_step(
            this,
            case.who,
            "unknown",
            f"The maximum fixed term in "
            f"{case.role(below_unless_life)} is below the threshold; whether life "
            "imprisonment is possible there is unknown.",
            tuple(reads),
        )
    if worst:
        return make_step(
            this,
            case.who,
            "blocked",
            f"The maximum penalty in {case.role(worst[0])} ({{value:{worst[1]}}} years) is "
            f"below the threshold of {threshold.value} years.",
            tuple(reads),
            unblock=f"a higher penalty in {case.role(worst[0])} or a lower threshold",
        )
    if basis is not None and basis.value == "minimum":
        return _minimum_threshold(case, this, threshold, reads)
    if (
        basis is not None
        and basis.value == "midpoint"
        and all(m >= 2 * float(threshold.value) for m in maxima)
    ):
        where = f"in {case.b}" if requested_only else "in both states"
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.b}'s threshold of {threshold.value} year(s) applies to the mid-point of the "
            f"penalty range; the maximum {where} is at least twice it, so the mid-point "
            "reaches it whatever the minimum.",
            tuple(reads),
        )
    if basis is not None and basis.value != "maximum":
        measured = {
            "minimum": "the minimum of the penalty range",
            "midpoint": "the mid-point of the penalty range",
        }.get(basis.value, "a part of the penalty range the corpus does not record")
        return make_step(
            this,
            case.who,
            "unknown",
            f"{case.b}'s threshold of {threshold.value} year(s) "
            f"applies to {measured}; the corpus records maximum penalties only.",
            tuple(reads),
        )
    where = (
        f"in {case.b}"
        if requested_only
        else f"in {case.a}"
        if requesting_only
        else "in both states"
    )
    return make_step(
        this,
        case.who,
        "possible",
        f"Punishable {where} above the threshold of {threshold.value} year(s).",
        tuple(reads),
    )


def _minimum_threshold(case: Case, this: Rule[Case], threshold: Read, reads: list[Read]) -> Step:
    """A threshold on the minimum of the requested state's penalty range (its maximum is not
    below the threshold, or the offence carries life): met where the basic form's minimum
    reaches it; otherwise only some forms of the offence may qualify, which depends on the
    conduct charged."""
    minimum = case.offence_fact(case.requested, "min_penalty_years")
    reads = [*reads, minimum]
    quoted = len(reads) - 1
    years = _years(minimum.value)
    if minimum.value == UNKNOWN or years is None:
        return make_step(
            this,
            case.who,
            "unknown",
            f"{case.b}'s threshold of {threshold.value} year(s) applies to the minimum of the "
            "penalty range, and the offence's minimum is unknown.",
            tuple(reads),
        )
    if years >= float(threshold.value):
        return make_step(
            this,
            case.who,
            "possible",
            f"The minimum penalty in {case.b} ({{value:{quoted}}} years) reaches its "
            f"threshold of {threshold.value} year(s).",
            tuple(reads),
        )
    return make_step(
        this,
        case.who,
        "unknown",
        f"The minimum penalty of the basic form in {case.b} ({{value:{quoted}}} years) is below "
        f"its threshold of {threshold.value} year(s), which applies to the minimum: only forms "
        "of the offence with a higher minimum qualify, which depends on the conduct charged.",
        tuple(reads),
        bounds=("possible", "blocked"),
    )


def _stated(case: Case, field: str) -> Read | None:
    """An optional fact of the requested state's extradition rules; None when left out (its
    default applies: the maximum penalty, under both laws)."""
    if getattr(case.requested.extradition, field) is None:
        return None
    return case.ctx.read(case.requested, f"extradition.{field}")


# --------------------------------------------------------------------------------------------
# Steps 3-4: bars
# --------------------------------------------------------------------------------------------


def _nationals_by_option(
    case: Case, this: Rule[Case], clause: Read | None, reads: tuple[Read, ...]
) -> Step:
    """A state whose nationals may choose to be tried at home instead (Argentina): surrender
    is certain only where the treaty obliges it; otherwise it depends on the person's choice,
    which the requesting state cannot secure, so it is conditional, never barred."""
    if clause is not None and clause.value == "obligatory":
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.basis.label} obliges the surrender of nationals, so a national of "
            f"{case.b} cannot opt to be tried there instead.",
            reads,
        )
    if clause is not None and clause.value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "unknown",
            f"A national of {case.b} may opt to be tried there instead unless the treaty "
            f"obliges surrender; whether {case.basis.label} does is unknown.",
            reads,
        )
    return make_step(
        this,
        case.who,
        "conditional",
        f"A national of {case.b} may opt to be tried there instead (no treaty obliging the "
        "surrender of nationals applies); if the person opts, extradition is refused.",
        reads,
        assurance=f"the person does not opt to be tried in {case.b}",
    )


_NATIONALITY_REASONS: dict[str, tuple[Outcome, str]] = {
    "none": ("possible", "{b} surrenders its own nationals."),
    "return_guarantee": (
        "conditional",
        "{b} surrenders its nationals for trial only if they are "
        "returned to serve any sentence in {b}.",
    ),
    "discretionary": (
        "conditional",
        "{b} may refuse to surrender its nationals at its discretion.",
    ),
    "absolute": ("blocked", "{b} never surrenders its own nationals."),
}


@rule(
    "nationality",
    "Nationality",
    "mandatory bar",
    ("UNTOC Art. 16(10)-(11)", "EAW FD Art. 5(3)", "TCA Art. 603(2)"),
    inputs=Inputs(
        b=("extradition.nationals",),
        b_extra=lambda ctx, j, o: memberships(ctx, j, "nationals"),
        extra_reads=("relations",),
        basis=lambda basis: basis.features,
        person=True,
        column=False,
    ),
)
def nationality(case: Case) -> Step | None:
    """Many states do not surrender their own nationals, or only under conditions. A party's
    own declaration under a scheme (e.g. Germany under the EU–UK agreement) comes first, then
    a treaty clause on nationals, then domestic law. 'treaty only' states surrender nationals
    only where the applicable treaty obliges it; 'EU or ICC only' states only under the
    European arrest warrant; a return guarantee (UNTOC Art. 16(11)) makes surrender
    conditional. Under a surrender scheme the requested state's domestic extradition law does
    not apply: its own rule under the scheme (its transposition, e.g. a return guarantee under
    EAW FD Art. 5(3), or its TCA Art. 603(2) declaration) does, else the scheme's clause. Only
    the 'national' scenario engages this rule."""
    this = EXTRADITION.get("nationality")
    if case.person != "national":
        return None
    member = case.membership_nationals()
    clause = case.clause("nationals")
    if case.scheme is not None and member is None:
        return _nationals_left_to_member(case, this, clause)
    # Under a scheme the member's own rule decides; its domestic law is neither read nor cited.
    domestic = (
        None if case.scheme is not None else case.ctx.read(case.requested, "extradition.nationals")
    )
    rule_read = member or domestic
    assert rule_read is not None
    value = rule_read.value
    reads = tuple(r for r in (member, clause, domestic) if r is not None)
    fmt = {"b": case.b}
    relation = case.basis.relation
    if member is None and value in ("treaty_only", "discretionary") and clause is not None:
        if clause.value == "obligatory" and value == "treaty_only":
            return make_step(
                this,
                case.who,
                "possible",
                f"{case.b} surrenders nationals only under a "
                f"treaty, and {case.basis.label} obliges it.",
                reads,
            )
        if clause.value == "discretionary":
            return make_step(
                this,
                case.who,
                "conditional",
                f"{case.basis.label} leaves the surrender of "
                "nationals to the requested state's discretion.",
                reads,
                assurance="an executive decision to surrender a national",
            )
    if value == "person_option":
        return _nationals_by_option(case, this, clause, reads)
    if (
        value == "treaty_only"
        and member is None
        and (
            (relation is None and not case.basis.no_treaty)
            or (relation is not None and (clause is None or clause.value == UNKNOWN))
        )
    ):
        where = (
            f"whether {case.basis.label} does"
            if relation is not None
            else "no treaty between the two is recorded, so whether one does"
        )
        return make_step(
            this,
            case.who,
            "unknown",
            f"{case.b} surrenders nationals only where a treaty obliges it; {where} is unknown.",
            reads,
        )
    if value == "treaty_only":
        return make_step(
            this,
            case.who,
            "blocked",
            f"{case.b} surrenders nationals only where a treaty "
            "obliges it, and no treaty is in force between the two.",
            reads,
            unblock="a treaty clause obliging the surrender of nationals",
            extra_citations=tuple(
                found
                for rid in case.basis.no_treaty_ids
                if (found := relation_citation(case.ctx.relations[rid])) is not None
            ),
        )
    if value == "eu_or_icc_only":
        if relation is not None and relation.id == "eaw":
            return make_step(
                this,
                case.who,
                "possible",
                f"{case.b} surrenders nationals to EU member "
                "states under the European arrest warrant.",
                reads,
            )
        return make_step(
            this,
            case.who,
            "blocked",
            f"{case.b} surrenders nationals only to EU member states or international courts.",
            reads,
            unblock=f"{case.b} amending its constitutional bar",
        )
    if value == "naturalized_limited":
        return make_step(
            this,
            case.who,
            "blocked",
            f"{case.b} does not surrender native-born nationals "
            "(naturalised nationals only in limited cases).",
            reads,
            unblock="constitutional amendment in the requested state",
        )
    if value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "unknown",
            f"{case.b}'s rule on surrendering its nationals is unknown.",
            reads,
        )
    outcome, template = _NATIONALITY_REASONS[value]
    return make_step(
        this,
        case.who,
        outcome,
        template.format(**fmt),
        reads,
        assurance="return of the person to serve the sentence"
        if value == "return_guarantee"
        else ("an executive decision to surrender a national" if value == "discretionary" else ""),
        unblock=f"{case.b} allowing surrender of nationals with a return guarantee"
        if outcome == "blocked"
        else "",
    )


def _nationals_left_to_member(case: Case, this: Rule[Case], clause: Read | None) -> Step:
    """Under a scheme, no rule of the requested state's own is recorded: the scheme's clause
    says how far the member could go."""
    reads = (clause,) if clause is not None else ()
    label = case.basis.label
    if clause is not None and clause.value == "obligatory":
        return make_step(
            this,
            case.who,
            "unknown",
            f"{label} obliges the surrender of nationals; "
            f"whether {case.b} asks for their return to serve the sentence, as the "
            "scheme allows, is not recorded.",
            reads,
            bounds=UP_TO_A_CONDITION,
        )
    return make_step(
        this,
        case.who,
        "unknown",
        f"{case.b}'s rule on surrendering its nationals under {label} is not recorded.",
        reads,
    )


def _bar_on_some_forms(
    rule: Rule[Case],
    case: Case,
    reads: tuple[Read, ...],
    penalty: str,
    refusal: str,
    unblock: str,
) -> Step:
    """The step of a bar on surrender where `penalty` may be imposed, for an offence that
    carries it only in some forms: the bar refuses a request for those forms, so surrender
    stays possible for the others, on that condition."""
    return make_step(
        rule,
        case.who,
        "conditional",
        f"{case.a} can impose {penalty} only for some forms of this offence, and {refusal}",
        reads,
        assurance=f"a request for a form of the offence that {case.a} does not punish with "
        f"{penalty}",
        unblock=unblock,
    )


@rule(
    "death_penalty",
    "Death penalty",
    "mandatory or curable bar",
    ("UN Model Treaty Art. 4(d)", "ECHR Protocols 6 and 13"),
    inputs=Inputs(
        a=("offences.{o}.death_penalty", "death_penalty_status"),
        b=("extradition.death_penalty_policy",),
        basis=lambda basis: basis.relation_id,
        column=lambda ctx, o: None,
    ),
)
def death_penalty(case: Case) -> Step | None:
    """Where the requesting state can impose death for the offence, an abolitionist requested
    state either refuses outright (an absolute bar, e.g. Italy after Corte cost. 223/1996) or
    surrenders against an assurance that death will not be imposed or carried out. A treaty's
    death-penalty clause applies too. An absolute bar looks at the conduct for which surrender
    is sought: where death is possible only for some forms of the offence (`partial`, e.g.
    trafficking that results in a death), surrender remains possible for the other forms, so
    the verdict is conditional on the request concerning one of them, not blocked."""
    this = EXTRADITION.get("death_penalty")
    exposure = case.offence_fact(case.requesting, "death_penalty")
    status = case.ctx.read(case.requesting, "death_penalty_status")
    # An abolitionist state imposes death for no offence, whatever the offence's own fact says.
    if exposure.value == "no" or status.value == "abolitionist":
        return None
    policy = case.ctx.read(case.requested, "extradition.death_penalty_policy")
    clause = case.clause("death_penalty")
    reads = tuple(r for r in (exposure, policy, clause) if r is not None)
    if exposure.value == UNKNOWN or status.value == UNKNOWN:
        if policy.value == "none":
            return None
        which = "for this offence" if exposure.value == UNKNOWN else "at all (its status)"
        return make_step(
            this,
            case.who,
            "unknown",
            f"Whether {case.a} can impose death {which} is unknown.",
            (*reads, status) if status.value == UNKNOWN else reads,
        )
    # exposure is yes or partial: death is possible for (some forms of) this offence
    if policy.value == "absolute_bar" and exposure.value == "partial":
        refusal = (
            f"{case.b} refuses surrender for conduct punishable by death whatever assurance "
            "is given."
        )
        unblock = f"{case.a} abolishing the death penalty for this offence"
        return _bar_on_some_forms(this, case, reads, "death", refusal, unblock)
    if policy.value == "absolute_bar":
        return make_step(
            this,
            case.who,
            "blocked",
            f"{case.a} can impose death for this offence and "
            f"{case.b} refuses whatever assurance is given.",
            reads,
            unblock=f"{case.a} abolishing the death penalty for this offence",
        )
    if policy.value == "assurance_required" or (clause and clause.value == "assurance"):
        return make_step(
            this,
            case.who,
            "conditional",
            f"{case.a} can impose death for this offence; {case.b} requires an assurance.",
            reads,
            assurance="an assurance that the death penalty will not be imposed or carried out",
        )
    if policy.value == UNKNOWN:
        return make_step(
            this, case.who, "unknown", f"{case.b}'s policy on capital cases is unknown.", reads
        )
    return make_step(
        this,
        case.who,
        "possible",
        f"{case.b} does not condition surrender on the death penalty.",
        reads,
    )


@rule(
    "life_imprisonment",
    "Life imprisonment",
    "curable bar",
    ("EAW FD Art. 5(2)", "ECHR Art. 3 (Vinter v UK)"),
    inputs=Inputs(
        a=("offences.{o}.life_imprisonment",),
        b=("extradition.life_sentence_policy",),
        b_extra=lambda ctx, j, o: memberships(ctx, j, "life_sentence"),
        extra_reads=("relations",),
        basis=scheme_id,
        column=lambda ctx, o: None,
    ),
)
def life_imprisonment(case: Case) -> Step | None:
    """Where the requesting state can impose life imprisonment for the offence, some requested
    states refuse or require an assurance that the sentence is reducible or will be commuted
    to a fixed term. Under a surrender scheme the member's transposition decides (EAW FD Art.
    5(2): a review guarantee may be required), not its domestic extradition law. As for the
    death penalty, a refusal bars only the forms of the offence that carry life (`partial`:
    surrender stays possible for the others, on that condition)."""
    this = EXTRADITION.get("life_imprisonment")
    own = case.member("life_sentence") if case.scheme is not None else None
    if case.scheme is not None and own is None:
        exposure = case.offence_fact(case.requesting, "life_imprisonment")
        if exposure.value == "no":
            return None
        return make_step(
            this,
            case.who,
            "unknown",
            f"Whether {case.b} asks for a review guarantee "
            f"where life imprisonment may be imposed, as {case.basis.label} "
            "allows, is not recorded.",
            (exposure,),
            bounds=UP_TO_A_CONDITION,
        )
    policy = own or case.ctx.read(case.requested, "extradition.life_sentence_policy")
    if policy.value == "none":
        return None
    exposure = case.offence_fact(case.requesting, "life_imprisonment")
    reads = (exposure, policy)
    if exposure.value == "no":
        return None
    if exposure.value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "unknown",
            f"Whether {case.a} can impose life imprisonment for this offence is unknown.",
            reads,
        )
    if policy.value == "bar" and exposure.value == "partial":
        refusal = f"{case.b} does not surrender where life imprisonment may be imposed."
        unblock = f"{case.b} accepting an assurance"
        return _bar_on_some_forms(this, case, reads, "life imprisonment", refusal, unblock)
    if policy.value == "bar":
        return make_step(
            this,
            case.who,
            "blocked",
            f"{case.b} does not surrender where life imprisonment may be imposed.",
            reads,
            unblock=f"{case.b} accepting an assurance",
        )
    if policy.value == "assurance_required":
        return make_step(
            this,
            case.who,
            "conditional",
            f"{case.a} can impose life imprisonment; {case.b} "
            "requires an assurance of review or commutation.",
            reads,
            assurance="an assurance that a life sentence is reducible or will be commuted",
        )
    return make_step(
        this, case.who, "unknown", f"{case.b}'s policy on life sentences is unknown.", reads
    )


@rule(
    "speciality",
    "Speciality",
    "curable bar",
    ("ECE Art. 14", "UN Model Treaty Art. 14"),
    inputs=Inputs(
        b=("extradition.speciality_required",), basis=lambda basis: basis.kind, column=False
    ),
)
def speciality(case: Case) -> Step | None:
    """The person may be tried only for the offences for which surrender was granted. A treaty
    or scheme builds this in; without one, the requested state asks for an undertaking."""
    this = EXTRADITION.get("speciality")
    if case.basis.kind != "reciprocity" and case.basis.kind != "multilateral":
        return None
    required = case.ctx.read(case.requested, "extradition.speciality_required")
    if required.value == "no":
        return None
    if required.value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "unknown",
            f"Whether {case.b} requires a speciality undertaking is unknown.",
            (required,),
        )
    return make_step(
        this,
        case.who,
        "conditional",
        f"Without a treaty, {case.b} requires an undertaking of speciality.",
        (required,),
        assurance="an undertaking of speciality",
    )


@rule(
    "discretionary_refusal",
    "Discretionary refusal",
    "discretionary bar",
    ("UN Model Treaty Art. 4",),
    inputs=Inputs(
        b=("extradition.discretionary_refusal",),
        b_extra=lambda ctx, j, o: memberships(ctx, j, "discretionary_refusal"),
        extra_reads=("relations",),
        basis=scheme_id,
        column=False,
    ),
)
def discretionary_refusal(case: Case) -> Step | None:
    """Some requested states keep a discretion to refuse (humanitarian grounds, forum, pending
    domestic proceedings, offence committed on their territory, executive decision). Under a
    surrender scheme, what counts is whether the member kept the scheme's optional grounds of
    refusal when it transposed them (EAW FD Art. 4).

    Such grounds turn on facts of the individual case, which the question (requesting state,
    requested state, offence, nationality of the person) does not fix, and almost every state
    keeps some. They are therefore shown as a caveat on a `possible` step, not as a condition:
    they neither lower nor raise the verdict. A discretion that the question itself triggers,
    such as an option to refuse one's own nationals, is a condition of the nationality rule."""
    this = EXTRADITION.get("discretionary_refusal")
    if case.scheme is not None:
        item = case.member("discretionary_refusal")
        if item is None:
            return make_step(
                this,
                case.who,
                "possible",
                f"Whether {case.b} kept the optional grounds of refusal of {case.basis.label} "
                "is not recorded; such grounds turn on the facts of the individual case and do "
                "not change the answer.",
            )
    else:
        item = case.ctx.read(case.requested, "extradition.discretionary_refusal")
    if item.value == "no":
        return None
    if item.value == UNKNOWN:
        return make_step(
            this,
            case.who,
            "possible",
            f"Whether {case.b} keeps a discretion to refuse is unknown; such grounds turn on "
            "the facts of the individual case and do not change the answer.",
        )
    return make_step(
        this,
        case.who,
        "possible",
        f"Caveat: {case.b} may still refuse on grounds that turn on the facts of the "
        "individual case (humanitarian, forum, pending proceedings).",
        (item,),
    )


_EVIDENCE_WORDS = {
    "prima_facie": "a prima facie case",
    "probable_cause": "probable cause",
    "record_of_case": "a record of the case that would justify committal for trial",
    "serious_indications": "serious indications of guilt",
}


@rule(
    "evidence_standard",
    "Evidence standard",
    "evidence",
    ("UNTOC Art. 16(8)", "UK Extradition Act 2003 s. 84"),
    inputs=Inputs(
        b=("extradition.evidence_standard",),
        column=False,
        basis=lambda basis: basis.relation_id,
        pair=lambda ctx, a, b: _designation_input(ctx, a, b),
    ),
)
def evidence_standard(case: Case) -> Step | None:
    """Common-law requested states often examine evidence before surrender (probable cause, a
    prima facie case, a record of the case); most civil-law states review the request only for
    form. A designation by the requested state may fix it per partner (UK Part 2 territories
    exempt from the prima facie case), whichever instrument is the basis; otherwise a treaty or
    scheme may set it (e.g. no evidence under the EAW)."""
    this = EXTRADITION.get("evidence_standard")
    standard = (
        designated_evidence(case.ctx, case.requesting, case.requested)
        or case.clause("evidence_standard")
        or case.ctx.read(case.requested, "extradition.evidence_standard")
    )
    if standard.value in ("no_evidence", "formal_review"):
        return make_step(
            this,
            case.who,
            "possible",
            f"{case.b} does not weigh the evidence ({standard.value.replace('_', ' ')}).",
            (standard,),
        )
    if standard.value == UNKNOWN:
        return make_step(
            this, case.who, "unknown", f"{case.b}'s evidence standard is unknown.", (standard,)
        )
    words = _EVIDENCE_WORDS[standard.value]
    return make_step(
        this,
        case.who,
        "conditional",
        f"{case.b} requires {words}.",
        (standard,),
        assurance=f"an evidence package showing {words}",
    )


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


def alternative_routes(
    verdict: str, nationality_blocked: bool, prosecutes: object
) -> tuple[str, ...]:
    """Other routes when surrender is blocked or uncertain ({b}: the requested state)."""
    if verdict == "possible":
        return ()
    found: list[str] = []
    if nationality_blocked:
        if prosecutes == "yes":
            found.append(
                "Prosecution in {b} instead of surrender (aut dedere aut judicare, "
                "UNTOC Art. 16(10))."
            )
        elif prosecutes == UNKNOWN:
            found.append(
                "Prosecution in {b} instead (UNTOC Art. 16(10)), if its law gives it "
                "jurisdiction; not confirmed in the corpus."
            )
    found.append(
        "Mutual legal assistance to obtain evidence for a trial elsewhere (UNTOC Art. 18)."
    )
    if verdict == "blocked":
        found.append("Transfer of criminal proceedings to the requested state (UNTOC Art. 21).")
    return tuple(found)


PROSECUTES = "extradition.prosecutes_if_not_extradited"


def evaluate(
    ctx: Context,
    requesting: str,
    requested: str,
    offence: str,
    person: Person,
    basis: Basis | None = None,
) -> Verdict:
    """One extradition verdict with its full trace."""
    a, b = ctx.jurisdictions[requesting], ctx.jurisdictions[requested]
    item = ctx.offences[offence]
    basis = basis or cached_basis(ctx, a, b, item)
    case = Case(ctx, a, b, item, person, basis)
    steps = EXTRADITION.steps(case)
    bounds = verdict_bounds(tuple(s.kind for s in steps))
    verdict = headline(*bounds)
    confidence = verdict_confidence(verdict, steps)
    return assemble_verdict(
        ctx, requesting, requested, offence, person, steps, verdict, confidence, bounds, basis
    )


def assemble_verdict(
    ctx: Context,
    requesting: str,
    requested: str,
    offence: str,
    person: Person | None,
    steps: tuple[Step, ...],
    verdict: Outcome,
    confidence: Confidence,
    bounds: tuple[Outcome, Outcome],
    basis: Basis,
) -> Verdict:
    """An extradition verdict from its trace and headline, whether computed for one question
    (`evaluate`) or read from a grid cell (`grid.verdict_at`): the other routes and the basis
    label follow from them."""
    nationality_blocked = any(s.rule == "nationality" and s.outcome == "blocked" for s in steps)
    prosecutes = ctx.read(ctx.jurisdictions[requested], PROSECUTES).value
    routes = alternative_routes(verdict, nationality_blocked, prosecutes)
    names = names_of((requesting, requested))
    return Verdict(
        kind="extradition",
        requesting=requesting,
        requested=requested,
        offence=offence,
        person=person,
        measure=None,
        verdict=verdict,
        confidence=confidence,
        steps=steps,
        alternatives=tuple(fill(t, *names) for t in routes),
        basis=basis.label,
        best=bounds[0],
        worst=bounds[1],
    )
