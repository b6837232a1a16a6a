"""The contract between the rules and the world-scale engine: a rule reads only the facts its
`Inputs` declare. The grid computes one step per distinct combination of declared inputs and
shares it between every case that has it, so an undeclared read would make verdicts silently
wrong. A recording context logs every fact a rule reads, on the shipped researched profiles and
on a synthetic world; one case per rule, in the style of a lint suite."""

from __future__ import annotations

import dataclasses

import pytest

from generator.analysis.bounds import Completion
from generator.analysis.extradition import EXTRADITION, Case, cached_basis
from generator.analysis.mla import MLA, MlaCase, mla_relation
from generator.analysis.results import PERSONS
from generator.core.models import MEASURES

from .test_grid import shipped, synthetic


class Recorder(Completion):
    """A context that answers as the one it wraps and records every jurisdiction fact read."""

    def __init__(self, base) -> None:  # noqa: ANN001
        super().__init__(base, {})
        self.seen: list[tuple[str, str]] = []

    def read(self, owner, path):  # noqa: ANN001, ANN201
        found = self._base.read(owner, path)
        self.seen.append((found.ref.owner, path))
        return found


def _extradition_cases(ctx):  # noqa: ANN001, ANN202
    codes = ctx.codes
    for a in codes:
        for b in codes:
            if a == b:
                continue
            ja, jb = ctx.jurisdictions[a], ctx.jurisdictions[b]
            for offence in ctx.corpus.offences:
                basis = cached_basis(ctx, ja, jb, offence)
                for person in PERSONS:
                    yield Case(ctx, ja, jb, offence, person, basis)


def _mla_cases(ctx):  # noqa: ANN001, ANN202
    for a in ctx.codes:
        for b in ctx.codes:
            if a != b:
                relation = mla_relation(ctx, a, b)
                for measure in MEASURES:
                    yield MlaCase(
                        ctx, ctx.jurisdictions[a], ctx.jurisdictions[b], measure, None, relation
                    )


def undeclared_reads(rule, cases) -> set[tuple[str, str]]:  # noqa: ANN001
    """(role, path) of every jurisdiction fact the rule read without declaring it."""
    found: set[tuple[str, str]] = set()
    for case in cases:
        recorder = Recorder(case.ctx)
        rule.bounded(dataclasses.replace(case, ctx=recorder))
        for owner, path in recorder.seen:
            if owner.startswith("relation:"):
                continue  # relation facts reach a rule only through its basis or pair input
            role = "a" if owner == case.requesting.code else "b"
            if not rule.inputs.reads(role, path):
                found.add((role, path))
    return found


@pytest.fixture(scope="module")
def worlds(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    return (shipped(), synthetic(str(tmp_path_factory.mktemp("contract"))))


@pytest.mark.parametrize("rule", EXTRADITION.rules, ids=lambda r: r.id)
def test_every_extradition_rule_reads_only_what_it_declares(rule, worlds) -> None:  # noqa: ANN001
    for ctx in worlds:
        assert undeclared_reads(rule, _extradition_cases(ctx)) == set()


@pytest.mark.parametrize("rule", MLA.rules, ids=lambda r: r.id)
def test_every_assistance_rule_reads_only_what_it_declares(rule, worlds) -> None:  # noqa: ANN001
    for ctx in worlds:
        assert undeclared_reads(rule, _mla_cases(ctx)) == set()


def test_the_recorder_catches_an_undeclared_read(worlds) -> None:  # noqa: ANN001
    """The contract test can fail: a rule whose declaration misses a fact it reads is caught."""
    rule = EXTRADITION.get("discretionary_refusal")
    stripped = dataclasses.replace(rule, inputs=dataclasses.replace(rule.inputs, b=()))
    assert ("b", "extradition.discretionary_refusal") in undeclared_reads(
        stripped, _extradition_cases(worlds[0])
    )
