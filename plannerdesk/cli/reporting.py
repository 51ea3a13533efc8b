"""``plannerdesk report``: the layout report of a plan, as PDF."""

from __future__ import annotations

import argparse
import sys
import warnings

from ..io.outputs import check_file, plan_inputs
from ..jobs.scenarios import (
    compare_scenarios,
    evaluate_scenario,
    plan_to_evaluate,
    write_report,
)
from ..model.language import N_, tr
from ..model.problems import UsageError
from ..model.scenarios import scenario_names
from ..report.fonts import FontWarning
from .common import print_problems, progress_printer


def run_report(args: argparse.Namespace) -> int:
    if args.portfolio is not None:
        return _portfolio(args)
    if args.plan is None:
        raise UsageError(tr(
            "name the plan to report on. Fix: plannerdesk report PLAN.gpkg "
            "-o REPORT.pdf, or --portfolio FOLDER for a batch's portfolio"))
    check_file(args.out, N_("report"), plan_inputs(args.plan))
    plan = plan_to_evaluate(args.plan)
    names = scenario_names(plan)
    for name in filter(None, (args.scenario, args.compare)):
        if name not in names:
            raise UsageError(tr(
                "the plan has no scenario '{name}'. Fix: use one of: "
                "{names}").format(name=name, names=", ".join(names)))
    shown = args.scenario or plan.active
    progress = progress_printer(args.quiet)
    results = evaluate_scenario(plan, shown, progress=progress)
    comparison = compare_scenarios(
        plan, args.compare, shown, given={shown: results},
        progress=progress) if args.compare else None
    for warning in write_report(
            args.out, results, comparison=comparison, title=args.title,
            author=args.author, paper=args.paper, source=args.plan,
            review_notes=args.review_notes, label_scale=args.label_scale,
            scenario_name=shown if len(names) > 1 else None,
            language=args.lang, progress=progress):
        print(tr("warning: {message}").format(message=warning),
              file=sys.stderr)
    print_problems(results.problems)
    print(tr("Wrote {path}").format(path=args.out))
    return 0


def _portfolio(args: argparse.Namespace) -> int:
    """The portfolio report of the batch in ``args.portfolio``."""
    from ..report.portfolio import build_portfolio_report

    given = [option for option, value in (
        ("PLAN.gpkg", args.plan), ("--scenario", args.scenario),
        ("--compare", args.compare)) if value]
    if given:
        raise UsageError(tr(
            "{options} cannot go with --portfolio: the portfolio report "
            "covers the plans and scenarios the batch evaluated. Fix: leave "
            "{options} out").format(options=", ".join(given)))
    check_file(args.out, N_("report"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        build_portfolio_report(args.portfolio, args.out, paper=args.paper,
                               title=args.title, author=args.author,
                               language=args.lang)
    for warning in caught:
        print(tr("warning: {message}").format(message=warning.message),
              file=sys.stderr)
    print(tr("Wrote {path}").format(path=args.out))
    return 0
