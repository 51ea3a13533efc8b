"""Space syntax (angular integration and choice) on networks worked by
hand, on the sample, and in the summary."""

from __future__ import annotations

import math

import pytest

from plannerdesk.evaluate.context import prepare
from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.space_syntax import space_syntax
from plannerdesk.evaluate.tables import summary
from plannerdesk.io.gpkg import open_plan

from .conftest import SAMPLE
from .microsites import building, line, plan_of


def zigzag(*, buildings: bool = False):
    """One walkway turning at right angles: A (0,0)-(100,0), B up to
    (100,100), C on to (200,100); with ``buildings``, three buildings
    joined to A split it where their connectors meet it."""
    layers = {"walkways": [{"name": "Zigzag", "kind": "street",
                            "geometry": line((0, 0), (100, 0), (100, 100),
                                             (200, 100))}]}
    if buildings:
        layers["buildings"] = [building(x) for x in (20, 50, 80)]
    plan = plan_of(**layers)
    plan.settings.walk.syntax_radii_m = [150.0, 400.0]
    return plan


def measures(plan):
    result = space_syntax(prepare(plan), walk=plan.settings.walk)
    order = result.segments.assign(x=[g.centroid.x for g in result.geometry],
                                   y=[g.centroid.y for g in result.geometry])
    return order.sort_values(["y", "x"]).reset_index(drop=True)


def test_a_zigzag_is_worked_by_hand():
    """Each turn costs 1 (90 degrees). Within 400 m all three segments
    reach each other: A's depths 1 and 2 (total 3), B's 1 and 1; the
    A-C paths (both ways) pass B. Within 150 m (middle to middle, 100 m
    apart) A reaches B only."""
    a, b, c = measures(zigzag()).itertuples()
    assert a.integration_400 == pytest.approx(3 ** 1.2 / (3 + 2))
    assert b.integration_400 == pytest.approx(3 ** 1.2 / (2 + 2))
    assert c.integration_400 == pytest.approx(a.integration_400)
    assert b.choice_400 == pytest.approx(math.log(2 + 1) / math.log(2 + 3))
    assert a.choice_400 == 0 and c.choice_400 == 0
    assert a.integration_150 == pytest.approx(2 ** 1.2 / (1 + 2))
    assert b.choice_150 == 0
    assert a.integration == a.integration_400    # the largest radius


def test_a_street_split_by_connectors_is_one_segment():
    plain, split = measures(zigzag()), measures(zigzag(buildings=True))
    assert len(split) == len(plain) == 3
    assert split["length_m"].tolist() == pytest.approx(
        plain["length_m"].tolist())
    assert split["integration_400"].tolist() == pytest.approx(
        plain["integration_400"].tolist())


def test_on_the_sample_the_long_streets_are_the_most_integrated():
    results = evaluate(open_plan(SAMPLE)[0], only=("space_syntax",))
    segments = results.space_syntax.segments
    longest = segments["length_m"].nlargest(10).index
    assert segments.loc[longest, "integration"].mean() > \
        segments["integration"].median()
    written = summary(results)["space_syntax"]
    assert written["radii_m"] == [400.0, 800.0]
    assert written["integration"] == pytest.approx(
        results.space_syntax.site["integration"])
    assert any(f.text.startswith("Within 800 m, ") and
               "most integrated zone" in f.text for f in results.findings)


def test_the_radii_are_typed_as_numbers_in_the_settings():
    from plannerdesk.model.problems import PlannerError
    from plannerdesk.model.settings import Settings, with_parameter

    changed = with_parameter(Settings(), "walk.syntax_radii_m", "400, 1200")
    assert changed.walk.syntax_radii_m == [400.0, 1200.0]
    with pytest.raises(PlannerError, match="not a number"):
        with_parameter(Settings(), "walk.syntax_radii_m", "400, far")
