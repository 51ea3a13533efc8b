"""The pedestrian network's joining rule and walks, checked by hand."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from plannerdesk.evaluate.context import prepare
from plannerdesk.evaluate.run import evaluate

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


def test_walking_across_a_square_changes_no_network_form():
    """A footway crossing a walkable square keeps its nodes' degrees: the
    links across the square are no streets."""
    from .conftest import box
    ways = [street(0, 900), {"kind": "path", "geometry": line((450, -300),
                                                              (450, 300))},
            street(0, 900, y=150)]
    square = {"name": "Square", "kind": "square",
              "geometry": box(400, -50, 500, 50)}
    forms = []
    for walkable in (False, True):
        plan = plan_of(site=[{"name": "S", "geometry": box(0, -300, 900,
                                                           300)}],
                       walkways=ways, buildings=[building(100)],
                       public_areas=[{**square, "walkable": walkable}])
        forms.append(evaluate(plan, only=("network_form",)).network_form
                     .site)
    for column in ("intersections", "mean_block_length_m"):
        assert forms[0][column] == pytest.approx(forms[1][column]), column


def test_a_tunnel_under_a_walkable_square_is_not_joined_to_it():
    from .conftest import box
    square = {"name": "Square", "kind": "square", "walkable": True,
              "geometry": box(400, -50, 500, 50)}
    plan = plan_of(walkways=[
        street(0, 400),
        {"kind": "tunnel", "geometry": line((450, -200), (450, 200))},
        {"kind": "path", "geometry": line((450, 200), (800, 200))}],
        buildings=[building(100)], public_areas=[square],
        facilities=[facility(800, "cafe", y=210)])
    # the only way to the cafe is down the tunnel, whose ends are 150 m
    # beyond the square: the square does not open onto it
    assert np.isinf(walk_to(plan, "cafe")).all()


def test_a_large_walkable_area_is_crossed_nearly_straight():
    """Past many nodes, links follow a triangulation: a walk across bends
    a little but stays within a few per cent of straight."""
    from .conftest import box
    rng = np.random.default_rng(5)
    stubs = [{"kind": "path", "geometry": line((x, y), (x + 1, y))}
             for x, y in rng.uniform(210, 790, size=(200, 2))]
    plan = plan_of(walkways=[street(0, 200, y=500), street(800, 1000, y=500),
                             *stubs],
                   buildings=[{**building(100), "geometry": box(90, 510, 110,
                                                                560)}],
                   public_areas=[{"name": "Zone", "kind": "square",
                                  "walkable": True,
                                  "geometry": box(200, 0, 800, 1000)}],
                   facilities=[facility(990, "cafe", y=510)])
    walk = walk_to(plan, "cafe")[0]
    straight = 35 + 100 + 600 + 190 + 10
    assert straight <= walk <= 1.05 * straight


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 40), st.integers(0, 2 ** 32 - 1), st.integers(1, 5),
       st.sampled_from([3.0, 6.0, np.inf]))
def test_ranked_labels_equal_a_search_from_every_source(n, seed, k, limit):
    """The k nearest distinct sources of every node, with many equal
    walks (small whole-number lengths, zero included), match one full
    Dijkstra per source."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import dijkstra

    from plannerdesk.network.paths import ranked_labels

    rng = np.random.default_rng(seed)
    edges = rng.integers(0, n, (3 * n, 2))
    edges = edges[edges[:, 0] != edges[:, 1]]
    edges = np.unique(edges, axis=0)
    weight = rng.integers(0, 4, len(edges)).astype(float)
    graph = sp.csr_matrix((weight, (edges[:, 0], edges[:, 1])), shape=(n, n))
    sources = np.unique(rng.integers(0, n, rng.integers(1, n + 1)))
    dist, src = ranked_labels(graph, sources, k, limit)
    full = dijkstra(graph, directed=True, indices=sources)
    expected = np.sort(np.where(full <= limit, full, np.inf), axis=0)
    expected = np.vstack([expected, np.full((k, n), np.inf)])[:k].T
    np.testing.assert_allclose(dist, expected)
    held = src >= 0
    assert (np.isfinite(dist) == held).all()
    walked = full[np.searchsorted(sources, src[held]),
                  np.nonzero(held)[0]]
    np.testing.assert_allclose(walked, dist[held])  # each label's own walk
    rows = np.sort(np.where(held, src, -1 - np.arange(k)), axis=1)
    assert (np.diff(rows, axis=1) > 0).all()  # distinct sources per node


def test_a_place_as_far_from_two_streets_joins_both_past_the_range_query():
    """Ties are kept wherever the nearest street is: a place 49 m from one
    street and 51 m from another, with a 5 m tie tolerance, joins both; a
    missing or empty place joins none and shifts no other place."""
    import shapely

    from plannerdesk.network.build import build_network

    lines = np.array([shapely.LineString([(-500, 0), (500, 0)]),
                      shapely.LineString([(-500, 100), (500, 100)])])
    places = np.array([shapely.Point(0, 49), shapely.Point(),
                       shapely.Point(30, 400), shapely.Point(40, -100),
                       None])
    net = build_network(lines, np.zeros(2, bool), places, tie=5.0)
    joined = {int(p - net.n_street): round(float(m), 6) for p, m in
              zip(net.attach_place, net.attach_m, strict=True)}
    counts = np.bincount(net.attach_place - net.n_street, minlength=5)
    assert counts.tolist() == [2, 0, 1, 1, 0]
    assert joined[2] == 300.0 and joined[3] == 100.0


def test_bounded_searches_on_a_fine_grid_of_a_wide_site_stay_small():
    """A tiny walk limit over a site kilometres wide indexes only the cells
    that hold nodes (not every cell of the extent) and finds the walks."""
    import shapely

    from plannerdesk.network.build import build_network
    from plannerdesk.network.paths import pairs_within

    lines = np.array([shapely.LineString([(0, 0), (5000, 0)]),
                      shapely.LineString([(0, 5000), (5000, 5000)])])
    places = np.array([shapely.Point(10, 0.1), shapely.Point(10.2, 0.1),
                       shapely.Point(4990, 5000.1)])
    net = build_network(lines, np.zeros(2, bool), places)
    found = pairs_within(net, net.place_node[:1], net.place_node[1:],
                         limit=0.5).toarray()
    assert found[0, 0] == pytest.approx(0.4) and found[0, 1] == 0


def test_walkways_thousands_of_km_apart_are_refused_with_a_message():
    from plannerdesk.model.problems import PlannerError
    from plannerdesk.network.build import build_network

    lines = np.array([shapely.LineString([(0, 0), (100, 0)]),
                      shapely.LineString([(3e6, 3e6), (3e6 + 100, 3e6)])])
    with pytest.raises(PlannerError, match="more than 2,000 km"):
        build_network(lines, np.zeros(2, bool), np.empty(0, object))
