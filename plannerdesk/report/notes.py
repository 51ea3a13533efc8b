"""The findings page: the recommendations, the plain sentences from the
evaluators' numbers they answer, and the warnings met on the way."""

from __future__ import annotations

from matplotlib.figure import Figure

from .document import Document
from .layout import text_pages

HEADING = "Findings and recommendations"


def findings_pages(doc: Document) -> list[Figure]:
    """Every recommendation, every finding, then every problem noted
    while evaluating."""
    found = doc.results.findings
    lines = [doc.labels.text(f.text) for f in found]
    remedies = [doc.labels.text(f.remedy) for f in found if f.remedy]
    notes = doc.notes
    return text_pages(doc, HEADING, [
        ("Recommendations", remedies or [
            "None: no finding has a remedy the plan can make."]),
        ("What the evaluation found", lines or [
            "Nothing to report: the plan has nothing the evaluators can "
            "measure yet (see the notes below)."]),
        ("Notes on the data", notes or ["None."])])
