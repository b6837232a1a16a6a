"""Shared fixtures: build small corpora from dicts of file texts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMITY_TODAY", "2026-11-28")


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
