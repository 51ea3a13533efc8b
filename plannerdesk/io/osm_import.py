"""An OpenStreetMap extract into a plan: every layer in one step.

The tags become features as :mod:`plannerdesk.io.osm_mapping` says. Each
feature keeps its ``osm_id`` (``way/12``) and the tag that took it
(``osm_tag``), so a second import of an extract refreshes the features
that came from OpenStreetMap, in place, adds the new ones and deletes those
gone from it (within the area imported), and leaves every feature without
an ``osm_id`` (the planner's own) as it is. Floors and capacities say
where they came from (``floors_source``, ``capacity_source``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model import standards as std
from ..model.plan import Plan
from ..model.problems import Problem, errors
from .osm_mapping import LAYERS_FILLED, attributes
from .osm_read import Extract

NAME_TAGS = {"name": "name", "name:en": "name_en", "name:zh": "name_zh"}
_POLYGONAL = ("buildings", "public_areas", "parking")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass
class OsmImport:
    """What an import read, changed per layer, repaired, left out and
    assumed."""

    extract: Extract
    added: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    removed: Counter = field(default_factory=Counter)
    repaired: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def summary_lines(result: OsmImport, plan: Plan, source: str) -> list[str]:
    """What an import did, in lines a planner reads: what was read, each
    layer's changes, what was repaired and left out, and the notes."""
    read = result.extract.read
    lines = [f"Read {source}: {read.get('points', 0):,} points, "
             f"{read.get('lines', 0):,} lines and "
             f"{read.get('multipolygons', 0):,} areas"]
    lines += [f"  {layer:<14} {result.added[layer]:>6,} added, "
              f"{result.updated[layer]:,} refreshed, "
              f"{result.removed[layer]:,} removed (now {len(plan[layer]):,})"
              for layer in LAYERS_FILLED]
    for title, counts in (("Repaired", result.repaired),
                          ("Left out", result.skipped),
                          ("GDAL warned", result.extract.gdal)):
        lines += [f"{title}: {n:,} {what}" for what, n in counts.items()]
    return lines + [f"Note: {note}" for note in result.notes]


def changed_layers(result: OsmImport) -> list[str]:
    """The layers an import changed."""
    return [layer for layer in LAYERS_FILLED if result.added[layer]
            or result.updated[layer] or result.removed[layer]]


def import_osm(plan: Plan, extract: Extract, *, source: str,
               area: shapely.Geometry | None = None) -> OsmImport:
    """Fill the plan's layers from ``extract`` (read from the file named
    ``source``); ``area`` (in the plan's CRS, None: everywhere) bounds the
    OSM features a second import deletes when they are gone."""
    result = OsmImport(extract, skipped=Counter(extract.skipped))
    features = _close_outlines(extract.features.to_crs(plan.crs), result)
    for layer in LAYERS_FILLED:
        frame = _layer_frame(layer, features, plan, result)
        if layer in _POLYGONAL:
            frame = _repair(frame, layer, result)
        _refresh(plan, layer, frame, area, source, result)
    return result


# --- features -------------------------------------------------------------------

def _close_outlines(features: gpd.GeoDataFrame,
                    result: OsmImport) -> gpd.GeoDataFrame:
    """Close the ways that only make sense as areas (a building outline
    mapped without its last node): they come from GDAL as lines."""
    lines = np.flatnonzero((features["shape"] == "line").to_numpy())
    open_ring = [i for i in lines if _only_area(features["tags"].iat[i])
                 and not features.geometry.iat[i].is_closed]
    if not open_ring:
        return features
    coords = [shapely.get_coordinates(features.geometry.iat[i])
              for i in open_ring]
    usable = [len(np.unique(c, axis=0)) >= 3 for c in coords]
    rings = [shapely.Polygon(np.vstack([c, c[:1]]))
             for c, ok in zip(coords, usable, strict=True) if ok]
    rows = [i for i, ok in zip(open_ring, usable, strict=True) if ok]
    features = features.copy()
    features.loc[features.index[rows], "geometry"] = rings
    features.loc[features.index[rows], "shape"] = "area"
    if rows:
        result.repaired["outlines not closed, closed"] += len(rows)
    if len(rows) < len(open_ring):
        result.skipped["outlines not closed, of fewer than three points"] += \
            len(open_ring) - len(rows)
        features = features.drop(index=[features.index[i] for i, ok in
                                        zip(open_ring, usable, strict=True)
                                        if not ok])
    return features


def _only_area(tags: dict) -> bool:
    """True when some layer takes ``tags`` as an area and none as a line."""
    return any(attributes(layer, tags, "area") for layer in _POLYGONAL) and \
        attributes("walkways", tags, "line") is None


