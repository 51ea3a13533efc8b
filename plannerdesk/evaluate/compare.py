"""Comparing two scenarios: the change of every headline figure, and where
things changed (coverage gaps closed and opened, buildings whose walk score
moved, zones whose parking shortfall moved).

Both sides are ordinary :class:`Results` of :func:`evaluate`, so every
number is the one the app, the command line and the report show.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from ..io.gpkg import write_table
from .run import Results
from .shape import FIGURES, figure

MIN_GAP_M2 = 1.0        # smaller pieces of a gap difference are slivers
SAME = 1e-9             # changes this small are no change
HEADLINE_COLUMNS = ["group", "figure", "unit", "base", "proposal", "delta",
                    "better"]

@dataclass(frozen=True)
class Comparison:
    """``proposal`` against ``base``.

    ``headline``: one row per headline figure, indexed by a stable key
    (``walkability.walk_score``, ``coverage.cafe.share_employees``...),
    columns :data:`HEADLINE_COLUMNS` (the figures of
    :data:`~plannerdesk.evaluate.shape.FIGURES`); ``better`` is NA when the figure has no
    better direction or did not change. ``gaps_closed`` / ``gaps_opened``:
    one row per piece of coverage gap (target, area_m2). ``walk_score_change``:
    buildings in both (by fid) whose score moved by the proposal's
    ``walk.score_change_step`` or more
    (name, zone, before, after, delta), in the proposal's outline.
    ``parking_change``: every zone (supply, demand and unmet before and
    after, unmet_delta, flag_before, flag_after).
    """

    base_name: str
    proposal_name: str
    headline: pd.DataFrame
    gaps_closed: gpd.GeoDataFrame
    gaps_opened: gpd.GeoDataFrame
    walk_score_change: gpd.GeoDataFrame
    parking_change: gpd.GeoDataFrame


def compare(base: Results, proposal: Results, *, base_name: str,
            proposal_name: str) -> Comparison:
    """Compare two evaluations (of two scenarios of one plan)."""
    closed, opened = _gap_changes(base, proposal)
    return Comparison(base_name, proposal_name,
                      _headline(_figures(base), _figures(proposal)),
                      closed, opened, _walk_change(base, proposal),
                      _parking_change(base, proposal))


def _figures(results: Results) -> pd.DataFrame:
    """Every headline figure of one evaluation: key -> group, figure,
    unit, direction, value."""
    rows = []
    for group, figures in FIGURES.items():
        result = getattr(results, group)
        if result is None:
            continue
        site = result.site
        targets = result.table.index if group == "coverage" else [None]
        for target in targets:
            prefix = group if target is None else f"{group}.{target}"
            label = "" if target is None else f"{target}: "
            rows += [{"key": f"{prefix}.{f.key}", "group": group,
                      "figure": label + f.words, "unit": f.unit,
                      "direction": f.better, "value": _number(site.get(
                          f.key if target is None else f"{target}.{f.key}"))}
                     for f in figures]
    return pd.DataFrame(rows, columns=["key", "group", "figure", "unit",
                                       "direction", "value"]).set_index("key")


def _number(value) -> float:
    return np.nan if value is None or pd.isna(value) else float(value)


def _headline(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Both sides' figures side by side; a coverage target missing on one
    side (none of its features there) counts as covering nothing."""
    keys = before.index.append(after.index.difference(before.index))
    meta = after.combine_first(before).reindex(keys)
    base = _filled(before, meta).reindex(keys)
    proposal = _filled(after, meta).reindex(keys)
    delta = proposal - base
    sign = np.sign(delta.to_numpy() * meta["direction"].to_numpy(float))
    better = pd.array(np.where(sign > 0, True, False), dtype="boolean")
    better[np.isnan(sign) | (np.abs(delta.to_numpy()) <= SAME)
           | (meta["direction"].to_numpy() == 0)] = pd.NA
    return pd.DataFrame({
        "group": meta["group"], "figure": meta["figure"],
        "unit": meta["unit"], "base": base, "proposal": proposal,
        "delta": delta, "better": better}, index=keys,
        columns=HEADLINE_COLUMNS).rename_axis("key")


def _filled(side: pd.DataFrame, meta: pd.DataFrame) -> pd.Series:
    """``side``'s values; 0 for the coverage figures of targets it lacks,
    where it has that figure for other targets."""
    values = side["value"].reindex(meta.index)
    coverage = side.loc[side["group"] == "coverage", "value"]
    defined = coverage.notna().groupby(_figure_of(coverage.index)).any()
    absent = ~meta.index.isin(side.index) & (meta["group"] == "coverage")
    fill = absent & _figure_of(meta.index).isin(defined.index[defined])
    return values.where(~fill.to_numpy(bool), 0.0)


