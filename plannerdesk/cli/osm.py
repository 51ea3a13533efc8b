"""``plannerdesk import-osm``: an OpenStreetMap extract into a plan in one
command, and ``--list-mapping`` to see how its tags are read."""

from __future__ import annotations

import argparse
import textwrap
import time

import geopandas as gpd
import shapely
from pyproj import CRS

from ..io.gpkg import open_plan, save_plan, update_plan
from ..io.importer import import_file
from ..io.osm_import import OsmImport, import_osm, summary_lines
from ..io.osm_mapping import mapping_table
from ..io.osm_read import Extract, read_extract
from ..io.sources import read_source
from ..model import standards as std
from ..model.crs import describe, parse_crs, reproject, require_plan_crs, suggest_utm
from ..model.language import tr
from ..model.plan import Plan
from ..model.problems import PlannerError, UsageError
from .common import print_problems


def run_import_osm(args: argparse.Namespace) -> int:
    if args.list_mapping:
        print(mapping_text())
        return 0
    if args.plan is None or args.extract is None:
        raise UsageError(tr(
            "give the plan and the extract, e.g. plannerdesk import-osm "
            "town.gpkg town.osm.pbf. Fix: add both, or --list-mapping to see "
            "the tag mapping"))
    if args.plan.suffix.lower() in (".pbf", ".osm") and \
            args.extract.suffix.lower() == ".gpkg":
        raise UsageError(tr(
            "{plan} looks like the extract and {extract} like the plan. Fix: "
            "give the plan first, then the extract").format(
                plan=args.plan.name, extract=args.extract.name))
    exists = args.plan.exists()
    if exists and args.crs:
        raise UsageError(tr(
            "{path} exists, and its CRS stays. Fix: leave out --crs, or give "
            "a new plan file").format(path=args.plan))
    stored = open_plan(args.plan)[0] if exists else None
    area = _area(args, stored)
    started = time.perf_counter()
    extract = read_extract(args.extract, area=area)
    seconds = time.perf_counter() - started
    if not len(extract.features):
        raise _nothing_there(args, area)

    def fill(plan: Plan) -> OsmImport:
        return _fill(plan, args, extract, area)

    if exists:
        plan, result = update_plan(args.plan, fill)
    else:
        plan = Plan(crs=_new_crs(args, extract))
        result = fill(plan)
        save_plan(plan, args.plan)
    _report(args, plan, result, seconds, exists)
    return 0


def _nothing_there(args: argparse.Namespace,
                   area: shapely.Geometry | None) -> PlannerError:
    """Why an import found nothing, with where the extract and the area
    asked for lie."""
    name = args.extract.name
    if area is None:
        return PlannerError(tr(
            "{name} holds no features PlannerDesk reads. Fix: check the "
            "extract (is the download complete?)").format(name=name))
    asked = "--bbox" if args.bbox else "--site" if args.site else \
        tr("the plan's site")
    features = read_extract(args.extract).features
    message = tr(
        "{name} holds no features in {asked} ({area}); it holds no "
        "features. Fix: give an area the extract covers (longitude first: "
        "--bbox W,S,E,N), or the extract of this area") \
        if not len(features) else tr(
        "{name} holds no features in {asked} ({area}); it covers {covers}. "
        "Fix: give an area the extract covers (longitude first: --bbox "
        "W,S,E,N), or the extract of this area")
    return PlannerError(message.format(
        name=name, asked=asked, area=_lonlat(area.bounds),
        covers=_lonlat(features.total_bounds) if len(features) else ""))


def _lonlat(bounds) -> str:
    west, south, east, north = bounds
    return tr("{west:.4f} to {east:.4f} E, {south:.4f} to {north:.4f} N")\
        .format(west=west, east=east, south=south, north=north)


