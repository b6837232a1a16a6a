"""The only module that runs git: a corpus folder as it was at a revision (for `comity diff`)
and the history of the corpus folder (for the changelog). Reads, never writes."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .load import NotRead


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


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(
        ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=True
    ).stdout


def _tree_entries(root: Path, revision: str) -> list[tuple[str, str, str]]:
    """(mode, object id, path relative to `root`) of every file at `revision`.

    Read with -z: without it git quotes names with non-ASCII or special characters
    ("NOTES \\303\\251.md"), and such a quoted name then matches no file.
    """
    # run inside the folder, ls-tree lists paths relative to it
    listing = _git(root, "ls-tree", "-r", "-z", "--end-of-options", revision, "--", ".")
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, _, rest = meta.partition(b" ")
        object_id = rest.partition(b" ")[2]
        path = os.fsdecode(raw_path)
        entries.append((mode.decode(), object_id.decode(), path))
    return entries


def _blobs(root: Path, object_ids: list[str]) -> list[bytes]:
    """The contents of many blobs with one `git cat-file --batch`."""
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{o}\n" for o in object_ids).encode())
    blobs, position = [], 0
    for _ in object_ids:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].rsplit(b" ", 1)[1])
        blobs.append(output[header_end + 1 : header_end + 1 + size])
        position = header_end + 1 + size + 1
    return blobs


def read_git_revision(root: Path, revision: str) -> dict[str, bytes | NotRead] | None:
    """The corpus folder as it was at a git revision, read without touching the work tree.

    Only regular files are read; a symlink or submodule is listed as NotRead.
    """
    try:
        entries = [
            e for e in _tree_entries(root, revision) if e[2] and not e[2].startswith("schema/")
        ]
        regular = [(o, p) for mode, o, p in entries if mode in ("100644", "100755")]
        files: dict[str, bytes | NotRead] = {
            path: NotRead("a symbolic link" if mode == "120000" else "not a regular file")
            for mode, _, path in entries
            if mode not in ("100644", "100755")
        }
        blobs = _blobs(root, [o for o, _ in regular]) if regular else []
        files.update({path: blob for (_, path), blob in zip(regular, blobs, strict=True)})
        return dict(sorted(files.items()))
    except (subprocess.CalledProcessError, OSError, ValueError, IndexError):
        return None
