"""The review notes section: every note numbered on a map and listed with
its status, author, date and scenario, then its photos as thumbnails.
The notes are the planner's own: ``Document.review_notes`` False (the
client's copy) leaves the section out."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke

from ..io.rasters import read_plain_image
from ..model.language import N_, tr
from ..model.notes import NOTES
from ..model.plan_paths import resolve_stored
from ..model.problems import PlannerError
from ..model.scenarios import scenario_label
from ..model.symbology import STYLES
from .document import Document
from .layout import grid, map_page, under_map
from .maps import draw_context, furnish
from .pages import new_page, paragraphs
from .tables import Table, cell, flow

HEADING = N_("Review notes")
STATUS_FILL = {"open": STYLES[NOTES].fill, "resolved": "#bdbdbd"}
#: A status in words, and the legend's entry for a note of that status.
STATUS_WORDS = {"open": N_("open"), "resolved": N_("resolved")}
STATUS_LEGEND = {"open": N_("open note"), "resolved": N_("resolved note")}
THUMBS = (2, 4)          # rows x columns of photos on a page
THUMB_PIXELS = 600


def review_notes_section(doc: Document) -> list[Figure]:
    """The notes on a map with their table, then pages of photos; nothing
    when the plan has no notes or the client's copy is asked for."""
    notes = doc.plan[NOTES]
    if not doc.review_notes or notes.empty:
        return []
    notes = notes.reset_index(drop=True)
    sheet, heading = doc.sheet, tr(HEADING)
    fig, ax, side = map_page(doc, heading)
    doc.base_maps.draw(ax, sheet.scale)
    draw_context(ax, doc.plan, sheet)
    _numbered(ax, notes, sheet.scale)
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=9,
                      markerfacecolor=fill, markeredgecolor="#333333",
                      label=tr(STATUS_LEGEND[status]))
               for status, fill in STATUS_FILL.items()]
    note = doc.legend_above(fig, side, handles, tr("Review notes"))
    paragraphs(fig, sheet, note, [tr(
        "Notes made on the map in review and fieldwork, numbered as in the "
        "table. They are the planning team's working notes: leave them out "
        "of a client's copy (plannerdesk report --no-notes, or untick "
        "'Include review notes' when exporting).")], size="small")
    rows = tuple((str(k + 1), cell(row.get("text")),
                  _status(row.get("status")),
                  cell(row.get("author")), _date(row.get("created")),
                  cell(scenario_label(row["scenario"])
                       if isinstance(row.get("scenario"), str) else None))
                 for k, row in notes.iterrows())
    listing = Table(tr("The notes"), (tr("No."), tr("Note"), tr("Status"),
                                      tr("Author"), tr("Date"),
                                      tr("Scenario")), rows,
                    (True, False, False, False, False, False))
    pages = [fig, *flow(sheet, heading, [listing],
                        start=(fig, under_map(doc, ax)))]
    return pages + _photo_pages(doc, notes)


def _numbered(ax, notes: pd.DataFrame, scale: float) -> None:
    """Each note as a circle in its status colour with its number."""
    for k, row in notes.iterrows():
        point = row.geometry
        if point is None or point.is_empty:
            continue
        fill = STATUS_FILL.get(str(row.get("status")), STATUS_FILL["open"])
        ax.scatter([point.x], [point.y], s=(11 * scale) ** 2, c=[fill],
                   edgecolors="#333333", linewidths=0.6 * scale, zorder=30)
        ax.text(point.x, point.y, str(k + 1), ha="center", va="center",
                fontsize="x-small", fontweight="bold", zorder=31,
                path_effects=[withStroke(linewidth=1.5 * scale,
                                         foreground=fill)])


def _status(value) -> str:
    """A note's status in words ('open'), else as stored."""
    word = STATUS_WORDS.get(value) if isinstance(value, str) else None
    return tr(word) if word else cell(value)


def _date(value) -> str:
    """The day of an ISO time stamp ('2026-10-12'), or a dash."""
    text = cell(value)
    return text[:10] if len(text) >= 10 and text[4] == "-" else text


def _photo_pages(doc: Document, notes: pd.DataFrame) -> list[Figure]:
    """The notes' photos, a grid of thumbnails per page, each captioned
    with its note's number and text; a photo that cannot be read is
    captioned so instead."""
    photos = [(k, str(row["photo"]).strip()) for k, row in notes.iterrows()
              if "photo" in notes.columns and pd.notna(row["photo"])
              and str(row["photo"]).strip()]
    pages: list[Figure] = []
    per_page = THUMBS[0] * THUMBS[1]
    for first in range(0, len(photos), per_page):
        fig = new_page(doc.sheet, tr("Review notes: photos"))
        cells = grid(doc.sheet.body, *THUMBS, doc.sheet)
        for rect, (k, stored) in zip(cells, photos[first:first + per_page],
                                     strict=False):
            _thumbnail(doc, fig, rect, k, stored, notes.loc[k, "text"])
        pages.append(fig)
    return pages


def _thumbnail(doc: Document, fig: Figure, rect, k: int, stored: str,
               text) -> None:
    sheet = doc.sheet
    path = resolve_stored(stored, doc.source_path) if doc.source_path \
        else Path(stored)
    caption = f"{k + 1}. {cell(text)}"
    image, caption_rect = None, rect
    try:
        image = read_plain_image(path, max_pixels=THUMB_PIXELS).rgba
    except (PlannerError, OSError) as exc:
        caption = tr("{number}. {note} (photo {file} cannot be read: "
                     "{error})").format(number=k + 1, note=cell(text),
                                        file=path.name, error=exc)
    used, _ = paragraphs(fig, sheet, caption_rect, [caption], size="small")
    if image is None:
        return
    left, bottom, width, height = rect
    ax = fig.add_axes((left, bottom, width, max(height - used, 0.01)))
    ax.imshow(image, interpolation="antialiased")
    ax.set_anchor("N")
    ax.set_axis_off()
