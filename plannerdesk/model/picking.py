"""Finding features under the cursor or inside a rectangle."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely


def pick(layers: dict[str, gpd.GeoDataFrame], order: list[str], x: float,
         y: float, tolerance: float) -> tuple[str, int] | None:
    """The top-most feature within ``tolerance`` of (x, y): (layer, fid).

    ``order`` lists layers top first; in a layer the nearest feature wins.
    """
    cursor = shapely.Point(x, y)
    for name in order:
        geoms = layers[name].geometry.to_numpy()
        if not len(geoms):
            continue
        hit = shapely.STRtree(geoms).query_nearest(
            cursor, max_distance=tolerance, all_matches=False)
        if len(hit):
            return name, int(layers[name].index[hit[0]])
    return None


def in_rectangle(layer: gpd.GeoDataFrame, x0: float, y0: float, x1: float,
                 y1: float) -> list[int]:
    """Fids of the features that intersect the rectangle."""
    if not len(layer):
        return []
    box = shapely.box(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    hits = shapely.STRtree(layer.geometry.to_numpy()).query(
        box, predicate="intersects")
    return [int(f) for f in layer.index[np.sort(hits)]]
