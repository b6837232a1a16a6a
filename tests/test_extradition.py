"""Each extradition rule on its own, with small hand-made jurisdictions (synthetic data)."""

from __future__ import annotations

import pytest

from generator.analysis.context import Context
from generator.analysis.extradition import evaluate
from generator.analysis.results import Verdict
from generator.core.models import Relation

from .factory import corpus, fact, jurisdiction, offence, relation


def verdict(*states, a="AA", b="BB", offence_id="fraud", person="other", relations=()) -> Verdict:
    return evaluate(Context(corpus(*states, relations=relations)), a, b, offence_id, person)


def step(v: Verdict, rule: str):
    found = [s for s in v.steps if s.rule == rule]
    return found[0] if found else None


A, B = "US", "BR"  # codes only; every fact below is synthetic


def both(ext_b=None, off_a=None, off_b=None, **kw):
    return (
        jurisdiction(A, offences=off_a, **kw.get("a", {})),
        jurisdiction(B, extradition=ext_b, offences=off_b),
    )


def test_everything_cooperative_is_conditional_on_reciprocity_only():
    v = verdict(*both(), a=A, b=B)
    assert v.verdict == "conditional"
    assert [s.rule for s in v.steps if s.outcome != "possible"] == ["legal_basis"]
    assert v.assurances == ("an undertaking by United States to reciprocate",)


def test_treaty_required_without_any_recorded_treaty_is_unknown_not_blocked():
    v = verdict(*both({"legal_basis": "treaty_required"}), a=A, b=B)
    assert v.verdict == "unknown"
    assert "none is recorded as absent" in step(v, "legal_basis").reason


def test_treaty_required_with_a_sourced_no_treaty_record_is_blocked():
    none = relation("aa_bb_none", [A, B], kind="no_treaty")
    v = verdict(*both({"legal_basis": "treaty_required"}), a=A, b=B, relations=(none,))
    assert v.verdict == "blocked"
    assert step(v, "legal_basis").outcome == "blocked"
    assert "Art. 16(5)" in step(v, "legal_basis").unblock


def test_designation_with_a_no_treaty_record_is_unknown_not_blocked():
    """A state that extradites to the partners it designates may designate one without a
    treaty (or make an arrangement for one case): a sourced absence of treaty leaves the
    designation open, it does not block (the false blocks of Japan's no-treaty records)."""
    none = relation("aa_bb_none", [A, B], kind="no_treaty")
    v = verdict(*both({"legal_basis": "designation"}), a=A, b=B, relations=(none,))
    basis = step(v, "legal_basis")
    assert basis.outcome == "unknown" and v.verdict == "unknown"
    assert "whether" in basis.reason and "has designated" in basis.reason
    designated = relation("bb_list", [B, A], kind="designation", precedence=60)
    listed = verdict(*both({"legal_basis": "designation"}), a=A, b=B, relations=(none, designated))
    assert step(listed, "legal_basis").outcome == "possible"


def test_untoc_accepted_as_basis_for_a_convention_offence():
    ext = {"legal_basis": "treaty_required"}
    instruments_a = {"UNTOC": {"status": fact("party")}}
    instruments_b = {
        "UNTOC": {"status": fact("party"), "accepts_as_extradition_basis": fact("yes")}
    }
    a = jurisdiction(A, offences={"money_laundering": offence()}, instruments=instruments_a)
    b = jurisdiction(
        B, extradition=ext, offences={"money_laundering": offence()}, instruments=instruments_b
    )
    v = verdict(a, b, a=A, b=B, offence_id="money_laundering")
    assert step(v, "legal_basis").outcome == "possible"
    assert v.basis == "UNTOC"
    # murder is not a Convention offence: UNTOC gives no basis for it
    a2 = a.model_copy(update={"offences": {"murder": offence()}})
    b2 = b.model_copy(update={"offences": {"murder": offence()}})
    assert verdict(a2, b2, a=A, b=B, offence_id="murder").verdict == "unknown"


def test_not_criminalised_in_requested_state_blocks():
    v = verdict(*both(off_b={"fraud": offence("no")}), a=A, b=B)
    assert step(v, "dual_criminality").outcome == "blocked"
    assert v.verdict == "blocked"


def test_partial_definition_makes_dual_criminality_conditional():
    off = {"fraud": offence("partial")}
    off["fraud"]["criminalised"]["note"] = "only frauds above a value"
    v = verdict(*both(off_b=off), a=A, b=B)
    assert step(v, "dual_criminality").outcome == "conditional"


