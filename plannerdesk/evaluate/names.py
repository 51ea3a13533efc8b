"""The evaluators' names, and reading a choice of them (``--only``)."""

from __future__ import annotations

from ..model.language import tr
from ..model.problems import UsageError

EVALUATORS = ("coverage", "walkability", "network_form", "space_syntax",
              "parking", "parking_hours", "exchange", "encounter")
LIVE = tuple(name for name in EVALUATORS if name != "parking_hours")
"""What the app evaluates after every edit: parking hour by hour solves
48 allocations, so the app computes the hours it shows on their own."""
NEEDS = {"parking_hours": "parking"}  # an evaluator -> the one it reads


def parse_only(text: str | None) -> tuple[str, ...]:
    """``coverage,parking`` -> the evaluators; a UsageError names the valid."""
    if not text:
        return EVALUATORS
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in EVALUATORS]
    if unknown or not names:
        raise UsageError(tr("--only {text}: unknown evaluator {unknown}. "
                            "Fix: use any of {names}").format(
            text=text, unknown=", ".join(unknown) or tr("(none)"),
            names=",".join(EVALUATORS)))
    return with_needs(names)


def with_needs(names: tuple[str, ...]) -> tuple[str, ...]:
    """``names`` and the evaluators they read, in EVALUATORS' order."""
    wanted = set(names) | {NEEDS[n] for n in names if n in NEEDS}
    return tuple(n for n in EVALUATORS if n in wanted)
