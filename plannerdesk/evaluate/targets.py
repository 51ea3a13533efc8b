"""Targets as node sets: what a walk can end at.

A target is a facility category, a public-space kind, or a space group
(``public_points``, ``public_lines``, ``public_areas``). Features that are
not open to the public (``open`` false) are kept apart: they serve no
public coverage or walk score, but still host exchange.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from ..network import Network


@dataclass(frozen=True)
class Targets:
    """Per target name: the node ids and the geometries of its features."""

    nodes: dict[str, np.ndarray]
    geoms: dict[str, np.ndarray]


@dataclass(frozen=True)
class Places:
    """Every facility and public space as a feature: ``frame`` (layer,
    fid, name, kind, open, geometry; facilities, public points, then
    linear and area spaces) and the network nodes each is reached at
    (``row`` of ``frame``, ``node``; pairs sorted by row)."""

    frame: pd.DataFrame
    row: np.ndarray
    node: np.ndarray


def entries(lines: np.ndarray, spaces: np.ndarray) -> np.ndarray:
    """Points where walkable lines meet the outline of a linear or area
    space, so that the space is reached exactly where the network meets it."""
    if not len(lines) or not len(spaces):
        return np.empty(0, object)
    outline = shapely.boundary(spaces)
    i, j = shapely.STRtree(lines).query(outline, predicate="intersects")
    meet = shapely.intersection(lines[j], outline[i])
    return shapely.points(shapely.get_coordinates(meet))


def index_targets(net: Network, facilities, fac_node, points, point_node,
                  spaces, space_node, tolerance: float
                  ) -> tuple[Targets, Targets, Places]:
    """The targets open to the public, those that are not, and every
    facility and space with its nodes."""
    owner, on = _nodes_on(net, spaces.geometry.to_numpy(), tolerance)
    lonely = np.setdiff1d(np.arange(len(spaces)), owner)
    owner = np.concatenate([owner, lonely])
    on = np.concatenate([on, space_node[lonely]])
    places = _places(facilities, fac_node, points, point_node, spaces,
                     owner, on)
    group = np.full(len(points), "public_points", dtype=object)
    names = (facilities["category"].to_numpy(dtype=object),
             points["kind"].to_numpy(dtype=object), group,
             spaces["kind"].to_numpy(dtype=object),
             spaces["group"].to_numpy(dtype=object))
    opens = (_open(facilities), _open(points), _open(points), _open(spaces),
             _open(spaces))
    nodes = pd.DataFrame({
        "name": np.concatenate([*names[:3], names[3][owner],
                                names[4][owner]]),
        "open": np.concatenate([*opens[:3], opens[3][owner],
                                opens[4][owner]]),
        "node": np.concatenate([fac_node, point_node, point_node, on, on]),
    }).drop_duplicates()
    shapes = pd.DataFrame({
        "name": np.concatenate(names), "open": np.concatenate(opens),
        "geometry": np.concatenate([
            facilities.geometry.to_numpy(), points.geometry.to_numpy(),
            points.geometry.to_numpy(), spaces.geometry.to_numpy(),
            spaces.geometry.to_numpy()]),
    })
    return (*(Targets(
        {k: g.to_numpy(dtype=int) for k, g in
         nodes[nodes["open"] == is_open].groupby("name")["node"]},
        {k: g.to_numpy() for k, g in
         shapes[shapes["open"] == is_open].groupby("name")["geometry"]})
        for is_open in (True, False)), places)


def _places(facilities, fac_node, points, point_node, spaces, owner,
            on) -> Places:
    frame = pd.concat([
        pd.DataFrame({"layer": "facilities", "fid": facilities.index,
                      "name": facilities["name"].to_numpy(dtype=object),
                      "kind": facilities["category"].to_numpy(dtype=object),
                      "open": _open(facilities),
                      "geometry": facilities.geometry.to_numpy()}),
        pd.DataFrame({"layer": "public_points", "fid": points.index,
                      "name": points["name"].to_numpy(dtype=object),
                      "kind": points["kind"].to_numpy(dtype=object),
                      "open": _open(points),
                      "geometry": points.geometry.to_numpy()}),
        pd.DataFrame({"layer": spaces["group"].to_numpy(),
                      "fid": spaces["fid"].to_numpy(),
                      "name": spaces["name"].to_numpy(dtype=object),
                      "kind": spaces["kind"].to_numpy(dtype=object),
                      "open": _open(spaces),
                      "geometry": spaces.geometry.to_numpy()})],
        ignore_index=True)
    first = len(facilities) + len(points)
    row = np.concatenate([np.arange(len(facilities)),
                          len(facilities) + np.arange(len(points)),
                          first + np.asarray(owner, dtype=int)])
    node = np.concatenate([fac_node, point_node, on]).astype(int)
    order = np.lexsort((node, row))
    return Places(frame, row[order], node[order])


def _open(layer) -> np.ndarray:
    """Whether each feature is open to the public (missing: open)."""
    return layer["open"].astype("boolean").fillna(True).to_numpy(bool)


def _nodes_on(net: Network, shapes: np.ndarray, tolerance: float
              ) -> tuple[np.ndarray, np.ndarray]:
    """(shape index, street node) pairs for nodes on or inside each shape:
    a linear space is reached anywhere along it, an area at any network
    point on or inside its boundary."""
    if not len(shapes) or not net.n_street:
        return np.zeros(0, int), np.zeros(0, int)
    street = shapely.points(net.xy[: net.n_street])
    return shapely.STRtree(street).query(shapes, predicate="dwithin",
                                         distance=tolerance)
