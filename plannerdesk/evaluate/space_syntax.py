"""Space syntax: angular integration and choice of the walkway network at
several radii (angular segment analysis, Turner 2001; normalised by
Hillier, Yang & Turner 2012).

Each street segment of the pedestrian network (between junctions and
bends: edges split only by a connector or a crossing line join up) is a
node of the segment graph; two segments meeting at a node are linked, costing the turn from
one to the other (0 straight on, 1 at a right angle, 2 turning back) and
the walk between their middles. From each segment, the segments whose
middles lie within a radius (``walk.syntax_radii_m``, metres along the
network) are reached by the path of least turning:

- **integration** (NAIN): node count^1.2 / (total angular depth + 2);
  higher where the rest is reached with fewer turns;
- **choice** (NACH): log(paths through it + 1) / log(total depth + 3),
  where ``paths through it`` counts the least-turning paths between the
  other segments within the radius that pass it.

Links laid across walkable squares are not segments (squares are crossed,
not walked along). scipy's Dijkstra runs on subgraphs around tiles of
segments, as the walks do (:func:`plannerdesk.network.paths.local_runs`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
import shapely
from scipy.sparse.csgraph import connected_components, dijkstra

from ..model.settings import WalkSettings
from ..network.paths import _chunks, _GridIndex, _subgraph
from .context import Context, zone_of
from .shape import SITE_ROW, ZoneTable

TURN_SPAN = 90.0   # degrees of turn costing 1
STRAIGHT_DEG = 0.5  # edges turning less at a bare node are one segment
TILE = 0.5          # side of the tiles searched together, in radii


@dataclass(frozen=True)
class SyntaxResult(ZoneTable):
    """Per segment and per zone (the site first), for each radius R:
    ``integration_R`` and ``choice_R``, and ``integration`` and ``choice``
    at the largest (zones: their length-weighted means)."""

    segments: pd.DataFrame   # per street segment: zone, length_m, measures
    zones: pd.DataFrame
    geometry: np.ndarray     # each segment's line
    radii: tuple[float, ...]


def space_syntax(ctx: Context, *, walk: WalkSettings) -> SyntaxResult:
    """Angular integration and choice of every street segment."""
    net = ctx.net
    radii = tuple(float(r) for r in walk.syntax_radii_m)
    label, ends, xy = _segments(net)
    m = int(label.max()) + 1 if len(label) else 0
    length = np.bincount(label, net.edge_length, minlength=m)
    by = np.argsort(label, kind="stable")
    lines = shapely.line_merge(shapely.multilinestrings(
        shapely.linestrings(np.stack([xy[ends[by, 0]], xy[ends[by, 1]]],
                                     axis=1)), indices=label[by])) \
        if m else np.empty(0, object)
    middle = shapely.get_coordinates(shapely.line_interpolate_point(
        lines, 0.5, normalized=True)) if m else np.zeros((0, 2))
    turn, metric = _segment_graph(label, ends, xy, length)
    columns = _measures(turn, metric, middle, radii)
    if radii:   # the headline: at the largest radius
        columns["integration"] = columns[f"integration_{max(radii):g}"]
        columns["choice"] = columns[f"choice_{max(radii):g}"]
    segments = pd.DataFrame({"zone": zone_of(shapely.points(middle),
                                             ctx.zones),
                             "length_m": length, **columns})
    return SyntaxResult(segments, _zones(ctx, segments, list(columns)),
                        lines, radii)


def _segments(net) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each street edge's segment: edges meeting straight on (turning
    less than :data:`STRAIGHT_DEG`) at a node of no other street are one
    segment (a connector or a crossing line split them)."""
    ends, xy = net.edges, net.xy
    n = len(ends)
    if not n:
        return np.zeros(0, int), ends, xy
    node = np.r_[ends[:, 0], ends[:, 1]]
    edge = np.r_[np.arange(n), np.arange(n)]
    order = np.argsort(node, kind="stable")
    node, edge = node[order], edge[order]
    first = np.r_[True, node[1:] != node[:-1]]
    start = np.flatnonzero(first)
    count = np.diff(np.r_[start, len(node)])
    pair = start[count == 2]
    a, b = edge[pair], edge[pair + 1]
    at = node[pair]
    out_a = xy[np.where(ends[a, 0] == at, ends[a, 1], ends[a, 0])] - xy[at]
    out_b = xy[np.where(ends[b, 0] == at, ends[b, 1], ends[b, 0])] - xy[at]
    cos = (out_a * out_b).sum(axis=1) / np.maximum(
        np.hypot(*out_a.T) * np.hypot(*out_b.T), 1e-12)
    straight = cos <= -np.cos(np.radians(STRAIGHT_DEG))
    joined = sp.coo_matrix((np.ones(straight.sum()), (a[straight],
                                                      b[straight])),
                           shape=(n, n))
    _, label = connected_components(joined, directed=False)
    return label, ends, xy


