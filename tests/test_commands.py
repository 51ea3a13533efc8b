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
from plannerdesk.model.changes import Change
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
    new = Change.of("parking", added=[3])
    assert told == [new, Change.of("parking", removed=[3]), new]


@pytest.mark.parametrize("command, change", [
    (DeleteFeatures("parking", [1]), Change.of("parking", removed=[1])),
    (MoveFeatures("parking", [1, 2], 5.0, 0.0),
     Change.of("parking", moved=[1, 2])),
    (SetGeometry("parking", 2, pt(90, 0)), Change.of("parking", moved=[2])),
    (SetAttribute("parking", 2, "capacity", 12),
     Change.of("parking", edited=[2]))])
def test_views_are_told_which_features_changed(command, change):
    """Each edit names the features it changed, so views redraw only them;
    undo names the same ones (a deletion undone adds them back)."""
    plan = lots_plan()
    told = []
    plan.listeners.append(told.append)
    stack = UndoStack(plan)
    stack.push(command)
    stack.undo()
    back = Change.of("parking", added=change.removed) if change.removed \
        else change
    assert told == [change, back]


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
    assert stack.index == 1
    stack.push(SetGeometry("parking", 1, original, vertex=0, drag=2))
    assert stack.index == 2  # a second drag is a step of its own
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
    assert stack.index == 0


def test_a_drag_after_saving_is_a_step_of_its_own():
    """Undo back to the saved state stays possible: no merging across it."""
    plan = lots_plan()
    stack = UndoStack(plan)
    original = plan["parking"].geometry.loc[1]

    def drag_to(x):
        moved = shapely.Polygon([pt(x, 0),
                                 *list(original.exterior.coords)[1:4]])
        stack.push(SetGeometry("parking", 1, moved, vertex=0, drag=1))

    drag_to(5)
    stack.set_clean()
    drag_to(10)
    assert stack.index == 2 and not stack.is_clean()
    stack.undo()
    assert stack.is_clean()
    assert shapely.get_coordinates(plan["parking"].geometry.loc[1])[0][0] \
        == pt(5, 0).x


def test_a_macro_is_one_step_and_the_saved_state_can_be_lost():
    plan = lots_plan()
    stack = UndoStack(plan)
    before = plan["parking"].copy()
    stack.set_clean()
    stack.begin_macro("move and delete")
    stack.push(MoveFeatures("parking", [1], 10.0, 0.0))
    stack.push(DeleteFeatures("parking", [2]))
    stack.end_macro()
    assert stack.index == 1 and stack.undo_text() == "move and delete"
    stack.undo()
    assert_geodataframe_equal(plan["parking"], before)
    assert stack.is_clean() and stack.redo_text() == "move and delete"
    stack.redo()
    stack.undo()
    stack.undo()  # nothing more to undo
    stack.push(DeleteFeatures("parking", [1]))  # the redo branch is gone
    stack.set_index(0)
    assert stack.is_clean() and len(stack.commands) == 1
    stack.set_index(1)
    assert 1 not in plan["parking"].index
    stack.reset_clean()
    stack.set_index(0)
    assert not stack.is_clean()  # recovered or outside edits: never clean
