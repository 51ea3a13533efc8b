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
from ..model.language import N_, tr
from ..model.words import human
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
    after, unmet_delta, flag_before, flag_after; with the hours, the
    weekday's hours short and its peak unmet before and after).
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
    if base.parking_hours is not None and proposal.parking_hours is not None:
        hourly = ["weekday_short_hours", "weekday_peak_unmet"]
        table = table.join(base.parking_hours.per_zone.set_index("zone")
                           [hourly].add_suffix("_before")).join(
            proposal.parking_hours.per_zone.set_index("zone")[hourly]
            .add_suffix("_after"))
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
    return lines or [tr("No headline figure differs between {base} and "
                        "{proposal}").format(
        base=comparison.base_name, proposal=comparison.proposal_name)]


def _parking_line(zone) -> str:
    """One zone's unmet parking moved, and its flag if that changed."""
    rises = zone.unmet_after > zone.unmet_before
    if zone.flag_before == zone.flag_after:
        text = tr("{zone}: unmet parking rises from {before:,.0f} to "
                  "{after:,.0f} spaces") if rises else \
            tr("{zone}: unmet parking falls from {before:,.0f} to "
               "{after:,.0f} spaces")
    else:
        text = tr("{zone}: unmet parking rises from {before:,.0f} to "
                  "{after:,.0f} spaces (was {was}, now {now})") if rises \
            else tr("{zone}: unmet parking falls from {before:,.0f} to "
                    "{after:,.0f} spaces (was {was}, now {now})")
    return text.format(zone=zone.zone, before=zone.unmet_before,
                       after=zone.unmet_after, was=human(zone.flag_before),
                       now=human(zone.flag_after))


def _parking_lines(c: Comparison) -> list[str]:
    moved = c.parking_change.dropna(subset=["unmet_delta"])
    lines = [_parking_line(zone) for zone in
             moved[moved["unmet_delta"].abs() >= 0.5].itertuples()]
    if "weekday_short_hours_after" in c.parking_change:
        hours = c.parking_change.dropna(subset=["weekday_short_hours_before",
                                                "weekday_short_hours_after"])
        lines += [tr("{zone}: short of parking {after:.0f} hours of a "
                     "weekday, {before:.0f} before").format(
            zone=z.zone, before=z.weekday_short_hours_before,
            after=z.weekday_short_hours_after) for z in hours.itertuples()
            if z.weekday_short_hours_before != z.weekday_short_hours_after]
    return lines


#: The sentence on a target's coverage by how its share of the site area
#: and of employees moved (1 rises, -1 falls, 0 no visible change).
_COVERAGE_LINES = {
    (1, 0): N_("Coverage of {target} rises from {site_before} to "
               "{site_after} of the site"),
    (-1, 0): N_("Coverage of {target} falls from {site_before} to "
                "{site_after} of the site"),
    (0, 1): N_("Coverage of {target} rises from {people_before} to "
               "{people_after} of employees"),
    (0, -1): N_("Coverage of {target} falls from {people_before} to "
                "{people_after} of employees"),
    (1, 1): N_("Coverage of {target} rises from {site_before} to "
               "{site_after} of the site and rises from {people_before} to "
               "{people_after} of employees"),
    (1, -1): N_("Coverage of {target} rises from {site_before} to "
                "{site_after} of the site and falls from {people_before} "
                "to {people_after} of employees"),
    (-1, 1): N_("Coverage of {target} falls from {site_before} to "
                "{site_after} of the site and rises from {people_before} "
                "to {people_after} of employees"),
    (-1, -1): N_("Coverage of {target} falls from {site_before} to "
                 "{site_after} of the site and falls from {people_before} "
                 "to {people_after} of employees")}


def _coverage_lines(c: Comparison) -> list[str]:
    rows = c.headline[c.headline["group"] == "coverage"]
    lines = []
    for target in dict.fromkeys(rows.index.str.split(".").str[1]):
        site = _share_move(rows, f"coverage.{target}.share_site_area")
        people = _share_move(rows, f"coverage.{target}.share_employees")
        if site[0] or people[0]:
            lines.append(tr(_COVERAGE_LINES[site[0], people[0]]).format(
                target=human(target), site_before=site[1],
                site_after=site[2], people_before=people[1],
                people_after=people[2]))
    return lines


def _share_move(rows: pd.DataFrame, key: str) -> tuple[int, str, str]:
    """How the share ``key`` moved (1 rises, -1 falls, 0 no visible
    change), and its shares before and after as percentages."""
    row = rows.loc[key] if key in rows.index else None
    if row is None or not _percent_changed(row):
        return 0, "", ""
    return (1 if row["proposal"] > row["base"] else -1,
            f"{row['base']:.0%}", f"{row['proposal']:.0%}")


def _percent_changed(row: pd.Series) -> bool:
    return bool(pd.notna(row["base"]) and pd.notna(row["proposal"]) and
                round(row["base"] * 100) != round(row["proposal"] * 100))


_SITE_LINES = {
    "walkability.walk_score": N_("Walk score"),
    "parking.mismatch_index": N_("Parking mismatch index"),
    "parking_hours.weekday_peak_unmet":
        N_("Unmet parking at the weekday's worst hour"),
    "exchange.share_exchange_within_limit":
        N_("The share of innovation subjects within walking limit of an "
           "exchange space")}


def _site_lines(c: Comparison) -> list[str]:
    lines = []
    for key, what in _SITE_LINES.items():
        if key not in c.headline.index:
            continue
        row, shown = c.headline.loc[key], figure(key)
        before, after = row["base"], row["proposal"]
        if pd.notna(before) and pd.notna(after) and \
                shown.format(before) != shown.format(after):
            text = tr("{what} rises from {before} to {after}") \
                if after > before else \
                tr("{what} falls from {before} to {after}")
            lines.append(text.format(what=tr(what),
                                     before=shown.format(before),
                                     after=shown.format(after)))
    return lines


def _gap_lines(c: Comparison) -> list[str]:
    lines = []
    for gaps, done in ((c.gaps_closed, "closed"), (c.gaps_opened, "opened")):
        hectares = gaps.groupby("target")["area_m2"].sum() / 10_000
        hectares = hectares[hectares >= 0.05].sort_values(ascending=False)
        if len(hectares):
            listed = tr(", ").join(
                tr("{target} {ha:.1f} ha").format(target=human(t), ha=ha)
                for t, ha in hectares.items())
            text = tr("Coverage gaps closed: {gaps}") if done == "closed" \
                else tr("Coverage gaps opened: {gaps}")
            lines.append(text.format(gaps=listed))
    return lines
