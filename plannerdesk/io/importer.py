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
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS

from ..model.crs import describe
from ..model.duplicates import identical_to, repeated
from ..model.fields import WANTED, parse_value
from ..model.language import N_, tr
from ..model.plan import Plan
from ..model.problems import FeaturesRefused, PlannerError, Problem, UsageError, errors
from ..model.schema import LayerSpec, layer_spec
from ..model.validation import encloses_no_area, feature_label
from .gpkg import write_table
from .outputs import replacing
from .source_columns import REFUSED_REASON, map_fields, unfilled_fields
from .sources import read_source
from .stored_types import mistyped_cells
from .table_points import table_points


@dataclass
class ImportResult:
    """What an import added and what it found on the way; ``refused`` holds
    the features ``skip_invalid`` left out (as read, with their reasons)."""

    layer: str
    fids: pd.Index
    problems: list[Problem] = field(default_factory=list)
    refused: gpd.GeoDataFrame | None = None


def import_file(plan: Plan, source: str | Path, kind: str, *,
                layer: str | None = None,
                mapping: dict[str, str] | None = None,
                constants: dict[str, str] | None = None,
                source_crs: CRS | None = None, x_field: str | None = None,
                y_field: str | None = None, skip_invalid: bool = False,
                keep_duplicates: bool = False) -> ImportResult:
    """Add the features of ``source`` to layer ``kind`` of ``plan``.

    ``x_field`` / ``y_field`` name the coordinate columns of a table without
    geometry. Polygons enclosing no area are left out with a warning each,
    and so are features identical to ones already in the layer (unless
    ``keep_duplicates``). When any other feature has an error, raises a
    PlannerError carrying the problems and leaves the plan as it was; with
    ``skip_invalid`` the others are added and those come back in
    ``refused``.
    """
    try:
        spec = layer_spec(kind)
    except KeyError as exc:
        raise UsageError(str(exc.args[0])) from None
    source = Path(source)
    frame = read_source(source, layer)
    problems = _mistyped(source, layer, frame)
    if not isinstance(frame, gpd.GeoDataFrame):
        frame, found = table_points(
            frame, source, x_field=x_field, y_field=y_field,
            source_crs=source_crs, plan_crs=plan.crs)
        problems += found
    elif x_field or y_field:
        raise UsageError(tr(
            "{name} has its own geometry; --x-field and --y-field are for a "
            "table without one, such as a CSV. Fix: leave them out").format(
                name=source.name))
    as_read = _in_crs(frame, plan.crs, source, source_crs, problems)
    frame = map_fields(as_read, spec, mapping or {}, source)
    frame = _set_constants(frame, spec, constants or {})
    problems += unfilled_fields(frame, spec, source)
    held = {p.row for p in errors(problems)}  # unreadable before conforming
    frame, found = plan.conform_features(kind, frame.drop(index=list(held)),
                                         source=source.name)
    frame, found = _leave_out_flat(frame, spec, found, source.name)
    found = problems + found
    refused = _refused(found, as_read, source, kind, skip_invalid)
    frame = frame.drop(index=[r for r in frame.index if refused is not None
                              and r in refused.index])
    problems = [p for p in found if refused is None or
                p.row not in refused.index]
    if not keep_duplicates:
        frame, left_out = _leave_out_identical(frame, plan[kind], kind)
        problems += left_out
    return ImportResult(kind, plan.append_features(kind, frame), problems,
                        refused)


def _leave_out_flat(frame: gpd.GeoDataFrame, spec: LayerSpec,
                    found: list[Problem], source: str
                    ) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Drop the polygons that enclose no area, even once repaired (a
    sliver of collinear vertices, a ring that repairs into a line), with a
    warning each in place of their other problems."""
    if "polygon" not in spec.geom_kinds:
        return frame, found
    rows = frame.index[encloses_no_area(frame.geometry.array)]
    if not len(rows):
        return frame, found
    kept = [p for p in found if p.row not in rows]
    for row in rows:
        kept.append(Problem(
            "warning", tr("encloses no area (its vertices lie on one line or "
                          "at one point, or it repairs into a line), so it "
                          "is left out"),
            tr("if it is real, redraw its outline in the source and import "
               "it again"), source, spec.name,
            feature_label(frame, row), row=row))
    return frame.drop(index=rows), kept


def _refused(found: list[Problem], as_read: gpd.GeoDataFrame, source: Path,
             kind: str, skip_invalid: bool) -> gpd.GeoDataFrame | None:
    """The features with errors, as read and with their reasons, when
    ``skip_invalid``; otherwise a PlannerError carrying every problem
    found when there are any."""
    bad = errors(found)
    whole = [p for p in bad if p.row is None]
    if whole:
        raise PlannerError(tr(
            "{name}: {count} problem(s) stop adding features to '{layer}'; "
            "the plan is unchanged").format(name=source.name, count=len(bad),
                                            layer=kind), found)
    if bad and not skip_invalid:
        raise FeaturesRefused(tr(
            "{name}: {count} problem(s) stop adding features to '{layer}'; "
            "the plan is unchanged. Fix: correct them in the source, or "
            "import the others (--skip-invalid) and write these to a "
            "GeoPackage beside the plan").format(
                name=source.name, count=len(bad), layer=kind), found)
    if not bad:
        return None
    reasons: dict = {}
    for problem in bad:
        reasons.setdefault(problem.row, []).append(
            tr("{message}. Fix: {fix}").format(message=problem.message,
                                               fix=problem.fix))
    rows = [r for r in as_read.index if r in reasons]
    refused = as_read.loc[rows].copy()
    refused[REFUSED_REASON] = ["; ".join(reasons[r]) for r in rows]
    return refused


def _leave_out_identical(frame: gpd.GeoDataFrame, layer: gpd.GeoDataFrame,
                         kind: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Drop the features identical to ones already in the layer (a file
    imported twice) or to another in the file, with a warning each."""
    same, twice = identical_to(frame, layer), repeated(frame)
    problems = []
    if same.any():
        problems.append(Problem(
            "warning", tr("{count} feature(s) are identical to features "
                          "already in '{layer}' (the same geometry and "
                          "attributes), so they are left out: was this file "
                          "imported before?").format(count=int(same.sum()),
                                                     layer=kind),
            tr("add --keep-duplicates to import them all the same"),
            layer=kind))
    if (twice & ~same).any():
        problems.append(Problem(
            "warning", tr("{count} feature(s) repeat another of the file "
                          "exactly, so each is imported once").format(
                              count=int((twice & ~same).sum())),
            tr("add --keep-duplicates to import every copy"), layer=kind))
    return frame[~(same | twice)], problems


