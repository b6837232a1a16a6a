"""Orchestration of `comity generate`, `build` and `serve`: check → analyse → render → write,
then `mkdocs build --strict` into a temporary folder that replaces `site/` only on success."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..analysis.world import Analysis, analyse
from ..core.models import Corpus
from ..io.git import published_history
from ..io.write import (
    SITE_MARKER,
    discard,
    mark_built_site,
    publish,
    remove_stale_temporaries,
    temporary_sibling,
    write_files,
    write_tree,
)
from ..render.common import GENERATED
from ..render.data import API
from ..render.site import render_site
from ..validate.pipeline import load_valid_corpus
from .processes import die_with_parent


@dataclass(frozen=True)
class Generated:
    """What a generation run wrote."""

    files: int
    changed: list[str]
    removed: list[str]
    seconds: dict[str, float]


def source_date_epoch(corpus: Corpus) -> int:
    """A build date derived from the corpus itself (its newest date), so the same corpus gives
    byte-identical output whatever day it is built."""
    newest = date(2000, 1, 1)
    for jurisdiction in corpus.jurisdictions:
        for source in jurisdiction.sources.values():
            newest = max(newest, source.accessed)
        if jurisdiction.review.last_full_review:
            newest = max(newest, jurisdiction.review.last_full_review)
    for relation in corpus.relations:
        newest = max(newest, relation.verified)
    return int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp())


def split(
    files: dict[str, str | bytes],
) -> tuple[dict[str, str | bytes], dict[str, str | bytes], dict[str, str | bytes]]:
    """Generated pages, open data, and the home page: three owned locations under docs/."""
    pages = {
        p.removeprefix(f"{GENERATED}/"): t
        for p, t in files.items()
        if p.startswith(f"{GENERATED}/")
    }
    data = {p.removeprefix("api/"): t for p, t in files.items() if p.startswith(f"{API}/")}
    top = {p: t for p, t in files.items() if "/" not in p}
    return pages, data, top


def generate(corpus_dir: Path, project: Path, today: date) -> tuple[Generated, Corpus, Analysis]:
    """Check, analyse, render and write the generated docs. Nothing is written on problems."""
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    corpus = load_valid_corpus(corpus_dir, today)
    seconds["load+validate"] = time.perf_counter() - start
    start = time.perf_counter()
    analysis = analyse(corpus, today)
    seconds["analyse"] = time.perf_counter() - start
    history = published_history(corpus_dir)
    start = time.perf_counter()
    files = render_site(corpus, analysis, history)
    seconds["render"] = time.perf_counter() - start
    start = time.perf_counter()
    pages, data, top = split(files)
    docs = project / "docs"
    for name in top:  # temporary files an interrupted run left (those in trees are pruned)
        remove_stale_temporaries(docs / name)
    changed_pages, removed_pages = write_tree(docs / GENERATED, pages)
    changed_data, removed_data = write_tree(docs / "api", data)
    changed_top = write_files(docs, top)
    seconds["write"] = time.perf_counter() - start
    changed = (
        [f"{GENERATED}/{p}" for p in changed_pages]
        + [f"api/{p}" for p in changed_data]
        + changed_top
    )
    removed = [f"{GENERATED}/{p}" for p in removed_pages] + [f"api/{p}" for p in removed_data]
    return Generated(len(files), changed, removed, seconds), corpus, analysis


def _related(first: Path, second: Path) -> bool:
    """True when one folder is, contains or lies inside the other."""
    return first == second or first.is_relative_to(second) or second.is_relative_to(first)


def site_dir_refusal(site_dir: Path, project: Path, corpus_dir: Path) -> str | None:
    """Why `site_dir` must not be replaced by a build, or None when it may.

    A build swaps the whole folder for the new site, so everything in it is deleted. It may
    therefore only be a new or empty folder, or one an earlier build made (it carries
    SITE_MARKER); never the project, the corpus, docs/ or anything around or inside them.
    All paths are resolved, so a symlink cannot disguise one of them.
    """
    site_dir = site_dir.resolve()
    if site_dir == project or project.is_relative_to(site_dir):
        return (
            f"--site-dir {site_dir} is or contains the project {project}; a build replaces "
            "the whole site folder. Choose a new folder such as site/"
        )
    for name, folder in (("corpus", corpus_dir.resolve()), ("docs", project / "docs")):
        if _related(site_dir, folder):
            return (
                f"--site-dir {site_dir} is, contains or lies inside the {name} folder "
                f"{folder}; a build replaces the whole site folder. Choose a new folder "
                "such as site/"
            )
    if site_dir.is_symlink() or (site_dir.exists() and not site_dir.is_dir()):
        return f"--site-dir {site_dir} exists and is not a folder"
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (site_dir / SITE_MARKER).is_file():
        return (
            f"--site-dir {site_dir} is not empty and was not built by comity (it has no "
            f"{SITE_MARKER} file); a build would delete everything in it. Delete the "
            "folder yourself or choose a new one"
        )
    return None


class BuildFailed(Exception):
    """MkDocs reported an error or a warning under --strict."""


def mkdocs_build(project: Path, site_dir: Path, epoch: int) -> None:
    """Strict MkDocs build into a temporary folder, swapped into `site_dir` only on success.

    Call it holding the project lock: it first removes what an interrupted build left."""
    remove_stale_temporaries(site_dir)
    target = temporary_sibling(site_dir)
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": str(epoch),
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONHASHSEED": "0",
    }
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--clean",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(target),
    ]
    result = subprocess.run(
        command,
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=die_with_parent(),
    )
    if result.returncode != 0:
        discard(target)
        lines = [
            line
            for line in result.stderr.splitlines()
            if "WARNING" in line or "ERROR" in line or "Aborted" in line
        ]
        raise BuildFailed("\n".join(lines[-30:]) or result.stderr[-2000:])
    mark_built_site(target)
    publish(target, site_dir)
