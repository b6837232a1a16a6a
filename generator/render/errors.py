"""The contributing guide's table of errors, rendered from the catalogue of problem kinds. Pure.

The catalogue (generator/core/catalogue.py) is written by developers, not contributors, so its text
is trusted Markdown; tests/test_catalogue.py keeps it free of table pipes.
"""

from __future__ import annotations

from ..core.catalogue import STAGES, Kind, Stage
from .common import page, table

ERRORS_PAGE = "errors.md"

_FORM = (
    "corpus/jurisdictions/de.yaml:5:14: error[C203]: extradition.nationals: Input should be "
    "'none', ... (hint: did you mean 'absolute'?)"
)


def _row(kind: Kind) -> list[str]:
    # the empty span gives every code an anchor: errors.md#C203
    return [
        f'<span id="{kind.code}"></span>`{kind.code}`',
        kind.title,
        kind.severity,
        kind.description,
    ]


def _stage_block(stage: Stage) -> str:
    heading = f"## {stage.title} (C{stage.number}xx)"
    rows = [_row(kind) for kind in stage.kinds]
    return f"{heading}\n\n{stage.summary}\n\n" + table(
        ("Code", "Problem", "Severity", "What it means and how to fix it"), rows
    )


def errors_page() -> str:
    """Every problem kind `comity check` reports, by stage, with its stable code."""
    intro = (
        "`comity check` reports every problem at once, one per line, in the compiler style "
        "that editors and CI problem matchers read: file, line and column first, then the "
        "severity with the problem's code, the field, the message and a hint:\n\n"
        f"```\n{_FORM}\n```\n\n"
        "Line and column are left out when the problem concerns a whole file. The code is "
        "stable: it is never renumbered or reused for another problem, so it can be searched "
        "for and linked to (this page has an anchor for each, e.g. `errors.md#C203`). "
        "This page is generated from the catalogue of problems in the code "
        "(`generator/core/catalogue.py`), so it lists exactly what `comity check` can report. "
        "The [contributing guide](../contributing.md) explains how to write a corpus file."
    )
    return page("Errors", intro, *(_stage_block(stage) for stage in STAGES))
