"""The evaluators' names, and reading a choice of them (``--only``)."""

from __future__ import annotations

from ..model.language import tr
from ..model.problems import UsageError

EVALUATORS = ("coverage", "walkability", "network_form", "space_syntax",
              "parking", "parking_hours", "exchange", "encounter")
ON_DEMAND = ("space_syntax", "parking_hours", "encounter")
LIVE = tuple(name for name in EVALUATORS if name not in ON_DEMAND)
"""What the app evaluates after every edit. Space syntax (a search from
every street segment), parking hour by hour (48 allocations) and
encounter potential (walks between every pair of subject buildings)
grow too fast with the plan: the app computes them on their own when the
planner looks at them."""
NEEDS = {"parking_hours": "parking"}  # an evaluator -> the one it reads


def parse_only(text: str | None) -> tuple[str, ...]:
    """``coverage,parking`` -> the evaluators; a UsageError names the valid."""
    if not text:
        return EVALUATORS
    names = tuple(n.strip().lower() for n in text.split(",") if n.strip())
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
