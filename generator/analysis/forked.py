"""Work in forked processes. A forked process starts with its parent's memory (the corpus, the
grids already built), so nothing large is pickled on the way in; only results come back."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# States from which analysis shares its work between two forked processes (at world scale; a
# small corpus is faster in one).
PARALLEL_STATES = 100

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


class Background:
    """One function running in a forked process while the parent goes on; `result()` waits
    for its value (an exception in the child is raised again in the parent)."""

    def __init__(self, function: Callable[[], Any]) -> None:
        context = mp.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_send_result, args=(function, send), daemon=True)
        self._process.start()
        send.close()  # the parent keeps only its end, so a dead child shows as EOF

    def result(self) -> Any:
        try:
            failed, value = self._receive.recv()
        except EOFError:
            raise RuntimeError("a forked worker ended without a result") from None
        finally:
            self._receive.close()
            self._process.join()
        if failed:
            raise value
        return value


def _send_result(function: Callable[[], Any], send: Any) -> None:
    try:
        outcome = (False, function())
    except BaseException as error:  # handed to the parent, which raises it
        outcome = (True, error)
    try:
        send.send(outcome)
    except Exception as error:  # a value or exception that cannot be pickled
        send.send((True, RuntimeError(f"a forked worker's result could not be sent: {error!r}")))
    send.close()


def background(function: Callable[[], T], parallel: bool = True) -> Callable[[], T]:
    """`function()`, computed in a forked process while the caller goes on when `parallel` and
    the platform can fork, else at once: returns a function that gives its value."""
    if not (parallel and available()):
        value = function()
        return lambda: value
    return Background(function).result
