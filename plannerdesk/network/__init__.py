"""The pedestrian network: graph building and shortest paths (no Qt)."""

from .build import Network, build_network
from .paths import k_nearest, nearest, pairs_within, walks

__all__ = ["Network", "build_network", "k_nearest", "nearest",
           "pairs_within", "walks"]
