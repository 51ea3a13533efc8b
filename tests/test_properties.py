"""Properties that hold for any layout (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plannerdesk.evaluate import parking
from plannerdesk.evaluate.run import evaluate
from plannerdesk.model.plan import Plan

from .conftest import box, frame, pt
from .microsites import line

coords = st.tuples(st.floats(0, 600), st.floats(0, 600))
PROPERTY = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def grid_plan(buildings, cafes, lots=()) -> Plan:
    plan = Plan(crs="EPSG:4549")
    plan.add_features("site", frame([{"name": "s",
                                      "geometry": box(0, 0, 600, 600)}]))
    ways = [line((0, v), (600, v)) for v in (0, 200, 400, 600)] + \
           [line((v, 0), (v, 600)) for v in (0, 200, 400, 600)]
    plan.add_features("walkways", frame([{"kind": "street", "geometry": g}
                                         for g in ways]))
    plan.add_features("buildings", frame([
        {"use": "office", "floors": 2, "geometry": box(x, y, x + 15, y + 15)}
        for x, y in buildings]))
    if cafes:
        plan.add_features("facilities", frame([
            {"category": "cafe", "geometry": pt(x, y)} for x, y in cafes]))
    if lots:
        plan.add_features("parking", frame([
            {"capacity": c, "geometry": pt(x, y)} for x, y, c in lots]))
    return plan


def cafe_coverage(plan, radius):
    plan.settings.coverage.radii_m = {"cafe": radius}
    row = evaluate(plan, only=("coverage",)).coverage.table.loc["cafe"]
    return np.array([row["share_site_area"], row["share_gfa"]])


@PROPERTY
@given(st.lists(coords, min_size=1, max_size=6),
       st.lists(coords, min_size=1, max_size=4), coords,
       st.floats(100, 500), st.floats(1, 300))
def test_coverage_is_a_share_that_never_falls(buildings, cafes, extra,
                                              radius, more):
    plan = grid_plan(buildings, cafes)
    base = cafe_coverage(plan, radius)
    assert ((base >= 0) & (base <= 1)).all()
    assert (cafe_coverage(plan, radius + more) >= base - 1e-12).all()
    grown = grid_plan(buildings, [*cafes, extra])
    assert (cafe_coverage(grown, radius) >= base - 1e-12).all()


@PROPERTY
@given(st.lists(coords, min_size=1, max_size=6),
       st.lists(coords, min_size=1, max_size=4), coords)
def test_no_walk_grows_when_a_facility_is_added(buildings, cafes, extra):
    def walks(plan):
        return evaluate(plan, only=("walkability",)).walkability \
            .buildings["dist_cafe_m"].fillna(np.inf).to_numpy()
    before = walks(grid_plan(buildings, cafes))
    after = walks(grid_plan(buildings, [*cafes, extra]))
    assert (after <= before + 1e-9).all()


@PROPERTY
@given(st.lists(coords, min_size=1, max_size=6),
       st.lists(st.tuples(st.floats(0, 600), st.floats(0, 600),
                          st.integers(0, 40)), min_size=1, max_size=4),
       st.integers(0, 3), st.integers(1, 50))
def test_unmet_parking_never_rises_with_capacity(buildings, lots, which,
                                                 added):
    def unmet(lot_rows):
        return evaluate(grid_plan(buildings, [], lot_rows),
                        only=("parking",)).parking.site["unmet"]
    more = [(x, y, c + added if i == which % len(lots) else c)
            for i, (x, y, c) in enumerate(lots)]
    assert unmet(more) <= unmet(lots) + 1e-6


@PROPERTY
@given(st.lists(st.tuples(st.floats(0, 585), st.floats(0, 585),
                          st.integers(1, 9)), min_size=1, max_size=12),
       st.lists(st.tuples(st.floats(0, 600), st.floats(0, 600),
                          st.integers(0, 60)), min_size=1, max_size=5))
def test_parking_allocation_is_optimal(buildings, lots):
    """The most demand served within the walk limit, then the least walking:
    checked against two LPs solved independently (scipy's HiGHS)."""
    from scipy.optimize import linprog

    plan = grid_plan([(x, y) for x, y, _ in buildings], [], lots)
    plan.layers["buildings"]["floors"] = [f for _, _, f in buildings]
    results = evaluate(plan, only=("parking",))
    p, limit = results.parking, plan.settings.parking.walk_limit_m
    walks = parking._walks(results.context, limit).tocoo()  # the pairs
    need = p.buildings["parking_demand"].to_numpy()
    capacity = p.lots["capacity"].to_numpy()
    if not walks.nnz:
        assert p.site["served"] == 0
        return
    pair = np.arange(walks.nnz)
    a = np.zeros((len(need) + len(capacity), walks.nnz))
    a[walks.row, pair] = 1
    a[len(need) + walks.col, pair] = 1
    bounds = np.concatenate([need, capacity])
    most = -linprog(-np.ones(walks.nnz), A_ub=a, b_ub=bounds,
                    method="highs").fun
    least = linprog(walks.data, A_ub=np.vstack([a, -np.ones(walks.nnz)]),
                    b_ub=np.append(bounds, -max(most - 1e-6, 0)),
                    method="highs").fun
    walked = (p.allocation["spaces"] * p.allocation["walk_m"]).sum()
    assert p.site["served"] == pytest.approx(most, abs=1e-3 * len(need))
    assert walked == pytest.approx(least, abs=1e-3 * most + 1.0)
