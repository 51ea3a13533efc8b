"""Evaluating a scenario, comparing two, and writing the layout report:
one way for the command line and the app."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path

from ..evaluate.compare import Comparison, compare
from ..evaluate.names import EVALUATORS
from ..evaluate.run import Progress, Results, evaluate
from ..model.language import tr
from ..model.plan import Plan
from ..model.problems import PlannerError, errors
from ..model.scenarios import materialize, scenario_label
from ..report.fonts import FontWarning


def plan_to_evaluate(path: Path) -> Plan:
    """The plan at ``path``; a PlannerError lists its errors, if any, and
    says to validate it."""
    from ..io.gpkg import open_plan  # geodata libraries: not for --help

    plan, problems = open_plan(path)
    if errors(problems):
        raise PlannerError(tr(
            "{name} has errors; run 'plannerdesk validate {path}' and fix "
            "them first").format(name=path.name, path=path),
            errors(problems))
    return plan


def evaluate_scenario(plan: Plan, name: str | None = None, *,
                      only: tuple[str, ...] = EVALUATORS,
                      progress: Progress | None = None) -> Results:
    """The results of scenario ``name`` of ``plan`` (the active one when
    None); ``plan`` is left as it is."""
    return evaluate(materialize(plan, name or plan.active), only=only,
                    progress=progress)


def compare_scenarios(plan: Plan, base: str, proposal: str, *,
                      given: Mapping[str, Results] | None = None,
                      progress: Progress | None = None) -> Comparison:
    """``proposal`` against ``base``, both scenarios of ``plan``; results
    ``given`` by scenario name are used as they are, not evaluated again."""
    given = given or {}
    found = {name: given.get(name) or evaluate_scenario(plan, name,
                                                        progress=progress)
             for name in (base, proposal)}
    return compare(found[base], found[proposal],
                   base_name=scenario_label(base),
                   proposal_name=scenario_label(proposal))


def write_report(path: Path, results: Results, *,
                 comparison: Comparison | None = None,
                 progress: Progress | None = None, **options) -> list[str]:
    """The layout report of ``results`` (and ``comparison``) as PDF at
    ``path``; ``options`` as :func:`plannerdesk.report.build.build_report`
    takes them. Returns the warnings raised meanwhile (a font lacking the
    characters of a name, for one)."""
    from ..report.build import build_report  # the PDF stack, when asked for

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontWarning)
        build_report(results.context.plan, path, results=results,
                     comparison=comparison, progress=progress, **options)
    return [str(w.message) for w in caught]
