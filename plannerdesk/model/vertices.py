"""Editing the vertices of points, lines and polygons (and their multi-parts).

A geometry is seen as a list of rings (a line counts as an open ring), each
a list of vertices without a polygon's repeated closing vertex; vertex
``k`` counts through all rings in order.
"""

from __future__ import annotations

import numpy as np
import shapely

from .language import N_, tr

MIN_VERTICES = {"point": 1, "line": 2, "ring": 3}
TOO_FEW = {"point": N_("a point needs at least {count} vertices"),
           "line": N_("a line needs at least {count} vertices"),
           "ring": N_("a polygon needs at least {count} vertices")}
"""Why a vertex cannot be deleted, per kind of ring (translated where
raised)."""


def _rings(geom) -> list[tuple[int, str, np.ndarray]]:
    """(part, kind, coordinates) for every ring of every part."""
    out = []
    for p, part in enumerate(shapely.get_parts(geom)):
        kind = part.geom_type
        if kind == "Point":
            out.append((p, "point", np.array(part.coords)))
        elif kind == "LineString":
            out.append((p, "line", np.array(part.coords)))
        else:
            for ring in (part.exterior, *part.interiors):
                out.append((p, "ring", np.array(ring.coords)[:-1]))
    return out


def _rebuild(geom, rings) -> shapely.Geometry:
    parts: dict[int, list] = {}
    for p, kind, coords in rings:
        parts.setdefault(p, []).append((kind, coords))
    built = []
    for pieces in parts.values():
        kind, coords = pieces[0]
        if kind == "point":
            built.append(shapely.Point(coords[0]))
        elif kind == "line":
            built.append(shapely.LineString(coords))
        else:
            built.append(shapely.Polygon(coords, [c for _, c in pieces[1:]]))
    if geom.geom_type.startswith("Multi"):
        return type(geom)(built)
    return built[0]


def vertex_xy(geom) -> np.ndarray:
    """Every editable vertex, in the order ``k`` counts them."""
    rings = _rings(geom)
    return np.vstack([c for _, _, c in rings]) if rings else np.zeros((0, 2))


def _locate(rings, k: int) -> tuple[int, int]:
    for r, (_, _, coords) in enumerate(rings):
        if k < len(coords):
            return r, k
        k -= len(coords)
    raise IndexError("no such vertex")


def move_vertex(geom, k: int, x: float, y: float):
    rings = _rings(geom)
    r, i = _locate(rings, k)
    rings[r][2][i] = (x, y)
    return _rebuild(geom, rings)


def delete_vertex(geom, k: int):
    """The geometry without vertex ``k``; ValueError when too few remain."""
    rings = _rings(geom)
    r, i = _locate(rings, k)
    part, kind, coords = rings[r]
    if len(coords) - 1 < MIN_VERTICES[kind]:
        raise ValueError(tr(TOO_FEW[kind]).format(count=MIN_VERTICES[kind]))
    rings[r] = (part, kind, np.delete(coords, i, axis=0))
    return _rebuild(geom, rings)


def insert_vertex(geom, x: float, y: float):
    """The geometry with a new vertex on the segment nearest (x, y)."""
    rings = _rings(geom)
    best = None
    for r, (_, kind, coords) in enumerate(rings):
        if kind == "point":
            continue
        closed = np.vstack([coords, coords[:1]]) if kind == "ring" else coords
        segs = shapely.linestrings(np.stack([closed[:-1], closed[1:]], 1))
        dist = shapely.distance(segs, shapely.Point(x, y))
        i = int(np.argmin(dist))
        if best is None or dist[i] < best[0]:
            foot = shapely.line_interpolate_point(
                segs[i], shapely.line_locate_point(segs[i], shapely.Point(x, y)))
            best = (dist[i], r, i + 1, (foot.x, foot.y))
    if best is None:
        return geom
    _, r, at, xy = best
    part, kind, coords = rings[r]
    rings[r] = (part, kind, np.insert(coords, at, xy, axis=0))
    return _rebuild(geom, rings)
