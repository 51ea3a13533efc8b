"""Shortest walks over a :class:`Network` with scipy.sparse.csgraph.

Every function runs Dijkstra from many sources at once and stops at
``limit`` metres; nodes farther away (or in another part of the network)
get ``inf``. The graph is searched as directed: its street edges go both
ways, and a place's connectors lead out of it only, so a walk may start at
a place but not pass through it; the walk to a place is then its nearest
street node's walk plus the connector (:func:`_reached`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from .build import Network

_CHUNK_CELLS = 8_000_000  # distances held at once by the chunked searches
FEW = 8
"""Sources searched on the whole graph (a bounded search touches only the
nodes within its limit; indexing the nodes by tile would cost more)."""


def nearest(net: Network, sources: np.ndarray, *, limit: float = np.inf,
            at: np.ndarray | None = None) -> np.ndarray:
    """Walk from every node (or from the nodes ``at``) to its nearest
    source node (``inf`` if none)."""
    sources = np.unique(np.asarray(sources, dtype=int))
    if not len(sources):
        return np.full(net.n_nodes if at is None else len(at), np.inf)
    dist = dijkstra(net.graph, directed=True, indices=sources, limit=limit,
                    min_only=True)
    if at is not None:
        return read_at(net, dist, at, limit)
    dist[net.place_node] = _reached(net, dist[None, :], None,
                                    net.place_node, limit)[0]
    return dist


def read_at(net: Network, dist: np.ndarray, at: np.ndarray,
            limit: float) -> np.ndarray:
    """The walks at nodes ``at`` of a search's distances ``dist`` (a
    search reaches no place but its sources): a place's through its
    connectors."""
    out = dist[at]
    place = at >= net.n_street
    if place.any():
        out[place] = _reached(net, dist[None, :], None, at[place], limit)[0]
    return out


def _spans(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """The indices start[i] .. start[i] + count[i] - 1, span after span."""
    first = np.cumsum(count) - count
    return np.repeat(start - first, count) + np.arange(count.sum())


def _connectors(net: Network, places: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray]:
    """How many connectors each of ``places`` has, and their positions in
    the ``attach_*`` arrays, place after place."""
    if places is net.place_node:  # all of them, in the order they are held
        return (np.bincount(net.attach_place - net.n_street,
                            minlength=len(places)),
                np.arange(len(net.attach_place)))
    lo = np.searchsorted(net.attach_place, places, "left")
    counts = np.searchsorted(net.attach_place, places, "right") - lo
    return counts, _spans(lo, counts)


def _reached(net: Network, dist: np.ndarray, nodes: np.ndarray | None,
             places: np.ndarray, limit: float) -> np.ndarray:
    """Walks (rows of ``dist``) to the place nodes ``places``: 0 for a
    source, else through the nearest of its connectors."""
    counts, pick = _connectors(net, places)
    first = np.cumsum(counts) - counts
    street, length = net.attach_street[pick], net.attach_m[pick]
    own = places if nodes is None else np.searchsorted(nodes, places)
    out = dist[:, own].copy()
    if nodes is not None:
        street, there = _present(nodes, street)
        length = np.where(there, length, np.inf)
    has = counts > 0
    if has.any():
        via = dist[:, street] + length
        best = np.minimum.reduceat(via, first[has], axis=1)
        best[best > limit] = np.inf
        out[:, has] = np.minimum(out[:, has], best)
    return out


def _present(nodes: np.ndarray, wanted: np.ndarray
             ) -> tuple[np.ndarray, np.ndarray]:
    """Positions of ``wanted`` in sorted ``nodes``, and which are there."""
    at = np.minimum(np.searchsorted(nodes, wanted), len(nodes) - 1)
    return at, nodes[at] == wanted


class _Targets:
    """Target nodes sorted once, so each search finds those among its
    subgraph's nodes by looking up only those nodes."""

    def __init__(self, wanted: np.ndarray) -> None:
        self.wanted = np.asarray(wanted, dtype=int)
        self.order = np.argsort(self.wanted, kind="stable")
        self.sorted = self.wanted[self.order]

    def among(self, nodes: np.ndarray) -> np.ndarray:
        """Positions (ascending) of the targets among sorted ``nodes``."""
        lo = np.searchsorted(self.sorted, nodes, "left")
        count = np.searchsorted(self.sorted, nodes, "right") - lo
        return np.sort(self.order[_spans(lo, count)])


