"""Points from the coordinate columns of a table without geometry (a CSV).

The columns are named with ``--x-field`` / ``--y-field``, or found by their
names: x / y, lon / lat, lng / lat, longitude / latitude, in any case. The
table's CRS is ``--source-crs``; without it, EPSG:4326 is taken only when the
columns are named as longitude / latitude and every value lies within
their range. Rows count from 1 below the header, as the source's fids do.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS

from ..model.crs import describe
from ..model.language import tr
from ..model.problems import Problem, UsageError

PAIRS = (("x", "y"), ("lon", "lat"), ("lng", "lat"),
         ("longitude", "latitude"))
LONLAT = "EPSG:4326"


def table_points(table: pd.DataFrame, source: Path, *,
                 x_field: str | None = None, y_field: str | None = None,
                 source_crs: CRS | None = None, plan_crs: CRS,
                 ) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """``table`` as points from its coordinate columns (which are dropped),
    in ``source_crs`` or EPSG:4326 as the module says, with an info saying
    which columns were taken. A UsageError when the columns or the CRS
    cannot be told (its hint names ``plan_crs``). A row whose coordinates
    cannot be read has no geometry and an error naming it."""
    x_col, y_col = _columns(table, source, x_field, y_field)
    x, y = (pd.to_numeric(table[c].astype("str").str.strip(),
                          errors="coerce").to_numpy(dtype=float)
            for c in (x_col, y_col))
    problems = _check_rows(table, source, (x_col, x), (y_col, y))
    crs = source_crs or _lonlat_or_refuse(source, (x_col, y_col), x, y,
                                           plan_crs)
    taken = tr("points from the columns '{x}' (x) and '{y}' (y)") \
        if source_crs else tr(
            "points from the columns '{x}' (x) and '{y}' (y), taken as "
            "longitude / latitude ({crs}) since no --source-crs was given")
    problems.append(Problem(
        "info", taken.format(x=x_col, y=y_col, crs=LONLAT), "", source.name))
    readable = np.isfinite(x) & np.isfinite(y)
    points = gpd.GeoDataFrame(table.drop(columns=[x_col, y_col]),
                              geometry=np.where(readable, shapely.points(
                                  x, y), None), crs=crs)
    return points, problems


def _columns(table: pd.DataFrame, source: Path, x_field: str | None,
             y_field: str | None) -> tuple[str, str]:
    columns = [str(c) for c in table.columns]
    if (x_field is None) != (y_field is None):
        raise UsageError(tr("--x-field and --y-field go together. Fix: give "
                            "both, e.g. --x-field X --y-field Y"))
    if x_field is not None:
        chosen = _named(columns, x_field, "--x-field", source), \
            _named(columns, y_field, "--y-field", source)
    else:
        lower = {c.lower(): c for c in reversed(columns)}
        chosen = next(((lower[x], lower[y]) for x, y in PAIRS
                       if x in lower and y in lower), None)
    if chosen is None:
        raise UsageError(tr(
            "{name} is a table without geometry and has no columns named "
            "x / y, lon / lat or longitude / latitude. Fix: name its "
            "coordinate columns with --x-field COLUMN --y-field COLUMN and "
            "their CRS with --source-crs EPSG:NNNN; its columns are: "
            "{columns}").format(name=source.name, columns=", ".join(columns)))
    twice = [c for c in dict.fromkeys(chosen) if columns.count(c) > 1]
    if twice:
        raise UsageError(tr(
            "{name} has more than one column named '{column}', so its "
            "coordinates are ambiguous. Fix: rename the columns so each "
            "name is used once").format(name=source.name, column=twice[0]))
    return chosen


def _named(columns: list[str], name: str, option: str, source: Path) -> str:
    if name in columns:
        return name
    same = [c for c in columns if c.lower() == name.lower()]
    if len(same) == 1:
        return same[0]
    raise UsageError(tr(
        "{option} {column}: {name} has no column '{column}'. Fix: use one of "
        "{columns}").format(option=option, column=name, name=source.name,
                            columns=", ".join(columns)))


def _check_rows(table: pd.DataFrame, source: Path,
                *axes: tuple[str, np.ndarray]) -> list[Problem]:
    """An error for each row whose coordinate cannot be read."""
    problems = []
    for column, values in axes:
        text = table[column].astype("str").str.strip()
        empty = (table[column].isna() | (text == "")).to_numpy()
        bad = ~np.isfinite(values)
        for row, value, blank in zip(table.index[bad], text[bad], empty[bad],
                                     strict=True):
            problems.append(Problem(
                "error", tr("'{column}' is empty").format(column=column)
                if blank else tr("'{column}' is {value!r}, not a number")
                .format(column=column, value=value),
                tr("enter the row's '{column}' coordinate as a number, or "
                   "delete the row").format(column=column), source.name, "",
                tr("row {row}").format(row=row), row=row))
    return problems


def _lonlat_or_refuse(source: Path, columns: tuple[str, str], x: np.ndarray,
                      y: np.ndarray, plan_crs: CRS) -> str:
    named = tuple(c.lower() for c in columns) in PAIRS[1:]
    read = np.isfinite(x) & np.isfinite(y)
    inside = bool(np.all((np.abs(x[read]) <= 180) & (np.abs(y[read]) <= 90)))
    if named and inside:
        return LONLAT
    message = tr(
        "{name}: some values lie beyond longitude / latitude range. Fix: "
        "name it with --source-crs, e.g. --source-crs {plan_crs} if they are "
        "in the plan's CRS, or --source-crs EPSG:4326 for longitude / "
        "latitude") if named else tr(
        "{name}: the columns '{x}' and '{y}' do not say which coordinate "
        "reference system they are in. Fix: name it with --source-crs, e.g. "
        "--source-crs {plan_crs} if they are in the plan's CRS, or "
        "--source-crs EPSG:4326 for longitude / latitude")
    raise UsageError(message.format(name=source.name, x=columns[0],
                                    y=columns[1],
                                    plan_crs=describe(plan_crs)))
