"""`comity diff` between two commits of a temporary git repository (synthetic data)."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator.app.cli import main
from generator.core.models import REQUIRED_OFFENCES

from .conftest import make_corpus
from .factory import COOPERATIVE_EXTRADITION

SOURCE = {
    "t": {
        "title": "Synthetic test statute",
        "kind": "official",
        "citation": "TEST",
        "accessed": "2026-11-01",
    }
}


def yaml_text(data: dict) -> str:
    stream = io.StringIO()
    YAML().dump(json.loads(json.dumps(data)), stream)
    # dates must be YAML dates, not quoted strings
    return stream.getvalue().replace("'2026-11-01'", "2026-11-01")


def fact(value) -> dict:
    return {"value": value, "source": "t", "pinpoint": "s. 1", "verified": "2026-11-01"}


def state(code: str, nationals: str) -> str:
    extradition = {k: fact(v) for k, v in COOPERATIVE_EXTRADITION.items()}
    extradition["nationals"] = fact(nationals)
    offences = {
        o: {
            "criminalised": fact("yes"),
            "max_penalty_years": 10,
            "life_imprisonment": "no",
            "death_penalty": "no",
        }
        for o in REQUIRED_OFFENCES
    }
    return yaml_text(
        {
            "code": code,
            "review": {"status": "draft"},
            "sources": SOURCE,
            "death_penalty_status": fact("abolitionist"),
            "extradition": extradition,
            "offences": offences,
        }
    )


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_corpus(
        tmp_path,
        {
            "jurisdictions/us.yaml": state("US", "none"),
            "jurisdictions/br.yaml": state("BR", "absolute"),
        },
    )
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "-c", "user.email=t@example.org", "-c", "user.name=t", "add", ".")
    git(tmp_path, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qm", "base")
    (root / "jurisdictions" / "br.yaml").write_text(state("BR", "return_guarantee"))
    git(tmp_path, "-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-qam", "head")
    return root


def test_a_changed_nationality_rule_flips_exactly_its_verdicts(repo: Path, capsys) -> None:
    assert main(["diff", "--corpus", str(repo), "HEAD~1", "HEAD", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True
    assert report["flip_counts"] == [{"from": "blocked", "to": "conditional", "count": 12}]
    assert {(f["requesting"], f["requested"], f["person"]) for f in report["flips"]} == {
        ("US", "BR", "national")
    }
    assert {f["subject"] for f in report["flips"]} == set(REQUIRED_OFFENCES)
    assert report["facts"] == [
        {
            "owner": "BR",
            "path": "extradition.nationals",
            "old": "absolute",
            "new": "return_guarantee",
            "old_source": "Synthetic test statute",
            "new_source": "Synthetic test statute",
        }
    ]
    assert any(row["fact"] == "extradition.nationals" for row in report["leverage"])


def test_markdown_report_and_working_tree_default(repo: Path, capsys) -> None:
    (repo / "jurisdictions" / "br.yaml").write_text(state("BR", "absolute"))
    assert main(["diff", "--corpus", str(repo), "HEAD"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Comity diff: `HEAD` → `working tree`")
    assert "| conditional | blocked | 12 |" in text
    assert "- US → BR: conditional → blocked (12)" in text
    git(repo.parent, "diff", "--exit-code", "HEAD", "--", "corpus/offences.yaml")


def test_an_invalid_revision_is_reported_with_its_problems(repo: Path, capsys) -> None:
    (repo / "jurisdictions" / "br.yaml").write_text("code: BR\nreview: {status: draft}\nx: 1\n")
    assert main(["diff", "--corpus", str(repo), "HEAD"]) == 1
    text = capsys.readouterr().out
    assert "**The head revision does not validate** (1 problems):" in text
    assert (
        "corpus/jurisdictions/br.yaml:3:1: error[C201]: x: Extra inputs are not permitted" in text
    )
    assert main(["diff", "--corpus", str(repo), "no-such-rev"]) == 2


def test_changelog_lists_corpus_commits_by_day(repo: Path, capsys) -> None:
    assert main(["changelog", "--corpus", str(repo)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Corpus changelog\n")
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert lines[0].startswith("- head (") and lines[0].endswith("): Brazil (BR)")
    assert lines[1].startswith("- base (") and "United States (US)" in lines[1]
