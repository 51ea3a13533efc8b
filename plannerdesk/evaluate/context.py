"""What every evaluator shares: the network with all places attached, the
targets as node sets, zone membership and a sample grid over the site.

Built once per evaluation by :func:`prepare`; the evaluators only read it.
A target is a facility category, a public-space kind, or a space group
(``public_points``, ``public_lines``, ``public_areas``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model.plan import Plan
from ..model.problems import Problem
from ..network import Network, build_network, nearest

NO_ZONE = "(no zone)"
CELL_M = 25.0  # side of the sample grid over the site ...
MAX_CELLS = 20_000  # ... made coarser on very large sites
SPACE_GROUPS = ("public_points", "public_lines", "public_areas")


#: The name of the whole-site row in per-zone tables.
SITE_ROW = "(site)"

@dataclass
class Context:
    """A plan prepared for evaluation (read-only for evaluators)."""

    plan: Plan
    net: Network
    buildings: gpd.GeoDataFrame       # plan buildings + zone, point, weight
    building_node: np.ndarray
    lots: gpd.GeoDataFrame            # plan parking + zone, point
    lot_node: np.ndarray
    cells: gpd.GeoDataFrame           # grid cells over the site + zone
    cell_node: np.ndarray
    zones: gpd.GeoDataFrame
    targets: dict[str, np.ndarray]                  # target -> node ids
    target_geoms: dict[str, np.ndarray]             # target -> geometries
    has_network: bool
    problems: list[Problem] = field(default_factory=list)
    _fields: dict = field(default_factory=dict, repr=False)

    def distances(self, target: str, *, at: str = "buildings",
                  limit: float = np.inf, straight: bool = False) -> np.ndarray:
        """Walk (m) from each building / lot / cell (``at``) to the nearest
        ``target``: over the network, or in a straight line when asked or
        when the plan has no network. ``inf`` where none is within
        ``limit`` or reachable."""
        frame, nodes = self.places(at)
        if straight or not self.has_network:
            dist = self.straight(target, frame["point"].to_numpy())
            return np.where(dist <= limit, dist, np.inf)
        return self.walk_field(target, limit)[nodes]

    def walk_field(self, target: str, limit: float = np.inf) -> np.ndarray:
        """Walk (m) from every node to the nearest ``target`` (memoised)."""
        key = (target, limit)
        if key not in self._fields:
            sources = self.targets.get(target, np.zeros(0, int))
            self._fields[key] = nearest(self.net, sources, limit=limit)
        return self._fields[key]

    def forget_walks(self) -> None:
        """Drop the memoised walk fields (for timing a fresh run)."""
        self._fields.clear()

    def nearest_walk(self, sources: np.ndarray, *, limit: float = np.inf
                     ) -> np.ndarray:
        """Walk from each building to the nearest of ``sources`` (node ids):
        over the network, or straight when the plan has none."""
        if not len(sources):
            return np.full(len(self.building_node), np.inf)
        if self.has_network:
            return nearest(self.net, sources, limit=limit)[
                self.building_node]
        targets = shapely.points(self.net.xy[np.unique(sources)])
        return _nearest_straight(targets, self.buildings["point"].to_numpy(),
                                 limit)

    def places(self, at: str) -> tuple[gpd.GeoDataFrame, np.ndarray]:
        """The frame and node ids of ``buildings``, ``lots`` or ``cells``."""
        return {"buildings": (self.buildings, self.building_node),
                "lots": (self.lots, self.lot_node),
                "cells": (self.cells, self.cell_node)}[at]

    def straight(self, target: str, points: np.ndarray) -> np.ndarray:
        """Straight-line distance (m) from ``points`` to the nearest target."""
        geoms = self.target_geoms.get(target, np.empty(0, object))
        return _nearest_straight(geoms, points, np.inf)


def _nearest_straight(geoms: np.ndarray, points: np.ndarray,
                      limit: float) -> np.ndarray:
    """Straight-line distance from each point to the nearest of ``geoms``."""
    out = np.full(len(points), np.inf)
    if not len(geoms) or not len(points):
        return out
    (i, _), dist = shapely.STRtree(geoms).query_nearest(
        points, return_distance=True, all_matches=False,
        max_distance=None if np.isinf(limit) else limit)
    out[i] = dist
    return out


def place_point(geoms: np.ndarray) -> np.ndarray:
    """Centroid, or representative point where the centroid lies outside."""
    centroid = shapely.centroid(geoms)
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))
    outside = polygonal & ~shapely.contains(geoms, centroid)
    centroid[outside] = shapely.point_on_surface(geoms[outside])
    return centroid


def prepare(plan: Plan) -> Context:
    """Attach every place to the pedestrian network and index the targets."""
    problems: list[Problem] = []
    zones = _zones(plan["zones"])
    buildings = _with_points(plan["buildings"], zones)
    lots = _with_points(plan["parking"], zones)
    facilities = plan["facilities"]
    points = plan["public_points"]
    cells = _grid(plan, zones)
    spaces = pd.concat([plan["public_lines"][["kind", "geometry"]]
                        .assign(group="public_lines"),
                        plan["public_areas"][["kind", "geometry"]]
                        .assign(group="public_areas")], ignore_index=True)
    places = np.concatenate([
        buildings["point"].to_numpy(), lots["point"].to_numpy(),
        facilities.geometry.to_numpy(), points.geometry.to_numpy(),
        place_point(spaces.geometry.to_numpy()),
        cells["point"].to_numpy()])
    lines, over = _walkable(plan)
    net = build_network(lines, over, places,
                        tolerance=plan.settings.walk.snap_tolerance_m,
                        extra_nodes=_entries(lines, spaces.geometry.to_numpy()))
    node = iter(np.split(net.place_node, np.cumsum([
        len(buildings), len(lots), len(facilities), len(points),
        len(spaces)])))
    building_node, lot_node, fac_node, point_node, space_node, cell_node = \
        (next(node) for _ in range(6))
    targets, geoms = _targets(net, facilities, fac_node, points, point_node,
                              spaces, space_node, plan.settings.walk.snap_tolerance_m)
    has_network = len(lines) > 0
    if not has_network:
        problems.append(Problem(
            "warning", "the plan has no walkable walkways or linear spaces, "
            "so walks are measured in straight lines", "draw walkways or "
            "import them with 'plannerdesk import PLAN FILE --as walkways'",
            layer="walkways"))
    return Context(plan=plan, net=net, buildings=buildings,
                   building_node=building_node, lots=lots, lot_node=lot_node,
                   cells=cells, cell_node=cell_node, zones=zones,
                   targets=targets, target_geoms=geoms,
                   has_network=has_network, problems=problems)


def _zones(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One zone per name: polygons drawn under one name (a zone in two
    parts) count as one zone, in the order the names first appear."""
    zones = layer[["name", "geometry"]].dropna(subset=["name"])
    if not zones["name"].duplicated().any():
        return zones.reset_index(drop=True)
    merged = zones.dissolve(by="name", sort=False).reset_index()
    return merged[["name", "geometry"]]


