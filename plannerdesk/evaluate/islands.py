"""Walkway islands: small parts of the walkway network cut off from the rest.

Real data is full of them: a courtyard path, a footway cut by the edge of
an extract, a service road drawn a metre short of the street. A place
whose nearest walkway is on one walks nowhere, and silently scores as
badly served. An island is a connected part of the network other than the
main one (the longest) with fewer than ``island_max_nodes`` nodes or
shorter than ``island_max_length_m``; each is reported with the places on
it and where the nearest point of the main network is, so the planner can
draw the missing link.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from scipy.sparse.csgraph import connected_components

from ..model.language import tr
from ..model.problems import Problem
from ..network import Network

PLACE_KINDS = ("buildings", "facilities", "lots", "spaces")
COLUMNS = ["island", "nodes", "length_m", "lines", *PLACE_KINDS, "gap_m",
           "near", "geometry"]


@dataclass(frozen=True)
class Islands:
    """One row per island (``parts``: its number from 1, size, walkways,
    places, the gap to the main network and a place to look, with its
    lines as geometry; ``gap_lines`` run from the island to the main
    network), and for each place kind the row of ``parts`` of the island
    each place is on (-1: none)."""

    parts: gpd.GeoDataFrame
    gap_lines: gpd.GeoDataFrame
    place_island: dict[str, np.ndarray]


def find_islands(net: Network, *, line_names: np.ndarray,
                 places: dict[str, tuple[np.ndarray, np.ndarray]],
                 max_nodes: float, max_length: float, crs: CRS) -> Islands:
    """The islands of ``net``. ``line_names`` name its source lines;
    ``places`` maps each of :data:`PLACE_KINDS` to (node ids, names)."""
    n_parts, street = connected_components(
        net.graph[: net.n_street, : net.n_street], directed=False)
    edge_part = street[net.edges[:, 0]] if len(net.edges) else \
        np.zeros(0, int)
    length = np.bincount(edge_part, net.edge_length, minlength=n_parts)
    nodes = np.bincount(street, minlength=n_parts)
    main = int(np.argmax(length)) if len(length) else -1
    small = (nodes > 0) & ((nodes < max_nodes) | (length < max_length))
    if main >= 0:
        small[main] = False
    ids = np.flatnonzero(small)
    number = np.full(n_parts + 1, -1)  # the last: no part at all
    number[ids] = np.arange(len(ids))
    part_of = _place_parts(net, street)
    place_island = {kind: number[part_of[node - net.n_street]]
                    for kind, (node, _) in places.items()}
    gap, foot, start = _gaps(net, street, edge_part, main, ids)
    edges = _edges_by_island(edge_part, number)
    lines = [shapely.multilinestrings(shapely.linestrings(
        net.xy[net.edges[e]])) if len(e) else None for e in edges]
    rows = {
        "island": np.arange(1, len(ids) + 1), "nodes": nodes[ids],
        "length_m": length[ids],
        "lines": [_names(line_names, net.edge_line[e]) for e in edges],
        **{kind: np.bincount(place_island[kind][place_island[kind] >= 0],
                             minlength=len(ids)) for kind in PLACE_KINDS},
        "gap_m": gap,
        "near": [_near(i, place_island, places, start[i]) for i in
                 range(len(ids))],
    }
    parts = gpd.GeoDataFrame(rows, geometry=lines, crs=crs,
                             columns=COLUMNS[:-1])
    has_gap = np.isfinite(gap)
    gap_lines = gpd.GeoDataFrame(
        {"island": np.arange(1, len(ids) + 1)[has_gap],
         "gap_m": gap[has_gap]},
        geometry=shapely.linestrings(np.stack(
            [start[has_gap], foot[has_gap]], axis=1)) if has_gap.any()
        else [], crs=crs)
    return Islands(parts, gap_lines, place_island)


def _place_parts(net: Network, street: np.ndarray) -> np.ndarray:
    """For each place, the part of the network its nearest connector
    leads to (-1: no network); a place joins no parts itself."""
    part = np.full(len(net.place_node), -1)
    if not len(net.attach_place):
        return part
    order = np.lexsort((net.attach_m, net.attach_place))
    place = net.attach_place[order]
    first = np.r_[True, place[1:] != place[:-1]]
    part[place[first] - net.n_street] = street[net.attach_street[order][first]]
    return part


def _gaps(net: Network, street: np.ndarray, edge_part: np.ndarray,
          main: int, ids: np.ndarray):
    """Per island: the shortest straight gap to the main network, the
    point of the main network at its end, and the island node it starts
    from."""
    gap = np.full(len(ids), np.inf)
    foot = np.full((len(ids), 2), np.nan)
    start = np.full((len(ids), 2), np.nan)
    main_edges = net.edges[edge_part == main] if main >= 0 else []
    if not len(ids) or not len(main_edges):
        return gap, foot, start
    segments = shapely.linestrings(net.xy[main_edges])
    island_nodes = np.flatnonzero(np.isin(street, ids))
    points = shapely.points(net.xy[island_nodes])
    (p, s), dist = shapely.STRtree(segments).query_nearest(
        points, return_distance=True, all_matches=False)
    part = np.searchsorted(ids, street[island_nodes[p]])
    order = np.lexsort((dist, part))
    first = order[np.r_[True, part[order][1:] != part[order][:-1]]]
    gap[part[first]] = dist[first]
    nearest = shapely.line_interpolate_point(
        segments[s[first]], shapely.line_locate_point(segments[s[first]],
                                                      points[p[first]]))
    foot[part[first]] = shapely.get_coordinates(nearest)
    start[part[first]] = net.xy[island_nodes[p[first]]]
    return gap, foot, start


def _edges_by_island(edge_part: np.ndarray,
                     number: np.ndarray) -> list[np.ndarray]:
    """The street edges of each island, in one sort."""
    island = number[edge_part]
    order = np.argsort(island, kind="stable")
    count = int(number.max()) + 1
    bounds = np.searchsorted(island[order], np.arange(count + 1))
    return [order[bounds[k]:bounds[k + 1]] for k in range(count)]


def _names(line_names: np.ndarray, lines: np.ndarray) -> str:
    names = pd.unique(pd.Series(line_names[np.unique(lines)]).dropna())
    return ", ".join(str(n) for n in names if str(n).strip())


def _near(island: int, place_island: dict[str, np.ndarray],
          places: dict[str, tuple[np.ndarray, np.ndarray]],
          start: np.ndarray) -> str:
    """Where to look: a named place on the island, else the coordinates of
    the island's end nearest the main network."""
    for kind in PLACE_KINDS:
        names = places[kind][1][place_island[kind] == island]
        named = [str(n) for n in names if isinstance(n, str) and n.strip()]
        if named:
            return named[0]
    if np.isfinite(start).all():
        return f"({start[0]:.0f}, {start[1]:.0f})"
    return ""


