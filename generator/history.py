"""The changelog of corpus releases, from the git history of the corpus folder."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .countries import country_name, is_iso_code
from .render.escape import gfm_code, gfm_text


@dataclass(frozen=True)
class Entry:
    """One commit that touched the corpus."""

    commit: str
    day: str
    subject: str
    files: tuple[str, ...]


def corpus_history(root: Path, limit: int = 200) -> list[Entry]:
    """Commits touching `root`, newest first (reads git; writes nothing).

    File names are read with -z (git otherwise quotes non-ASCII names); a commit whose header
    cannot be split (a subject holding the separators) is skipped rather than misread.
    """
    marker = "\x1e"
    output = subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "log",
            f"-{limit}",
            "-z",
            "--date=short",
            f"--format={marker}%h%x1f%ad%x1f%s",
            "--name-only",
            "--",
            ".",
        ],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8", "replace")
    entries = []
    for block in output.split(marker)[1:]:
        head, _, names = block.partition("\0")
        parts = head.split("\x1f", 2)
        if len(parts) != 3:
            continue
        files = tuple(sorted(n for n in names.lstrip("\n").split("\0") if n.strip()))
        commit, day, subject = parts
        entries.append(Entry(commit, day, subject, files))
    return entries


def published_history(root: Path, limit: int = 100) -> tuple[Entry, ...]:
    """`corpus_history` for the published changelog: empty where the corpus is not in a git
    repository (or git is missing), so a build never depends on it."""
    try:
        return tuple(corpus_history(root, limit))
    except (OSError, subprocess.CalledProcessError):
        return ()


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
