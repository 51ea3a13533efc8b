"""What every evaluator shares: the network with all places attached, the
targets as node sets, zone membership, the study area with a sample grid
over it, and the walkway islands.

Built once per evaluation by :func:`prepare`; the evaluators only read it.
Targets are described in :mod:`plannerdesk.evaluate.targets`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from scipy.sparse.csgraph import dijkstra

from ..model.language import N_, tr
from ..model.plan import Plan
from ..model.problems import Problem
from ..model.settings import CoverageSettings
from ..network import Network, nearest
from ..network.build import Attachments, assemble, attach, streets
from ..network.paths import read_at
from .islands import Islands, find_islands
from .memo import Memo
from .side_by_side import side_by_side
from .study_area import StudyArea, study_area
from .targets import Places, Targets, entries, index_targets

NO_ZONE = N_("(no zone)")  # a key in the results: tr() it where shown
SPACE_GROUPS = ("public_points", "public_lines", "public_areas")


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
    targets: dict[str, np.ndarray]     # open target -> node ids
    target_geoms: dict[str, np.ndarray]  # open target -> geometries
    closed_targets: Targets            # targets not open to the public
    places_reached: Places             # every facility and space, its nodes
    study_area: StudyArea
    islands: Islands
    has_network: bool
    problems: list[Problem] = field(default_factory=list)
    reach: float = 0.0  # walk fields are searched at least this far
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
        key = (target, at, limit)
        if key not in self._fields:
            reach, field = self.walk_field(target, limit)
            read = self._fields.setdefault(
                (target, at, reach), read_at(self.net, field, nodes, reach))
            self._fields[key] = np.where(read <= limit, read, np.inf)
        return self._fields[key]

    def walk_field(self, target: str, limit: float = np.inf
                   ) -> tuple[float, np.ndarray]:
        """One search from ``target`` to at least ``limit``: how far it
        went, and its distances (memoised; read places with
        :func:`read_at`).

        A search to ``reach`` or farther serves every shorter limit: a walk
        within a limit is found the same by a longer search."""
        far = self._fields.get((target, None))
        if far is None or far[0] < limit:
            reach = max(limit, self.reach)
            sources = np.unique(self.targets.get(target, np.zeros(0, int)))
            far = (reach, dijkstra(self.net.graph, directed=True,
                                   indices=sources, limit=reach,
                                   min_only=True) if len(sources) else
                   np.full(self.net.n_nodes, np.inf))
            self._fields[(target, None)] = far
        return far

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
            return nearest(self.net, sources, limit=limit,
                           at=self.building_node)
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


def prepare(plan: Plan, memo: Memo | None = None) -> Context:
    """Attach every place to the pedestrian network and index the targets.

    With the ``memo`` of the previous evaluation, the steps whose inputs
    an edit left alone are not run again (:mod:`.memo`)."""
    memo = memo or Memo()
    step, before = memo.step, memo.before
    walk = plan.settings.walk
    zones = step("zones", (plan["zones"],), lambda: _zones(plan["zones"]))
    area = study_area(plan)
    facilities, points = plan["facilities"], plan["public_points"]
    ways = (plan["walkways"], plan["public_lines"], plan["public_areas"])
    spaces = step("spaces", ways[1:], lambda: _spaces(plan))
    space_geoms = spaces.geometry.to_numpy()
    lines, over, line_names = step("walkable", ways[:2],
                                   lambda: _walkable(plan))
    size = len(plan["buildings"]) + len(plan["parking"])
    with side_by_side(size, "prepare") as pool:
        soon = {  # the streets first: every connector waits for them
            "streets": pool.submit(
                step, "streets", (*ways, walk.snap_tolerance_m),
                lambda: streets(lines, over, tolerance=walk.snap_tolerance_m,
                                extra_nodes=entries(lines[~over],
                                                    space_geoms))),
            "buildings": pool.submit(
                step, "buildings", (zones, plan["buildings"]),
                lambda: _with_points(plan["buildings"], zones, before(
                    "buildings", (zones,)))),
            "cells": pool.submit(
                step, "cells", (area.geometry, zones, plan.settings.coverage),
                lambda: _grid(area, zones, plan.crs, plan.settings.coverage)),
            "lots": pool.submit(step, "lots", (zones, plan["parking"]),
                                lambda: _with_points(plan["parking"], zones))}
        base, buildings, cells, lots = (soon[k].result() for k in soon)
        groups = {"buildings": (buildings, lambda: buildings["point"]),
                  "lots": (lots, lambda: lots["point"]),
                  "facilities": (facilities, lambda: facilities.geometry),
                  "points": (points, lambda: points.geometry),
                  "spaces": (spaces, lambda: place_point(space_geoms)),
                  "cells": (cells, lambda: cells["point"])}
        located = {name: step(f"{name} points", (frame,),
                              lambda get=get: np.asarray(get(), dtype=object))
                   for name, (frame, get) in groups.items()}
        attached = [pool.submit(
            step, f"{name} connectors", (*where(located[name]), base,
                                         walk.tie_tolerance_m),
            lambda at=located[name]: attach(base, at, walk.tie_tolerance_m))
            for name in groups]
        attached = [future.result() for future in attached]
    places = np.concatenate(list(located.values()))
    across = spaces["walkable"].astype("boolean").fillna(False).to_numpy(bool)
    net = assemble(base, Attachments.joined(
        attached, [len(at) for at in located.values()]), places,
        space_geoms[across])
    node = iter(np.split(net.place_node, np.cumsum([
        len(at) for at in located.values()][:-1])))
    building_node, lot_node, fac_node, point_node, space_node, cell_node = \
        (next(node) for _ in range(6))
    open_targets, closed, target_places = index_targets(
        net, facilities, fac_node, points, point_node, spaces, space_node,
        walk.snap_tolerance_m)
    islands = find_islands(
        net, line_names=line_names, places={
            "buildings": (building_node, buildings["name"].to_numpy()),
            "facilities": (fac_node, facilities["name"].to_numpy()),
            "lots": (lot_node, lots["name"].to_numpy()),
            "spaces": (np.concatenate([point_node, space_node]),
                       np.concatenate([points["name"].to_numpy(),
                                       spaces["name"].to_numpy()]))},
        max_nodes=walk.island_max_nodes,
        max_length=walk.island_max_length_m, crs=plan.crs)
    return Context(plan=plan, net=net, buildings=buildings,
                   building_node=building_node, lots=lots, lot_node=lot_node,
                   cells=cells, cell_node=cell_node, zones=zones,
                   targets=open_targets.nodes,
                   target_geoms=open_targets.geoms, closed_targets=closed,
                   places_reached=target_places,
                   study_area=area, islands=islands,
                   has_network=len(lines) > 0,
                   problems=[] if len(lines) else [no_network()],
                   reach=max(walk.decay_zero_m,
                             *plan.settings.coverage.radii_m.values(), 0.0))


def where(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where ``points`` are (which are missing, and the coordinates of the
    others): an attribute edit leaves them, and so their connectors."""
    missing = shapely.is_missing(points) | shapely.is_empty(points)
    return missing, shapely.get_coordinates(points[~missing])


