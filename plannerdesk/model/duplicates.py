"""Features drawn or imported twice: identical rows, and polygons that
overlap almost entirely."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

OVERLAP_SHARE = 0.9
"""Two polygons whose overlap is this share of the area they cover
together are taken to be one feature drawn twice (validation warns); one
inside a larger one (a playground in a park) is not."""


def identical_to(new: gpd.GeoDataFrame, layer: gpd.GeoDataFrame) -> np.ndarray:
    """Mask of the rows of ``new`` identical to a row of ``layer``: the same
    geometry (vertex for vertex, in any order) and the same values in every
    column the two share."""
    if not len(new) or not len(layer):
        return np.zeros(len(new), bool)
    shared = [c for c in new.columns if c in layer.columns and
              c not in (new.geometry.name, layer.geometry.name)]
    return pd.MultiIndex.from_frame(_keys(new, shared)).isin(
        pd.MultiIndex.from_frame(_keys(layer, shared)))


def repeated(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Mask of the rows identical to an earlier row of ``frame``."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    return pd.MultiIndex.from_frame(_keys(frame, columns)).duplicated()


def _keys(frame: gpd.GeoDataFrame, columns: list[str]) -> pd.DataFrame:
    """Each row as text, numbers as real numbers (a whole-number column
    may come back from a file as a real one: 3 and 3.0 are the same)."""
    geometry = shapely.to_wkb(shapely.normalize(frame.geometry.array),
                              hex=True)
    keys = pd.DataFrame({
        c: (frame[c].astype("Float64") if pd.api.types.is_numeric_dtype(
            frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
            else frame[c]).astype("str").to_numpy() for c in columns})
    keys["__geometry"] = geometry
    return keys


def overlapping_pairs(geoms: np.ndarray, *, share: float = OVERLAP_SHARE
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions (i < j) of polygons whose overlap is at least ``share`` of
    the area they cover together, and that share."""
    usable = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms)) & \
        shapely.is_valid(geoms) & (shapely.area(geoms) > 0)
    index = np.flatnonzero(usable)
    if len(index) < 2:
        return np.zeros(0, int), np.zeros(0, int), np.zeros(0)
    parts = geoms[index]
    i, j = shapely.STRtree(parts).query(parts, predicate="intersects")
    keep = i < j
    i, j = i[keep], j[keep]
    common = shapely.area(shapely.intersection(parts[i], parts[j]))
    ratio = common / (shapely.area(parts[i]) + shapely.area(parts[j]) - common)
    close = ratio >= share
    return index[i[close]], index[j[close]], ratio[close]