def _layer_frame(layer: str, features: gpd.GeoDataFrame, plan: Plan,
                 result: OsmImport) -> gpd.GeoDataFrame:
    """The features ``layer`` takes, with the fields their tags fill."""
    found = [attributes(layer, tags, shape) for tags, shape in
             zip(features["tags"], features["shape"], strict=True)]
    taken = np.array([f is not None for f in found], dtype=bool)
    if not taken.any():
        return gpd.GeoDataFrame({"osm_id": []}, geometry=[], crs=plan.crs)
    part = features[taken]
    found = [f for f in found if f is not None]
    frame = gpd.GeoDataFrame(
        pd.DataFrame([f[0] for f in found], index=part.index),
        geometry=_geometry(layer, part.geometry.to_numpy()), crs=plan.crs)
    tags = part["tags"]
    for tag, column in NAME_TAGS.items():
        names = tags.map(lambda t, k=tag: t.get(k))
        if column == "name" or names.notna().any():
            frame[column] = names
    frame["osm_id"] = part["osm_id"]
    frame.index = pd.Index(part["osm_id"], name="osm_id")
    tags = tags.set_axis(frame.index)
    frame["osm_tag"] = [f"{row.key}={t[row.key]}" for (_, row), t in
                        zip(found, tags, strict=True)]
    least = np.array([row.min_area_m2 for _, row in found], dtype=float)
    small = shapely.area(frame.geometry.array) < least
    if small.any():
        result.skipped[f"{layer}: areas below the mapping's least area "
                       "(grass verges)"] += int(small.sum())
        frame = frame[~small]
    if layer == "buildings":
        _floors(frame, tags.loc[frame.index], result)
    if layer == "parking":
        _capacity(frame, tags.loc[frame.index], plan, result)
    return frame


def _geometry(layer: str, geoms: np.ndarray) -> np.ndarray:
    """Points for point layers (a point inside an area), else as read."""
    if layer in ("facilities", "public_points"):
        return shapely.point_on_surface(geoms)
    return geoms


def _number(text: object) -> float | None:
    """The first number in a tag value ('3', '2.5', '3;4', 'approx. 50')."""
    if not isinstance(text, str):
        return None
    match = _NUMBER.search(text)
    return float(match.group().replace(",", ".")) if match else None


def _floors(frame: gpd.GeoDataFrame, tags: pd.Series,
            result: OsmImport) -> None:
    """Floors from building:levels, else height / storey height, else the
    assumed floors of the building's use; and where each came from."""
    storey = std.OSM_IMPORT["storey_height_m"].value
    levels = tags.map(lambda t: _number(t.get("building:levels")))
    height = tags.map(lambda t: _height(t.get("height")))
    assumed = frame["use"].map(_assumed)
    by_levels = levels.notna() & (levels > 0)
    by_height = ~by_levels & height.notna() & (height > 0)
    frame["floors"] = np.where(by_levels, levels, np.where(
        by_height, (height / storey).round(2), assumed)).astype(float)
    frame["floors_source"] = np.select([by_levels, by_height],
                                       ["levels", "height"], "assumed")
    guessed = frame.loc[~by_levels & ~by_height, "use"].value_counts()
    each = ", ".join(f"{n} {use} at {_assumed(use):g}" for use, n in
                     guessed.items())
    result.notes.append(
        f"buildings: floors from building:levels for {int(by_levels.sum())}"
        f", from height / {storey:g} m for {int(by_height.sum())}, assumed "
        f"for {int(guessed.sum())}" + (f" ({each})" if each else ""))


def _assumed(use: str) -> float:
    """The floors assumed for a building of ``use`` with no levels or
    height tagged."""
    return std.OSM_ASSUMED_FLOORS.get(
        use, std.OSM_ASSUMED_FLOORS["other"]).value


def _height(text: object) -> float | None:
    """A height in metres from '12', '12 m' or '40 ft'."""
    number = _number(text)
    if number is None:
        return None
    return number * 0.3048 if re.search(r"ft|'", str(text)) else number


