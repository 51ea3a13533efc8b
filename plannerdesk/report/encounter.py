"""The encounter potential section: the exchange spaces on the map by
their encounter potential, then the pairs of subject types, the spaces
and the zones' pairs that cannot meet, as tables."""

from __future__ import annotations

import numpy as np
import shapely
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..evaluate.encounter import PAIR_MARK
from ..evaluate.map_classes import encounter_classes, encounter_legend
from ..model.language import N_, tr
from ..model.symbology import EDGE_COLOUR
from ..model.words import human
from .document import Document
from .layout import map_page, note_page, under_map
from .maps import draw, draw_context, furnish
from .pages import legend_height_in, paragraphs, stacked
from .tables import flow, in_words, table

HEADING = N_("Encounter potential")
PAIR_COLUMNS = {"type_a": (N_("Subject"), "text"),
                "type_b": (N_("and subject"), "text"),
                "co_accessible_spaces": (N_("Spaces both reach"), "int"),
                "best_space": (N_("Best of them"), "text"),
                "closest_walk_m": (N_("Closest buildings (m)"), "m"),
                "meet_within_limit": (N_("A space within reach of both"),
                                      "text")}
SPACE_COLUMNS = {"name": (N_("Exchange space"), "text"),
                 "kind": (N_("Kind"), "text"), "zone": (N_("Zone"), "text"),
                 "types_within": (N_("Subject types"), "int"),
                 "encounter_potential": (N_("Encounter potential"), "int"),
                 "flow_share": (N_("Walking between subjects passing"),
                                "pct")}
ZONE_COLUMNS = {"zone": (N_("Zone"), "text"),
                "subject_types": (N_("Subject types"), "int"),
                "co_accessible_pairs": (N_("Pairs sharing a space"), "int"),
                "unmet_pairs": (N_("Pairs that cannot meet"), "text"),
                "best_space": (N_("Most encounters"), "text")}


def encounter_section(doc: Document) -> list[Figure]:
    """The map with its key and a note, then the tables."""
    result, heading = doc.results.encounter, tr(HEADING)
    if result is None:
        return [note_page(doc, heading, [tr(
            "Encounter potential was not evaluated for this report.")])]
    sheet = doc.sheet
    fig, ax, side = map_page(doc, heading)
    draw_context(ax, doc.plan, sheet)
    kinds = encounter_classes(result.spaces["encounter_potential"])
    lines = shapely.get_dimensions(result.geometry) == 1
    for k, (_, colour) in enumerate(encounter_legend()):
        mine = kinds == k
        draw(ax, result.geometry[mine & ~lines], fill=colour,
             stroke=EDGE_COLOUR, marker="circle", size=7 * sheet.scale,
             width=0.4 * sheet.scale, zorder=7)
        draw(ax, result.geometry[mine & lines], stroke=colour,
             width=3 * sheet.scale, zorder=6)
    furnish(ax, doc.plan, sheet, doc.labels)
    handles = [Line2D([], [], linestyle="none", marker="o", markersize=8,
                      markerfacecolor=colour, markeredgecolor=EDGE_COLOUR,
                      label=label) for label, colour in encounter_legend()]
    key, note = stacked(side, [legend_height_in(len(handles))], sheet)
    doc.legend(fig, key, handles, tr("Exchange spaces"))
    paragraphs(fig, sheet, note, _notes(doc), size="small")
    return [fig, *flow(sheet, heading, _tables(doc),
                       start=(fig, under_map(doc, ax)))]


def _notes(doc: Document) -> list[str]:
    result = doc.results.encounter
    settings = doc.plan.settings.exchange
    return [tr(
        "A space's encounter potential counts the pairs of people of "
        "different innovation subjects expected to meet there if those "
        "within a {minutes:.0f}-minute walk ({metres:,.0f} m) mixed at "
        "random, each weighing less the farther they walk (by e every "
        "{decay:,.0f} m). The classes are thirds of the spaces reached.")
        .format(minutes=settings.encounter_minutes,
                metres=result.encounter_m,
                decay=settings.encounter_decay_m),
        tr("Two subject types can meet when one exchange space is within a "
           "{minutes:.0f}-minute walk ({metres:,.0f} m) of buildings of "
           "both.").format(minutes=settings.walk_minutes,
                           metres=result.limit_m)]


def _tables(doc: Document) -> list:
    result, label = doc.results.encounter, doc.labels.line
    pairs = result.pairs.assign(
        type_a=result.pairs["type_a"].map(human),
        type_b=result.pairs["type_b"].map(human),
        best_space=result.pairs["best_space"].map(
            lambda n: label(n) if isinstance(n, str) else "–"),
        meet_within_limit=np.where(result.pairs["meet_within_limit"],
                                   tr("yes"), tr("no")))
    spaces = result.spaces.sort_values("encounter_potential",
                                       ascending=False)
    spaces = spaces.assign(
        name=spaces["name"].map(lambda n: label(n) if isinstance(n, str)
                                else ""),
        kind=spaces["kind"].map(in_words), zone=spaces["zone"].map(doc.zone))
    zones = result.per_zone.assign(
        zone=result.per_zone["zone"].map(doc.zone),
        unmet_pairs=result.per_zone["unmet_pairs"].map(_pair_words),
        best_space=result.per_zone["best_space"].map(
            lambda n: label(n) if isinstance(n, str) else "–"))
    return [table(tr("Pairs of subject types"), pairs, PAIR_COLUMNS,
                  tr("The plan has fewer than two subject types.")),
            table(tr("Exchange spaces, most encounters first"), spaces,
                  SPACE_COLUMNS, tr("The plan has no exchange spaces.")),
            table(tr("Zones"), zones, ZONE_COLUMNS,
                  tr("No zones in the plan."))]


def _pair_words(text: str) -> str:
    """'university–finance; ...' in words."""
    if not text:
        return tr("none")
    return tr("; ").join(tr("{a} and {b}").format(a=human(a), b=human(b))
                         for a, b in (p.split(PAIR_MARK)
                                      for p in text.split("; ")))
