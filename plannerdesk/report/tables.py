"""Tables: figures formatted for reading, laid out one after another and
continued on the next page (caption and header repeated) instead of being
clipped. A table too wide for the page is split into parts, each repeating
the first column."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..model.language import tr
from ..model.words import human
from .pages import SIZES, Rect, Sheet, new_page
from .text import line_height, text_width, words, wrap

PAD_EM = 0.32      # cell padding, in units of the text size
KEEP_TOGETHER = 8   # rows of a table never split across pages
FIRST_ROWS = 4      # rows a table needs room for to start on a page
SHADE = "#f0f0f0"
RULE = "#555555"
FINE = "#6b6b6b"    # the colour of fine print
NONE = "\u2013"     # printed for a missing value
FORMATS = {"int": "{:,.0f}", "m": "{:,.0f}", "pct": "{:.0%}",
           "1": "{:,.1f}", "2": "{:.2f}"}
FORMATS |= {f"+{k}": f.replace("{:", "{:+") for k, f in FORMATS.items()}


@dataclass(frozen=True)
class Table:
    """A captioned table of text cells; ``right`` marks number columns,
    ``fine`` columns in grey (a key beside its words).
    ``empty`` is printed in place of rows when there are none (None:
    'none')."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: tuple[bool, ...]
    empty: str | None = None
    fine: tuple[bool, ...] = ()


def cell(value, kind: str = "text") -> str:
    """``value`` printed as ``kind``: text, int, m, pct, 1 or 2 decimals;
    with a leading '+' (e.g. '+int'), signed."""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(v, kind) for v in value)
    if value is None or (not isinstance(value, (str, dict))
                         and pd.isna(value)):
        return NONE
    if kind == "text" or isinstance(value, (str, bool, dict)):
        return str(value)
    text = FORMATS[kind].format(float(value))
    return text[1:] if text[0] in "+-" and \
        not any(c in "123456789" for c in text) else text   # no '-0'


def in_words(value):
    """A key (``on_street``) in words in the report's language (see
    model.words.human); a missing value or '' as it is."""
    return human(value) if isinstance(value, str) and value else value


def table(caption: str, frame: pd.DataFrame,
          columns: dict[str, tuple[str, str]],
          empty: str | None = None) -> Table:
    """A Table of ``frame``'s columns: {column: (title, kind)}, the titles
    marked with N_ and translated here."""
    keys = list(columns)
    rows = tuple(tuple(cell(value, columns[key][1])
                       for key, value in zip(keys, row, strict=True))
                 for row in frame[keys].itertuples(index=False))
    return Table(caption, tuple(tr(t) for t, _ in columns.values()), rows,
                 tuple(k != "text" for _, k in columns.values()), empty)


def continued(title: str) -> str:
    """``title`` of a page or table carried on from the one before."""
    return tr("{title} (continued)").format(title=title)


def flow(sheet: Sheet, heading: str, tables: list[Table], *,
         start: tuple[Figure, Rect] | None = None) -> list[Figure]:
    """Lay ``tables`` out from the top of ``start`` (a page and an area on
    it) or of a new page, continuing on new pages; return the new pages."""
    cursor = _Cursor(sheet, heading, start)
    for item in tables:
        width = cursor.rect[2] * sheet.width_in * 72
        for part in _parts(item, _size(sheet), width):
            _draw(cursor, part)
    return cursor.pages


class _Cursor:
    """Where the next line goes; opens a new page when one is full."""

    def __init__(self, sheet: Sheet, heading: str,
                 start: tuple[Figure, Rect] | None) -> None:
        self.sheet, self.heading, self.pages = sheet, heading, []
        if start is None:
            self.new_page()
        else:
            self.fig, self.rect = start
            self.y, self.fresh = self.top, False

    @property
    def top(self) -> float:
        return self.rect[1] + self.rect[3]

    def new_page(self) -> None:
        self.fig = new_page(self.sheet, continued(self.heading)
                            if self.pages else self.heading)
        self.pages.append(self.fig)
        self.rect = self.sheet.body
        self.y, self.fresh = self.top, True

    def fits(self, height_pt: float) -> bool:
        return self.y - self.dy(height_pt) >= self.rect[1] - 1e-9

    def dy(self, points: float) -> float:
        return points / 72 / self.sheet.height_in

    def x(self, points: float) -> float:
        return self.rect[0] + points / 72 / self.sheet.width_in


def _size(sheet: Sheet) -> float:
    return sheet.size_pt * SIZES["small"]


def _pad(size: float) -> float:
    return PAD_EM * size


def _parts(item: Table, size: float, width: float) -> list[Table]:
    """``item`` split into column groups that fit ``width`` points, each
    repeating the first column."""
    least = [_least_width(item, i, size) for i in range(len(item.header))]
    groups, current, used = [], [0], least[0]
    for i in range(1, len(least)):
        if used + least[i] > width and len(current) > 1:
            groups.append(current)
            current, used = [0], least[0]
        current.append(i)
        used += least[i]
    groups.append(current)
    if len(groups) == 1:
        return [item]
    return [Table(tr("{caption} (part {part} of {parts})").format(
                      caption=item.caption, part=n, parts=len(groups)),
                  tuple(item.header[i] for i in cols),
                  tuple(tuple(row[i] for i in cols) for row in item.rows),
                  tuple(item.right[i] for i in cols), item.empty,
                  tuple(_fine(item, i) for i in cols))
            for n, cols in enumerate(groups, start=1)]


