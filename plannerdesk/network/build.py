"""Building the pedestrian graph from lines, and attaching places to it.

The joining rule (also in the README):

* Lines are cut into straight segments. Two segments join where they cross
  or touch, and a line's end joins a segment that passes within
  ``tolerance`` metres of it (a short link of that length is added).
* A segment of a bridge or tunnel joins others only at the ends of its
  line: it passes over or under whatever it crosses.
* A place (a building, facility, lot, space or sample point) gets a node of
  its own, linked by a straight connector to the nearest point of the
  nearest segment that is not a bridge or tunnel, and to every other such
  segment no more than ``tie`` (1 cm) farther: a place as far from two
  streets joins both, so no result depends on which one the code met
  first. Connector lengths count; no walk passes through a place.

Everything is vectorised with shapely 2 and numpy; the graph is a
``scipy.sparse.csr_matrix`` of lengths in metres, symmetric but for the
places' connectors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
import shapely

from ..model.problems import PlannerError

_KEY_DECIMALS = 3  # coordinates equal to the millimetre are one node
NEAR_M = 50.0
"""Places search this far for their street by a range query first."""
ALL_PAIRS_UP_TO = 150
"""Nodes of one walkable area joined pairwise (beyond: by triangulation,
so a large pedestrian zone does not grow links by the square)."""


@dataclass(frozen=True)
class Network:
    """A pedestrian graph in map units.

    ``xy`` holds node coordinates; the first ``n_street`` nodes belong to the
    line network (the reflex corners of walkable areas last), the rest are
    place nodes (``place_node[i]`` for place ``i``). ``edge_line`` gives the index of the source line of each street
    edge (``edges`` rows); ``across`` holds the links laid across walkable
    areas.

    A place's connectors lead out of it only (``attach_place`` to
    ``attach_street``, ``attach_m`` long, sorted by place): a walk starts
    or ends at a place but never passes through one, not even one joined
    to two streets. The walk to a place is read from its street nodes (see
    :mod:`plannerdesk.network.paths`).
    """

    xy: np.ndarray
    graph: sp.csr_matrix
    n_street: int
    edges: np.ndarray
    edge_length: np.ndarray
    edge_line: np.ndarray
    place_node: np.ndarray
    attach_place: np.ndarray
    attach_street: np.ndarray
    attach_m: np.ndarray
    across: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), int))

    @property
    def n_nodes(self) -> int:
        return len(self.xy)


@dataclass(frozen=True)
class Streets:
    """The walkable lines cut into straight segments, with every split
    point that does not depend on the places: crossings, line ends joined
    to a segment nearby, and the extra nodes. Places attach to these
    segments (:func:`attach`); :func:`assemble` then makes the graph."""

    seg_a: np.ndarray
    seg_b: np.ndarray
    seg_line: np.ndarray
    segs: np.ndarray
    over: np.ndarray
    split_seg: np.ndarray   # crossings and line ends' feet
    split_xy: np.ndarray
    extra_seg: np.ndarray   # the extra nodes
    extra_xy: np.ndarray
    link_end: np.ndarray
    link_foot: np.ndarray
    tolerance: float


@dataclass(frozen=True)
class Attachments:
    """Places' connectors: the place (its position among the places
    given), the segment, the foot point on it and the gap."""

    place: np.ndarray
    seg: np.ndarray
    xy: np.ndarray
    gap: np.ndarray

    @staticmethod
    def joined(parts: list[Attachments], sizes: list[int]) -> Attachments:
        """The connectors of groups of places (``sizes`` places each),
        numbered one group after another."""
        first = np.cumsum([0, *sizes[:-1]])
        return Attachments(
            np.concatenate([p.place + at for p, at in zip(parts, first,
                                                          strict=True)]),
            *(np.concatenate([getattr(p, f) for p in parts])
              for f in ("seg", "xy", "gap")))


def build_network(lines: np.ndarray, passes_over: np.ndarray,
                  places: np.ndarray, *, tolerance: float = 1.0,
                  tie: float = 0.01,
                  extra_nodes: np.ndarray | None = None,
                  across: np.ndarray | None = None) -> Network:
    """The graph of ``lines`` (shapely lines) with ``places`` (points) attached.

    ``passes_over`` flags bridges and tunnels. Places with no segment to
    attach to (no network at all) get a node with no links. The lines are
    also cut at ``extra_nodes`` (points on them, e.g. where they enter an
    area), so those points become nodes. In each polygon of ``across`` (a
    paved square people cross as they like), the nodes on or in it (but
    those of a bridge or tunnel passing over or under it) are joined by
    straight links that stay inside it (see :func:`_across`).

    The steps are :func:`streets`, :func:`attach` and :func:`assemble`;
    an evaluation after an edit repeats only those whose inputs changed.
    """
    base = streets(lines, passes_over, tolerance=tolerance,
                   extra_nodes=extra_nodes)
    return assemble(base, attach(base, places, tie), places, across)


def streets(lines: np.ndarray, passes_over: np.ndarray, *,
            tolerance: float = 1.0,
            extra_nodes: np.ndarray | None = None) -> Streets:
    """The segments of ``lines`` and their place-independent split points."""
    seg_a, seg_b, seg_line = _segments(lines)
    over = passes_over[seg_line]
    segs = shapely.linestrings(np.stack([seg_a, seg_b], axis=1)) \
        if len(seg_a) else np.empty(0, object)
    cross_seg, cross_xy = _crossings(segs, over)
    link_seg, link_end, link_foot = _end_links(lines, segs, over, seg_line,
                                               tolerance)
    extra_seg, extra_xy = _on_segments(extra_nodes, segs, tolerance)
    return Streets(
        seg_a=seg_a, seg_b=seg_b, seg_line=seg_line, segs=segs, over=over,
        split_seg=np.concatenate([cross_seg, link_seg]),
        split_xy=np.concatenate([cross_xy, link_foot]),
        extra_seg=extra_seg, extra_xy=extra_xy,
        link_end=link_end, link_foot=link_foot, tolerance=tolerance)


def attach(base: Streets, places: np.ndarray, tie: float) -> Attachments:
    """Each place's connectors to its nearest segments (see
    :func:`_attachments`); a place's connectors do not depend on the
    other places."""
    return Attachments(*_attachments(places, base.segs, base.over, tie))


def assemble(base: Streets, attached: Attachments, places: np.ndarray,
             across: np.ndarray | None = None) -> Network:
    """The network of ``base`` with ``places`` joined by ``attached``."""
    seg_a, seg_b, segs = base.seg_a, base.seg_b, base.segs
    street_xy, edges, lengths, edge_seg = _cut_segments(
        np.concatenate([base.split_seg, attached.seg, base.extra_seg,
                        np.arange(len(segs)), np.arange(len(segs))]),
        np.concatenate([base.split_xy, attached.xy, base.extra_xy, seg_a,
                        seg_b]),
        seg_a, seg_b)
    link_end, link_foot = base.link_end, base.link_foot
    link_u, link_v = _node_of(street_xy, link_end), _node_of(street_xy,
                                                             link_foot)
    n_street = len(street_xy)
    ground = ~_only_over(edges, base.over[edge_seg], n_street)
    over_u, over_v, corners = _across(street_xy, across, base.tolerance,
                                      ground, np.r_[edges[:, 0], link_u],
                                      np.r_[edges[:, 1], link_v])
    line_xy = street_xy     # sorted, as _node_of reads it
    street_xy = np.vstack([street_xy, corners])
    n_street = len(street_xy)
    place_node = n_street + np.arange(len(places))
    u = np.concatenate([edges[:, 0], link_u, over_u])
    v = np.concatenate([edges[:, 1], link_v, over_v])
    w = np.concatenate([lengths, np.hypot(*(link_end - link_foot).T),
                        np.hypot(*(street_xy[over_u] - street_xy[over_v]).T)])
    order = np.argsort(attached.place, kind="stable")
    attach_nodes = (place_node[attached.place[order]],
                    _node_of(line_xy, attached.xy)[order],
                    attached.gap[order])
    place_xy = shapely.get_coordinates(places).reshape(-1, 2)
    return Network(
        xy=np.vstack([street_xy, place_xy]),
        graph=_graph(u, v, w, attach_nodes, n_street + len(places)),
        n_street=n_street, edges=edges, edge_length=lengths,
        edge_line=base.seg_line[edge_seg], place_node=place_node,
        attach_place=attach_nodes[0], attach_street=attach_nodes[1],
        attach_m=attach_nodes[2], across=np.stack([over_u, over_v], axis=1))


def _segments(lines: np.ndarray):
    """Start and end coordinates of every straight segment, and its line."""
    parts, part_line = shapely.get_parts(lines, return_index=True)
    coords, coord_part = shapely.get_coordinates(parts, return_index=True)
    same = coord_part[1:] == coord_part[:-1]
    seg_a, seg_b = coords[:-1][same], coords[1:][same]
    keep = np.any(seg_a != seg_b, axis=1)
    return seg_a[keep], seg_b[keep], part_line[coord_part[:-1][same]][keep]


def _crossings(segs, over):
    """Points where two segments cross or touch (bridges and tunnels skip)."""
    if not len(segs):
        return np.zeros(0, int), np.zeros((0, 2))
    i, j = shapely.STRtree(segs).query(segs, predicate="intersects")
    keep = (i < j) & ~over[i] & ~over[j]
    i, j = i[keep], j[keep]
    meet = shapely.intersection(segs[i], segs[j])
    pts, owner = shapely.get_coordinates(meet, return_index=True)
    return (np.concatenate([i[owner], j[owner]]),
            np.concatenate([pts, pts]))


def _end_links(lines, segs, over, seg_line, tolerance):
    """Line ends within ``tolerance`` of another line's segment.

    Returns the segment, the end and the foot point on the segment. A
    bridge or tunnel is joined this way only near its own ends.
    """
    empty = (np.zeros(0, int), np.zeros((0, 2)), np.zeros((0, 2)))
    ends = np.concatenate([shapely.get_point(lines, 0),
                           shapely.get_point(lines, -1)])
    end_line = np.tile(np.arange(len(lines)), 2)
    ok = ~shapely.is_missing(ends)
    ends, end_line = ends[ok], end_line[ok]
    if not len(segs) or not len(ends):
        return empty
    p, s = shapely.STRtree(segs).query(ends, predicate="dwithin",
                                       distance=tolerance)
    keep = seg_line[s] != end_line[p]
    line_ends = np.stack([shapely.get_point(lines[seg_line[s]], 0),
                          shapely.get_point(lines[seg_line[s]], -1)])
    near_own_end = shapely.distance(line_ends, ends[p]).min(axis=0) \
        <= tolerance
    keep &= ~over[s] | near_own_end
    p, s = p[keep], s[keep]
    foot = shapely.line_interpolate_point(
        segs[s], shapely.line_locate_point(segs[s], ends[p]))
    return (s, shapely.get_coordinates(ends[p]).reshape(-1, 2),
            shapely.get_coordinates(foot).reshape(-1, 2))


def _on_segments(points, segs, tolerance):
    """Segments passing within ``tolerance`` of each point, and the foot."""
    if points is None or not len(points) or not len(segs):
        return np.zeros(0, int), np.zeros((0, 2))
    p, s = shapely.STRtree(segs).query(points, predicate="dwithin",
                                       distance=tolerance)
    foot = shapely.line_interpolate_point(
        segs[s], shapely.line_locate_point(segs[s], points[p]))
    return s, shapely.get_coordinates(foot).reshape(-1, 2)


def _attachments(places, segs, over, tie):
    """Each place's nearest non-bridge segments (all within ``tie`` of the
    nearest): the place, the segment, the foot point and the gap.

    Candidates come from one range query within :data:`NEAR_M` (and the
    tie); only the places with no street that near need the slower
    nearest-neighbour search. Places without a usable point get none."""
    usable = np.flatnonzero(~over) if len(segs) else np.zeros(0, int)
    empty = (np.zeros(0, int), np.zeros(0, int), np.zeros((0, 2)),
             np.zeros(0))
    if not len(places) or not len(usable):
        return empty
    ok = ~(shapely.is_missing(places) | shapely.is_empty(places))
    ok[ok] = np.isfinite(shapely.get_coordinates(places[ok])).all(axis=1)
    placed = np.flatnonzero(ok)
    tree = shapely.STRtree(segs[usable])
    p, s = tree.query(places[placed], predicate="dwithin",
                      distance=NEAR_M + tie)
    p = placed[p]
    gap = shapely.distance(places[p], segs[usable[s]])
    nearest = np.full(len(places), np.inf)
    np.minimum.at(nearest, p, gap)
    near = nearest <= NEAR_M  # every tie of these was within the query
    p, s, gap = p[near[p]], s[near[p]], gap[near[p]]
    far = placed[~near[placed]]
    if len(far):
        (q, _), dist = tree.query_nearest(places[far], return_distance=True,
                                          all_matches=False)
        found = far[q]
        q, t = tree.query(places[found], predicate="dwithin",
                          distance=dist + tie)
        more = shapely.distance(places[found[q]], segs[usable[t]])
        np.minimum.at(nearest, found[q], more)
        p, s, gap = np.r_[p, found[q]], np.r_[s, t], np.r_[gap, more]
    keep = gap <= nearest[p] + tie
    p, s, gap = p[keep], usable[s[keep]], gap[keep]
    foot = shapely.line_interpolate_point(
        segs[s], shapely.line_locate_point(segs[s], places[p]))
    return p, s, shapely.get_coordinates(foot).reshape(-1, 2), gap


def _only_over(edges: np.ndarray, over: np.ndarray, n: int) -> np.ndarray:
    """Street nodes that only bridges or tunnels reach (their inner
    nodes), which no walk can leave but along them."""
    on_over = np.bincount(edges[over].ravel(), minlength=n) > 0
    on_ground = np.bincount(edges[~over].ravel(), minlength=n) > 0
    return on_over & ~on_ground


def _across(street_xy: np.ndarray, areas: np.ndarray | None,
            tolerance: float, ground: np.ndarray, u: np.ndarray,
            v: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Links across each area between its ``ground`` street nodes (on or in
    it) and its reflex corners (where its outline turns into it: a
    shortest walk across a shape bends only there), that stay within it
    (give or take ``tolerance``) and join nodes the edges (u, v) do not
    already join: every two nodes, or past :data:`ALL_PAIRS_UP_TO` nodes
    the edges of their Delaunay triangulation (a walk across then bends a
    little, a few per cent longer than straight). Returns the links and
    the corners they use, numbered after the street nodes."""
    none = (np.zeros(0, int), np.zeros(0, int), np.zeros((0, 2)))
    usable = np.flatnonzero(ground)
    if areas is None or not len(areas) or not len(usable):
        return none
    area, at = shapely.STRtree(shapely.points(street_xy[usable])).query(
        areas, predicate="dwithin", distance=tolerance)
    order = np.lexsort((at, area))
    area, node = area[order], usable[at[order]]
    starts = np.flatnonzero(np.r_[True, area[1:] != area[:-1]])
    n = len(street_xy)
    corner_xy, groups = [], []
    for start, group in zip(starts, np.split(node, starts[1:]), strict=True):
        if len(group) < 2:
            continue
        corners = _reflex_corners(areas[area[start]])
        if len(corners):
            near = shapely.STRtree(shapely.points(street_xy[group])).query(
                shapely.points(corners), predicate="dwithin",
                distance=tolerance)[0]
            corners = np.delete(corners, near, axis=0)
        first = n + sum(len(c) for c in corner_xy)
        corner_xy.append(corners)
        groups.append((area[start], np.r_[group, first + np.arange(
            len(corners))]))
    if not groups:
        return none
    corner_xy = np.vstack(corner_xy)
    xy = np.vstack([street_xy, corner_xy])
    owner, i, j = np.concatenate([_pairs(xy, nodes, k)
                                  for k, nodes in groups], axis=1)
    links = shapely.linestrings(np.stack([xy[i], xy[j]], axis=1))
    grown = shapely.buffer(areas, tolerance)
    shapely.prepare(grown)
    keep = shapely.covered_by(links, grown[owner])
    known = np.minimum(u, v) * len(xy) + np.maximum(u, v)
    keep &= ~np.isin(np.minimum(i, j) * len(xy) + np.maximum(i, j), known)
    i, j = i[keep], j[keep]
    used = np.unique(np.r_[i, j])
    used = used[used >= n]          # corners no link reaches are left out
    renumber = np.arange(len(xy))
    renumber[used] = n + np.arange(len(used))
    return renumber[i], renumber[j], xy[used]


