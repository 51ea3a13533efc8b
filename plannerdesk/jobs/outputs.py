"""Writing results: SUMMARY.json, RESULTS.gpkg and CSV tables.

Each is written whole or not at all, and none replaces a file the results
were read from (``inputs``). CSV tables are UTF-8 with a byte-order mark,
so that Excel shows Chinese names as they are; texts a spreadsheet would
run as formulas are written as text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyogrio

from ..evaluate.run import Results
from ..evaluate.tables import (
    allocation_lines,
    building_results,
    parking_results,
    result_tables,
    summary,
    syntax_segments,
    zone_results,
)
from ..io.gpkg import write_table
from ..io.outputs import Inputs, check_folder, replacing, write_csv_table, write_failed
from ..model.language import tr
from ..model.problems import PlannerError


def write_summary(results: Results, path: Path,
                  inputs: Inputs | None = None) -> None:
    """SUMMARY.json (UTF-8), written whole or not at all; ``inputs`` are
    the files read (the plan), which it refuses to replace."""
    text = json.dumps(summary(results), indent=2, ensure_ascii=False)
    with replacing([path], tr("summary"), inputs) as (temporary,):
        temporary.write_text(text, encoding="utf-8")


def write_results(results: Results, path: Path,
                  inputs: Inputs | None = None) -> None:
    """RESULTS.gpkg: building_results, walkway_islands, coverage_gaps,
    parking_results, parking_allocation, zone_results, replacing the file
    whole or not at
    all; ``inputs`` are the files read (the plan), which it refuses to
    replace."""
    layers = {"building_results": building_results(results),
              "walkway_islands": results.context.islands.parts}
    if results.coverage is not None:
        layers["coverage_gaps"] = results.coverage.gaps
    if results.space_syntax is not None:
        layers["space_syntax"] = syntax_segments(results)
    if results.parking is not None:
        layers["parking_results"] = parking_results(results)
        layers["parking_allocation"] = allocation_lines(results)
    layers["zone_results"] = zone_results(results)
    what = tr("results")
    with replacing([path], what, inputs) as (temporary,):
        try:
            for name, frame in layers.items():
                write_table(temporary, name, frame)
        except (pyogrio.errors.DataSourceError,
                pyogrio.errors.DataLayerError) as exc:
            raise write_failed(path, what, str(exc)) from None


def write_csv(results: Results, folder: Path,
              inputs: Inputs | None = None) -> list[Path]:
    """Write every result table as ``FOLDER/<name>.csv``, all through
    temporary files moved into place together; the paths written.

    ``folder`` is created when missing (in an existing folder). A folder
    that cannot be written, or a table that would replace one of
    ``inputs``, raises a PlannerError naming it.
    """
    what = tr("CSV tables")
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


def export_folder(results: Results, folder: Path,
                  inputs: Inputs | None = None) -> list[Path]:
    """RESULTS.gpkg, SUMMARY.json and every CSV table into ``folder``; the
    paths written."""
    write_results(results, folder / "RESULTS.gpkg", inputs)
    write_summary(results, folder / "SUMMARY.json", inputs)
    return [folder / "RESULTS.gpkg", folder / "SUMMARY.json",
            *write_csv(results, folder, inputs)]
