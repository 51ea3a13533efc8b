"""The evaluators' names, and reading a choice of them (``--only``)."""

from __future__ import annotations

from ..model.language import tr
from ..model.problems import UsageError

EVALUATORS = ("coverage", "walkability", "network_form", "parking",
              "exchange")


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
    return names
