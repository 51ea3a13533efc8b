"""Running an evaluation's independent steps on the machine's cores.

Their work is mostly shapely's, scipy's and OR-tools', which runs outside
Python's lock, so on a large plan threads shorten the evaluation; on a
small one they only add the cost of handing work over, so it runs in
the calling thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import copy_context

CORES = min(4, os.cpu_count() or 1)
WORTH_IT = 20_000
"""Places (buildings, lots, sample cells) from which threads pay off."""


class _InPlace(Executor):
    """Runs each task at once, in the calling thread."""

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed over like a pool would
            future.set_exception(exc)
        return future


class _Speaking(Executor):
    """Hands each task to ``pool``, to run in a copy of the calling
    thread's context: in the language it speaks (``language.speaking``)."""

    def __init__(self, pool: Executor) -> None:
        self.pool = pool

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        return self.pool.submit(copy_context().run, fn, *args, **kwargs)


@contextmanager
def side_by_side(places: int, name: str) -> Iterator[Executor]:
    """A pool for the steps of an evaluation of ``places`` places."""
    if CORES < 2 or places < WORTH_IT:
        yield _InPlace()
        return
    with ThreadPoolExecutor(max_workers=CORES,
                            thread_name_prefix=name) as pool:
        yield _Speaking(pool)
