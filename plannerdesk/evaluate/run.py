"""Running the evaluators on a plan.

:func:`evaluate` is the one entry used by the command line, the app and the
report, so every figure is computed the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model.plan import Plan
from ..model.problems import Problem
from .context import Context, prepare
from .coverage import CoverageResult, coverage
from .exchange import ExchangeResult, exchange
from .names import EVALUATORS
from .network_form import FormResult, network_form
from .parking import ParkingResult, parking_mismatch
from .walkability import WalkResult, walkability

Progress = Callable[[str], None]


@dataclass
class Results:
    """What the evaluators found; absent parts were not asked for."""

    context: Context
    coverage: CoverageResult | None = None
    walkability: WalkResult | None = None
    network_form: FormResult | None = None
    parking: ParkingResult | None = None
    exchange: ExchangeResult | None = None
    problems: list[Problem] = field(default_factory=list)


def evaluate(plan: Plan, *, only: tuple[str, ...] = EVALUATORS,
             progress: Progress | None = None) -> Results:
    """Run the evaluators named in ``only`` on ``plan``."""
    say = progress or (lambda _: None)
    s = plan.settings
    say("building the pedestrian network")
    ctx = prepare(plan)
    results = Results(context=ctx, problems=list(ctx.problems))
    if not len(plan["buildings"]):
        results.problems.append(Problem(
            "warning", "the plan has no buildings, so building-based figures "
            "are empty", "draw buildings or import them with --as buildings",
            layer="buildings"))
    if "coverage" in only:
        say("coverage")
        results.coverage = coverage(ctx, radii=s.coverage.radii_m,
                                    straight=s.coverage.method == "straight")
        results.problems += results.coverage.problems
    if "walkability" in only:
        say("walkability")
        results.walkability = walkability(ctx, walk=s.walk, parking=s.parking)
    if "network_form" in only:
        say("network form")
        results.network_form = network_form(ctx, walk=s.walk)
    if "parking" in only:
        say("parking supply and demand")
        results.parking = parking_mismatch(ctx, parking=s.parking)
        results.problems += results.parking.problems
    if "exchange" in only:
        say("innovation exchange")
        results.exchange = exchange(ctx, exchange=s.exchange, walk=s.walk)
    return results