def _zone_of(points: np.ndarray, zones: gpd.GeoDataFrame) -> np.ndarray:
    out = np.full(len(points), NO_ZONE, dtype=object)
    if not len(zones) or not len(points):
        return out
    p, z = shapely.STRtree(zones.geometry.to_numpy()).query(
        points, predicate="within")
    out[p] = zones["name"].to_numpy()[z]
    return out


def _with_points(layer: gpd.GeoDataFrame, zones) -> gpd.GeoDataFrame:
    out = layer.copy()
    out["point"] = place_point(out.geometry.to_numpy())
    out["zone"] = _zone_of(out["point"].to_numpy(), zones)
    return out


def _grid(plan: Plan, zones) -> gpd.GeoDataFrame:
    """Square cells of CELL_M (coarser past MAX_CELLS) over the site, or
    over the buildings' extent when there is no site."""
    area = plan.site_geometry()
    if area is None and len(plan["buildings"]):
        area = shapely.box(*plan["buildings"].total_bounds)
    if area is None:
        return gpd.GeoDataFrame({"point": [], "zone": []},
                                geometry=gpd.GeoSeries([]), crs=plan.crs)
    x0, y0, x1, y1 = area.bounds
    size = max(CELL_M, float(np.sqrt(area.area / MAX_CELLS)))
    gx, gy = (a.ravel() for a in np.meshgrid(np.arange(x0, x1, size),
                                             np.arange(y0, y1, size)))
    squares = shapely.box(gx, gy, gx + size, gy + size)
    shapely.prepare(area)
    centre = shapely.points(gx + size / 2, gy + size / 2)
    inside = shapely.contains(area, centre)
    cells = gpd.GeoDataFrame(
        {"point": centre[inside]},
        geometry=shapely.intersection(squares[inside], area), crs=plan.crs)
    cells["zone"] = _zone_of(centre[inside], zones)
    return cells


