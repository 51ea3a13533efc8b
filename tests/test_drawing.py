"""Drawing on the real canvas with real mouse and key events (pytest-qt)."""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import QPoint, Qt

from plannerdesk.io.gpkg import open_plan

from .canvas_helpers import click, pixel, site_point, spec, tolerance


def test_draw_a_point_space(qtbot, window):
    before = len(window.plan["public_points"])
    window.use_tool(spec("Point space"))
    xy = site_point(window, 0.52, 0.31)
    click(qtbot, window, xy)
    points = window.plan["public_points"]
    assert len(points) == before + 1
    new = points.iloc[-1]
    assert new["kind"] == "node_green"
    assert new.geometry.distance(shapely.Point(xy)) < tolerance(window)


def test_draw_a_parking_lot_with_suggested_capacity(qtbot, window):
    window.use_tool(spec("Parking lot"))
    corners = [site_point(window, fx, fy) for fx, fy in
               ((0.30, 0.30), (0.36, 0.30), (0.36, 0.35))]
    for xy in corners:
        click(qtbot, window, xy)
    last = site_point(window, 0.30, 0.35)
    qtbot.mouseDClick(window.canvas.viewport(), Qt.MouseButton.LeftButton,
                      pos=pixel(window, *last))
    lot = window.plan["parking"].iloc[-1]
    assert lot.geometry.geom_type == "Polygon"
    assert len(lot.geometry.exterior.coords) == 5
    assert lot["capacity"] == int(lot.geometry.area // 25)
    listed = window.layer_panel.tree.findItems("Parking",
                                         Qt.MatchFlag.MatchStartsWith)[0]
    assert f"({len(window.plan['parking'])})" in listed.text(0)


def test_draw_a_walkway_backspace_escape_and_enter(qtbot, window):
    before = len(window.plan["walkways"])
    window.use_tool(spec("Walkway"))
    a, b, c = (site_point(window, f, 0.2) for f in (0.1, 0.2, 0.3))
    for xy in (a, b, c):
        click(qtbot, window, xy)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Backspace)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    way = window.plan["walkways"].iloc[-1]
    assert len(window.plan["walkways"]) == before + 1
    assert len(way.geometry.coords) == 2
    assert shapely.Point(way.geometry.coords[-1]).distance(
        shapely.Point(b)) < tolerance(window)
    click(qtbot, window, a)
    click(qtbot, window, b)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert len(window.plan["walkways"]) == before + 1


def test_snapping_to_a_vertex(qtbot, window):
    window.canvas.snap_pixels = 10
    corner = window.plan["buildings"].geometry.iloc[0].exterior.coords[0]
    window.use_tool(spec("Point space"))
    near = (corner[0], corner[1] - 2 * window.canvas.map_units_per_pixel())
    click(qtbot, window, near)
    assert window.plan["public_points"].geometry.iloc[-1].equals(
        shapely.Point(corner))


def test_shift_keeps_45_degrees(qtbot, window):
    window.use_tool(spec("Walkway"))
    a = site_point(window, 0.6, 0.6)
    b = site_point(window, 0.67, 0.655)
    click(qtbot, window, a)
    click(qtbot, window, b, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    (x0, y0), (x1, y1) = window.plan["walkways"].geometry.iloc[-1].coords
    assert abs(x1 - x0) == pytest.approx(abs(y1 - y0), rel=1e-6) or \
        min(abs(x1 - x0), abs(y1 - y0)) < 1e-6


def test_undo_redo_of_drawing_with_the_keyboard(qtbot, window):
    before = len(window.plan["facilities"])
    window.category.setCurrentText("fitness")
    window.use_tool(spec("Facility"))
    click(qtbot, window, site_point(window, 0.45, 0.55))
    assert window.plan["facilities"].iloc[-1]["category"] == "fitness"
    assert window.windowTitle().startswith(window.path.name + "*")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.plan["facilities"]) == before
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert len(window.plan["facilities"]) == before + 1


def test_save_and_reopen_keep_what_was_drawn(qtbot, window):
    window.use_tool(spec("Area space"))
    for fx, fy in ((0.70, 0.20), (0.75, 0.20), (0.75, 0.25), (0.70, 0.25)):
        click(qtbot, window, site_point(window, fx, fy))
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert window.files.save()
    assert not window.windowTitle().startswith(window.path.name + "*")
    reopened, _ = open_plan(window.path)
    drawn = window.plan["public_areas"].iloc[-1]
    assert reopened["public_areas"].geometry.iloc[-1].equals(drawn.geometry)
    assert len(reopened["public_areas"]) == len(window.plan["public_areas"])


def test_middle_button_pans(qtbot, window):
    canvas = window.canvas
    centre = canvas.viewport().rect().center()
    before = canvas.mapToScene(centre)
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.MiddleButton,
                     pos=centre)
    qtbot.mouseMove(canvas.viewport(), centre + QPoint(80, 0))
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.MiddleButton,
                       pos=centre + QPoint(80, 0))
    after = canvas.mapToScene(centre)
    assert after.x() < before.x()


def test_a_new_feature_is_selected_with_the_cursor_in_its_name(qtbot,
                                                              window):
    window.use_tool(spec("Point space"))
    click(qtbot, window, site_point(window, 0.52, 0.31))
    fid = int(window.plan["public_points"].index[-1])
    assert window.selection.first() == ("public_points", fid)
    name = window.attributes.widgets["name"]
    qtbot.waitUntil(lambda: window.focusWidget() is name)
    qtbot.keyClicks(name, "Kiosk green")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.plan["public_points"].at[fid, "name"] == "Kiosk green"


def test_ctrl_z_in_an_attribute_field_undoes_the_plan_when_not_typing(
        qtbot, window):
    """In a field with typing to undo, Ctrl+Z undoes the typing; with none
    (e.g. just after drawing), it undoes the plan's last step."""
    before = len(window.plan["public_points"])
    window.use_tool(spec("Point space"))
    click(qtbot, window, site_point(window, 0.52, 0.31))
    name = window.attributes.widgets["name"]
    qtbot.waitUntil(lambda: window.focusWidget() is name)
    qtbot.keyClicks(name, "abc")
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == "" and len(window.plan["public_points"]) == \
        before + 1  # the typing went, the point stayed
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.plan["public_points"]) == before


def test_snapping_can_be_turned_off_and_its_tolerance_set(qtbot, window):
    """The toolbar's Snap toggle (S) and tolerance; a click next to a
    vertex lands where clicked when snapping is off."""
    corner = window.plan["buildings"].geometry.iloc[0].exterior.coords[0]
    near = (corner[0], corner[1] - 4 * window.canvas.map_units_per_pixel())
    window.snap_action.setChecked(True)
    window.snap_tolerance.setValue(3)
    window.use_tool(spec("Point space"))
    click(qtbot, window, near)  # 4 px away: beyond 3 px
    assert not window.plan["public_points"].geometry.iloc[-1].equals(
        shapely.Point(corner))
    window.undo_stack.undo()  # (else the next click snaps to this point)
    window.snap_tolerance.setValue(8)
    click(qtbot, window, near)
    assert window.plan["public_points"].geometry.iloc[-1].equals(
        shapely.Point(corner))
    window.undo_stack.undo()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_S)  # off
    assert not window.snap_action.isChecked()
    click(qtbot, window, near)
    assert window.plan["public_points"].geometry.iloc[-1].distance(
        shapely.Point(near)) < tolerance(window)
