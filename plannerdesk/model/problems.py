"""Problems found in a plan or a source, worded so a planner can act on them."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Literal

from .language import N_, tr

Severity = Literal["error", "warning", "info"]
SEVERITY_WORDS: dict[str, str] = {
    "error": N_("error"), "warning": N_("warning"), "info": N_("info")}
"""Each severity as a message names it (translated where shown)."""
_STOPS = (".", "?", "!", "。", "？", "！")


@dataclass(frozen=True)
class Problem:
    """One finding: where it is (file, layer, feature), what, and the fix.

    ``row`` is the index label of the feature in the frame that was
    checked, for code that acts on the features found (it is not shown).
    """

    severity: Severity
    message: str
    fix: str = ""
    source: str = ""
    layer: str = ""
    feature: str = ""
    row: Hashable | None = field(default=None, compare=False)

    def __str__(self) -> str:
        """The problem as one line, in the current language."""
        where = ", ".join(
            part for part in (
                self.source,
                tr("layer '{layer}'").format(layer=self.layer)
                if self.layer else "",
                self.feature,
            ) if part
        )
        severity = tr(SEVERITY_WORDS.get(self.severity, self.severity))
        text = tr("{severity}: {where}: {message}").format(
            severity=severity, where=where, message=self.message) if where \
            else tr("{severity}: {message}").format(severity=severity,
                                                   message=self.message)
        if not self.fix:
            return text
        if text.endswith(_STOPS):
            return tr("{text} Fix: {fix}").format(text=text, fix=self.fix)
        return tr("{text}. Fix: {fix}").format(text=text, fix=self.fix)


class PlannerError(Exception):
    """A user's mistake or bad data: shown as a message, never a traceback."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that block saving or importing."""
    return [p for p in problems if p.severity == "error"]


class UsageError(PlannerError):
    """A mistake in how a command was called (exit status 2)."""


class FeaturesRefused(PlannerError):
    """Some features of an import have errors: the others could be
    imported, with those set aside."""
