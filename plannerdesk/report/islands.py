"""The walkway islands page: the parts of the network cut off from the
rest, the places on them and the gap to the main network, on a map and in
a table. A plan with no islands gets no page (the network form page says
so)."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..model.language import N_, tr
from ..model.symbology import EDGE_COLOUR, ISLAND_ALPHA, ISLAND_COLOUR
from .document import Document
from .layout import map_page, under_map
from .maps import draw, draw_context, furnish
from .pages import paragraphs
from .tables import flow, table

HEADING = N_("Walkway islands")
DASHES = (0, (3, 2))
COLUMNS = {"island": (N_("Island"), "int"),
           "lines": (N_("Walkways"), "text"),
           "length_m": (N_("Length (m)"), "m"),
           "buildings": (N_("Buildings"), "int"),
           "facilities": (N_("Facilities"), "int"),
           "lots": (N_("Lots"), "int"), "spaces": (N_("Spaces"), "int"),
           "gap_m": (N_("Gap (m)"), "m"), "near": (N_("Near"), "text")}


def islands_section(doc: Document) -> list[Figure]:
    """The islands on a map, with what to do, then their table."""
    islands = doc.results.context.islands
    if islands.parts.empty:
        return []
    sheet, ctx = doc.sheet, doc.results.context
    heading = tr(HEADING)
    fig, ax, side = map_page(doc, heading)
    draw_context(ax, doc.plan, sheet)
    draw(ax, islands.parts.geometry, stroke=ISLAND_COLOUR,
         width=1.6 * sheet.scale, zorder=6)
    on = islands.place_island
    for geoms in (doc.plan["buildings"].geometry[on["buildings"] >= 0],
                  ctx.lots.geometry[on["lots"] >= 0]):
        draw(ax, geoms, fill=ISLAND_COLOUR, stroke=ISLAND_COLOUR,
             alpha=ISLAND_ALPHA, width=0.3 * sheet.scale, zorder=7)
    draw(ax, doc.plan["facilities"].geometry[on["facilities"] >= 0],
         fill=ISLAND_COLOUR, stroke="white", size=4 * sheet.scale,
         width=0.3 * sheet.scale, zorder=8)
    draw(ax, islands.gap_lines.geometry, stroke=EDGE_COLOUR,
         width=0.8 * sheet.scale, zorder=9, dashes=DASHES)
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = _handles()
    note = doc.legend_above(fig, side, handles, tr("Walkway islands"))
    walk = doc.plan.settings.walk
    paragraphs(fig, sheet, note, [tr(
        "An island is a part of the walkway network joined to the rest by "
        "nothing: fewer than {nodes:.0f} nodes or shorter than "
        "{length:,.0f} m (proposals, see Parameters). A place on one walks "
        "nowhere beyond it, so its coverage and walk score count as poor. "
        "Each dashed line runs to the nearest point of the main network: "
        "draw the missing link there, or mark the walkway not walkable if "
        "it is not.").format(nodes=walk.island_max_nodes,
                             length=walk.island_max_length_m)],
        size="small")
    parts = islands.parts.assign(near=islands.parts["near"].map(
                                     doc.labels.line),
                                 gap_m=np.where(np.isfinite(
                                     islands.parts["gap_m"]),
                                     islands.parts["gap_m"], np.nan))
    return [fig, *flow(sheet, heading, [table(
        tr("Walkway islands and the places on them"), parts, COLUMNS)],
        start=(fig, under_map(doc, ax)))]


def _handles() -> list:
    return [Line2D([], [], color=ISLAND_COLOUR, linewidth=2.5,
                   label=tr("walkway island")),
            Patch(facecolor=to_rgba(ISLAND_COLOUR, ISLAND_ALPHA),
                  edgecolor=ISLAND_COLOUR, label=tr("place on an island")),
            Line2D([], [], color=EDGE_COLOUR, linewidth=1.2,
                   linestyle=DASHES, label=tr("gap to the main network"))]
