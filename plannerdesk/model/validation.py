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
from .fields import DTYPES, coerce, empty_column, reason_text, wanted, why_unreadable
from .language import N_, tr
from .problems import Problem
from .schema import FieldSpec, LayerSpec
from .settings_rules import either

MANY_UNKNOWN = 5
"""More unknown values than this in one field are reported in one line."""
FARTHEST_M = 1e8
"""No place on Earth lies farther than this (100,000 km) from the origin
of a projected CRS, false eastings and zone prefixes included."""
GEOM_WORDS = {"point": N_("point"), "line": N_("line"),
              "polygon": N_("polygon")}
"""Each geometry kind in words (translated where shown)."""
_NOUNS = {"use": N_("use"), "subject": N_("subject"), "kind": N_("kind"),
          "category": N_("category")}
"""Fields with an open vocabulary, as a warning names what they hold."""


def feature_label(gdf: gpd.GeoDataFrame, index) -> str:
    """``feature 12 ('Yangpan garage')``: the fid and, where known, the name."""
    name = gdf.at[index, "name"] if "name" in gdf.columns else None
    if isinstance(name, str) and name:
        return tr("feature {fid} ('{name}')").format(fid=index, name=name)
    return tr("feature {fid}").format(fid=index)


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
    ctx.report("error", missing, tr("has no geometry, or one that cannot "
                                    "be read (such as a ring that does not "
                                    "close)"),
               tr("draw the feature again or delete it"))
    if shapely.has_z(geoms).any():
        gdf.geometry = shapely.force_2d(geoms)
        geoms = gdf.geometry.array
    unusable = missing | _check_vertices(ctx, geoms)
    types = shapely.get_type_id(geoms)
    names = np.array(["Point", "LineString", "LinearRing", "Polygon",
                      "MultiPoint", "MultiLineString", "MultiPolygon",
                      "GeometryCollection"] + [""])[np.where(types < 0, 8, types)]
    wrong = ~missing & ~np.isin(names, spec.geom_types)
    kinds = either([tr(GEOM_WORDS[k]) for k in spec.geom_kinds])
    for kind in sorted(set(names[wrong])):
        ctx.report("error", wrong & (names == kind),
                   tr("is a {kind}, but '{layer}' holds {kinds} features")
                   .format(kind=kind, layer=spec.name, kinds=kinds),
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
    ctx.report("error", not_number, tr(
        "has a vertex whose coordinates are not numbers (NaN or infinite)"),
        tr("move that vertex to its place or delete the feature; if it came "
           "from a file, correct the file's coordinates and import it "
           "again"))
    ctx.report("error", too_far, tr(
        "has a vertex more than 100,000 km from the origin of the plan's "
        "CRS, which is nowhere on Earth"),
        tr("check the CRS its source was read in (--source-crs), or move "
           "the vertex to its place"))
    return not_number | too_far


def _geometry_fix(spec: LayerSpec) -> str:
    return tr("import these features as another layer (points: "
              "public_points or facilities; lines: public_lines or "
              "walkways; polygons: public_areas or buildings), or convert "
              "them first")


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
                "warning", tr("polygon was invalid ({reason}) and has been "
                              "repaired with make_valid").format(
                                  reason=reason),
                tr("check the repaired outline on the map"), ctx.source,
                ctx.spec.name, feature_label(ctx.gdf, index), row=index))
    flat = polygonal & ~(shapely.area(ctx.gdf.geometry.array) > 0)
    ctx.report("error", flat, tr("is a polygon enclosing no area (its "
                                 "vertices lie on one line or at one "
                                 "point)"),
               tr("redraw its outline, or delete it"))
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
        fix = tr("enter a value for '{field}', one of {values}") \
            if field.vocabulary else tr("enter a value for '{field}'")
        ctx.report("error", missing,
                   tr("'{field}' is missing").format(field=field.name),
                   fix.format(field=field.name,
                              values=_vocabulary_list(field)))
    _check_range(ctx, field, gdf[field.name])
    if field.vocabulary:
        _known_spelling(ctx, field)
        _check_vocabulary(ctx, field)


