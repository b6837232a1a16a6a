"""The world-scale engine gives exactly what evaluating each question on its own gives, and
its what-if leverage equals rebuilding the world with the changed file."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.analysis.context import Context, fact_at, replace_fact
from generator.analysis.extradition import evaluate
from generator.analysis.grid import Verdicts, build_grid, improves, keys, what_if, what_ifs
from generator.analysis.grid.keys import GridTooLarge, check_dimensions
from generator.analysis.leverage import proposal, rank_reforms
from generator.analysis.mla import evaluate_mla
from generator.analysis.research import research_priorities
from generator.analysis.results import OUTCOMES, Verdict
from generator.analysis.world import verdict_grids
from generator.io.load import load_files, read_folder

from .conftest import shipped_context

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import generate  # noqa: E402


@cache
def shipped() -> Context:
    """The shipped corpus's researched profiles (the treaty-status profiles of the rest of
    the world add pairs, not rules: the tests that compare every verdict one by one stay on
    the states whose every rule has facts to read)."""
    corpus = shipped_context().corpus
    full = tuple(j for j in corpus.jurisdictions if j.tier == "full")
    return Context(corpus.model_copy(update={"jurisdictions": full}))


@cache
def synthetic(tmp: str) -> Context:
    folder = generate(Path(tmp) / "synthetic", 10)
    return Context(load_files(read_folder(folder), "synthetic").corpus())


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Context:  # noqa: ANN001
    return synthetic(str(tmp_path_factory.mktemp("grid")))


def trace(verdict: Verdict) -> tuple[object, ...]:
    return (
        verdict.verdict,
        verdict.confidence,
        verdict.basis,
        verdict.alternatives,
        [
            (
                s.rule,
                s.outcome,
                s.reason,
                s.provision,
                s.citations,
                s.facts,
                s.assurance,
                s.unblock,
                s.confidence,
            )
            for s in verdict.steps
        ],
    )


def assert_world_equals_each_question(ctx: Context) -> None:
    grids = verdict_grids(ctx)
    checked = 0
    for verdict in Verdicts(ctx, grids["extradition"]):
        alone = evaluate(
            ctx,
            verdict.requesting,
            verdict.requested,
            verdict.offence or "",
            verdict.person or "other",
        )
        assert trace(verdict) == trace(alone), verdict.key
        checked += 1
    for verdict in Verdicts(ctx, grids["mla"]):
        alone = evaluate_mla(ctx, verdict.requesting, verdict.requested, verdict.measure or "")
        assert trace(verdict) == trace(alone), verdict.key
        checked += 1
    assert checked == len(ctx.codes) * (len(ctx.codes) - 1) * (12 * 2 + 9)


def test_world_equals_each_question_on_the_shipped_corpus():
    assert_world_equals_each_question(shipped())


def test_world_equals_each_question_on_a_synthetic_corpus(small):
    assert_world_equals_each_question(small)


def rebuilt_changes(
    ctx: Context, before: dict[str, Any], code: str, path: str
) -> tuple[tuple[str, str, int], ...]:
    """What a reform changes, by rebuilding every grid with the changed file (`before`: the
    grids of `ctx`)."""
    current = fact_at(ctx.jurisdictions[code], path)
    assert current is not None
    found = proposal(path)
    assert found is not None
    changed = Context(
        ctx.corpus,
        {code: replace_fact(ctx.jurisdictions[code], path, type(current)(value=found[0]))},
    )
    after = verdict_grids(changed)
    counts: Counter[tuple[str, str]] = Counter()
    for name, grid in before.items():
        old, new = grid.verdicts, after[name].verdicts
        for index in zip(*np.nonzero(old != new), strict=True):
            counts[(OUTCOMES[old[index]], OUTCOMES[new[index]])] += 1
    return tuple((a, b, n) for (a, b), n in sorted(counts.items()))


def test_leverage_equals_rebuilding_the_world(small):
    before = verdict_grids(small)
    reforms = rank_reforms(small, verdict_grids(small), workers=1)
    assert len(reforms) > 50
    for reform in reforms[::5]:  # a sample across the ranking: each check rebuilds the world
        assert reform.changes == rebuilt_changes(small, before, reform.jurisdiction, reform.path), (
            reform.jurisdiction,
            reform.path,
        )


def test_leverage_on_the_shipped_corpus_equals_rebuilding_for_the_top_reforms():
    ctx = shipped()
    before = verdict_grids(ctx)
    reforms = rank_reforms(ctx, verdict_grids(ctx))
    assert reforms
    for reform in reforms[:5]:
        assert reform.changes == rebuilt_changes(ctx, before, reform.jurisdiction, reform.path)


@pytest.mark.parametrize("kind", ["extradition", "mla"])
def test_a_grid_built_by_two_workers_is_the_grid_built_by_one(small, kind):
    """Rules evaluated in forked workers, each with its own table of step kinds, give the same
    kind ids, layers, plain kinds and verdicts as one process evaluating them in order; outcomes
    computed half in a forked process are those computed in one."""
    one, two = build_grid(small, kind, workers=1), build_grid(small, kind, workers=2)
    assert one.kinds.values == two.kinds.values
    assert np.array_equal(one.steps, two.steps)
    for name in ("verdicts", "confidences", "best", "worst"):  # two processes computed these
        assert np.array_equal(getattr(one, name), getattr(two, name)), name
    for a, b in zip(one.states, two.states, strict=True):
        assert a.rule is b.rule
        assert (a.kind_ids, a.plain_kinds) == (b.kind_ids, b.plain_kinds)
    # The adopted plain kinds serve what-ifs as the serial ones do.
    path = (
        "extradition.nationals"
        if kind == "extradition"
        else "evidence.measures.search_and_seizure.available"
    )
    found = proposal(path)
    assert found is not None
    for code in small.codes:
        current = fact_at(small.jurisdictions[code], path)
        if current is not None and current.value != found[0]:
            changed = small.with_override(
                replace_fact(small.jurisdictions[code], path, type(current)(value=found[0]))
            )
            assert what_if(one, changed, code, path) == what_if(two, changed, code, path)
            break
    else:
        raise AssertionError(f"no state to change {path} in")


def test_two_workers_rank_the_same_reforms_as_one(small):
    grids = verdict_grids(small)
    assert rank_reforms(small, grids, workers=2) == rank_reforms(
        small, verdict_grids(small), workers=1
    )


def assert_what_ifs_equal_one_at_a_time(ctx: Context, path: str) -> int:
    """Batched what-ifs (one block for every state changing the same fact) give each state
    exactly what its own what-if gives; returns how many verdicts the changes move."""
    found = proposal(path)
    assert found is not None
    changes = []
    for code in ctx.codes:
        current = fact_at(ctx.jurisdictions[code], path)
        if current is not None and current.value != found[0]:
            changes.append(
                (
                    code,
                    ctx.with_override(
                        replace_fact(ctx.jurisdictions[code], path, type(current)(value=found[0]))
                    ),
                )
            )
    assert len(changes) > 2, path
    moved = 0
    fresh = verdict_grids(ctx)  # grids whose memos the batched what-ifs did not fill
    for grid in verdict_grids(ctx).values():
        together = what_ifs(grid, path, changes)
        alone = [what_if(fresh[grid.kind], changed, code, path) for code, changed in changes]
        assert together == alone, (grid.kind, path)
        moved += sum(sum(counts.values()) for counts, _ in together)
    return moved


@pytest.mark.parametrize(
    "path",
    [
        "offences.fraud.criminalised",
        "extradition.nationals",
        "extradition.min_penalty_years",
        "evidence.measures.search_and_seizure.available",
    ],
)
def test_what_ifs_of_one_fact_in_many_states_equal_one_state_at_a_time(small, path):
    assert assert_what_ifs_equal_one_at_a_time(small, path)  # verdicts that change compared


def test_what_ifs_of_a_legal_basis_input_equal_one_state_at_a_time():
    """A change to an input of the legal-basis choice (the US extraditing without a treaty
    moves verdicts in the shipped corpus) re-chooses the basis of every changed state's pairs."""
    assert assert_what_ifs_equal_one_at_a_time(shipped(), "extradition.legal_basis")


