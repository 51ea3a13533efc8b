"""Parameters that change a result are plan settings: saved with the plan,
listed with their sources, checked, and honoured by the evaluators."""

from __future__ import annotations

import pytest

from plannerdesk.evaluate.compare import compare
from plannerdesk.evaluate.context import prepare
from plannerdesk.evaluate.findings import findings
from plannerdesk.evaluate.run import evaluate
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.settings import parameter_table, with_parameter

from .conftest import SAMPLE

NEW = {"coverage.cell_m": "50", "coverage.max_cells": "5000",
       "walk.form_samples_per_zone": "5", "walk.form_max_samples": "40",
       "walk.directness_ring_min_m": "100",
       "walk.directness_ring_max_m": "400",
       "walk.score_change_step": "5", "parking.surplus_use": "0.2",
       "parking.offer_idle_min": "500"}


def test_each_parameter_is_listed_with_its_source_and_saved(tmp_path):
    plan = open_plan(SAMPLE)[0]
    listed = {row["parameter"]: row for row in parameter_table(plan.settings)}
    for name, text in NEW.items():
        assert listed[name]["source"], name
        plan.settings = with_parameter(plan.settings, name, text)
    path = tmp_path / "plan.gpkg"
    save_plan(plan, path)
    again = {row["parameter"]: row["value"]
             for row in parameter_table(open_plan(path)[0].settings)}
    assert {name: again[name] for name in NEW} == \
        {name: float(text) for name, text in NEW.items()}


def test_a_ring_that_ends_before_it_starts_is_refused():
    plan = open_plan(SAMPLE)[0]
    with pytest.raises(PlannerError, match="walk.directness_ring_max_m must "
                       "be more than walk.directness_ring_min_m"):
        with_parameter(plan.settings, "walk.directness_ring_max_m", "200")
    with pytest.raises(PlannerError, match="form_max_samples must be 1 or "
                       "more"):
        with_parameter(plan.settings, "walk.form_max_samples", "0")


def _setting(name: str, text: str):
    plan = open_plan(SAMPLE)[0]
    plan.settings = with_parameter(plan.settings, name, text)
    return plan


def test_the_sample_cells_follow_the_setting():
    fine = len(prepare(_setting("coverage.cell_m", "25")).cells)
    coarse = len(prepare(_setting("coverage.cell_m", "50")).cells)
    assert coarse == pytest.approx(fine / 4, rel=0.1)
    capped = len(prepare(_setting("coverage.max_cells", "1000")).cells)
    assert capped == pytest.approx(1000, rel=0.1)


def test_route_directness_follows_its_ring():
    def directness(low, high):
        plan = _setting("walk.directness_ring_min_m", low)
        plan.settings = with_parameter(plan.settings,
                                       "walk.directness_ring_max_m", high)
        form = evaluate(plan, only=("network_form",)).network_form
        return form.site["route_directness"]

    assert directness("300", "800") != pytest.approx(directness("50", "150"))


def test_surplus_and_offers_follow_their_settings():
    def parking(name, text):
        return evaluate(_setting(name, text), only=("parking",))

    flags = parking("parking.surplus_use", "0.5").parking.zones["flag"]
    assert "surplus" in set(flags)
    flags = parking("parking.surplus_use", "0.01").parking.zones["flag"]
    assert "surplus" not in set(flags)
    offered = [f for f in findings(parking("parking.offer_idle_min", "50"))
               if "spaces idle" in f.remedy]
    assert offered
    none = [f for f in findings(parking("parking.offer_idle_min", "100000"))
            if "spaces idle" in f.remedy]
    assert not none


def test_the_comparison_lists_score_changes_from_the_step():
    base = evaluate(open_plan(SAMPLE)[0], only=("walkability",))
    plan = open_plan(SAMPLE)[0]
    plan.replace_layer("facilities", plan["facilities"].iloc[::2])
    for step, some in (("0.5", True), ("1000", False)):
        plan.settings = with_parameter(plan.settings,
                                       "walk.score_change_step", step)
        proposal = evaluate(plan, only=("walkability",))
        change = compare(base, proposal, base_name="a",
                         proposal_name="b").walk_score_change
        assert (len(change) > 0) == some
