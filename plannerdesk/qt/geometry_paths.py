"""Shapely geometries as QPainterPaths in map units."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QAbstractGraphicsShapeItem


def _polygon(coords: np.ndarray) -> QPolygonF:
    return QPolygonF([QPointF(x, y) for x, y in coords])


def _star(points: int, inner: float) -> np.ndarray:
    angles = np.pi / 2 + np.arange(2 * points) * np.pi / points
    radii = np.where(np.arange(2 * points) % 2, inner, 1.0)
    return np.column_stack([radii * np.cos(angles), radii * np.sin(angles)])


#: Marker outlines on a unit radius, y up (map units), closed by the path.
_OUTLINES = {
    "square": np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * 0.85,
    "triangle": np.array([[-1, -0.75], [1, -0.75], [0, 1]]),
    "diamond": np.array([[0, -1], [1, 0], [0, 1], [-1, 0]]),
    "star": _star(5, 0.45),
    "cross": np.array([[-0.3, -1], [0.3, -1], [0.3, -0.3], [1, -0.3],
                       [1, 0.3], [0.3, 0.3], [0.3, 1], [-0.3, 1],
                       [-0.3, 0.3], [-1, 0.3], [-1, -0.3], [-0.3, -0.3]]),
}


def add_marker(path: QPainterPath, x: float, y: float, radius: float,
               marker: str = "circle") -> None:
    """Add a ``marker`` shape of ``radius`` centred on (x, y) to ``path``."""
    outline = _OUTLINES.get(marker)
    if outline is None:
        path.addEllipse(QPointF(x, y), radius, radius)
    else:
        path.addPolygon(_polygon(outline * radius + (x, y)))
        path.closeSubpath()


def path_of(geoms: np.ndarray, marker_radius: float = 0.0,
            marker: str = "circle") -> QPainterPath:
    """One path holding every geometry: rings closed, lines open, points as
    ``marker`` shapes (see symbology.MARKERS) of ``marker_radius`` map
    units."""
    path = QPainterPath()
    path.setFillRule(path.fillRule().OddEvenFill)
    parts = shapely.get_parts(geoms[~shapely.is_missing(geoms)])
    for part in parts:
        kind = shapely.get_type_id(part)
        if kind == 0:
            add_marker(path, part.x, part.y, marker_radius, marker)
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
