"""Invariants of the engine, over generated jurisdictions (synthetic data)."""

from __future__ import annotations

import itertools
import random
from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.analysis.bounds import fact_domain
from generator.analysis.context import Context
from generator.analysis.extradition import evaluate
from generator.analysis.results import SEVERITY, severity
from generator.core.models import LegalBasisPolicy

from .factory import corpus, jurisdiction, offence, relation

# Chains from least to most cooperative, per requested-state fact.
CHAINS = {
    "nationals": [
        ["absolute", "return_guarantee", "none"],
        ["discretionary", "none"],
        ["treaty_only", "none"],
        ["naturalized_limited", "none"],
    ],
    "death_penalty_policy": [["absolute_bar", "assurance_required", "none"]],
    "life_sentence_policy": [["bar", "assurance_required", "none"]],
    "evidence_standard": [
        ["prima_facie", "formal_review"],
        ["probable_cause", "no_evidence"],
        ["serious_indications", "formal_review"],
    ],
    "dual_criminality": [["label", "conduct"]],
    "discretionary_refusal": [["yes", "no"]],
    "speciality_required": [["yes", "no"]],
    "legal_basis": [
        ["treaty_required", "treaty_or_reciprocity", "domestic_law"],
        ["treaty_required", "executive_consent", "domestic_law"],
    ],
    "min_penalty_years": [[3, 2, 1]],
}
ANY = {
    "nationals": [
        "absolute",
        "return_guarantee",
        "none",
        "discretionary",
        "treaty_only",
        "naturalized_limited",
        "eu_or_icc_only",
        "unknown",
    ],
    "death_penalty_policy": ["absolute_bar", "assurance_required", "none", "unknown"],
    "life_sentence_policy": ["bar", "assurance_required", "none", "unknown"],
    "evidence_standard": [
        "prima_facie",
        "probable_cause",
        "formal_review",
        "no_evidence",
        "serious_indications",
        "record_of_case",
        "unknown",
    ],
    "dual_criminality": ["label", "conduct", "unknown"],
    "discretionary_refusal": ["yes", "no", "unknown"],
    "speciality_required": ["yes", "no", "unknown"],
    "legal_basis": list(get_args(LegalBasisPolicy)),  # every value the schema allows
    "min_penalty_years": [1, 2, 3, "unknown"],
}
TRI = ["yes", "no", "partial", "unknown"]

requested_facts = st.fixed_dictionaries({k: st.sampled_from(v) for k, v in ANY.items()})
offence_facts = st.fixed_dictionaries(
    {
        "criminalised": st.sampled_from(TRI),
        "years": st.sampled_from([1, 2, 5, "unknown"]),
        "life": st.sampled_from(TRI),
        "death": st.sampled_from(TRI),
    }
)
scenario = st.tuples(
    requested_facts,
    offence_facts,
    offence_facts,
    st.sampled_from(["national", "other"]),
    st.sampled_from(["abolitionist", "retentionist", "unknown"]),
    st.booleans(),
    st.booleans(),
)


def _offence(facts):
    return {"fraud": offence(facts["criminalised"], facts["years"], facts["life"], facts["death"])}


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
    before = evaluate(
        _world(stricter, off_a, off_b, status, treaty, no_treaty), "US", "BR", "fraud", person
    )
    after = evaluate(
        _world(freer, off_a, off_b, status, treaty, no_treaty), "US", "BR", "fraud", person
    )
    assert SEVERITY[after.verdict] <= SEVERITY[before.verdict], (
        field,
        chain[index],
        before.steps,
        after.steps,
    )


