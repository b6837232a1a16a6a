"""The corpus changelog as Markdown, from the git history `io.git` reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..core.countries import country_name, is_iso_code
from ..io.git import Entry
from .escape import gfm_code, gfm_text


def label(path: str) -> str:
    name = path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if "/jurisdictions/" in f"/{path}" and is_iso_code(name.upper()):
        return f"{country_name(name.upper())} ({name.upper()})"
    return name


def changelog_items(
    entries: Sequence[Entry], text: Callable[[str], str], code: Callable[[str], str]
) -> list[str]:
    """Markdown lines of a changelog grouped by day, newest first: a `## day` heading, then
    one item per commit (subject, commit, the corpus files it touched). Commit subjects and
    file names are contributors' text: `text` and `code` escape them for where the Markdown
    is shown (GitHub, or the site)."""
    lines: list[str] = []
    day = None
    for entry in entries:
        if entry.day != day:
            day = entry.day
            lines += [*([""] if lines else []), f"## {text(day)}", ""]
        touched = ", ".join(sorted({label(f) for f in entry.files if f.endswith(".yaml")}))
        lines.append(
            f"- {text(entry.subject)} ({code(entry.commit)})"
            + (f": {text(touched)}" if touched else "")
        )
    return lines


def changelog_markdown(entries: list[Entry]) -> str:
    """A Markdown changelog grouped by day (for GitHub: `comity changelog`)."""
    lines = [
        "# Corpus changelog",
        "",
        "Generated from the git history of `corpus/` by `comity changelog`.",
        "",
    ]
    lines += changelog_items(entries, gfm_text, lambda commit: gfm_code(commit, False))
    return "\n".join(lines) + "\n"
