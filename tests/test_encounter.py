"""Encounter potential between innovation subjects: a micro-site worked
by hand, the sample's findings, and the result in the summary."""

from __future__ import annotations

import math

import pytest

from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.shape import SITE_ROW
from plannerdesk.evaluate.tables import summary
from plannerdesk.io.gpkg import open_plan

from .conftest import SAMPLE
from .microsites import building, facility, plan_of, street


def site(*cafes: float):
    """A university (100 people) at x = 100, an enterprise (50) at 300
    and a finance firm (10) at 900, 35 m north of one street; cafes 10 m
    north of it at ``cafes``. At 72 m/min the encounter walk (5 min) is
    360 m and the meeting limit (10 min) 720 m."""
    return plan_of(
        walkways=[street()],
        buildings=[building(100, name="U", employees=100,
                            subject="university"),
                   building(300, name="E", employees=50,
                            subject="enterprise"),
                   building(900, name="F", employees=10, subject="finance")],
        facilities=[facility(x, "cafe", name=f"Cafe {x:g}") for x in cafes])


def test_a_cafe_between_two_subjects_is_worked_by_hand():
    result = evaluate(site(200), only=("encounter",)).encounter
    cafe = result.spaces.iloc[0]
    # U and E walk 35 + 100 + 10 = 145 m to it; F 35 + 700 + 10, too far
    u, e = 100 * math.exp(-145 / 200), 50 * math.exp(-145 / 200)
    assert cafe["reach_university"] == pytest.approx(u)
    assert cafe["reach_enterprise"] == pytest.approx(e)
    assert cafe["reach_finance"] == 0 and cafe["types_within"] == 2
    assert cafe["encounter_potential"] == pytest.approx(2 * u * e / (u + e))
    # of the walking between types (U-E 5,000; E-F 500; U-F beyond 720
    # m) the U-E walk passes the cafe's door at x = 200
    assert cafe["flow_share"] == pytest.approx(5000 / 5500)
    pairs = result.pairs.set_index(["type_a", "type_b"])
    assert pairs.loc[("enterprise", "university"),
                     "co_accessible_spaces"] == 1
    assert pairs.loc[("enterprise", "finance"),
                     "closest_walk_m"] == pytest.approx(35 + 600 + 35)
    assert not pairs.loc[("university", "finance"), "meet_within_limit"]
    row = result.zones.set_index("zone").loc[SITE_ROW]
    assert row["type_pairs"] == 3 and row["co_accessible_pairs"] == 1
    assert set(row["unmet_pairs"].split("; ")) == {
        "enterprise–finance", "university–finance"}


def test_a_cafe_on_the_enterprise_finance_walk_takes_its_flow():
    second = evaluate(site(200, 600), only=("encounter",)).encounter
    shares = second.spaces.set_index("name")["flow_share"]
    assert shares["Cafe 600"] == pytest.approx(500 / 5500)
    assert shares["Cafe 200"] == pytest.approx(5000 / 5500)
    # 35 + 300 + 10 from E and F: enterprise and finance now share one
    pairs = second.pairs.set_index(["type_a", "type_b"])
    assert pairs.loc[("enterprise", "finance"), "co_accessible_spaces"] == 1
    assert pairs.loc[("enterprise", "finance"), "best_space"] == "Cafe 600"


def test_the_findings_name_the_pairs_no_space_brings_together():
    results = evaluate(site(200), only=("encounter",))
    texts = {f.text: f.remedy for f in results.findings}
    assert texts["No exchange space is within a 5-minute walk of both "
                 "enterprise and finance buildings"].endswith(
        "between the closest enterprise and finance buildings, 670 m apart")
    assert "more than a 10-minute walk apart" in texts[
        "No exchange space is within a 5-minute walk of both university "
        "and finance buildings"]
    assert any(t.startswith("Cafe 200 hosts the most encounters: 2 subject "
                            "types") and "91%" in t for t in texts)


def test_on_the_sample_the_summary_holds_every_space_and_pair():
    results = evaluate(open_plan(SAMPLE)[0])
    written = summary(results)["encounter"]
    spaces, pairs = written["spaces"], written["pairs"]
    assert len(spaces) == len(results.encounter.spaces) > 10
    assert {p["type_a"] for p in pairs} | {p["type_b"] for p in pairs} == {
        "enterprise", "university", "research_institute", "government",
        "intermediary", "finance"}
    assert 0 < max(s["flow_share"] for s in spaces) <= 1
    assert written["pairs_unmet"] == results.encounter.site["pairs_unmet"]
    texts = [f.text for f in results.findings]
    assert any("cannot meet at any exchange space" in t for t in texts)
