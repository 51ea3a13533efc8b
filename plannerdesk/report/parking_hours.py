"""The parking hour-by-hour section: the map at the site's worst weekday
hour (zones short then, lots by how full they are), each zone's day as a
chart, and the tables of short hours and of lots by their busiest hour."""

from __future__ import annotations

from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from ..evaluate.charts import hour_chart
from ..evaluate.map_classes import lots_full, zones_short
from ..evaluate.parking_hours import DAYS
from ..evaluate.shape import SITE_ROW
from ..model.language import N_, tr
from ..model.standards import PARKING_HOURS
from ..model.symbology import FLAG_ALPHA, FLAG_COLOURS, OCCUPANCY_CLASSES
from ..model.words import human
from .charts import hour_columns
from .document import Document
from .layout import chart_axes, grid, map_page, note_page, under_map
from .maps import draw, draw_context, furnish
from .pages import legend_height_in, new_page, paragraphs, stacked
from .tables import flow, table

HEADING = N_("Parking hour by hour")
CHARTS_PER_PAGE = 9     # charts to a page, 3 rows of 3
FAMILY_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b",
                  "#e377c2", "#7f7f7f")
ZONE_COLUMNS = {"zone": (N_("Zone"), "text"),
                **{f"{day}_{key}": (title, kind) for day, titles in (
                    ("weekday", (N_("Weekday: short"), N_("worst hour"),
                                 N_("unmet then"), N_("lots' busiest"))),
                    ("saturday", (N_("Saturday: short"), N_("worst hour"),
                                  N_("unmet then"), N_("lots' busiest"))))
                   for (key, kind), title in zip(
                       (("short_spans", "text"), ("peak_hour", "text"),
                        ("peak_unmet", "int"), ("peak_occupancy", "pct")),
                       titles, strict=True)}}
LOT_COLUMNS = {"name": (N_("Lot"), "text"), "zone": (N_("Zone"), "text"),
               "capacity": (N_("Capacity"), "int"),
               "peak_hour": (N_("Busiest hour"), "text"),
               "peak_used": (N_("Used then"), "int"),
               "peak_occupancy": (N_("Full then"), "pct")}


def parking_hours_section(doc: Document) -> list[Figure]:
    """The map page, the pages of zone charts, then the tables."""
    result, heading = doc.results.parking_hours, tr(HEADING)
    if result is None:
        return [note_page(doc, heading, [
            tr("Parking hour by hour was not evaluated for this report.")])]
    hour = _worst_hour(result)
    fig, ax, side = map_page(doc, heading)
    _draw_hour(doc, ax, hour)
    furnish(ax, doc.plan, doc.sheet, doc.labels)
    handles = _handles()
    key, chart = stacked(side, [legend_height_in(len(handles) + 1)],
                         doc.sheet)
    doc.legend(fig, key, handles, tr("A weekday at {hour}, the site's worst "
                                     "hour").format(hour=f"{hour:02d}:00"))
    hour_columns(chart_axes(fig, chart, doc.sheet, left_in=0.7, top_in=0.9,
                            title=tr("The site's weekday")),
                 hour_chart(result.zone(SITE_ROW), hour), legend=True)
    return [fig, *_zone_pages(doc, heading),
            *flow(doc.sheet, heading, _tables(doc),
                  start=(fig, under_map(doc, ax)))]


def _worst_hour(result) -> int:
    """The site's weekday hour of the most unmet (else most) demand."""
    text = result.site["weekday_peak_hour"]
    return int(text[:2]) if text else 10


def _draw_hour(doc: Document, ax, hour: int) -> None:
    """Zones short at ``hour`` of a weekday; lots coloured by how full."""
    ctx, sheet, result = doc.results.context, doc.sheet, \
        doc.results.parking_hours
    draw_context(ax, doc.plan, sheet)
    short = zones_short(result, "weekday", hour, ctx.zones["name"])
    draw(ax, ctx.zones.geometry.to_numpy()[short],
         fill=FLAG_COLOURS["deficit"], stroke=FLAG_COLOURS["deficit"],
         alpha=FLAG_ALPHA, width=0.8 * sheet.scale, zorder=2)
    kinds = lots_full(result, "weekday", hour, ctx.lots.index)
    points = ctx.lots["point"].to_numpy()
    for k, (_, colour, _) in enumerate(OCCUPANCY_CLASSES):
        draw(ax, points[kinds == k], fill=colour, stroke="white",
             marker="square", size=7 * sheet.scale, width=0.4 * sheet.scale,
             zorder=8)