def test_reform_examples_show_improvements_first(small):
    reforms = rank_reforms(small, verdict_grids(small), workers=1)
    with_improvements = [r for r in reforms if r.unblocked]
    assert with_improvements
    for reform in with_improvements:
        flags = [improves(example.before, example.after) for example in reform.examples]
        assert flags and flags[0], reform
        assert flags == sorted(flags, reverse=True)


def research_by_trace(ctx: Context) -> dict[tuple[str, str], tuple[int, int]]:
    """Research priorities counted the slow way: every open verdict's trace (best and worst
    case differ), bound; only steps whose own bounds are open count."""
    waiting: Counter[tuple[str, str]] = Counter()
    alone: Counter[tuple[str, str]] = Counter()
    for family in verdict_grids(ctx).values():
        for verdict in Verdicts(ctx, family):
            if verdict.bounds[0] == verdict.bounds[1]:
                continue
            missing = {
                (fact.owner, fact.path)
                for step in verdict.steps
                if step.outcome == "unknown" and step.best != step.worst
                for fact in step.facts
                if fact.value == "unknown"
            }
            waiting.update(missing)
            if len(missing) == 1:
                alone.update(missing)
    return {key: (count, alone[key]) for key, count in waiting.items()}


@pytest.mark.parametrize("which", ["shipped", "synthetic"])
def test_research_priorities_equal_counting_each_unknown_verdicts_trace(small, which):
    ctx = shipped() if which == "shipped" else small
    found = research_priorities(ctx, verdict_grids(ctx))
    assert {(n.owner, n.path): (n.waiting, n.alone) for n in found} == research_by_trace(ctx)
    assert found[0].alone > 0  # something to settle, most first
    assert [(-n.alone, -n.waiting) for n in found] == sorted((-n.alone, -n.waiting) for n in found)