def _area(args: argparse.Namespace, plan: Plan | None
          ) -> shapely.Geometry | None:
    """What to import, in longitude and latitude: --site, --bbox, or the
    site of an existing plan."""
    if args.bbox:
        return shapely.box(*parse_bbox(args.bbox))
    if args.site:
        site = read_source(args.site)
        if getattr(site, "crs", None) is None:  # a CSV table has none
            raise PlannerError(tr(
                "{name} has no outline in a known coordinate reference "
                "system. Fix: give a site drawn as a polygon with its CRS "
                "(e.g. a GeoPackage saved in QGIS)").format(
                    name=args.site.name))
        outline = shapely.union_all(site.to_crs(4326).geometry.array)
        if outline.is_empty or not outline.area > 0:
            raise PlannerError(tr(
                "{name} holds no site outline (no polygon with an area). "
                "Fix: give the file of the site's outline").format(
                    name=args.site.name))
        return outline
    return None if plan is None else reproject(plan.site_geometry(),
                                               plan.crs, 4326)


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``W,S,E,N`` in degrees; a UsageError says what is wrong."""
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise UsageError(tr(
            "--bbox {text}: expected four numbers W,S,E,N. Fix: e.g. --bbox "
            "119.98,30.28,120.00,30.30").format(text=text)) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise UsageError(tr(
            "--bbox {text}: west must be less than east and south less than "
            "north, in degrees. Fix: give W,S,E,N, e.g. --bbox "
            "119.98,30.28,120.00,30.30").format(text=text))
    return west, south, east, north


def _new_crs(args: argparse.Namespace, extract: Extract) -> CRS:
    """--crs (refused, with the UTM zone suggested, when not in metres),
    else the UTM zone of the extract."""
    lon, lat = shapely.centroid(shapely.box(
        *extract.features.total_bounds)).coords[0]
    if args.crs:
        return require_plan_crs(parse_crs(args.crs), lon, lat)
    return CRS.from_user_input(suggest_utm(lon, lat))


def _fill(plan: Plan, args: argparse.Namespace, extract: Extract,
          area: shapely.Geometry | None) -> OsmImport:
    """Put the area as the site when the plan has none, then the extract."""
    found = []
    if area is not None and plan.site_geometry() is None:
        if args.site:
            name = {} if "name" in read_source(args.site).columns else \
                {"name": args.site.stem}
            found = import_file(plan, args.site, "site",
                                constants=name).problems
        else:
            plan.add_features("site", gpd.GeoDataFrame(
                {"name": [f"{args.extract.stem} ({args.bbox})"]},
                geometry=[area], crs=4326))
    result = import_osm(plan, extract, source=args.extract.name,
                        area=reproject(area, 4326, plan.crs))
    result.problems[:0] = [p for p in found if p.severity != "info"]
    return result


def _report(args: argparse.Namespace, plan: Plan, result: OsmImport,
            seconds: float, existed: bool) -> None:
    lines = summary_lines(result, plan, args.extract.name)
    print(tr("{read} in {seconds:.1f} s").format(read=lines[0],
                                                 seconds=seconds))
    print("\n".join(lines[1:]))
    print_problems(result.problems)
    done = tr("Updated {path} in {crs} ({name})") if existed else \
        tr("Created {path} in {crs} ({name})")
    print(done.format(path=args.plan, crs=describe(plan.crs),
                      name=plan.crs.name))


def mapping_text() -> str:
    """The tag mapping as the README and ``--list-mapping`` show it."""
    lines = []
    for layer, role, tags, sets, note in mapping_table():
        text = f"{layer:<13} {role:<4} {tags} -> {sets}" + (
            f"  ({note})" if note else "")
        wrapped = textwrap.fill(text.replace("|", "| "), width=100,
                                subsequent_indent=" " * 19,
                                break_on_hyphens=False)
        lines.append(wrapped.replace("| ", "|"))
    assumed = ", ".join(f"{use} {s.value:g}" for use, s in
                        std.OSM_ASSUMED_FLOORS.items())
    storey = std.OSM_IMPORT["storey_height_m"].value
    notes = [
        tr("take: the first matching row of a layer puts the feature in it, "
           "or leaves it out; set: fills further fields (for each field the "
           "first matching row). A feature may go into several layers."),
        tr("Every feature: name, name_en and name_zh from name, name:en and "
           "name:zh; osm_id (way/12) and osm_tag (the tag that took it)."),
        tr("Floors: building:levels (fractions kept), else height / "
           "{storey:g} m, else assumed by use (proposal): {assumed}; "
           "floors_source says which.").format(storey=storey,
                                               assumed=assumed),
        tr("Capacity: capacity, else area / m2 a space (the plan's "
           "settings: surface, garage) x parking:levels or building:levels; "
           "capacity_source says which (tagged, estimated, unknown)."),
    ]
    return "\n".join(lines + [""] + [textwrap.fill(n, width=100)
                                    for n in notes])
