"""The Plan: typed layers in one projected CRS in metres, and its settings."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS

from .crs import require_plan_crs
from .fields import empty_column
from .schema import LAYER_ORDER, layer_spec
from .settings import Settings


def empty_layer(name: str, crs: CRS) -> gpd.GeoDataFrame:
    """An empty layer ``name`` with its typed columns and ``fid`` index."""
    spec = layer_spec(name)
    index = pd.Index([], dtype="int64", name="fid")
    columns = {f.name: empty_column(f.type, index) for f in spec.fields}
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries([], index=index),
                            crs=crs)


@dataclass
class Plan:
    """A site plan: every layer of the schema, in one metric CRS.

    Each layer is a GeoDataFrame indexed by feature id (``fid``), with the
    schema's typed columns first and any of the planner's own columns after.
    """

    crs: CRS
    layers: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)

    def __post_init__(self) -> None:
        self.crs = require_plan_crs(CRS.from_user_input(self.crs))
        for name in LAYER_ORDER:
            self.layers.setdefault(name, empty_layer(name, self.crs))

    def __getitem__(self, name: str) -> gpd.GeoDataFrame:
        layer_spec(name)
        return self.layers[name]

    def site_geometry(self) -> shapely.Geometry | None:
        """The union of the site layer, or None when no site is drawn."""
        site = self.layers["site"].geometry
        site = site[~(site.is_empty | site.isna())]
        return shapely.union_all(site.array) if len(site) else None

    def extent(self) -> tuple[float, float, float, float] | None:
        """(minx, miny, maxx, maxy) over every layer, or None when empty."""
        bounds = [g.total_bounds for g in self.layers.values()
                  if len(g) and g.geometry.notna().any()]
        if not bounds:
            return None
        frame = pd.DataFrame(bounds)
        return (frame[0].min(), frame[1].min(), frame[2].max(),
                frame[3].max())

    def add_features(self, name: str, features: gpd.GeoDataFrame) -> pd.Index:
        """Append ``features`` to layer ``name`` with new fids; return them."""
        layer = self[name]
        start = int(layer.index.max()) + 1 if len(layer) else 1
        added = features.to_crs(self.crs) if features.crs else features
        added = added.set_axis(pd.RangeIndex(start, start + len(added),
                                             name="fid"))
        added = added.rename_geometry(layer.geometry.name) \
            if added.geometry.name != layer.geometry.name else added
        merged = pd.concat([layer, added]) if len(layer) else added
        ordered = list(layer.columns) + [
            c for c in merged.columns if c not in layer.columns]
        self.layers[name] = gpd.GeoDataFrame(
            merged[ordered], geometry=layer.geometry.name, crs=self.crs)
        self.layers[name].index = self.layers[name].index.astype("int64")
        self.layers[name].index.name = "fid"
        return added.index
