"""Every evaluator on micro-sites with answers worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from plannerdesk.evaluate.run import evaluate

from .conftest import box
from .microsites import building, facility, line, plan_of, street

STRIP = {"name": "Strip", "geometry": box(0, -12.5, 1000, 12.5)}


def coffee_plan():
    return plan_of(site=[STRIP], walkways=[street()],
                   buildings=[building(100, employees=10),
                              building(700, employees=30)],
                   facilities=[facility(300, "cafe")])


def test_coverage_shares_by_network_walk():
    plan = coffee_plan()
    plan.settings.coverage.radii_m = {"cafe": 300.0}
    row = evaluate(plan, only=("coverage",)).coverage.table.loc["cafe"]
    # B1 walks 35 + 200 + 10 = 245 (covered); B2 35 + 400 + 10 = 445 (not)
    assert row["share_gfa"] == pytest.approx(0.5)
    assert row["share_employees"] == pytest.approx(10 / 40)
    # 40 cells of 25 m along y = 0; covered where |x - 300| + 10 <= 300:
    # centres 12.5 ... 587.5, i.e. 24 cells
    assert row["share_site_area"] == pytest.approx(24 / 40)
    assert row["method"] == "network"


def test_coverage_gaps_are_the_uncovered_site():
    plan = coffee_plan()
    plan.settings.coverage.radii_m = {"cafe": 300.0}
    gaps = evaluate(plan, only=("coverage",)).coverage.gaps
    gap = gaps.set_index("target").loc["cafe"]
    assert gap["area_m2"] == pytest.approx(16 * 25 * 25)
    assert gap.geometry.bounds[0] == pytest.approx(box(600, 0, 601, 1).bounds[0])


def test_straight_line_coverage_option():
    plan = coffee_plan()
    plan.settings.coverage.radii_m = {"cafe": 420.0}
    network = evaluate(plan, only=("coverage",)).coverage.table.loc["cafe"]
    plan.settings.coverage.method = "straight"
    straight = evaluate(plan, only=("coverage",)).coverage.table.loc["cafe"]
    # B2 is 400.1 m away in a straight line but 445 m on foot
    assert network["share_gfa"] == pytest.approx(0.5)
    assert straight["share_gfa"] == pytest.approx(1.0)
    assert straight["method"] == "straight"


def test_coverage_per_zone():
    plan = coffee_plan()
    plan.add_features("zones", __import__("tests.conftest", fromlist=["frame"])
                      .frame([{"name": "West", "geometry": box(0, -20, 500, 80)},
                              {"name": "East", "geometry": box(500, -20, 1000,
                                                               80)}]))
    plan.settings.coverage.radii_m = {"cafe": 300.0}
    zones = evaluate(plan, only=("coverage",)).coverage.zones.set_index("zone")
    assert zones.loc["West", "share_gfa"] == 1.0
    assert zones.loc["East", "share_gfa"] == 0.0


def test_walk_score_and_walking_time():
    plan = coffee_plan()
    result = evaluate(plan, only=("walkability",)).walkability
    table = result.buildings
    assert table["dist_cafe_m"].tolist() == pytest.approx([245.0, 445.0])
    assert table["walk_min_cafe"].tolist() == pytest.approx([245 / 72,
                                                             445 / 72])
    # coffee weights 1.25, 0.75; one cafe: 1.25 in full at 245 m, and at
    # 445 m x (2400 - 445) / 2000; out of 15 weights in all
    b1, b2 = 100 * 1.25 / 15, 100 * 1.25 * (2400 - 445) / 2000 / 15
    assert table["walk_score"].tolist() == pytest.approx([b1, b2])
    assert result.score == pytest.approx((10 * b1 + 30 * b2) / 40)


def test_site_score_falls_back_to_gfa_without_employees():
    plan = plan_of(walkways=[street()],
                   buildings=[building(100), building(700, floors=3)],
                   facilities=[facility(300, "cafe")])
    result = evaluate(plan, only=("walkability",)).walkability
    scores = result.buildings["walk_score"].to_numpy()
    assert result.score == pytest.approx((scores[0] + 3 * scores[1]) / 4)


def test_network_form_of_a_grid():
    # a 3 x 3 grid of 100 m blocks: 16 nodes, 4 inner ones meet 4 links and
    # 8 edge ones 3 links: 12 intersections on 0.09 km2
    ways = [street(0, 300, y) for y in (0, 100, 200, 300)] + [
        {"kind": "street", "geometry": line((x, 0), (x, 300))}
        for x in (0, 100, 200, 300)]
    plan = plan_of(site=[{"name": "Grid", "geometry": box(0, 0, 300, 300)}],
                   walkways=ways)
    form = evaluate(plan, only=("network_form",)).network_form.site
    assert form["intersections"] == 12
    assert form["intersection_density_per_km2"] == pytest.approx(12 / 0.09)
    # 2,400 m of street in 20 links: 16 of 100 m, and 4 of 200 m where a
    # corner (a bend, not an intersection) joins two edges
    assert form["mean_block_length_m"] == pytest.approx(120.0)


PARKING = dict(
    zones=[{"name": "West", "geometry": box(0, -50, 500, 100)},
           {"name": "East", "geometry": box(500, -50, 1000, 100)}],
    walkways=[street()],
    buildings=[building(100, name="A"), building(900, name="B")],
    parking=[{"name": "L1", "capacity": 6, "geometry": box(140, 10, 160, 30)},
             {"name": "L2", "capacity": 30, "geometry": box(590, 10, 610, 30)}])


def test_parking_allocation_and_flags():
    plan = plan_of(**{k: list(v) for k, v in PARKING.items()})
    p = evaluate(plan, only=("parking",)).parking
    # A (1,000 m2 office -> 10 spaces) reaches L1 in 35 + 50 + 20 = 105 m,
    # L2 in 35 + 500 + 20 = 555 m (too far); B reaches L2 in 355 m.
    assert p.buildings["parking_demand"].tolist() == pytest.approx([10, 10])
    assert p.buildings["parking_unmet"].tolist() == pytest.approx([4, 0])
    assert p.lots["assigned"].tolist() == pytest.approx([6, 10])
    assert p.lots["idle"].tolist() == pytest.approx([0, 20])
    zones = p.zones.set_index("zone")
    assert zones.loc["West", "flag"] == "deficit"
    assert zones.loc["East", "flag"] == "surplus"
    assert zones.loc["West", "reachable_supply"] == 6
    assert p.site["mismatch_index"] == pytest.approx((4 + 20) / (20 + 36))
    allocation = p.allocation.set_index(["building", "lot"])
    assert allocation.loc[(1, 1), "spaces"] == pytest.approx(6)
    assert allocation.loc[(1, 1), "walk_m"] == pytest.approx(105)
    assert allocation.loc[(2, 2), "spaces"] == pytest.approx(10)
    assert len(allocation) == 2
    offer = p.suggestions.iloc[0]
    assert (offer["zone"], offer["lot"]) == ("West", "L2")
    assert offer["distance_m"] == pytest.approx(555.0)


def test_parking_demand_from_employees_and_peak_profile():
    rows = {k: list(v) for k, v in PARKING.items()}
    rows["buildings"] = [building(100, employees=50),
                         building(900, use="commercial")]
    plan = plan_of(**rows)
    plan.settings.parking.demand_basis = "employees"
    demand = evaluate(plan, only=("parking",)).parking.buildings
    # 50 x 0.2; the shop has no staff count: 1,000 m2 / 21 m2 x 0.2, in
    # thousandths of a space (as allocated)
    assert demand["parking_demand"].tolist() == [10, 9.524]
    plan.settings.parking.demand_basis = "gfa"
    plan.settings.parking.use_profiles = True
    p = evaluate(plan, only=("parking",)).parking
    # office 10 and shop 10 at the peak: 10-11h is 10 + 7, 12-14h 8.5 + 8.5
    assert p.peak_period == "weekday 10-11h"
    assert p.buildings["parking_demand"].tolist() == pytest.approx([10, 7])


def test_exchange_reach_and_subject_mix():
    plan = plan_of(walkways=[street(0, 2000)],
                   buildings=[building(100, subject="university"),
                              building(400, subject="enterprise"),
                              building(1500, subject="finance"),
                              building(600)],
                   facilities=[facility(200, "cafe")])
    e = evaluate(plan, only=("exchange",)).exchange
    table = e.buildings
    assert len(table) == 3  # the building with no subject is left out
    assert table["walk_to_exchange_m"].tolist() == pytest.approx(
        [145, 245, 1345])
    assert table["subject_types_nearby"].tolist() == [2, 2, 1]
    assert table["walk_university_enterprise_m"].tolist()[:2] == \
        pytest.approx([370, 370])
    site = e.zones.iloc[0]
    assert site["share_exchange_within_limit"] == pytest.approx(2 / 3)


def test_empty_plan_gives_warnings_not_exceptions():
    results = evaluate(plan_of())
    messages = " ".join(str(p) for p in results.problems)
    assert "no buildings" in messages and "no walkable" in messages
    assert results.parking.site["mismatch_index"] is None
    assert results.walkability.score is None


def test_no_network_falls_back_to_straight_lines():
    plan = plan_of(buildings=[building(100)],
                   facilities=[facility(300, "cafe", y=35)])
    results = evaluate(plan)
    assert results.walkability.buildings["dist_cafe_m"].tolist() == \
        pytest.approx([200.0])
    assert results.coverage.table.loc["cafe", "method"] == "straight"


def test_zero_capacity_lots_and_buildings_without_gfa():
    plan = plan_of(walkways=[street()],
                   buildings=[building(100, floors=0)],
                   parking=[{"name": "Empty", "capacity": 0,
                             "geometry": box(140, 10, 160, 30)}])
    results = evaluate(plan)
    assert any("has no capacity" in str(p) for p in results.problems)
    assert results.parking.site["demand"] == 0
    assert np.isfinite(results.walkability.buildings["walk_score"]).all()


def test_a_lacking_group_of_facilities_is_a_finding_naming_where():
    """The Dream Town lacks leisure facilities: the findings say so, and
    where one would serve the most employees; adding fitness there serves
    them."""
    from plannerdesk.commands import AddFeatures, UndoStack
    from plannerdesk.evaluate.run import evaluate
    from plannerdesk.io.gpkg import open_plan

    from .conftest import SAMPLE, frame

    plan, _ = open_plan(SAMPLE)
    results = evaluate(plan)
    leisure = [f for f in results.findings
               if f.text.startswith("Leisure and sport facilities are lacking")]
    assert len(leisure) == 1 and "fitness, sports ground" in leisure[0].text
    groups = results.coverage.groups.set_index(["zone", "group"])
    worst = groups.xs("leisure and sport facilities", level="group") \
        .drop(index="(site)")["employees_without"].idxmax()
    employees = groups.loc[(worst, "leisure and sport facilities"),
                           "employees_without"]
    assert leisure[0].remedy == (
        f"Add one of them (fitness, sports ground) in {worst}, where "
        f"{employees:,.0f} employees have none within a 500 m walk")
    assert results.findings.index(leisure[0]) < 5, "not among the first"
    before = groups.loc[("(site)", "leisure and sport facilities"),
                        "share_employees"]
    zone = plan["zones"].set_index("name").geometry[worst]
    gyms = frame([{"name": f"gym {i}", "category": "fitness",
                   "geometry": zone.representative_point().buffer(60 * i)
                   .representative_point()} for i in range(1, 4)],
                 crs=plan.crs)
    UndoStack(plan).push(AddFeatures("facilities", gyms))
    after = evaluate(plan).coverage.groups.set_index(["zone", "group"]).loc[
        ("(site)", "leisure and sport facilities"), "share_employees"]
    assert after > before
