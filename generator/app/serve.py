"""`comity serve`: regenerate on corpus changes while `mkdocs serve` reloads the browser.

The address is checked before anything starts (a malformed address or a port in use is a usage
error), mkdocs dies with comity, and comity stops watching, with a message, when mkdocs exits.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..core.problems import CorpusInvalid
from ..core.terminal import show
from ..io.write import project_lock
from .build import generate
from .processes import die_with_parent


class AddressError(ValueError):
    """The --address cannot be served on."""


def parse_address(address: str) -> tuple[str, int]:
    """`host:port` → (host, port) with a port of 1-65535 (the host is resolved later)."""
    host, colon, port_text = address.strip().rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not colon or not host or not port_text.isdigit():
        raise AddressError(f"--address {address!r} is not host:port, e.g. 127.0.0.1:8000")
    port = int(port_text)
    if not 0 < port < 65536:
        raise AddressError(f"--address {address!r}: the port must be between 1 and 65535")
    return host, port


def check_free(host: str, port: int) -> None:
    """Bind the address once, so that a port in use is reported before mkdocs starts."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise AddressError(f"--address {host}:{port}: cannot resolve {host!r}") from exc
    family, kind, proto, _, where = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(where)
        except OSError as exc:
            reason = (
                "is already in use"
                if exc.errno == errno.EADDRINUSE
                else f"cannot be used ({exc.strerror})"
            )
            raise AddressError(f"--address {host}:{port} {reason}") from exc


def _regenerate(corpus: Path, project: Path, today: date) -> None:
    try:
        with project_lock(project, wait=True):
            result, _, _ = generate(corpus, project, today)
        show(f"comity: regenerated ({len(result.changed)} files changed)", flush=True)
    except CorpusInvalid as exc:
        for problem in exc.problems:
            show(problem, error=True, keep_newlines=False)
        show(
            "comity: corpus has problems; the preview keeps the last good pages.",
            error=True,
            flush=True,
        )


def mkdocs_command(project: Path, address: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "-f",
        str(project / "mkdocs.yml"),
        "-a",
        address,
        "--livereload",
    ]


def serve(corpus: Path, project: Path, address: str, today: Callable[[], date]) -> int:
    """Run until interrupted or until mkdocs exits; 2 when mkdocs stopped on its own."""
    import watchfiles

    check_free(*parse_address(address))
    _regenerate(corpus, project, today())
    server = subprocess.Popen(
        mkdocs_command(project, address),
        cwd=project,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        preexec_fn=die_with_parent(),  # no threads run yet: safe
    )
    stopped = threading.Event()

    def watch() -> None:
        server.wait()
        stopped.set()

    threading.Thread(target=watch, daemon=True).start()
    interrupted = False
    try:
        for _ in watchfiles.watch(corpus, stop_event=stopped):
            _regenerate(corpus, project, today())
    except KeyboardInterrupt:
        interrupted = True
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
    if stopped.is_set() and not interrupted:
        show(
            f"comity: mkdocs serve stopped (exit code {server.returncode}); see its message "
            "above. The preview is not running.",
            error=True,
        )
        return 2
    return 0
