"""Vertex editing of lines and polygons (with holes and multi-parts)."""

from __future__ import annotations

import pytest
import shapely

from plannerdesk.model.vertices import (
    delete_vertex,
    insert_vertex,
    move_vertex,
    vertex_xy,
)

SQUARE = shapely.Polygon([(0, 0), (10, 0), (10, 10), (0, 10)],
                         [[(4, 4), (6, 4), (6, 6), (4, 6)]])


def test_moving_the_first_vertex_keeps_the_ring_closed():
    moved = move_vertex(SQUARE, 0, -5, -5)
    assert moved.is_valid
    assert moved.exterior.coords[0] == moved.exterior.coords[-1] == (-5, -5)
    assert moved.interiors[0].equals(SQUARE.interiors[0])


def test_vertices_count_through_holes_and_parts():
    assert len(vertex_xy(SQUARE)) == 8
    hole = move_vertex(SQUARE, 5, 5, 3)  # second vertex of the hole
    assert hole.interiors[0].coords[1] == (5, 3)
    multi = shapely.MultiLineString([[(0, 0), (1, 0)], [(5, 5), (6, 6)]])
    assert move_vertex(multi, 3, 7, 7).geoms[1].coords[1] == (7, 7)


def test_insert_on_the_nearest_segment_and_delete():
    line = shapely.LineString([(0, 0), (10, 0), (10, 10)])
    inserted = insert_vertex(line, 5, 0.4)
    assert list(inserted.coords) == [(0, 0), (5, 0), (10, 0), (10, 10)]
    assert list(delete_vertex(inserted, 1).coords) == list(line.coords)
    with pytest.raises(ValueError, match="at least 2"):
        delete_vertex(shapely.LineString([(0, 0), (1, 1)]), 0)
    triangle = shapely.Polygon([(0, 0), (1, 0), (0, 1)])
    with pytest.raises(ValueError, match="polygon needs at least 3"):
        delete_vertex(triangle, 0)
    closing = insert_vertex(SQUARE, 0.3, 5)  # on the closing edge
    assert (0, 5) in list(closing.exterior.coords)
