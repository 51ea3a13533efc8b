"""Vector reference layers (GeoPackage, GeoJSON, Shapefile, DXF) for the map.

Shown under the plan, never edited: read as they are and reprojected to the
plan's CRS.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
from pyproj import CRS
from pyproj.exceptions import CRSError, ProjError

from ..model.crs import describe, parse_crs
from ..model.language import tr
from ..model.problems import PlannerError
from .sources import read_source, source_layers


def reference_layers(path: str | os.PathLike) -> list[str]:
    """The layers to choose from (empty for a DXF, read whole); a source
    with no layer at all gives a PlannerError naming it."""
    path = Path(path)
    if _is_cad(path):
        return []
    layers = source_layers(path)
    if not layers:
        raise PlannerError(tr(
            "{path}: the file holds no layer. Fix: choose a file with the "
            "features to show").format(path=path))
    return layers


def needs_crs(path: str | os.PathLike, layer: str | None = None) -> bool:
    """True when the source names no CRS, so the planner must choose one."""
    path = Path(path)
    if _is_cad(path):
        from .dxf import dxf_crs  # ezdxf loads in 0.2 s: only for a drawing
        return dxf_crs(path) is None
    name = layer or reference_layers(path)[0]
    return pyogrio.read_info(path, layer=name)["crs"] is None


def read_reference(path: str | os.PathLike, plan_crs: CRS, *,
                   layer: str | None = None,
                   source_crs: CRS | str | None = None) -> gpd.GeoDataFrame:
    """One layer of ``path`` (the first unless named) in the plan's CRS.

    ``source_crs`` (a CRS or text such as ``EPSG:4549``) is the CRS the
    source is in; it overrides the file's own and is required when the file
    names none.
    """
    path = Path(path)
    if isinstance(source_crs, str):
        source_crs = parse_crs(source_crs)
    if _is_cad(path):
        from .dxf import read_dxf
        frame = read_dxf(path, source_crs)
    else:
        frame = read_source(path, layer or reference_layers(path)[0])
        if source_crs is not None:
            frame = frame.set_crs(source_crs, allow_override=True)
        elif frame.crs is None:
            raise PlannerError(tr(
                "{name} has no coordinate system. Fix: choose the CRS it was "
                "drawn in (EPSG:4326 for longitude/latitude, or {plan_crs} "
                "if it is in the plan's)").format(
                    name=path.name, plan_crs=describe(plan_crs)))
    return _to_plan_crs(frame, plan_crs, path)


def _is_cad(path: Path) -> bool:
    if path.suffix.lower() == ".dwg":
        raise PlannerError(tr(
            "{name}: PlannerDesk reads CAD drawings as DXF, not DWG. Fix: "
            "save the drawing as DXF from the CAD program").format(
                name=path.name))
    return path.suffix.lower() == ".dxf"


def _to_plan_crs(frame: gpd.GeoDataFrame, plan_crs: CRS,
                 path: Path) -> gpd.GeoDataFrame:
    if frame.crs.equals(plan_crs):
        return frame
    try:
        moved = frame.to_crs(plan_crs)
    except (CRSError, ProjError):
        moved = None
    if moved is None or not np.isfinite(moved.total_bounds).all() \
            and not moved.geometry.is_empty.all():
        raise PlannerError(tr(
            "{name}: its coordinate system ({crs}) cannot be converted to "
            "the plan's {plan_crs}. Fix: choose the CRS it was really drawn "
            "in, or re-export it in longitude/latitude (EPSG:4326)").format(
                name=path.name, crs=describe(frame.crs),
                plan_crs=describe(plan_crs)))
    return moved
