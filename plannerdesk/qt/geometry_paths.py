"""Shapely geometries as QPainterPaths in map units."""

from __future__ import annotations

from functools import cache

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QPointF, Qt
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


#: One QPainterPath element as QDataStream writes it (Qt's documented
#: serialisation: type as qint32, then x and y as doubles, big-endian).
_ELEMENT = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])


@cache
def _template(marker: str) -> np.ndarray:
    """The path elements of a unit ``marker`` at the origin, as Qt adds it."""
    path = QPainterPath()
    add_marker(path, 0.0, 0.0, 1.0, marker)
    return np.array([(path.elementAt(i).type.value, path.elementAt(i).x,
                      path.elementAt(i).y)
                     for i in range(path.elementCount())], dtype=_ELEMENT)


def _marker_elements(points: np.ndarray, radius: float,
                     marker: str) -> np.ndarray:
    unit = _template(marker)
    xy = shapely.get_coordinates(points)
    elements = np.empty((len(xy), len(unit)), _ELEMENT)
    elements["type"] = unit["type"]
    elements["x"] = unit["x"] * radius + xy[:, :1]
    elements["y"] = unit["y"] * radius + xy[:, 1:]
    return elements.ravel()


def _line_elements(lines: np.ndarray) -> np.ndarray:
    """Each line string or ring as a move to its first vertex, then lines."""
    xy, which = shapely.get_coordinates(lines, return_index=True)
    elements = np.empty(len(xy), _ELEMENT)
    elements["type"] = np.diff(which, prepend=-1) == 0
    elements["x"], elements["y"] = xy[:, 0], xy[:, 1]
    return elements


def _from_elements(elements: np.ndarray) -> QPainterPath:
    """A path read from its elements in QDataStream form: element count,
    elements, index of the last move (cStart) and the fill rule."""
    starts = np.flatnonzero(elements["type"] == 0)
    raw = QByteArray(np.array([len(elements)], ">i4").tobytes()
                     + elements.astype(_ELEMENT).tobytes()
                     + np.array([starts[-1], 0], ">i4").tobytes())
    path = QPainterPath()
    QDataStream(raw) >> path  # 0: Qt.FillRule.OddEvenFill
    return path


def path_of(geoms: np.ndarray, marker_radius: float = 0.0,
            marker: str = "circle") -> QPainterPath:
    """One path holding every geometry: rings closed, lines open, points as
    ``marker`` shapes (see symbology.MARKERS) of ``marker_radius`` map
    units; odd-even filled, so polygon holes stay open. Built in bulk (one
    QDataStream read), not element by element."""
    geoms = np.asarray(geoms)
    parts = shapely.get_parts(geoms[~shapely.is_missing(geoms)])
    parts = parts[~shapely.is_empty(parts)]
    kind = shapely.get_type_id(parts)
    lines = np.concatenate([parts[(kind == 1) | (kind == 2)],
                            shapely.get_rings(parts[kind == 3])])
    elements = np.concatenate([
        _marker_elements(parts[kind == 0], marker_radius, marker),
        _line_elements(lines)])
    if not len(elements):
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        return path
    return _from_elements(elements)


def qcolor(hex_colour: str, opacity: float = 1.0) -> QColor:
    """A palette colour ('#rrggbb' or 'none') at ``opacity``."""
    if hex_colour == "none":
        return QColor(0, 0, 0, 0)
    colour = QColor(hex_colour)
    colour.setAlphaF(opacity)
    return colour


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
