"""Checking and conforming a layer to its spec, with problems a planner can act on.

:func:`conform_layer` is used on import, on open and by ``validate``: it
types the columns, fills documented defaults, derives building GFA, repairs
self-intersecting polygons with ``make_valid`` and reports everything else.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .duplicates import overlapping_pairs
from .fields import DTYPES, WANTED, coerce, empty_column, reason_text, why_unreadable
from .problems import Problem
from .schema import FieldSpec, LayerSpec

MANY_UNKNOWN = 5
"""More unknown values than this in one field are reported in one line."""
FARTHEST_M = 1e8
"""No place on Earth lies farther than this (100,000 km) from the origin
of a projected CRS, false eastings and zone prefixes included."""


def feature_label(gdf: gpd.GeoDataFrame, index) -> str:
    """``feature 12 ('Yangpan garage')``: the fid and, where known, the name."""
    name = gdf.at[index, "name"] if "name" in gdf.columns else None
    named = f" ('{name}')" if isinstance(name, str) and name else ""
    return f"feature {index}{named}"


def conform_layer(
    gdf: gpd.GeoDataFrame, spec: LayerSpec, *, source: str = "",
    site: shapely.Geometry | None = None,
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Typed, defaulted and repaired copy of ``gdf`` and the problems found.

    Errors (wrong geometry type, a vertex that is NaN, infinite or nowhere
    on Earth, a polygon enclosing no area, missing required values,
    unreadable, non-finite, negative or too large numbers, values outside a
    closed vocabulary) leave the feature as it is and must be fixed before
    the data is accepted; warnings do not block. The input is never
    modified.
    """
    out = gdf.copy()
    ctx = _Context(out, spec, source)
    unusable = _check_geometry(ctx)
    for field in spec.fields:
        _check_field(ctx, field)
    if spec.name == "buildings":
        _derive_gfa(ctx)
    if "polygon" in spec.geom_kinds and spec.name != "site":
        _check_overlaps(ctx, ~unusable)
    if site is not None and not site.is_empty and \
            np.isfinite(shapely.get_coordinates(site)).all():
        # (a site with a broken vertex is reported in the site layer)
        _check_inside_site(ctx, site, ~unusable)
    geometry = ctx.gdf.geometry.name  # fields the schema added before it
    ordered = [c for c in ctx.gdf.columns if c != geometry] + [geometry]
    return ctx.gdf[ordered], ctx.problems


class _Context:
    """The layer being conformed and the problems found so far."""

    def __init__(self, gdf: gpd.GeoDataFrame, spec: LayerSpec, source: str):
        self.gdf, self.spec, self.source = gdf, spec, source
        self.problems: list[Problem] = []

    def report(self, severity, mask, message: str, fix: str) -> None:
        """One problem per flagged feature (``mask`` over the rows)."""
        for index in self.gdf.index[np.asarray(mask, dtype=bool)]:
            self.problems.append(Problem(
                severity, message, fix, self.source, self.spec.name,
                feature_label(self.gdf, index), row=index))


def _check_geometry(ctx: _Context) -> np.ndarray:
    """Check and repair the geometries; the mask of those unusable."""
    gdf, spec = ctx.gdf, ctx.spec
    geoms = gdf.geometry.array
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    ctx.report("error", missing, "has no geometry, or one that cannot be "
               "read (such as a ring that does not close)",
               "draw the feature again or delete it")
    if shapely.has_z(geoms).any():
        gdf.geometry = shapely.force_2d(geoms)
        geoms = gdf.geometry.array
    unusable = missing | _check_vertices(ctx, geoms)
    types = shapely.get_type_id(geoms)
    names = np.array(["Point", "LineString", "LinearRing", "Polygon",
                      "MultiPoint", "MultiLineString", "MultiPolygon",
                      "GeometryCollection"] + [""])[np.where(types < 0, 8, types)]
    wrong = ~missing & ~np.isin(names, spec.geom_types)
    for kind in sorted(set(names[wrong])):
        ctx.report("error", wrong & (names == kind),
                   f"is a {kind}, but '{spec.name}' holds "
                   + " or ".join(spec.geom_kinds) + " features",
                   _geometry_fix(spec))
    if "polygon" in spec.geom_kinds:
        unusable |= _repair_polygons(ctx, ~unusable & np.isin(
            names, ("Polygon", "MultiPolygon")))
    return unusable


def _check_vertices(ctx: _Context, geoms) -> np.ndarray:
    """Report features with a vertex that is NaN or infinite, or farther
    than :data:`FARTHEST_M`; the mask of those features."""
    coords, owner = shapely.get_coordinates(geoms, return_index=True)
    finite = np.isfinite(coords).all(axis=1)
    far = finite & (np.abs(coords) > FARTHEST_M).any(axis=1)
    not_number = np.bincount(owner[~finite], minlength=len(geoms)) > 0
    too_far = (np.bincount(owner[far], minlength=len(geoms)) > 0) & \
        ~not_number
    ctx.report("error", not_number, "has a vertex whose coordinates are not "
               "numbers (NaN or infinite)", "move that vertex to its place or "
               "delete the feature; if it came from a file, correct the "
               "file's coordinates and import it again")
    ctx.report("error", too_far, "has a vertex more than 100,000 km from the "
               "origin of the plan's CRS, which is nowhere on Earth",
               "check the CRS its source was read in (--source-crs), or "
               "move the vertex to its place")
    return not_number | too_far


