"""Page layouts the sections share: a map with a side panel, a grid of
maps, a chart in a panel, and a note page for a missing part."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .document import Document
from .maps import map_axes
from .pages import Rect, Sheet, below, new_page, paragraphs, side_by_side
from .tables import continued

MAP_SHARE = 0.64    # of the page width, beside a side panel
TABLE_MAP_SHARE = 0.52  # for a map with a zone table below it


def map_page(doc: Document, heading: str, share: float = MAP_SHARE
             ) -> tuple[Figure, Axes, Rect]:
    """A page with a map on the left (``share`` of the width; less leaves
    more room below it) and a side panel (returned) right."""
    fig = new_page(doc.sheet, heading)
    left, side = side_by_side(doc.sheet.body, share, doc.sheet)
    return fig, map_axes(fig, left, doc.plan, doc.sheet), side


def under_map(doc: Document, ax: Axes, share: float = MAP_SHARE) -> Rect:
    """The part of the map column of a :func:`map_page` below the map."""
    left, bottom, width, _ = doc.sheet.body
    gap = doc.sheet.fy(0.3)
    return (left, bottom, width * share - doc.sheet.fx(0.2),
            max(ax.get_position().y0 - gap - bottom, 0.0))


def grid(rect: Rect, rows: int, cols: int, sheet: Sheet,
         gap_in: float = 0.3) -> list[Rect]:
    """``rect`` cut into rows x cols cells, row by row from the top left."""
    left, bottom, width, height = rect
    gx, gy = sheet.fx(gap_in), sheet.fy(gap_in)
    w, h = (width - gx * (cols - 1)) / cols, (height - gy * (rows - 1)) / rows
    return [(left + c * (w + gx), bottom + (rows - 1 - r) * (h + gy), w, h)
            for r in range(rows) for c in range(cols)]


def titled_map(doc: Document, fig: Figure, rect: Rect, title: str) -> Axes:
    """A map in ``rect`` under its (wrapped) title."""
    sheet = doc.sheet
    used, _ = paragraphs(fig, sheet, rect, [title])
    return map_axes(fig, below(rect, used, sheet.fy(0.05)), doc.plan, sheet)


def chart_axes(fig: Figure, rect: Rect, sheet: Sheet, *, left_in: float,
               bottom_in: float = 0.45, top_in: float = 0.15,
               title: str = "") -> Axes:
    """Axes inside ``rect`` leaving room for tick labels on the left and
    below, and a title above."""
    left, bottom, width, height = rect
    if title:
        fig.text(left, bottom + height, title, va="top", fontweight="bold")
        top_in += 0.3
    return fig.add_axes((left + sheet.fx(left_in),
                         bottom + sheet.fy(bottom_in),
                         width - sheet.fx(left_in + 0.1),
                         height - sheet.fy(bottom_in + top_in)))


def note_page(doc: Document, heading: str, lines: list[str]) -> Figure:
    """A page saying why a section has nothing to show."""
    fig = new_page(doc.sheet, heading)
    paragraphs(fig, doc.sheet, doc.sheet.body, lines)
    return fig


def text_pages(doc: Document, heading: str,
               blocks: list[tuple[str, list[str]]]) -> list[Figure]:
    """Bulleted lists under bold titles, continued on new pages."""
    sheet = doc.sheet
    pages = [new_page(sheet, heading)]
    rect = sheet.body
    for title, lines in blocks:
        rest, first = lines, True
        while first or rest:
            if rect[3] < sheet.fy(0.8):
                pages.append(new_page(sheet, continued(heading)))
                rect = sheet.body
            used, _ = paragraphs(pages[-1], sheet, rect, [
                title if first else continued(title)], bold=True)
            used_list, rest = paragraphs(pages[-1], sheet, below(rect, used),
                                         rest, bullet="\u2022")
            rect = below(rect, used + used_list, sheet.fy(0.2))
            first = False
            if rest:
                rect = (*rect[:3], 0.0)
    return pages
