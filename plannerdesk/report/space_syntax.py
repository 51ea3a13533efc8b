"""The space syntax section: the street segments on the map by angular
integration at the largest radius, then each zone's integration and
choice at every radius."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..evaluate.map_classes import syntax_classes, syntax_legend
from ..model.language import N_, tr
from .document import Document
from .layout import map_page, note_page, under_map
from .maps import draw, draw_context, furnish
from .pages import legend_height_in, paragraphs, stacked
from .tables import flow, table

HEADING = N_("Space syntax")


def syntax_section(doc: Document) -> list[Figure]:
    """The map with its key and a note, then the zone table."""
    result, heading = doc.results.space_syntax, tr(HEADING)
    if result is None or not result.radii:
        return [note_page(doc, heading, [tr(
            "Space syntax was not evaluated for this report.")])]
    sheet = doc.sheet
    fig, ax, side = map_page(doc, heading)
    draw_context(ax, doc.plan, sheet)
    kinds = syntax_classes(result.segments["integration"])
    for k, (_, colour) in enumerate(syntax_legend()):
        draw(ax, result.geometry[kinds == k], stroke=colour,
             width=2.2 * sheet.scale, zorder=6)
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = [Line2D([], [], color=colour, linewidth=3, label=label)
               for label, colour in reversed(syntax_legend())]
    key, note = stacked(side, [legend_height_in(len(handles))], sheet)
    radius = max(result.radii)
    doc.legend(fig, key, handles, tr("Angular integration within "
                                     "{radius:,.0f} m").format(radius=radius))
    paragraphs(fig, sheet, note, [tr(
        "Each street segment is coloured by how few turns reach the "
        "segments within {radius:,.0f} m of it (angular integration, "
        "NAIN, Hillier, Yang & Turner 2012), in fifths of the segments. "
        "Choice (NACH) measures how many of the least-turning paths "
        "between them pass it. Walkable squares are crossed, not "
        "counted as segments.").format(radius=radius)], size="small")
    columns = {"zone": (N_("Zone"), "text"),
               "segments": (N_("Segments"), "int"),
               "length_m": (N_("Length (m)"), "int")}
    for r in result.radii:
        columns[f"integration_{r:g}"] = (tr("Integration {r:,.0f} m")
                                         .format(r=r), "2")
        columns[f"choice_{r:g}"] = (tr("Choice {r:,.0f} m").format(r=r),
                                    "2")
    zones = result.zones.assign(zone=result.zones["zone"].map(doc.zone))
    return [fig, *flow(sheet, heading, [table(
        tr("Angular integration and choice by zone (means weighted by "
           "length)"), zones, columns, tr("No street segments."))],
        start=(fig, under_map(doc, ax)))]