def _geometry_fix(spec: LayerSpec) -> str:
    other = {"point": "public_points or facilities", "line":
             "public_lines or walkways", "polygon": "public_areas or buildings"}
    return ("import these features as another layer (points: "
            f"{other['point']}; lines: {other['line']}; polygons: "
            f"{other['polygon']}), or convert them first")


def polygonal_parts(geoms) -> list:
    """Each geometry repaired with ``make_valid``, keeping only its
    polygonal parts (a part that repairs into a line is dropped): an empty
    geometry where none is left."""
    repaired = shapely.make_valid(np.asarray(geoms, dtype=object))
    parts, owner = shapely.get_parts(repaired, return_index=True)
    polygons = np.isin(shapely.get_type_id(parts), (3, 6))
    return [shapely.union_all(parts[polygons & (owner == i)])
            for i in range(len(repaired))]


def encloses_no_area(geoms) -> np.ndarray:
    """Mask of the polygons (or what is left of them once repaired: an
    empty collection) enclosing no area."""
    return (shapely.area(geoms) == 0) & np.isin(shapely.get_type_id(geoms),
                                                (3, 6, 7))


def _repair_polygons(ctx: _Context, polygonal: np.ndarray) -> np.ndarray:
    """Repair invalid polygons and report those enclosing no area (before
    or after repair); the mask of the latter."""
    geoms = ctx.gdf.geometry.array
    invalid = polygonal & ~shapely.is_valid(geoms)
    if invalid.any():
        reasons = shapely.is_valid_reason(geoms[invalid])
        merged = polygonal_parts(geoms[invalid])
        ctx.gdf.loc[ctx.gdf.index[invalid], ctx.gdf.geometry.name] = merged
        kept = shapely.area(np.asarray(merged, dtype=object)) > 0
        for index, reason in zip(ctx.gdf.index[invalid][kept],
                                 reasons[kept], strict=True):
            ctx.problems.append(Problem(
                "warning", f"polygon was invalid ({reason}) and has been "
                "repaired with make_valid", "check the repaired outline on "
                "the map", ctx.source, ctx.spec.name,
                feature_label(ctx.gdf, index), row=index))
    flat = polygonal & ~(shapely.area(ctx.gdf.geometry.array) > 0)
    ctx.report("error", flat, "is a polygon enclosing no area (its vertices "
               "lie on one line or at one point)", "redraw its outline, or "
               "delete it")
    return flat


def _check_field(ctx: _Context, field: FieldSpec) -> None:
    gdf = ctx.gdf
    if field.name not in gdf.columns:
        gdf[field.name] = empty_column(field.type, gdf.index)
    values, bad = coerce(gdf[field.name], field.type)
    if bad.any():
        # Leave the column as given, so the message shows the planner's value.
        _report_unreadable(ctx, field, bad.to_numpy())
        _check_range(ctx, field, values)
        return
    gdf[field.name] = values
    missing = gdf[field.name].isna().to_numpy()
    if field.default is not None:
        gdf[field.name] = gdf[field.name].fillna(field.default).astype(
            DTYPES[field.type])
    elif field.required:
        ctx.report("error", missing, f"'{field.name}' is missing",
                   f"enter a value for '{field.name}'"
                   + _vocabulary_hint(field))
    _check_range(ctx, field, gdf[field.name])
    if field.vocabulary:
        _known_spelling(ctx, field)
        _check_vocabulary(ctx, field)


def _check_range(ctx: _Context, field: FieldSpec, values: pd.Series) -> None:
    """Report the (readable) ``values`` of ``field`` beyond its bounds."""
    if field.minimum is not None:
        low = (values < field.minimum).fillna(False).to_numpy()
        ctx.report("error", low, f"'{field.name}' is negative",
                   f"set '{field.name}' to {field.minimum:g} or more")
    if field.maximum is not None:
        high = (values > field.maximum).fillna(False).to_numpy()
        ctx.report("error", high, f"'{field.name}' is more than "
                   f"{field.maximum:,.0f}, the most PlannerDesk accepts",
                   f"set '{field.name}' to at most {field.maximum:,.0f} "
                   "(check the number and its unit)")


def _report_unreadable(ctx: _Context, field: FieldSpec,
                       bad: np.ndarray) -> None:
    reasons = why_unreadable(ctx.gdf[field.name], field.type).to_numpy()
    wanted = WANTED[field.type]
    fixes = {"unreadable": f"enter {wanted} for '{field.name}'",
             "not finite": f"enter {wanted} for '{field.name}' (NaN and "
                           "infinity are not values), or clear it",
             "too large": f"enter the real value of '{field.name}'"}
    for reason, fix in fixes.items():
        ctx.report("error", bad & (reasons == reason), f"'{field.name}' "
                   + reason_text(reason, field.type), fix)