def _entries(lines: np.ndarray, spaces: np.ndarray) -> np.ndarray:
    """Points where walkable lines meet the outline of a linear or area
    space, so that the space is reached exactly where the network meets it."""
    if not len(lines) or not len(spaces):
        return np.empty(0, object)
    outline = shapely.boundary(spaces)
    i, j = shapely.STRtree(lines).query(outline, predicate="intersects")
    meet = shapely.intersection(lines[j], outline[i])
    return shapely.points(shapely.get_coordinates(meet))


def _walkable(plan: Plan) -> tuple[np.ndarray, np.ndarray]:
    """Walkable lines and whether each passes over or under (bridge/tunnel)."""
    ways = plan["walkways"]
    ways = ways[ways["walkable"].fillna(True).astype(bool)]
    spaces = plan["public_lines"]
    spaces = spaces[spaces["walkable"].fillna(True).astype(bool)]
    lines = np.concatenate([ways.geometry.to_numpy(),
                            spaces.geometry.to_numpy()])
    over = np.concatenate([ways["kind"].isin(("bridge", "tunnel")).to_numpy(),
                           (spaces["kind"] == "bridge").to_numpy()])
    ok = ~(shapely.is_missing(lines) | shapely.is_empty(lines))
    return lines[ok], over[ok]


def _targets(net, facilities, fac_node, points, point_node, spaces,
             space_node, tolerance):
    """Node sets and geometries per target name."""
    owner, on = _nodes_on(net, spaces.geometry.to_numpy(), tolerance)
    lonely = np.setdiff1d(np.arange(len(spaces)), owner)
    owner = np.concatenate([owner, lonely])
    on = np.concatenate([on, space_node[lonely]])
    n_points = len(points)
    frame = pd.DataFrame({
        "name": np.concatenate([
            facilities["category"].to_numpy(dtype=object),
            points["kind"].to_numpy(dtype=object),
            np.full(n_points, "public_points", dtype=object),
            spaces["kind"].to_numpy(dtype=object)[owner],
            spaces["group"].to_numpy(dtype=object)[owner]]),
        "node": np.concatenate([fac_node, point_node, point_node, on, on]),
    }).drop_duplicates()
    shapes = pd.DataFrame({
        "name": np.concatenate([
            facilities["category"].to_numpy(dtype=object),
            points["kind"].to_numpy(dtype=object),
            np.full(n_points, "public_points", dtype=object),
            spaces["kind"].to_numpy(dtype=object),
            spaces["group"].to_numpy(dtype=object)]),
        "geometry": np.concatenate([
            facilities.geometry.to_numpy(), points.geometry.to_numpy(),
            points.geometry.to_numpy(), spaces.geometry.to_numpy(),
            spaces.geometry.to_numpy()]),
    })
    return ({k: g.to_numpy(dtype=int) for k, g in
             frame.groupby("name")["node"]},
            {k: g.to_numpy() for k, g in shapes.groupby("name")["geometry"]})


def _nodes_on(net, shapes: np.ndarray, tolerance: float
              ) -> tuple[np.ndarray, np.ndarray]:
    """(shape index, street node) pairs for nodes on or inside each shape:
    a linear space is reached anywhere along it, an area at any network
    point on or inside its boundary."""
    if not len(shapes) or not net.n_street:
        return np.zeros(0, int), np.zeros(0, int)
    street = shapely.points(net.xy[: net.n_street])
    return shapely.STRtree(street).query(shapes, predicate="dwithin",
                                         distance=tolerance)
