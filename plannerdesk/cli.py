"""The headless command line: ``plannerdesk new | import | info | validate |
evaluate | report | package | notes | open``.

Exit status: 0 on success, 1 on data errors, 2 on usage errors. A user's
mistake prints a message naming the file, layer or feature and the fix;
it never prints a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn


from . import __version__
from .evaluate.compare import compare
from .evaluate.export import write_csv
from .evaluate.findings import headline
from .evaluate.run import (EVALUATORS, evaluate, parse_only, write_results,
                           write_summary)
from .io.fieldwork import package_plan
from .io.gpkg import open_plan, save_plan, update_plan
from .io.importer import import_file
from .io.notes import notes_table, write_notes_csv
from .io.outputs import check_file, check_folder, plan_inputs, refuse_same
from .io.samples import DREAM_TOWN
from .io.sources import read_source
from .model.crs import (describe, lonlat_centre, parse_crs,
                        require_plan_crs)
from .model.plan import Plan
from .model.problems import PlannerError, Problem, UsageError, errors
from .model.scenarios import EXISTING, materialize, scenario_names
from .model.schema import LAYER_ORDER, LAYERS
from .report import FontWarning, build_report

_SHOWN = 20


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except UsageError as exc:
        _print_problems(exc.problems)
        print(f"plannerdesk {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except PlannerError as exc:
        _print_problems(exc.problems)
        print(f"error: {exc}", file=sys.stderr)
        return 1


class _Parser(argparse.ArgumentParser):
    """argparse with PlannerDesk's messages: what is wrong, then the fix."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}. Fix: see "
                  f"'{self.prog} --help' for the options\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="plannerdesk", description="PlannerDesk: plan and evaluate "
        "innovation-district public spaces, parking and facilities.")
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True,
                                metavar="COMMAND")
    _add_new(sub)
    _add_import(sub)
    for name, run, text in (
            ("info", _cmd_info, "layers, counts, CRS, extent, settings"),
            ("validate", _cmd_validate, "list problems (status 1 on errors)")):
        command = sub.add_parser(name, help=text)
        command.add_argument("plan", type=Path, metavar="PLAN.gpkg")
        command.set_defaults(run=run)
    _add_evaluate(sub)
    _add_report(sub)
    _add_fieldwork(sub)
    app = sub.add_parser("open", help="open the desktop app")
    app.add_argument("plan", type=Path, nargs="?", metavar="PLAN.gpkg",
                     help="a plan, or a field package (.zip) to unpack "
                     "beside itself and open")
    app.add_argument("--sample", action="store_true",
                     help="open the Dream Town sample")
    app.set_defaults(run=_cmd_open)
    return parser


def _add_new(sub) -> None:
    new = sub.add_parser("new", help="create an empty plan file")
    new.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    new.add_argument("--crs", required=True,
                     help="projected CRS in metres, e.g. EPSG:4549")
    new.add_argument("--site", type=Path, metavar="FILE",
                     help="vector file holding the site boundary")
    new.add_argument("--force", action="store_true",
                     help="replace an existing file")
    new.set_defaults(run=_cmd_new)


def _add_import(sub) -> None:
    imp = sub.add_parser("import", help="add features from a vector file")
    imp.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    imp.add_argument("source", type=Path, metavar="SOURCE")
    imp.add_argument("--layer", help="layer of SOURCE to read")
    imp.add_argument("--as", dest="kind", required=True, type=_layer_kind,
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
    imp.set_defaults(run=_cmd_import)


def _add_evaluate(sub) -> None:
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
    _print_problems(problems)
    print(f"Created {args.plan} in {describe(crs)} ({crs.name})"
          + (f" with {len(plan['site'])} site feature(s)" if args.site else ""))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    plan, result = update_plan(args.plan, lambda plan: import_file(
        plan, args.source, args.kind, layer=args.layer,
        mapping=_pairs(args.map, "--map"), constants=_pairs(args.set, "--set"),
        source_crs=parse_crs(args.source_crs) if args.source_crs else None,
        x_field=args.x_field, y_field=args.y_field))
    _print_problems(result.problems)
    print(f"Imported {len(result.fids)} feature(s) from {args.source.name} "
          f"into '{args.kind}' of {args.plan.name}{_in_scenario(plan)} "
          f"(now {len(plan[args.kind])})")
    return 0


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
            "warning", "the plan has no site boundary", "draw one or import "
            "it with 'plannerdesk import PLAN SITE_FILE --as site'",
            args.plan.name, "site"))
    _print_problems(problems, limit=None)
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
    results = evaluate(plan, only=only, progress=_progress(args.quiet))
    _print_problems(results.problems)
    if _in_scenario(plan):
        print(f"Evaluated{_in_scenario(plan)}")
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