def _known_spelling(ctx: _Context, field: FieldSpec) -> None:
    """Values that are a known one but for case, spaces or hyphens
    ('CAFE', 'book bar') become it, with one note for the field."""
    column = ctx.gdf[field.name]
    text = column.dropna()
    known = pd.Series(pd.unique(text))
    spelling = dict(zip(known, known.str.strip().str.lower().str.replace(
        r"[\s-]+", "_", regex=True), strict=True))
    spelt = text.map(spelling)
    changed = (spelt != text) & spelt.isin(field.vocabulary)
    if not changed.any():
        return
    ctx.gdf.loc[changed.index[changed], field.name] = spelt[changed]
    examples = dict(zip(text[changed], spelt[changed], strict=True))
    shown = ", ".join(f"'{a}' as '{b}'" for a, b in list(examples.items())[:4])
    ctx.problems.append(Problem(
        "info", f"'{field.name}': {int(changed.sum())} value(s) read as the "
        f"known ones they spell ({shown})", "", ctx.source, ctx.spec.name))


def _check_vocabulary(ctx: _Context, field: FieldSpec) -> None:
    column = ctx.gdf[field.name]
    unknown = (column.notna() & ~column.isin(field.vocabulary)).to_numpy()
    values = sorted(set(column[unknown]))
    if field.closed:
        for value in values:
            ctx.report("error", unknown & (column == value).to_numpy(),
                       f"'{field.name}' is '{value}', which is not allowed",
                       "use one of " + ", ".join(field.vocabulary))
        return
    fix = "use a known one if it fits:" + _vocabulary_hint(
        field).removeprefix(", one of")
    if len(values) > MANY_UNKNOWN:
        counts = column[unknown].value_counts()
        listed = ", ".join(f"{v} ({n})" for v, n in counts.head(12).items())
        ctx.problems.append(Problem(
            "warning", f"'{field.name}' holds {len(values)} values "
            f"PlannerDesk has no defaults for, in {int(unknown.sum())} "
            f"features (kept): {listed}"
            + (", ..." if len(values) > 12 else ""), fix, ctx.source,
            ctx.spec.name))
        return
    for value in values:
        rows = ctx.gdf.index[unknown & (column == value).to_numpy()]
        more = f" and {len(rows) - 1} more" if len(rows) > 1 else ""
        ctx.problems.append(Problem(
            "warning", f"'{field.name}' is '{value}', an unknown "
            f"{field.name} (kept; evaluators have no defaults for it)", fix,
            ctx.source, ctx.spec.name, feature_label(ctx.gdf, rows[0]) + more,
            row=rows[0]))


def _vocabulary_hint(field: FieldSpec) -> str:
    if not field.vocabulary:
        return ""
    shown = ", ".join(field.vocabulary[:8])
    more = ", ..." if len(field.vocabulary) > 8 else ""
    return f", one of {shown}{more}"


def _derive_gfa(ctx: _Context) -> None:
    gdf = ctx.gdf
    if not pd.api.types.is_float_dtype(gdf["gfa_m2"]) or \
            not pd.api.types.is_float_dtype(gdf["floors"]):
        return
    derive = gdf["gfa_m2"].isna() & gdf["floors"].notna()
    footprint = shapely.area(gdf.geometry.array)
    gdf.loc[derive, "gfa_m2"] = (
        footprint[derive.to_numpy()] * gdf.loc[derive, "floors"])


def _check_overlaps(ctx: _Context, usable: np.ndarray) -> None:
    """Warn of polygons that overlap another almost entirely: one feature
    drawn or imported twice counts twice in every sum."""
    gdf = ctx.gdf
    geoms = np.asarray(gdf.geometry.array, dtype=object).copy()
    geoms[~usable] = None
    first, second, share = overlapping_pairs(geoms)
    for i, j, ratio in zip(first, second, share, strict=True):
        index = gdf.index[j]
        ctx.problems.append(Problem(
            "warning", f"overlaps {feature_label(gdf, gdf.index[i])} almost "
            f"entirely (they share {ratio:.0%} of the area they cover): is "
            "it drawn or imported twice?", "delete one of them, or correct "
            "its outline",
            ctx.source, ctx.spec.name, feature_label(gdf, index), row=index))


def _check_inside_site(ctx: _Context, site: shapely.Geometry,
                       usable: np.ndarray) -> None:
    geoms = ctx.gdf.geometry.array
    present = usable & ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    shapely.prepare(site)
    outside = present.copy()
    outside[present] = ~shapely.intersects(site, geoms[present])
    ctx.report("warning", outside, "lies wholly outside the site boundary",
               "move it inside the site, or correct the site layer")
