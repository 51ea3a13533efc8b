"""The coverage section: gap maps of the main targets, coverage by target
as a chart and a table."""

from __future__ import annotations

from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..evaluate.coverage import people_measure
from ..evaluate.findings import KEY_TARGETS
from ..model.language import N_, tr
from ..model.symbology import COVERAGE_COLOUR, GAP_ALPHA, GAP_COLOUR
from ..model.words import human
from .charts import coverage_bars
from .document import Document
from .layout import chart_axes, grid, note_page, titled_map
from .maps import context_handles, draw, draw_context, furnish
from .pages import new_page, paragraphs, side_by_side, stacked
from .tables import flow, in_words, table

HEADING = N_("Coverage")
TARGET_EDGE = "#14524a"
COLUMNS = {"target": (N_("Target"), "text"),
           "radius_m": (N_("Radius (m)"), "m"),
           "method": (N_("Walk"), "text"), "targets": (N_("Features"), "int"),
           "closed": (N_("Not open"), "int"),
           "share_site_area": (N_("Site area"), "pct"),
           "share_gfa": (N_("Floor area"), "pct"),
           "share_employees": (N_("Employees"), "pct")}


def coverage_section(doc: Document) -> list[Figure]:
    """Gap maps, then the chart beside the table."""
    result = doc.results.coverage
    if result is None:
        return [note_page(doc, tr(HEADING), [
            tr("Coverage was not evaluated for this report.")])]
    return [_maps_page(doc), *_chart_and_table(doc)]


def main_targets(table) -> list[str]:
    """The space groups present, else the three least covered targets."""
    keys = [t for t in KEY_TARGETS if t in table.index]
    return keys or list(table.sort_values(people_measure(table)[0])
                        .index[:3])


def _maps_page(doc: Document) -> Figure:
    fig = new_page(doc.sheet, tr(HEADING))
    targets = main_targets(doc.results.coverage.table)
    if not targets:
        paragraphs(fig, doc.sheet, doc.sheet.body, [
            tr("No coverage to map: the plan has no facilities or public "
               "spaces with a service radius.")])
        return fig
    cells = grid(doc.sheet.body, 2, 2, doc.sheet)
    for cell, target in zip(cells, targets, strict=False):
        _gap_map(doc, fig, cell, target)
    legend, notes = stacked(cells[-1], [1.5], doc.sheet, 0.1)
    doc.legend(fig, legend, _handles(doc), tr("Legend"))
    paragraphs(fig, doc.sheet, notes, [
        tr("Red: the parts of the site from which the nearest feature of "
           "the target is farther than its service radius, along the "
           "pedestrian network (site sampled by 25 m cells, each judged "
           "from its centre)."),
        tr("Radii: GB 50180-2018 life circles, GB/T 51346-2019 cl. 4.3.4 "
           "('500 m see park'), the '300 m see green' rule, Ker & Ginn 2003 "
           "for transit and PlannerDesk proposals (see Parameters)."),
        tr("Only spaces and facilities open to the public count; those not "
           "open are counted apart in the table (they still host "
           "exchange).")],
        size="small")
    return fig


def _gap_map(doc: Document, fig: Figure, cell, target: str) -> None:
    result, sheet = doc.results.coverage, doc.sheet
    row = result.table.loc[target]
    share, people = people_measure(result.table)
    ax = titled_map(doc, fig, cell, tr(
        "{target} within {radius:,.0f} m ({method} walk): {site_share} of "
        "the site, {people_share} of {people}").format(
            target=human(target).capitalize(), radius=row["radius_m"],
            method=in_words(row["method"]),
            site_share=_pct(row["share_site_area"]),
            people_share=_pct(row[share]), people=human(people)))
    draw_context(ax, doc.plan, sheet)
    gaps = result.gaps[result.gaps["target"] == target]
    draw(ax, gaps.geometry, fill=GAP_COLOUR, stroke=GAP_COLOUR,
         alpha=GAP_ALPHA, width=0.4 * sheet.scale, zorder=5)
    features = doc.results.context.target_geoms.get(target, [])
    draw(ax, features, fill=COVERAGE_COLOUR,
         stroke=TARGET_EDGE, width=0.8 * sheet.scale, size=5 * sheet.scale,
         zorder=6)
    furnish(ax, doc.plan, sheet)


def _pct(value) -> str:
    return tr("n/a") if value is None or value != value else f"{value:.0%}"


def _handles(doc: Document) -> list:
    return [Patch(facecolor=to_rgba(GAP_COLOUR, GAP_ALPHA),
                  edgecolor=GAP_COLOUR, label=tr("outside the service walk")),
            Line2D([], [], color=COVERAGE_COLOUR, marker="o",
                   markeredgecolor=TARGET_EDGE, linewidth=2,
                   label=tr("the target's features")),
            *context_handles(doc.plan, doc.sheet)]


def _chart_and_table(doc: Document) -> list[Figure]:
    heading = tr(HEADING)
    fig = new_page(doc.sheet, heading)
    left, right = side_by_side(doc.sheet.body, 0.4, doc.sheet)
    result = doc.results.coverage
    if len(result.table):
        coverage_bars(chart_axes(fig, left, doc.sheet, left_in=1.25,
                                 title=tr("Share within the service walk")),
                      result.table)
    rows = result.table.assign(
        target=result.table["target"].astype(str).map(human),
        method=result.table["method"].map(in_words))
    figures = flow(doc.sheet, heading, [table(
        tr("Coverage by target (share within the service walk)"), rows,
        COLUMNS, tr("No targets with a service radius in the plan."))],
        start=(fig, right))
    return [fig, *figures]
