"""Hostile input, issue 14: one case per finding of the red-team pass, each reproducing the
attack against a small corpus built in a temporary folder (the shipped corpus is not touched).

Earlier hostile cases live in tests/test_load.py (YAML) and tests/test_site.py (escaping)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import ROOT, make_corpus, make_project, tree_hash
from .test_diff import git, state


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


# --- 2. the CI diff report: corpus text cannot add markup; git names are read with -z


def commit_all(repo: Path, message: str) -> None:
    for args in (("add", "-A", "."), ("commit", "-qm", message)):
        git(repo, "-c", "user.email=t@example.org", "-c", "user.name=t", *args)


@pytest.fixture
def diff_repo(tmp_path: Path) -> Path:
    root = make_corpus(tmp_path, {"jurisdictions/us.yaml": state("US", "none"),
                                  "jurisdictions/br.yaml": state("BR", "absolute")})
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "base")
    return root


def gfm(markdown: str) -> str:
    """The report as GitHub renders it (cmark-gfm), raw HTML let through so it can be seen."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


HOSTILE_PROVISION = ("StGB § 129 <img src=https://evil.example/t.png> "
                     "**LGTM, approved by maintainers** <!--")


def test_diff_report_shows_hostile_provisions_as_text(
    diff_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    br = diff_repo / "jurisdictions" / "br.yaml"
    text = state("BR", "return_guarantee").replace(
        "  fraud:\n", f"  fraud:\n    provision: {json.dumps(HOSTILE_PROVISION)}\n", 1)
    assert "provision:" in text
    br.write_text(text)
    assert main(["diff", "--corpus", str(diff_repo), "HEAD"]) == 0
    report = capsys.readouterr().out
    page = gfm(report)
    assert "<img" not in page and "<!--" not in page and "<strong>LGTM" not in page
    assert "StGB § 129 &lt;img src=https://evil.example/t.png&gt; **LGTM, approved by " \
           "maintainers** &lt;!--" in page
    rows = [line for line in report.splitlines() if line.startswith("| ")]
    assert len(page.split("<tr>")) - 1 == len(rows), "every table row survives"
    assert "extradition.nationals" in page.split("StGB")[1], "the rows after it are shown"


def test_diff_report_keeps_hostile_keys_inside_their_code_span(
    diff_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "x` <img src=x onerror=alert(1)> <!--"
    (diff_repo / "jurisdictions" / "br.yaml").write_text(
        state("BR", "absolute") + f"{json.dumps(key)}: 1\nlegl: 2\n")
    assert main(["diff", "--corpus", str(diff_repo), "HEAD"]) == 1
    page = gfm(capsys.readouterr().out)
    assert "<img" not in page and "<!--" not in page
    codes = re.findall(r"<code>(.*?)</code>", page)
    assert any("x` &lt;img src=x onerror=alert(1)&gt; &lt;!--" in c for c in codes)
    assert any("legl: Extra inputs are not permitted" in c for c in codes), "later rows survive"


def test_diff_reads_git_names_with_any_characters(
    diff_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (diff_repo / "NOTES é.md").write_text("research notes\n")
    commit_all(diff_repo.parent, "notes")
    (diff_repo / "jurisdictions" / "br.yaml").write_text(state("BR", "return_guarantee"))
    commit_all(diff_repo.parent, "head")
    assert main(["diff", "--corpus", str(diff_repo), "HEAD~2", "HEAD"]) == 0
    assert "| absolute | return\\_guarantee |" in capsys.readouterr().out


def test_ci_diff_step_passes_the_branch_through_env_and_fails_with_the_diff() -> None:
    from ruamel.yaml import YAML

    workflow = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "pr.yml").read_text())
    steps = workflow["jobs"]["check-test-build"]["steps"]
    step = next(s for s in steps if "make diff" in s.get("run", ""))
    assert step["env"]["BASE"] == "origin/${{ github.base_ref }}"
    assert "${{" not in step["run"] and "|| true" not in step["run"]
    assert 'exit "$status"' in step["run"]
    makefile = (ROOT / "Makefile").read_text()
    assert '@$(BIN)/comity diff -- "$$BASE"' in makefile and "export BASE" in makefile
