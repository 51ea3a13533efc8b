"""The minimal window: the sample drawn north up over its base map."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication


def _pixel_of(window, x: float, y: float):
    view = window.canvas.mapFromScene(QPointF(x, y))
    return window.canvas.viewport().mapTo(window, view)


def _centroid(window, layer: str, name: str):
    feature = window.plan[layer].set_index("name").loc[name, "geometry"]
    return feature.representative_point()


def _inside_corner(window, layer: str, name: str):
    """A point just inside the south-west corner, clear of other markers."""
    x0, y0, _, _ = window.plan[layer].set_index("name").loc[
        name, "geometry"].bounds
    return QPointF(x0 + 15, y0 + 15)


def test_north_is_up(window):
    north = _centroid(window, "zones", "Internet Village")
    south = _centroid(window, "zones", "Yangpan Village")
    assert north.y > south.y
    assert _pixel_of(window, north.x, north.y).y() < \
        _pixel_of(window, south.x, south.y).y()


def test_the_screenshot_shows_every_layer(window, tmp_path):
    image = window.grab().toImage()
    image.save(str(tmp_path / "window.png"))
    square = _inside_corner(window, "public_areas", "Angel Village Square")
    colour = image.pixelColor(_pixel_of(window, square.x(), square.y()))
    assert colour.green() > colour.red() and colour.green() > colour.blue()
    for name, item in window.layer_items.items():
        assert item.isVisible(), name
        assert not item.childrenBoundingRect().isEmpty(), name


def test_a_layer_can_be_hidden_from_the_layer_list(window, qtbot):
    areas = window.layer_panel.row("public_areas")
    assert "(5)" in areas.text(0)
    areas.setCheckState(0, Qt.CheckState.Unchecked)
    assert not window.layer_items["public_areas"].isVisible()
    square = _inside_corner(window, "public_areas", "Angel Village Square")
    colour = window.grab().toImage().pixelColor(
        _pixel_of(window, square.x(), square.y()))
    assert not (colour.green() > colour.red() + 40)


def test_wheel_zoom_and_cursor_coordinates(window, qtbot):
    before = window.canvas.map_units_per_pixel()
    centre = window.canvas.viewport().rect().center()
    event = QWheelEvent(QPointF(centre), QPointF(window.canvas.mapToGlobal(centre)),
                        QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(window.canvas.viewport(), event)
    assert window.canvas.map_units_per_pixel() == pytest.approx(before / 1.25)
    shown = window.scale_box.currentText()  # the scale follows the zoom
    assert shown == f"1:{window.canvas.scale_denominator():,.0f}"
    qtbot.mouseMove(window.canvas.viewport(), centre)
    qtbot.waitUntil(lambda: "°E" in window.coords.text())
    assert "°N" in window.coords.text()


def test_qt_calls_do_not_leak_references_to_none():
    """Some PySide6 builds drop a reference to None on every void call,
    which crashes a long session (or a large plan's drawing)."""
    import sys

    from PySide6.QtGui import QPainterPath

    path = QPainterPath()
    before = sys.getrefcount(None)
    for _ in range(2000):
        path.moveTo(1.0, 1.0)
    assert sys.getrefcount(None) >= before


def test_zoom_to_selection_layer_and_a_typed_scale(window):
    fid = window.plan["buildings"].index[10]
    window.select("buildings", [fid])
    window.zoom_to_selection()
    x0, y0, x1, y1 = window.plan["buildings"].geometry.loc[fid].bounds
    seen = window.canvas.mapToScene(window.canvas.viewport().rect()) \
        .boundingRect()
    assert seen.left() <= x0 and seen.right() >= x1
    assert seen.top() <= y0 and seen.bottom() >= y1
    assert seen.width() < 200  # close in, not the whole plan
    px0, py0, px1, py1 = window.plan.extent()
    room = window.canvas.sceneRect()  # the whole plan can still be panned to
    assert room.left() <= px0 and room.right() >= px1
    assert room.top() <= py0 and room.bottom() >= py1
    window.set_scale_text("1:2,000")
    assert window.canvas.scale_denominator() == pytest.approx(2000)
    assert window.canvas.map_units_per_pixel() == pytest.approx(
        2000 * 0.0254 / 96)
    window.set_scale_text("big")
    assert "not a scale" in window.statusBar().currentMessage()
    window.layer_panel.tree.setCurrentItem(window.layer_panel.tree.findItems(
        "Zones", Qt.MatchFlag.MatchStartsWith)[0])
    window.zoom_to_bounds(window.plan["zones"].total_bounds)
    seen = window.canvas.mapToScene(window.canvas.viewport().rect()) \
        .boundingRect()
    zx0, zy0, zx1, zy1 = window.plan["zones"].total_bounds
    assert seen.left() <= zx0 and seen.right() >= zx1