def island_problems(islands: Islands, source: str = "") -> list[Problem]:
    """For ``validate``: what the islands hold, then each island with where
    to look for its missing link (a warning where it holds places)."""
    parts = islands.parts
    if parts.empty:
        return []
    total = parts[list(PLACE_KINDS)].sum()
    placed = total.sum() > 0
    text = tr("{n} walkway island(s), parts of the network cut off from the "
              "rest, hold {held}: their walks end at the island's edge, so "
              "they score as badly served") if placed else \
        tr("{n} walkway island(s), parts of the network cut off from the "
           "rest, hold no places")
    problems = [Problem(
        "warning" if placed else "info",
        text.format(n=len(parts), held=held(total)),
        tr("join each to the rest with a walkway where the next lines say"),
        source, "walkways")]
    for _, row in parts.iterrows():
        holds = held(row)
        text = tr("island {island} ({lines}, {length:,.0f} m of walkway) "
                  "holds {held}; the main network is {gap} away, near "
                  "{near}") if holds else \
            tr("island {island} ({lines}, {length:,.0f} m of walkway) holds "
               "no places; the main network is {gap} away, near {near}")
        problems.append(Problem(
            "warning" if holds else "info",
            text.format(island=row["island"],
                        lines=row["lines"] or tr("unnamed"),
                        length=row["length_m"], held=holds,
                        gap=metres(row["gap_m"]), near=row["near"]),
            tr("draw the missing link, or mark the walkway not walkable"),
            source, "walkways"))
    return problems


def metres(distance: float) -> str:
    """'1.3 m' below 10 m, else '31 m'."""
    return tr("{distance:.1f} m").format(distance=distance) \
        if distance < 10 else tr("{distance:,.0f} m").format(
            distance=distance)


def held(counts) -> str:
    """'2 building(s) and 1 facilities' from counts by :data:`PLACE_KINDS`
    (a row or a Series), naming only the kinds there are ('' for none)."""
    words = (tr("{n} building(s)"), tr("{n} facilities"),
             tr("{n} parking lots"), tr("{n} public spaces"))
    parts = [word.format(n=int(counts[kind])) for kind, word in
             zip(PLACE_KINDS, words, strict=True) if int(counts[kind])]
    if len(parts) < 2:
        return "".join(parts)
    return tr("{listed} and {last}").format(listed=tr(", ").join(parts[:-1]),
                                            last=parts[-1])