def _capacity(frame: gpd.GeoDataFrame, tags: pd.Series, plan: Plan,
              result: OsmImport) -> None:
    """Capacity as tagged, else estimated from the area (at the plan's m2
    a space, by levels); a point without one is entered as 0."""
    tagged = tags.map(lambda t: _number(t.get("capacity")))
    levels = tags.map(lambda t: _number(t.get("parking:levels")) or
                      _number(t.get("building:levels")) or 1.0)
    garage = frame["type"].isin(("underground", "structure")).to_numpy()
    settings = plan.settings.parking
    per_space = np.where(garage, settings.m2_per_space_garage,
                         settings.m2_per_space_surface)
    area = shapely.area(frame.geometry.array)
    estimated = np.floor(area / per_space * levels.to_numpy(float))
    has_tag = tagged.notna().to_numpy()
    polygon = area > 0
    frame["capacity"] = np.where(has_tag, tagged.fillna(0).round(), np.where(
        polygon, estimated, 0)).astype("int64")
    frame["capacity_source"] = np.select(
        [has_tag, polygon], ["tagged", "estimated"], "unknown")
    unknown = int((~has_tag & ~polygon).sum())
    result.notes.append(
        f"parking: capacity tagged for {int(has_tag.sum())}, estimated for "
        f"{int((~has_tag & polygon).sum())} from their area "
        f"({settings.m2_per_space_surface:g} m2 a surface space, "
        f"{settings.m2_per_space_garage:g} in a garage) x levels"
        + (f"; {unknown} point(s) with no capacity are entered as 0: enter "
           "their capacity" if unknown else ""))


def _repair(frame: gpd.GeoDataFrame, layer: str,
            result: OsmImport) -> gpd.GeoDataFrame:
    """Invalid polygons repaired (their polygonal parts kept); those
    enclosing no area left out."""
    geoms = frame.geometry.array
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))
    invalid = polygonal & ~shapely.is_valid(geoms)
    if invalid.any():
        fixed = shapely.make_valid(np.asarray(geoms[invalid], dtype=object))
        parts, owner = shapely.get_parts(fixed, return_index=True)
        keep = np.isin(shapely.get_type_id(parts), (3, 6))
        merged = [shapely.union_all(parts[keep & (owner == i)])
                  for i in range(len(fixed))]
        frame = frame.copy()
        frame.loc[frame.index[invalid], frame.geometry.name] = merged
        result.repaired[f"{layer}: invalid outlines repaired"] += \
            int(invalid.sum())
    flat = ~(shapely.area(frame.geometry.array) > 0) & np.isin(
        shapely.get_type_id(frame.geometry.array), (3, 6, 7))
    if flat.any():
        result.skipped[f"{layer}: areas enclosing no area"] += int(flat.sum())
    return frame[~flat]


# --- into the plan --------------------------------------------------------------

def _refresh(plan: Plan, layer: str, frame: gpd.GeoDataFrame,
             area: shapely.Geometry | None, source: str,
             result: OsmImport) -> None:
    """Update the layer's OSM features from ``frame``, add the new ones and
    delete those gone from the extract within ``area``."""
    conformed, found = plan.conform_features(layer, frame, source=source)
    refused = {p.row for p in errors(found)}
    if refused:
        result.skipped[f"{layer}: features with values PlannerDesk refuses"] \
            += len(refused)
        conformed = conformed.drop(index=list(refused))
    result.problems += [p for p in found if p.severity != "info"]
    current = plan[layer]
    ids = current["osm_id"] if "osm_id" in current.columns else \
        pd.Series(pd.NA, index=current.index, dtype="str")
    ours = ids.notna()
    if area is not None and ours.any():
        ours &= current.geometry.intersects(area).to_numpy()
    gone = current.index[ours & ~ids.isin(conformed["osm_id"])]
    fid_of = pd.Series(current.index, index=ids.to_numpy())[ids.notna()
                                                            .to_numpy()]
    fid_of = fid_of[~fid_of.index.duplicated()]
    again = conformed["osm_id"].isin(fid_of.index).to_numpy()
    layer_now = current.drop(index=gone)
    if again.any():
        layer_now = _updated(layer_now, conformed[again],
                             fid_of.loc[conformed.loc[again, "osm_id"]])
    plan.replace_layer(layer, layer_now)
    plan.append_features(layer, conformed[~again])
    result.added[layer] += int((~again).sum())
    result.updated[layer] += int(again.sum())
    result.removed[layer] += len(gone)


def _updated(layer: gpd.GeoDataFrame, fresh: gpd.GeoDataFrame,
             fids: pd.Series) -> gpd.GeoDataFrame:
    """``layer`` with the rows ``fids`` taking the values of ``fresh``."""
    layer = layer.copy()
    rows = fids.to_numpy()
    for column in fresh.columns:
        if column == fresh.geometry.name:
            continue
        if column not in layer.columns:
            layer[column] = pd.Series(pd.NA, index=layer.index).astype(
                fresh[column].dtype)
        layer.loc[rows, column] = fresh[column].to_numpy()
    layer.loc[rows, layer.geometry.name] = fresh.geometry.to_numpy()
    return layer
