"""`comity serve`: regenerate on corpus changes while `mkdocs serve` reloads the browser."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from .build import generate
from .problems import CorpusInvalid
from .terminal import show


def _regenerate(corpus: Path, project: Path, today: date) -> None:
    try:
        result, _, _ = generate(corpus, project, today)
        show(f"comity: regenerated ({len(result.changed)} files changed)", flush=True)
    except CorpusInvalid as exc:
        for problem in exc.problems:
            show(problem, error=True, keep_newlines=False)
        show("comity: corpus has problems; the preview keeps the last good pages.",
             error=True, flush=True)


def serve(corpus: Path, project: Path, address: str, today: Callable[[], date]) -> int:
    """Run until interrupted."""
    import watchfiles

    _regenerate(corpus, project, today())
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
         "-a", address, "--livereload"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        for _ in watchfiles.watch(corpus):
            _regenerate(corpus, project, today())
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0
