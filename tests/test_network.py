"""The pedestrian network's joining rule and walks, checked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from plannerdesk.evaluate.context import prepare

from .microsites import building, facility, line, plan_of, street


def walk_to(plan, target: str) -> np.ndarray:
    return prepare(plan).distances(target)


def test_walk_counts_connectors_and_network():
    plan = plan_of(walkways=[street()], buildings=[building(100)],
                   facilities=[facility(300, "cafe")])
    # 35 m connector + 200 m along the street + 10 m connector
    assert walk_to(plan, "cafe") == pytest.approx([245.0])


def test_crossing_lines_join():
    plan = plan_of(walkways=[street(), {"kind": "street", "geometry":
                                        line((500, -300), (500, 300))}],
                   buildings=[building(100)],
                   facilities=[facility(510, "cafe", y=-250)])
    # 35 + 400 to the crossing + 250 south + 10 across
    assert walk_to(plan, "cafe") == pytest.approx([695.0])


def test_a_bridge_passes_over_what_it_crosses():
    plan = plan_of(
        walkways=[street(0, 400, 0), street(0, 400, -100), street(0, 400, 100),
                  {"kind": "path", "geometry": line((0, 0), (0, 100))},
                  {"kind": "bridge", "geometry": line((200, -100), (200, 100))}],
        buildings=[building(200)],
        facilities=[facility(200, "cafe", y=-105)])
    # 35 to (200,0), west 200, north 100, east 200, over the bridge 200, 5
    assert walk_to(plan, "cafe") == pytest.approx([740.0])


def test_a_line_end_within_the_tolerance_joins():
    plan = plan_of(walkways=[street(), {"kind": "path", "geometry":
                                        line((300, -0.6), (300, -200))}],
                   buildings=[building(100)],
                   facilities=[facility(310, "cafe", y=-200)])
    # 35 + 200 + 0.6 link + 199.4 + 10
    assert walk_to(plan, "cafe") == pytest.approx([445.0])
    plan.settings.walk.snap_tolerance_m = 0.5
    assert np.isinf(walk_to(plan, "cafe")).all()


def test_a_disconnected_part_is_unreachable_not_zero():
    plan = plan_of(walkways=[street(0, 400), street(600, 1000)],
                   buildings=[building(100), building(900)],
                   facilities=[facility(700, "cafe")])
    walks = walk_to(plan, "cafe")
    assert np.isinf(walks[0])
    assert walks[1] == pytest.approx(35 + 200 + 10)


def test_linear_space_is_reached_anywhere_along_it():
    plan = plan_of(walkways=[street()], buildings=[building(100)],
                   public_lines=[{"name": "Trail", "kind": "waterfront_trail",
                                  "geometry": line((600, 0), (900, 0))}])
    assert walk_to(plan, "waterfront_trail") == pytest.approx([35 + 500])


def test_area_space_is_reached_at_its_edge():
    from .conftest import box
    plan = plan_of(walkways=[street()], buildings=[building(100)],
                   public_areas=[{"name": "Square", "kind": "square",
                                  "geometry": box(400, -50, 500, 0)}])
    assert walk_to(plan, "square") == pytest.approx([35 + 300])


def test_tiled_searches_equal_whole_graph_dijkstra():
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra

    from plannerdesk.io.gpkg import open_plan
    from plannerdesk.network import k_nearest, pairs_within

    from .conftest import SAMPLE

    ctx = prepare(open_plan(SAMPLE)[0])
    lots, buildings = ctx.lot_node, ctx.building_node
    # the whole graph, where a walk may end at a building (its connectors
    # turned round) but pass through no other place
    net, graph = ctx.net, ctx.net.graph.tocoo()
    ends = np.isin(net.attach_place, buildings)
    whole = sp.csr_matrix((  # (built whole: a sum would drop 0 m links)
        np.r_[graph.data, net.attach_m[ends]],
        (np.r_[graph.row, net.attach_street[ends]],
         np.r_[graph.col, net.attach_place[ends]])), shape=graph.shape)
    full = dijkstra(whole, directed=True, indices=lots)[:, buildings]
    within = pairs_within(ctx.net, buildings, lots, limit=400.0).toarray().T
    expected = np.where(full <= 400.0, full, 0.0)
    np.testing.assert_allclose(within, expected, atol=1e-6)
    nearest3 = k_nearest(ctx.net, lots, buildings, 3, limit=600.0)
    brute = np.sort(np.where(full <= 600.0, full, np.inf), axis=0)[:3].T
    np.testing.assert_allclose(nearest3, brute, atol=1e-6)


@pytest.mark.parametrize("walkable", [True, False])
def test_a_walkable_square_is_walked_straight_across(walkable):
    from .conftest import box
    square = {"name": "Square", "kind": "square", "walkable": walkable,
              "geometry": box(400, -50, 500, 50)}
    plan = plan_of(walkways=[street(0, 400), street(500, 900)],
                   buildings=[building(100)], public_areas=[square],
                   facilities=[facility(800, "cafe")])
    walks = walk_to(plan, "cafe")
    if walkable:  # 35 + 300 + 100 across + 300 + 10
        assert walks == pytest.approx([745.0])
    else:
        assert np.isinf(walks).all()
