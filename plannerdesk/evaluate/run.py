"""Running the evaluators on a plan, and their results as JSON and GeoPackage.

:func:`evaluate` is the one entry used by the command line, the app and the
report, so every figure is computed the same way everywhere.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..io.gpkg import write_table
from ..io.outputs import Inputs, replacing, write_failed
from ..model.plan import Plan
from ..model.problems import Problem
from .context import Context, prepare
from .coverage import CoverageResult, coverage
from .exchange import ExchangeResult, exchange
from .names import EVALUATORS
from .network_form import network_form
from .parking import ParkingResult, parking_mismatch
from .walkability import WalkResult, walkability

Progress = Callable[[str], None]


@dataclass
class Results:
    """What the evaluators found; absent parts were not asked for."""

    context: Context
    coverage: CoverageResult | None = None
    walkability: WalkResult | None = None
    network_form: pd.DataFrame | None = None
    parking: ParkingResult | None = None
    exchange: ExchangeResult | None = None
    problems: list[Problem] = field(default_factory=list)


def evaluate(plan: Plan, *, only: tuple[str, ...] = EVALUATORS,
             progress: Progress | None = None) -> Results:
    """Run the evaluators named in ``only`` on ``plan``."""
    say = progress or (lambda _: None)
    s = plan.settings
    say("building the pedestrian network")
    ctx = prepare(plan)
    results = Results(context=ctx, problems=list(ctx.problems))
    if not len(plan["buildings"]):
        results.problems.append(Problem(
            "warning", "the plan has no buildings, so building-based figures "
            "are empty", "draw buildings or import them with --as buildings",
            layer="buildings"))
    if "coverage" in only:
        say("coverage")
        results.coverage = coverage(ctx, radii=s.coverage.radii_m,
                                    straight=s.coverage.method == "straight")
        results.problems += results.coverage.problems
    if "walkability" in only:
        say("walkability")
        results.walkability = walkability(ctx, walk=s.walk, parking=s.parking)
        results.network_form = network_form(ctx, walk=s.walk)
    if "parking" in only:
        say("parking supply and demand")
        results.parking = parking_mismatch(ctx, parking=s.parking)
        results.problems += results.parking.problems
    if "exchange" in only:
        say("innovation exchange")
        results.exchange = exchange(ctx, exchange=s.exchange, walk=s.walk)
    return results


def _clean(value):
    """JSON-safe scalars: NaN and inf become null, numpy types plain."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(value) else float(value)
    if value is pd.NA:
        return None
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return _clean(frame.astype(object).to_dict(orient="records"))


def summary(results: Results) -> dict:
    """The headline figures, as documented in the README."""
    ctx = results.context
    out: dict = {"plan_crs": ctx.plan.crs.to_string(),
                 "problems": [str(p) for p in results.problems],
                 "study_area": _clean(ctx.study_area.as_dict()),
                 "walkway_islands": _records(pd.DataFrame(
                     ctx.islands.parts.drop(columns="geometry")))}
    if results.coverage is not None:
        out["coverage"] = _records(results.coverage.table)
        out["coverage_zones"] = _records(results.coverage.zones)
    if results.walkability is not None:
        site = results.network_form.iloc[0]
        out["walkability"] = _clean({
            "score": results.walkability.score,
            "band": results.walkability.band,
            "intersection_density_per_km2":
                site["intersection_density_per_km2"],
            "mean_block_length_m": site["mean_block_length_m"],
            "ped_shed_ratio": site["ped_shed_ratio"],
            "route_directness": site["route_directness"],
            "zones": _records(results.network_form.iloc[1:])})
    if results.parking is not None:
        p = results.parking
        out["parking"] = _clean({**p.site, "zones": _records(p.zones),
                                 "idle_lots_for_deficit_zones":
                                     _records(p.suggestions)})
    if results.exchange is not None:
        zones = results.exchange.zones
        out["exchange"] = {"walk_limit_m": results.exchange.limit_m,
                           "site": _records(zones.iloc[:1])[0],
                           "zones": _records(zones.iloc[1:])}
    return out