def list_scheme() -> Relation:
    """A surrender scheme between A and B that waives dual criminality for listed offences
    punishable by at least three years (as the EAW Framework Decision, Art. 2(2))."""
    return relation(
        "eaw",
        [A, B],
        kind="regional_scheme",
        precedence=10,
        clauses={"dual_criminality": "list_waived", "list_threshold_years": 3},
    )


def test_list_scheme_waives_dual_criminality_at_three_years():
    scheme = list_scheme()
    off_b = {"fraud": offence("no")}
    v = verdict(
        *both(off_a={"fraud": offence(years=3)}, off_b=off_b), a=A, b=B, relations=(scheme,)
    )
    assert step(v, "dual_criminality").outcome == "possible"
    below = verdict(
        *both(off_a={"fraud": offence(years=2)}, off_b=off_b), a=A, b=B, relations=(scheme,)
    )
    assert step(below, "dual_criminality").outcome == "blocked"


def test_penalty_threshold_applies_in_both_states_and_life_meets_it():
    low = verdict(*both({"min_penalty_years": 2}, off_a={"fraud": offence(years=1)}), a=A, b=B)
    assert step(low, "penalty_threshold").outcome == "blocked"
    assert "United States" in step(low, "penalty_threshold").reason
    life = verdict(
        *both({"min_penalty_years": 2}, off_a={"fraud": offence(years="unknown", life="yes")}),
        a=A,
        b=B,
    )
    assert step(life, "penalty_threshold").outcome == "possible"


@pytest.mark.parametrize("severe", [{"life": "partial"}, {"death": "partial"}])
def test_a_life_or_death_penalty_of_the_gravest_form_meets_the_threshold(severe):  # noqa: ANN001
    """A threshold is compared with the offence's gravest form, as the maximum penalty in years
    records the highest term among its forms: life or death for some forms (partial) meets it,
    as for every form, in the penalty threshold and in a list scheme's waiver."""
    gravest = {"fraud": offence(years="unknown", **severe)}
    v = verdict(*both({"min_penalty_years": 2}, off_a=gravest), a=A, b=B)
    assert step(v, "penalty_threshold").outcome == "possible"
    off_b = {"fraud": offence("no")}
    listed = verdict(*both(off_a=gravest, off_b=off_b), a=A, b=B, relations=(list_scheme(),))
    assert step(listed, "dual_criminality").outcome == "possible"


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("absolute", "blocked"),
        ("return_guarantee", "conditional"),
        ("discretionary", "conditional"),
        ("none", "possible"),
        ("naturalized_limited", "blocked"),
        ("treaty_only", "unknown"),
        ("eu_or_icc_only", "blocked"),
        ("unknown", "unknown"),
    ],
)
def test_nationality_rule_variants(rule, expected):
    v = verdict(*both({"nationals": rule}), a=A, b=B, person="national")
    assert step(v, "nationality").outcome == expected
    assert step(verdict(*both({"nationals": rule}), a=A, b=B), "nationality") is None


def test_nationality_bar_offers_prosecution_instead():
    v = verdict(*both({"nationals": "absolute"}), a=A, b=B, person="national")
    assert v.alternatives[0].startswith("Prosecution in Brazil instead of surrender")


def test_treaty_clause_lets_a_treaty_only_state_surrender_nationals():
    treaty = relation("aa_bb", [A, B], clauses={"nationals": "obligatory"})
    v = verdict(
        *both({"nationals": "treaty_only"}), a=A, b=B, person="national", relations=(treaty,)
    )
    assert step(v, "nationality").outcome == "possible"
    silent = relation("aa_bb", [A, B])
    v = verdict(
        *both({"nationals": "treaty_only"}), a=A, b=B, person="national", relations=(silent,)
    )
    assert step(v, "nationality").outcome == "unknown"


def test_treaty_only_nationals_are_blocked_only_when_no_treaty_is_a_sourced_fact():
    none = relation("aa_bb_none", [A, B], kind="no_treaty")
    v = verdict(*both({"nationals": "treaty_only"}), a=A, b=B, person="national", relations=(none,))
    assert step(v, "nationality").outcome == "blocked"
    assert "no treaty is in force" in step(v, "nationality").reason


