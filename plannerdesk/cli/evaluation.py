"""``plannerdesk info | validate | evaluate``: what a plan holds, what is
wrong with it, and what it scores."""

from __future__ import annotations

import argparse

from ..evaluate.context import prepare
from ..evaluate.findings import headline
from ..evaluate.islands import island_problems
from ..evaluate.names import parse_only
from ..evaluate.run import evaluate
from ..evaluate.study_area import study_area
from ..io.gpkg import open_plan
from ..io.outputs import check_file, check_folder, plan_inputs, refuse_same
from ..jobs.outputs import write_csv, write_results, write_summary
from ..model.crs import describe
from ..model.problems import PlannerError, Problem, errors
from ..model.scenarios import in_scenario, scenario_names
from ..model.schema import LAYER_ORDER
from .common import print_problems, progress_printer


def run_info(args: argparse.Namespace) -> int:
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


def run_validate(args: argparse.Namespace) -> int:
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


def run_evaluate(args: argparse.Namespace) -> int:
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
