"""``plannerdesk find-parking``: the lots with spare spaces near a
destination at an hour of a weekday or a Saturday."""

from __future__ import annotations

import argparse
import json
import math
import re

from ..evaluate.context import prepare
from ..evaluate.parking_finder import find_parking, none_offered
from ..evaluate.parking_hours import parking_hours
from ..io.outputs import check_file, plan_inputs, replacing
from ..jobs.scenarios import plan_to_evaluate
from ..model.language import N_, tr
from ..model.problems import UsageError
from ..model.words import human


def run_find_parking(args: argparse.Namespace) -> int:
    hour = _hour(args.time)
    inputs = plan_inputs(args.plan)
    if args.json:
        check_file(args.json, N_("parking offers"), inputs)
    plan = plan_to_evaluate(args.plan)
    ctx = prepare(plan)
    where = {"at": _point(args.at)} if args.at else \
        {"building": _building(ctx.buildings, args.building)}
    hours = parking_hours(ctx, parking=plan.settings.parking,
                          times=[(args.day, hour)])   # that hour alone
    offers = find_parking(ctx, hours, plan.settings, day=args.day,
                          hour=hour, **where)
    if args.time and ":" in args.time and not args.time.strip().endswith(
            ":00"):
        print(tr("{time} falls in the hour from {hour:02d}:00, which the "
                 "allocation counts as one").format(time=args.time.strip(),
                                                    hour=hour))
    print(tr("Lots with spare spaces at {hour:02d}:00 on a {day}, within "
             "{limit:.0f} m, nearest first:").format(
        hour=hour, day=human(args.day),
        limit=plan.settings.parking.search_walk_m))
    for offer in offers.itertuples():
        print(tr("  {name}: {spare:,.0f} spare, {walk:,.0f} m "
                 "({minutes:.0f} min walk)").format(
            name=offer.name, spare=offer.spare, walk=offer.walk_m,
            minutes=offer.minutes))
    if offers.empty:
        print("  " + tr("none: {reason}").format(reason=none_offered(
            offers, plan.settings.parking.search_walk_m)))
    if args.json:
        named = {"building_name": args.building} if args.building else {}
        text = json.dumps({"day": args.day, "hour": hour, **named, **{
            k: list(v) if isinstance(v, tuple) else v
            for k, v in where.items()},
            "lots": offers.to_dict("records")}, indent=2,
            ensure_ascii=False, default=str)
        with replacing([args.json], N_("parking offers"), inputs) \
                as (temporary,):
            temporary.write_text(text, encoding="utf-8")
    return 0


def _hour(text: str) -> int:
    """The hour of ``HH:MM`` (or ``HH``); a UsageError shows the form."""
    found = re.fullmatch(r"\s*(\d{1,2})(?::(\d{2}))?\s*", text or "")
    if not found or int(found.group(1)) > 23 or \
            (found.group(2) and int(found.group(2)) > 59):
        raise UsageError(tr("--time {text}: not a time of day. Fix: write "
                            "it as HH:MM, e.g. --time 10:00").format(
            text=text))
    return int(found.group(1))


def _point(text: str) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in text.split(","))
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError
    except ValueError:
        raise UsageError(tr("--at {text}: not a point. Fix: give X,Y in the "
                            "plan's coordinates, e.g. --at 500120.5,"
                            "3352400").format(text=text)) from None
    return x, y


def _building(buildings, name: str) -> int:
    """The feature id of the building named ``name``."""
    named = buildings.index[buildings["name"].astype(str) == name]
    if not len(named):
        some = ", ".join(buildings["name"].dropna().astype(str).head(5))
        raise UsageError(tr("--building {name}: the plan has no building of "
                            "that name. Fix: use a name from the buildings "
                            "layer, e.g. {some}").format(name=name,
                                                         some=some))
    return int(named[0])
