"""Reading an OpenStreetMap extract (``.osm`` XML or ``.osm.pbf``) with
GDAL's OSM driver, through pyogrio. Nothing is fetched from the network.

GDAL builds points from tagged nodes, lines from ways and areas from
closed ways and multipolygon relations; :data:`CONFIG` asks it for every
tag as JSON. Its own node index needs the nodes sorted, which real
extracts are not always, so the driver's SQLite index is used instead
(``USE_CUSTOM_INDEXING=NO``). A ring GDAL cannot build comes back as no
geometry and is counted, as are GDAL's warnings, never raised.
"""

from __future__ import annotations

import json
import threading
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
import pyogrio._err
import shapely
from pyogrio.errors import DataLayerError, DataSourceError

from ..model.language import N_, tr
from ..model.problems import PlannerError
from .files import require_regular_file

CONFIG = Path(__file__).with_name("osmconf.ini")
LAYERS = {"points": ("point", "node"), "lines": ("line", "way"),
          "multipolygons": ("area", None)}
_GDAL_SAYS = {
    "Non closed ring": N_("rings GDAL found not closed"),
    "organizePolygons": N_("multipolygons GDAL could not sort into rings"),
}
_UNBUILT = {
    "point": N_("points GDAL could not build (a ring of too few points, or "
                "not closed)"),
    "line": N_("lines GDAL could not build (a ring of too few points, or "
               "not closed)"),
    "area": N_("areas GDAL could not build (a ring of too few points, or "
               "not closed)"),
}
"""What is counted when GDAL builds no geometry, by shape."""


@dataclass
class Extract:
    """The features of an extract in EPSG:4326: ``osm_id`` (``way/12``),
    ``shape`` (point, line or area), ``tags`` (a dict) and geometry; what
    was read per GDAL layer, and what could not be built."""

    features: gpd.GeoDataFrame
    read: dict[str, int] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)
    gdal: Counter = field(default_factory=Counter)


class _Heard(threading.local):
    """What GDAL said in this thread while it listens (None: not)."""

    said: list[str] | None = None


_HEARD = _Heard()


class _ToThisThread:
    """Stands in for the ``warnings`` module that pyogrio's GDAL error
    handler warns through: a warning in a thread that listens
    (:func:`_listening`) is kept for that thread; any other goes on to
    ``warnings``. Counting through ``warnings.catch_warnings`` would lose
    warnings whenever another thread (pandas does) swaps the process-wide
    warning state meanwhile."""

    def __getattr__(self, name: str):
        return getattr(warnings, name)

    def warn(self, message, category=None, stacklevel=1, source=None):
        if _HEARD.said is not None:
            _HEARD.said.append(str(message))
        else:
            warnings.warn(message, category, stacklevel + 1, source)


if hasattr(pyogrio._err, "warnings"):
    pyogrio._err.warnings = _ToThisThread()


@contextmanager
def _listening() -> Iterator[list[str]]:
    """The warnings GDAL gives in this thread meanwhile."""
    said: list[str] = []
    _HEARD.said = said
    try:
        if isinstance(pyogrio._err.warnings, _ToThisThread):
            yield said
        else:   # a pyogrio without the module: the process-wide way
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", RuntimeWarning)
                yield said
            said += [str(w.message) for w in caught]
    finally:
        _HEARD.said = None


def hear_gdal_in_this_thread() -> None:
    """Let GDAL's warnings in this (worker) thread reach Python as warnings,
    so they are counted, as pyogrio arranges for the thread importing it;
    GDAL keeps error handlers per thread. A pyogrio without the hook leaves
    them printed on standard error."""
    register = getattr(pyogrio._err, "_register_error_handler", None)
    if register is not None:
        register()


def read_extract(path: Path, *, area: shapely.Geometry | None = None
                 ) -> Extract:
    """The features of the extract at ``path`` that meet ``area`` (in
    EPSG:4326; None: all of them)."""
    path = Path(path)
    require_regular_file(path, N_("OpenStreetMap extract"),
                         tr("check the path"))
    if not path.name.lower().endswith((".osm", ".pbf")):
        raise PlannerError(tr(
            "{path}: an OpenStreetMap extract must be an .osm or .osm.pbf "
            "file. Fix: give the extract as downloaded (e.g. from "
            "Geofabrik, BBBike or your survey office)").format(path=path))
    extract = Extract(gpd.GeoDataFrame())
    frames = []
    for layer, (shape, kind) in LAYERS.items():
        frames.append(_read_layer(path, layer, shape, kind, area, extract))
    features = gpd.GeoDataFrame(
        {"osm_id": np.concatenate([f[0] for f in frames]),
         "shape": np.concatenate([f[1] for f in frames]),
         "tags": np.concatenate([f[2] for f in frames])},
        geometry=np.concatenate([f[3] for f in frames]), crs="EPSG:4326")
    if area is not None and len(features):
        features = features[features.intersects(area)]
    extract.features = features.reset_index(drop=True)
    return extract


def _read_layer(path: Path, layer: str, shape: str, kind: str | None,
                area: shapely.Geometry | None, extract: Extract):
    """(ids, shapes, tags, geometries) of one GDAL layer."""
    with _listening() as said:
        try:
            meta, _, wkb, values = pyogrio.raw.read(
                path, layer=layer, bbox=area.bounds if area is not None
                else None, CONFIG_FILE=str(CONFIG),
                USE_CUSTOM_INDEXING="NO")
        except (DataSourceError, DataLayerError) as exc:
            error = str(exc).strip().split(". It might help")[0]
            raise PlannerError(tr(
                "{path}: GDAL cannot read it as OpenStreetMap data "
                "({error}). Fix: check that the download is complete, or "
                "download the extract again").format(path=path, error=error)
            ) from None
    for text in said:
        label = next((tr(v) for k, v in _GDAL_SAYS.items() if k in text),
                     text)
        extract.gdal[label] += 1
    columns = dict(zip(meta["fields"], values, strict=True))
    ids = _ids(columns, kind)
    geometry = shapely.from_wkb(wkb, on_invalid="ignore")
    unbuilt = shapely.is_missing(geometry)
    extract.read[layer] = len(geometry)
    if unbuilt.any():
        extract.skipped[tr(_UNBUILT[shape])] += int(unbuilt.sum())
    tags = np.array([json.loads(t) if t else {} for t in columns["all_tags"]],
                    dtype=object)
    keep = ~unbuilt
    return (ids[keep], np.full(int(keep.sum()), shape, dtype=object),
            tags[keep], geometry[keep])


def _ids(columns: dict[str, np.ndarray], kind: str | None) -> np.ndarray:
    """``node/1``, ``way/2`` or ``relation/3`` for each feature."""
    if kind is not None:
        return np.array([f"{kind}/{i}" for i in columns["osm_id"]],
                        dtype=object)
    return np.array([f"relation/{r}" if r is not None else f"way/{w}"
                     for r, w in zip(columns["osm_id"], columns["osm_way_id"],
                                     strict=True)], dtype=object)
