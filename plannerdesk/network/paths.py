"""Shortest walks over a :class:`Network` with scipy.sparse.csgraph.

Every function runs Dijkstra from many sources at once and stops at
``limit`` metres; nodes farther away (or in another part of the network)
get ``inf``. The graph is stored symmetric, so it is searched as directed:
the same walks, without scipy transposing it on every call.
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
    return dijkstra(net.graph, directed=True, indices=sources, limit=limit,
                    min_only=True)


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
        dist = dijkstra(net.graph, directed=True, indices=sources[part],
                        limit=limit)[:, at].T
        best = np.sort(np.hstack([best, dist]), axis=1)[:, :k]
    return best


def walks(net: Network, sources: np.ndarray, targets: np.ndarray, *,
          limit: float = np.inf) -> np.ndarray:
    """Dense (len(sources), len(targets)) walks, ``inf`` beyond ``limit``."""
    sources = np.asarray(sources, dtype=int)
    out = np.full((len(sources), len(targets)), np.inf)
    for part in _chunks(len(sources), net.n_nodes):
        out[part] = dijkstra(net.graph, directed=True, indices=sources[part],
                             limit=limit)[:, targets]
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
    sources = np.asarray(sources, dtype=int)
    rows, cols, vals = [np.zeros(0, int)], [np.zeros(0, int)], [np.zeros(0)]
    for part in _chunks(len(sources), len(targets)):
        dist = walks(net, sources[part], targets, limit=limit)
        r, c = np.nonzero(np.isfinite(dist))
        rows.append(r + part.start)
        cols.append(c)
        vals.append(np.maximum(dist[r, c], 1e-9))
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows),
                                                 np.concatenate(cols))),
                         shape=(len(sources), len(targets)))
