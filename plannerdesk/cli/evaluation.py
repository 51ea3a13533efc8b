"""``plannerdesk info | validate | evaluate | report``: what a plan holds,
what is wrong with it, and what it scores."""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

from ..evaluate.compare import compare
from ..evaluate.context import prepare
from ..evaluate.export import write_csv
from ..evaluate.findings import headline
from ..evaluate.islands import island_problems
from ..evaluate.run import (EVALUATORS, evaluate, parse_only, write_results,
                            write_summary)
from ..evaluate.study_area import study_area
from ..io.gpkg import open_plan
from ..io.outputs import check_file, check_folder, plan_inputs, refuse_same
from ..model.crs import describe
from ..model.problems import PlannerError, Problem, UsageError, errors
from ..model.scenarios import materialize, scenario_names
from ..model.schema import LAYER_ORDER
from ..report import FontWarning, build_report
from .common import in_scenario, print_problems, progress_printer


def add_inspect(sub) -> None:
    for name, run, text in (
            ("info", _cmd_info, "layers, counts, CRS, extent, settings"),
            ("validate", _cmd_validate, "list problems (status 1 on errors)")):
        command = sub.add_parser(name, help=text)
        command.add_argument("plan", type=Path, metavar="PLAN.gpkg")
        command.set_defaults(run=run)


def add_evaluate(sub) -> None:
    ev = sub.add_parser("evaluate", help="score coverage, walkability, "
                        "parking and exchange")
    ev.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    ev.add_argument("--json", type=Path, metavar="SUMMARY.json",
                    help="write the headline figures as JSON")
    ev.add_argument("--out", type=Path, metavar="RESULTS.gpkg",
                    help="write per-building, per-lot and per-zone results")
    ev.add_argument("--csv", type=Path, metavar="FOLDER",
                    help="write every result table as CSV (UTF-8, opens in "
                    "Excel) into FOLDER")
    ev.add_argument("--only", metavar="LIST",
                    help="comma-separated subset of: " + ",".join(EVALUATORS))
    ev.add_argument("--quiet", action="store_true", help="no progress display")
    ev.set_defaults(run=_cmd_evaluate)


def add_report(sub) -> None:
    rep = sub.add_parser("report", help="write the layout report (PDF)")
    rep.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    rep.add_argument("-o", "--out", type=Path, required=True,
                     metavar="REPORT.pdf")
    rep.add_argument("--paper", choices=("a4", "a3"), default="a4",
                     help="landscape paper size (default a4)")
    rep.add_argument("--author", help="author named on the title page "
                     "(default: your user name)")
    rep.add_argument("--title", help="report title (default: from the site)")
    rep.add_argument("--scenario", metavar="NAME",
                     help="report on this scenario (default: the active one)")
    rep.add_argument("--compare", metavar="BASE",
                     help="add a comparison with scenario BASE")
    rep.add_argument("--quiet", action="store_true",
                     help="no progress display")
    rep.set_defaults(run=_cmd_report)


