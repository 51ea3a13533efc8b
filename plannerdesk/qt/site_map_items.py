"""Scene items for site maps: placed images and vector reference layers."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QGraphicsPixmapItem

from ..model.georef import WorldFile
from .geometry_paths import paint, path_of

REFERENCE_STROKE = QColor("#505050")
REFERENCE_MARKER_M = 1.5


def rgba_image(rgba: np.ndarray) -> QImage:
    """A QImage owning a copy of an (rows, cols, 4) uint8 array."""
    rows, cols = rgba.shape[:2]
    data = np.ascontiguousarray(rgba)
    return QImage(data.data, cols, rows, 4 * cols,
                  QImage.Format.Format_RGBA8888).copy()


def world_transform(world: WorldFile) -> QTransform:
    """Pixel (col, row) corners to map coordinates; pixel centres follow
    the world file's convention."""
    return QTransform(world.a, world.d, world.b, world.e,
                      world.c - (world.a + world.b) / 2,
                      world.f - (world.d + world.e) / 2)


def raster_item(rgba: np.ndarray, world: WorldFile) -> QGraphicsPixmapItem:
    """The image placed on the map by ``world``."""
    item = QGraphicsPixmapItem(QPixmap.fromImage(rgba_image(rgba)))
    item.setTransform(world_transform(world))
    item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
    return item


def reference_item(frame: gpd.GeoDataFrame) -> QGraphicsItem:
    """Reference geometries as thin dark-grey outlines, unfilled."""
    item = paint(QGraphicsPathItem(path_of(frame.geometry.to_numpy(),
                                           REFERENCE_MARKER_M)),
                 REFERENCE_STROKE, 1.0)
    item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    return item
