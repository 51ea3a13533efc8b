"""``plannerdesk suggest``: where new facilities of a category, or new
parking, would serve the most."""

from __future__ import annotations

import argparse
import json

from ..evaluate.suggest import PARKING, Suggestions, suggest
from ..io.gpkg import open_plan
from ..io.outputs import check_file, plan_inputs, replacing
from ..model.language import N_, tr
from ..model.problems import PlannerError, errors
from ..model.words import human


def run_suggest(args: argparse.Namespace) -> int:
    inputs = plan_inputs(args.plan)
    if args.json:
        check_file(args.json, N_("suggestions"), inputs)
    plan, problems = open_plan(args.plan)
    if errors(problems):
        raise PlannerError(tr("{name} has errors; run 'plannerdesk validate "
                              "{path}' and fix them first").format(
            name=args.plan.name, path=args.plan), errors(problems))
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


def suggestion_lines(found: Suggestions, settings) -> list[str]:
    """The suggestions in words, best first, and what they bring."""
    unit = tr(found.unit)
    if found.add == PARKING:
        lines = [tr("Where new parking would serve the most unmet demand "
                    "within a {limit:,.0f} m walk, best first:").format(
            limit=settings.parking.walk_limit_m)]
        lines += [tr("  {rank}. at {x:.0f}, {y:.0f} ({zone}): a car park of "
                     "{capacity:,.0f} spaces serves {gain:,.0f} more "
                     "({buildings} buildings)").format(
            **{**row._asdict(), "zone": row.zone or tr("in no zone")})
            for row in found.rows.itertuples(index=False)]
        lines.append(tr("Together: unmet parking falls from {before:,.0f} "
                        "to {after:,.0f} spaces").format(
            before=found.before, after=found.after))
    else:
        lines = [tr("Where {category} would serve the most {unit} not yet "
                    "within a {radius:,.0f} m walk of one, best first:")
                 .format(category=human(found.add), unit=unit,
                         radius=settings.coverage.radii_m[found.add])]
        lines += [tr("  {rank}. at {x:.0f}, {y:.0f} ({zone}): {gain:,.0f} "
                     "more {unit} ({buildings} buildings)").format(
            unit=unit, **{**row._asdict(),
                          "zone": row.zone or tr("in no zone")})
            for row in found.rows.itertuples(index=False)]
        lines.append(tr("Together: {unit} within the walk of {category} rise "
                        "from {before:.0%} to {after:.0%}").format(
            unit=unit, category=human(found.add), before=found.before,
            after=found.after))
    if found.rows.empty:
        lines.insert(1, tr("  none: no candidate place serves anyone not "
                           "yet served"))
    lines.append(tr("No other choice of places serves more.")
                 if found.exact else tr(
        "Chosen one by one (the site is too large to solve exactly); no "
        "choice could serve more than {bound:,.0f} {unit}").format(
        bound=found.bound, unit=unit))
    return lines
