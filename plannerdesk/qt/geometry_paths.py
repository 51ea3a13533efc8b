"""Shapely geometries as QPainterPaths in map units."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QAbstractGraphicsShapeItem


def _polygon(coords: np.ndarray) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in coords])


def path_of(geoms: np.ndarray, marker_radius: float = 0.0) -> QPainterPath:
    """One path holding every geometry: rings closed, lines open, points as
    circles of ``marker_radius`` map units."""
    path = QPainterPath()
    path.setFillRule(path.fillRule().OddEvenFill)
    parts = shapely.get_parts(geoms[~shapely.is_missing(geoms)])
    for part in parts:
        kind = shapely.get_type_id(part)
        if kind == 0:
            path.addEllipse(QPointF(part.x, part.y), marker_radius,
                            marker_radius)
        elif kind in (1, 2):
            path.addPolygon(_polygon(shapely.get_coordinates(part)))
        elif kind == 3:
            for ring in (part.exterior, *part.interiors):
                path.addPolygon(_polygon(shapely.get_coordinates(ring)))
                path.closeSubpath()
    return path


def paint(item: QAbstractGraphicsShapeItem, stroke: QColor, width: float,
          fill: QColor | None = None) -> QAbstractGraphicsShapeItem:
    """Give ``item`` a cosmetic outline (``width`` screen pixels at any
    zoom) and, when given, a fill; returns the item."""
    pen = QPen(stroke, width)
    pen.setCosmetic(True)
    item.setPen(pen)
    if fill is not None:
        item.setBrush(QBrush(fill))
    return item
