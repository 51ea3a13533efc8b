"""Evaluating a scenario, comparing two, and writing the layout report:
one way for the command line and the app."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from pathlib import Path

from ..evaluate.compare import Comparison, compare
from ..evaluate.names import EVALUATORS
from ..evaluate.run import Progress, Results, evaluate
from ..model.plan import Plan
from ..model.scenarios import materialize, scenario_label
from ..report.fonts import FontWarning


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
