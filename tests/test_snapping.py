"""Snapping to vertices and segments, and the 0/45/90 degree constraint."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from plannerdesk.model.snapping import Snapper, constrain


def test_vertices_win_over_segments_within_tolerance():
    snapper = Snapper({"zones": gpd.GeoSeries([
        shapely.box(0, 0, 10, 10), shapely.LineString([(20, 0), (20, 50)])])})
    assert snapper.snap(9.5, 9.6, 1.0).kind == "vertex"
    hit = snapper.snap(20.4, 25, 1.0)
    assert (hit.x, hit.y, hit.kind) == (20, 25, "segment")
    edge = snapper.snap(5, 10.3, 1.0)
    assert (edge.x, edge.y) == pytest.approx((5, 10))
    assert snapper.snap(15, 30, 1.0) is None


def test_constrain_to_45_degree_steps():
    # the projection of (10, 1) onto the 0 degree ray
    assert constrain(0, 0, 10, 1) == pytest.approx((10, 0), abs=1e-9)
    x, y = constrain(0, 0, 10, 9)
    assert x == pytest.approx(y)
    x, y = constrain(0, 0, 0.5, -10)
    assert x == pytest.approx(0, abs=1e-9) and y < 0
