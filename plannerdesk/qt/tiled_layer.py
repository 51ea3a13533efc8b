"""A layer's features drawn as spatial tiles with a level of detail.

The features of one symbol class are cut into tiles of about
``TILE_FEATURES`` neighbours (consecutive along a Hilbert curve), each a
``PathTile`` holding one path, so the scene's index paints only the tiles in
view. Each tile chooses, from the zoom, how to paint:
- without antialiasing while its features are crowded on screen (under
  ``AA_PX2`` square pixels per path element): there an antialiased fill
  costs three to four times more and shows nothing more, and the
  antialiased work of a frame stays bounded by the viewport's area;
- its features simplified (Douglas-Peucker, at an eighth of their typical
  size) while that is at most half a pixel, when that saves a third of the
  vertices; none is dropped.
Tiles are not cached: each zoom step would throw the cache away, and a
large plan's pixmaps overflow QPixmapCache, so even panning redrew
everything.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from .geometry_paths import path_of

TILE_FEATURES = 256
AA_PX2 = 20.0  # square pixels of screen per path element
SIMPLIFY_MIN_VERTICES = 8


class PathTile(QGraphicsItem):
    """Features as one path, with a cosmetic pen and a brush, and maybe a
    ``coarse`` path of them simplified by ``tolerance`` map units, drawn
    while that is at most half a pixel."""

    def __init__(self, path: QPainterPath, pen: QPen, brush: QBrush,
                 coarse: QPainterPath | None = None,
                 tolerance: float = 0.0) -> None:
        super().__init__()
        self.path, self.pen, self.brush = path, pen, brush
        self.coarse, self.tolerance = coarse, tolerance
        margin = max(pen.widthF(), 1.0) / 2  # a line along x still has height
        self._rect = path.controlPointRect().adjusted(-margin, -margin,
                                                      margin, margin)
        self.area = self._rect.width() * self._rect.height()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        scale = option.levelOfDetailFromTransform(painter.worldTransform())
        path = self.coarse if self.coarse is not None and \
            scale * self.tolerance <= 0.5 else self.path
        painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                              self.area * scale ** 2 >=
                              AA_PX2 * path.elementCount())
        painter.setPen(self.pen)
        painter.setBrush(self.brush)
        painter.drawPath(path)


def neighbour_groups(geoms: np.ndarray) -> list[np.ndarray]:
    """Indices of ``geoms`` in groups of about TILE_FEATURES neighbours."""
    if len(geoms) <= TILE_FEATURES:
        return [np.arange(len(geoms))]
    series = gpd.GeoSeries(geoms)
    bounds = series.total_bounds + (-1, -1, 1, 1)  # never of zero width
    order = np.argsort(series.hilbert_distance(total_bounds=bounds)
                       .to_numpy(), kind="stable")
    return np.array_split(order, -(-len(geoms) // TILE_FEATURES))


def simplified(geoms: np.ndarray, tolerance: float) -> np.ndarray | None:
    """``geoms`` of many vertices simplified by ``tolerance`` (those that
    would vanish kept whole), or None where that would not save a third of
    the vertices."""
    counts = shapely.get_num_coordinates(geoms)
    many = counts > SIMPLIFY_MIN_VERTICES
    if 3 * counts[many].sum() < counts.sum():
        return None
    simple = geoms.copy()
    simple[many] = shapely.simplify(geoms[many], tolerance,
                                    preserve_topology=False)
    simple = np.where(shapely.is_empty(simple), geoms, simple)
    saved = counts.sum() - shapely.get_num_coordinates(simple).sum()
    return simple if 3 * saved >= counts.sum() else None


def _tile(geoms: np.ndarray, pen: QPen, brush: QBrush,
          marker_radius: float, marker: str) -> PathTile:
    x0, y0, x1, y1 = shapely.bounds(geoms).T
    tolerance = float(np.median(np.maximum(x1 - x0, y1 - y0))) / 8
    coarse = simplified(geoms, tolerance)
    return PathTile(path_of(geoms, marker_radius, marker), pen, brush,
                    None if coarse is None else
                    path_of(coarse, marker_radius, marker), tolerance)


def fid_tiles(geoms: np.ndarray, fids: np.ndarray, pen: QPen, brush: QBrush,
              marker_radius: float, marker: str
              ) -> list[tuple[np.ndarray, PathTile]]:
    """The tiles drawing ``geoms`` (missing and empty ones skipped), each
    with the ``fids`` of the features it draws."""
    geoms, fids = np.asarray(geoms), np.asarray(fids)
    drawn = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    geoms, fids = geoms[drawn], fids[drawn]
    return [(fids[group], _tile(geoms[group], pen, brush, marker_radius,
                                marker))
            for group in neighbour_groups(geoms) if len(group)]


def tiles(geoms: np.ndarray, pen: QPen, brush: QBrush,
          marker_radius: float, marker: str) -> list[PathTile]:
    """The tiles drawing ``geoms`` (missing and empty ones skipped)."""
    return [tile for _, tile in fid_tiles(geoms, np.arange(len(geoms)), pen,
                                          brush, marker_radius, marker)]
