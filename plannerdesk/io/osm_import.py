"""An OpenStreetMap extract into a plan: every layer in one step.

The tags become features as :mod:`plannerdesk.io.osm_mapping` says, and
go into the plan as :mod:`plannerdesk.io.osm_refresh` says (a second
import refreshes what the first brought). Floors and capacities say where
they came from (``floors_source``, ``capacity_source``).
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
from ..model.language import tr
from ..model.plan import Plan
from ..model.problems import PlannerError, Problem
from ..model.validation import encloses_no_area, polygonal_parts
from .osm_mapping import LAYERS_FILLED, attributes
from .osm_read import Extract
from .osm_refresh import KEEP, refresh

NAME_TAGS = {"name": "name", "name:en": "name_en", "name:zh": "name_zh"}
NEAR_M = 10_000.0
"""An extract farther than this from every feature of the plan is refused:
it is of another place."""
_POLYGONAL = ("buildings", "public_areas", "parking")
LEAST = "__least_m2"  # the least area of each feature's mapping row
_NUMBER = re.compile(r"^\s*(?:~|ca\.?|approx\.?|about)?\s*(\d+(?:[.,]\d+)?)"
                     r"\s*\+?\s*$", re.IGNORECASE)
_HEIGHT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(m|metres|meters|ft|feet|')?"
                     r"\s*$", re.IGNORECASE)


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
    unread: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def summary_lines(result: OsmImport, plan: Plan, source: str) -> list[str]:
    """What an import did, in lines a planner reads: what was read, each
    layer's changes, what was repaired and left out, and the notes."""
    read = result.extract.read
    lines = [tr("Read {source}: {points:,} points, {lines:,} lines and "
                "{areas:,} areas").format(
                    source=source, points=read.get("points", 0),
                    lines=read.get("lines", 0),
                    areas=read.get("multipolygons", 0))]
    changes = tr("{layer:<14} {added:>6,} added, {updated:,} refreshed, "
                 "{removed:,} removed (now {now:,})")
    lines += ["  " + changes.format(
        layer=layer, added=result.added[layer],
        updated=result.updated[layer], removed=result.removed[layer],
        now=len(plan[layer])) for layer in LAYERS_FILLED]
    for line, counts in ((tr("Repaired: {n:,} {what}"), result.repaired),
                         (tr("Left out: {n:,} {what}"), result.skipped),
                         (tr("GDAL warned: {n:,} {what}"),
                          result.extract.gdal)):
        lines += [line.format(n=n, what=what) for what, n in counts.items()]
    lines += [tr("Unreadable: {n:,} {tag} tag(s) (e.g. {examples}), taken "
                 "as missing").format(
                     n=len(values), tag=tag, examples=", ".join(
                         repr(v) for v in list(dict.fromkeys(values))[:3]))
              for tag, values in result.unread.items()]
    return lines + [tr("Note: {note}").format(note=note)
                    for note in result.notes]


def changed_layers(result: OsmImport) -> list[str]:
    """The layers an import changed."""
    return [layer for layer in LAYERS_FILLED if result.added[layer]
            or result.updated[layer] or result.removed[layer]]


def import_osm(plan: Plan, extract: Extract, *, source: str,
               area: shapely.Geometry | None = None) -> OsmImport:
    """Fill the plan's layers from ``extract`` (read from the file named
    ``source``); ``area`` (in the plan's CRS; None: the extract's extent)
    bounds the OSM features a second import deletes when they are gone.
    An extract of another place is refused (a PlannerError)."""
    result = OsmImport(extract, skipped=Counter(extract.skipped))
    features = _close_outlines(extract.features.to_crs(plan.crs), result)
    covered = shapely.box(*features.total_bounds)
    _refuse_elsewhere(plan, covered, source)
    for layer in LAYERS_FILLED:
        frame = _layer_frame(layer, features, plan, result)
        if layer in _POLYGONAL:
            frame = _repair(frame, layer, result)
        small = shapely.area(frame.geometry.array) < frame[LEAST].to_numpy(
            float) if len(frame) else np.zeros(0, bool)
        if small.any():
            result.skipped[tr(
                "{layer}: areas below the least area of their mapping row "
                "(see --list-mapping)").format(layer=layer)] += \
                int(small.sum())
        refresh(plan, layer, frame[~small].drop(columns=LEAST),
                covered if area is None else area, source, result)
    return result


