"""The synthetic benchmark corpus: deterministic, valid, and buildable at small scale."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.app.cli import main

from .conftest import ROOT, build_project, make_project, tree_hash

sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import generate  # noqa: E402


def test_same_seed_gives_the_same_bytes_and_a_valid_corpus(tmp_path: Path) -> None:
    one = generate(tmp_path / "one", count=12, seed=7)
    two = generate(tmp_path / "two", count=12, seed=7)
    assert tree_hash(one) == tree_hash(two)
    assert tree_hash(generate(tmp_path / "three", count=12, seed=8)) != tree_hash(one)
    assert main(["check", "--corpus", str(one)]) == 0
    text = next((one / "jurisdictions").glob("*.yaml")).read_text()
    assert text.startswith("# SYNTHETIC benchmark data")


@pytest.mark.build
def test_a_small_synthetic_corpus_builds(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "corpus", count=12, seed=7)
    project = make_project(tmp_path, corpus)
    assert build_project(project) == 0
    explorer = project / "site" / "api" / "v1" / "explorer"
    assert len(list((explorer / "from").glob("*.json.gz"))) == 12
    assert len(list((explorer / "facts").glob("*.json.gz"))) == 12
