"""Parking hour by hour and the parking finder, on a micro-site worked by
hand, on the sample, and from the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from plannerdesk.cli import main
from plannerdesk.evaluate.context import prepare
from plannerdesk.evaluate.parking_finder import find_parking
from plannerdesk.evaluate.parking_hours import (
    DAYS,
    parking_hours,
    short_hours,
    spans,
)
from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.shape import SITE_ROW
from plannerdesk.io.gpkg import open_plan

from .conftest import SAMPLE, pt
from .microsites import building, plan_of, street


def site(near: float = 60, far: float = 200, *, more: list | None = None):
    """One office of 100 spaces at its peak (10 floors x 1,000 m2 x 1 per
    100 m2) at x = 100, 35 m north of the street; public lot A (``near``
    spaces) 20 m south of it at x = 150 and public lot C (``far``) at
    x = 350; a private lot of 500 at x = 700 that serves only the home
    beside it ('Other')."""
    plan = plan_of(
        buildings=[building(100, name="Office", floors=10),
                   building(700, name="Other", use="residential"),
                   *(more or [])],
        walkways=[street()],
        parking=[{"name": "A", "capacity": near, "access": "public",
                  "geometry": pt(150, -20)},
                 {"name": "C", "capacity": far, "access": "public",
                  "geometry": pt(350, -20)},
                 {"name": "P", "capacity": 500, "access": "private",
                  "serves": "Other", "geometry": pt(700, -20)}])
    ctx = prepare(plan)
    return plan, ctx, parking_hours(ctx, parking=plan.settings.parking)


def lot(ctx, name: str) -> int:
    return int(ctx.lots.index[ctx.lots["name"] == name][0])


def test_each_hour_is_allocated_by_its_own_demand():
    plan, ctx, hours = site()
    office = plan.settings.parking.hours["office"]
    day = hours.zone(SITE_ROW)
    assert len(day) == 24 and set(hours.hours["day"]) == set(DAYS)
    # 10:00 on a weekday, the office's peak: 100 spaces, the near lot
    # full (60) and the rest (40) 200 m farther
    at10 = hours.lot_hours[(hours.lot_hours["day"] == "weekday")
                      & (hours.lot_hours["hour"] == 10)].set_index("lot")
    office_at10 = 100 * office["weekday"][10]
    assert at10.loc[lot(ctx, "A"), "used"] == pytest.approx(60)
    assert at10.loc[lot(ctx, "C"), "used"] == pytest.approx(office_at10 - 60)
    # 20:00: 7 % of the peak, all in the near lot
    spare20 = hours.spare("weekday", 20)
    assert spare20[lot(ctx, "A")] == pytest.approx(
        60 - 100 * office["weekday"][20])
    assert spare20[lot(ctx, "C")] == pytest.approx(200)
    # Saturday 11:00: the office's Saturday curve, and the home's (8
    # spaces at its peak: 1,000 m2 x 0.8 per 100 m2) its own
    home = plan.settings.parking.hours["residential"]["saturday"]
    assert hours.zone(SITE_ROW, "saturday").loc[11, "demand"] == \
        pytest.approx(100 * office["saturday"][11] + 8 * home[11])


def test_a_short_hour_is_named_with_its_unmet_demand():
    _, ctx, hours = site(near=40, far=20)
    day = hours.zone(SITE_ROW)
    short, worst = short_hours(day)
    assert worst in (10, 11)       # office's peak hours
    assert day.loc[10, "unmet"] == pytest.approx(100 - 40 - 20)  # the home
    # parks in its own lot
    assert 10 in short and 3 not in short   # at night only the home parks


def test_each_day_is_summed_up_by_its_short_hours_and_peak():
    """The zone table (the summary's) names the hours short as spans, the
    hour of the most unmet and how full the lots are then."""
    plan, ctx, hours = site(near=40, far=20)
    office = plan.settings.parking.hours["office"]["weekday"]
    short = [h for h in range(24) if 100 * office[h] - 60 >= 0.5]
    assert short == list(range(short[0], short[-1] + 1))   # one span
    row = hours.site
    assert row["weekday_short_hours"] == len(short)
    assert row["weekday_short_spans"] == \
        f"{short[0]:02d}:00-{short[-1] + 1:02d}:00"
    assert row["weekday_peak_hour"] == "10:00"    # the first of 10 and 11
    assert row["weekday_peak_unmet"] == pytest.approx(40)
    # the busiest hour of the lots: the office's (up to the 60 public
    # spaces) and the home's in its own lot, of 560 spaces
    home = plan.settings.parking.hours["residential"]["weekday"]
    assert row["weekday_peak_occupancy"] == pytest.approx(max(
        min(60, 100 * office[h]) + 8 * home[h] for h in range(24)) / 560,
        abs=1e-3)
    a = hours.lots[(hours.lots["name"] == "A")
                   & (hours.lots["day"] == "weekday")].iloc[0]
    assert a["peak_occupancy"] == pytest.approx(1.0)
    assert spans([6, 7, 8, 17, 23]) == [(6, 9), (17, 18), (23, 24)]


def test_the_findings_say_when_a_zone_is_short_and_which_lots_stay_idle():
    results = evaluate(open_plan(SAMPLE)[0], only=("parking_hours",))
    assert results.parking is not None     # read by the hours: run too
    texts = [f.text for f in results.findings]
    village = next(t for t in texts
                   if t.startswith("Internet Village is short of parking"))
    row = results.parking_hours.zones.set_index("zone").loc[
        "Internet Village"]
    assert f"most at {row['weekday_peak_hour']} " \
           f"({row['weekday_peak_unmet']:,.0f} spaces unmet)" in village
    assert "on a Saturday" in village
    idle = next(f for f in results.findings
                if "never more than 50% full on a weekday" in f.text)
    assert idle.text.index("Yangpan Village Underground Garage (8% at") > 0
    assert "parking finder" in idle.remedy


def test_the_finder_offers_only_lots_with_spare_spaces_at_that_hour():
    plan, ctx, hours = site()
    office = int(ctx.buildings.index[ctx.buildings["name"] == "Office"][0])
    at10 = find_parking(ctx, hours, plan.settings, day="weekday", hour=10,
                        building=office)
    assert list(at10["name"]) == ["C"]    # A is full at 10:00
    assert at10.loc[0, "spare"] == pytest.approx(200 - 40, abs=1)
    assert at10.loc[0, "walk_m"] == pytest.approx(35 + 250 + 20, abs=0.5)
    at20 = find_parking(ctx, hours, plan.settings, day="weekday", hour=20,
                        building=office)
    assert list(at20["name"]) == ["A", "C"]    # nearest first
    assert at20.loc[0, "walk_m"] == pytest.approx(35 + 50 + 20, abs=0.5)
    assert at20.loc[0, "minutes"] == pytest.approx(
        at20.loc[0, "walk_m"] / plan.settings.walk.speed_m_per_min)
    # the private lot within the search walk is never offered
    assert "P" not in set(find_parking(ctx, hours, plan.settings,
                                       day="saturday", hour=3,
                                       building=office)["name"])
    # from a point beside the office, the same lots
    x, y = ctx.buildings.loc[office, "point"].coords[0]
    near = find_parking(ctx, hours, plan.settings, day="weekday", hour=20,
                        at=(x, y))
    assert list(near["name"]) == ["A", "C"]


def test_each_offer_comes_with_its_walking_route():
    """The route drawn to a lot is as long as the walk the finder states,
    from the destination to the lot, on the micro-site and the sample."""
    plan, ctx, hours = site()
    office = int(ctx.buildings.index[ctx.buildings["name"] == "Office"][0])
    offers = find_parking(ctx, hours, plan.settings, day="weekday", hour=20,
                          building=office, routes=True)
    for offer in offers.itertuples():
        assert offer.route.length == pytest.approx(offer.walk_m, abs=1e-6)
        assert offer.route.coords[0] == ctx.buildings.loc[office,
                                                          "point"].coords[0]
        assert offer.route.coords[-1] == ctx.lots.loc[offer.lot,
                                                      "point"].coords[0]
    # between its ends, the route to C runs along the street
    street_line = plan["walkways"].geometry.iloc[0]
    inner = shapely.points(offers.loc[1, "route"].coords[1:-1])
    assert len(inner) and shapely.distance(inner, street_line).max() < 1e-6
    sample, _ = open_plan(SAMPLE)
    ctx = prepare(sample)
    hours = parking_hours(ctx, parking=sample.settings.parking,
                          times=[("weekday", 10)])
    x, y = ctx.buildings["point"].iloc[40].coords[0]
    offers = find_parking(ctx, hours, sample.settings, day="weekday",
                          hour=10, at=(x + 7, y - 3), routes=True)
    assert len(offers) >= 2
    for offer in offers.itertuples():   # its nodes are held to the mm
        assert offer.route.length == pytest.approx(offer.walk_m, abs=0.01)
        assert offer.route.coords[0] == (x + 7, y - 3)


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 150), st.integers(0, 150), st.integers(1, 80),
       st.booleans())
def test_more_capacity_never_raises_unmet_demand_at_any_hour(near, far,
                                                            added, to_near):
    unmet = site(near, far, more=[building(400, floors=6)])[2].hours
    grown = site(near + added * to_near, far + added * (not to_near),
                 more=[building(400, floors=6)])[2].hours
    assert (grown["unmet"].to_numpy() <= unmet["unmet"].to_numpy() + 1e-6
            ).all()


def test_on_the_sample_internet_village_is_short_through_the_working_day():
    plan, _ = open_plan(SAMPLE)
    ctx = prepare(plan)
    hours = parking_hours(ctx, parking=plan.settings.parking)
    village = hours.zone("Internet Village")
    short, worst = short_hours(village, least=0.1 * village["unmet"].max())
    assert worst in (10, 11)
    assert {9, 10, 14, 17} <= set(short) and not {1, 3, 23} & set(short)
    garage = lot(ctx, "Yangpan Village Underground Garage")
    weekday = hours.lot_hours[(hours.lot_hours["lot"] == garage)
                         & (hours.lot_hours["day"] == "weekday")]
    assert (weekday["used"] / weekday["capacity"]).max() < 0.2
    assert np.isclose(hours.zone(SITE_ROW)["supply"].iloc[0],
                      ctx.lots["capacity"].sum())


def test_find_parking_on_the_command_line(tmp_path, capsys):
    out = tmp_path / "offers.json"
    code = main(["find-parking", str(SAMPLE), "--building", "INT-0643",
                 "--time", "10:00", "--json", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    offers = json.loads(out.read_text())
    assert offers["hour"] == 10 and offers["day"] == "weekday"
    assert offers["building_name"] == "INT-0643"
    walks = [o["walk_m"] for o in offers["lots"]]
    assert walks == sorted(walks) and all(o["spare"] >= 1
                                          for o in offers["lots"])
    assert offers["lots"][0]["name"] in printed
    assert main(["find-parking", str(SAMPLE), "--building", "nobody"]) == 2
    assert "no building of that name" in capsys.readouterr().err
    assert main(["find-parking", str(SAMPLE), "--at", "1,2",
                 "--time", "25:00"]) == 2
    assert "HH:MM" in capsys.readouterr().err
    assert main(["find-parking", str(SAMPLE), "--building", "INT-0643",
                 "--time", "10:30"]) == 0
    assert "10:30 falls in the hour from 10:00" in capsys.readouterr().out
    assert main(["find-parking", str(SAMPLE), "--at", "nan,nan"]) == 2
    assert "not a point" in capsys.readouterr().err
    # a place far off the plan: said so, not that every lot is full
    assert main(["find-parking", str(SAMPLE), "--at", "0,0"]) == 0
    assert "from the nearest walkway, beyond the 800 m search" in \
        capsys.readouterr().out


def test_one_hour_alone_is_allocated_as_in_the_whole_day():
    """The finder allocates only the hour it is asked about; that hour's
    figures are those of the whole day's run."""
    plan, ctx, hours = site()
    alone = parking_hours(ctx, parking=plan.settings.parking,
                          times=[("weekday", 10)])
    assert set(zip(alone.lot_hours["day"], alone.lot_hours["hour"])) == \
        {("weekday", 10)}
    assert alone.spare("weekday", 10).equals(hours.spare("weekday", 10))


def test_a_use_without_a_curve_demands_its_peak_at_every_hour():
    """A family whose curve the planner removed is not dropped: its
    buildings demand their peak all day (8 spaces for the home)."""
    from copy import deepcopy

    from plannerdesk.evaluate.parking_hours import hourly_demand

    plan, ctx, _ = site()
    parking = deepcopy(plan.settings.parking)
    del parking.hours["residential"]
    home = list(ctx.buildings.index).index(
        int(ctx.buildings.index[ctx.buildings["name"] == "Other"][0]))
    need = hourly_demand(ctx, parking=parking)
    assert need[home].min() == need[home].max() == pytest.approx(8)