def _mistyped(source: Path, layer: str | None,
              frame: pd.DataFrame) -> list[Problem]:
    """An error for every cell of a GeoPackage source that holds text (or
    another value) its number or true/false column cannot."""
    info = pyogrio.read_info(source, layer=layer)
    if info["driver"] != "GPKG":
        return []
    return mistyped_cells(source, info["layer_name"], frame.columns)


def _in_crs(frame: gpd.GeoDataFrame, crs: CRS, source: Path,
            source_crs: CRS | None,
            problems: list[Problem]) -> gpd.GeoDataFrame:
    if source_crs is not None:
        if frame.crs is not None and frame.crs != source_crs:
            problems.append(Problem(
                "warning", tr("the file says {crs}; --source-crs {given} is "
                              "used instead").format(
                                  crs=describe(frame.crs),
                                  given=describe(source_crs)), "",
                source.name))
        frame = frame.set_crs(source_crs, allow_override=True)
    elif frame.crs is None:
        raise PlannerError(tr(
            "{name} has no coordinate reference system. Fix: name it with "
            "--source-crs, e.g. --source-crs EPSG:4326 for longitude/"
            "latitude or --source-crs {crs} if it was drawn in the plan's "
            "CRS").format(name=source.name, crs=describe(crs)))
    _refuse_false_degrees(frame, source)
    if frame.crs != crs:
        problems.append(Problem(
            "info", tr("reprojected from {crs} to the plan's {plan_crs}")
            .format(crs=describe(frame.crs), plan_crs=describe(crs)), "",
            source.name))
        frame = frame.to_crs(crs)
    return frame


def _set_constants(frame: gpd.GeoDataFrame, spec: LayerSpec,
                   constants: dict[str, str]) -> gpd.GeoDataFrame:
    frame = frame.copy()
    for name, text in constants.items():
        if name not in spec.field_names:
            raise UsageError(tr(
                "--set {field}={value}: '{layer}' has no field '{field}'. "
                "Fix: use one of {fields}").format(
                    field=name, value=text, layer=spec.name,
                    fields=", ".join(spec.field_names)))
        try:
            frame[name] = parse_value(text, spec.field(name).type)
        except ValueError as exc:
            raise UsageError(tr(
                "--set {field}={value}: {error}. Fix: give {wanted}").format(
                    field=name, value=text, error=exc,
                    wanted=tr(WANTED[spec.field(name).type]))) from None
    return frame


def refused_file(plan: Path, source: Path) -> Path:
    """Where ``skip_invalid`` imports write the features they refuse:
    ``PLAN_refused_SOURCE.gpkg`` beside the plan."""
    return plan.with_name(f"{plan.stem}_refused_{source.stem}.gpkg")


def write_refused(result: ImportResult, path: Path) -> None:
    """The refused features, as read and with their reasons, as layer
    ``result.layer`` of a GeoPackage replacing ``path`` whole."""
    with replacing([path], N_("refused features")) as (temporary,):
        write_table(temporary, result.layer, result.refused)


def _refuse_false_degrees(frame: gpd.GeoDataFrame, source: Path) -> None:
    """A PlannerError when a source said to be in degrees holds numbers
    no longitude or latitude can be (metres labelled EPSG:4326)."""
    if not frame.crs.is_geographic or not len(frame):
        return
    xy = shapely.get_coordinates(frame.geometry.array)
    xy = xy[np.isfinite(xy).all(axis=1)]
    if len(xy) and ((np.abs(xy[:, 0]) > 180) | (np.abs(xy[:, 1]) > 90)).any():
        raise PlannerError(tr(
            "{name} says its coordinates are longitude / latitude ({crs}), "
            "but they reach {most:,.0f}, which no degree can: they are in "
            "another CRS. Fix: name the CRS they are in with --source-crs, "
            "e.g. --source-crs EPSG:4549").format(
                name=source.name, crs=describe(frame.crs),
                most=np.abs(xy).max()))
