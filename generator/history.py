"""The changelog of corpus releases, from the git history of the corpus folder."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .countries import country_name, is_iso_code


@dataclass(frozen=True)
class Entry:
    """One commit that touched the corpus."""

    commit: str
    day: str
    subject: str
    files: tuple[str, ...]


def corpus_history(root: Path, limit: int = 200) -> list[Entry]:
    """Commits touching `root`, newest first (reads git; writes nothing)."""
    marker = "\x1e"
    output = subprocess.run(
        ["git", "-C", str(root), "log", f"-{limit}", "--date=short",
         f"--format={marker}%h%x1f%ad%x1f%s", "--name-only", "--", "."],
        capture_output=True, text=True, check=True).stdout
    entries = []
    for block in output.split(marker)[1:]:
        head, _, names = block.partition("\n")
        commit, day, subject = head.split("\x1f", 2)
        files = tuple(sorted(n for n in names.splitlines() if n.strip()))
        entries.append(Entry(commit, day, subject, files))
    return entries


def _label(path: str) -> str:
    name = path.rsplit("/", 1)[-1].removesuffix(".yaml")
    if "/jurisdictions/" in f"/{path}" and is_iso_code(name.upper()):
        return f"{country_name(name.upper())} ({name.upper()})"
    return name


def changelog_markdown(entries: list[Entry]) -> str:
    """A Markdown changelog grouped by day."""
    lines = ["# Corpus changelog", "",
             "Generated from the git history of `corpus/` by `comity changelog`.", ""]
    day = None
    for entry in entries:
        if entry.day != day:
            day = entry.day
            lines += [f"## {day}", ""]
        touched = ", ".join(sorted({_label(f) for f in entry.files if f.endswith(".yaml")}))
        lines.append(f"- {entry.subject} (`{entry.commit}`)" + (f": {touched}" if touched else ""))
    return "\n".join(lines) + "\n"