def _in_scenario(plan: Plan) -> str:
    """`` (scenario 'X')`` when a proposal was active at save, else ''."""
    return "" if plan.active == EXISTING else f" (scenario '{plan.active}')"


def _progress(quiet: bool) -> Callable[[str], None]:
    """Progress lines with the time taken so far, on standard error."""
    started = time.perf_counter()

    def progress(step: str) -> None:
        if not quiet:
            print(f"[{time.perf_counter() - started:6.2f} s] {step} ...",
                  file=sys.stderr, flush=True)
    return progress


def _add_report(sub) -> None:
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
    progress = _progress(args.quiet)
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
    _print_problems(results.problems)
    print(f"Wrote {args.out}")
    return 0


def _add_fieldwork(sub) -> None:
    pack = sub.add_parser("package", help="pack the plan, its site maps and "
                          "note photos into a zip or folder for fieldwork")
    pack.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    pack.add_argument("-o", "--out", type=Path, required=True,
                      metavar="OUT.zip|FOLDER",
                      help="a .zip file, or a new or empty folder")
    pack.add_argument("--include-outside", action="store_true",
                      help="also pack site maps and note photos that lie "
                      "outside the plan's folder (they are listed, and left "
                      "out without this)")
    pack.set_defaults(run=_cmd_package)
    notes = sub.add_parser("notes", help="list the review notes, or write "
                           "them as CSV")
    notes.add_argument("plan", type=Path, metavar="PLAN.gpkg")
    notes.add_argument("--csv", type=Path, metavar="OUT.csv",
                       help="write the notes as CSV (UTF-8, opens in Excel)")
    notes.set_defaults(run=_cmd_notes)


def _cmd_package(args: argparse.Namespace) -> int:
    packed = package_plan(args.plan, args.out,
                          include_outside=args.include_outside)
    _print_problems(packed.problems, limit=None)
    print(f"Packaged {args.plan.name} into {args.out} ({len(packed.files)} "
          f"files); open it with 'plannerdesk open {args.out}'")
    return 0


def _cmd_notes(args: argparse.Namespace) -> int:
    plan, _ = open_plan(args.plan)
    if args.csv:
        write_notes_csv(plan, args.plan, args.csv)
        print(f"Wrote {len(plan['review_notes'])} note(s) to {args.csv}")
        return 0
    for note in notes_table(plan, args.plan).itertuples():
        photo = "" if not note.photo else \
            " [photo]" if note.photo_exists else " [photo missing]"
        print(f"{note.fid:>4}  {note.status or '':<8}  "
              f"{note.created or '':<25}  "
              f"{note.author or '-'}  {note.zone or '-'}: {note.text}{photo}")
    return 0


def _cmd_open(args: argparse.Namespace) -> int:
    plan_path = DREAM_TOWN if args.sample else args.plan
    if not _has_display():
        print("PlannerDesk's desktop window needs a display, and none was "
              "found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
              "Without a screen, use the headless commands, e.g.\n"
              f"  plannerdesk info {plan_path or DREAM_TOWN}\n"
              f"  plannerdesk validate {plan_path or DREAM_TOWN}\n"
              "or run the window virtually: xvfb-run plannerdesk open ...",
              file=sys.stderr)
        return 1
    from .qt.app import run_app  # Qt only when the window is asked for

    return run_app(plan_path)


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _layer_kind(text: str) -> str:
    """The plan layer named by ``--as``; argparse shows the refusal."""
    if text not in LAYERS:
        raise argparse.ArgumentTypeError(
            f"invalid choice: '{text}'. Fix: use one of "
            + ", ".join(LAYER_ORDER))
    return text


def _pairs(items: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option} {item}: expected FIELD=VALUE. Fix: "
                             f"write it as {option} FIELD=VALUE, e.g. "
                             f"{option} capacity=120")
        pairs[key.strip()] = value.strip()
    return pairs


def _print_problems(problems: list[Problem], limit: int | None = _SHOWN) -> None:
    shown = problems if limit is None else problems[:limit]
    for problem in shown:
        print(problem, file=sys.stderr)
    if len(problems) > len(shown):
        print(f"... and {len(problems) - len(shown)} more", file=sys.stderr)


def main_exit() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    main_exit()
