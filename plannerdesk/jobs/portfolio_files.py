"""A batch's portfolio on disk: ``portfolio.csv`` and ``portfolio.gpkg``
(one row per plan and scenario: its headline figures, its outline, its
findings counted) and ``failures.csv`` (the plans that failed, with
their reasons), each written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from ..evaluate.portfolio import FAILED, META, columns_of, portfolio_row
from ..io.gpkg import write_table
from ..io.outputs import replacing, write_csv_table, write_failed
from ..model.language import tr

CSV, GPKG, FAILURES = "portfolio.csv", "portfolio.gpkg", "failures.csv"
LAYER = "portfolio"
GEOGRAPHIC = "EPSG:4326"   # one CRS for sites in many


def portfolio_frame(outcomes: list[dict], out: Path) -> gpd.GeoDataFrame:
    """One row per outcome, in their order: :data:`META`, ``seconds``,
    every figure (columns_of) and the study area's outline in longitude
    and latitude (none for a failure). ``name`` is the site's, with the
    plan's path where plans share it; ``scenario`` as stored (the existing
    layout's is ``Existing`` in any language), '' for a plan not read."""
    rows, outlines = [], []
    for found in outcomes:
        data = found["summary"] or {}
        outputs = found["outputs"]
        rows.append({
            "name": data.get("site_name") or found["plan"].stem,
            "plan": str(found["plan"]),
            "scenario": found["scenario"],
            "status": found["status"], "reason": found["reason"],
            "outputs": outputs.relative_to(out).as_posix()
            if outputs else "",
            "seconds": round(found["seconds"], 2),
            **(portfolio_row(data) if data else {})})
        outlines.append(_outline(data))
    frame = pd.DataFrame(rows)
    frame["name"] = _unique_names(frame)
    columns = columns_of(frame.columns)
    frame = frame.reindex(columns=[*META, "seconds",
                                   *(c.key for c in columns)])
    for column in columns:   # counts as counts, not 453.0
        values = frame[column.key]
        if column.decimals == 0 and "%" not in column.form and \
                (values.dropna() % 1 == 0).all():
            frame[column.key] = values.astype("Int64")
    return gpd.GeoDataFrame(frame, geometry=outlines, crs=GEOGRAPHIC)


def _unique_names(frame: pd.DataFrame) -> pd.Series:
    """Each plan's site name, with its path below the plans' common
    folder where plans share a name."""
    names = frame["name"].copy()
    shared = frame.groupby("name")["plan"].transform("nunique") > 1
    if shared.any():
        paths = frame.loc[shared, "plan"].map(Path)
        common = Path(os.path.commonpath([p.parent for p in paths]))
        names[shared] += " (" + paths.map(
            lambda p: p.relative_to(common).as_posix()) + ")"
    return names


def _outline(data: dict):
    """The study area's outline in longitude and latitude, or None."""
    wkt = (data.get("study_area") or {}).get("outline")
    if not wkt:
        return None
    try:
        crs = CRS.from_user_input(data["plan_crs"])
    except (CRSError, KeyError):
        return None
    return gpd.GeoSeries([shapely.from_wkt(wkt)], crs=crs).to_crs(
        GEOGRAPHIC).iloc[0]


def write_portfolio(frame: gpd.GeoDataFrame, out: Path) -> list[Path]:
    """portfolio.csv, portfolio.gpkg and failures.csv into ``out``; the
    paths written."""
    paths = [out / CSV, out / GPKG, out / FAILURES]
    what = tr("portfolio")
    failed = frame[frame["status"] == FAILED]
    with replacing(paths, what) as (csv, gpkg, failures):
        write_csv_table(pd.DataFrame(frame.drop(columns="geometry")), csv)
        write_csv_table(failed[["plan", "scenario", "reason"]], failures)
        try:
            write_table(gpkg, LAYER, frame.set_axis(
                pd.RangeIndex(1, len(frame) + 1)), "Polygon")
        except (pyogrio.errors.DataSourceError,
                pyogrio.errors.DataLayerError) as exc:
            raise write_failed(out / GPKG, what, str(exc)) from None
    return paths
