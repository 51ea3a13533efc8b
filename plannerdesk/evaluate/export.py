"""Results as CSV tables for spreadsheets, for the command line and the app.

UTF-8 with a byte-order mark, so that Excel shows Chinese names as they are.
Per-feature tables carry the ``x`` and ``y`` of each feature's place point
(plan CRS) instead of its geometry; RESULTS.gpkg holds the geometries.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import shapely

from ..model.problems import PlannerError
from .run import Results, building_results, parking_results, zone_results

CSV_ENCODING = "utf-8-sig"


def result_tables(results: Results) -> dict[str, pd.DataFrame]:
    """Every result table by file stem, without geometry."""
    ctx = results.context
    tables = {"building_results": _located(building_results(results),
                                           ctx.buildings["point"]),
              "zone_results": zone_results(results).drop(columns="geometry")}
    if results.coverage is not None:
        tables["coverage"] = results.coverage.table.reset_index(drop=True)
        tables["coverage_zones"] = results.coverage.zones
    if results.walkability is not None:
        tables["walk_scores"] = results.walkability.zones
        tables["network_form"] = results.network_form
    if results.parking is not None:
        tables["parking_results"] = _located(parking_results(results),
                                             ctx.lots["point"])
        tables["parking_allocation"] = results.parking.allocation
        tables["idle_lots_for_deficit_zones"] = results.parking.suggestions
    if results.exchange is not None:
        tables["exchange_results"] = results.exchange.buildings \
            .rename_axis("fid").reset_index()
        tables["exchange_zones"] = results.exchange.zones
    return tables


def _located(frame: pd.DataFrame, points: pd.Series) -> pd.DataFrame:
    """``frame`` without its geometry, fid first, with the x and y of
    ``points``."""
    xy = shapely.get_coordinates(points.to_numpy())
    out = frame.drop(columns=frame.geometry.name).rename_axis("fid")
    out["x"], out["y"] = xy[:, 0], xy[:, 1]
    return out.reset_index()


def write_csv(results: Results, folder: Path) -> list[Path]:
    """Write every result table as ``FOLDER/<name>.csv``; the paths written.

    A folder that cannot be written raises a PlannerError naming it.
    """
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in result_tables(results).items():
            path = folder / f"{name}.csv"
            table.to_csv(path, index=False, encoding=CSV_ENCODING)
            written.append(path)
    except OSError as exc:
        raise PlannerError(
            f"{folder}: cannot write the CSV results there "
            f"({exc.strerror or exc}). Fix: choose a folder you can write "
            "to") from None
    return written
