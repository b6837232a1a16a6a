"""The command line: exit codes, the shipped corpus, the template, the schemas."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from generator.app.cli import main
from generator.core.schema import schema_files

from .conftest import ROOT, SHIPPED, make_corpus


def test_shipped_corpus_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--corpus", str(SHIPPED)]) == 0
    assert capsys.readouterr().out.startswith("corpus ok:")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--stale-after", "soon"]) == 2
    assert main(["frobnicate"]) == 2
    assert main(["new", "XX", "--corpus", "/nonexistent"]) == 2
    assert "'XX' is not an ISO 3166-1 alpha-2 code" in capsys.readouterr().err


def test_missing_corpus_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--corpus", str(tmp_path / "nope")]) == 1
    assert "corpus folder not found" in capsys.readouterr().err


@pytest.mark.parametrize("code", ["pt", "BR", "ng"])
def test_new_template_passes_check(tmp_path: Path, code: str) -> None:
    root = make_corpus(tmp_path, {})
    assert main(["new", code, "--corpus", str(root)]) == 0
    text = (root / "jurisdictions" / f"{code.lower()}.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../schema/jurisdiction.schema.json\n")
    assert f"code: {code.upper()}\n" in text
    assert main(["check", "--corpus", str(root)]) == 0
    assert main(["new", code, "--corpus", str(root)]) == 2  # never overwrites


def test_committed_schemas_are_current() -> None:
    for name, text in schema_files().items():
        assert (SHIPPED / "schema" / name).read_text() == text, f"run `comity schema` ({name})"


def test_every_corpus_file_names_its_schema() -> None:
    for path in sorted(SHIPPED.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_file(), path
        json.loads(target.read_text())


def test_stale_after_lists_old_facts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "code: DE\nreview: {status: draft}\nsources:\n  a: {title: T, kind: official, "
        "citation: C, accessed: 2026-01-01}\nextradition:\n  nationals: {value: absolute, source: a, "
        "verified: 2023-01-01}\n  dual_criminality: {value: conduct, source: a, "
        "verified: 2026-11-01}\n"
    )
    root = make_corpus(tmp_path, {"jurisdictions/de.yaml": text})
    assert main(["check", "--corpus", str(root), "--stale-after", "24m"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "corpus/jurisdictions/de.yaml:6:3: warning[C501]: extradition.nationals: last verified "
        "2023-01-01, before 2024-12-31 (hint: re-check the source and update `verified`)"
    ]
    assert "1 stale fact(s)" in captured.out


def test_internal_errors_never_print_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import generator.validate.pipeline as pipeline

    def boom(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "load_and_check", boom)
    assert main(["check", "--corpus", str(ROOT / "corpus")]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error (RuntimeError: boom)" in err


def test_workflows_parse_and_call_existing_make_targets() -> None:
    import re

    from ruamel.yaml import YAML

    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z]+):", makefile, re.M))
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        workflow = YAML(typ="safe").load(path.read_text())
        steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
        for step in steps:
            if "uses" in step:  # pinned by full commit SHA (the tag is a comment)
                assert re.search(r"@[0-9a-f]{40}$", step["uses"]), step["uses"]
            for called in re.findall(r"\bmake ([a-z]+)", step.get("run", "")):
                assert called in targets, (path.name, called)
        pins = [line for line in path.read_text().splitlines() if "uses:" in line]
        assert all(re.search(r"@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line) for line in pins)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_pre_commit_hook_runs_comity_check() -> None:
    from ruamel.yaml import YAML

    config = YAML(typ="safe").load((ROOT / ".pre-commit-config.yaml").read_text())
    hook = config["repos"][0]["hooks"][0]
    assert hook["entry"].endswith("comity check") and hook["files"] == "^corpus/"
    assert hook["language"] == "system" and hook["pass_filenames"] is False


def readme_commands() -> list[str]:
    """The `comity` lines of the README's "Other commands" block, comments removed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Other commands", 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    lines = [line.split("#", 1)[0].strip() for line in block.splitlines()]
    return [line for line in lines if line.startswith(".venv/bin/comity ")]


# What each README command must print on stdout besides exiting 0. The `make` lines of the same
# block are not run here: `make serve` starts a server, `make bench` takes minutes on a
# 193-jurisdiction synthetic corpus, `make diff BASE=origin/main` needs a remote branch, and
# `make check` installs the virtualenv first (the targets CI calls are checked to exist above).
README_OUTPUT = {
    "explain": re.compile(r'^Verdict: [A-Z]+ \(confidence|^  "verdict": "[a-z]+",$', re.M),
    "new": re.compile(r"^wrote .*hk\.yaml for Hong Kong", re.M),
    "check": re.compile(r"^corpus ok: \d+ jurisdictions, .*stale fact", re.M),
    "schema": re.compile(r"schema file\(s\) updated"),
}


def test_readme_lists_the_commands_this_test_runs() -> None:
    commands = readme_commands()
    assert len(commands) == 5, commands
    assert {shlex.split(c)[1] for c in commands} == set(README_OUTPUT)


@pytest.mark.parametrize("command", readme_commands())
def test_readme_commands_run_on_the_shipped_corpus(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each `.venv/bin/comity ...` line of the README, run against a copy of the shipped
    corpus (`new` and `schema` write into it), exits 0 with the output it promises."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SHIPPED, corpus)
    argv = [*shlex.split(command)[1:], "--corpus", str(corpus)]
    assert main(argv) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    if "--json" in argv:
        assert json.loads(out)
    assert README_OUTPUT[argv[0]].search(out), out