@settings(max_examples=250, deadline=None)
@given(scenario)
def test_unknown_input_never_gives_possible_and_bars_name_provisions(case):
    ext, off_a, off_b, person, status, treaty, no_treaty = case
    v = evaluate(_world(ext, off_a, off_b, status, treaty, no_treaty), "US", "BR", "fraud", person)
    for step in v.steps:
        if any(ref.value == "unknown" for ref in step.facts):
            assert step.outcome != "possible", step
    if v.verdict != "possible":
        assert any(s.provision for s in v.deciding_steps) or v.verdict == "conditional", v.steps
    outcomes = {s.outcome for s in v.steps}
    # A conditional headline may come from unknown steps that can at worst add a condition; a
    # blocked one from unknown steps sharing a fact where every value blocks through one of
    # them (a life sentence meets the penalty threshold but meets the life-sentence bar).
    assert (
        v.verdict in outcomes
        or (v.verdict == "conditional" and v.bounds[1] == "conditional" and "unknown" in outcomes)
        or (v.verdict == "blocked" and v.bounds == ("blocked", "blocked") and "unknown" in outcomes)
    ), v.steps


# The values an unknown input of the scenario can take (years: below, at and above every
# threshold the scenario uses).
# Every value the schema allows (the closed sets the engine's bounds range over).
COMPLETIONS = {
    **{k: list(fact_domain(False, f"extradition.{k}")) for k in ANY},
    "min_penalty_years": [0, 1, 2, 3, 999],
}
OFFENCE_COMPLETIONS = {
    "criminalised": ["yes", "no", "partial"],
    "years": [0, 1, 2, 5, 999],
    "life": ["yes", "no", "partial"],
    "death": ["yes", "no", "partial"],
}
STATUS_COMPLETIONS = ["abolitionist", "abolitionist_ordinary", "moratorium", "retentionist"]


def _unknown_slots(ext, off_a, off_b, status):
    slots = [("ext", k, COMPLETIONS[k]) for k, v in ext.items() if v == "unknown"]
    for side, facts in (("a", off_a), ("b", off_b)):
        slots += [(side, k, OFFENCE_COMPLETIONS[k]) for k, v in facts.items() if v == "unknown"]
    if status == "unknown":
        slots.append(("status", "status", STATUS_COMPLETIONS))
    return slots


def _complete(ext, off_a, off_b, status, slots, values):
    parts = {"ext": dict(ext), "a": dict(off_a), "b": dict(off_b), "status": {"status": status}}
    for (where, key, _), value in zip(slots, values, strict=True):
        parts[where][key] = value
    return parts["ext"], parts["a"], parts["b"], parts["status"]["status"]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario, st.integers(0, 2**32 - 1))
def test_every_completion_of_the_unknown_facts_lies_within_the_bounds(case, seed):
    """Bounds are sound and tight: whatever values the unknown facts turn out to have, the
    completed verdict's own bounds lie within the original ones, and some completion reaches
    each bound, also where one unknown fact decides two steps in opposite directions (a life
    sentence meets the penalty threshold but meets the life-sentence bar) or decides the legal
    basis that later steps depend on. (A completed world can keep an unknown that no fact
    explains, e.g. no treaty recorded either way, so completions are compared by bounds.)"""
    ext, off_a, off_b, person, status, treaty, no_treaty = case
    original = evaluate(
        _world(ext, off_a, off_b, status, treaty, no_treaty), "US", "BR", "fraud", person
    )
    best, worst = (severity(x) for x in original.bounds)
    assert best <= severity(original.verdict) <= worst or original.verdict == "conditional"
    slots = _unknown_slots(ext, off_a, off_b, status)
    every = list(itertools.product(*(values for _, _, values in slots)))
    exhaustive = len(every) <= 200
    if not exhaustive:
        every = random.Random(seed).sample(every, 40)
    reached_best = reached_worst = False
    for values in every:
        c_ext, c_a, c_b, c_status = _complete(ext, off_a, off_b, status, slots, values)
        done = evaluate(
            _world(c_ext, c_a, c_b, c_status, treaty, no_treaty), "US", "BR", "fraud", person
        )
        low, high = (severity(x) for x in done.bounds)
        assert best <= low and high <= worst, (original.bounds, done.bounds, values, slots)
        reached_best |= low == best
        reached_worst |= high == worst
    if exhaustive:
        assert reached_best, (original.bounds, slots, original.steps)
        assert reached_worst, (original.bounds, slots, original.steps)
