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