def _reflex_corners(area: shapely.Geometry) -> np.ndarray:
    """The vertices of ``area``'s outline and holes where it turns into
    the area (its exterior run anticlockwise, its holes clockwise: a turn
    to the right)."""
    out = []
    for polygon in shapely.get_parts(shapely.orient_polygons(area)):
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)[:-1]
            if len(xy) < 3:
                continue
            into = xy - np.roll(xy, 1, axis=0)
            out_of = np.roll(xy, -1, axis=0) - xy
            turn = into[:, 0] * out_of[:, 1] - into[:, 1] * out_of[:, 0]
            out.append(xy[turn < -1e-9])
    return np.vstack(out) if out else np.zeros((0, 2))


def _pairs(xy: np.ndarray, nodes: np.ndarray, area: int) -> np.ndarray:
    """(area, node, node) rows of the pairs of ``nodes`` to link."""
    if len(nodes) <= ALL_PAIRS_UP_TO:
        i, j = np.triu_indices(len(nodes), 1)
        return np.stack([np.full(len(i), area), nodes[i], nodes[j]])
    edges = shapely.delaunay_triangles(shapely.multipoints(xy[nodes]),
                                       only_edges=True)
    ends = shapely.get_coordinates(edges).reshape(-1, 2, 2)
    order = np.lexsort((xy[nodes][:, 1], xy[nodes][:, 0]))
    ids = nodes[order][_node_of(xy[nodes][order], ends.reshape(-1, 2))]
    ids = ids.reshape(-1, 2)
    return np.stack([np.full(len(ids), area), ids[:, 0], ids[:, 1]])