def _handles() -> list:
    return [Patch(facecolor=to_rgba(FLAG_COLOURS["deficit"], FLAG_ALPHA),
                  edgecolor=FLAG_COLOURS["deficit"],
                  label=tr("zone short of spaces at that hour")),
            *(Line2D([], [], linestyle="none", marker="s", markersize=6,
                     markerfacecolor=colour, markeredgecolor="white",
                     label=tr("lot {share}").format(share=tr(words)))
              for _, colour, words in OCCUPANCY_CLASSES)]


def _chart_handles(chart) -> list:
    """The legend of :func:`.charts.hour_columns`."""
    (met, met_colour, _), (unmet, unmet_colour, _), \
        (used, used_colour, _), (supply, supply_colour, _) = chart.legend
    return [Patch(color=met_colour, label=met),
            Patch(color=unmet_colour, label=unmet),
            Line2D([], [], color=used_colour, linewidth=1.2, label=used),
            Line2D([], [], color=supply_colour, linestyle="--",
                   linewidth=0.9, label=supply)]


def _zone_pages(doc: Document, heading: str) -> list[Figure]:
    """Each zone's weekday as a chart, then the demand curves by use the
    hours come from and their key, nine to a page."""
    result, sheet = doc.results.parking_hours, doc.sheet
    hours = doc.plan.settings.parking.hours
    cells = [*((doc.zone(zone), lambda fig, rect, title, zone=zone:
                hour_columns(chart_axes(fig, rect, sheet, left_in=0.75,
                                        title=title),
                             hour_chart(result.zone(zone))))
               for zone in result.per_zone["zone"]),
             *((tr("Demand by use on a {day} (share of its peak)").format(
                 day=human(day)), lambda fig, rect, title, day=day: _curves(
                     chart_axes(fig, rect, sheet, left_in=0.75, title=title),
                     hours, day)) for day in DAYS),
             ("", lambda fig, rect, title: _curve_key(doc, fig, rect, hours))]
    handles = _chart_handles(hour_chart(result.zone(SITE_ROW)))
    pages = []
    for first in range(0, len(cells), CHARTS_PER_PAGE):
        fig = new_page(sheet, heading)
        left, bottom, width, height = sheet.body
        key = sheet.fy(0.35)
        fig.legend(handles=handles, loc="upper left", ncol=len(handles),
                   frameon=False, bbox_to_anchor=(left, bottom + height),
                   borderaxespad=0, title=tr("Each zone's weekday, hour by "
                                             "hour"), alignment="left")
        boxes = grid((left, bottom, width, height - key - sheet.fy(0.3)),
                     3, 3, sheet, gap_in=0.3)
        for (title, drawing), box in zip(cells[first:first + CHARTS_PER_PAGE],
                                         boxes, strict=False):
            drawing(fig, box, title)
        pages.append(fig)
    return pages


def _curves(ax, hours: dict, day: str) -> None:
    """Each use family's share of its peak demand through ``day``."""
    for n, (family, days) in enumerate(hours.items()):
        if day in days:
            ax.plot(range(24), days[day], linewidth=1.1, label=human(family),
                    color=FAMILY_COLOURS[n % len(FAMILY_COLOURS)])
    ax.set_xlim(0, 23)
    ax.set_xticks(range(0, 24, 6), [f"{h:02d}:00" for h in range(0, 24, 6)])
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)


def _curve_key(doc: Document, fig: Figure, rect, hours: dict) -> None:
    """The curves' key and their source."""
    handles = [Line2D([], [], linewidth=1.1, label=human(family),
                      color=FAMILY_COLOURS[n % len(FAMILY_COLOURS)])
               for n, family in enumerate(hours)]
    rest = doc.legend_above(fig, rect, handles, tr("Building use"))
    paragraphs(fig, doc.sheet, rest, [tr("Demand curves: {source}").format(
        source=tr(PARKING_HOURS.source))], size="small")


def _tables(doc: Document) -> list:
    result, label = doc.results.parking_hours, doc.labels.line
    zones = result.zones.assign(zone=result.zones["zone"].map(doc.zone))
    for day in DAYS:
        spans = zones[f"{day}_short_spans"]
        zones[f"{day}_short_spans"] = spans.where(
            spans != "", tr("never")).replace("00:00-24:00", tr("all day"))
    lots = result.lots[result.lots["day"] == "weekday"].join(
        doc.results.context.lots["zone"], on="lot").sort_values(
        "peak_occupancy")
    lots = lots.assign(name=lots["name"].map(label),
                       zone=lots["zone"].map(doc.zone))
    return [table(tr("Hours short of parking by zone (unmet: spaces; lots' "
                     "busiest: the largest share of its own lots used)"),
                  zones, ZONE_COLUMNS, tr("No zones in the plan.")),
            table(tr("Lots at their busiest hour of a weekday, least used "
                     "first"), lots, LOT_COLUMNS,
                  tr("No parking in the plan."))]

