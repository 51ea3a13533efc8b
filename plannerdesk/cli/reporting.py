"""``plannerdesk report``: the layout report of a plan, as PDF."""

from __future__ import annotations

import argparse
import sys

from ..io.outputs import check_file, plan_inputs
from ..jobs.scenarios import compare_scenarios, evaluate_scenario, write_report
from ..model.language import N_, tr
from ..model.problems import UsageError
from ..model.scenarios import scenario_names
from .common import plan_to_evaluate, print_problems, progress_printer


def run_report(args: argparse.Namespace) -> int:
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
