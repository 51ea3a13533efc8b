"""The findings page: plain sentences from the evaluators' numbers, and the
warnings met on the way."""

from __future__ import annotations

from matplotlib.figure import Figure

from .document import Document
from .layout import text_pages

HEADING = "Findings"


def findings_pages(doc: Document) -> list[Figure]:
    """Every finding, then every problem noted while evaluating."""
    lines = [doc.labels.text(line) for line in doc.results.findings]
    notes = doc.notes
    return text_pages(doc, HEADING, [
        ("What the evaluation found", lines or [
            "Nothing to report: the plan has nothing the evaluators can "
            "measure yet (see the notes below)."]),
        ("Notes on the data", notes or ["None."])])
