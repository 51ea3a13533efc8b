"""Map overlays drawn from evaluation results (the same results as the
dock and the report)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import shapely
from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItemGroup

from ..evaluate.map_classes import (
    encounter_classes,
    encounter_legend,
    idle_circles,
    score_bands,
    score_class,
    subjects_near,
    syntax_classes,
    syntax_legend,
    zones_flagged,
)
from ..model.symbology import (
    EDGE_COLOUR,
    FAR_COLOUR,
    FLAG_ALPHA,
    FLAG_COLOURS,
    GAP_ALPHA,
    GAP_COLOUR,
    IDLE_ALPHA,
    IDLE_COLOUR,
    ISLAND_ALPHA,
    ISLAND_COLOUR,
    NEAR_COLOUR,
)
from .geometry_paths import qcolor
from .language import tr
from .tiled_layer import PathTile, tiles

if TYPE_CHECKING:
    from ..evaluate.run import Results

OVERLAY_Z = 500
Legend = list[tuple[QColor, QColor, str]]
"""(fill, outline, label) rows; a clear fill shows as a line."""


GAP = (qcolor(GAP_COLOUR, GAP_ALPHA), qcolor(GAP_COLOUR))
FLAG = {flag: qcolor(FLAG_COLOURS[flag], FLAG_ALPHA)
        for flag in ("deficit", "surplus")}
IDLE = (qcolor(IDLE_COLOUR, IDLE_ALPHA), qcolor(IDLE_COLOUR))
NEAR, FAR, EDGE = qcolor(NEAR_COLOUR), qcolor(FAR_COLOUR), qcolor(EDGE_COLOUR)
ISLAND = (qcolor(ISLAND_COLOUR, ISLAND_ALPHA), qcolor(ISLAND_COLOUR))
NONE = QColor(0, 0, 0, 0)


def legend(name: str, results: Results) -> Legend:
    """What overlay ``name``'s colours mean."""
    if name == "Coverage gaps":
        return [(*GAP, tr("outside the chosen target's service walk"))]
    if name == "Walk score":
        return [(qcolor(band.colour), EDGE, band.label) for band in
                score_bands(results.context.plan.settings.walk.bands)]
    if name == "Walkway islands":
        return [(NONE, ISLAND[1], tr("walkway island (cut off)")),
                (ISLAND[0], ISLAND[1], tr("place on an island")),
                (NONE, EDGE, tr("gap to the main network"))]
    if name == "Space syntax":
        return [(NONE, qcolor(colour), label)
                for label, colour in syntax_legend()]
    if name == "Encounter potential":
        return [(qcolor(colour), EDGE, label)
                for label, colour in encounter_legend()]
    if name == "Parking mismatch":
        return [(FLAG["deficit"], FLAG["deficit"],
                 tr("zone short of spaces")),
                (FLAG["surplus"], FLAG["surplus"],
                 tr("zone with spare spaces")),
                (*IDLE, tr("lot: circle grows with its idle spaces"))]
    return [(NEAR, NEAR, tr("subject within the exchange walk")),
            (FAR, FAR, tr("subject beyond it"))]


def tiled_item(geoms, fill: QColor, stroke: QColor | None = None,
               radius: float = 6.0, width: float = 1.5,
               style: Qt.PenStyle = Qt.PenStyle.SolidLine,
               marker: str = "circle") -> list[PathTile]:
    """Tiles drawing ``geoms`` (tiled like the plan's layers, so large
    plans stay quick to zoom with an overlay on); ``width`` and a point's
    ``marker`` ``radius`` in pixels."""
    pen = QPen(stroke or QColor(0, 0, 0, 0), width)
    pen.setStyle(style)
    pen.setCosmetic(True)
    return tiles(np.asarray(geoms), pen, QBrush(fill), radius, marker)


def overlay_group(parts: list[list[PathTile]]) -> QGraphicsItemGroup:
    group = QGraphicsItemGroup()
    for part in parts:
        for tile in part:
            group.addToGroup(tile)
    group.setZValue(OVERLAY_Z)
    return group


