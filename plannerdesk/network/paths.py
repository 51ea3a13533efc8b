"""Shortest walks over a :class:`Network` with scipy.sparse.csgraph.

Every function runs Dijkstra from many sources at once and stops at
``limit`` metres; nodes farther away (or in another part of the network)
get ``inf``.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from .build import Network

_CHUNK_CELLS = 8_000_000  # distances held at once by the chunked searches


def nearest(net: Network, sources: np.ndarray, *, limit: float = np.inf
            ) -> tuple[np.ndarray, np.ndarray]:
    """Distance from every node to its nearest source node, and that source.

    Returns ``(distance, source)``; ``source`` is -1 where none is reached.
    """
    sources = np.unique(np.asarray(sources, dtype=int))
    if not len(sources):
        return np.full(net.n_nodes, np.inf), np.full(net.n_nodes, -1)
    dist, _, origin = dijkstra(net.graph, directed=False, indices=sources,
                               limit=limit, min_only=True,
                               return_predecessors=True)
    return dist, np.where(np.isfinite(dist), origin, -1)


def _chunks(n_sources: int, n_columns: int):
    size = max(1, _CHUNK_CELLS // max(n_columns, 1))
    for start in range(0, n_sources, size):
        yield slice(start, min(start + size, n_sources))


def k_nearest(net: Network, sources: np.ndarray, at: np.ndarray, k: int, *,
              limit: float = np.inf) -> np.ndarray:
    """The ``k`` shortest distances from nodes ``at`` to distinct sources.

    Returns an array (len(at), k), sorted ascending, ``inf`` where fewer
    than ``k`` sources are within ``limit``.
    """
    best = np.full((len(at), k), np.inf)
    sources = np.asarray(sources, dtype=int)
    for part in _chunks(len(sources), net.n_nodes):
        dist = dijkstra(net.graph, directed=False, indices=sources[part],
                        limit=limit)[:, at].T
        best = np.sort(np.hstack([best, dist]), axis=1)[:, :k]
    return best


def pairs_within(net: Network, sources: np.ndarray, targets: np.ndarray, *,
                 limit: float) -> sp.csr_matrix:
    """Walks of at most ``limit`` from each source to each target node.

    A sparse matrix (len(sources), len(targets)) holding distances; pairs
    beyond the limit are absent. A walk of zero is stored as a tiny value.
    """
    sources = np.asarray(sources, dtype=int)
    rows, cols, vals = [], [], []
    for part in _chunks(len(sources), net.n_nodes):
        dist = dijkstra(net.graph, directed=False, indices=sources[part],
                        limit=limit)[:, targets]
        r, c = np.nonzero(np.isfinite(dist))
        rows.append(r + part.start)
        cols.append(c)
        vals.append(np.maximum(dist[r, c], 1e-9))
    if not rows:
        return sp.csr_matrix((len(sources), len(targets)))
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows),
                                                 np.concatenate(cols))),
                         shape=(len(sources), len(targets)))
