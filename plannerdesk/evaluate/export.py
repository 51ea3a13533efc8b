"""Results as CSV tables for spreadsheets, for the command line and the app.

UTF-8 with a byte-order mark, so that Excel shows Chinese names as they are;
texts a spreadsheet would run as formulas are written as text. Per-feature
tables carry the ``x`` and ``y`` of each feature's place point (plan CRS)
instead of its geometry; RESULTS.gpkg holds the geometries.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import shapely

from ..io.outputs import (
    CSV_ENCODING,
    Inputs,
    check_folder,
    replacing,
    write_csv_table,
    write_failed,
)
from ..model.problems import PlannerError
from .run import Results, building_results, parking_results, zone_results

__all__ = ["CSV_ENCODING", "result_tables", "write_csv"]


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


def write_csv(results: Results, folder: Path,
              inputs: Inputs | None = None) -> list[Path]:
    """Write every result table as ``FOLDER/<name>.csv``, all through
    temporary files moved into place together; the paths written.

    ``folder`` is created when missing (in an existing folder). A folder
    that cannot be written, or a table that would replace one of
    ``inputs``, raises a PlannerError naming it.
    """
    what = "CSV tables"
    check_folder(folder, what, inputs)
    tables = result_tables(results)
    paths = [folder / f"{name}.csv" for name in tables]
    created = not folder.exists()
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise write_failed(folder, what, exc.strerror or str(exc)) from None
    try:
        with replacing(paths, what, inputs) as temporaries:
            for table, temporary in zip(tables.values(), temporaries):
                write_csv_table(table, temporary)
    except PlannerError:
        if created:
            folder.rmdir()
        raise
    return paths