def test_a_party_declaration_under_a_scheme_overrides_the_domestic_rule():
    scheme = relation(
        "tca", [A, B], kind="regional_scheme", members={B: {"nationals": fact("absolute")}}
    )
    v = verdict(*both({"nationals": "none"}), a=A, b=B, person="national", relations=(scheme,))
    assert step(v, "nationality").outcome == "blocked"


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("absolute_bar", "blocked"),
        ("assurance_required", "conditional"),
        ("none", "possible"),
        ("unknown", "unknown"),
    ],
)
def test_death_penalty_policy_when_requesting_state_can_impose_death(policy, expected):
    off_a = {"fraud": offence(death="yes")}
    a = {"death_penalty_status": "retentionist"}
    v = verdict(*both({"death_penalty_policy": policy}, off_a=off_a, a=a), a=A, b=B)
    assert step(v, "death_penalty").outcome == expected


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("absolute_bar", "conditional"),
        ("assurance_required", "conditional"),
        ("none", "possible"),
        ("unknown", "unknown"),
    ],
)
def test_death_for_some_forms_of_the_offence_bars_only_those_forms(policy, expected):
    """Death possible only for some forms (e.g. smuggling that results in a death): an
    absolute bar refuses only a request for such a form, so the verdict is conditional on the
    request, with that condition stated, not blocked."""
    off_a = {"fraud": offence(death="partial")}
    a = {"death_penalty_status": "retentionist"}
    v = verdict(*both({"death_penalty_policy": policy}, off_a=off_a, a=a), a=A, b=B)
    found = step(v, "death_penalty")
    assert found.outcome == expected
    if policy == "absolute_bar":
        assert "only for some forms" in found.reason
        assert (
            found.assurance
            == "a request for a form of the offence that United States does not punish with death"
        )


@pytest.mark.parametrize(("exposure", "expected"), [("yes", "blocked"), ("partial", "conditional")])
def test_a_life_sentence_bar_refuses_only_the_forms_that_carry_life(exposure, expected):
    off_a = {"fraud": offence(life=exposure)}
    v = verdict(*both({"life_sentence_policy": "bar"}, off_a=off_a), a=A, b=B)
    assert step(v, "life_imprisonment").outcome == expected


def test_no_death_penalty_step_for_an_abolitionist_requesting_state():
    v = verdict(*both({"death_penalty_policy": "absolute_bar"}), a=A, b=B)
    assert step(v, "death_penalty") is None


def test_a_known_bar_still_blocks_when_other_facts_are_unknown():
    v = verdict(
        *both(
            {
                "nationals": "absolute",
                "evidence_standard": "unknown",
                "legal_basis": "treaty_required",
            }
        ),
        a=A,
        b=B,
        person="national",
    )
    assert v.verdict == "blocked"
    assert {s.outcome for s in v.steps} >= {"blocked", "unknown"}


def test_evidence_standard_and_speciality_conditions():
    v = verdict(*both({"evidence_standard": "prima_facie", "speciality_required": "yes"}), a=A, b=B)
    assert (
        step(v, "evidence_standard").assurance == "an evidence package showing a prima facie case"
    )
    assert step(v, "speciality").outcome == "conditional"
    treaty = relation("aa_bb", [A, B])
    v = verdict(*both({"speciality_required": "yes"}), a=A, b=B, relations=(treaty,))
    assert step(v, "speciality") is None  # a treaty builds speciality in


def test_label_test_with_different_models_and_a_treaty_equivalence():
    conspiracy = offence(elements={"UNTOC-5-1-a-i": fact("full")})
    association = offence(elements={"UNTOC-5-1-a-ii": fact("full")})
    a = jurisdiction(A, offences={"participation_ocg": conspiracy})
    b = jurisdiction(
        B, extradition={"dual_criminality": "label"}, offences={"participation_ocg": association}
    )
    v = verdict(a, b, a=A, b=B, offence_id="participation_ocg")
    assert step(v, "dual_criminality").outcome == "conditional"
    treaty = relation(
        "aa_bb",
        [A, B],
        clauses={
            "label_equivalences": [
                {
                    "offence": "participation_ocg",
                    "text": "conspiracy and associazione are equivalent",
                }
            ]
        },
    )
    v = verdict(a, b, a=A, b=B, offence_id="participation_ocg", relations=(treaty,))
    assert step(v, "dual_criminality").outcome == "possible"
    assert "associazione" in step(v, "dual_criminality").reason


