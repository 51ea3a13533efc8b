"""Map overlays drawn from evaluation results (the same results as the
dock and the report)."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsItemGroup

from ..evaluate.run import Results
from .tiled_layer import PathTile, tiles

OVERLAY_Z = 500
SCORE_BANDS = ((90, "#1a9850"), (70, "#91cf60"), (50, "#fee08b"),
               (25, "#fc8d59"), (0, "#d73027"))   # Walk Score bands
SCORE_LABELS = ("walker's paradise", "very walkable", "somewhat walkable",
                "car-dependent", "almost all errands by car")
FLAG_FILL = {"deficit": QColor(214, 39, 40, 90),
             "surplus": QColor(31, 119, 180, 90)}
GAP_RED = QColor(214, 39, 40)
IDLE_BLUE = QColor(31, 119, 180)
NEAR, FAR = QColor("#1a9850"), QColor("#f28e2b")
EDGE = QColor("#333333")

#: What each overlay's colours mean: (fill, outline, label) rows.
LEGENDS: dict[str, list[tuple[QColor, QColor, str]]] = {
    "Coverage gaps": [(QColor(214, 39, 40, 80), GAP_RED,
                       "outside the chosen target's service walk")],
    "Walk score": [
        (QColor(colour), EDGE, f"{lower}\u2013{upper} {label}")
        for (lower, colour), upper, label in zip(
            SCORE_BANDS, (100, 89, 69, 49, 24), SCORE_LABELS, strict=True)],
    "Parking mismatch": [
        (FLAG_FILL["deficit"], FLAG_FILL["deficit"], "zone short of spaces"),
        (FLAG_FILL["surplus"], FLAG_FILL["surplus"], "zone with spare spaces"),
        (QColor(31, 119, 180, 110), IDLE_BLUE,
         "lot: circle grows with its idle spaces")],
    "Exchange reach": [
        (NEAR, NEAR, "subject within the exchange walk"),
        (FAR, FAR, "subject beyond it")],
}


def tiled_item(geoms, fill: QColor, stroke: QColor | None = None,
          radius: float = 6.0) -> list[PathTile]:
    """Tiles drawing ``geoms`` (tiled like the plan's layers, so large
    plans stay quick to zoom with an overlay on)."""
    pen = QPen(stroke or QColor(0, 0, 0, 0), 1.5)
    pen.setCosmetic(True)
    return tiles(np.asarray(geoms), pen, QBrush(fill), radius, "circle")


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
    fill, stroke, _ = LEGENDS["Coverage gaps"][0]
    return overlay_group([tiled_item(geoms, fill, stroke)])


def walk_scores(results: Results) -> QGraphicsItemGroup:
    """Buildings filled by Walk Score band."""
    plan = results.context.plan
    scores = results.walkability.buildings["walk_score"].to_numpy()
    geoms = plan["buildings"].geometry.to_numpy()
    items, upper = [], np.inf
    for lower, colour in SCORE_BANDS:
        inside = (scores >= lower) & (scores < upper)
        items.append(tiled_item(geoms[inside], QColor(colour), EDGE))
        upper = lower
    return overlay_group(items)


def parking(results: Results) -> QGraphicsItemGroup:
    """Zones by flag, and lots as circles sized by their idle spaces."""
    ctx, p = results.context, results.parking
    items = []
    zones = ctx.zones.set_index("name")
    for flag, fill in FLAG_FILL.items():
        names = p.zones.loc[p.zones["flag"] == flag, "zone"]
        items.append(tiled_item(zones.loc[names].geometry.to_numpy(), fill))
    idle = np.clip(p.lots["idle"].to_numpy(), 0, None)
    circles = shapely.buffer(ctx.lots["point"].to_numpy(),
                             8 + 2.5 * np.sqrt(idle))
    fill, stroke, _ = LEGENDS["Parking mismatch"][-1]
    items.append(tiled_item(circles, fill, stroke))
    return overlay_group(items)


def exchange_reach(results: Results) -> QGraphicsItemGroup:
    """Subject buildings: green within the exchange walk, orange beyond."""
    e = results.exchange
    geoms = results.context.plan["buildings"].geometry.loc[
        e.buildings.index].to_numpy()
    near = (e.buildings["walk_to_exchange_m"] <= e.limit_m).to_numpy()
    return overlay_group([tiled_item(geoms[near], NEAR), tiled_item(geoms[~near], FAR)])


OVERLAYS = {"Coverage gaps": coverage_gaps, "Walk score": walk_scores,
            "Parking mismatch": parking, "Exchange reach": exchange_reach}
