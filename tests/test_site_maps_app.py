"""Site maps in the app: images, reference layers, DXF with a CRS prompt,
georeferencing by control points and site maps whose file moved."""

from __future__ import annotations

import shutil

import ezdxf
import geopandas as gpd
import numpy as np
import pyogrio
import pytest
import shapely
from PIL import Image
from PySide6.QtCore import QPointF, Qt

from plannerdesk.io.gpkg import open_plan
from plannerdesk.io.worldfile import write_world_file
from plannerdesk.model.georef import WorldFile
from plannerdesk.qt.app import open_window

from .conftest import X0, Y0

WORLD = WorldFile(a=2.0, d=0.0, b=0.0, e=-2.0, c=X0 + 1.0, f=Y0 + 399.0)


def _image(path, size=(200, 200)) -> None:
    """A picture with a dark cross through its middle on a pale ground."""
    pixels = np.full((*size[::-1], 3), 235, np.uint8)
    pixels[size[1] // 2 - 2: size[1] // 2 + 2, :] = 40
    pixels[:, size[0] // 2 - 2: size[0] // 2 + 2] = 40
    Image.fromarray(pixels).save(path)


def _placed_image(plan_path, name: str = "survey"):
    """A picture beside the plan with a world file placing it by WORLD."""
    image = plan_path.with_name(f"{name}.png")
    _image(image)
    write_world_file(image.with_suffix(".pgw"), WORLD)
    return image


def _open(qtbot, path):
    window = open_window(path, recover=lambda _: False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.snap_pixels = 0
    return window


def _corners(item) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) in map units of an image item."""
    size = item.pixmap().size()
    top_left = item.mapToScene(QPointF(0, 0))
    bottom_right = item.mapToScene(QPointF(size.width(), size.height()))
    return top_left.x(), bottom_right.y(), bottom_right.x(), top_left.y()


def _site_map_rows(window) -> list[str]:
    return [window.layer_panel.row(k).text(0)
            for k in window.layer_panel.keys() if k.startswith("site map")]


def test_an_image_with_a_world_file_is_placed_and_kept_in_the_plan(
        qtbot, small_plan_path):
    image = _placed_image(small_plan_path)
    window = _open(qtbot, small_plan_path)
    window.site_maps.add_image(image)
    assert _site_map_rows(window) == ["Site map: survey"]
    key = next(k for k in window.layer_panel.keys() if k.startswith("site map"))
    assert _corners(window.layer_panel.items[key]) == pytest.approx(
        (X0, Y0, X0 + 400, Y0 + 400))
    assert window.layer_panel.keys()[-1] == key  # under the plan layers
    window.layer_panel.set_current(key)
    assert window.files.save()
    window.layer_panel.opacity.setValue(40)
    assert not window.undo_stack.is_clean()  # to be saved, so asked on close
    assert window.windowTitle().startswith("plan.gpkg*")
    assert window.files.save()
    reopened = _open(qtbot, small_plan_path)
    (kept,) = reopened.plan.site_maps
    assert (kept.path, kept.kind, kept.opacity) == (str(image), "raster",
                                                    0.4)
    stored = pyogrio.read_dataframe(small_plan_path,
                                    layer="plannerdesk_site_maps")
    assert stored["path"].tolist() == ["survey.png"]  # relative in the file
    assert _site_map_rows(reopened) == ["Site map: survey"]
    window.undo_action.trigger()  # the opacity, then the site map
    assert window.plan.site_maps[0].opacity == 1.0
    assert window.layer_panel.items[key].opacity() == 1.0
    assert window.layer_panel.opacity.value() == 100
    window.undo_action.trigger()
    assert window.plan.site_maps == [] and _site_map_rows(window) == []


def test_showing_site_maps_is_undone_like_any_edit(qtbot, small_plan_path):
    """Hiding a site map and stacking it under another are undo steps that
    put the panel, the canvas and the plan back together."""
    image = _placed_image(small_plan_path)
    other = _placed_image(small_plan_path, "other")
    window = _open(qtbot, small_plan_path)
    window.site_maps.add_image(image)
    window.site_maps.add_image(other)
    panel = window.layer_panel
    survey, top = [k for k in panel.keys() if k.startswith("site map")][::-1]
    assert [m.name for m in window.plan.site_maps] == ["survey", "other"]
    panel.row(survey).setCheckState(0, Qt.CheckState.Unchecked)
    assert not panel.items[survey].isVisible()
    assert window.plan.site_maps[0].visible is False
    assert window.undo_stack.undo_text() == "show site maps"
    panel.set_current(survey)
    panel.move(-1)  # above the other one
    assert [m.name for m in window.plan.site_maps] == ["other", "survey"]
    assert panel.items[survey].zValue() > panel.items[top].zValue()
    window.undo_action.trigger()  # the two changes are one step
    assert [m.name for m in window.plan.site_maps] == ["survey", "other"]
    assert all(m.visible for m in window.plan.site_maps)
    assert panel.row(survey).checkState(0) == Qt.CheckState.Checked
    assert panel.items[survey].isVisible()
    assert panel.items[survey].zValue() < panel.items[top].zValue()
    assert window.undo_stack.undo_text() == "add site map other"


def test_a_reference_layer_in_longitude_latitude_lands_in_place(
        qtbot, small_plan_path):
    plan, _ = open_plan(small_plan_path)
    roads = gpd.GeoDataFrame(
        {"name": ["ring"]}, geometry=[shapely.box(X0 + 50, Y0 + 50, X0 + 450,
                                                  Y0 + 450).exterior],
        crs=plan.crs).to_crs(4326)
    source = small_plan_path.with_name("roads.geojson")
    roads.to_file(source)
    window = _open(qtbot, small_plan_path)
    window.site_maps.add_reference(source)
    key = next(k for k in window.layer_panel.keys() if k.startswith("site map"))
    rect = window.layer_panel.items[key].path().boundingRect()
    assert rect.left() == pytest.approx(X0 + 50, abs=0.5)
    assert rect.right() == pytest.approx(X0 + 450, abs=0.5)


def test_a_dxf_without_a_crs_asks_for_one(qtbot, small_plan_path,
                                          monkeypatch):
    import plannerdesk.qt.site_maps as site_maps

    doc = ezdxf.new()
    doc.modelspace().add_lwpolyline([(X0 + 10, Y0 + 10), (X0 + 300, Y0 + 10),
                                     (X0 + 300, Y0 + 200)],
                                    dxfattribs={"layer": "KERB"})
    source = small_plan_path.with_name("site_plan.dxf")
    doc.saveas(source)
    window = _open(qtbot, small_plan_path)
    asked = []
    monkeypatch.setattr(site_maps, "ask_crs",
                        lambda _parent, path, default: asked.append(
                            path.name) or None)
    window.site_maps.add_reference(source)
    assert asked == ["site_plan.dxf"] and window.plan.site_maps == []
    monkeypatch.setattr(site_maps, "ask_crs", lambda *_: "EPSG:4549")
    window.site_maps.add_reference(source)
    (added,) = window.plan.site_maps
    assert added.source_crs == "EPSG:4549"
    key = next(k for k in window.layer_panel.keys() if k.startswith("site map"))
    rect = window.layer_panel.items[key].path().boundingRect()
    assert rect.left() == pytest.approx(X0 + 10, abs=0.5)


def test_an_image_without_georeferencing_is_refused_with_the_way_out(
        qtbot, small_plan_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    image = small_plan_path.with_name("scan.png")
    _image(image)
    window = _open(qtbot, small_plan_path)
    said = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text: said.append(text))
    window.site_maps.add_image(image)
    assert window.plan.site_maps == []
    assert "scan.png" in said[0] and "control points" in said[0]


def _click_image(qtbot, dialog, col: float, row: float) -> None:
    view = dialog.view
    spot = view.mapFromScene(QPointF(col + 0.5, row + 0.5))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def _click_map(qtbot, window, x: float, y: float) -> None:
    spot = window.canvas.mapFromScene(QPointF(x, y))
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=spot)


def test_georeferencing_by_control_points_places_the_scan(
        qtbot, small_plan_path):

    image = small_plan_path.with_name("scan.png")
    _image(image)
    window = _open(qtbot, small_plan_path)
    dialog = window.georeference(image)
    qtbot.waitExposed(dialog)
    tolerance = 2 * window.canvas.map_units_per_pixel() + 2 * WORLD.a
    for n, (col, row) in enumerate(((20, 20), (180, 30), (100, 170))):
        _click_image(qtbot, dialog, col, row)
        assert not dialog.save_button.isEnabled() or n >= 2
        x, y = WORLD.to_map(col, row)
        _click_map(qtbot, window, float(x), float(y))
        assert dialog.table.item(n, 2).text() != ""
    assert dialog.fit is not None and dialog.fit.kind == "affine"
    assert dialog.fit.rms < tolerance
    assert dialog.table.item(0, 4).text() != ""  # residuals shown
    assert "Affine fit from 3 points" in dialog.status.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert image.with_suffix(".pgw").exists()
    (added,) = window.plan.site_maps
    assert added.path == str(image)
    key = next(k for k in window.layer_panel.keys() if k.startswith("site map"))
    assert _corners(window.layer_panel.items[key]) == pytest.approx(
        (X0, Y0, X0 + 400, Y0 + 400), abs=tolerance * 3)
    assert window.canvas.tool is None  # back to panning


def test_a_site_map_that_moved_is_asked_for_and_nothing_is_lost(
        qtbot, small_plan_path, monkeypatch, tmp_path):
    import plannerdesk.qt.site_maps as site_maps

    image = _placed_image(small_plan_path)
    window = _open(qtbot, small_plan_path)
    window.site_maps.add_image(image)
    assert window.files.save()
    window.close()
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for path in (image, image.with_suffix(".pgw")):
        shutil.move(path, moved / path.name)
    monkeypatch.setattr(site_maps, "locate_missing", lambda *_: None)
    ignored = _open(qtbot, small_plan_path)
    assert _site_map_rows(ignored) == ["Site map: survey (not found)"]
    assert ignored.files.save()  # the entry is kept for later
    assert len(open_plan(small_plan_path)[0].site_maps) == 1
    ignored.close()
    monkeypatch.setattr(site_maps, "locate_missing",
                        lambda *_: moved / "survey.png")
    found = _open(qtbot, small_plan_path)
    assert _site_map_rows(found) == ["Site map: survey"]
    assert not found.undo_stack.is_clean()  # the new place needs saving
    assert found.plan.site_maps[0].path == str(moved / "survey.png")


def test_save_as_elsewhere_then_undo_keeps_site_maps_right(
        qtbot, small_plan_path, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    image = _placed_image(small_plan_path)
    window = _open(qtbot, small_plan_path)
    window.site_maps.add_image(image)
    other = tmp_path / "other" / "copy.gpkg"
    other.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_k: (str(other), "")))
    assert window.files.save_as()
    assert window.windowTitle().startswith("copy.gpkg")
    (kept,) = open_plan(other)[0].site_maps
    assert kept.path == str(image)  # found from the new place too
    window.undo_action.trigger()
    assert window.plan.site_maps == [] and _site_map_rows(window) == []
    window.redo_action.trigger()
    assert _site_map_rows(window) == ["Site map: survey"]


def test_a_damaged_site_map_image_is_listed_and_the_plan_still_opens(
        qtbot, small_plan_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    image = _placed_image(small_plan_path)
    window = _open(qtbot, small_plan_path)
    window.site_maps.add_image(image)
    assert window.files.save()
    window.close()
    image.write_bytes(image.read_bytes()[:40])  # a truncated copy
    reopened = _open(qtbot, small_plan_path)
    assert _site_map_rows(reopened) == ["Site map: survey (unreadable)"]
    assert "survey.png" in reopened.statusBar().currentMessage()
    said = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text: said.append(text))
    reopened.site_maps.add_image(small_plan_path.with_name("survey.png"))
    assert said and "survey.png" in said[0]


def test_site_maps_keep_their_stacking_through_save_and_open(
        qtbot, small_plan_path):
    window = _open(qtbot, small_plan_path)
    for name in ("first", "second"):
        window.site_maps.add_image(_placed_image(small_plan_path, name))
    # the newer map lies on top of the older one, both under the plan
    assert _site_map_rows(window) == ["Site map: second", "Site map: first"]
    assert window.layer_panel.keys()[:-2] == [
        k for k in window.layer_panel.keys() if not k.startswith("site map")]
    for _ in range(2):
        assert window.files.save()
        window = _open(qtbot, small_plan_path)
        assert _site_map_rows(window) == ["Site map: second",
                                          "Site map: first"]


def test_a_reference_geopackage_with_several_layers_asks_which(
        qtbot, small_plan_path, monkeypatch):
    import plannerdesk.qt.site_maps as site_maps

    source = small_plan_path.with_name("survey.gpkg")
    for name, x in (("kerbs", 10), ("trees", 300)):
        gpd.GeoDataFrame({"name": [name]}, geometry=[shapely.Point(
            X0 + x, Y0 + 20)], crs="EPSG:4549").to_file(source, layer=name)
    window = _open(qtbot, small_plan_path)
    monkeypatch.setattr(site_maps, "ask_layer",
                        lambda _p, _path, layers: layers[1])
    window.site_maps.add_reference(source)
    (added,) = window.plan.site_maps
    assert (added.layer, added.name) == ("trees", "survey: trees")
    key = next(k for k in window.layer_panel.keys()
               if k.startswith("site map"))
    rect = window.layer_panel.items[key].path().boundingRect()
    assert rect.center().x() == pytest.approx(X0 + 300, abs=1)
