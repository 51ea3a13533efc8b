"""Selecting, moving, deleting and editing attributes on the real canvas."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt

from .canvas_helpers import click, pixel


def select_tool(window):
    window.use_tool("Select")


def a_building(window, n: int = 0):
    fid = window.plan["buildings"].index[n]
    return fid, window.plan["buildings"].geometry.loc[fid]


def test_click_selects_and_the_form_edits_with_validation(qtbot, window):
    select_tool(window)
    fid, shape = a_building(window)
    centre = shape.centroid
    click(qtbot, window, (centre.x, centre.y))
    assert window.selection.pairs() == {("buildings", fid)}
    form = window.attributes
    assert f"feature {fid}" in form.title.text()
    floors = form.widgets["floors"]
    floors.setText("9")
    floors.editingFinished.emit()
    assert window.plan["buildings"].loc[fid, "floors"] == 9
    form.widgets["floors"].setText("-2")
    form.widgets["floors"].editingFinished.emit()
    assert "'floors' is negative" in form.error.text()
    assert window.plan["buildings"].loc[fid, "floors"] == 9
    window.undo_action.trigger()
    assert window.plan["buildings"].loc[fid, "floors"] != 9


def test_rubber_band_select_delete_and_undo(qtbot, window):
    select_tool(window)
    window.layer_panel.tree.setCurrentItem(window.layer_panel.tree.findItems(
        "Buildings", Qt.MatchFlag.MatchStartsWith)[0])
    _, first = a_building(window, 0)
    x0, y0, x1, y1 = first.bounds
    before = len(window.plan["buildings"])
    viewport = window.canvas.viewport()
    start = pixel(window, x0 - 2, y0 - 2)
    end = pixel(window, x1 + 2, y1 + 2)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    chosen = window.selection.fids.get("buildings", [])
    assert len(chosen) >= 1
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert len(window.plan["buildings"]) == before - len(chosen)
    assert not window.selection.pairs()
    window.undo_action.trigger()
    assert len(window.plan["buildings"]) == before


def test_drag_moves_the_selection_as_one_step(qtbot, window):
    select_tool(window)
    fid, shape = a_building(window, 5)
    centre = shape.centroid
    click(qtbot, window, (centre.x, centre.y))
    viewport = window.canvas.viewport()
    start = pixel(window, centre.x, centre.y)
    end = start + QPoint(30, 0)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    moved = window.plan["buildings"].geometry.loc[fid]
    shift = moved.centroid.x - centre.x
    assert shift == pytest.approx(30 * window.canvas.map_units_per_pixel(),
                                  rel=0.1)
    assert moved.centroid.y == pytest.approx(centre.y, abs=1e-6)
    window.undo_action.trigger()
    assert window.plan["buildings"].geometry.loc[fid].equals(shape)


def test_vertex_drag_insert_and_delete(qtbot, window):
    select_tool(window)
    fid, shape = a_building(window, 3)
    centre = shape.centroid
    click(qtbot, window, (centre.x, centre.y))
    x0, y0, x1, y1 = shape.bounds
    window.canvas.zoom_to(QRectF(x0, y0, x1 - x0, y1 - y0), margin=1.0)
    window.use_tool("Edit vertices")
    viewport = window.canvas.viewport()
    corner = shape.exterior.coords[0]
    start = pixel(window, *corner)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    for step in (5, 10, 15):
        qtbot.mouseMove(viewport, start + QPoint(step, 0))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton,
                       pos=start + QPoint(15, 0))
    dragged = window.plan["buildings"].geometry.loc[fid]
    assert dragged.exterior.coords[0][0] > corner[0]
    assert len(window.undo_stack.commands) == 1  # three moves, one step
    window.undo_action.trigger()
    assert window.plan["buildings"].geometry.loc[fid].equals(shape)
    (ax, ay), (bx, by) = shape.exterior.coords[0], shape.exterior.coords[1]
    middle = pixel(window, (ax + bx) / 2, (ay + by) / 2)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=middle)
    grown = window.plan["buildings"].geometry.loc[fid]
    assert len(grown.exterior.coords) == len(shape.exterior.coords) + 1
    qtbot.mouseMove(viewport, middle)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert window.plan["buildings"].geometry.loc[fid].equals(shape)


def test_measure_distance_and_area(qtbot, window):
    window.use_tool("Measure")
    x0, y0, _, _ = window.plan.site_geometry().bounds
    a, b, c = (x0 + 500, y0 + 500), (x0 + 800, y0 + 500), (x0 + 800, y0 + 900)
    points_before = len(window.plan["walkways"])
    for xy in (a, b, c):
        click(qtbot, window, xy)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    text = window.measure_label.text()
    mupp = window.canvas.map_units_per_pixel()
    distance = float(text.split("distance ")[1].split(" m")[0].replace(",", ""))
    assert distance == pytest.approx(700, abs=3 * mupp)
    area = float(text.split("area ")[1].split(" m²")[0].replace(",", ""))
    assert area == pytest.approx(0.5 * 300 * 400, rel=0.03)
    assert len(window.plan["walkways"]) == points_before  # nothing drawn


def test_the_history_names_each_step_and_goes_back_to_a_clicked_one(
        qtbot, window):
    """Edit > Undo names the step; clicking a row of the History dock
    undoes or redoes to it, and the title marks unsaved edits."""
    from PySide6.QtWidgets import QDockWidget

    fid, _ = a_building(window)
    window.edit_attribute("buildings", fid, "floors", 7)
    window.session.move_selection(0, 0)  # nothing selected: no step
    window.edit_attribute("buildings", fid, "employees", 300)
    history = window.findChild(QDockWidget, "history").widget()
    assert [history.item(i).text() for i in range(history.count())][1:] == \
        [c.text for c in window.undo_stack.commands]
    assert history.count() == 3 and history.currentRow() == 2
    assert window.undo_action.isEnabled() and \
        window.undo_action.text().startswith("&Undo ")
    assert window.windowTitle().startswith(f"{window.path.name}*")
    history.setCurrentRow(0)
    assert window.plan["buildings"].loc[fid, "floors"] != 7
    assert not window.undo_action.isEnabled()
    assert not window.windowTitle().startswith(f"{window.path.name}*")
    history.setCurrentRow(1)
    assert window.plan["buildings"].loc[fid, "floors"] == 7
    assert window.redo_action.isEnabled()


def test_keys_show_in_words_and_go_back_as_keys(qtbot, window):
    """The category combo and the form read 'meeting room'; choosing
    'book bar' stores book_bar."""
    from PySide6.QtWidgets import QComboBox

    assert window.category.findText("meeting room") >= 0
    assert window.category.findText("meeting_room") < 0
    fid = int(window.plan["facilities"].query(
        "category == 'meeting_room'").index[0])
    window.select("facilities", [fid])
    combo = window.attributes.widgets["category"]
    assert isinstance(combo, QComboBox)
    assert combo.currentText() == "meeting room"
    labels = [window.attributes.form.itemAt(i).widget().text()
              for i in range(window.attributes.form.rowCount() * 2)
              if window.attributes.form.itemAt(i) is not None and
              hasattr(window.attributes.form.itemAt(i).widget(), "text")
              and window.attributes.form.itemAt(i).widget() is not combo]
    assert "open to the public" in labels
    window.attributes._apply("category", combo.itemText(
        combo.findText("book bar")))  # what choosing it applies
    assert window.plan["facilities"].at[fid, "category"] == "book_bar"
