"""Putting a report together: the page each section starts on, and the
PDF written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from ..io.outputs import Inputs, replacing


def contents(body: list[tuple[str, list[Figure]]],
             first: int) -> list[tuple[str, int]]:
    """Each section's heading and first page, the body starting at
    page ``first``; a section with nothing to show has no line."""
    lines, page = [], first
    for heading, figures in body:
        if figures:
            lines.append((heading, page))
        page += len(figures)
    return lines


def write_pdf(pages: list[Figure], path: Path, metadata: dict,
              inputs: Inputs | None = None) -> None:
    """Write ``pages`` beside ``path`` and move the file into place, so a
    failed write leaves no half report; ``inputs`` are files it must not
    replace."""
    with replacing([path], "report", inputs) as (temporary,), \
            open(temporary, "wb") as handle, \
            PdfPages(handle, metadata=metadata) as pdf:
        for fig in pages:
            pdf.savefig(fig)
