"""Walking routes: the line a shortest walk follows, for drawing it.

Street edges are straight segments between nodes, and a place joins the
streets by straight connectors, so a route is the coordinates of the
nodes it passes. Its length is the walk :mod:`.paths` measures.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse.csgraph import dijkstra

from .build import Network


def routes(net: Network, source: int, targets: np.ndarray, *,
           limit: float = np.inf) -> list[np.ndarray | None]:
    """The shortest walk from node ``source`` to each node of ``targets``
    as (n, 2) coordinates; None for a target beyond ``limit``. A place
    target is reached through its nearest connector."""
    dist, pred = dijkstra(net.graph, directed=True, indices=int(source),
                          limit=limit, return_predecessors=True)
    out: list[np.ndarray | None] = []
    for target in np.asarray(targets, dtype=int):
        end = _entry(net, dist, int(target), int(source), limit)
        if end is None:
            out.append(None)
            continue
        chain = [end]
        while chain[-1] != source:
            chain.append(int(pred[chain[-1]]))
        nodes = chain[::-1] + ([int(target)] if end != target else [])
        out.append(net.xy[nodes])
    return out


def _entry(net: Network, dist: np.ndarray, target: int, source: int,
           limit: float) -> int | None:
    """The node the walk to ``target`` arrives at: the target, or for a
    place the street node of its best connector (None: not reached)."""
    if target == source or target < net.n_street:
        return target if np.isfinite(dist[target]) else None
    lo, hi = np.searchsorted(net.attach_place, [target, target + 1])
    via = dist[net.attach_street[lo:hi]] + net.attach_m[lo:hi]
    if not len(via) or not np.isfinite(via.min()) or via.min() > limit:
        return None
    return int(net.attach_street[lo + int(np.argmin(via))])
