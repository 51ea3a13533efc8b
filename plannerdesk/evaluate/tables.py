"""Results as tables: the headline figures (SUMMARY.json's content), and
per building, lot, allocation and zone, with geometry or as plain tables
for spreadsheets (``x`` and ``y`` of each feature's place point instead of
its geometry). Written by :mod:`plannerdesk.jobs.outputs`, drawn by the
report."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .encounter import EncounterResult
from .exchange import ExchangeResult
from .parking import ParkingResult
from .parking_hours import ParkingHours
from .run import Results
from .space_syntax import SyntaxResult


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
    names = ctx.plan["site"]["name"].dropna()
    out: dict = {"site_name": str(names.iloc[0]) if len(names) else None,
                 "plan_crs": ctx.plan.crs.to_string(),
                 "problems": [str(p) for p in results.problems],
                 "study_area": _clean(ctx.study_area.as_dict()),
                 "walkway_islands": _records(pd.DataFrame(
                     ctx.islands.parts.drop(columns="geometry")))}
    if results.coverage is not None:
        out["coverage"] = _records(results.coverage.table)
        out["coverage_zones"] = _records(results.coverage.per_zone)
        out["coverage_groups"] = _records(results.coverage.groups)
    for name in ("walkability", "network_form", "space_syntax", "parking",
                 "parking_hours", "exchange", "encounter"):
        result = getattr(results, name)
        if result is not None:
            out[name] = _clean({**result.site, **_extra(result),
                                "zones": _records(result.per_zone)})
    out["findings"] = [{"kind": f.kind, "subject": f.subject, "text": f.text,
                        "remedy": f.remedy} for f in results.findings]
    return out


def _extra(result) -> dict:
    """What an evaluator reports beside its site's figures."""
    if isinstance(result, ParkingResult):
        return {"peak_period": result.peak_period,
                "idle_lots_for_deficit_zones": _records(result.suggestions)}
    if isinstance(result, ParkingHours):
        return {"lots": _records(result.lots.drop(columns="lot"))}
    if isinstance(result, ExchangeResult):
        return {"walk_limit_m": result.limit_m}
    if isinstance(result, SyntaxResult):
        return {"radii_m": list(result.radii)}
    if isinstance(result, EncounterResult):
        return {"encounter_walk_m": result.encounter_m,
                "walk_limit_m": result.limit_m,
                "pairs": _records(result.pairs),
                "spaces": _records(result.spaces)}
    return {}


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


def syntax_segments(results: Results) -> gpd.GeoDataFrame:
    """Every street segment with its space syntax measures."""
    result = results.space_syntax
    return gpd.GeoDataFrame(result.segments.rename_axis("segment"),
                            geometry=result.geometry,
                            crs=results.context.plan.crs)


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
    if results.parking_hours is not None:
        table = table.join(results.parking_hours.zones.set_index("zone")
                           .add_prefix("hours_"))
    if results.network_form is not None:
        table = table.join(results.network_form.zones.set_index("zone"))
    if results.space_syntax is not None:
        table = table.join(results.space_syntax.zones.set_index("zone")
                           .drop(columns=["segments", "length_m"])
                           .add_prefix("syntax_"))
    if results.exchange is not None:
        table = table.join(results.exchange.zones.set_index("zone")
                           .add_prefix("exchange_"))
    if results.encounter is not None:
        table = table.join(results.encounter.zones.set_index("zone")
                           .add_prefix("encounter_"))
    if results.coverage is not None:
        wide = results.coverage.per_zone.pivot(index="zone", columns="target",
                                            values="share_site_area")
        table = table.join(wide.add_prefix("coverage_"))
    return gpd.GeoDataFrame(table.rename_axis("zone").reset_index(),
                            geometry=zones.geometry.to_numpy(),
                            crs=ctx.plan.crs)


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
    if results.network_form is not None:
        tables["network_form"] = results.network_form.zones
    if results.space_syntax is not None:
        middle = shapely.line_interpolate_point(
            results.space_syntax.geometry, 0.5, normalized=True)
        xy = shapely.get_coordinates(middle) if len(middle) else \
            np.zeros((0, 2))
        tables["space_syntax"] = results.space_syntax.segments.rename_axis(
            "segment").reset_index().assign(x=xy[:, 0], y=xy[:, 1])
    if results.parking is not None:
        tables["parking_results"] = _located(parking_results(results),
                                             ctx.lots["point"])
        tables["parking_allocation"] = results.parking.allocation
        tables["idle_lots_for_deficit_zones"] = results.parking.suggestions
    if results.parking_hours is not None:
        tables["parking_zone_hours"] = results.parking_hours.hours
        tables["parking_lot_hours"] = results.parking_hours.lot_hours.join(
            ctx.lots["name"], on="lot")
    if results.exchange is not None:
        tables["exchange_results"] = results.exchange.buildings \
            .rename_axis("fid").reset_index()
        tables["exchange_zones"] = results.exchange.zones
    if results.encounter is not None:
        tables["encounter_spaces"] = results.encounter.spaces
        tables["encounter_pairs"] = results.encounter.pairs
    return tables


def _located(frame: pd.DataFrame, points: pd.Series) -> pd.DataFrame:
    """``frame`` without its geometry, fid first, with the x and y of
    ``points``."""
    xy = shapely.get_coordinates(points.to_numpy())
    out = frame.drop(columns=frame.geometry.name).rename_axis("fid")
    out["x"], out["y"] = xy[:, 0], xy[:, 1]
    return out.reset_index()
