"""Hostile input, issue 14: one case per finding of the red-team pass, each reproducing the
attack against a small corpus built in a temporary folder (the shipped corpus is not touched).

Earlier hostile cases live in tests/test_load.py (YAML) and tests/test_site.py (escaping)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

from .conftest import make_corpus, make_project, tree_hash
from .test_diff import state


def small_project(tmp_path: Path) -> Path:
    """A project whose corpus has two synthetic jurisdictions (fast to build)."""
    corpus = make_corpus(tmp_path / "src", {"jurisdictions/us.yaml": state("US", "none"),
                                            "jurisdictions/br.yaml": state("BR", "absolute")})
    return make_project(tmp_path, corpus)


def build_args(project: Path, *extra: str) -> list[str]:
    return ["build", "--corpus", str(project / "corpus"), "--project", str(project), *extra]


# --- 1. --site-dir never replaces the project, the corpus, docs/ or a folder comity did not make


@pytest.mark.parametrize("target", [".", "docs", "corpus", "docs/generated", "..", "corpus/sub",
                                    "notes"])
def test_site_dir_refuses_folders_it_did_not_build(
    tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path)
    (project / "notes").mkdir()
    (project / "notes" / "mine.txt").write_text("keep me")
    before = tree_hash(tmp_path)
    assert main(build_args(project, "--site-dir", str(project / target))) == 2
    err = capsys.readouterr().err
    assert err.startswith("comity: --site-dir ") and "Traceback" not in err
    assert tree_hash(tmp_path) == before, "nothing was written or deleted"


def test_site_dir_refuses_a_symlink_to_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path)
    (tmp_path / "out").symlink_to(project / "corpus")
    assert main(build_args(project, "--site-dir", str(tmp_path / "out"))) == 2
    assert "is, contains or lies inside the corpus folder" in capsys.readouterr().err
    assert (project / "corpus" / "offences.yaml").is_file()


@pytest.mark.build
def test_site_dir_is_marked_and_rebuilt(tmp_path: Path) -> None:
    project = small_project(tmp_path)
    site = tmp_path / "public"
    assert main(build_args(project, "--site-dir", str(site))) == 0
    assert (site / ".comity-site").is_file() and (site / "index.html").is_file()
    assert main(build_args(project, "--site-dir", str(site))) == 0  # its own folder: replaced
    assert (project / "mkdocs.yml").is_file() and (project / "corpus").is_dir()
