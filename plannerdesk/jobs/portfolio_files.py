"""A batch's portfolio on disk: ``portfolio.csv`` and ``portfolio.gpkg``
(one row per plan and scenario: its headline figures, its outline, its
findings counted) and ``failures.csv`` (the plans that failed, with
their reasons), each written whole or not at all."""

from __future__ import annotations

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
from ..model.scenarios import scenario_label

CSV, GPKG, FAILURES = "portfolio.csv", "portfolio.gpkg", "failures.csv"
LAYER = "portfolio"
GEOGRAPHIC = "EPSG:4326"   # one CRS for sites in many


def portfolio_frame(outcomes: list[dict], out: Path) -> gpd.GeoDataFrame:
    """One row per outcome, in their order: :data:`META`, ``seconds``,
    every figure (columns_of) and the study area's outline in longitude
    and latitude (none for a failure). ``name`` is the site's, with the
    plan's file name where plans share it."""
    rows, outlines = [], []
    for found in outcomes:
        data = found["summary"] or {}
        outputs = found["outputs"]
        rows.append({
            "name": data.get("site_name") or found["plan"].stem,
            "plan": str(found["plan"]),
            "scenario": scenario_label(found["scenario"])
            if found["scenario"] else "",
            "status": found["status"], "reason": found["reason"],
            "outputs": outputs.relative_to(out).as_posix()
            if outputs else "",
            "seconds": round(found["seconds"], 2),
            **(portfolio_row(data) if data else {})})
        outlines.append(_outline(data))
    frame = pd.DataFrame(rows)
    shared = frame.groupby("name")["plan"].transform("nunique") > 1
    frame.loc[shared, "name"] += " (" + frame.loc[shared, "plan"].map(
        lambda p: Path(p).name) + ")"
    keys = [c.key for c in columns_of(frame.columns)]
    frame = frame.reindex(columns=[*META, "seconds", *keys])
    return gpd.GeoDataFrame(frame, geometry=outlines, crs=GEOGRAPHIC)


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
