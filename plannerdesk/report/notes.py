"""The findings page: the recommendations, the plain sentences from the
evaluators' numbers they answer, and the warnings met on the way."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..model.language import N_, tr
from .document import Document
from .layout import text_pages

HEADING = N_("Findings and recommendations")


def findings_pages(doc: Document) -> list[Figure]:
    """Every recommendation, every finding, then every problem noted
    while evaluating."""
    found = doc.results.findings
    lines = [doc.labels.text(f.text) for f in found]
    remedies = [doc.labels.text(f.remedy) for f in found if f.remedy]
    notes = doc.notes
    return text_pages(doc, tr(HEADING), [
        (tr("Recommendations"), remedies or [
            tr("None: no finding has a remedy the plan can make.")]),
        (tr("What the evaluation found"), lines or [
            tr("Nothing to report: the plan has nothing the evaluators can "
               "measure yet (see the notes below).")]),
        (tr("Notes on the data"), notes or [tr("None.")])])
