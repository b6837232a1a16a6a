"""The catalogue of problem kinds: unique stable codes, each used, each documented."""

from __future__ import annotations

import re

import pytest

from generator.core.catalogue import KINDS, RETIRED, STAGES
from generator.core.problems import Problem
from generator.render.errors import errors_page

from .conftest import ROOT

CODE = re.compile(r"C\d{3}")
QUOTED_CODE = re.compile(r"""["'](C\d{3})["']""")


def codes_in_source() -> dict[str, set[str]]:
    """Every quoted code in generator/ outside the catalogue: {code: files using it}."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        if path.name == "catalogue.py":
            continue
        for code in QUOTED_CODE.findall(path.read_text(encoding="utf-8")):
            found.setdefault(code, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_codes_are_unique_well_formed_and_in_their_stage() -> None:
    listed = [kind.code for stage in STAGES for kind in stage.kinds]
    assert len(listed) == len(set(listed)) == len(KINDS)
    for stage in STAGES:
        for kind in stage.kinds:
            assert CODE.fullmatch(kind.code), kind.code
            assert kind.code[1] == str(stage.number), (kind.code, stage.title)
            assert kind.code not in RETIRED, f"{kind.code} is retired: take a new number"


def test_every_code_used_is_in_the_catalogue() -> None:
    assert set(codes_in_source()) <= set(KINDS), set(codes_in_source()) - set(KINDS)


def test_every_catalogue_entry_is_used() -> None:
    unused = set(KINDS) - set(codes_in_source())
    assert not unused, f"not reported anywhere; move them to RETIRED: {sorted(unused)}"


def test_catalogue_text_fits_a_table_cell() -> None:
    for kind in KINDS.values():
        for text in (kind.title, kind.description):
            assert text.strip() == text and "|" not in text and "\n" not in text, kind.code
        assert kind.description.endswith("."), kind.code


def test_a_problem_needs_a_code_from_the_catalogue() -> None:
    with pytest.raises(TypeError):
        Problem("de.yaml", 1, 1, "code", "message")  # type: ignore[call-arg]
    with pytest.raises(KeyError, match="C999"):
        Problem("de.yaml", 1, 1, "code", "message", code="C999")


def test_the_printed_form_is_compiler_style_with_the_code() -> None:
    located = Problem("de.yaml", 14, 5, "extradition.nationals", "message", "hint", code="C203")
    assert str(located) == "de.yaml:14:5: error[C203]: extradition.nationals: message (hint: hint)"
    whole_file = Problem("corpus/jurisdictions", message="none", code="C126")
    assert str(whole_file) == "corpus/jurisdictions: error[C126]: none"
    stale = Problem("de.yaml", 6, 3, "f", "old", code="C501")
    assert stale.severity == "warning" and str(stale) == "de.yaml:6:3: warning[C501]: f: old"


def test_the_errors_page_lists_every_code_and_the_guide_links_to_it() -> None:
    page = errors_page()
    for code, kind in KINDS.items():
        assert f'<span id="{code}"></span>`{code}`' in page and kind.title in page, code
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert "](generated/errors.md)" in guide
    assert "error[C" in guide, "the guide shows the printed form with its code"
