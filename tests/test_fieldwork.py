"""Offline fieldwork: quick notes, the notes list, photos, CSV, and field
packages that open on another machine with nothing else."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime

import pandas as pd
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QToolButton

from plannerdesk.cli import main
from plannerdesk.io.fieldwork import package_plan, unpack_package
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.io.notes import attach_photo, notes_table, write_notes_csv
from plannerdesk.io.rasters import read_site_raster
from plannerdesk.model.notes import NOTES
from plannerdesk.model.plan_paths import resolve_stored
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.schema import LAYER_ORDER
from plannerdesk.model.sitemaps import resolve
from plannerdesk.qt.app import open_window
from plannerdesk.qt.note_author import set_note_author
from plannerdesk.qt.note_rows import TEXT

from .canvas_helpers import click, site_point, spec, tolerance
from .conftest import SAMPLE


def _photo(path, colour="red"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), colour).save(path)
    return path


def _office_plan(tmp_path):
    """A copy of the sample in its own folder, note 1 with a photo taken
    elsewhere (attached, so copied beside the plan)."""
    office = tmp_path / "office"
    office.mkdir()
    for source in SAMPLE.parent.glob("dream_town*"):
        shutil.copy(source, office / source.name)
    plan_path = office / SAMPLE.name
    plan, _ = open_plan(plan_path)
    stored = attach_photo(plan_path, _photo(tmp_path / "camera" / "IMG_1.jpg"))
    plan.layers[NOTES].loc[1, "photo"] = stored
    save_plan(plan, plan_path)
    return plan_path


def _answer(monkeypatch, text, ok=True):
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda *_a, **_k: (text, ok)))


def _row_centre(panel, fid):
    tree = panel.tree
    row = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
               if tree.topLevelItem(i).fid == fid)
    return tree.visualItemRect(row).center()


def _click_row(qtbot, panel, fid, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                     modifier, _row_centre(panel, fid))


# -- the app ---------------------------------------------------------------
def test_a_quick_note_is_one_click_and_its_text(qtbot, window, monkeypatch):
    set_note_author("李工")
    notes = window.plan[NOTES]
    before = len(notes)
    window.tool_actions["Quick note"].trigger()
    xy = site_point(window, 0.3, 0.4)
    _answer(monkeypatch, "", ok=False)  # cancelled: nothing is added
    click(qtbot, window, xy)
    assert len(window.plan[NOTES]) == before
    _answer(monkeypatch, "  路口缺少座椅 no benches  ")
    click(qtbot, window, xy)
    notes = window.plan[NOTES]
    (fid,) = notes.index.difference(range(1, before + 1))
    note = notes.loc[fid]
    assert note["text"] == "路口缺少座椅 no benches"
    assert (note["status"], note["author"]) == ("open", "李工")
    created = datetime.fromisoformat(note["created"])
    assert created.tzinfo is not None
    assert abs((datetime.now().astimezone() - created).total_seconds()) < 60
    assert note.geometry.distance(shapely.Point(xy)) < tolerance(window)
    assert window.selection.pairs() == {(NOTES, fid)}
    assert fid in window.notes.visible_fids()
    window.undo_action.trigger()
    assert len(window.plan[NOTES]) == before
    set_note_author("")


def test_the_review_note_tool_fills_author_and_time(qtbot, window):
    set_note_author("Site team B")
    window.use_tool(spec("Review note"))
    click(qtbot, window, site_point(window, 0.6, 0.5))
    note = window.plan[NOTES].iloc[-1]
    assert note["author"] == "Site team B" and note["created"][:4].isdigit()
    set_note_author("")


def test_the_notes_list_filters_and_selects_on_the_map(qtbot, window):
    panel = window.notes
    assert sorted(panel.visible_fids()) == [1, 2, 3]
    panel.filter.setText("GARAGE")
    assert panel.visible_fids() == [2]
    panel.filter.setText("site team")  # the author matches too
    assert sorted(panel.visible_fids()) == [1, 2, 3]
    panel.filter.clear()
    panel.status.setCurrentText("resolved")
    assert panel.visible_fids() == [3]
    panel.status.setCurrentText("open")
    _click_row(qtbot, panel, 2)
    assert window.selection.pairs() == {(NOTES, 2)}
    assert window.attributes.feature == (NOTES, 2)
    scale = window.canvas.scale_denominator()
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton,
                      pos=_row_centre(panel, 2))
    assert window.canvas.scale_denominator() < scale / 5
    view = window.canvas.mapToScene(
        window.canvas.viewport().rect()).boundingRect()
    point = window.plan[NOTES].geometry.loc[2]
    assert view.contains(point.x, point.y)


def _button(panel, text):
    return next(b for b in panel.dock.findChildren(QToolButton)
                if b.text() == text)


def test_resolving_notes_in_the_list_is_one_undo_step(qtbot, window):
    panel = window.notes
    _click_row(qtbot, panel, 1)
    _click_row(qtbot, panel, 2, Qt.KeyboardModifier.ControlModifier)
    assert sorted(panel.selected_fids()) == [1, 2]
    qtbot.mouseClick(_button(panel, "Resolve"), Qt.MouseButton.LeftButton)
    assert set(window.plan[NOTES]["status"]) == {"resolved"}
    assert sorted(panel.selected_fids()) == [1, 2]  # kept after refresh
    panel.status.setCurrentText("open")
    assert panel.visible_fids() == []
    window.undo_action.trigger()
    assert window.plan[NOTES]["status"].loc[[1, 2]].tolist() == ["open"] * 2
    assert sorted(panel.visible_fids()) == [1, 2]


def test_a_photo_is_copied_beside_the_plan_and_shown(qtbot, window, tmp_path,
                                                     monkeypatch):
    panel = window.notes
    photo = _photo(tmp_path / "phone" / "IMG_0001.jpg")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda *_a, **_k: (str(photo), "")))
    _click_row(qtbot, panel, 1)
    qtbot.mouseClick(_button(panel, "Attach photo..."),
                     Qt.MouseButton.LeftButton)
    stored = window.plan[NOTES].at[1, "photo"]
    assert stored == "dream_town_photos/IMG_0001.jpg"
    icons = {row.fid: not row.icon(TEXT).isNull() for row in (
        panel.tree.topLevelItem(i) for i in range(3))}
    assert icons == {1: True, 2: False, 3: False}  # a photo icon
    assert (window.path.parent / stored).read_bytes() == photo.read_bytes()
    dialog = panel.view_photo()
    assert dialog is not None and not dialog.image.pixmap().isNull()
    dialog.close()
    said = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text: said.append(text)))
    (window.path.parent / stored).unlink()
    assert panel.view_photo() is None
    assert "note 1" in said[0] and "IMG_0001.jpg" in said[0]
    window.undo_action.trigger()
    assert pd.isna(window.plan[NOTES].at[1, "photo"])


def test_the_notes_csv_keeps_chinese_text_for_excel(window, tmp_path,
                                                    monkeypatch):
    window.edit_attribute(NOTES, 2, "text", "杨盘车库入口难找")
    out = tmp_path / "notes.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_k: (str(out), "")))
    window.notes.export_csv()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    table = pd.read_csv(out, encoding="utf-8-sig").set_index("fid")
    assert table.at[2, "text"] == "杨盘车库入口难找"
    assert table.at[2, "zone"] == "Yangpan Village"
    assert list(table.columns[:5]) == ["text", "status", "author", "created",
                                       "photo"]
    assert table["lon"].between(119.9, 120.1).all()
    assert table["lat"].between(30.2, 30.4).all()


# -- field packages --------------------------------------------------------
def test_a_field_package_unpacked_elsewhere_has_everything(tmp_path):
    plan_path = _office_plan(tmp_path)
    original, _ = open_plan(plan_path)
    transfer = tmp_path / "usb"
    transfer.mkdir()
    packed = package_plan(plan_path, transfer / "field.zip")
    assert packed.problems == []
    shutil.rmtree(tmp_path / "office")  # nothing may point back
    shutil.rmtree(tmp_path / "camera")
    plan_path = unpack_package(transfer / "field.zip", tmp_path / "site_pc")
    assert plan_path == tmp_path / "site_pc" / "dream_town.gpkg"
    assert (plan_path.parent / "README.txt").exists()
    plan, _ = open_plan(plan_path)
    (site_map,) = plan.site_maps
    assert site_map.path == str(plan_path.parent / "site_maps"
                                / "dream_town_basemap.png")
    raster = read_site_raster(resolve(site_map, plan_path), plan.crs)
    assert raster.rgba.shape[2] == 4
    photo = plan[NOTES].at[1, "photo"]
    assert photo == "photos/IMG_1.jpg"
    assert resolve_stored(photo, plan_path).is_file()
    original.layers[NOTES].loc[1, "photo"] = photo
    for name in LAYER_ORDER:
        assert_geodataframe_equal(plan[name], original[name])
    assert notes_table(plan, plan_path)["photo_exists"].tolist() == [
        True, False, False]


def test_a_package_can_be_a_folder_and_a_missing_photo_is_reported(
        tmp_path):
    plan_path = _office_plan(tmp_path)
    (plan_path.parent / "dream_town_photos" / "IMG_1.jpg").unlink()
    packed = package_plan(plan_path, tmp_path / "field")
    assert "note 1" in str(packed.problems[0])
    assert "IMG_1.jpg" in str(packed.problems[0])
    assert sorted(packed.files) == sorted([
        "dream_town.gpkg", "README.txt", "site_maps/dream_town_basemap.png",
        "site_maps/dream_town_basemap.pgw"])
    plan, _ = open_plan(tmp_path / "field" / "dream_town.gpkg")
    kept = plan[NOTES].at[1, "photo"]  # still says where it was
    assert kept == (plan_path.parent / "dream_town_photos" /
                    "IMG_1.jpg").as_posix()
    with pytest.raises(PlannerError, match="not an empty folder"):
        package_plan(plan_path, tmp_path / "field")


def test_a_zip_reaching_outside_its_folder_is_refused(tmp_path):
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("plan.gpkg", b"")
        archive.writestr("../escaped.txt", b"x")
    with pytest.raises(PlannerError, match="outside"):
        unpack_package(bad, tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path / "out").exists()


def test_the_app_opens_a_field_package_with_its_base_map(qtbot, tmp_path,
                                                         monkeypatch):
    import plannerdesk.qt.site_maps as site_maps

    plan_path = _office_plan(tmp_path)
    package_plan(plan_path, tmp_path / "field.zip")
    shutil.rmtree(tmp_path / "office")
    monkeypatch.setattr(site_maps, "locate_missing", lambda *_: pytest.fail(
        "the packaged base map was not found"))
    window = open_window(tmp_path / "field.zip", recover=lambda _: False)
    qtbot.addWidget(window)
    assert window.path == tmp_path / "field" / "dream_town.gpkg"
    rows = [window.layer_panel.row(k).text(0)
            for k in window.layer_panel.keys() if k.startswith("site map")]
    assert rows == ["Site map: Dream Town base map"]
    assert window.notes.tree.topLevelItemCount() == 3
    again = open_window(tmp_path / "field.zip", recover=lambda _: False)
    qtbot.addWidget(again)
    assert again.path == tmp_path / "field-2" / "dream_town.gpkg"


def test_packaging_from_the_app_saves_first_and_lists_what_is_missing(
        window, tmp_path, monkeypatch):
    import plannerdesk.qt.fieldwork_actions as fieldwork_actions

    window.edit_attribute(NOTES, 2, "photo", "dream_town_photos/gone.jpg")
    monkeypatch.setattr(fieldwork_actions, "ask_save_first", lambda _: True)
    said = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda _p, _t, text: said.append(text)))
    out = tmp_path / "field.zip"
    assert window.fieldwork.package(out)
    assert window.undo_stack.is_clean() and out.exists()
    assert "photo of note 2" in said[0] and "gone.jpg" in said[0]


# -- the command line ------------------------------------------------------
def test_package_and_notes_commands_exit_status(sample_copy, tmp_path,
                                                capsys):
    out = tmp_path / "field.zip"
    assert main(["package", str(sample_copy), "-o", str(out)]) == 0
    assert "dream_town.gpkg" in zipfile.ZipFile(out).namelist()
    assert main(["package", str(tmp_path / "none.gpkg"), "-o",
                 str(tmp_path / "x.zip")]) == 1
    assert "none.gpkg" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["package", str(sample_copy)])
    assert caught.value.code == 2
    assert main(["notes", str(sample_copy)]) == 0
    assert "garage" in capsys.readouterr().out
    csv = tmp_path / "notes.csv"
    assert main(["notes", str(sample_copy), "--csv", str(csv)]) == 0
    assert len(pd.read_csv(csv, encoding="utf-8-sig")) == 3
    assert main(["notes", str(sample_copy), "--csv",
                 str(tmp_path / "no" / "notes.csv")]) == 1


def test_notes_table_of_a_plan_without_notes(small_plan_path):
    plan, _ = open_plan(small_plan_path)
    table = notes_table(plan, small_plan_path)
    assert table.empty and "zone" in table.columns
    out = small_plan_path.with_name("n.csv")
    write_notes_csv(plan, small_plan_path, out)
    assert out.read_text(encoding="utf-8-sig").startswith("fid,text")


def test_save_as_elsewhere_keeps_note_photos_found(qtbot, tmp_path,
                                                   monkeypatch):
    from plannerdesk.qt.app import open_window

    plan_path = _office_plan(tmp_path)
    window = open_window(plan_path, recover=lambda _: False)
    qtbot.addWidget(window)
    elsewhere = tmp_path / "laptop" / "copy.gpkg"
    elsewhere.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda *_a, **_k: (str(elsewhere), "")))
    assert window.files.save_as()
    reopened, _ = open_plan(elsewhere)
    photo = reopened[NOTES].at[1, "photo"]
    assert resolve_stored(photo, elsewhere).read_bytes() == (
        plan_path.parent / "dream_town_photos" / "IMG_1.jpg").read_bytes()
    window.close()