def _cut_segments(split_seg, split_xy, seg_a, seg_b):
    """Cut each segment at its split points.

    Returns the street node coordinates (sorted, one per millimetre
    position), the edges between them, their lengths and source segments.
    """
    ok = split_seg >= 0
    split_seg, split_xy = split_seg[ok], split_xy[ok]
    direction = seg_b - seg_a
    along = np.einsum("ij,ij->i", split_xy - seg_a[split_seg],
                      direction[split_seg])
    order = np.lexsort((along, split_seg))
    split_seg, split_xy = split_seg[order], split_xy[order]
    rounded = np.round(split_xy, _KEY_DECIMALS)
    key = _keys(rounded, rounded.min(axis=0) if len(rounded) else 0.0)
    by_key = np.argsort(key, kind="stable")
    first = np.r_[True, key[by_key][1:] != key[by_key][:-1]] \
        if len(key) else np.zeros(0, bool)
    street_xy = rounded[by_key][first]
    node = np.empty(len(key), np.int64)
    node[by_key] = np.cumsum(first) - 1
    same = split_seg[1:] == split_seg[:-1]
    u, v = node[:-1][same], node[1:][same]
    length = np.hypot(*(split_xy[1:][same] - split_xy[:-1][same]).T)
    keep = u != v
    return (street_xy, np.stack([u[keep], v[keep]], axis=1), length[keep],
            split_seg[:-1][same][keep])