def test_key_widths_refuse_a_grid_too_large_for_them():
    check_dimensions(states=200, columns=31, persons=2)  # within every field of `keys.BITS`
    for shape, limit in (((10, 32, 2), 31), ((10, 4, 3), 2), ((3000, 31, 2), 65535)):
        with pytest.raises(GridTooLarge, match=f"allows at most {limit} "):
            check_dimensions(*shape)


def test_build_grid_checks_key_widths_before_it_evaluates(small, monkeypatch):
    monkeypatch.setattr(keys, "BITS", keys.BITS._replace(column=2))  # at most 3 columns
    with pytest.raises(GridTooLarge, match="9 columns; a packed cell key allows at most 3"):
        build_grid(small, "mla")


@pytest.mark.parametrize("kind", ["extradition", "mla"])
def test_completing_a_party_status_as_party_or_not_is_exact(kind, monkeypatch):
    """Bounds complete an unknown party status as party or not party only
    (`bounds.PARTY_OR_NOT`), on the claim that no rule tells a signatory from a non-party:
    completing it with every value of the schema gives the same verdicts and bounds."""
    from generator.analysis import bounds

    corpus = shipped().corpus  # the researched states: some party statuses are unknown
    reduced = build_grid(Context(corpus), kind, workers=1)
    full_set: list[str] = []

    def every_value(of_relation: bool, path: str) -> tuple[object, ...]:
        if bounds.is_party_status(of_relation, path):
            full_set.append(path)
            return ("party", "signatory", "not_party")
        return original(of_relation, path)

    original = bounds.fact_domain.__wrapped__
    monkeypatch.setattr(bounds, "fact_domain", every_value)
    full = build_grid(Context(corpus), kind, workers=1)
    assert full_set, "no unknown party status was completed: the test would prove nothing"
    for name in ("verdicts", "best", "worst", "confidences"):
        assert np.array_equal(getattr(reduced, name), getattr(full, name)), name


def test_open_data_made_in_two_processes_is_made_in_one(small):
    """At world scale a forked process makes the long tables while the pages are rendered
    (`render.data.start_open_data`): the files, and their order, are those made in one."""
    from generator.analysis.world import analyse
    from generator.render.data import open_data, start_open_data

    analysis = analyse(small.corpus, date(2026, 12, 31))
    one = open_data(small.corpus, analysis)
    two = start_open_data(small.corpus, analysis, parallel=True)()
    assert list(one) == list(two) and one == two


@given(
    st.integers(1, 10).flatmap(
        lambda rules: st.lists(
            st.lists(st.sampled_from([0, 1, 2, 7, 200, 2**20]), min_size=rules, max_size=rules),
            min_size=1,
            max_size=40,
        )
    )
)
# In mixed radix 2**32 the first two would wrap to one int64: they must be told apart as bytes.
@example(cells=[[1, 5, 7], [2, 5, 7], [0, 0, 2**32 - 1]])
@settings(max_examples=200, deadline=None)
def test_distinct_columns_group_cells_as_tuples_do(cells: list[list[int]]) -> None:
    """Cells with equal columns share an index and cells with different ones do not, whether
    the columns are numbered in mixed radix or (values too large for it) compared as bytes."""
    from generator.analysis.grid.outcomes import _distinct_columns

    classes = np.array(cells, dtype=np.int64).T  # [rules, cells]
    unique, inverse = _distinct_columns(classes)
    used = [row for row in classes.tolist() if any(row)]
    columns = [tuple(row[cell] for row in used) for cell in range(len(cells))]
    assert len(unique) == len(set(columns)) and len(inverse) == len(cells)
    for cell, index in enumerate(inverse.tolist()):
        assert tuple(unique[index]) == columns[cell]


_SIDE = st.integers(min_value=0, max_value=63)
_FIELD = st.integers(min_value=0, max_value=2**10 - 1)


@given(
    cells=st.lists(
        st.tuples(_SIDE, _SIDE, _FIELD, _FIELD, st.integers(0, 1), st.integers(0, 31)),
        min_size=1,
        max_size=30,
    ),
    mapping=st.lists(st.integers(min_value=0, max_value=2**16 - 1), min_size=64, max_size=64),
    absent=st.lists(st.booleans(), min_size=30, max_size=30),
)
@settings(max_examples=100, deadline=None)
def test_mapping_the_sides_of_packed_keys_equals_packing_the_mapped_sides(
    cells: list[tuple[int, ...]], mapping: list[int], absent: list[bool]
) -> None:
    """`keys.with_sides_mapped` (a build's plain keys from its keys with confidences) gives
    the key of the same cell with both side ids mapped and every other field kept, and keeps
    the key -1 of a cell that is not evaluated (a state with itself)."""
    fields = np.array(cells, dtype=np.int64).T  # [fields, cells]
    table = np.array(mapping, dtype=np.int64)
    shape = (len(cells),)
    original = keys.packed(list(fields), shape)
    gone = np.array(absent[: len(cells)])
    original[gone] = -1
    expected = keys.packed([table[fields[0]], table[fields[1]], *fields[2:]], shape)
    expected[gone] = -1
    assert keys.with_sides_mapped(original, table).tolist() == expected.tolist()
