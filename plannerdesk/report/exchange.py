"""The innovation exchange section: which subjects reach an exchange space
within the walk, per zone as a chart and a table."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..evaluate.map_classes import subjects_near
from ..model.language import N_, tr
from ..model.symbology import EDGE_COLOUR, FAR_COLOUR, NEAR_COLOUR
from .charts import exchange_bars
from .document import Document
from .layout import TABLE_MAP_SHARE, chart_axes, map_page, note_page, under_map
from .maps import draw, draw_context, furnish
from .pages import legend_height_in, paragraphs, stacked
from .tables import flow, table

HEADING = N_("Innovation exchange")
SPACE_COLOUR = "#5b2f91"    # the palette's exchange facilities (purple)
COLUMNS = {"zone": (N_("Zone"), "text"), "subjects": (N_("Subjects"), "int"),
           "mean_walk_to_exchange_m": (N_("Walk to exchange (m, mean)"),
                                       "m"),
           "share_exchange_within_limit": (N_("Within the walk"), "pct"),
           "mean_subject_types_nearby": (N_("Subject types nearby"), "1"),
           "median_university_enterprise_m":
               (N_("University–enterprise (m, median)"), "m")}


def exchange_section(doc: Document) -> list[Figure]:
    """Reach map with the per-zone chart beside it, then the table."""
    result, heading = doc.results.exchange, tr(HEADING)
    if result is None:
        return [note_page(doc, heading, [tr(
            "Innovation exchange was not evaluated for this report.")])]
    sheet = doc.sheet
    fig, ax, side = map_page(doc, heading, TABLE_MAP_SHARE)
    _draw_overlay(doc, ax)
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = _handles(doc)
    key, note, chart = stacked(side, [legend_height_in(len(handles)), 1.3],
                               sheet, 0.1)
    doc.legend(fig, key, handles, tr("Innovation subjects"))
    paragraphs(fig, sheet, note, [_summary(doc)], size="small")
    if (result.per_zone["subjects"] > 0).any():
        exchange_bars(chart_axes(fig, chart, sheet, left_in=1.3,
                                 title=tr("Subjects within the exchange "
                                          "walk")),
                      result.per_zone, doc.labels, result.limit_m)
    rows = result.zones.assign(zone=result.zones["zone"].map(doc.zone))
    return [fig, *flow(sheet, heading, [table(
        tr("Innovation exchange by zone"), rows, COLUMNS,
        tr("No innovation subjects in the plan."))],
        start=(fig, under_map(doc, ax, TABLE_MAP_SHARE)))]


def _draw_overlay(doc: Document, ax) -> None:
    ctx, result, sheet = doc.results.context, doc.results.exchange, doc.sheet
    draw_context(ax, doc.plan, sheet)
    spaces = [g for t in doc.plan.settings.exchange.targets
              for g in ctx.target_geoms.get(t, [])]
    draw(ax, spaces, fill=SPACE_COLOUR, stroke=SPACE_COLOUR,
         alpha=0.35, marker="diamond", size=5 * sheet.scale,
         width=1.2 * sheet.scale, zorder=6)
    walks = result.buildings["walk_to_exchange_m"]
    geoms = doc.plan["buildings"].geometry.loc[walks.index]
    near = subjects_near(doc.results)
    draw(ax, geoms[near], fill=NEAR_COLOUR, stroke=EDGE_COLOUR,
         width=0.15 * sheet.scale, zorder=5)
    draw(ax, geoms[~near], fill=FAR_COLOUR, stroke=EDGE_COLOUR,
         width=0.15 * sheet.scale, zorder=5)


def _handles(doc: Document) -> list:
    limit = doc.results.exchange.limit_m
    return [Patch(facecolor=NEAR_COLOUR, edgecolor=EDGE_COLOUR,
                  label=tr("within {limit:,.0f} m of an exchange "
                           "space").format(limit=limit)),
            Patch(facecolor=FAR_COLOUR, edgecolor=EDGE_COLOUR,
                  label=tr("beyond it")),
            Line2D([], [], color=SPACE_COLOUR, marker="D", linewidth=1.5,
                   markerfacecolor=SPACE_COLOUR,
                   label=tr("exchange space (square, trail,\ncafe, book "
                            "bar, meeting room ...)"))]


def _summary(doc: Document) -> str:
    result = doc.results.exchange
    site = result.site
    minutes = doc.plan.settings.exchange.walk_minutes
    if not site["subjects"]:
        return tr("The plan has no buildings with an innovation subject.")
    closed = doc.results.context.closed_targets.nodes
    figures = {"share": site["share_exchange_within_limit"],
               "subjects": site["subjects"], "minutes": minutes,
               "limit": result.limit_m,
               "types": site["mean_subject_types_nearby"]}
    if not any(t in closed for t in doc.plan.settings.exchange.targets):
        return tr(
            "{share:.0%} of {subjects} innovation subjects are within a "
            "{minutes:.0f}-minute walk ({limit:,.0f} m) of an exchange "
            "space; on average {types:.1f} subject types are within that "
            "walk of each.").format(**figures)
    return tr(
        "{share:.0%} of {subjects} innovation subjects are within a "
        "{minutes:.0f}-minute walk ({limit:,.0f} m) of an exchange space "
        "({open_share:.0%} of one open to the public, {other_share:.0%} of "
        "one that is not, such as a company's meeting room: it hosts "
        "exchange, but serves no public coverage); on average {types:.1f} "
        "subject types are within that walk of each.").format(
            open_share=site["share_open_exchange_within_limit"],
            other_share=site["share_non_open_exchange_within_limit"],
            **figures)
