"""OpenStreetMap features into a plan layer, again and again.

Each feature keeps its ``osm_id`` (``way/12``). A later import updates the
features whose ``osm_id`` it reads again, in place (same fid), adds new
ones and deletes those gone from the extract within the area imported.
It changes only what it reads from OpenStreetMap (geometry, names, the
fields its tags fill, ``osm_tag``): employees, a lot's ``serves`` or
anything else the planner added stays. A value the planner entered where
OpenStreetMap gives only an estimate (assumed floors, an estimated or
missing capacity) stays too, its source then reading ``entered``. A
feature whose ``osm_keep`` is true is left as it is, and not added again;
features without an ``osm_id`` are the planner's own and never touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model.language import tr
from ..model.plan import Plan
from ..model.problems import errors
from ..model.words import human

if TYPE_CHECKING:
    from .osm_import import OsmImport

KEEP = "osm_keep"
ESTIMATES = {"floors": "floors_source", "capacity": "capacity_source"}
"""Fields whose value OpenStreetMap may only let the import estimate, and
the column saying where each value came from."""
FROM_TAGS = ("levels", "height", "tagged")


def refresh(plan: Plan, layer: str, frame: gpd.GeoDataFrame,
            area: shapely.Geometry, source: str, result: OsmImport) -> None:
    """Put the features of ``frame`` (one layer's, as read) into the plan."""
    filled = [c for c in frame.columns if c != frame.geometry.name]
    conformed, found = plan.conform_features(layer, frame, source=source)
    refused = [p for p in errors(found) if p.row is not None]
    if refused:
        first = refused[0]
        result.skipped[tr(
            "{layer}: features with values PlannerDesk refuses (e.g. "
            "{feature}: {message})").format(
                layer=layer, feature=first.feature,
                message=first.message)] += len({p.row for p in refused})
        conformed = conformed.drop(index=list({p.row for p in refused}))
    result.problems += [p for p in found if p.severity == "warning"]
    current = plan[layer]
    ids = current["osm_id"] if "osm_id" in current.columns else \
        pd.Series(pd.NA, index=current.index, dtype="str")
    kept = _flag(current, KEEP) & ids.notna()
    conformed = conformed[~conformed["osm_id"].isin(ids[kept])]
    ours = ids.notna() & ~kept & current.geometry.intersects(area).to_numpy()
    gone = current.index[ours & ~ids.isin(conformed["osm_id"])]
    fid_of = pd.Series(current.index, index=ids.to_numpy())[
        (ids.notna() & ~kept).to_numpy()]
    fid_of = fid_of[~fid_of.index.duplicated()]
    again = conformed["osm_id"].isin(fid_of.index).to_numpy()
    layer_now = current.drop(index=gone)
    if again.any():
        layer_now = _updated(layer_now, conformed[again], filled,
                             fid_of.loc[conformed.loc[again, "osm_id"]],
                             result)
    plan.replace_layer(layer, layer_now)
    plan.append_features(layer, conformed[~again])
    result.added[layer] += int((~again).sum())
    result.updated[layer] += int(again.sum())
    result.removed[layer] += len(gone)
    _note_sources(layer, plan[layer], conformed["osm_id"], result)


def _flag(layer: gpd.GeoDataFrame, column: str) -> pd.Series:
    """A true/false column as booleans (missing: false)."""
    if column not in layer.columns:
        return pd.Series(False, index=layer.index)
    return layer[column].astype("boolean").fillna(False).astype(bool)


def _updated(layer: gpd.GeoDataFrame, fresh: gpd.GeoDataFrame,
             filled: list[str], fids: pd.Series,
             result: OsmImport) -> gpd.GeoDataFrame:
    """``layer`` with the rows ``fids`` taking the ``filled`` values and
    the geometry of ``fresh``; values the planner entered in place of an
    estimate stay, and a floor area derived from the old floors follows
    the new ones."""
    layer = layer.copy()
    rows = fids.to_numpy()
    fresh = fresh.copy()
    entered = 0
    for name, origin in ESTIMATES.items():
        if name not in filled or name not in layer.columns:
            continue
        old = layer.loc[rows, name].astype("Float64").to_numpy(
            dtype=float, na_value=np.nan)
        new = fresh[name].astype("Float64").to_numpy(dtype=float,
                                                     na_value=np.nan)
        mine = ~fresh[origin].isin(FROM_TAGS).to_numpy() & \
            ~np.isnan(old) & (old != new)
        fresh.loc[mine, name] = layer.loc[rows[mine], name].to_numpy()
        fresh.loc[mine, origin] = "entered"
        entered += int(mine.sum())
    if "gfa_m2" in layer.columns and "floors" in filled:
        _follow_floors(layer, fresh, rows)
    for column in filled:
        if column not in layer.columns:
            layer[column] = pd.Series(pd.NA, index=layer.index).astype(
                fresh[column].dtype)
        layer.loc[rows, column] = fresh[column].to_numpy()
    layer.loc[rows, layer.geometry.name] = fresh.geometry.to_numpy()
    if entered:
        result.notes.append(tr(
            "kept {count} value(s) entered by hand where OpenStreetMap gives "
            "only an estimate").format(count=entered))
    return layer


def _follow_floors(layer: gpd.GeoDataFrame, fresh: gpd.GeoDataFrame,
                   rows: np.ndarray) -> None:
    """Where the stored floor area is footprint x floors (derived, not
    entered), the fresh one is too."""
    old_area = shapely.area(layer.loc[rows].geometry.array)
    floors = layer.loc[rows, "floors"].astype("Float64").to_numpy(
        dtype=float, na_value=np.nan)
    gfa = layer.loc[rows, "gfa_m2"].to_numpy(dtype=float, na_value=np.nan)
    derived = np.isclose(gfa, old_area * floors, rtol=1e-6) | np.isnan(gfa)
    new = shapely.area(fresh.geometry.array) * fresh["floors"].to_numpy(float)
    layer.loc[rows[derived], "gfa_m2"] = new[derived]


def _note_sources(layer: str, stored: gpd.GeoDataFrame, ids: pd.Series,
                  result: OsmImport) -> None:
    """Where the floors or capacities of the features imported came from."""
    if "osm_id" not in stored.columns:
        return
    mine = stored[stored["osm_id"].isin(ids)]
    for name, origin in ESTIMATES.items():
        if origin in mine.columns and len(mine):
            counts = mine[origin].value_counts()
            listed = tr(", ").join(f"{n} {human(where)}"
                                   for where, n in counts.items())
            result.notes.append(_sources_note(layer, name, listed, mine))


def _sources_note(layer: str, name: str, listed: str,
                  mine: gpd.GeoDataFrame) -> str:
    """``layer: floors 3 levels, 2 assumed``, and what the planner should
    know of the assumed or unknown ones."""
    if name == "capacity":
        unknown = int((mine["capacity_source"] == "unknown").sum())
        if unknown:
            return tr("{layer}: {field} {listed} ({count} point(s) with no "
                      "capacity tag are entered as 0: enter their "
                      "capacity)").format(layer=human(layer), field=tr(name),
                                          listed=listed, count=unknown)
        return f"{human(layer)}: {tr(name)} {listed}"
    assumed = mine[mine["floors_source"] == "assumed"]
    uses = assumed.groupby("use")["floors"].agg(["size", "first"])
    if uses.empty:
        return f"{human(layer)}: {tr(name)} {listed}"
    return tr("{layer}: {field} {listed} (assumed: {uses})").format(
        layer=human(layer), field=tr(name), listed=listed, uses=tr(", ").join(
            tr("{count} {use} at {floors:g}").format(
                count=row.size, use=human(use), floors=row.first)
            for use, row in zip(uses.index, uses.itertuples(), strict=True)))