def test_penalty_threshold_on_a_fraction_of_a_year():
    half = verdict(*both({"min_penalty_years": 0.5}, off_a={"fraud": offence(years=1)}), a=A, b=B)
    assert step(half, "penalty_threshold").outcome == "possible"
    assert "0.5 year(s)" in step(half, "penalty_threshold").reason


def test_penalty_basis_treaty_defined_needs_the_treaty_threshold():
    """A state that leaves the threshold to each treaty (Italy, the United States) applies
    none where the basis is not a treaty (reciprocity, a convention); under a treaty that
    states none in the corpus, the treaty's clause is what research must find."""
    ext = {"penalty_basis": "treaty_defined", "min_penalty_years": "unknown"}
    v = verdict(*both(ext), a=A, b=B)
    assert v.basis == "reciprocity"
    assert step(v, "penalty_threshold").outcome == "possible"
    assert "no treaty that sets one" in step(v, "penalty_threshold").reason
    treaty = relation("aa_bb", [A, B], clauses={"min_penalty_years": 1})
    with_treaty = verdict(*both(ext), a=A, b=B, relations=(treaty,))
    assert step(with_treaty, "penalty_threshold").outcome == "possible"
    silent = verdict(*both(ext), a=A, b=B, relations=(relation("aa_bb", [A, B]),))
    missing = step(silent, "penalty_threshold")
    assert missing.outcome == "unknown"
    # What research must find is the treaty's threshold, not a statutory one.
    assert [(f.owner, f.path, f.value) for f in missing.facts] == [
        ("relation:aa_bb", "clauses.min_penalty_years", "unknown"),
        (B, "extradition.penalty_basis", "treaty_defined"),
    ]


def test_penalty_basis_minimum_blocks_only_on_the_requested_states_maximum():
    ext = {"penalty_basis": "minimum", "min_penalty_years": 4}
    low_here = verdict(*both(ext, off_b={"fraud": offence(years=3)}), a=A, b=B)
    assert step(low_here, "penalty_threshold").outcome == "blocked"
    low_there = verdict(*both(ext, off_a={"fraud": offence(years=3)}), a=A, b=B)
    assert step(low_there, "penalty_threshold").outcome == "unknown"
    assert "minimum of the penalty range" in step(low_there, "penalty_threshold").reason


def test_penalty_basis_minimum_clears_where_the_requested_states_minimum_reaches_it():
    """Colombia's threshold (CPP art. 493(1)): the minimum of its own penalty range must be at
    least four years. A recorded minimum that reaches it clears the step even where the maximum
    is unknown; a lower minimum leaves it to the form of the offence charged."""
    ext = {"penalty_basis": "minimum", "min_penalty_years": 4}
    reaches = offence(years="unknown", min_penalty_years=8)
    cleared = step(verdict(*both(ext, off_b={"fraud": reaches}), a=A, b=B), "penalty_threshold")
    assert cleared.outcome == "possible"
    assert "minimum penalty in" in cleared.reason and "(8 years)" in cleared.reason
    below = offence(years=10, min_penalty_years=1.5)
    depends = step(verdict(*both(ext, off_b={"fraud": below}), a=A, b=B), "penalty_threshold")
    assert depends.outcome == "unknown"
    assert (depends.best, depends.worst) == ("possible", "blocked")
    assert "depends on the conduct charged" in depends.reason
    # A maximum below the threshold still blocks, whatever minimum is recorded.
    short = offence(years=3, min_penalty_years=1)
    blocked = step(verdict(*both(ext, off_b={"fraud": short}), a=A, b=B), "penalty_threshold")
    assert blocked.outcome == "blocked"


def test_penalty_basis_midpoint_blocks_on_either_states_maximum_else_unknown():
    """Argentina and Mexico measure the threshold on the mid-point of the range (Ley 24.767
    art. 6; LEI art. 6): a maximum below it blocks; a maximum of at least twice it clears it
    whatever the minimum; in between the unrecorded minimum decides."""
    ext = {"penalty_basis": "midpoint", "min_penalty_years": 2}
    low_there = verdict(*both(ext, off_a={"fraud": offence(years=1)}), a=A, b=B)
    assert step(low_there, "penalty_threshold").outcome == "blocked"
    between = offence(years=3)
    middle = verdict(*both(ext, off_a={"fraud": between}, off_b={"fraud": between}), a=A, b=B)
    assert step(middle, "penalty_threshold").outcome == "unknown"
    assert "mid-point" in step(middle, "penalty_threshold").reason
    high = verdict(*both(ext), a=A, b=B)  # 10 years in both: at least twice 2
    assert step(high, "penalty_threshold").outcome == "possible"
    assert "at least twice it" in step(high, "penalty_threshold").reason


