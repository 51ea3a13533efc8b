"""The suggested places section: for each group of facilities the
district lacks and for unmet parking, where new ones would serve the most
(:mod:`plannerdesk.evaluate.suggest`), numbered on a map and listed with
their gains."""

from __future__ import annotations

import pandas as pd
import shapely
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke

from ..evaluate.coverage import people_measure
from ..evaluate.shape import SITE_ROW
from ..evaluate.suggest import PARKING, Suggestions, suggest
from ..model.language import N_, tr
from ..model.words import human
from .document import Document
from .layout import map_page, note_page, under_map
from .maps import draw, draw_context, furnish
from .pages import legend_height_in, paragraphs, stacked
from .tables import flow, table

HEADING = N_("Suggested places")
EACH = 2          # places suggested per need
MARK = "#e7298a"  # as the app marks them
COLUMNS = {"mark": (N_("Mark"), "text"), "what": (N_("Add"), "text"),
           "zone": (N_("Zone"), "text"), "gain": (N_("Serves more"), "int"),
           "unit": (N_("of"), "text"),
           "capacity": (N_("Capacity (spaces)"), "int"),
           "where": (N_("Where (x, y)"), "text")}


def suggestion_section(doc: Document) -> list[Figure]:
    """The map of every suggestion, a note, then their table."""
    heading = tr(HEADING)
    found = _needs(doc)
    if not found:
        return [note_page(doc, heading, [tr(
            "No group of facilities is lacking and no parking demand is "
            "unmet, so no place is suggested.")])]
    rows = _rows(found)
    sheet = doc.sheet
    fig, ax, side = map_page(doc, heading)
    draw_context(ax, doc.plan, sheet)
    points = shapely.points(rows[["x", "y"]].to_numpy())
    draw(ax, points, fill=MARK, stroke="white", marker="star",
         size=12 * sheet.scale, width=0.5 * sheet.scale, zorder=30)
    for row in rows.itertuples():
        ax.annotate(row.mark, (row.x, row.y), xytext=(6, 6),
                    textcoords="offset points", fontsize="small",
                    fontweight="bold", color=MARK, zorder=31,
                    path_effects=[withStroke(linewidth=2.5,
                                             foreground="white")])
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = [Line2D([], [], linestyle="none", marker="*", markersize=11,
                      markerfacecolor=MARK, markeredgecolor="white",
                      label=tr("suggested place (its mark in the table)"))]
    key, note = stacked(side, [legend_height_in(len(handles))], sheet)
    doc.legend(fig, key, handles, tr("Where new places serve the most"))
    paragraphs(fig, sheet, note, [tr(
        "For each group of facilities the district lacks and for unmet "
        "parking, the {n} places that would serve the most people not yet "
        "served (a maximal covering choice among points every {spacing:g} "
        "m along the walkways and the edges of public spaces). Each gain "
        "counts what the places above it do not already serve, and is what "
        "the evaluation finds once the place is drawn.").format(
        n=EACH, spacing=doc.plan.settings.coverage.candidate_spacing_m)],
        size="small")
    shown = rows.assign(zone=rows["zone"].map(
        lambda z: doc.zone(z) if z else tr("in no zone")))
    return [fig, *flow(sheet, heading, [table(
        tr("Suggested places, by need and gain"), shown, COLUMNS)],
        start=(fig, under_map(doc, ax)))]


def _needs(doc: Document) -> list[tuple[str, Suggestions]]:
    """(what is added, its suggestions) for each lacking group (its first
    category with a service radius) and for unmet parking."""
    results, plan = doc.results, doc.plan
    out = []
    if results.coverage is not None and not results.coverage.groups.empty:
        settings = plan.settings.coverage
        groups = results.coverage.groups
        share, _ = people_measure(groups)
        for group, rows in groups.groupby("group", sort=False):
            site = rows[rows["zone"] == SITE_ROW].iloc[0]
            if pd.notna(site[share]) and \
                    site[share] >= settings.group_min_share:
                continue
            kind = next((k for k in settings.groups[group]
                         if k in settings.radii_m), None)
            if kind is not None:
                out.append((human(kind), suggest(plan, add=kind, count=EACH)))
    if results.parking is not None and results.parking.site["unmet"] >= 1:
        out.append((tr("car park"), suggest(plan, add=PARKING, count=EACH)))
    return [(what, found) for what, found in out if len(found.rows)]


def _rows(found: list[tuple[str, Suggestions]]) -> pd.DataFrame:
    """One row per place, marked A1, A2, B1..."""
    parts = []
    for letter, (what, each) in zip("ABCDEFGHIJ", found, strict=False):
        rows = each.rows.copy()
        rows["mark"] = [f"{letter}{n}" for n in rows["rank"]]
        rows["what"] = what
        rows["unit"] = tr(each.unit)
        rows["where"] = [f"{x:.0f}, {y:.0f}" for x, y in
                         zip(rows["x"], rows["y"], strict=True)]
        parts.append(rows)
    return pd.concat(parts, ignore_index=True)
