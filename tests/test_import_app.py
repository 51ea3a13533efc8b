"""Layer > Import features and Import OpenStreetMap extract, in the app:
off the UI thread, one undo step, and the same messages as the command
line."""

from __future__ import annotations

import geopandas as gpd
import shapely
from PySide6.QtWidgets import QMessageBox

from plannerdesk.io.gpkg import open_plan

from .conftest import frame
from .osm_cases import mapping_extract


def test_an_extract_imports_as_one_undo_step(qtbot, window, tmp_path):
    extract = mapping_extract(tmp_path / "town.osm",
                              origin=(119.985, 30.29))
    buildings = len(window.plan["buildings"])
    with qtbot.waitSignal(window.imports.finished, timeout=60_000) as done:
        window.imports.import_osm(extract)
    assert "Read town.osm" in done.args[0]
    # GDAL's warnings on the worker thread are counted, not printed
    assert "GDAL warned: 1 rings GDAL found not closed" in done.args[0]
    assert "no site" not in done.args[0]  # the sample's site bounds it
    assert window.imports.box.isVisible()
    added = window.plan["buildings"]
    # the hand-made extract lies inside the sample's site
    assert len(added) > buildings
    assert window.undo_stack.undo_text() == "import town.osm"
    window.undo_stack.undo()
    assert len(window.plan["buildings"]) == buildings
    window.undo_stack.redo()
    assert len(window.plan["buildings"]) == len(added)
    assert window.files.save()
    saved = open_plan(window.path)[0]["buildings"]
    assert len(saved) == len(added)
    assert saved["osm_id"].notna().sum() == len(added) - buildings


def test_a_file_with_errors_offers_to_import_the_others(qtbot, window,
                                                        tmp_path):
    source = tmp_path / "cafes.geojson"
    centre = window.plan["site"].geometry.iloc[0].centroid
    frame([{"name": "Fine", "category": "cafe", "geometry": centre},
           {"name": "Bad", "category": None,
            "geometry": shapely.Point(centre.x + 5, centre.y)}],
          crs=window.plan.crs).to_file(source)
    window.path = tmp_path / "plan.gpkg"  # the refused file goes beside it
    count = len(window.plan["facilities"])
    with qtbot.waitSignal(window.imports.finished, timeout=30_000) as done:
        window.imports.import_features(source, "facilities")
    assert "'category' is missing" in done.args[0]
    assert len(window.plan["facilities"]) == count
    box = window.imports.box
    others = next(b for b in box.buttons() if b.text() == "Import the others")
    with qtbot.waitSignal(window.imports.finished, timeout=30_000) as done:
        others.click()
    assert "1 feature(s) refused" in done.args[0]
    assert len(window.plan["facilities"]) == count + 1
    refused = gpd.read_file(tmp_path / "plan_refused_cafes.gpkg")
    assert refused["name"].tolist() == ["Bad"]
    assert window.imports.box.icon() == QMessageBox.Icon.Information


def test_an_edit_made_while_the_import_runs_is_not_undone(qtbot, window,
                                                          tmp_path,
                                                          monkeypatch):
    import threading

    from plannerdesk.qt import import_actions

    extract = mapping_extract(tmp_path / "town.osm", quirks=False,
                              origin=(119.985, 30.285))
    gate = threading.Event()
    slow = import_actions._osm_job

    def wait_then_import(*args):
        gate.wait(30)
        return slow(*args)
    monkeypatch.setattr(import_actions, "_osm_job", wait_then_import)
    buildings = len(window.plan["buildings"])
    window.imports.import_osm(extract)
    fid = window.plan["buildings"].index[0]
    window.edit_attribute("buildings", fid, "floors", 9)  # meanwhile
    with qtbot.waitSignal(window.imports.finished, timeout=60_000) as done:
        gate.set()
    assert "nothing was imported" in done.args[0]
    assert window.plan["buildings"].loc[fid, "floors"] == 9
    assert len(window.plan["buildings"]) == buildings