def test_designated_evidence_standard_applies_whatever_the_basis():
    """A designation fixing the evidence a partner must supply (UK Part 2 art. 3 style) wins
    over the requested state's default even when a bilateral treaty is the legal basis."""
    ext = {"evidence_standard": "prima_facie", "legal_basis": "treaty_required"}
    treaty = relation("aa_bb", [A, B])
    designation = relation(
        "bb_designation",
        [B, A],
        kind="designation",
        precedence=60,
        members={A: {"evidence_required": fact("no_evidence")}},
    )
    v = verdict(*both(ext), a=A, b=B, relations=(treaty, designation))
    assert v.basis == "Test relation aa_bb"
    assert step(v, "evidence_standard").outcome == "possible"
    assert step(v, "evidence_standard").facts[0].path == f"parties.{A}.evidence_required"
    without = verdict(*both(ext), a=A, b=B, relations=(treaty,))
    assert step(without, "evidence_standard").outcome == "conditional"


def test_penalty_law_requested_only_ignores_the_requesting_states_penalty():
    ext = {"penalty_law": "requested_only", "min_penalty_years": 2}
    low_there = verdict(*both(ext, off_a={"fraud": offence(years=1)}), a=A, b=B)
    assert step(low_there, "penalty_threshold").outcome == "possible"
    assert "Punishable in Brazil above" in step(low_there, "penalty_threshold").reason
    low_here = verdict(*both(ext, off_b={"fraud": offence(years=1)}), a=A, b=B)
    assert step(low_here, "penalty_threshold").outcome == "blocked"
    both_laws = verdict(
        *both({"min_penalty_years": 2}, off_a={"fraud": offence(years=1)}), a=A, b=B
    )
    assert step(both_laws, "penalty_threshold").outcome == "blocked"


def test_a_case_specific_discretion_is_a_caveat_not_a_condition():
    """Discretionary grounds (humanitarian, forum, pending proceedings) turn on facts of the
    individual case that the question does not fix: the verdict stays `possible` and the
    step says what could still be raised."""
    for value in ("yes", "partial", "unknown"):
        ext = {"legal_basis": "domestic_law", "discretionary_refusal": value}
        v = verdict(*both(ext), a=A, b=B)
        assert v.verdict == "possible", (value, v.steps)
        assert step(v, "discretionary_refusal").outcome == "possible"
    ext = {"legal_basis": "domestic_law", "discretionary_refusal": "yes"}
    caveat = verdict(*both(ext), a=A, b=B)
    assert step(caveat, "discretionary_refusal").reason.startswith("Caveat:")


def test_executive_consent_without_a_treaty_is_conditional_on_that_consent():
    v = verdict(*both({"legal_basis": "executive_consent"}), a=A, b=B)
    assert v.verdict == "conditional"
    assert step(v, "legal_basis").outcome == "conditional"
    assert v.assurances == ("the consent of Brazil's executive to this surrender",)


@pytest.mark.parametrize(
    ("life", "policy", "expected"),
    [
        ("yes", "bar", "blocked"),
        ("yes", "assurance_required", "conditional"),
        ("yes", "none", None),
        ("no", "bar", None),
        ("unknown", "bar", "unknown"),
        ("yes", "unknown", "unknown"),
    ],
)
def test_life_imprisonment_against_the_requested_states_policy(life, policy, expected):  # noqa: ANN001
    """The life-sentence rule reads the requesting state's exposure and the requested state's
    policy: a bar blocks and names the assurance that would unblock it, a requirement makes
    the verdict conditional on that assurance, and no exposure or no policy means no step."""
    ext = {"legal_basis": "domestic_law", "life_sentence_policy": policy}
    v = verdict(*both(ext, off_a={"fraud": offence(life=life)}), a=A, b=B)
    found = step(v, "life_imprisonment")
    assert (found.outcome if found else None) == expected, v.steps
    if expected == "blocked":
        assert v.verdict == "blocked"
        assert "assurance" in found.unblock
    if expected == "conditional":
        assert "reducible" in found.assurance
        assert v.verdict == "conditional"
