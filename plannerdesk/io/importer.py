"""Importing features from a vector source into a plan layer.

Source columns named like a schema field (in any case) fill that field;
``mapping`` names others (``{"capacity": "SPACES"}``); ``constants`` set a
field for every feature. Columns that are not mapped are kept as they are.
A table without geometry (a CSV) becomes points from its coordinate columns
(see :mod:`plannerdesk.io.table_points`). In a GeoPackage source, a cell
whose stored value breaks its column's type is an error, not the 0 GDAL
would read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyproj import CRS

from ..model.crs import describe
from ..model.fields import WANTED, parse_value
from ..model.plan import Plan
from ..model.problems import PlannerError, Problem, UsageError
from ..model.schema import LayerSpec, layer_spec
from .sources import read_source
from .stored_types import mistyped_cells
from .table_points import table_points


@dataclass
class ImportResult:
    """What an import added and what it found on the way."""

    layer: str
    fids: pd.Index
    problems: list[Problem] = field(default_factory=list)


def import_file(plan: Plan, source: str | Path, kind: str, *,
                layer: str | None = None,
                mapping: dict[str, str] | None = None,
                constants: dict[str, str] | None = None,
                source_crs: CRS | None = None, x_field: str | None = None,
                y_field: str | None = None) -> ImportResult:
    """Add the features of ``source`` to layer ``kind`` of ``plan``.

    ``x_field`` / ``y_field`` name the coordinate columns of a table without
    geometry. Raises a PlannerError carrying the problems, and leaves the
    plan as it was, when any feature has an error.
    """
    try:
        spec = layer_spec(kind)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    source = Path(source)
    frame = read_source(source, layer)
    _refuse_mistyped(source, layer, frame)
    problems: list[Problem] = []
    if not isinstance(frame, gpd.GeoDataFrame):
        frame, problems = table_points(
            frame, source, x_field=x_field, y_field=y_field,
            source_crs=source_crs, plan_crs=plan.crs)
    elif x_field or y_field:
        raise UsageError(
            f"{source.name} has its own geometry; --x-field and --y-field "
            "are for a table without one, such as a CSV. Fix: leave them out")
    frame = _in_crs(frame, plan.crs, source, source_crs, problems)
    frame = _map_fields(frame, spec, mapping or {}, source)
    frame = _set_constants(frame, spec, constants or {})
    try:
        fids, found = plan.add_features(kind, frame, source=source.name)
    except PlannerError as exc:
        raise PlannerError(str(exc), problems + exc.problems) from None
    return ImportResult(kind, fids, problems + found)


def _refuse_mistyped(source: Path, layer: str | None,
                     frame: pd.DataFrame) -> None:
    """A PlannerError naming every cell of a GeoPackage source that holds
    text (or another value) its number or true/false column cannot."""
    info = pyogrio.read_info(source, layer=layer)
    if info["driver"] != "GPKG":
        return
    found = mistyped_cells(source, info["layer_name"], frame.columns)
    if found:
        raise PlannerError(
            f"{source.name}: {len(found)} value(s) do not match their "
            "column's type; nothing was imported", found)


def _in_crs(frame: gpd.GeoDataFrame, crs: CRS, source: Path,
            source_crs: CRS | None,
            problems: list[Problem]) -> gpd.GeoDataFrame:
    if source_crs is not None:
        if frame.crs is not None and frame.crs != source_crs:
            problems.append(Problem(
                "warning", f"the file says {describe(frame.crs)}; "
                f"--source-crs {describe(source_crs)} is used instead", "",
                source.name))
        frame = frame.set_crs(source_crs, allow_override=True)
    elif frame.crs is None:
        raise PlannerError(
            f"{source.name} has no coordinate reference system. Fix: name "
            "it with --source-crs, e.g. --source-crs EPSG:4326 for longitude/"
            f"latitude or --source-crs {describe(crs)} if it was drawn in "
            "the plan's CRS")
    if frame.crs != crs:
        problems.append(Problem(
            "info", f"reprojected from {describe(frame.crs)} to the plan's "
            f"{describe(crs)}", "", source.name))
        frame = frame.to_crs(crs)
    return frame


def _map_fields(frame: gpd.GeoDataFrame, spec: LayerSpec,
                mapping: dict[str, str], source: Path) -> gpd.GeoDataFrame:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for target, column in mapping.items():
        if target not in spec.field_names:
            raise UsageError(
                f"--map {target}={column}: '{spec.name}' has no field "
                f"'{target}'. Fix: use one of " + ", ".join(spec.field_names))
        if column not in columns:
            raise UsageError(
                f"--map {target}={column}: {source.name} has no column "
                f"'{column}'. Fix: use one of " + ", ".join(columns))
    renames = {"fid": "source_fid"} if "fid" in columns else {}
    lower = {c.lower(): c for c in columns}
    for name in spec.field_names:
        own = lower.get(name)
        if name in mapping:
            if own is not None and own != mapping[name]:
                renames[own] = f"{own}_source"
            renames[mapping[name]] = name
        elif own is not None and own != name:
            renames[own] = name
    frame = frame.rename(columns=renames)
    return frame.rename_geometry("geometry") \
        if frame.geometry.name != "geometry" else frame


def _set_constants(frame: gpd.GeoDataFrame, spec: LayerSpec,
                   constants: dict[str, str]) -> gpd.GeoDataFrame:
    frame = frame.copy()
    for name, text in constants.items():
        if name not in spec.field_names:
            raise UsageError(
                f"--set {name}={text}: '{spec.name}' has no field '{name}'. "
                "Fix: use one of " + ", ".join(spec.field_names))
        try:
            frame[name] = parse_value(text, spec.field(name).type)
        except ValueError as exc:
            raise UsageError(f"--set {name}={text}: {exc}. Fix: give "
                             f"{WANTED[spec.field(name).type]}") from None
    return frame
