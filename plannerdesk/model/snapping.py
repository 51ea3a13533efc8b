"""Snapping a cursor position to vertices and segments of nearby features.

The index is per layer and follows the plan's changes feature by feature:
each layer keeps an R-tree of its features as last indexed, the features
changed since (searched directly), and the fids the tree holds outdated;
the tree is rebuilt only once ``REBUILD_AFTER`` features have changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from .changes import Change

REBUILD_AFTER = 512  # changed features searched directly before a rebuild


@dataclass(frozen=True)
class Snap:
    """Where the cursor snapped: the point and to what (vertex or segment)."""

    x: float
    y: float
    kind: str  # "vertex" or "segment"


def _drawn(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    return geoms[~(geoms.isna() | geoms.is_empty).to_numpy()]


class _LayerIndex:
    """One layer's features, indexed for the search near a point."""

    def __init__(self, geoms: gpd.GeoSeries) -> None:
        self._build(geoms)

    def _build(self, geoms: gpd.GeoSeries) -> None:
        geoms = _drawn(geoms)
        self.fids = geoms.index.to_numpy()
        self.geoms = geoms.to_numpy()
        self.tree = shapely.STRtree(self.geoms)
        self.outdated: set[int] = set()  # fids whose tree entry is old
        self.fresh: dict[int, shapely.Geometry] = {}  # changed since

    def replace(self, fids: Iterable[int], geoms: gpd.GeoSeries) -> None:
        """Index the features ``fids`` as they are in ``geoms`` (those not
        in it are gone)."""
        for fid in fids:
            self.outdated.add(fid)
            self.fresh.pop(fid, None)
            geom = geoms.get(fid)
            if not (shapely.is_missing(geom) or shapely.is_empty(geom)):
                self.fresh[fid] = geom
        if len(self.outdated) > REBUILD_AFTER:
            self._build(geoms)

    def near(self, area: shapely.Geometry) -> np.ndarray:
        """The features whose extent meets ``area``."""
        hits = self.tree.query(area)
        if self.outdated:
            hits = hits[~np.isin(self.fids[hits], list(self.outdated))]
        found = self.geoms[hits]
        if self.fresh:
            fresh = np.array(list(self.fresh.values()), dtype=object)
            found = np.concatenate([found, fresh[shapely.intersects(
                shapely.envelope(fresh), area)]])
        return found


class Snapper:
    """Vertices and outlines of the features of some layers, for snapping.

    Vertices win over segments within the tolerance.
    """

    def __init__(self, layers: dict[str, gpd.GeoSeries] | None = None) -> None:
        self.layers: dict[str, _LayerIndex] = {}
        for name, geoms in (layers or {}).items():
            self.set_layer(name, geoms)

    def set_layer(self, name: str, geoms: gpd.GeoSeries | None) -> None:
        """Index all of layer ``name`` anew (None: snap to it no more)."""
        if geoms is None:
            self.layers.pop(name, None)
        else:
            self.layers[name] = _LayerIndex(geoms)

    def update(self, change: Change, geoms: gpd.GeoSeries) -> None:
        """Follow ``change`` of an indexed layer, now ``geoms``."""
        index = self.layers.get(change.layer)
        if index is None:
            return
        if change.whole:
            self.set_layer(change.layer, geoms)
        elif change.shapes:
            index.replace(change.shapes, geoms)

    def snap(self, x: float, y: float, tolerance: float) -> Snap | None:
        """The nearest vertex, else the nearest segment point, within
        ``tolerance`` map units of (x, y); None when nothing is near."""
        cursor = shapely.Point(x, y)
        area = shapely.box(x - tolerance, y - tolerance, x + tolerance,
                           y + tolerance)
        found = [index.near(area) for index in self.layers.values()]
        geoms = np.concatenate(found) if found else np.empty(0, object)
        if not len(geoms):
            return None
        xy = shapely.get_coordinates(geoms)
        gap = np.hypot(xy[:, 0] - x, xy[:, 1] - y)
        if len(gap) and gap.min() <= tolerance:
            vx, vy = xy[np.argmin(gap)]
            return Snap(float(vx), float(vy), "vertex")
        kind = shapely.get_type_id(geoms)
        lines = np.concatenate([geoms[np.isin(kind, (1, 5))],
                                shapely.boundary(geoms[np.isin(kind, (3, 6))])])
        if not len(lines):
            return None
        gap = shapely.distance(lines, cursor)
        nearest = int(np.argmin(gap))
        if gap[nearest] > tolerance:
            return None
        line = lines[nearest]
        near = shapely.line_interpolate_point(
            line, shapely.line_locate_point(line, cursor))
        return Snap(near.x, near.y, "segment")


def constrain(x0: float, y0: float, x: float, y: float) -> tuple[float, float]:
    """(x, y) turned onto the nearest 0 / 45 / 90 degree ray from (x0, y0)."""
    angle = np.arctan2(y - y0, x - x0)
    step = np.pi / 4
    ray = np.round(angle / step) * step
    length = np.hypot(x - x0, y - y0) * np.cos(angle - ray)
    return x0 + length * np.cos(ray), y0 + length * np.sin(ray)
