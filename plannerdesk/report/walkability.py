"""The walkability section (buildings by Walk Score band, the score
histogram and zone scores) and the network form table."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..evaluate.map_classes import band_words, score_bands, score_class
from ..evaluate.walkability import weighted_by
from ..model.language import N_, tr
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

HEADING = N_("Walkability")
FORM_HEADING = N_("Network form")
SCORE_COLUMNS = {"zone": (N_("Zone"), "text"),
                 "buildings": (N_("Buildings"), "int"),
                 "walk_score": (N_("Walk score"), "int"),
                 "band": (N_("Band"), "text")}
FORM_COLUMNS = {
    "zone": (N_("Zone"), "text"), "area_km2": (N_("Area (km²)"), "2"),
    "intersections": (N_("Intersections"), "int"),
    "intersection_density_per_km2": (N_("Intersections per km²"), "int"),
    "mean_block_length_m": (N_("Mean block length (m)"), "m"),
    "ped_shed_ratio": (N_("Ped-shed ratio"), "2"),
    "route_directness": (N_("Route directness"), "2")}


def walkability_section(doc: Document) -> list[Figure]:
    """Buildings by band with the histogram and the zone scores beside."""
    walk, heading = doc.results.walkability, tr(HEADING)
    if walk is None:
        return [note_page(doc, heading, [
            tr("Walkability was not evaluated for this report.")])]
    sheet, bands = doc.sheet, doc.plan.settings.walk.bands
    fig, ax, side = map_page(doc, heading)
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
    doc.legend(fig, key, handles, tr("Walk score of each building"))
    if len(scores):
        score_histogram(chart_axes(fig, chart, sheet, left_in=0.55,
                                   title=tr("Buildings by walk score")),
                        scores, bands, walk.score)
    rows = walk.zones.assign(zone=walk.zones["zone"].map(doc.zone),
                             band=walk.zones["band"].map(band_words))
    return [fig, *flow(sheet, heading, [table(
        tr("Walk score by zone (weighted by {weights})").format(
            weights=weighted_by(doc.results.context.buildings)),
        rows, SCORE_COLUMNS, tr("No buildings to score."))],
        start=(fig, under_map(doc, ax)))]


def _band_handles(bands: list[float]) -> list[Patch]:
    """One swatch per band, e.g. '70–89 very walkable'."""
    return [Patch(facecolor=band.colour, edgecolor=EDGE_COLOUR,
                  label=band.label) for band in score_bands(bands)]


def network_form_section(doc: Document) -> list[Figure]:
    """Zones by intersection density on a map, with the thresholds the
    figures are read against, and the table of every figure by zone."""
    form, heading = doc.results.network_form, tr(FORM_HEADING)
    if form is None:
        return [note_page(doc, heading, [
            tr("The network form was not evaluated for this report.")])]
    walk, sheet = doc.plan.settings.walk, doc.sheet
    fig, ax, side = map_page(doc, heading, TABLE_MAP_SHARE)
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
    note = doc.legend_above(fig, side, handles, tr("Intersections per km² by zone"))
    paragraphs(fig, sheet, note, [tr(
        "Intersection density: at least {least:.0f} per km² (LEED ND 2009 "
        "prerequisite), above {good:.0f} good. Mean block length: up to "
        "{block_good:.0f} m desirable, {block_poor:.0f} m or more poor "
        "(Ewing). Ped-shed ratio (Dill 2004): {ped_shed:.1f} or more good. "
        "Route directness (Stangl 2017): up to {directness:.1f} "
        "acceptable.").format(
            least=walk.intersection_density_min,
            good=walk.intersection_density_good,
            block_good=walk.block_length_good_m,
            block_poor=walk.block_length_poor_m,
            ped_shed=walk.ped_shed_good, directness=walk.directness_max),
        _area_and_islands(doc)], size="small")
    rows = form.zones.assign(zone=form.zones["zone"].map(doc.zone))
    return [fig, *flow(sheet, heading, [table(
        tr("Network form by zone"), rows, FORM_COLUMNS)],
        start=(fig, under_map(doc, ax, TABLE_MAP_SHARE)))]


def _density_classes(walk) -> dict[tuple[float, float], tuple[str, str]]:
    """(low, high) intersections per km² -> (colour, label): below the
    LEED ND minimum, up to good, good."""
    least, good = walk.intersection_density_min, walk.intersection_density_good
    return {(0.0, least): (WORSE_COLOUR, tr(
                "below {least:.0f} (LEED ND minimum)").format(least=least)),
            (least, good): (SCORE_COLOURS[2], tr(
                "{least:.0f} to {good:.0f}").format(least=least, good=good)),
            (good, float("inf")): (BETTER_COLOUR, tr(
                "{good:.0f} or more (good)").format(good=good))}


def _area_and_islands(doc: Document) -> str:
    """What the figures cover, and whether the network has islands."""
    ctx = doc.results.context
    area = ctx.study_area
    if area.is_site:
        where = tr("The figures cover the site.")
    elif area.geometry is not None:
        where = tr("No site is drawn: the figures cover {area} ({ha:,.1f} "
                   "ha).").format(area=area.source,
                                  ha=area.geometry.area / 1e4)
    else:
        where = tr("No site is drawn: the figures cover {area}.").format(
            area=area.source)
    parts = ctx.islands.parts
    if parts.empty:
        islands = tr("Every part of the walkway network joins the rest.")
    else:
        islands = tr("{count} part(s) of the walkway network are cut off "
                     "from the rest (walkway islands): see the next "
                     "page.").format(count=len(parts))
    return f"{where} {islands}"