def no_network() -> Problem:
    """The warning for a plan without a network, in the current
    language."""
    return Problem(
        "warning", tr("the plan has no walkable walkways or linear spaces, "
                      "so walks are measured in straight lines"),
        tr("draw walkways or import them with 'plannerdesk import PLAN FILE "
           "--as walkways'"), layer="walkways")


def _spaces(plan: Plan) -> gpd.GeoDataFrame:
    """The linear and area public spaces in one frame, with their group
    and fid."""
    lines, areas = plan["public_lines"], plan["public_areas"]
    return pd.concat([lines[["name", "kind", "open", "geometry"]]
                      .assign(group="public_lines", walkable=False,
                              fid=lines.index),
                      areas[["name", "kind", "open", "walkable", "geometry"]]
                      .assign(group="public_areas", fid=areas.index)],
                     ignore_index=True)


def _zones(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One zone per name: polygons drawn under one name (a zone in two
    parts) count as one zone, in the order the names first appear."""
    zones = layer[["name", "geometry"]].dropna(subset=["name"])
    if not zones["name"].duplicated().any():
        return zones.reset_index(drop=True)
    merged = zones.dissolve(by="name", sort=False).reset_index()
    return merged[["name", "geometry"]]


def zone_of(points: np.ndarray, zones: gpd.GeoDataFrame) -> np.ndarray:
    """The zone each point lies within (NO_ZONE for none)."""
    out = np.full(len(points), NO_ZONE, dtype=object)
    if not len(zones) or not len(points):
        return out
    p, z = shapely.STRtree(zones.geometry.to_numpy()).query(
        points, predicate="within")
    out[p] = zones["name"].to_numpy()[z]
    return out


def _with_points(layer: gpd.GeoDataFrame, zones,
                 before: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """``layer`` with each feature's place point and zone; those of the
    features ``before`` holds with the same geometry are taken from it."""
    out = layer.copy()
    geoms = out.geometry.to_numpy()
    points = np.empty(len(out), dtype=object)
    zone = np.empty(len(out), dtype=object)
    fresh = np.ones(len(out), bool)
    if before is not None:
        at = before.index.get_indexer(out.index)
        known = np.flatnonzero(at >= 0)
        same = shapely.equals_exact(
            before.geometry.to_numpy()[at[known]], geoms[known], tolerance=0)
        kept, rows = known[same], at[known[same]]
        points[kept] = before["point"].to_numpy()[rows]
        zone[kept] = before["zone"].to_numpy()[rows]
        fresh[kept] = False
    points[fresh] = place_point(geoms[fresh])
    zone[fresh] = zone_of(points[fresh], zones)
    out["point"], out["zone"] = points, zone
    return out


def _grid(study: StudyArea, zones, crs,
          settings: CoverageSettings) -> gpd.GeoDataFrame:
    """Square cells of ``cell_m`` (larger past ``max_cells``) over the
    study area."""
    area = study.geometry
    if area is None or area.area <= 0:
        return gpd.GeoDataFrame({"point": [], "zone": []},
                                geometry=gpd.GeoSeries([]), crs=crs)
    x0, y0, x1, y1 = area.bounds
    size = max(settings.cell_m, float(np.sqrt(area.area
                                              / settings.max_cells)))
    gx, gy = (a.ravel() for a in np.meshgrid(np.arange(x0, x1, size),
                                             np.arange(y0, y1, size)))
    squares = shapely.box(gx, gy, gx + size, gy + size)
    shapely.prepare(area)
    centre = shapely.points(gx + size / 2, gy + size / 2)
    inside = shapely.contains(area, centre)
    squares = squares[inside]
    edge = ~shapely.contains_properly(area, squares)
    squares[edge] = shapely.intersection(squares[edge], area)
    cells = gpd.GeoDataFrame({"point": centre[inside]}, geometry=squares,
                             crs=crs)
    cells["zone"] = zone_of(centre[inside], zones)
    return cells


def _walkable(plan: Plan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Walkable lines, whether each passes over or under (bridge/tunnel),
    and their names."""
    ways = plan["walkways"]
    ways = ways[ways["walkable"].fillna(True).astype(bool)]
    spaces = plan["public_lines"]
    spaces = spaces[spaces["walkable"].fillna(True).astype(bool)]
    lines = np.concatenate([ways.geometry.to_numpy(),
                            spaces.geometry.to_numpy()])
    over = np.concatenate([ways["kind"].isin(("bridge", "tunnel")).to_numpy(),
                           (spaces["kind"] == "bridge").to_numpy()])
    names = np.concatenate([ways["name"].to_numpy(dtype=object),
                            spaces["name"].to_numpy(dtype=object)])
    ok = ~(shapely.is_missing(lines) | shapely.is_empty(lines))
    return lines[ok], over[ok], names[ok]


