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


def nearest(net: Network, sources: np.ndarray, *, limit: float = np.inf
            ) -> np.ndarray:
    """Walk from every node to its nearest source node (``inf`` if none)."""
    sources = np.unique(np.asarray(sources, dtype=int))
    if not len(sources):
        return np.full(net.n_nodes, np.inf)
    dist = dijkstra(net.graph, directed=True, indices=sources, limit=limit,
                    min_only=True)
    dist[net.place_node] = _reached(net, dist[None, :], None,
                                    net.place_node, limit)[0]
    return dist


def _reached(net: Network, dist: np.ndarray, nodes: np.ndarray | None,
             places: np.ndarray, limit: float) -> np.ndarray:
    """Walks (rows of ``dist``) to the place nodes ``places``: 0 for a
    source, else through the nearest of its connectors."""
    lo = np.searchsorted(net.attach_place, places, "left")
    counts = np.searchsorted(net.attach_place, places, "right") - lo
    first = np.cumsum(counts) - counts
    pick = np.repeat(lo - first, counts) + np.arange(counts.sum())
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


def _read(net: Network, dist: np.ndarray, nodes: np.ndarray,
          wanted: np.ndarray, limit: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions in ``wanted`` present among ``nodes`` (sorted, the columns
    of ``dist``), and the walks to them: a place's through its
    connectors."""
    at, there = _present(nodes, wanted)
    cols = np.flatnonzero(there)
    out = dist[:, at[there]]
    place = wanted[cols] >= net.n_street
    if place.any():
        out[:, place] = _reached(net, dist, nodes, wanted[cols][place],
                                 limit)
    return cols, out


def _chunks(n_sources: int, n_columns: int):
    size = max(1, _CHUNK_CELLS // max(n_columns, 1))
    for start in range(0, n_sources, size):
        yield slice(start, min(start + size, n_sources))


def local_runs(net: Network, sources: np.ndarray, limit: float):
    """Dijkstra from ``sources`` within ``limit``, tile by tile.

    A walk of at most ``limit`` stays within ``limit`` of its source in a
    straight line, so sources are grouped in square tiles of ``2 x limit``
    and each group is searched on the subgraph of nodes within ``limit`` of
    its tile. Yields ``(rows, nodes, dist)``: positions in ``sources``, the
    subgraph's node ids, and distances (len(rows), len(nodes)) along the
    graph, which reaches no place but the sources (:func:`_read` gives
    the walks to places).
    """
    sources = np.asarray(sources, dtype=int)
    if not len(sources):
        return
    if not np.isfinite(limit):
        nodes = np.arange(net.n_nodes)
        for part in _chunks(len(sources), net.n_nodes):
            rows = np.arange(part.start, part.stop)
            yield rows, nodes, dijkstra(net.graph, directed=True,
                                        indices=sources[rows], limit=limit)
        return
    tile = np.floor(net.xy[sources] / (2 * limit)).astype(np.int64)
    _, group = np.unique(tile, axis=0, return_inverse=True)
    order = np.argsort(group.ravel(), kind="stable")
    bounds = np.flatnonzero(np.diff(group.ravel()[order])) + 1
    for rows in np.split(order, bounds):
        lo = net.xy[sources[rows]].min(axis=0) - limit
        hi = net.xy[sources[rows]].max(axis=0) + limit
        nodes = np.flatnonzero(np.all((net.xy >= lo) & (net.xy <= hi), axis=1))
        local = np.full(net.n_nodes, -1)
        local[nodes] = np.arange(len(nodes))
        sub = net.graph[nodes][:, nodes]
        for part in _chunks(len(rows), len(nodes)):
            picked = rows[part]
            yield picked, nodes, dijkstra(sub, directed=True,
                                          indices=local[sources[picked]],
                                          limit=limit)


def k_nearest(net: Network, sources: np.ndarray, at: np.ndarray, k: int, *,
              limit: float = np.inf) -> np.ndarray:
    """The ``k`` shortest distances from nodes ``at`` to distinct sources.

    Returns an array (len(at), k), sorted ascending, ``inf`` where fewer
    than ``k`` sources are within ``limit``.
    """
    best = np.full((len(at), k), np.inf)
    at = np.asarray(at, dtype=int)
    for _, nodes, dist in local_runs(net, sources, limit):
        rows, found = _read(net, dist, nodes, at, limit)
        merged = np.hstack([best[rows], found.T])
        best[rows] = np.sort(merged, axis=1)[:, :k]
    return best


def walks(net: Network, sources: np.ndarray, targets: np.ndarray, *,
          limit: float = np.inf) -> np.ndarray:
    """Dense (len(sources), len(targets)) walks, ``inf`` beyond ``limit``."""
    out = np.full((len(sources), len(targets)), np.inf)
    targets = np.asarray(targets, dtype=int)
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
    targets = np.asarray(targets, dtype=int)
    rows, cols, vals = [np.zeros(0, int)], [np.zeros(0, int)], [np.zeros(0)]
    for picked, nodes, dist in local_runs(net, sources, limit):
        t_cols, part = _read(net, dist, nodes, targets, limit)
        r, c = np.nonzero(np.isfinite(part))
        rows.append(picked[r])
        cols.append(t_cols[c])
        vals.append(np.maximum(part[r, c], 1e-9))
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows),
                                                 np.concatenate(cols))),
                         shape=(len(sources), len(targets)))
