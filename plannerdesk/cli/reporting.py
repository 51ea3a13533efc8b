"""``plannerdesk report``: the layout report of a plan, as PDF."""

from __future__ import annotations

import argparse
import sys
import warnings

from ..evaluate.compare import compare
from ..evaluate.run import evaluate
from ..io.gpkg import open_plan
from ..io.outputs import check_file, plan_inputs
from ..model.problems import PlannerError, UsageError, errors
from ..model.scenarios import materialize, scenario_names
from ..report import FontWarning, build_report
from .common import print_problems, progress_printer


def run_report(args: argparse.Namespace) -> int:
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
