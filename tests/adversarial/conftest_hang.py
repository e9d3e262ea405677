"""A guard for tests of inputs that used to make the code hang: fail after a generous number of seconds."""

from __future__ import annotations

import signal
from contextlib import contextmanager


@contextmanager
def finishes_within(seconds: int):
    """Fail the test if the block runs longer than ``seconds`` (a blow-up guard, not a speed benchmark)."""

    def expired(_signum, _frame):
        raise AssertionError(f"did not finish within {seconds} s: the input makes the code blow up")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
