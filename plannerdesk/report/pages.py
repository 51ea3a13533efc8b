"""Pages of the report: paper sizes, margins, headings, text and footers.

Everything is laid out in inches on an A4 page and scaled to A3, so an A3
report looks the same, only larger. Text is never smaller than the rc
size 'small' (7.5 pt on A4).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..model.language import tr
from ..model.problems import UsageError
from .text import line_height, text_width, wrap

MM_PER_INCH = 25.4
PAPERS = {"a4": (297.0, 210.0), "a3": (420.0, 297.0)}   # landscape, mm
BODY_PT = 9.0                                            # body text on A4
MARGIN_IN = 0.5
HEADING_IN = 0.55   # room for the page heading
FOOTER_IN = 0.4     # room for the footer
Rect = tuple[float, float, float, float]   # left, bottom, width, height
SIZES = {"small": 0.833, "medium": 1.0, "large": 1.2, "x-large": 1.44,
         "xx-large": 1.728}


@dataclass(frozen=True)
class Sheet:
    """A paper size and the scale of everything on it (1 on A4)."""

    paper: str
    width_in: float
    height_in: float
    scale: float

    @classmethod
    def of(cls, paper: str) -> "Sheet":
        """The sheet for ``a4`` or ``a3``; a UsageError for anything else."""
        if paper not in PAPERS:
            raise UsageError(tr("paper '{paper}' is not known. Fix: use a4 "
                                "or a3").format(paper=paper))
        w, h = (v / MM_PER_INCH for v in PAPERS[paper])
        return cls(paper, w, h, w / (PAPERS["a4"][0] / MM_PER_INCH))

    @property
    def size_pt(self) -> float:
        """Body text size."""
        return BODY_PT * self.scale

    def fx(self, inches: float) -> float:
        """Inches as a fraction of the page width (at A4 scale)."""
        return inches * self.scale / self.width_in

    def fy(self, inches: float) -> float:
        """Inches as a fraction of the page height (at A4 scale)."""
        return inches * self.scale / self.height_in

    @property
    def body(self) -> Rect:
        """The area below the heading and above the footer."""
        left, bottom = self.fx(MARGIN_IN), self.fy(MARGIN_IN + FOOTER_IN)
        top = 1 - self.fy(MARGIN_IN + HEADING_IN)
        return left, bottom, 1 - 2 * left, top - bottom

    def rc(self, families: tuple[str, ...]) -> dict[str, Any]:
        """Matplotlib settings for this sheet and the chosen fonts."""
        return {"font.family": list(families), "font.size": self.size_pt,
                "text.parse_math": False,   # a name's '$' is a '$'
                "axes.titlesize": "medium",
                "axes.labelsize": "small", "xtick.labelsize": "small",
                "ytick.labelsize": "small", "legend.fontsize": "small",
                "legend.title_fontsize": "small",
                "axes.linewidth": 0.6 * self.scale,
                "xtick.major.width": 0.6 * self.scale,
                "ytick.major.width": 0.6 * self.scale,
                "hatch.linewidth": 0.5 * self.scale}


def new_page(sheet: Sheet, heading: str) -> Figure:
    """A blank landscape page with ``heading`` at the top left."""
    fig = Figure(figsize=(sheet.width_in, sheet.height_in))
    fig.text(sheet.fx(MARGIN_IN), 1 - sheet.fy(MARGIN_IN), heading,
             va="top", ha="left", fontsize="x-large", fontweight="bold")
    return fig


def paragraphs(fig: Figure, sheet: Sheet, rect: Rect, lines: list[str], *,
               bullet: str = "", size: str = "medium", bold: bool = False
               ) -> tuple[float, list[str]]:
    """Write ``lines`` from the top of ``rect``, wrapped to its width, each
    after ``bullet`` with a hanging indent. Return the height used (figure
    fraction) and the lines that did not fit, for the next page."""
    left, bottom, width, height = rect
    points = sheet.size_pt * SIZES[size]
    step = line_height(points) / 72 / sheet.height_in
    indent = text_width(bullet + " ", points) / 72 / sheet.width_in \
        if bullet else 0.0
    weight = "bold" if bold else "normal"
    top = y = bottom + height
    for done, line in enumerate(lines):
        wrapped = wrap(line, points, (width - indent) * sheet.width_in * 72,
                       bold)
        if y - step * len(wrapped) < bottom and y < top:
            return top - y, lines[done:]
        if bullet:
            fig.text(left, y, bullet, va="top", fontsize=size)
        for part in wrapped:
            fig.text(left + indent, y, part, va="top", fontsize=size,
                     fontweight=weight)
            y -= step
        y -= step * 0.4
    return top - y, []


def below(rect: Rect, used: float, gap: float = 0.0) -> Rect:
    """What is left of ``rect`` under its top ``used`` (figure fraction)."""
    left, bottom, width, height = rect
    return left, bottom, width, max(height - used - gap, 0.0)


def number_pages(pages: list[Figure], sheet: Sheet, footer: str) -> None:
    """Add ``footer`` and 'page n of N' at the bottom of every page."""
    y = sheet.fy(MARGIN_IN)
    for number, fig in enumerate(pages, start=1):
        fig.add_artist(Rectangle((sheet.fx(MARGIN_IN), y + sheet.fy(0.22)),
                                 1 - 2 * sheet.fx(MARGIN_IN), 0,
                                 transform=fig.transFigure, color="#999999",
                                 linewidth=0.5 * sheet.scale))
        fig.text(sheet.fx(MARGIN_IN), y, footer, fontsize="small",
                 color="#444444", va="bottom")
        fig.text(1 - sheet.fx(MARGIN_IN), y,
                 tr("page {number} of {pages}").format(
                     number=number, pages=len(pages)), fontsize="small",
                 color="#444444", va="bottom", ha="right")


def side_by_side(rect: Rect, share: float, sheet: Sheet,
                 gap_in: float = 0.35) -> tuple[Rect, Rect]:
    """``rect`` cut into a left part of ``share`` of its width and a right
    part, ``gap_in`` inches apart."""
    left, bottom, width, height = rect
    gap = sheet.fx(gap_in)
    cut = width * share
    return ((left, bottom, cut - gap / 2, height),
            (left + cut + gap / 2, bottom, width - cut - gap / 2, height))


def stacked(rect: Rect, heights_in: list[float], sheet: Sheet,
            gap_in: float = 0.3) -> list[Rect]:
    """``rect`` cut from the top into parts of the given heights (inches);
    the last part takes what is left."""
    left, bottom, width, height = rect
    top, parts = bottom + height, []
    for inches in heights_in:
        part = sheet.fy(inches)
        parts.append((left, top - part, width, part))
        top -= part + sheet.fy(gap_in)
    parts.append((left, bottom, width, max(top - bottom, 0.0)))
    return parts


def legend_height_in(entries: int) -> float:
    """Inches a legend of ``entries`` rows with a title needs (A4 scale)."""
    return (entries + 1.5) * 1.6 * BODY_PT * SIZES["small"] / 72
