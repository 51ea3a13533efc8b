"""The layer panel (legend, order, opacity) and copy/paste of features."""

from __future__ import annotations

import geopandas as gpd
import shapely
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QToolButton

from plannerdesk.commands import AddFeatures

from .canvas_helpers import click, colour_gap


def _legend(window, key: str) -> list[str]:
    row = window.layer_panel.row(key)
    return [row.child(i).text(0) for i in range(row.childCount())]


def _colour_at(window, x: float, y: float):
    view = window.canvas.mapFromScene(QPointF(x, y))
    return window.grab().toImage().pixelColor(
        window.canvas.viewport().mapTo(window, view))


def _button(window, tip: str) -> QToolButton:
    return next(b for b in window.layer_panel.findChildren(QToolButton)
                if b.toolTip() == tip)


def test_legend_lists_categories_with_counts_and_follows_edits(window):
    facilities = window.plan["facilities"]
    cafes = int((facilities["category"] == "cafe").sum())
    assert f"cafe ({cafes})" in _legend(window, "facilities")
    assert "underground (12)" in _legend(window, "parking")
    assert _legend(window, "buildings") == []  # one symbol: no legend rows
    x, y = window.plan.site_geometry().centroid.coords[0]
    window.push_command(AddFeatures("facilities", gpd.GeoDataFrame(
        {"name": ["New cafe"], "category": ["cafe"]},
        geometry=[shapely.Point(x, y)], crs=window.plan.crs)))
    assert f"cafe ({cafes + 1})" in _legend(window, "facilities")
    assert window.layer_panel.row("facilities").text(0) == \
        f"Facilities ({len(facilities) + 1})"


def test_moving_a_layer_up_restacks_the_map_and_picking(qtbot, window):
    window.use_tool("Select")
    building = window.plan["buildings"].geometry.iloc[0]
    centre = building.representative_point()
    click(qtbot, window, (centre.x, centre.y))
    assert {layer for layer, _ in window.selection.pairs()} == {"buildings"}
    window.layer_panel.set_current("zones")
    up = _button(window, "move the layer up")
    for _ in range(len(window.layer_panel.keys())):
        qtbot.mouseClick(up, Qt.MouseButton.LeftButton)
    assert window.layer_panel.keys()[0] == "zones"
    assert window.layer_items["zones"].zValue() > max(
        item.zValue() for name, item in window.layer_items.items()
        if name != "zones")
    click(qtbot, window, (centre.x, centre.y))
    assert {layer for layer, _ in window.selection.pairs()} == {"zones"}


def test_opacity_fades_a_layer_and_survives_its_edits(qtbot, window):
    square = window.plan["public_areas"].set_index("name").loc[
        "Angel Village Square", "geometry"]
    x0, y0, _, _ = square.bounds
    x, y = x0 + 15, y0 + 15
    solid = _colour_at(window, x, y)
    window.layer_items["public_areas"].hide()
    beneath = _colour_at(window, x, y)
    window.layer_items["public_areas"].show()
    window.layer_panel.set_current("public_areas")
    window.layer_panel.opacity.setValue(20)
    assert window.layer_items["public_areas"].opacity() == 0.2
    faded = _colour_at(window, x, y)
    # at 20% the fill barely tints what lies beneath
    assert colour_gap(faded, beneath) < colour_gap(solid, beneath) * 0.35
    assert window.layer_panel.opacity_label.text() == "20%"
    fid = window.plan["public_areas"].index[0]
    window.edit_attribute("public_areas", fid, "name", "Renamed")
    assert window.layer_items["public_areas"].opacity() == 0.2
    window.layer_panel.set_current("buildings")
    assert window.layer_panel.opacity.value() == 100


def test_double_click_on_a_layer_zooms_to_it(qtbot, window):
    row = window.layer_panel.row("zones")
    tree = window.layer_panel.tree
    window.canvas.set_scale(500)
    tree.scrollToItem(row)
    centre = tree.visualItemRect(row).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    seen = window.canvas.mapToScene(window.canvas.viewport().rect()) \
        .boundingRect()
    x0, y0, x1, y1 = window.plan["zones"].total_bounds
    assert seen.left() <= x0 and seen.right() >= x1
    assert seen.top() <= y0 and seen.bottom() >= y1


def test_copy_and_paste_in_place_is_one_undo_step(qtbot, window):
    window.use_tool("Select")
    buildings = window.plan["buildings"]
    fid = buildings.index[3]
    original = buildings.loc[fid]
    centre = original.geometry.representative_point()
    click(qtbot, window, (centre.x, centre.y))
    qtbot.keyClick(window.canvas, Qt.Key.Key_C,
                   Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.canvas, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier)
    after = window.plan["buildings"]
    assert len(after) == len(buildings) + 1
    pasted = after.iloc[-1]
    assert pasted.geometry.equals(original.geometry)
    assert (pasted["use"], pasted["floors"]) == (original["use"],
                                                 original["floors"])
    assert window.selection.pairs() == {("buildings", after.index[-1])}
    window.undo_action.trigger()
    assert len(window.plan["buildings"]) == len(buildings)


def test_paste_with_nothing_copied_says_so(qtbot, window):
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().setText("not features")
    before = {k: len(v) for k, v in window.plan.layers.items()}
    window.paste()
    assert "Nothing to paste" in window.statusBar().currentMessage()
    assert {k: len(v) for k, v in window.plan.layers.items()} == before
