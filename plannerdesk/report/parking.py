"""The parking section: zones by flag, lots sized by idle spaces and the
allocation of demand to lots; supply and demand per zone; the tables."""

from __future__ import annotations

from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..evaluate.map_classes import idle_circles, zones_flagged
from ..evaluate.tables import allocation_lines
from ..model.language import N_, tr
from ..model.symbology import FLAG_ALPHA, FLAG_COLOURS, IDLE_ALPHA, IDLE_COLOUR
from .charts import parking_bars
from .document import Document
from .layout import chart_axes, map_page, note_page, under_map
from .maps import draw, draw_context, furnish
from .pages import legend_height_in, stacked
from .tables import flow, in_words, table

HEADING = N_("Parking supply and demand")
LOT_MARK = "#1d3f7a"
LINE_COLOUR = to_rgba("#555555", 0.45)
ZONE_COLUMNS = {"zone": (N_("Zone"), "text"),
                "supply": (N_("Supply"), "int"),
                "demand": (N_("Demand"), "int"),
                "reachable_supply": (N_("Supply within the walk"), "int"),
                "unmet": (N_("Unmet demand"), "int"),
                "idle": (N_("Idle"), "int"), "flag": (N_("Flag"), "text")}
OFFER_COLUMNS = {"zone": (N_("Deficit zone"), "text"),
                 "lot": (N_("Lot"), "text"),
                 "idle": (N_("Idle spaces"), "int"),
                 "distance_m": (N_("Walk (m)"), "m")}
LOT_COLUMNS = {"name": (N_("Lot"), "text"), "zone": (N_("Zone"), "text"),
               "type": (N_("Type"), "text"),
               "access": (N_("Access"), "text"),
               "capacity": (N_("Capacity"), "int"),
               "assigned": (N_("Used"), "int"),
               "utilisation": (N_("Use"), "pct"),
               "idle": (N_("Idle"), "int")}


def parking_section(doc: Document) -> list[Figure]:
    """The map and chart page, then the zone, offer and lot tables."""
    result, heading = doc.results.parking, tr(HEADING)
    if result is None:
        return [note_page(doc, heading, [
            tr("Parking was not evaluated for this report.")])]
    sheet = doc.sheet
    fig, ax, side = map_page(doc, heading)
    _draw_overlay(doc, ax)
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = _handles(doc)
    key, chart = stacked(side, [legend_height_in(len(handles) + 2)], sheet)
    peak = result.peak_period
    doc.legend(fig, key, handles, tr("Parking") if peak == "all day" else
               tr("Parking at the peak ({period})").format(period=peak))
    if len(result.per_zone):
        parking_bars(chart_axes(fig, chart, sheet, left_in=1.3, top_in=0.5,
                                title=tr("Spaces per zone")),
                     result.per_zone, doc.labels)
    return [fig, *flow(sheet, heading, _tables(doc),
                       start=(fig, under_map(doc, ax)))]


def _draw_overlay(doc: Document, ax) -> None:
    ctx, sheet = doc.results.context, doc.sheet
    draw_context(ax, doc.plan, sheet)
    for flag in ("deficit", "surplus"):
        draw(ax, zones_flagged(doc.results, flag), fill=FLAG_COLOURS[flag],
             stroke=FLAG_COLOURS[flag], alpha=FLAG_ALPHA,
             width=0.8 * sheet.scale, zorder=2)
    draw(ax, allocation_lines(doc.results).geometry, stroke=LINE_COLOUR,
         width=0.35 * sheet.scale, zorder=6)
    points = ctx.lots["point"].to_numpy()
    draw(ax, idle_circles(doc.results), fill=IDLE_COLOUR, stroke=IDLE_COLOUR,
         alpha=IDLE_ALPHA, width=0.5 * sheet.scale, zorder=7)
    draw(ax, points, fill=LOT_MARK, stroke="white",
         marker="square", size=3.5 * sheet.scale, width=0.3 * sheet.scale,
         zorder=8)


def _handles(doc: Document) -> list:
    limit = doc.plan.settings.parking.walk_limit_m
    return [
        Patch(facecolor=to_rgba(FLAG_COLOURS["deficit"], FLAG_ALPHA),
              edgecolor=FLAG_COLOURS["deficit"],
              label=tr("zone short of spaces (deficit)")),
        Patch(facecolor=to_rgba(FLAG_COLOURS["surplus"], FLAG_ALPHA),
              edgecolor=FLAG_COLOURS["surplus"],
              label=tr("zone with spare spaces (surplus)")),
        Line2D([], [], linestyle="none", marker="o", markersize=11,
               markerfacecolor=to_rgba(IDLE_COLOUR, IDLE_ALPHA),
               markeredgecolor=IDLE_COLOUR,
               label=tr("idle spaces of a lot\n(circle grows with them)")),
        Line2D([], [], linestyle="none", marker="s", markersize=5,
               markerfacecolor=LOT_MARK, markeredgecolor="white",
               label=tr("parking lot")),
        Line2D([], [], color=LINE_COLOUR, linewidth=1.2,
               label=tr("demand served by a lot\n(walk up to {limit:,.0f} "
                        "m)").format(limit=limit))]


def _tables(doc: Document) -> list:
    result, label = doc.results.parking, doc.labels.line
    zones = result.zones.assign(zone=result.zones["zone"].map(doc.zone),
                                flag=result.zones["flag"].map(in_words))
    offers = result.suggestions.assign(
        zone=result.suggestions["zone"].map(doc.zone),
        lot=result.suggestions["lot"].map(label))
    lots = result.lots.assign(
        name=result.lots["name"].map(label),
        zone=result.lots["zone"].map(doc.zone),
        type=doc.plan["parking"]["type"].fillna("").astype(str)
        .map(in_words),
        access=doc.plan["parking"]["access"].fillna("public").astype(str)
        .map(in_words))
    search = doc.plan.settings.parking.search_walk_m
    return [
        table(tr("Supply and demand by zone (spaces)"), zones, ZONE_COLUMNS,
              tr("No zones in the plan.")),
        table(tr("Lots with idle spaces within {search:,.0f} m of the short "
                 "buildings of deficit zones, nearest first").format(
                     search=search), offers, OFFER_COLUMNS,
              tr("No deficit zone has idle lots within reach.")),
        table(tr("Lots"), lots, LOT_COLUMNS, tr("No parking in the plan."))]