def coverage_gaps(results: Results, target: str) -> QGraphicsItemGroup:
    """The parts of the site outside the target's service radius."""
    gaps = results.coverage.gaps
    geoms = gaps.loc[gaps["target"] == target].geometry.to_numpy()
    return overlay_group([tiled_item(geoms, *GAP)])


def walk_scores(results: Results) -> QGraphicsItemGroup:
    """Buildings filled by Walk Score band."""
    plan = results.context.plan
    bands = plan.settings.walk.bands
    classes = score_class(results.walkability.buildings["walk_score"], bands)
    geoms = plan["buildings"].geometry.to_numpy()
    return overlay_group([
        tiled_item(geoms[classes == index], qcolor(band.colour), EDGE)
        for index, band in enumerate(score_bands(bands))])


def parking(results: Results) -> QGraphicsItemGroup:
    """Zones by flag, and lots as circles sized by their idle spaces."""
    return overlay_group([
        *(tiled_item(zones_flagged(results, flag), fill)
          for flag, fill in FLAG.items()),
        tiled_item(idle_circles(results), *IDLE)])


def exchange_reach(results: Results) -> QGraphicsItemGroup:
    """Subject buildings: green within the exchange walk, orange beyond."""
    e = results.exchange
    geoms = results.context.plan["buildings"].geometry.loc[
        e.buildings.index].to_numpy()
    near = subjects_near(results)
    return overlay_group([tiled_item(geoms[near], NEAR), tiled_item(geoms[~near], FAR)])


def encounter_potential(results: Results) -> QGraphicsItemGroup:
    """Exchange spaces by encounter potential: lines drawn wide, points
    as large marks, areas filled."""
    e = results.encounter
    kinds = encounter_classes(e.spaces["encounter_potential"])
    lines = shapely.get_dimensions(e.geometry) == 1
    parts = []
    for k, (_, colour) in enumerate(encounter_legend()):
        mine = kinds == k
        parts.append(tiled_item(e.geometry[mine & ~lines], qcolor(colour),
                                EDGE, radius=9.0))
        parts.append(tiled_item(e.geometry[mine & lines], NONE,
                                qcolor(colour), width=6.0))
    return overlay_group(parts)


def space_syntax(results: Results) -> QGraphicsItemGroup:
    """Street segments by angular integration at the largest radius."""
    result = results.space_syntax
    kinds = syntax_classes(result.segments["integration"])
    return overlay_group([
        tiled_item(result.geometry[kinds == k], NONE, qcolor(colour),
                   width=4.0) for k, (_, colour) in enumerate(
            syntax_legend())])


def walkway_islands(results: Results) -> QGraphicsItemGroup:
    """Walkways cut off from the rest, the places on them, and the gap to
    the nearest point of the main network."""
    ctx = results.context
    islands = ctx.islands
    on = islands.place_island
    places = [ctx.plan["buildings"].geometry.to_numpy()[on["buildings"] >= 0],
              ctx.lots.geometry.to_numpy()[on["lots"] >= 0],
              ctx.plan["facilities"].geometry.to_numpy()[
                  on["facilities"] >= 0]]
    return overlay_group([
        tiled_item(islands.parts.geometry.to_numpy(), NONE, ISLAND[1],
                   width=4.0),
        *(tiled_item(geoms, ISLAND[0], ISLAND[1], radius=7.0)
          for geoms in places),
        tiled_item(islands.gap_lines.geometry.to_numpy(), NONE, EDGE,
                   width=2.0, style=Qt.PenStyle.DashLine)])


#: Overlay name (an English key, shown through tr()) -> how to draw it.
OVERLAYS = {QT_TR_NOOP("Coverage gaps"): coverage_gaps,
            QT_TR_NOOP("Walk score"): walk_scores,
            QT_TR_NOOP("Parking mismatch"): parking,
            QT_TR_NOOP("Exchange reach"): exchange_reach,
            QT_TR_NOOP("Encounter potential"): encounter_potential,
            QT_TR_NOOP("Space syntax"): space_syntax,
            QT_TR_NOOP("Walkway islands"): walkway_islands}