def _read(net: Network, dist: np.ndarray, nodes: np.ndarray,
          targets: _Targets, limit: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions in ``targets`` present among ``nodes`` (sorted, the
    columns of ``dist``), and the walks to them: a place's through its
    connectors."""
    cols = targets.among(nodes)
    wanted = targets.wanted[cols]
    out = dist[:, np.searchsorted(nodes, wanted)]
    place = wanted >= net.n_street
    if place.any():
        out[:, place] = _reached(net, dist, nodes, wanted[place], limit)
    return cols, out


def _chunks(n_sources: int, n_columns: int):
    size = max(1, _CHUNK_CELLS // max(n_columns, 1))
    for start in range(0, n_sources, size):
        yield slice(start, min(start + size, n_sources))


def local_runs(net: Network, sources: np.ndarray, limit: float):
    """Dijkstra from ``sources`` within ``limit``, tile by tile.

    A walk of at most ``limit`` stays within ``limit`` of its source in a
    straight line, so (but for :data:`FEW` sources, searched on the whole
    graph) sources are grouped in square tiles of ``2 x limit``
    and each group is searched on the subgraph of nodes within ``limit`` of
    its tile, found through a grid index of the nodes (so a search touches
    only its tile's nodes). Yields ``(rows, nodes, dist)``: positions in
    ``sources``, the subgraph's node ids, and distances (len(rows),
    len(nodes)) along the graph, which reaches no place but the sources
    (:func:`_read` gives the walks to places).
    """
    sources = np.asarray(sources, dtype=int)
    if not len(sources):
        return
    if not np.isfinite(limit) or len(sources) <= FEW:
        nodes = np.arange(net.n_nodes)
        for part in _chunks(len(sources), net.n_nodes):
            rows = np.arange(part.start, part.stop)
            yield rows, nodes, dijkstra(net.graph, directed=True,
                                        indices=sources[rows], limit=limit)
        return
    size = 2 * limit
    grid = _GridIndex(net.xy, size)
    tile = np.floor(net.xy[sources] / size).astype(np.int64)
    _, group = np.unique(tile, axis=0, return_inverse=True)
    order = np.argsort(group.ravel(), kind="stable")
    bounds = np.flatnonzero(np.diff(group.ravel()[order])) + 1
    local = np.full(net.n_nodes, -1)
    for rows in np.split(order, bounds):
        lo = net.xy[sources[rows]].min(axis=0) - limit
        hi = net.xy[sources[rows]].max(axis=0) + limit
        nodes = grid.within(lo, hi)
        local[nodes] = np.arange(len(nodes))
        sub = _subgraph(net.graph, nodes, local)
        for part in _chunks(len(rows), len(nodes)):
            picked = rows[part]
            yield picked, nodes, dijkstra(sub, directed=True,
                                          indices=local[sources[picked]],
                                          limit=limit)
        local[nodes] = -1


class _GridIndex:
    """Nodes bucketed in square cells (only the cells holding some), to
    find those in a box quickly; nodes without finite coordinates are in
    none."""

    def __init__(self, xy: np.ndarray, size: float) -> None:
        self.xy, self.size = xy, size
        finite = np.flatnonzero(np.isfinite(xy).all(axis=1))
        self.origin = xy[finite].min(axis=0) if len(finite) else np.zeros(2)
        cell = np.floor((xy[finite] - self.origin) / size).astype(np.int64)
        self.rows = int(cell[:, 1].max()) + 1 if len(cell) else 1
        key = cell[:, 0] * self.rows + cell[:, 1]
        order = np.argsort(key, kind="stable")
        self.order = finite[order]
        self.keys, self.start = np.unique(key[order], return_index=True)
        self.stop = np.r_[self.start[1:], len(order)]

    def within(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Sorted ids of the nodes with lo <= xy <= hi."""
        c0 = np.floor((lo - self.origin) / self.size).astype(np.int64)
        c1 = np.floor((hi - self.origin) / self.size).astype(np.int64)
        c0[1], c1[1] = max(c0[1], 0), min(c1[1], self.rows - 1)
        parts = []
        for column in range(max(c0[0], 0), c1[0] + 1):
            a = np.searchsorted(self.keys, column * self.rows + c0[1], "left")
            b = np.searchsorted(self.keys, column * self.rows + c1[1],
                                "right")
            if b > a:
                parts.append(self.order[self.start[a]:self.stop[b - 1]])
        nodes = np.sort(np.concatenate(parts)) if parts else \
            np.zeros(0, int)
        xy = self.xy[nodes]
        return nodes[np.all((xy >= lo) & (xy <= hi), axis=1)]


def _subgraph(graph: sp.csr_matrix, nodes: np.ndarray,
              local: np.ndarray) -> sp.csr_matrix:
    """The graph among ``nodes`` (``local`` maps each to its position,
    others to -1), renumbered; costs only the nodes' own edges."""
    starts = graph.indptr[nodes]
    counts = graph.indptr[nodes + 1] - starts
    pick = _spans(starts, counts)
    row = np.repeat(np.arange(len(nodes)), counts)
    col = local[graph.indices[pick]]
    keep = col >= 0
    return sp.csr_matrix((graph.data[pick][keep], (row[keep], col[keep])),
                         shape=(len(nodes), len(nodes)))


def k_nearest(net: Network, sources: np.ndarray, at: np.ndarray, k: int, *,
              limit: float = np.inf) -> np.ndarray:
    """The ``k`` shortest walks from nodes ``at`` to distinct sources.

    Returns an array (len(at), k), sorted ascending, ``inf`` where fewer
    than ``k`` sources are within ``limit``. One multi-source search per
    rank over the whole graph (:func:`ranked_labels`), however many
    sources there are.
    """
    at = np.asarray(at, dtype=int)
    out = np.full((len(at), k), np.inf)
    sources = np.unique(np.asarray(sources, dtype=int))
    if not len(sources) or not len(at):
        return out
    dist, src = ranked_labels(net.graph, sources, k, limit)
    counts, pick = _connectors(net, at)
    row = np.r_[np.arange(len(at)), np.repeat(np.arange(len(at)), counts)]
    via = np.r_[at, net.attach_street[pick]]
    walk = (dist[via] + np.r_[np.zeros(len(at)), net.attach_m[pick]][:, None])
    row, walk, source = np.repeat(row, k), walk.ravel(), src[via].ravel()
    ok = (source >= 0) & (walk <= limit)
    if not ok.any():
        return out
    row, walk, source = row[ok], walk[ok], source[ok]
    order = np.lexsort((walk, source, row))  # each source's shortest once
    row, walk, source = row[order], walk[order], source[order]
    once = np.r_[True, (row[1:] != row[:-1]) | (source[1:] != source[:-1])]
    row, walk = row[once], walk[once]
    order = np.lexsort((walk, row))
    row, walk = row[order], walk[order]
    rank = np.arange(len(row)) - np.searchsorted(row, row)
    keep = rank < k
    out[row[keep], rank[keep]] = walk[keep]
    return out


def ranked_labels(graph: sp.csr_matrix, sources: np.ndarray, k: int,
                  limit: float) -> tuple[np.ndarray, np.ndarray]:
    """Every node's ``k`` nearest distinct sources: walks and source ids,
    (n, k) each, ``inf`` and -1 past ``limit``.

    Rank 1 is one multi-source search. Rank j+1 then follows from ranks
    1..j: a node's (j+1)-th source reaches it along a path whose nodes all
    hold that source among their j+1 nearest, so it arrives either along
    an edge between nodes with the same j nearest sources or, across an
    edge from a node with other ones, as that neighbour's nearest source
    the node does not already hold. One multi-source search seeded with
    those arrivals, over the edges within such regions, gives rank j+1.
    """
    n = graph.shape[0]
    dist, src = np.full((n, k), np.inf), np.full((n, k), -1)
    d, _, s = dijkstra(graph, directed=True, indices=sources, limit=limit,
                       min_only=True, return_predecessors=True)
    dist[:, 0], src[:, 0] = d, np.where(np.isfinite(d), s, -1)
    coo = graph.tocoo()
    u, v, w = coo.row, coo.col, coo.data
    key = np.random.default_rng(0).integers(1, 2 ** 62, n)
    region = np.zeros(n, np.int64)
    for j in range(1, k):
        held = src[:, j - 1] >= 0
        if not held.any():
            break
        region[held] ^= key[src[held, j - 1]]
        same = held[u] & held[v] & (region[u] == region[v])
        cross = held[v] & ~same & (src[u, 0] >= 0)
        cu, cv, cw = u[cross], v[cross], w[cross]
        owned = (src[cu, :j, None] == src[cv, None, :j]).any(axis=2) | \
            (src[cu, :j] < 0)
        rank = np.argmin(owned, axis=1)
        fresh = ~owned[np.arange(len(cu)), rank]
        cu, cv, rank = cu[fresh], cv[fresh], rank[fresh]
        seed = dist[cu, rank] + cw[fresh]
        order = np.lexsort((seed, cv))
        first = order[np.r_[True, cv[order][1:] != cv[order][:-1]]] \
            if len(order) else order
        first = first[seed[first] <= limit]
        if not len(first):
            break
        m = len(first)
        arrival = sp.csr_matrix(
            (np.r_[w[same], seed[first]],
             (np.r_[u[same], n + np.arange(m)], np.r_[v[same], cv[first]])),
            shape=(n + m, n + m))
        d, _, s = dijkstra(arrival, directed=True, indices=n + np.arange(m),
                           limit=limit, min_only=True,
                           return_predecessors=True)
        reached = np.isfinite(d[:n])
        dist[:, j] = d[:n]
        src[reached, j] = src[cu[first], rank[first]][s[:n][reached] - n]
    return dist, src


def walks(net: Network, sources: np.ndarray, targets: np.ndarray, *,
          limit: float = np.inf) -> np.ndarray:
    """Dense (len(sources), len(targets)) walks, ``inf`` beyond ``limit``."""
    out = np.full((len(sources), len(targets)), np.inf)
    targets = _Targets(targets)
    for rows, nodes, dist in local_runs(net, sources, limit):
        cols, found = _read(net, dist, nodes, targets, limit)
        out[np.ix_(rows, cols)] = found
    return out


def pairs_within(net: Network, sources: np.ndarray, targets: np.ndarray, *,
                 limit: float) -> sp.csr_matrix:
    """Walks of at most ``limit`` from each source to each target node.

    A sparse matrix (len(sources), len(targets)) holding distances; pairs
    beyond the limit are absent (a walk of zero is stored as 1e-9). Dijkstra
    runs from whichever side has fewer nodes.
    """
    if len(targets) < len(sources):
        return pairs_within(net, targets, sources, limit=limit).T.tocsr()
    targets = _Targets(targets)
    rows, cols, vals = [np.zeros(0, int)], [np.zeros(0, int)], [np.zeros(0)]
    for picked, nodes, dist in local_runs(net, sources, limit):
        t_cols, part = _read(net, dist, nodes, targets, limit)
        r, c = np.nonzero(np.isfinite(part))
        rows.append(picked[r])
        cols.append(t_cols[c])
        vals.append(np.maximum(part[r, c], 1e-9))
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows),
                                                 np.concatenate(cols))),
                         shape=(len(sources), len(targets.wanted)))
