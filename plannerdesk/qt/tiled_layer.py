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

Point symbols are sized on screen (pixels), not on the map: a tile with
points makes its path again for the view's resolution
(:meth:`PathTile.set_resolution`), so a marker is as large at every scale
as in the legend.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QStyleOptionGraphicsItem,
    QWidget,
)

from .geometry_paths import path_of

TILE_FEATURES = 256
AA_PX2 = 20.0  # square pixels of screen per path element
SIMPLIFY_MIN_VERTICES = 8


@dataclass(frozen=True)
class Markers:
    """How a tile draws its points: the geometries, the shape and its
    radius on screen (pixels)."""

    geoms: np.ndarray
    shape: str
    radius_px: float


class PathTile(QGraphicsItem):
    """Features as one path, with a cosmetic pen and a brush, and maybe a
    ``coarse`` path of them simplified by ``tolerance`` map units, drawn
    while that is at most half a pixel; with ``markers``, the path is made
    again for each resolution."""

    def __init__(self, path: QPainterPath, pen: QPen, brush: QBrush,
                 coarse: QPainterPath | None = None,
                 tolerance: float = 0.0,
                 markers: Markers | None = None) -> None:
        super().__init__()
        self.pen, self.brush, self.markers = pen, brush, markers
        self.coarse, self.tolerance = coarse, tolerance
        self.units_per_px = 1.0  # the resolution its markers are sized for
        self._set_path(path)

    def _set_path(self, path: QPainterPath) -> None:
        self.path = path
        margin = max(self.pen.widthF(), 1.0) / 2  # a line along x has height
        self._rect = path.controlPointRect().adjusted(-margin, -margin,
                                                      margin, margin)
        self.area = self._rect.width() * self._rect.height()

    def set_resolution(self, units_per_px: float) -> None:
        """Size the point markers for a view of ``units_per_px`` map units
        a pixel."""
        if self.markers is None or units_per_px == self.units_per_px:
            return
        self.units_per_px = units_per_px
        self.prepareGeometryChange()
        self._set_path(path_of(self.markers.geoms,
                               self.markers.radius_px * units_per_px,
                               self.markers.shape))

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


def _tile(geoms: np.ndarray, pen: QPen, brush: QBrush, radius_px: float,
          marker: str, units_per_px: float) -> PathTile:
    radius = radius_px * units_per_px
    if np.isin(shapely.get_type_id(geoms), (0, 4)).any():  # has points
        tile = PathTile(path_of(geoms, radius, marker), pen, brush,
                        markers=Markers(geoms, marker, radius_px))
        tile.units_per_px = units_per_px
        return tile
    x0, y0, x1, y1 = shapely.bounds(geoms).T
    tolerance = float(np.median(np.maximum(x1 - x0, y1 - y0))) / 8
    coarse = simplified(geoms, tolerance)
    return PathTile(path_of(geoms, radius, marker), pen, brush,
                    None if coarse is None else
                    path_of(coarse, radius, marker), tolerance)


def fid_tiles(geoms: np.ndarray, fids: np.ndarray, pen: QPen, brush: QBrush,
              radius_px: float, marker: str, units_per_px: float = 1.0
              ) -> list[tuple[np.ndarray, PathTile]]:
    """The tiles drawing ``geoms`` (missing and empty ones skipped), each
    with the ``fids`` of the features it draws; points as ``marker``
    shapes ``radius_px`` pixels wide at ``units_per_px`` map units a
    pixel."""
    geoms, fids = np.asarray(geoms), np.asarray(fids)
    drawn = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    geoms, fids = geoms[drawn], fids[drawn]
    return [(fids[group], _tile(geoms[group], pen, brush, radius_px, marker,
                                units_per_px))
            for group in neighbour_groups(geoms) if len(group)]


def tiles(geoms: np.ndarray, pen: QPen, brush: QBrush, radius_px: float,
          marker: str, units_per_px: float = 1.0) -> list[PathTile]:
    """The tiles drawing ``geoms`` (missing and empty ones skipped)."""
    return [tile for _, tile in fid_tiles(geoms, np.arange(len(geoms)), pen,
                                          brush, radius_px, marker,
                                          units_per_px)]


def fit_markers(scene: QGraphicsScene) -> None:
    """Size every point marker of ``scene`` for its view's resolution
    (a :class:`~plannerdesk.qt.map_canvas.MapCanvas`)."""
    views = scene.views()
    if not views:
        return
    units_per_px = views[0].map_units_per_pixel()
    for item in scene.items():
        if isinstance(item, PathTile):
            item.set_resolution(units_per_px)
