"""Undoable edits: each one done, undone and redone gives back the plan."""

from __future__ import annotations

import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal

from plannerdesk.commands import (
    AddFeatures,
    DeleteFeatures,
    MoveFeatures,
    SetAttribute,
    SetGeometry,
    UndoStack,
)
from plannerdesk.model.problems import PlannerError

from .conftest import box, frame, pt
from .microsites import plan_of


def lots_plan():
    return plan_of(parking=[
        {"name": "North", "capacity": 40, "geometry": box(0, 0, 30, 30)},
        {"name": "South", "capacity": 10, "geometry": pt(100, 0)}])


def round_trip(command, plan):
    before = plan["parking"].copy()
    stack = UndoStack(plan)
    stack.push(command)
    after = plan["parking"].copy()
    stack.undo()
    assert_geodataframe_equal(plan["parking"], before)
    stack.redo()
    assert_geodataframe_equal(plan["parking"], after)
    return after


def test_add_undo_redo_and_views_are_told():
    plan = lots_plan()
    told = []
    plan.listeners.append(told.append)
    after = round_trip(AddFeatures("parking", frame([
        {"name": "New", "capacity": 25, "geometry": pt(50, 50)}])), plan)
    assert after.index.tolist() == [1, 2, 3]
    assert after.loc[3, "type"] == "surface"
    assert told == ["parking"] * 3


def test_delete_restores_the_same_fids():
    after = round_trip(DeleteFeatures("parking", [1]), lots_plan())
    assert after.index.tolist() == [2]


def test_move_and_set_geometry():
    after = round_trip(MoveFeatures("parking", [2], 5.0, -3.0), lots_plan())
    assert after.geometry.loc[2].equals(pt(105, -3))
    after = round_trip(SetGeometry("parking", 1, box(0, 0, 60, 30)),
                       lots_plan())
    assert after.geometry.loc[1].area == pytest.approx(1800)


def test_a_vertex_drag_is_one_step():
    plan = lots_plan()
    stack = UndoStack(plan)
    original = plan["parking"].geometry.loc[1]
    for x in (5, 10, 15):
        moved = shapely.Polygon([pt(x, 0), *list(original.exterior.coords)[1:4]])
        stack.push(SetGeometry("parking", 1, moved, vertex=0, drag=1))
    assert len(stack.done) == 1
    stack.push(SetGeometry("parking", 1, original, vertex=0, drag=2))
    assert len(stack.done) == 2  # a second drag is a step of its own
    stack.undo()
    stack.undo()
    assert plan["parking"].geometry.loc[1].equals(original)
    stack.redo()
    assert shapely.get_coordinates(plan["parking"].geometry.loc[1])[0][0] == \
        pt(15, 0).x


def test_attribute_edits_are_typed_and_impossible_values_refused():
    plan = lots_plan()
    after = round_trip(SetAttribute("parking", 2, "capacity", "35"), plan)
    assert after.loc[2, "capacity"] == 35
    assert str(after["capacity"].dtype) == "Int64"
    stack = UndoStack(plan)
    before = plan["parking"].copy()
    with pytest.raises(PlannerError, match="'capacity' is negative"):
        stack.push(SetAttribute("parking", 2, "capacity", -4))
    assert_geodataframe_equal(plan["parking"], before)
    assert not stack.done