def _check_range(ctx: _Context, field: FieldSpec, values: pd.Series) -> None:
    """Report the (readable) ``values`` of ``field`` beyond its bounds."""
    if field.minimum is not None:
        low = (values < field.minimum).fillna(False).to_numpy()
        ctx.report("error", low,
                   tr("'{field}' is negative").format(field=field.name),
                   tr("set '{field}' to {minimum:g} or more").format(
                       field=field.name, minimum=field.minimum))
    if field.maximum is not None:
        high = (values > field.maximum).fillna(False).to_numpy()
        ctx.report("error", high, tr(
            "'{field}' is more than {maximum:,.0f}, the most PlannerDesk "
            "accepts").format(field=field.name, maximum=field.maximum),
            tr("set '{field}' to at most {maximum:,.0f} (check the number "
               "and its unit)").format(field=field.name,
                                       maximum=field.maximum))


def _report_unreadable(ctx: _Context, field: FieldSpec,
                       bad: np.ndarray) -> None:
    reasons = why_unreadable(ctx.gdf[field.name], field.type).to_numpy()
    fixes = {"unreadable": tr("enter {wanted} for '{field}'"),
             "not finite": tr("enter {wanted} for '{field}' (NaN and "
                              "infinity are not values), or clear it"),
             "too large": tr("enter the real value of '{field}'")}
    for reason, fix in fixes.items():
        ctx.report("error", bad & (reasons == reason),
                   reason_text(reason, field.type, f"'{field.name}'"),
                   fix.format(wanted=wanted(field.type), field=field.name))


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
    shown = ", ".join(tr("'{value}' as '{known}'").format(value=a, known=b)
                      for a, b in list(examples.items())[:4])
    ctx.problems.append(Problem(
        "info", tr("'{field}': {count} value(s) read as the known ones they "
                   "spell ({examples})").format(
                       field=field.name, count=int(changed.sum()),
                       examples=shown),
        "", ctx.source, ctx.spec.name))


def _check_vocabulary(ctx: _Context, field: FieldSpec) -> None:
    column = ctx.gdf[field.name]
    unknown = (column.notna() & ~column.isin(field.vocabulary)).to_numpy()
    values = sorted(set(column[unknown]))
    if field.closed:
        fix = tr("use one of {values}").format(
            values=", ".join(field.vocabulary))
        for value in values:
            ctx.report("error", unknown & (column == value).to_numpy(),
                       tr("'{field}' is '{value}', which is not allowed")
                       .format(field=field.name, value=value), fix)
        return
    fix = tr("use a known one if it fits: {values}").format(
        values=_vocabulary_list(field))
    if len(values) > MANY_UNKNOWN:
        counts = column[unknown].value_counts()
        listed = ", ".join(f"{v} ({n})" for v, n in counts.head(12).items())
        ctx.problems.append(Problem(
            "warning", tr("'{field}' holds {count} values PlannerDesk has "
                          "no defaults for, in {features} features (kept): "
                          "{listed}").format(
                field=field.name, count=len(values),
                features=int(unknown.sum()),
                listed=listed + (", ..." if len(values) > 12 else "")),
            fix, ctx.source, ctx.spec.name))
        return
    noun = tr(_NOUNS.get(field.name, field.name))
    for value in values:
        rows = ctx.gdf.index[unknown & (column == value).to_numpy()]
        where = feature_label(ctx.gdf, rows[0])
        if len(rows) > 1:
            where = tr("{feature} and {count} more").format(
                feature=where, count=len(rows) - 1)
        ctx.problems.append(Problem(
            "warning", tr("'{field}' is '{value}', an unknown {noun} (kept; "
                          "evaluators have no defaults for it)").format(
                field=field.name, value=value, noun=noun), fix,
            ctx.source, ctx.spec.name, where, row=rows[0]))


def _vocabulary_list(field: FieldSpec) -> str:
    """The first known values of ``field``, ``...`` when there are more."""
    shown = ", ".join(field.vocabulary[:8])
    return shown + (", ..." if len(field.vocabulary) > 8 else "")


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
            "warning", tr("overlaps {feature} almost entirely (they share "
                          "{share:.0%} of the area they cover): is it drawn "
                          "or imported twice?").format(
                feature=feature_label(gdf, gdf.index[i]), share=ratio),
            tr("delete one of them, or correct its outline"),
            ctx.source, ctx.spec.name, feature_label(gdf, index), row=index))


def _check_inside_site(ctx: _Context, site: shapely.Geometry,
                       usable: np.ndarray) -> None:
    geoms = ctx.gdf.geometry.array
    present = usable & ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    shapely.prepare(site)
    outside = present.copy()
    outside[present] = ~shapely.intersects(site, geoms[present])
    ctx.report("warning", outside,
               tr("lies wholly outside the site boundary"),
               tr("move it inside the site, or correct the site layer"))
