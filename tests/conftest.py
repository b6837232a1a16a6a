"""Shared fixtures: build small corpora from dicts of file texts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from generator.analysis.context import Context

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "corpus"
# The day the tests take as today: on or after every date in the shipped corpus (dates in the
# future are errors), fixed so staleness and outputs do not move with the calendar. Move it
# forward when research adds later dates.
TODAY = date(2026, 12, 31)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITY_TODAY", TODAY.isoformat())


@cache
def shipped_context() -> Context:
    """The shipped corpus, loaded and validated once per test process, in a context."""
    from generator.analysis.context import Context
    from generator.validate.pipeline import load_valid_corpus

    return Context(load_valid_corpus(SHIPPED, TODAY))


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


def _uses_shipped_site(item: pytest.Item) -> bool:
    return "shipped_site" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read the built shipped site run last (in collection order otherwise): the
    site builds in the background while the other tests run (`_shipped_site_started`)."""
    items.sort(key=_uses_shipped_site)


def _shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's folder for the shipped site: under xdist the workers' common temporary
    folder (each worker's own is inside it), else this process's."""
    import os

    base = tmp_path_factory.getbasetemp()
    shared = os.environ.get("PYTEST_XDIST_WORKER") is not None
    folder = (base.parent if shared else base) / "shipped-site"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session", autouse=True)
def _shipped_site_started(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[None]:
    """When a run includes tests that read the built shipped site, the first process of the
    run to start builds it with `comity build` (strict) in a background process, which writes
    its exit status to `status` when done; every process reads that one build. The process
    that started it waits for it before ending (another may still need it)."""
    import fcntl
    import os
    import subprocess
    import sys

    if not any(_uses_shipped_site(item) for item in request.session.items):
        yield
        return
    folder = _shared_folder(tmp_path_factory)
    process = None
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "started").exists():
            project = make_project(folder)
            command = [sys.executable, "-m", "generator", "build", "--corpus"]
            command += [str(project / "corpus"), "--project", str(project)]
            command += ["--site-dir", str(project / "site")]
            script = '"$@" > "$FOLDER/log" 2>&1; echo $? > "$FOLDER/status.tmp"'
            script += ' && mv "$FOLDER/status.tmp" "$FOLDER/status"'
            env = {**os.environ, "COMITY_TODAY": TODAY.isoformat(), "FOLDER": str(folder)}
            process = subprocess.Popen(["sh", "-c", script, "sh", *command], cwd=ROOT, env=env)
            (folder / "started").touch()
    yield
    if process is not None:
        process.wait()


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus as `comity build` builds it (see `_shipped_site_started`)."""
    import time

    folder = _shared_folder(tmp_path_factory)
    status = folder / "status"
    deadline = time.monotonic() + 1200
    while not status.exists():
        assert time.monotonic() < deadline, "the shipped site did not build in 20 minutes"
        time.sleep(0.2)
    log = (folder / "log").read_text(encoding="utf-8", errors="replace")
    assert status.read_text().strip() == "0", f"comity build of the shipped corpus failed:\n{log}"
    return folder / "project" / "site"


def build_project(project: Path) -> int:
    """`comity build` of a project made by `make_project`, into its site/ folder."""
    from generator.app.cli import main

    corpus, site = str(project / "corpus"), str(project / "site")
    return main(["build", "--corpus", corpus, "--project", str(project), "--site-dir", site])