def _refuse_elsewhere(plan: Plan, covered: shapely.Geometry,
                      source: str) -> None:
    """A PlannerError when the extract lies nowhere near the plan's
    features: it is of another place."""
    extent = plan.extent()
    if extent is None:
        return
    gap = covered.distance(shapely.box(*extent))
    if gap > NEAR_M:
        raise PlannerError(tr(
            "{source} lies {km:,.0f} km from every feature of the plan, so "
            "it is of another place; nothing was imported. Fix: give the "
            "extract of this site, or a new plan file for that place")
            .format(source=source, km=gap / 1000))


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
        result.repaired[tr("outlines not closed, closed")] += len(rows)
    if len(rows) < len(open_ring):
        result.skipped[tr("outlines not closed, of fewer than three "
                          "points")] += len(open_ring) - len(rows)
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
        return gpd.GeoDataFrame({"osm_id": pd.Series([], dtype="str"),
                                 "osm_tag": pd.Series([], dtype="str"),
                                 LEAST: pd.Series([], dtype=float)},
                                geometry=[], crs=plan.crs)
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
    frame[KEEP] = False
    frame[LEAST] = [row.min_area_m2 for _, row in found]
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
    """A tag's number: '3', '2.5', 'approx. 50', the first of '3;4'; None
    for anything else ('3-4', '-5', '1e9')."""
    if not isinstance(text, str):
        return None
    match = _NUMBER.match(text.split(";")[0])
    return float(match.group(1).replace(",", ".")) if match else None


def _read_tag(tags: pd.Series, key: str, read, result: OsmImport
              ) -> pd.Series:
    """``read`` of tag ``key`` of each feature; a value it cannot read is
    counted in ``result.unread`` and taken as missing."""
    text = tags.map(lambda t: t.get(key))
    values = text.map(read)
    unread = text.notna() & values.isna()
    if unread.any():
        result.unread.setdefault(key, []).extend(text[unread].tolist())
    return values


def _floors(frame: gpd.GeoDataFrame, tags: pd.Series,
            result: OsmImport) -> None:
    """Floors from building:levels, else height / storey height, else the
    assumed floors of the building's use; and where each came from."""
    storey = std.OSM_IMPORT["storey_height_m"].value
    levels = _read_tag(tags, "building:levels", _number, result)
    height = _read_tag(tags, "height", _height, result)
    assumed = frame["use"].map(_assumed)
    by_levels = levels.notna() & (levels > 0)
    by_height = ~by_levels & height.notna() & (height > 0)
    frame["floors"] = np.where(by_levels, levels, np.where(
        by_height, (height / storey).round(2), assumed)).astype(float)
    frame["floors_source"] = np.select([by_levels, by_height],
                                       ["levels", "height"], "assumed")


def _assumed(use: str) -> float:
    """The floors assumed for a building of ``use`` with no levels or
    height tagged."""
    return std.OSM_ASSUMED_FLOORS.get(
        use, std.OSM_ASSUMED_FLOORS["other"]).value


def _height(text: object) -> float | None:
    """A height in metres from '12', '12 m' or '40 ft'; None for anything
    else."""
    if not isinstance(text, str):
        return None
    match = _HEIGHT.match(text)
    if not match:
        return None
    number = float(match.group(1).replace(",", "."))
    return number * 0.3048 if (match.group(2) or "").lower() in (
        "ft", "feet", "'") else number


def _capacity(frame: gpd.GeoDataFrame, tags: pd.Series, plan: Plan,
              result: OsmImport) -> None:
    """Capacity as tagged, else estimated from the area (at the plan's m2
    a space, by levels); a point without one is entered as 0."""
    tagged = _read_tag(tags, "capacity", _number, result)
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


def _repair(frame: gpd.GeoDataFrame, layer: str,
            result: OsmImport) -> gpd.GeoDataFrame:
    """Invalid polygons repaired (their polygonal parts kept); those
    enclosing no area left out."""
    geoms = frame.geometry.array
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))
    invalid = polygonal & ~shapely.is_valid(geoms)
    if invalid.any():
        frame = frame.copy()
        frame.loc[frame.index[invalid], frame.geometry.name] = \
            polygonal_parts(geoms[invalid])
        result.repaired[tr("{layer}: invalid outlines repaired").format(
            layer=layer)] += int(invalid.sum())
    flat = encloses_no_area(frame.geometry.array)
    if flat.any():
        result.skipped[tr("{layer}: areas enclosing no area").format(
            layer=layer)] += int(flat.sum())
    return frame[~flat]
