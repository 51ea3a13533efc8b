"""Reading vector sources (GeoPackage, GeoJSON, Shapefile, ...) with pyogrio."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from ..model.problems import PlannerError, UsageError


def source_layers(path: Path) -> list[str]:
    """The layer names in a vector source; a PlannerError if unreadable."""
    if not path.exists():
        raise PlannerError(f"{path}: no such file. Fix: check the path")
    try:
        return [str(row[0]) for row in pyogrio.list_layers(path)]
    except DataSourceError:
        raise PlannerError(
            f"{path}: not a vector file PlannerDesk can read. Fix: give a "
            "GeoPackage (.gpkg), GeoJSON (.geojson) or Shapefile (.shp)"
        ) from None


def read_source(path: str | Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """One layer of a vector source; ask for ``layer`` when there are several."""
    path = Path(path)
    layers = source_layers(path)
    if layer is None and len(layers) > 1:
        raise UsageError(
            f"{path} holds {len(layers)} layers ({', '.join(layers)}). "
            "Fix: choose one with --layer NAME")
    if layer is not None and layer not in layers:
        raise UsageError(
            f"{path} has no layer '{layer}'. Fix: use one of "
            + ", ".join(layers))
    try:
        return pyogrio.read_dataframe(path, layer=layer, fid_as_index=True)
    except (DataSourceError, DataLayerError) as exc:
        raise PlannerError(f"{path}: could not read layer "
                           f"'{layer or layers[0]}': {exc}") from None
