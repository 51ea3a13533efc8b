"""Map overlays drawn from evaluation results (the same results as the
dock and the report)."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItemGroup, QGraphicsPathItem

from ..evaluate.run import Results
from .geometry_paths import paint, path_of

OVERLAY_Z = 500
SCORE_BANDS = ((90, "#1a9850"), (70, "#91cf60"), (50, "#fee08b"),
               (25, "#fc8d59"), (0, "#d73027"))   # Walk Score bands
FLAG_FILL = {"deficit": QColor(214, 39, 40, 90),
             "surplus": QColor(31, 119, 180, 90)}


def _item(geoms, fill: QColor, stroke: QColor | None = None,
          radius: float = 6.0) -> QGraphicsPathItem:
    return paint(QGraphicsPathItem(path_of(np.asarray(geoms),
                                           marker_radius=radius)),
                 stroke or QColor(0, 0, 0, 0), 1.5, fill)


def _group(items) -> QGraphicsItemGroup:
    group = QGraphicsItemGroup()
    for item in items:
        group.addToGroup(item)
    group.setZValue(OVERLAY_Z)
    return group


def coverage_gaps(results: Results, target: str) -> QGraphicsItemGroup:
    """The parts of the site outside the target's service radius."""
    gaps = results.coverage.gaps
    geoms = gaps.loc[gaps["target"] == target].geometry.to_numpy()
    return _group([_item(geoms, QColor(214, 39, 40, 80),
                         QColor(214, 39, 40))])


def walk_scores(results: Results) -> QGraphicsItemGroup:
    """Buildings filled by Walk Score band."""
    plan = results.context.plan
    scores = results.walkability.buildings["walk_score"].to_numpy()
    geoms = plan["buildings"].geometry.to_numpy()
    items, upper = [], np.inf
    for lower, colour in SCORE_BANDS:
        inside = (scores >= lower) & (scores < upper)
        items.append(_item(geoms[inside], QColor(colour), QColor("#333333")))
        upper = lower
    return _group(items)


def parking(results: Results) -> QGraphicsItemGroup:
    """Zones by flag, and lots as circles sized by their idle spaces."""
    ctx, p = results.context, results.parking
    items = []
    zones = ctx.zones.set_index("name")
    for flag, fill in FLAG_FILL.items():
        names = p.zones.loc[p.zones["flag"] == flag, "zone"]
        items.append(_item(zones.loc[names].geometry.to_numpy(), fill))
    idle = np.clip(p.lots["idle"].to_numpy(), 0, None)
    circles = shapely.buffer(ctx.lots["point"].to_numpy(),
                             8 + 2.5 * np.sqrt(idle))
    items.append(_item(circles, QColor(31, 119, 180, 110),
                       QColor(31, 119, 180)))
    return _group(items)


def exchange_reach(results: Results) -> QGraphicsItemGroup:
    """Subject buildings: green within the exchange walk, orange beyond."""
    e = results.exchange
    geoms = results.context.plan["buildings"].geometry.loc[
        e.buildings.index].to_numpy()
    near = (e.buildings["walk_to_exchange_m"] <= e.limit_m).to_numpy()
    return _group([_item(geoms[near], QColor("#1a9850")),
                   _item(geoms[~near], QColor("#f28e2b"))])


OVERLAYS = {"Coverage gaps": coverage_gaps, "Walk score": walk_scores,
            "Parking mismatch": parking, "Exchange reach": exchange_reach}
