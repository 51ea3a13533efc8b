"""Scene items for a plan's layers and its base map, styled from the palette."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap, QTransform
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsItemGroup,
                               QGraphicsPathItem, QGraphicsPixmapItem,
                               QGraphicsScene)

from ..io.worldfile import read_world_file, world_file_path
from ..model.plan import Plan
from ..model.schema import LAYERS
from ..model.symbology import DRAW_ORDER, STYLES, LayerStyle
from .geometry_paths import paint, path_of

SCREEN_PX_PER_MM = 3.0


def _colour(hex_colour: str, opacity: float = 1.0) -> QColor:
    if hex_colour == "none":
        return QColor(0, 0, 0, 0)
    colour = QColor(hex_colour)
    colour.setAlphaF(opacity)
    return colour


def _path_item(geoms, style: LayerStyle, fill: str,
               marker: str) -> QGraphicsPathItem:
    item = paint(QGraphicsPathItem(path_of(geoms, style.size * 2.5, marker)),
                 _colour(style.stroke), style.width * SCREEN_PX_PER_MM,
                 _colour(fill, style.opacity))
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return item


def layer_item(plan: Plan, name: str) -> QGraphicsItemGroup:
    """One group per layer; categories become one path item each."""
    style = STYLES[name]
    layer = plan[name]
    group = QGraphicsItemGroup()
    if style.categories and style.category_field in layer.columns:
        for value, fill in style.categories.items():
            mask = (layer[style.category_field] == value).fillna(False)
            group.addToGroup(_path_item(layer.geometry.array[mask.to_numpy()],
                                        style, fill, style.marker_of(value)))
        other = ~layer[style.category_field].isin(style.categories).fillna(False)
        group.addToGroup(_path_item(layer.geometry.array[other.to_numpy()],
                                    style, style.fill, style.marker))
    else:
        group.addToGroup(_path_item(layer.geometry.array, style, style.fill,
                                    style.marker))
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


def basemap_item(image: Path) -> QGraphicsPixmapItem:
    """The picture placed by its world file (pixel rows run north to south)."""
    world = read_world_file(world_file_path(image))
    item = QGraphicsPixmapItem(QPixmap(str(image)))
    item.setTransform(QTransform(world.a, world.d, world.b, world.e,
                                 world.c - world.a / 2, world.f - world.e / 2))
    item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
    item.setZValue(0)
    return item
