"""Every attribute the planner sets changes what the evaluators find: spaces
and facilities not open to the public, and private parking."""

from __future__ import annotations

import pytest

from plannerdesk.evaluate.findings import findings
from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.tables import summary

from .conftest import box
from .microsites import building, facility, line, plan_of, street

SQUARE = {"name": "Square", "kind": "square",
          "geometry": box(280, -60, 320, -20)}


def exchange_plan(open_: bool):
    return plan_of(
        walkways=[street(), {"kind": "path",
                             "geometry": line((300, 0), (300, -20))}],
        buildings=[building(100, subject="university", employees=10),
                   building(700, subject="enterprise", employees=30)],
        facilities=[{**facility(300, "cafe"), "open": open_},
                    {**facility(320, "meeting_room"), "open": open_}],
        public_areas=[{**SQUARE, "open": open_}])


def test_closed_spaces_and_facilities_serve_no_public_coverage():
    opened, closed = (evaluate(exchange_plan(o)) for o in (True, False))
    table = opened.coverage.table
    assert table.loc["cafe", "share_gfa"] == pytest.approx(0.5)
    assert table.loc["square", "share_gfa"] == pytest.approx(1.0)
    shut = closed.coverage.table
    # the targets are still listed, with nothing open to cover anyone
    assert shut.loc["cafe", "share_gfa"] == 0
    assert shut.loc["square", "share_gfa"] == 0
    assert shut.loc["cafe", "share_site_area"] == 0
    assert (shut.loc["cafe", "targets"], shut.loc["cafe", "closed"]) == (0, 1)
    assert opened.walkability.score > 0
    assert closed.walkability.score == 0
    assert closed.walkability.buildings["dist_cafe_m"].isna().all()


def test_closed_exchange_spaces_still_host_exchange_reported_apart():
    opened, closed = (evaluate(exchange_plan(o)).exchange for o in (True,
                                                                    False))
    walks = ["walk_to_exchange_m"]
    assert closed.buildings[walks].equals(opened.buildings[walks])
    # 35 + 200 + 10 to the cafe from the university building
    assert closed.buildings["walk_to_non_open_exchange_m"].tolist()[0] == \
        pytest.approx(245)
    assert closed.buildings["walk_to_open_exchange_m"].isna().all()
    assert opened.buildings["walk_to_non_open_exchange_m"].isna().all()
    site = closed.zones.iloc[0]
    assert site["share_non_open_exchange_within_limit"] == 1.0
    assert site["share_open_exchange_within_limit"] is None  # none open


def parking_plan(access: str, serves: str | None = None):
    return plan_of(
        zones=[{"name": "West", "geometry": box(0, -50, 500, 100)},
               {"name": "East", "geometry": box(500, -50, 1000, 100)}],
        walkways=[street()],
        buildings=[building(420, name="Lab"), building(580, name="Tower")],
        parking=[{"name": "East garage", "capacity": 50, "access": access,
                  "serves": serves, "geometry": box(590, -40, 610, -20)}])


@pytest.mark.parametrize("access", ["public", "shared"])
def test_public_and_shared_lots_serve_every_building(access):
    p = evaluate(parking_plan(access), only=("parking",)).parking
    assert p.buildings["parking_unmet"].tolist() == pytest.approx([0, 0])
    assert p.site["private_supply"] == 0


def test_a_private_lot_serves_only_its_own_zone_by_default():
    p = evaluate(parking_plan("private"), only=("parking",)).parking
    # the West lab is 200 m from the East garage but may not use it
    assert p.buildings["parking_unmet"].tolist() == pytest.approx([10, 0])
    assert p.site["private_supply"] == 50
    zones = p.zones.set_index("zone")
    assert zones.loc["West", "reachable_supply"] == 0
    assert zones.loc["West", "flag"] == "deficit"
    assert p.suggestions.empty  # its idle spaces are not the lab's to take


def test_a_private_lot_serves_the_buildings_it_names():
    p = evaluate(parking_plan("private", serves="Lab"),
                 only=("parking",)).parking
    assert p.buildings["parking_unmet"].tolist() == pytest.approx([0, 10])
    p = evaluate(parking_plan("private", serves="Lab; Tower"),
                 only=("parking",)).parking
    assert p.buildings["parking_unmet"].tolist() == pytest.approx([0, 0])


def test_private_capacity_is_in_the_findings_and_summary():
    results = evaluate(parking_plan("private"))
    text = " ".join(map(str, findings(results)))
    assert "50 of 50 parking spaces (100%) are in private lots" in text
    assert summary(results)["parking"]["private_supply"] == 50


def test_validate_names_a_building_a_private_lot_serves_that_is_not_there(
        tmp_path, capsys):
    from plannerdesk.cli import main
    from plannerdesk.io.gpkg import save_plan
    path = tmp_path / "plan.gpkg"
    save_plan(parking_plan("private", serves="Lab; Laboratory"), path)
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "feature 1 ('East garage'): 'serves' names 'Laboratory', which " \
           "is no building's name" in err
