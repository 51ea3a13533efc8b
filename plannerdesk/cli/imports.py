"""``plannerdesk new`` and ``plannerdesk import``: a plan file and the
features that go into it."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..io.gpkg import save_plan, update_plan
from ..io.importer import import_file, refused_file, write_refused
from ..io.outputs import check_file, plan_inputs
from ..io.sources import read_source
from ..model.crs import describe, lonlat_centre, parse_crs, require_plan_crs
from ..model.plan import Plan
from ..model.problems import PlannerError, Problem
from ..model.schema import LAYERS
from .common import in_scenario, layer_kind, pairs, print_problems


def add_new(sub) -> None:
    new = sub.add_parser("new", help="create an empty plan file")
    new.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    new.add_argument("--crs", required=True,
                     help="projected CRS in metres, e.g. EPSG:4549")
    new.add_argument("--site", type=Path, metavar="FILE",
                     help="vector file holding the site boundary")
    new.add_argument("--force", action="store_true",
                     help="replace an existing file")
    new.set_defaults(run=_cmd_new)


def add_import(sub) -> None:
    imp = sub.add_parser("import", help="add features from a vector file")
    imp.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    imp.add_argument("source", type=Path, metavar="SOURCE")
    imp.add_argument("--layer", help="layer of SOURCE to read")
    imp.add_argument("--as", dest="kind", required=True, type=layer_kind,
                     metavar="KIND", help="plan layer: " + ", ".join(LAYERS))
    imp.add_argument("--map", action="append", default=[],
                     metavar="FIELD=SOURCE_FIELD",
                     help="fill FIELD from SOURCE_FIELD (repeatable)")
    imp.add_argument("--set", action="append", default=[],
                     metavar="FIELD=VALUE",
                     help="set FIELD to VALUE for every feature (repeatable)")
    imp.add_argument("--source-crs", metavar="EPSG:NNNN",
                     help="CRS of SOURCE when the file has none (a CSV "
                     "without it is taken as EPSG:4326 only when its columns "
                     "are lon/lat-named and in range)")
    imp.add_argument("--x-field", metavar="COLUMN",
                     help="for a CSV (a table without geometry): the column "
                     "of x or longitude, with --y-field (default: a column "
                     "named x, lon, lng or longitude, in any case)")
    imp.add_argument("--y-field", metavar="COLUMN",
                     help="for a CSV: the column of y or latitude (default: "
                     "y, lat or latitude)")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid features and write those with "
                     "errors, with their reasons, to PLAN_refused_SOURCE.gpkg "
                     "beside the plan (default: import nothing when any "
                     "feature has an error)")
    imp.add_argument("--keep-duplicates", action="store_true",
                     help="also import features identical to ones already in "
                     "the layer (left out by default)")
    imp.set_defaults(run=_cmd_import)


def _cmd_new(args: argparse.Namespace) -> int:
    if args.plan.exists() and not args.force:
        raise PlannerError(f"{args.plan} already exists. Fix: choose another "
                           "name, or add --force to replace it")
    crs = parse_crs(args.crs)
    site = read_source(args.site) if args.site else None
    if getattr(site, "crs", None) is not None:  # a CSV table has none
        require_plan_crs(crs, *(lonlat_centre(site.geometry) or (None, None)))
    plan = Plan(crs=crs)
    problems: list[Problem] = []
    if args.site:
        name = {"name": args.site.stem} if "name" not in site.columns else {}
        problems = import_file(plan, args.site, "site", constants=name).problems
    save_plan(plan, args.plan, replace=args.force)
    print_problems(problems)
    print(f"Created {args.plan} in {describe(crs)} ({crs.name})"
          + (f" with {len(plan['site'])} site feature(s)" if args.site else ""))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    refused_path = refused_file(args.plan, args.source)
    if args.skip_invalid:
        check_file(refused_path, "refused features", plan_inputs(args.plan)
                   | {args.source: "the source"})
    plan, result = update_plan(args.plan, lambda plan: import_file(
        plan, args.source, args.kind, layer=args.layer,
        mapping=pairs(args.map, "--map"), constants=pairs(args.set, "--set"),
        source_crs=parse_crs(args.source_crs) if args.source_crs else None,
        x_field=args.x_field, y_field=args.y_field,
        skip_invalid=args.skip_invalid,
        keep_duplicates=args.keep_duplicates))
    print_problems(result.problems)
    print(f"Imported {len(result.fids)} feature(s) from {args.source.name} "
          f"into '{args.kind}' of {args.plan.name}{in_scenario(plan)} "
          f"(now {len(plan[args.kind])})")
    if result.refused is not None:
        write_refused(result, refused_path)
        print(f"{len(result.refused)} feature(s) refused, written with their "
              f"reasons to {refused_path}: correct them there and import "
              "that file again")
    return 0


