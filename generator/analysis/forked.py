"""Work in forked processes. A forked process starts with its parent's memory (the corpus, the
grids already built), so nothing large is pickled on the way in; only results come back."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_FUNCTION: Callable[..., Any] | None = None  # what the forked workers call


def _call(*args: Any) -> Any:
    assert _FUNCTION is not None
    return _FUNCTION(*args)


def available() -> bool:
    """Whether this platform can fork (Linux and macOS can; Windows cannot)."""
    return "fork" in mp.get_all_start_methods()


def _pool(function: Callable[..., Any], workers: int) -> Any:
    """A pool of forked workers that know `function` (set before they fork)."""
    global _FUNCTION
    _FUNCTION = function
    try:
        return mp.get_context("fork").Pool(workers)
    finally:
        _FUNCTION = None


def map_unordered(function: Callable[[T], R], tasks: Iterable[T], workers: int) -> list[R]:
    """`function(task)` for every task, in `workers` forked processes that each take the next
    task when they finish one (results in completion order)."""
    with _pool(function, workers) as pool:
        return list(pool.imap_unordered(_call, tasks))