def write_summary(results: Results, path: Path,
                  inputs: Inputs | None = None) -> None:
    """SUMMARY.json (UTF-8), written whole or not at all; ``inputs`` are
    the files read (the plan), which it refuses to replace."""
    text = json.dumps(summary(results), indent=2, ensure_ascii=False)
    with replacing([path], "summary", inputs) as (temporary,):
        temporary.write_text(text, encoding="utf-8")


def building_results(results: Results) -> gpd.GeoDataFrame:
    """Every building with its source attributes and its results."""
    ctx = results.context
    out = ctx.plan["buildings"].copy()
    out["zone"] = ctx.buildings["zone"]
    island = ctx.islands.place_island["buildings"]
    out["walkway_island"] = pd.array(np.where(island >= 0, island + 1, None),
                                     dtype="Int64")
    parts = []
    if results.walkability is not None:
        parts.append(results.walkability.buildings)
    if results.parking is not None:
        parts.append(results.parking.buildings[["parking_demand",
                                                "parking_unmet"]])
    if results.exchange is not None:
        parts.append(results.exchange.buildings[[
            "walk_to_exchange_m", "walk_to_open_exchange_m",
            "walk_to_non_open_exchange_m", "subject_types_nearby",
            "walk_university_enterprise_m"]])
    for part in parts:
        out = out.join(part)
    geometry = out.pop(out.geometry.name)
    return gpd.GeoDataFrame(out, geometry=geometry.rename("geometry"),
                            crs=ctx.plan.crs)


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
    if results.parking is not None:
        layers["parking_results"] = parking_results(results)
        layers["parking_allocation"] = allocation_lines(results)
    layers["zone_results"] = zone_results(results)
    with replacing([path], "results", inputs) as (temporary,):
        try:
            for name, frame in layers.items():
                write_table(temporary, name, frame)
        except (pyogrio.errors.DataSourceError,
                pyogrio.errors.DataLayerError) as exc:
            raise write_failed(path, "results", str(exc)) from None


def parking_results(results: Results) -> gpd.GeoDataFrame:
    """Every lot with its capacity, use, idle spaces and zone."""
    ctx = results.context
    lots = results.parking.lots.drop(columns="zone").join(ctx.lots[["zone"]])
    return gpd.GeoDataFrame(lots, geometry=ctx.plan["parking"].geometry,
                            crs=ctx.plan.crs)


def allocation_lines(results: Results) -> gpd.GeoDataFrame:
    """Which lot serves which building: a line from building to lot."""
    ctx, table = results.context, results.parking.allocation
    start = ctx.buildings.loc[table["building"], "point"].to_numpy()
    end = ctx.lots.loc[table["lot"], "point"].to_numpy()
    lines = shapely.linestrings(np.stack([shapely.get_coordinates(start),
                                          shapely.get_coordinates(end)],
                                         axis=1)) if len(table) else []
    return gpd.GeoDataFrame(table.reset_index(drop=True), geometry=lines,
                            crs=ctx.plan.crs)


def zone_results(results: Results) -> gpd.GeoDataFrame:
    """Every zone with its parking, walk score, network form, exchange and
    coverage (share of zone area per target) figures."""
    ctx = results.context
    zones = ctx.zones.set_index("name")
    table = pd.DataFrame(index=zones.index)
    if results.walkability is not None:
        table = table.join(results.walkability.zones.set_index("zone")
                           [["walk_score"]])
    if results.parking is not None:
        table = table.join(results.parking.zones.set_index("zone")
                           .add_prefix("parking_"))
    if results.network_form is not None:
        table = table.join(results.network_form.set_index("zone"))
    if results.exchange is not None:
        table = table.join(results.exchange.zones.set_index("zone")
                           .add_prefix("exchange_"))
    if results.coverage is not None:
        wide = results.coverage.zones.pivot(index="zone", columns="target",
                                            values="share_site_area")
        table = table.join(wide.add_prefix("coverage_"))
    return gpd.GeoDataFrame(table.rename_axis("zone").reset_index(),
                            geometry=zones.geometry.to_numpy(),
                            crs=ctx.plan.crs)