def _node_of(street_xy: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Positions in ``street_xy`` (rounded, sorted by x then y) of
    coordinates that were split points."""
    if not len(street_xy):
        return np.zeros(len(xy), np.int64)
    origin = street_xy.min(axis=0)
    return np.searchsorted(_keys(street_xy, origin),
                           _keys(np.round(xy, _KEY_DECIMALS), origin))


def _keys(rounded: np.ndarray, origin) -> np.ndarray:
    """One integer per coordinate pair rounded to the millimetre (millimetres
    from ``origin``), ordered as the pairs are: by x, then y."""
    mm = np.rint((rounded - origin) * 10 ** _KEY_DECIMALS).astype(np.int64)
    if len(mm) and (mm[:, 0].max() >= 2 ** 32 or mm[:, 1].max() >= 2 ** 31):
        raise PlannerError("the walkways span more than 2,000 km: a plan "
                           "holds one site. Fix: import or draw only the "
                           "walkways of the site")
    return (mm[:, 0] << 31) + mm[:, 1]


def _graph(u, v, w, attach, n) -> sp.csr_matrix:
    """The street edges (u, v, w) both ways and each place's connectors
    out of it only, keeping the shortest of parallel edges, no loops."""
    rows = np.concatenate([u, v, attach[0]])
    cols = np.concatenate([v, u, attach[1]])
    data = np.concatenate([w, w, attach[2]])
    keep = rows != cols
    rows, cols, data = rows[keep], cols[keep], data[keep]
    pair = rows.astype(np.int64) * n + cols
    order = np.lexsort((data, pair))
    rows, cols, data, pair = rows[order], cols[order], data[order], \
        pair[order]
    first = np.ones(len(rows), bool)
    first[1:] = pair[1:] != pair[:-1]
    return sp.csr_matrix((data[first], (rows[first], cols[first])),
                         shape=(n, n))
