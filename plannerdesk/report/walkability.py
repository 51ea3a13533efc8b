"""The walkability section (buildings by Walk Score band, the score
histogram and zone scores) and the network form table."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..evaluate.map_classes import score_bands, score_class
from ..evaluate.walkability import weighted_by
from ..model.symbology import (
    BETTER_COLOUR,
    EDGE_COLOUR,
    SCORE_COLOURS,
    WORSE_COLOUR,
)
from .charts import score_histogram
from .document import Document
from .layout import TABLE_MAP_SHARE, chart_axes, map_page, note_page, under_map
from .maps import draw, draw_context, furnish
from .pages import legend_height_in, paragraphs, stacked
from .tables import flow, table

HEADING = "Walkability"
FORM_HEADING = "Network form"
SCORE_COLUMNS = {"zone": ("Zone", "text"), "buildings": ("Buildings", "int"),
                 "walk_score": ("Walk score", "int"), "band": ("Band", "text")}
FORM_COLUMNS = {
    "zone": ("Zone", "text"), "area_km2": ("Area (km²)", "2"),
    "intersections": ("Intersections", "int"),
    "intersection_density_per_km2": ("Intersections per km²", "int"),
    "mean_block_length_m": ("Mean block length (m)", "m"),
    "ped_shed_ratio": ("Ped-shed ratio", "2"),
    "route_directness": ("Route directness", "2")}


def walkability_section(doc: Document) -> list[Figure]:
    """Buildings by band with the histogram and the zone scores beside."""
    walk = doc.results.walkability
    if walk is None:
        return [note_page(doc, HEADING, ["Walkability was not evaluated for "
                                         "this report."])]
    sheet, bands = doc.sheet, doc.plan.settings.walk.bands
    fig, ax, side = map_page(doc, HEADING)
    draw_context(ax, doc.plan, sheet)
    scores = walk.buildings["walk_score"]
    buildings = doc.plan["buildings"].geometry.loc[scores.index]
    classes = score_class(scores, bands)
    for index, band in enumerate(score_bands(bands)):
        draw(ax, buildings[classes == index], fill=band.colour,
             stroke=EDGE_COLOUR, width=0.15 * sheet.scale, zorder=5)
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = _band_handles(bands)
    key, chart = stacked(side, [legend_height_in(len(handles))], sheet)
    doc.legend(fig, key, handles, "Walk score of each building")
    if len(scores):
        score_histogram(chart_axes(fig, chart, sheet, left_in=0.55,
                                   title="Buildings by walk score"),
                        scores, bands, walk.score)
    rows = walk.zones.assign(zone=walk.zones["zone"].map(doc.zone))
    return [fig, *flow(sheet, HEADING, [table(
        "Walk score by zone (weighted by "
        f"{weighted_by(doc.results.context.buildings)})", rows, SCORE_COLUMNS,
        "No buildings to score.")], start=(fig, under_map(doc, ax)))]


def _band_handles(bands: list[float]) -> list[Patch]:
    """One swatch per band, e.g. '70–89 very walkable'."""
    return [Patch(facecolor=band.colour, edgecolor=EDGE_COLOUR,
                  label=band.label) for band in score_bands(bands)]


def network_form_section(doc: Document) -> list[Figure]:
    """Zones by intersection density on a map, with the thresholds the
    figures are read against, and the table of every figure by zone."""
    form = doc.results.network_form
    if form is None:
        return [note_page(doc, FORM_HEADING, ["The network form was not "
                                              "evaluated for this report."])]
    walk, sheet = doc.plan.settings.walk, doc.sheet
    fig, ax, side = map_page(doc, FORM_HEADING, TABLE_MAP_SHARE)
    draw_context(ax, doc.plan, sheet)
    classes = _density_classes(walk)
    density = form.per_zone.set_index("zone")["intersection_density_per_km2"]
    zones = doc.plan["zones"]
    for (low, high), (colour, _) in classes.items():
        inside = zones["name"].map(density).between(low, high,
                                                    inclusive="left")
        draw(ax, zones.geometry[inside.to_numpy()], fill=colour,
             stroke=EDGE_COLOUR, alpha=0.55, width=0.3 * sheet.scale,
             zorder=2)
    draw(ax, doc.plan["walkways"].geometry, stroke="#555555",
         width=0.5 * sheet.scale, zorder=3)
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = [Patch(facecolor=colour, alpha=0.55, edgecolor=EDGE_COLOUR,
                     label=label) for colour, label in classes.values()]
    key, note = stacked(side, [legend_height_in(len(handles))], sheet, 0.1)
    doc.legend(fig, key, handles, "Intersections per km² by zone")
    paragraphs(fig, sheet, note, [
        f"Intersection density: at least {walk.intersection_density_min:.0f}"
        f" per km² (LEED ND 2009 prerequisite), above "
        f"{walk.intersection_density_good:.0f} good. Mean block length: up "
        f"to {walk.block_length_good_m:.0f} m desirable, "
        f"{walk.block_length_poor_m:.0f} m or more poor (Ewing). Ped-shed "
        f"ratio (Dill 2004): {walk.ped_shed_good:.1f} or more good. Route "
        f"directness (Stangl 2017): up to {walk.directness_max:.1f} "
        "acceptable.", _area_and_islands(doc)], size="small")
    rows = form.zones.assign(zone=form.zones["zone"].map(doc.zone))
    return [fig, *flow(sheet, FORM_HEADING, [table(
        "Network form by zone", rows, FORM_COLUMNS)],
        start=(fig, under_map(doc, ax, TABLE_MAP_SHARE)))]


def _density_classes(walk) -> dict[tuple[float, float], tuple[str, str]]:
    """(low, high) intersections per km² -> (colour, label): below the
    LEED ND minimum, up to good, good."""
    least, good = walk.intersection_density_min, walk.intersection_density_good
    return {(0.0, least): (WORSE_COLOUR, f"below {least:.0f} (LEED ND "
                           "minimum)"),
            (least, good): (SCORE_COLOURS[2], f"{least:.0f} to {good:.0f}"),
            (good, float("inf")): (BETTER_COLOUR, f"{good:.0f} or more "
                                   "(good)")}


def _area_and_islands(doc: Document) -> str:
    """What the figures cover, and whether the network has islands."""
    ctx = doc.results.context
    area = ctx.study_area
    where = "The figures cover the site." if area.is_site else (
        f"No site is drawn: the figures cover {area.source}"
        + (f" ({area.geometry.area / 1e4:,.1f} ha)."
           if area.geometry is not None else "."))
    parts = ctx.islands.parts
    if parts.empty:
        return where + " Every part of the walkway network joins the rest."
    return (where + f" {len(parts)} part(s) of the walkway network are cut "
            "off from the rest (walkway islands): see the next page.")