def _figure_of(keys: pd.Index) -> pd.Index:
    """``coverage.cafe.share_gfa`` -> ``share_gfa``."""
    return keys.str.rsplit(".", n=1).str[-1]


def _gap_changes(base: Results, proposal: Results
                 ) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    crs = proposal.context.plan.crs
    if base.coverage is None or proposal.coverage is None:
        return _pieces(np.array([]), [], crs), _pieces(np.array([]), [], crs)
    targets = sorted(set(base.coverage.table.index)
                     | set(proposal.coverage.table.index))
    before, after = _gaps(base, targets), _gaps(proposal, targets)
    return (_pieces(shapely.difference(before, after), targets, crs),
            _pieces(shapely.difference(after, before), targets, crs))


def _gaps(results: Results, targets: list[str]) -> np.ndarray:
    """Each target's gap; the whole site where it has none of the target."""
    gaps = results.coverage.gaps.set_index("target").geometry
    found = gaps.reindex(targets).to_numpy()
    whole = shapely.coverage_union_all(
        results.context.cells.geometry.array)
    fill = np.where(np.isin(targets, results.coverage.table.index),
                    shapely.Polygon(), whole)
    return np.where(shapely.is_missing(found), fill, found)


def _pieces(geoms: np.ndarray, targets: list[str], crs) -> gpd.GeoDataFrame:
    """One row per polygon of ``geoms`` (one per target), slivers dropped."""
    parts, owner = shapely.get_parts(geoms, return_index=True)
    area = shapely.area(parts)
    keep = area >= MIN_GAP_M2
    index = pd.RangeIndex(1, keep.sum() + 1, name="fid")
    return gpd.GeoDataFrame(
        {"target": np.asarray(targets, dtype=object)[owner[keep]],
         "area_m2": area[keep]}, geometry=gpd.GeoSeries(parts[keep],
                                                        index=index),
        index=index, crs=crs)


def _walk_change(base: Results, proposal: Results) -> gpd.GeoDataFrame:
    ctx = proposal.context
    columns = ["name", "zone", "before", "after", "delta"]
    if base.walkability is None or proposal.walkability is None:
        return gpd.GeoDataFrame(columns=[*columns, "geometry"],
                                geometry="geometry", crs=ctx.plan.crs)
    before = base.walkability.buildings["walk_score"]
    after = proposal.walkability.buildings["walk_score"]
    common = after.index.intersection(before.index)
    delta = after[common] - before[common]
    step = proposal.context.plan.settings.walk.score_change_step
    fids = common[np.abs(delta.to_numpy()) >= step]
    buildings = ctx.buildings.loc[fids]
    table = pd.DataFrame({"name": buildings["name"], "zone": buildings["zone"],
                          "before": before[fids], "after": after[fids],
                          "delta": delta[fids]}, index=fids, columns=columns)
    return gpd.GeoDataFrame(table, geometry=buildings.geometry.rename(
        "geometry"), crs=ctx.plan.crs)


def _parking_change(base: Results, proposal: Results) -> gpd.GeoDataFrame:
    columns = ["supply", "demand", "unmet", "flag"]
    crs = proposal.context.plan.crs
    if base.parking is None or proposal.parking is None:
        return gpd.GeoDataFrame(columns=["zone", "geometry"],
                                geometry="geometry", crs=crs)
    before = base.parking.per_zone.set_index("zone")[columns]
    after = proposal.parking.per_zone.set_index("zone")[columns]
    zones = after.index.append(before.index.difference(after.index))
    table = before.add_suffix("_before").reindex(zones).join(
        after.add_suffix("_after").reindex(zones))
    table["unmet_delta"] = table["unmet_after"] - table["unmet_before"]
    outline = _zone_outlines(proposal).reindex(zones)
    outline = outline.where(outline.notna(),
                            _zone_outlines(base).reindex(zones))
    return gpd.GeoDataFrame(table.rename_axis("zone").reset_index(),
                            geometry=outline.to_numpy(), crs=crs)


def _zone_outlines(results: Results) -> pd.Series:
    zones = results.context.zones.drop_duplicates("name")
    return pd.Series(zones.geometry.to_numpy(), index=zones["name"],
                     dtype=object)


