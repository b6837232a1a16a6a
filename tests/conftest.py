"""Shared fixtures: build small corpora from dicts of file texts."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "corpus"
# The day the tests take as today: on or after every date in the shipped corpus (dates in the
# future are errors), fixed so staleness and outputs do not move with the calendar. Move it
# forward when research adds later dates.
TODAY = date(2026, 12, 31)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITY_TODAY", TODAY.isoformat())


def make_corpus(tmp_path: Path, files: dict[str, str], base: bool = True) -> Path:
    """A corpus folder: the shipped instruments and taxonomy plus `files` (relative path → text)."""
    root = tmp_path / "corpus"
    for folder in ("instruments", "jurisdictions", "relations"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    if base:
        shutil.copy(SHIPPED / "offences.yaml", root / "offences.yaml")
        for instrument in sorted((SHIPPED / "instruments").glob("*.yaml")):
            shutil.copy(instrument, root / "instruments" / instrument.name)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return root


def make_project(tmp_path: Path, corpus: Path | None = None) -> Path:
    """A throwaway project: the committed mkdocs.yml and docs/ (no generated files)."""
    project = tmp_path / "project"
    project.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    ignore = shutil.ignore_patterns("generated", "api", "index.md")
    shutil.copytree(ROOT / "docs", project / "docs", ignore=ignore, dirs_exist_ok=True)
    shutil.copytree(corpus or SHIPPED, project / "corpus", dirs_exist_ok=True)
    return project


def tree_hash(folder: Path) -> str:
    """sha256 over sorted (relative path, bytes)."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus built once per run with `comity build` (strict). Under xdist the
    workers share one build: the first to take the lock builds into the run's common temporary
    folder, the others wait and read it (tests only read the built site)."""
    import fcntl
    import os

    os.environ["COMITY_TODAY"] = TODAY.isoformat()
    shared = os.environ.get("PYTEST_XDIST_WORKER") is not None
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if shared else base) / "shipped-site"
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = folder / "built"
        if not built.exists():
            project = make_project(folder)
            assert build_project(project) == 0
            built.touch()
    return folder / "project" / "site"


def build_project(project: Path) -> int:
    """`comity build` of a project made by `make_project`, into its site/ folder."""
    from generator.app.cli import main

    corpus, site = str(project / "corpus"), str(project / "site")
    return main(["build", "--corpus", corpus, "--project", str(project), "--site-dir", site])
