"""Invariants of the engine, over generated jurisdictions (synthetic data)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.analysis.context import Context
from generator.analysis.extradition import evaluate
from generator.analysis.results import _SEVERITY

from .factory import corpus, jurisdiction, offence, relation

# Chains from least to most cooperative, per requested-state fact.
CHAINS = {
    "nationals": [["absolute", "return_guarantee", "none"], ["discretionary", "none"],
                  ["treaty_only", "none"], ["naturalized_limited", "none"]],
    "death_penalty_policy": [["absolute_bar", "assurance_required", "none"]],
    "life_sentence_policy": [["bar", "assurance_required", "none"]],
    "evidence_standard": [["prima_facie", "formal_review"], ["probable_cause", "no_evidence"],
                          ["serious_indications", "formal_review"]],
    "dual_criminality": [["label", "conduct"]],
    "discretionary_refusal": [["yes", "no"]],
    "speciality_required": [["yes", "no"]],
    "legal_basis": [["treaty_required", "treaty_or_reciprocity"]],
    "min_penalty_years": [[3, 2, 1]],
}
ANY = {
    "nationals": ["absolute", "return_guarantee", "none", "discretionary", "treaty_only",
                  "naturalized_limited", "eu_or_icc_only", "unknown"],
    "death_penalty_policy": ["absolute_bar", "assurance_required", "none", "unknown"],
    "life_sentence_policy": ["bar", "assurance_required", "none", "unknown"],
    "evidence_standard": ["prima_facie", "probable_cause", "formal_review", "no_evidence",
                          "serious_indications", "record_of_case", "unknown"],
    "dual_criminality": ["label", "conduct", "unknown"],
    "discretionary_refusal": ["yes", "no", "unknown"],
    "speciality_required": ["yes", "no", "unknown"],
    "legal_basis": ["treaty_required", "treaty_or_reciprocity", "designation", "unknown"],
    "min_penalty_years": [1, 2, 3, "unknown"],
}
TRI = ["yes", "no", "partial", "unknown"]

requested_facts = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in ANY.items()})
offence_facts = st.fixed_dictionaries({
    "criminalised": st.sampled_from(TRI), "years": st.sampled_from([1, 2, 5, "unknown"]),
    "life": st.sampled_from(TRI), "death": st.sampled_from(TRI),
})
scenario = st.tuples(requested_facts, offence_facts, offence_facts,
                     st.sampled_from(["national", "other"]),
                     st.sampled_from(["abolitionist", "retentionist", "unknown"]),
                     st.booleans(), st.booleans())


def _offence(facts):
    return {"fraud": offence(facts["criminalised"], facts["years"], facts["life"],
                             facts["death"])}


def _world(ext, off_a, off_b, status, treaty, no_treaty):
    a = jurisdiction("US", offences=_offence(off_a), death_penalty_status=status)
    off = _offence(off_b)
    if off_b["criminalised"] == "partial":
        off["fraud"]["criminalised"]["note"] = "synthetic"
    b = jurisdiction("BR", extradition=ext, offences=off)
    relations = ()
    if treaty:
        relations = (relation("us_br", ["US", "BR"], clauses={"nationals": "obligatory"}),)
    elif no_treaty:
        relations = (relation("us_br_none", ["US", "BR"], kind="no_treaty"),)
    return Context(corpus(a, b, relations=relations))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario, st.sampled_from(sorted(CHAINS)), st.data())
def test_a_more_cooperative_requested_fact_never_makes_a_verdict_stricter(case, field, data):
    ext, off_a, off_b, person, status, treaty, no_treaty = case
    chain = data.draw(st.sampled_from(CHAINS[field]))
    index = data.draw(st.integers(0, len(chain) - 2))
    stricter = {**ext, field: chain[index]}
    freer = {**ext, field: chain[index + 1]}
    before = evaluate(_world(stricter, off_a, off_b, status, treaty, no_treaty),
                      "US", "BR", "fraud", person)
    after = evaluate(_world(freer, off_a, off_b, status, treaty, no_treaty),
                     "US", "BR", "fraud", person)
    assert _SEVERITY[after.verdict] <= _SEVERITY[before.verdict], (field, chain[index],
                                                                   before.steps, after.steps)


@settings(max_examples=250, deadline=None)
@given(scenario)
def test_unknown_input_never_gives_possible_and_bars_name_provisions(case):
    ext, off_a, off_b, person, status, treaty, no_treaty = case
    v = evaluate(_world(ext, off_a, off_b, status, treaty, no_treaty), "US", "BR", "fraud",
                 person)
    for step in v.steps:
        if any(ref.value == "unknown" for ref in step.facts):
            assert step.outcome != "possible", step
    if v.verdict != "possible":
        assert any(s.provision for s in v.deciding_steps), v.steps
    assert v.verdict in {s.outcome for s in v.steps}
