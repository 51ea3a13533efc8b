"""The attribute table: sorted and filtered, its selection the map's both
ways, a cell edit an undoable step, a double click zooming to the row."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt


def _open(window, layer: str = "facilities"):
    window.layer_panel.set_current(layer)
    window.show_attribute_table()
    return window.table


def test_filter_sort_and_selection_follow_the_map(qtbot, window):
    table = _open(window)
    assert table.model.layer == "facilities"
    assert table.proxy.rowCount() == len(window.plan["facilities"])
    table.filter.setText("coffee")
    shown = table.fids_shown()
    names = window.plan["facilities"]["name"]
    assert shown and all("coffee" in names[f].lower() for f in shown)
    table.filter.clear()
    column = table.model.columns.index("name")
    table.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    ordered = [names[f] for f in table.fids_shown()]
    assert ordered == sorted(ordered, key=lambda s: str(s))
    fid = table.fids_shown()[3]
    window.select("facilities", [fid])  # map -> table
    rows = table.view.selectionModel().selectedRows()
    assert [r.data(Qt.ItemDataRole.UserRole) for r in rows] == [fid]
    other = table.proxy.index(5, 0)  # table -> map
    table.view.selectionModel().select(
        other, QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    assert window.selection.first() == ("facilities",
                                        other.data(Qt.ItemDataRole.UserRole))


def test_a_cell_edit_is_an_undoable_step(qtbot, window):
    table = _open(window, "parking")
    column = table.model.columns.index("capacity")
    index = table.proxy.index(0, column)
    fid = index.data(Qt.ItemDataRole.UserRole)
    before = window.plan["parking"].at[fid, "capacity"]
    assert table.proxy.setData(index, "1234")
    assert window.plan["parking"].at[fid, "capacity"] == 1234
    assert table.proxy.index(0, column).data() in (1234, 1234.0, "1234")
    window.undo_stack.undo()
    assert window.plan["parking"].at[fid, "capacity"] == before
    assert not table.proxy.setData(table.proxy.index(0, column), "-5")
    assert window.plan["parking"].at[fid, "capacity"] == before


def test_a_double_click_zooms_to_the_feature(qtbot, window):
    table = _open(window, "buildings")
    index = table.proxy.index(0, 0)
    fid = index.data(Qt.ItemDataRole.UserRole)
    before = window.canvas.scale_denominator()
    table.view.doubleClicked.emit(index)
    geometry = window.plan["buildings"].geometry.loc[fid]
    shown = window.canvas.mapToScene(
        window.canvas.viewport().rect()).boundingRect()
    assert shown.contains(geometry.centroid.x, geometry.centroid.y)
    assert window.canvas.scale_denominator() < before / 3


def test_find_feature_by_any_form_of_its_name_selects_and_zooms(qtbot,
                                                                 window):
    """Ctrl+F, part of a name (its Chinese form too), Enter: the feature
    is selected and in view; a name nobody has says so."""
    from PySide6.QtCore import Qt

    from plannerdesk.qt.find_feature import FindFeature

    window.zoom_to_plan()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(FindFeature)
    assert dialog is not None and dialog.isVisible()
    dialog.text.setText("互联网")   # (QTest types ASCII only)
    assert "Internet Village" in dialog.found.item(0).text()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    zones = window.plan["zones"]
    fid = zones.index[zones["name"] == "Internet Village"][0]
    assert window.session.selection.fids == {"zones": [fid]}
    shown = window.canvas.mapToScene(window.canvas.viewport().rect()) \
        .boundingRect()
    x0, y0, x1, y1 = zones.geometry.loc[fid].bounds
    assert shown.contains(x0, -y1) or shown.contains(x0, y1)
    assert shown.width() < 3000     # zoomed in from the whole site

    again = window.find_feature()
    qtbot.keyClicks(again.text, "angel bistro")
    assert again.found.item(0).text().startswith("Angel Bistro")
    again.text.setText("no such place")
    assert again.found.item(0).text() == "No feature has that name"
    qtbot.keyClick(again.text, Qt.Key.Key_Return)   # nothing to go to
    assert again.isVisible()
