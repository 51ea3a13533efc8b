"""Reading vector sources (GeoPackage, GeoJSON, Shapefile, ...) with pyogrio."""

from __future__ import annotations

import warnings
from pathlib import Path

import geopandas as gpd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from ..model.language import N_, tr
from ..model.problems import PlannerError, UsageError
from .files import require_regular_file


def source_layers(path: Path) -> list[str]:
    """The layer names in a vector source; a PlannerError if unreadable.

    A folder may be a source (a folder of Shapefiles, an ESRI FileGDB
    ``.gdb``); a FIFO, device or socket is refused at once, before GDAL
    would wait on it forever.
    """
    if not path.is_dir():
        require_regular_file(path, N_("source"), tr("check the path"))
    try:
        return [str(row[0]) for row in pyogrio.list_layers(path)]
    except DataSourceError:
        raise PlannerError(tr(
            "{path}: not a vector file PlannerDesk can read. Fix: give a "
            "GeoPackage (.gpkg), GeoJSON (.geojson) or Shapefile (.shp)")
            .format(path=path)) from None


def read_source(path: str | Path, layer: str | None = None) -> gpd.GeoDataFrame:
    """One layer of a vector source; ask for ``layer`` when there are several.

    A geometry GEOS cannot read (a ring that does not close, a line of one
    point) comes back missing, for validation to name its feature; text
    that is not in the source's encoding is a PlannerError with the fix.
    """
    path = Path(path)
    layers = source_layers(path)
    if layer is None and len(layers) > 1:
        raise UsageError(tr(
            "{path} holds {count} layers ({layers}). Fix: choose one with "
            "--layer NAME").format(path=path, count=len(layers),
                                   layers=", ".join(layers)))
    if layer is not None and layer not in layers:
        raise UsageError(tr(
            "{path} has no layer '{layer}'. Fix: use one of {layers}").format(
                path=path, layer=layer, layers=", ".join(layers)))
    try:
        with warnings.catch_warnings():  # validation names what GDAL warns of
            warnings.simplefilter("ignore", RuntimeWarning)
            return pyogrio.read_dataframe(path, layer=layer,
                                          fid_as_index=True,
                                          on_invalid="ignore")
    except (DataSourceError, DataLayerError) as exc:
        raise PlannerError(tr(
            "{path}: could not read layer '{layer}': {error}").format(
                path=path, layer=layer or layers[0], error=exc)) from None
    except UnicodeDecodeError as exc:
        raise PlannerError(tr(
            "{path}: some text is not UTF-8 (it holds the byte {byte:#x}). "
            "Fix: save the file again as UTF-8 (in Excel: Save As, 'CSV "
            "UTF-8'; in QGIS: Export, encoding UTF-8)").format(
                path=path, byte=exc.object[exc.start])) from None
