"""Walkable areas (squares people cross as they like): a walk across one
follows its shape, turning at its inner corners, and never leaves it."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from scipy.sparse.csgraph import dijkstra

from plannerdesk.evaluate.context import prepare

from .conftest import pt
from .microsites import line, plan_of


def l_square(walkable: bool = True, hole: bool = False):
    """An L-shaped square (200 m arms, 100 m wide, its inner corner at
    (100, 100)); one walkway reaches its right arm at (200, 50) from
    (300, 50), another its top arm at (50, 200) from (50, 300). The
    straight line between the two entries leaves the L."""
    outline = [pt(x, y).coords[0] for x, y in
               ((0, 0), (200, 0), (200, 100), (100, 100), (100, 200),
                (0, 200))]
    holes = [[pt(x, y).coords[0] for x, y in
              ((20, 20), (80, 20), (80, 80), (20, 80))]] if hole else []
    return plan_of(
        walkways=[{"name": "East", "kind": "street",
                   "geometry": line((300, 50), (200, 50))},
                  {"name": "North", "kind": "street",
                   "geometry": line((50, 300), (50, 200))}],
        public_areas=[{"name": "L square", "kind": "square",
                       "walkable": walkable,
                       "geometry": shapely.Polygon(outline, holes)}])


def walk_between(plan, a, b) -> float:
    ctx = prepare(plan)
    xy = ctx.net.xy[: ctx.net.n_street]
    node = [int(np.argmin(((xy - pt(*p).coords[0]) ** 2).sum(axis=1)))
            for p in (a, b)]
    return float(dijkstra(ctx.net.graph, indices=node[0])[node[1]])


def test_a_walk_across_an_l_shaped_square_turns_at_its_inner_corner():
    leg = math.hypot(100, 50)    # each entry to the corner (100, 100)
    assert walk_between(l_square(), (300, 50), (50, 300)) == \
        pytest.approx(100 + 2 * leg + 100, abs=1e-3)


def test_a_square_that_is_not_walkable_is_not_crossed():
    assert math.isinf(walk_between(l_square(walkable=False), (300, 50),
                                   (50, 300)))


def test_a_walk_keeps_out_of_a_hole_in_the_square():
    """A planter (a hole) off the shortest line leaves the walk as it
    was; its corners are nodes a walk can bend at, and no link crosses
    it."""
    with_hole = l_square(hole=True)
    assert walk_between(with_hole, (300, 50), (50, 300)) == pytest.approx(
        200 + 2 * math.hypot(100, 50), abs=1e-3)
    ctx = prepare(with_hole)
    corners = ctx.net.xy[: ctx.net.n_street]
    assert any(np.allclose(c, pt(80, 80).coords[0]) for c in corners)
    # no link runs through the planter
    planter = shapely.box(*pt(20, 20).coords[0], *pt(80, 80).coords[0])
    links = shapely.linestrings(np.stack(
        [ctx.net.xy[ctx.net.across[:, 0]], ctx.net.xy[ctx.net.across[:, 1]]],
        axis=1))
    assert not shapely.intersects(
        links, shapely.buffer(planter, -0.5)).any()