def _segment_graph(label: np.ndarray, ends: np.ndarray, xy: np.ndarray,
                   length: np.ndarray) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """The segment graph, costed by turning and by metres (middle to
    middle), both ways: segments meet where their edges meet."""
    m = len(length)
    node = np.concatenate([ends[:, 0], ends[:, 1]])
    other = np.concatenate([ends[:, 1], ends[:, 0]])
    segment = np.concatenate([label, label])
    order = np.argsort(node, kind="stable")
    node, other, segment = node[order], other[order], segment[order]
    a_list, b_list = [], []
    for step in range(1, _most_at_a_node(node) or 1):
        same = np.flatnonzero(node[:-step] == node[step:])
        a_list.append(same)
        b_list.append(same + step)
    a = np.concatenate(a_list) if a_list else np.zeros(0, int)
    b = np.concatenate(b_list) if b_list else np.zeros(0, int)
    out_a = xy[other[a]] - xy[node[a]]
    out_b = xy[other[b]] - xy[node[b]]
    cos = (out_a * out_b).sum(axis=1) / np.maximum(
        np.hypot(*out_a.T) * np.hypot(*out_b.T), 1e-12)
    between = np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))
    cost = (180.0 - between) / TURN_SPAN
    keep = segment[a] != segment[b]
    sa, sb, cost = segment[a][keep], segment[b][keep], cost[keep]
    metres = (length[sa] + length[sb]) / 2
    # a zero turn is a link still: scipy drops explicit zeros
    cost = np.maximum(cost, 1e-9)
    return _both_ways(sa, sb, cost, m), _both_ways(sa, sb, metres, m)


def _both_ways(sa: np.ndarray, sb: np.ndarray, weight: np.ndarray,
               m: int) -> sp.csr_matrix:
    """Links both ways; two segments meeting twice (a loop) keep the
    lesser cost."""
    frame = pd.DataFrame({"a": np.r_[sa, sb], "b": np.r_[sb, sa],
                          "w": np.r_[weight, weight]}).groupby(
        ["a", "b"], sort=False)["w"].min()
    a, b = frame.index.get_level_values(0), frame.index.get_level_values(1)
    return sp.csr_matrix((frame.to_numpy(), (a, b)), shape=(m, m))


def _most_at_a_node(node: np.ndarray) -> int:
    return int(np.bincount(node).max()) if len(node) else 0


def _measures(turn: sp.csr_matrix, metric: sp.csr_matrix,
              middle: np.ndarray, radii: tuple[float, ...]
              ) -> dict[str, np.ndarray]:
    """NAIN and NACH of every segment within each of ``radii`` metres
    (``integration_R``, ``choice_R``): one least-turning search from each
    segment over the segments within the largest radius of its tile."""
    m = len(middle)
    count = {r: np.zeros(m) for r in radii}
    depth = {r: np.zeros(m) for r in radii}
    through = {r: np.zeros(m) for r in radii}
    reach = max(radii, default=0.0)
    if m and radii:
        grid = _GridIndex(middle, TILE * reach)
        tile = np.floor(middle / (TILE * reach)).astype(np.int64)
        _, group = np.unique(tile, axis=0, return_inverse=True)
        order = np.argsort(group.ravel(), kind="stable")
        bounds = np.flatnonzero(np.diff(group.ravel()[order])) + 1
        local = np.full(m, -1)
        for rows in np.split(order, bounds):
            lo = middle[rows].min(axis=0) - reach
            hi = middle[rows].max(axis=0) + reach
            nodes = grid.within(lo, hi)
            local[nodes] = np.arange(len(nodes))
            sub_metric = _subgraph(metric, nodes, local)
            sub_turn = _subgraph(turn, nodes, local)
            for part in _chunks(len(rows), len(nodes)):
                picked = rows[part]
                start = local[picked]
                metres = dijkstra(sub_metric, indices=start, limit=reach)
                angular, pred = dijkstra(sub_turn, indices=start,
                                         return_predecessors=True)
                for r in radii:
                    inside = (metres <= r) & np.isfinite(angular)
                    count[r][picked] = inside.sum(axis=1)
                    depth[r][picked] = np.where(inside, angular, 0).sum(
                        axis=1)
                    through[r][nodes] += _passing(pred, inside, start)
            local[nodes] = -1
    out = {}
    with np.errstate(invalid="ignore", divide="ignore"):
        for r in radii:
            c, d = count[r], depth[r]
            out[f"integration_{r:g}"] = np.where(c > 1, c ** 1.2 / (d + 2),
                                                 np.nan)
            out[f"choice_{r:g}"] = np.where(
                c > 1, np.log(through[r] + 1) / np.log(d + 3), np.nan)
    return out


def _passing(pred: np.ndarray, inside: np.ndarray, start: np.ndarray
             ) -> np.ndarray:
    """Per subgraph node, the least-turning paths from each source (row)
    to its targets (``inside``) that pass it (neither end): each path is
    followed back from its target, all paths a step at a time."""
    out = np.zeros(pred.shape[1])
    row, at = np.nonzero(inside)
    keep = at != start[row]
    row, at = row[keep], pred[row[keep], at[keep]]
    while len(at):
        live = (at >= 0) & (at != start[row])
        row, at = row[live], at[live]
        out += np.bincount(at, minlength=len(out))
        at = pred[row, at]
    return out


def _zones(ctx: Context, segments: pd.DataFrame,
           measures: list[str]) -> pd.DataFrame:
    """Length-weighted means per zone, the site's first."""
    rows = []
    for zone in [SITE_ROW, *ctx.zones["name"]]:
        part = segments if zone == SITE_ROW else \
            segments[segments["zone"] == zone]
        row = {"zone": zone, "segments": len(part),
               "length_m": float(part["length_m"].sum())}
        for name in measures:
            known = part[name].notna()
            weight = part.loc[known, "length_m"]
            row[name] = float(np.average(part.loc[known, name],
                                         weights=weight)) \
                if known.any() and weight.sum() > 0 else None
        rows.append(row)
    return pd.DataFrame(rows, columns=["zone", "segments", "length_m",
                                       *measures])
