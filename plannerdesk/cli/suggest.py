"""``plannerdesk suggest``: where new facilities of a category, or new
parking, would serve the most."""

from __future__ import annotations

import argparse
import json

from ..evaluate.suggest import suggest, suggestion_lines
from ..io.outputs import check_file, plan_inputs, replacing
from ..jobs.scenarios import plan_to_evaluate
from ..model.language import N_


def run_suggest(args: argparse.Namespace) -> int:
    inputs = plan_inputs(args.plan)
    if args.json:
        check_file(args.json, N_("suggestions"), inputs)
    plan = plan_to_evaluate(args.plan)
    found = suggest(plan, add=args.add, count=args.count)
    for line in suggestion_lines(found, plan.settings):
        print(line)
    if args.json:
        text = json.dumps({
            "add": found.add, "count": args.count, "unit": found.unit,
            "exact": found.exact, "bound": found.bound,
            "before": found.before, "after": found.after,
            "suggestions": found.rows.astype(object).where(
                found.rows.notna(), None).to_dict("records")},
            indent=2, ensure_ascii=False)
        with replacing([args.json], N_("suggestions"), inputs) \
                as (temporary,):
            temporary.write_text(text, encoding="utf-8")
    return 0
