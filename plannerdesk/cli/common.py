"""What the commands share: printing problems, progress and option values."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from ..model.language import tr
from ..model.problems import Problem, UsageError

SHOWN = 20
"""Problems printed before '... and N more'."""


def progress_printer(quiet: bool) -> Callable[[str], None]:
    """Progress lines with the time taken so far, on standard error."""
    started = time.perf_counter()

    def progress(step: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - started:6.2f} s] {step} ...",
                  file=sys.stderr, flush=True)
    return progress


def pairs(items: list[str], option: str) -> dict[str, str]:
    """``FIELD=VALUE`` options as a dict; a UsageError shows the form."""
    found = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(tr(
                "{option} {item}: expected FIELD=VALUE. Fix: write it as "
                "{option} FIELD=VALUE, e.g. {option} capacity=120").format(
                    option=option, item=item))
        found[key.strip()] = value.strip()
    return found


def print_problems(problems: list[Problem],
                   limit: int | None = SHOWN) -> None:
    """Each problem on standard error, at most ``limit`` of them."""
    shown = problems if limit is None else problems[:limit]
    for problem in shown:
        print(problem, file=sys.stderr)
    if len(problems) > len(shown):
        print(tr("... and {count} more").format(
            count=len(problems) - len(shown)), file=sys.stderr)

