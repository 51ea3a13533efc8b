"""Snapping a cursor position to vertices and segments of nearby features."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely


@dataclass(frozen=True)
class Snap:
    """Where the cursor snapped: the point and to what (vertex or segment)."""

    x: float
    y: float
    kind: str  # "vertex" or "segment"


class Snapper:
    """Vertices and outlines of a set of geometries, indexed for snapping.

    Vertices win over segments within the tolerance.
    """

    def __init__(self, geoms: np.ndarray) -> None:
        geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
        self.vertices = shapely.points(shapely.get_coordinates(geoms)) \
            if len(geoms) else np.empty(0, object)
        outlines = shapely.boundary(geoms[np.isin(
            shapely.get_type_id(geoms), (3, 6))])
        lines = geoms[np.isin(shapely.get_type_id(geoms), (1, 5))]
        self.lines = np.concatenate([lines, outlines])
        self._vertex_tree = shapely.STRtree(self.vertices)
        self._line_tree = shapely.STRtree(self.lines)

    def snap(self, x: float, y: float, tolerance: float) -> Snap | None:
        """The nearest vertex, else the nearest segment point, within
        ``tolerance`` map units of (x, y); None when nothing is near."""
        cursor = shapely.Point(x, y)
        for tree, items, kind in ((self._vertex_tree, self.vertices, "vertex"),
                                  (self._line_tree, self.lines, "segment")):
            if not len(items):
                continue
            hit = tree.query_nearest(cursor, max_distance=tolerance,
                                     all_matches=False)
            if len(hit):
                near = shapely.line_interpolate_point(
                    items[hit[0]], shapely.line_locate_point(
                        items[hit[0]], cursor)) if kind == "segment" \
                    else items[hit[0]]
                return Snap(near.x, near.y, kind)
        return None


def constrain(x0: float, y0: float, x: float, y: float) -> tuple[float, float]:
    """(x, y) turned onto the nearest 0 / 45 / 90 degree ray from (x0, y0)."""
    angle = np.arctan2(y - y0, x - x0)
    step = np.pi / 4
    ray = np.round(angle / step) * step
    length = np.hypot(x - x0, y - y0) * np.cos(angle - ray)
    return x0 + length * np.cos(ray), y0 + length * np.sin(ray)