def _fine(item: Table, column: int) -> bool:
    return column < len(item.fine) and item.fine[column]


def _least_width(item: Table, column: int, size: float) -> float:
    """The narrowest a column can be: its longest word, header included."""
    pieces = [w for text in [item.header[column],
                             *(row[column] for row in item.rows)]
              for w in words(text)] or [""]
    return max(text_width(w, size, True) for w in pieces) + 2 * _pad(size)


def _widths(item: Table, size: float, width: float) -> list[float]:
    """Column widths (points): as wide as their cells, then headers as wide
    as the room allows (else wrapped); narrowed evenly from the widest when
    even the cells would not fit."""
    columns = range(len(item.header))
    least = [_least_width(item, i, size) for i in columns]
    cells = [max([least[i], *(text_width(row[i], size) + 2 * _pad(size)
                              for row in item.rows)]) for i in columns]
    if sum(cells) > width:
        low, high = 0.0, max(cells)
        for _ in range(40):
            cap = (low + high) / 2
            total = sum(max(m, min(n, cap))
                        for n, m in zip(cells, least, strict=True))
            low, high = (cap, high) if total <= width else (low, cap)
        return [max(m, min(n, low)) for n, m in zip(cells, least, strict=True)]
    want = [max(0.0, text_width(item.header[i], size, True) + 2 * _pad(size)
                - cells[i]) for i in columns]
    share = min(1.0, (width - sum(cells)) / sum(want)) if sum(want) else 0
    return [c + w * share for c, w in zip(cells, want, strict=True)]


def _draw(cursor: _Cursor, item: Table) -> None:
    size = _size(cursor.sheet)
    step = line_height(size)
    widths = _widths(item, size, cursor.rect[2] * cursor.sheet.width_in * 72)
    header = [wrap(h, size, w - 2 * _pad(size), True)
              for h, w in zip(item.header, widths, strict=True)]
    rows = [[wrap(c, size, w - 2 * _pad(size))
             for c, w in zip(row, widths, strict=True)] for row in item.rows]
    heights = [max(map(len, row)) * step + 2 * _pad(size) for row in rows]
    start = _caption_h(cursor) + max(map(len, header)) * step + 2 * _pad(size)
    if not cursor.fresh and not cursor.fits(
            start + sum(heights[:FIRST_ROWS] or [step])):
        cursor.new_page()    # too few rows would stay behind
    elif not cursor.fresh and len(rows) <= KEEP_TOGETHER and \
            not cursor.fits(start + sum(heights)):
        cursor.new_page()    # a short table is not split
    cursor.fresh = False
    _caption(cursor, item.caption)
    _row(cursor, header, widths, item.right, bold=True)
    fine = tuple(_fine(item, i) for i in range(len(widths)))
    if not rows:
        cursor.fig.text(cursor.x(_pad(size)), cursor.y - cursor.dy(_pad(size)),
                        tr("none") if item.empty is None else item.empty,
                        va="top", fontsize="small",
                        style="italic")
        cursor.y -= cursor.dy(step + 2 * _pad(size))
    for n, (row, height) in enumerate(zip(rows, heights, strict=True)):
        if not cursor.fits(height):
            cursor.new_page()
            _caption(cursor, continued(item.caption))
            _row(cursor, header, widths, item.right, bold=True)
        _row(cursor, row, widths, item.right, shade=n % 2 == 1, fine=fine)
    cursor.y -= cursor.dy(step * 1.2)


def _caption_h(cursor: _Cursor) -> float:
    return line_height(cursor.sheet.size_pt) + _pad(_size(cursor.sheet))


def _caption(cursor: _Cursor, text: str) -> None:
    cursor.fig.text(cursor.rect[0], cursor.y, text, va="top",
                    fontweight="bold")
    cursor.y -= cursor.dy(_caption_h(cursor))


def _row(cursor: _Cursor, cells: list[list[str]], widths: list[float],
         right: tuple[bool, ...], *, bold: bool = False,
         shade: bool = False, fine: tuple[bool, ...] = ()) -> None:
    """One table row of wrapped ``cells``; the header row gets a rule;
    ``fine`` columns print grey (never below the 7 pt the page
    allows)."""
    size = _size(cursor.sheet)
    step = line_height(size)
    height = max(map(len, cells)) * step + 2 * _pad(size)
    fig, y = cursor.fig, cursor.y
    if shade:
        fig.add_artist(Rectangle(
            (cursor.x(0), y - cursor.dy(height)),
            cursor.x(sum(widths)) - cursor.x(0), cursor.dy(height),
            transform=fig.transFigure, facecolor=SHADE, edgecolor="none"))
    left = 0.0
    for column, (lines, width, flush_right) in enumerate(
            zip(cells, widths, right, strict=True)):
        x = cursor.x(left + width - _pad(size) if flush_right
                     else left + _pad(size))
        small = column < len(fine) and fine[column]
        for k, line in enumerate(lines):
            fig.text(x, y - cursor.dy(_pad(size) + k * step), line, va="top",
                     ha="right" if flush_right else "left",
                     fontsize="small", color=FINE if small else "black",
                     fontweight="bold" if bold else "normal")
        left += width
    if bold:
        fig.add_artist(Rectangle(
            (cursor.x(0), y - cursor.dy(height)),
            cursor.x(sum(widths)) - cursor.x(0), 0,
            transform=fig.transFigure, edgecolor=RULE,
            linewidth=0.6 * cursor.sheet.scale))
    cursor.y -= cursor.dy(height)
