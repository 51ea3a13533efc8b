"""Scene items for a plan's layers, styled from the palette."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsItemGroup, QGraphicsScene

from ..model.plan import Plan
from ..model.schema import LAYERS
from ..model.symbology import DRAW_ORDER, STYLES, LayerStyle
from .geometry_paths import qcolor
from .tiled_layer import tiles

SCREEN_PX_PER_MM = 3.0


def _add_tiles(group: QGraphicsItemGroup, geoms, style: LayerStyle,
               fill: str, marker: str) -> None:
    pen = QPen(qcolor(style.stroke), style.width * SCREEN_PX_PER_MM)
    pen.setCosmetic(True)
    for tile in tiles(geoms, pen, QBrush(qcolor(fill, style.opacity)),
                      style.size * 2.5, marker):
        group.addToGroup(tile)


def layer_item(plan: Plan, name: str) -> QGraphicsItemGroup:
    """One group per layer holding its tiles (see tiled_layer), category
    after category, so categories stack as listed in the style."""
    style = STYLES[name]
    layer = plan[name]
    group = QGraphicsItemGroup()
    if style.categories and style.category_field in layer.columns:
        for value, fill in style.categories.items():
            mask = (layer[style.category_field] == value).fillna(False)
            _add_tiles(group, layer.geometry.array[mask.to_numpy()], style,
                       fill, style.marker_of(value))
        other = ~layer[style.category_field].isin(style.categories).fillna(False)
        _add_tiles(group, layer.geometry.array[other.to_numpy()], style,
                   style.fill, style.marker)
    else:
        _add_tiles(group, layer.geometry.array, style, style.fill,
                   style.marker)
    group.setToolTip(LAYERS[name].title)
    return group


def add_plan(scene: QGraphicsScene, plan: Plan) -> dict[str, QGraphicsItemGroup]:
    """Add every layer in drawing order; return the items by layer name."""
    items = {}
    for z, name in enumerate(DRAW_ORDER):
        items[name] = layer_item(plan, name)
        items[name].setZValue(10 + z)
        scene.addItem(items[name])
    return items