def _cmd_info(args: argparse.Namespace) -> int:
    plan, problems = open_plan(args.plan)
    print(f"Plan:    {args.plan}")
    print(f"CRS:     {describe(plan.crs)} ({plan.crs.name})")
    print("Scenarios: " + ", ".join(
        f"{n} (active)" if n == plan.active else n
        for n in scenario_names(plan)))
    extent = plan.extent()
    if extent:
        x0, y0, x1, y1 = extent
        print(f"Extent:  {x0:.1f}, {y0:.1f} - {x1:.1f}, {y1:.1f} "
              f"({x1 - x0:,.0f} m x {y1 - y0:,.0f} m)")
    site = plan.site_geometry()
    if site is not None:
        print(f"Site:    {site.area / 10_000:,.1f} ha")
    print("Layers:")
    for name in LAYER_ORDER:
        layer = plan[name]
        types = ", ".join(sorted(set(layer.geom_type.dropna()))) or "-"
        print(f"  {name:<14} {len(layer):>6}  {types}")
    s = plan.settings
    print(f"Settings (schema {s.schema_version}):")
    print(f"  coverage: {s.coverage.method} distance, "
          f"{len(s.coverage.radii_m)} target radii")
    print(f"  walking: {s.walk.speed_m_per_min:g} m/min, full weight to "
          f"{s.walk.decay_full_m:g} m, none beyond {s.walk.decay_zero_m:g} m")
    print(f"  parking: demand by {s.parking.demand_basis}, walk limit "
          f"{s.parking.walk_limit_m:g} m, target occupancy "
          f"{s.parking.target_occupancy:.0%}")
    print(f"  exchange: {s.exchange.walk_minutes:g}-minute walk, "
          f"{len(s.exchange.targets)} exchange-space kinds")
    if errors(problems):
        print(f"{len(errors(problems))} error(s): run 'plannerdesk validate "
              f"{args.plan}' to list them")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    plan, problems = open_plan(args.plan)
    if plan.site_geometry() is None:
        problems.append(Problem(
            "warning", "the plan has no site boundary, so the evaluators "
            f"measure {study_area(plan).source} instead", "draw one or "
            "import it with 'plannerdesk import PLAN SITE_FILE --as site'",
            args.plan.name, "site"))
    if not errors(problems):
        problems += island_problems(prepare(plan).islands, args.plan.name)
    print_problems(problems, limit=None)
    n_err = len(errors(problems))
    n_warn = sum(p.severity == "warning" for p in problems)
    print(f"{args.plan.name}: {n_err} error(s), {n_warn} warning(s)")
    return 1 if n_err else 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    only = parse_only(args.only)
    inputs = plan_inputs(args.plan)
    outputs = {option: path for option, path in (
        ("--json", args.json), ("--out", args.out), ("--csv", args.csv))
        if path}
    refuse_same(outputs)
    for option, path in outputs.items():
        if option == "--csv":
            check_folder(path, "CSV tables", inputs)
        else:
            check_file(path, "summary" if option == "--json" else "results",
                       inputs)
    plan, problems = open_plan(args.plan)
    if errors(problems):
        raise PlannerError(f"{args.plan.name} has errors; run 'plannerdesk "
                           f"validate {args.plan}' and fix them first",
                           errors(problems))
    results = evaluate(plan, only=only, progress=progress_printer(args.quiet))
    print_problems(results.problems)
    if in_scenario(plan):
        print(f"Evaluated{in_scenario(plan)}")
    print(headline(results))
    if args.json:
        write_summary(results, args.json, inputs)
        print(f"Wrote {args.json}")
    if args.out:
        write_results(results, args.out, inputs)
        print(f"Wrote {args.out}")
    if args.csv:
        written = write_csv(results, args.csv, inputs)
        print(f"Wrote {len(written)} CSV tables to {args.csv}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    check_file(args.out, "report", plan_inputs(args.plan))
    plan, problems = open_plan(args.plan)
    if errors(problems):
        raise PlannerError(f"{args.plan.name} has errors; run 'plannerdesk "
                           f"validate {args.plan}' and fix them first",
                           errors(problems))
    names = scenario_names(plan)
    for name in filter(None, (args.scenario, args.compare)):
        if name not in names:
            raise UsageError(f"the plan has no scenario '{name}'. Fix: use "
                             "one of: " + ", ".join(names))
    shown = args.scenario or plan.active
    progress = progress_printer(args.quiet)
    results = evaluate(materialize(plan, shown), progress=progress)
    comparison = compare(
        evaluate(materialize(plan, args.compare), progress=progress),
        results, base_name=args.compare, proposal_name=shown) \
        if args.compare else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        build_report(results.context.plan, args.out, title=args.title,
                     author=args.author, paper=args.paper, results=results,
                     comparison=comparison, source=args.plan,
                     scenario_name=shown if len(names) > 1 else None,
                     progress=progress)
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    print_problems(results.problems)
    print(f"Wrote {args.out}")
    return 0
