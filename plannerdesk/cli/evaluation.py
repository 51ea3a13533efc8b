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
from ..jobs.scenarios import plan_to_evaluate
from ..model.crs import describe
from ..model.language import N_, tr
from ..model.problems import Problem, errors
from ..model.scenarios import in_scenario, scenario_names
from ..model.schema import LAYER_ORDER
from .common import print_problems, progress_printer


def run_info(args: argparse.Namespace) -> int:
    plan, problems = open_plan(args.plan)
    print(tr("Plan:    {path}").format(path=args.plan))
    print(tr("CRS:     {crs} ({name})").format(crs=describe(plan.crs),
                                                name=plan.crs.name))
    print(tr("Scenarios: {names}").format(names=", ".join(
        tr("{name} (active)").format(name=n) if n == plan.active else n
        for n in scenario_names(plan))))
    extent = plan.extent()
    if extent:
        x0, y0, x1, y1 = extent
        print(tr("Extent:  {x0:.1f}, {y0:.1f} - {x1:.1f}, {y1:.1f} "
                 "({width:,.0f} m x {height:,.0f} m)").format(
                     x0=x0, y0=y0, x1=x1, y1=y1, width=x1 - x0,
                     height=y1 - y0))
    site = plan.site_geometry()
    if site is not None:
        print(tr("Site:    {area:,.1f} ha").format(area=site.area / 10_000))
    print(tr("Layers:"))
    for name in LAYER_ORDER:
        layer = plan[name]
        types = ", ".join(sorted(set(layer.geom_type.dropna()))) or "-"
        print(f"  {name:<14} {len(layer):>6}  {types}")
    s = plan.settings
    print(tr("Settings (schema {version}):").format(
        version=s.schema_version))
    print("  " + tr("coverage: {method} distance, {count} target radii")
          .format(method=s.coverage.method, count=len(s.coverage.radii_m)))
    print("  " + tr("walking: {speed:g} m/min, full weight to {full:g} m, "
                    "none beyond {zero:g} m").format(
                        speed=s.walk.speed_m_per_min,
                        full=s.walk.decay_full_m, zero=s.walk.decay_zero_m))
    print("  " + tr("parking: demand by {basis}, walk limit {limit:g} m, "
                    "target occupancy {occupancy:.0%}").format(
                        basis=s.parking.demand_basis,
                        limit=s.parking.walk_limit_m,
                        occupancy=s.parking.target_occupancy))
    print("  " + tr("exchange: {minutes:g}-minute walk, {count} "
                    "exchange-space kinds").format(
                        minutes=s.exchange.walk_minutes,
                        count=len(s.exchange.targets)))
    if errors(problems):
        print(tr("{count} error(s): run 'plannerdesk validate {path}' to "
                 "list them").format(count=len(errors(problems)),
                                     path=args.plan))
    return 0


def run_validate(args: argparse.Namespace) -> int:
    plan, problems = open_plan(args.plan)
    if plan.site_geometry() is None:
        problems.append(Problem(
            "warning", tr("the plan has no site boundary, so the evaluators "
                          "measure {area} instead").format(
                              area=study_area(plan).words),
            tr("draw one or import it with 'plannerdesk import PLAN "
               "SITE_FILE --as site'"), args.plan.name, "site"))
    if not errors(problems):
        problems += island_problems(prepare(plan).islands, args.plan.name)
    print_problems(problems, limit=None)
    n_err = len(errors(problems))
    n_warn = sum(p.severity == "warning" for p in problems)
    print(tr("{name}: {errors} error(s), {warnings} warning(s)").format(
        name=args.plan.name, errors=n_err, warnings=n_warn))
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
            check_folder(path, N_("CSV tables"), inputs)
        else:
            check_file(path, N_("summary") if option == "--json" else
                       N_("results"), inputs)
    plan = plan_to_evaluate(args.plan)
    results = evaluate(plan, only=only, progress=progress_printer(args.quiet))
    print_problems(results.problems)
    if in_scenario(plan):
        print(tr("Evaluated{scenario}").format(scenario=in_scenario(plan)))
    print(headline(results))
    if args.json:
        write_summary(results, args.json, inputs)
        print(tr("Wrote {path}").format(path=args.json))
    if args.out:
        write_results(results, args.out, inputs)
        print(tr("Wrote {path}").format(path=args.out))
    if args.csv:
        written = write_csv(results, args.csv, inputs)
        print(tr("Wrote {count} CSV tables to {folder}").format(
            count=len(written), folder=args.csv))
    return 0
