"""Child processes (mkdocs) that cannot outlive comity.

When comity is killed (kill -9, a CI timeout, a closed terminal), a `mkdocs build` it started
would otherwise run on as an orphan, writing into a temporary folder nobody will publish, and a
`mkdocs serve` would keep its port. On Linux the child asks the kernel for SIGKILL when its
parent dies (prctl PR_SET_PDEATHSIG); elsewhere nothing is done.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None


def die_with_parent() -> Callable[[], None] | None:
    """A `preexec_fn` for subprocess that kills the child when this process dies (Linux)."""
    libc = _libc()
    if libc is None or not hasattr(libc, "prctl"):
        return None
    parent = os.getpid()

    def arm() -> None:  # runs in the child between fork and exec: no allocation, no locks
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)

    return arm
