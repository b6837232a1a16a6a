"""Pausing Python's cyclic garbage collector around allocation-heavy phases."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run a block with the cyclic collector off.

    Analysis allocates millions of small, acyclic objects (signatures, steps, fact reads).
    Each allocation burst triggers collections that rescan every live object, the whole corpus
    included: three world-scale analyses took 7.5-9.4 s with the collector and 6.2-6.5 s with
    it paused (benchmarks/README.md). Reference counting still frees almost everything; the
    few cycles wait for the collector's next run after the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
