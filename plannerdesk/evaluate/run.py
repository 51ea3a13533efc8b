"""Running the evaluators on a plan.

:func:`evaluate` is the one entry used by the command line, the app and the
report, so every figure is computed the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import shapely

from ..model.language import N_, current, tr
from ..model.plan import Plan
from ..model.problems import Problem
from .context import Context, prepare, where
from .coverage import CoverageResult, coverage
from .encounter import EncounterResult, encounter, subject_walks
from .exchange import ExchangeResult, SubjectReach, exchange, subject_reach
from .memo import Memo
from .names import EVALUATORS, with_needs
from .network_form import (
    FormResult,
    Origins,
    form_samples,
    network_form,
    origin_figures,
)
from .parking import ParkingResult, WalkTable, parking_mismatch, walk_table
from .parking_hours import ParkingHours, parking_hours
from .side_by_side import side_by_side
from .space_syntax import SyntaxResult, space_syntax
from .walkability import WalkResult, walkability

if TYPE_CHECKING:
    from .findings import Finding

Progress = Callable[[str], None]


@dataclass
class Results:
    """What the evaluators found; absent parts were not asked for."""

    context: Context
    coverage: CoverageResult | None = None
    walkability: WalkResult | None = None
    network_form: FormResult | None = None
    space_syntax: SyntaxResult | None = None
    parking: ParkingResult | None = None
    parking_hours: ParkingHours | None = None
    exchange: ExchangeResult | None = None
    encounter: EncounterResult | None = None
    problems: list[Problem] = field(default_factory=list)

    _worded: dict = field(default_factory=dict, repr=False)

    def add(self, name: str, result) -> None:
        """Hold evaluator ``name``'s ``result``, computed apart (the app
        computes some when they are asked for); the findings include it
        from then on."""
        setattr(self, name, result)
        self._worded.clear()

    @property
    def findings(self) -> list[Finding]:
        """The findings (:class:`.findings.Finding`) in the current
        language, made once per language."""
        from .findings import findings
        code = current()
        if code not in self._worded:
            self._worded[code] = findings(self)
        return self._worded[code]


def evaluate(plan: Plan, *, only: tuple[str, ...] = EVALUATORS,
             progress: Progress | None = None,
             memo: Memo | None = None) -> Results:
    """Run the evaluators named in ``only`` on ``plan``.

    Given the ``memo`` of the previous evaluation of the same plan, steps
    and evaluators whose inputs an edit left alone give their previous
    output (see :mod:`.memo` and :func:`_inputs`)."""
    say = progress or (lambda _: None)
    memo = memo or Memo()
    memo.ran.clear()
    s = plan.settings
    say(tr("building the pedestrian network"))
    ctx = prepare(plan, memo)
    results = Results(context=ctx, problems=list(ctx.problems))
    if not len(plan["buildings"]):
        results.problems.append(Problem(
            "warning", tr("the plan has no buildings, so building-based "
                          "figures are empty"),
            tr("draw buildings or import them with --as buildings"),
            layer="buildings"))
    runs = {
        "coverage": lambda: coverage(
            ctx, radii=s.coverage.radii_m,
            straight=s.coverage.method == "straight",
            groups=s.coverage.groups),
        "walkability": lambda: walkability(ctx, walk=s.walk,
                                           parking=s.parking),
        "network_form": lambda: network_form(ctx, walk=s.walk,
                                             samples=samples,
                                             origins=form_origins()),
        "space_syntax": lambda: space_syntax(ctx, walk=s.walk),
        "parking": lambda: parking_mismatch(ctx, parking=s.parking,
                                            walks=parking_walks()),
        "parking_hours": lambda: parking_hours(
            ctx, parking=s.parking, pairs=results.parking.pairs),
        "exchange": lambda: exchange(ctx, exchange=s.exchange, walk=s.walk,
                                     subjects=subjects()),
        "encounter": lambda: encounter(ctx, exchange=s.exchange, walk=s.walk,
                                       parking=s.parking,
                                       between=memo.step(
                                           "encounter subjects",
                                           inputs["encounter subjects"],
                                           lambda: subject_walks(
                                               ctx, exchange=s.exchange,
                                               walk=s.walk)))}
    samples = form_samples(ctx, s.walk)
    inputs = _inputs(ctx, samples)

    def subjects() -> SubjectReach:
        """The part of exchange that does not depend on its spaces."""
        return memo.step("exchange subjects", inputs["exchange subjects"],
                         lambda: subject_reach(ctx, exchange=s.exchange,
                                               walk=s.walk))

    def by_feature(name: str, compute):
        """Step ``name``, whose last input is the features it walks from:
        ``compute`` gets the step's last output when all its other inputs
        are the same, and walks again only from features moved or new."""
        return memo.step(name, inputs[name], lambda: compute(
            memo.before(name, inputs[name][:-1])))

    def form_origins() -> Origins:
        return by_feature("form origins", lambda before: origin_figures(
            ctx, samples, s.walk, before))

    def parking_walks() -> WalkTable:
        return by_feature("parking walks", lambda before: walk_table(
            ctx, s.parking.walk_limit_m, before))

    def run(name: str):
        say(tr(STEPS[name]))
        return memo.step(name, inputs[name], runs[name])

    asked = with_needs(only)
    # the evaluators only read the context: side by side, longest first
    with side_by_side(len(ctx.buildings) + len(ctx.cells),
                      "evaluator") as pool:
        found = {name: pool.submit(run, name) for name in
                 sorted(set(asked) - AFTER, key=LONGEST_FIRST.index)}
    for name in asked:
        result = found[name].result() if name in found else run(name)
        setattr(results, name, result)
        results.problems += getattr(result, "problems", [])
    return results


STEPS = {"coverage": N_("coverage"), "walkability": N_("walkability"),
         "network_form": N_("network form"),
         "space_syntax": N_("space syntax"),
         "parking": N_("parking supply and demand"),
         "parking_hours": N_("parking hour by hour"),
         "exchange": N_("innovation exchange"),
         "encounter": N_("encounter potential")}
"""What the progress says while each evaluator runs (translated there)."""
LONGEST_FIRST = ("parking", "network_form", "space_syntax", "exchange",
                 "encounter", "walkability", "coverage")
AFTER = {"parking_hours"}  # read another evaluator's result: run after


def _inputs(ctx: Context, samples: np.ndarray) -> dict[str, tuple]:
    """What each evaluator reads: the network's lines, the places and
    targets it measures (network form: the sample buildings it walks
    from), and its settings. A place's connector splits the
    street it joins, so other places move a walk over that street by
    rounding only (under a nanometre): an evaluator is not run again for
    layers it does not measure."""
    plan, s = ctx.plan, ctx.plan.settings
    sample_xy = shapely.get_coordinates(
        ctx.buildings["point"].to_numpy()[samples])
    network = (plan["walkways"], plan["public_lines"], plan["public_areas"],
               s.walk, ctx.zones)
    targets = (plan["facilities"], plan["public_points"])
    return {
        "coverage": (*network, *targets, ctx.buildings, ctx.cells,
                     s.coverage),
        "walkability": (*network, *targets, ctx.buildings, s.parking),
        "network_form": (*network, samples, sample_xy, ctx.cells,
                         ctx.study_area.geometry),
        "form origins": (*network, ctx.cells, sample_xy),
        "space_syntax": network,
        "parking": (*network, ctx.buildings, ctx.lots, s.parking),
        "parking_hours": (*network, ctx.buildings, ctx.lots, s.parking),
        "exchange": (*network, *targets, ctx.buildings, s.exchange),
        "exchange subjects": (*network, ctx.buildings, s.exchange),
        "encounter": (*network, *targets, ctx.buildings, s.exchange,
                      s.parking.m2_per_employee),
        "encounter subjects": (*network, ctx.buildings, s.exchange),
        "parking walks": (*network, *where(ctx.lots["point"].to_numpy()),
                          s.parking.walk_limit_m, ctx.buildings)}
