"""Work done in forked processes comes back whole, and a failure there is raised here."""

from __future__ import annotations

import pytest

from generator.analysis import forked

pytestmark = pytest.mark.skipif(not forked.available(), reason="this platform cannot fork")


def test_a_background_function_gives_its_value_computed_in_another_process() -> None:
    import os

    parent = os.getpid()
    result = forked.background(lambda: (os.getpid(), list(range(5))))
    child, value = result()
    assert child != parent
    assert value == [0, 1, 2, 3, 4]


def test_a_background_function_runs_here_when_not_parallel() -> None:
    import os

    assert forked.background(os.getpid, parallel=False)() == os.getpid()


def test_an_exception_in_the_background_is_raised_in_the_parent() -> None:
    def fails() -> None:
        raise ValueError("no such state: XX")

    result = forked.background(fails)
    with pytest.raises(ValueError, match="no such state: XX"):
        result()


def test_a_value_that_cannot_be_sent_back_is_a_clear_error() -> None:
    result = forked.background(lambda: lambda: None)  # a function cannot be pickled
    with pytest.raises(RuntimeError, match="could not be sent"):
        result()


def test_map_unordered_gives_every_result() -> None:
    assert sorted(forked.map_unordered(lambda n: n * n, range(6), 2)) == [0, 1, 4, 9, 16, 25]
