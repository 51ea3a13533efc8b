"""``plannerdesk new`` and ``plannerdesk import``: a plan file and the
features that go into it."""

from __future__ import annotations

import argparse

from ..io.gpkg import save_plan, update_plan
from ..io.importer import import_file, refused_file, write_refused
from ..io.outputs import check_file, plan_inputs
from ..io.sources import read_source
from ..model.crs import describe, lonlat_centre, parse_crs, require_plan_crs
from ..model.language import N_, tr
from ..model.plan import Plan
from ..model.problems import PlannerError, Problem
from ..model.scenarios import in_scenario
from .common import pairs, print_problems


def run_new(args: argparse.Namespace) -> int:
    if args.plan.exists() and not args.force:
        raise PlannerError(tr(
            "{path} already exists. Fix: choose another name, or add --force "
            "to replace it").format(path=args.plan))
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
    created = tr("Created {path} in {crs} ({name}) with {count} site "
                 "feature(s)") if args.site else \
        tr("Created {path} in {crs} ({name})")
    print(created.format(path=args.plan, crs=describe(crs), name=crs.name,
                         count=len(plan["site"])))
    return 0


def run_import(args: argparse.Namespace) -> int:
    refused_path = refused_file(args.plan, args.source)
    if args.skip_invalid:
        check_file(refused_path, N_("refused features"),
                   plan_inputs(args.plan) | {args.source: tr("the source")})
    plan, result = update_plan(args.plan, lambda plan: import_file(
        plan, args.source, args.kind, layer=args.layer,
        mapping=pairs(args.map, "--map"), constants=pairs(args.set, "--set"),
        source_crs=parse_crs(args.source_crs) if args.source_crs else None,
        x_field=args.x_field, y_field=args.y_field,
        skip_invalid=args.skip_invalid,
        keep_duplicates=args.keep_duplicates))
    print_problems(result.problems)
    print(tr("Imported {count} feature(s) from {source} into '{layer}' of "
             "{plan}{scenario} (now {total})").format(
                 count=len(result.fids), source=args.source.name,
                 layer=args.kind, plan=args.plan.name,
                 scenario=in_scenario(plan), total=len(plan[args.kind])))
    if result.refused is not None:
        write_refused(result, refused_path)
        print(tr("{count} feature(s) refused, written with their reasons to "
                 "{path}: correct them there and import that file again")
              .format(count=len(result.refused), path=refused_path))
    return 0