def write_comparison(comparison: Comparison, path: Path,
                     csv: Path | None = None) -> None:
    """The comparison as a GeoPackage at ``path`` (replaced): tables
    comparison_headline, gaps_closed, gaps_opened, walk_score_change,
    parking_change; and the headline as CSV at ``csv`` (default: beside
    it, same name, ``.csv``)."""
    path.unlink(missing_ok=True)
    headline = comparison.headline.reset_index()
    pyogrio.write_dataframe(headline, path, layer="comparison_headline",
                            driver="GPKG")
    for name in ("gaps_closed", "gaps_opened", "walk_score_change",
                 "parking_change"):
        frame = getattr(comparison, name)
        write_table(path, name, frame if name != "parking_change" else
                    frame.set_axis(pd.RangeIndex(1, len(frame) + 1)),
                    "Polygon")
    headline.to_csv(csv or path.with_suffix(".csv"), index=False)


def findings(comparison: Comparison) -> list[str]:
    """The changes in plain language, parking first, as in the findings of
    one evaluation."""
    lines = [*_parking_lines(comparison), *_coverage_lines(comparison),
             *_site_lines(comparison), *_gap_lines(comparison)]
    return lines or [f"No headline figure differs between "
                     f"{comparison.base_name} and {comparison.proposal_name}"]


def _moves(before: float, after: float) -> str:
    return "rises" if after > before else "falls"


def _parking_lines(c: Comparison) -> list[str]:
    lines = []
    moved = c.parking_change.dropna(subset=["unmet_delta"])
    for zone in moved[moved["unmet_delta"].abs() >= 0.5].itertuples():
        line = (f"{zone.zone}: unmet parking "
                f"{_moves(zone.unmet_before, zone.unmet_after)} from "
                f"{zone.unmet_before:,.0f} to {zone.unmet_after:,.0f} spaces")
        if zone.flag_before != zone.flag_after:
            line += f" (was {zone.flag_before}, now {zone.flag_after})"
        lines.append(line)
    return lines


def _coverage_lines(c: Comparison) -> list[str]:
    rows = c.headline[c.headline["group"] == "coverage"]
    lines = []
    for target in dict.fromkeys(rows.index.str.split(".").str[1]):
        moves = [_share_move(rows, f"coverage.{target}.{figure}", of)
                 for figure, of in (("share_site_area", "the site"),
                                    ("share_employees", "employees"))]
        moves = [m for m in moves if m]
        if moves:
            lines.append(f"Coverage of {target.replace('_', ' ')} "
                         + " and ".join(moves))
    return lines


def _share_move(rows: pd.DataFrame, key: str, of: str) -> str:
    row = rows.loc[key] if key in rows.index else None
    if row is None or not _percent_changed(row):
        return ""
    return (f"{_moves(row['base'], row['proposal'])} from {row['base']:.0%} "
            f"to {row['proposal']:.0%} of {of}")


def _percent_changed(row: pd.Series) -> bool:
    return bool(pd.notna(row["base"]) and pd.notna(row["proposal"]) and
                round(row["base"] * 100) != round(row["proposal"] * 100))


_SITE_LINES = {
    "walkability.walk_score": "Walk score",
    "parking.mismatch_index": "Parking mismatch index",
    "exchange.share_exchange_within_limit":
        "The share of innovation subjects within walking limit of an "
        "exchange space"}


def _site_lines(c: Comparison) -> list[str]:
    lines = []
    for key, what in _SITE_LINES.items():
        if key not in c.headline.index:
            continue
        row, shown = c.headline.loc[key], figure(key)
        before, after = row["base"], row["proposal"]
        if pd.notna(before) and pd.notna(after) and \
                shown.format(before) != shown.format(after):
            lines.append(f"{what} {_moves(before, after)} from "
                         f"{shown.format(before)} to {shown.format(after)}")
    return lines


def _gap_lines(c: Comparison) -> list[str]:
    lines = []
    for gaps, done in ((c.gaps_closed, "closed"), (c.gaps_opened, "opened")):
        hectares = gaps.groupby("target")["area_m2"].sum() / 10_000
        hectares = hectares[hectares >= 0.05].sort_values(ascending=False)
        if len(hectares):
            lines.append(f"Coverage gaps {done}: " + ", ".join(
                f"{t.replace('_', ' ')} {ha:.1f} ha"
                for t, ha in hectares.items()))
    return lines
