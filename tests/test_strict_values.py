"""Every value is read strictly: text in a number column, NaN and infinite
numbers and vertices, numbers too large for their field, impossible
settings and unknown CRS codes are messages naming file, layer, feature
and fix, never a silent 0 and never a traceback; and a plan that
validates evaluates."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely

from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.io.stored_types import mistyped_cells
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.schema import LAYERS
from plannerdesk.model.settings import Settings, with_parameter
from plannerdesk.model.validation import conform_layer

from .conftest import X0, Y0, box, frame, pt
from .microsites import building, facility, plan_of, street
from .test_import import run


def type_into(path: Path, table: str, column: str, fid: int,
              value: object) -> None:
    """Store ``value`` as it is in one cell, as sqlite3 or QGIS's field
    calculator would (the GeoPackage's R-tree triggers need GDAL's ST_
    functions, which here never run: no geometry changes)."""
    db = sqlite3.connect(path)
    try:
        for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY",
                     "ST_MaxY"):
            db.create_function(name, 1, lambda _: 0)
        db.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE fid = ?',
                   (value, fid))
        db.commit()
    finally:
        db.close()


def lots_source(tmp_path: Path) -> Path:
    """A GeoPackage of two lots whose INTEGER and BOOLEAN columns then get
    text typed into feature 1."""
    path = tmp_path / "survey.gpkg"
    frame([{"name": "North lot", "capacity": 40, "open": True,
            "geometry": pt(10, 10)},
           {"name": "South lot", "capacity": 25, "open": False,
            "geometry": pt(20, 20)}]).to_file(path, layer="lots")
    type_into(path, "lots", "capacity", 1, "lots")
    type_into(path, "lots", "open", 1, "maybe")
    return path


# --- 1. text in a typed column ------------------------------------------------

def test_gdal_alone_reads_text_in_an_integer_column_as_zero(tmp_path):
    """The reason for the raw check: GDAL's reader gives 0 and false."""
    frame_read = pyogrio.read_dataframe(lots_source(tmp_path))
    assert frame_read["capacity"].tolist()[0] == 0
    assert not frame_read["open"].tolist()[0]


def test_text_typed_into_a_source_integer_column_stops_the_import(
        small_plan_path, tmp_path, capsys):
    source = lots_source(tmp_path)
    before = small_plan_path.read_bytes()
    code, _, err = run(["import", small_plan_path, source, "--as", "parking"],
                       capsys)
    assert code == 1
    assert ("survey.gpkg, layer 'lots', feature 1 ('North lot'): 'capacity' "
            "holds 'lots', not a whole number") in err
    assert "would read it as 0). Fix: enter a whole number in 'capacity'" \
        in err
    assert "'open' holds 'maybe', not true or false" in err
    assert "the plan is unchanged" in err and "--skip-invalid" in err
    assert small_plan_path.read_bytes() == before
    assert len(open_plan(small_plan_path)[0]["parking"]) == 0


def test_mistyped_cells_of_a_plan_layer_are_errors(small_plan_path):
    plan, _ = open_plan(small_plan_path)
    plan.add_features("parking", frame([
        {"name": "Garage", "capacity": 300, "geometry": pt(50, 50)},
        {"name": "Yard", "capacity": 20, "geometry": pt(60, 60)}]))
    plan.add_features("buildings", frame([
        {"name": "Lab", "use": "rnd", "geometry": box(100, 100, 140, 130)}]))
    plan.add_features("facilities", frame([
        {"name": "Cafe", "category": "cafe", "geometry": pt(70, 70)}]))
    save_plan(plan, small_plan_path)
    type_into(small_plan_path, "parking", "capacity", 1, "lots")
    type_into(small_plan_path, "parking", "capacity", 2, 12.5)
    type_into(small_plan_path, "parking", "name", 2, 7)  # TEXT: read as '7'
    type_into(small_plan_path, "buildings", "gfa_m2", 1, "big")
    type_into(small_plan_path, "facilities", "open", 1, 2)

    parking = mistyped_cells(small_plan_path, "parking",
                             ["name", "capacity", "type", "nonexistent"])
    assert [str(p) for p in parking] == [
        "error: plan.gpkg, layer 'parking', feature 1 ('Garage'): 'capacity' "
        "holds 'lots', not a whole number as its column requires (GDAL and "
        "QGIS would read it as 0). Fix: enter a whole number in 'capacity', "
        "or clear the cell, e.g. in QGIS's attribute table",
        "error: plan.gpkg, layer 'parking', feature 2 ('7'): 'capacity' holds "
        "12.5, not a whole number as its column requires (GDAL and QGIS "
        "would read it as 0). Fix: enter a whole number in 'capacity', or "
        "clear the cell, e.g. in QGIS's attribute table (where fractions "
        "belong, as in floors, make the column a decimal one instead: QGIS's "
        "Refactor fields, type Decimal)"]
    (gfa,) = mistyped_cells(small_plan_path, "buildings", ["gfa_m2", "floors"])
    assert "feature 1 ('Lab'): 'gfa_m2' holds 'big', not a number" in str(gfa)
    (flag,) = mistyped_cells(small_plan_path, "facilities", ["open"],
                             source="my plan")
    assert str(flag).startswith("error: my plan, layer 'facilities', "
                                "feature 1 ('Cafe'): 'open' holds 2, not "
                                "true or false")
    assert mistyped_cells(small_plan_path, "walkways", ["walkable"]) == []


def test_mistyped_cells_of_a_file_that_is_no_geopackage(tmp_path):
    path = tmp_path / "notes.gpkg"
    path.write_text("not a database")
    with pytest.raises(PlannerError, match="notes.gpkg: the table 'parking' "
                       "cannot be read .* Fix: check"):
        mistyped_cells(path, "parking", ["capacity"])


# --- 2. NaN, infinity and numbers too large ----------------------------------

@pytest.mark.parametrize("value,words", [
    ("inf", "'inf' is not a finite number"),
    ("nan", "'nan' is not a finite number"),
    ("1e30", "'1e30' is too large for a whole number, which must fit in a "
             "64-bit integer"),
])
def test_set_refuses_non_finite_and_too_large_numbers(
        small_plan_path, tmp_path, capsys, value, words):
    source = tmp_path / "lots.geojson"
    frame([{"name": "Lot", "geometry": pt(5, 5)}]).to_file(source)
    code, _, err = run(["import", small_plan_path, source, "--as", "parking",
                        "--set", f"capacity={value}"], capsys)
    assert code == 2
    assert f"--set capacity={value}: {words}" in err
    assert "Fix: give a whole number" in err


def test_source_numbers_that_are_infinite_or_too_large_are_errors(
        small_plan_path, tmp_path, capsys):
    source = tmp_path / "blocks.gpkg"
    frame([{"name": "Tower", "use": "office", "floors": 1e25, "gfa_m2": 900.0,
            "employees": 1e25, "geometry": box(10, 10, 40, 40)},
           {"name": "Hall", "use": "office", "floors": 2.0, "gfa_m2": np.inf,
            "geometry": box(100, 10, 140, 40)},
           {"name": "Shed", "use": "other", "floors": 1.0, "gfa_m2": 5e7,
            "geometry": box(200, 10, 210, 20)}]).to_file(source)
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "buildings"], capsys)
    assert code == 1
    assert ("blocks.gpkg, layer 'buildings', feature 1 ('Tower'): 'employees' "
            "is too large for a whole number, which must fit in a 64-bit "
            "integer (below 9.2e18). Fix: enter the real value of 'employees'"
            ) in err
    assert ("feature 1 ('Tower'): 'floors' is more than 300, the most "
            "PlannerDesk accepts") in err
    assert ("feature 2 ('Hall'): 'gfa_m2' is not a finite number. Fix: enter "
            "a number for 'gfa_m2' (NaN and infinity are not values)") in err
    assert ("feature 3 ('Shed'): 'gfa_m2' is more than 10,000,000, the most "
            "PlannerDesk accepts. Fix: set 'gfa_m2' to at most 10,000,000"
            ) in err
    assert len(open_plan(small_plan_path)[0]["buildings"]) == 0


def test_vertices_that_are_nan_infinite_or_nowhere_are_errors():
    _, problems = conform_layer(frame([
        {"name": "Gap", "geometry": shapely.LineString(
            [(X0, Y0), (np.nan, Y0 + 5), (X0 + 50, Y0)])},
        {"name": "Far", "geometry": shapely.LineString(
            [(X0, Y0), (1e300, Y0)])},
        {"name": "Fine", "geometry": shapely.LineString(
            [(X0, Y0), (X0 + 50, Y0)])}]), LAYERS["walkways"],
        source="paths.gpkg", site=box(0, 0, 500, 500))
    assert [str(p) for p in problems] == [
        "error: paths.gpkg, layer 'walkways', feature 0 ('Gap'): has a vertex "
        "whose coordinates are not numbers (NaN or infinite). Fix: move that "
        "vertex to its place or delete the feature; if it came from a file, "
        "correct the file's coordinates and import it again",
        "error: paths.gpkg, layer 'walkways', feature 1 ('Far'): has a vertex "
        "more than 100,000 km from the origin of the plan's CRS, which is "
        "nowhere on Earth. Fix: check the CRS its source was read in "
        "(--source-crs), or move the vertex to its place"]


def test_an_infinite_vertex_in_a_polygon_is_an_error_not_a_repair():
    _, problems = conform_layer(frame([
        {"name": "Bad", "use": "office", "geometry": shapely.Polygon(
            [(X0, Y0), (np.inf, Y0), (X0 + 10, Y0 + 10)])}]),
        LAYERS["buildings"], site=box(0, 0, 500, 500))
    assert [p.message for p in problems] == [
        "has a vertex whose coordinates are not numbers (NaN or infinite)"]


def test_a_polygon_enclosing_no_area_is_an_error():
    flat = shapely.Polygon([(X0, Y0), (X0 + 10, Y0), (X0 + 20, Y0)])
    _, problems = conform_layer(frame([{"name": "Strip", "geometry": flat}]),
                                LAYERS["zones"], source="zones.shp")
    assert [str(p) for p in problems] == [
        "error: zones.shp, layer 'zones', feature 0 ('Strip'): is a polygon "
        "enclosing no area (its vertices lie on one line or at one point). "
        "Fix: redraw its outline, or delete it"]


# --- 3. settings --------------------------------------------------------------

def store_settings(path: Path, change) -> None:
    """Rewrite the plan's stored settings JSON with ``change(settings)``."""
    db = sqlite3.connect(path)
    try:
        (text,) = db.execute("SELECT value FROM plannerdesk_settings "
                             "WHERE key = 'settings'").fetchone()
        db.execute("UPDATE plannerdesk_settings SET value = ? "
                   "WHERE key = 'settings'", (json.dumps(change(
                       json.loads(text))),))
        db.commit()
    finally:
        db.close()


def setting(section: str, key: str, value):
    def change(stored: dict) -> dict:
        stored[section][key] = value
        return stored
    return change


def radius(value, target: str = "node_green"):
    def change(stored: dict) -> dict:
        stored["coverage"]["radii_m"][target] = value
        return stored
    return change


@pytest.mark.parametrize("change,where,must", [
    (lambda _: [1, 2], "the stored settings are [1, 2]",
     "an object of sections (coverage, walk, parking, exchange)"),
    (lambda s: {**s, "walk": True}, "setting 'walk' is true",
     "an object of key: value pairs"),
    (radius("far"), "setting 'coverage.radii_m.node_green' is 'far'",
     "a number more than 0"),
    (radius(-1), "setting 'coverage.radii_m.node_green' is -1",
     "more than 0"),
    (setting("walk", "weights", {"coffee": [1.25, -0.75]}),
     "setting 'walk.weights.coffee[1]' is -0.75", "0 or more"),
    (setting("walk", "weights", {"coffee": ["a lot"]}),
     "setting 'walk.weights.coffee[0]' is 'a lot'", "a number 0 or more"),
    (setting("walk", "weights", {"coffee": 1.25}),
     "setting 'walk.weights.coffee' is 1.25",
     "a list of one or more numbers, each 0 or more"),
    (setting("walk", "bands", [90, 70, "fifty", 25]),
     "setting 'walk.bands[2]' is 'fifty'", "a number 0 or more and at "
     "most 100"),
    (setting("parking", "target_occupancy", 1.5),
     "setting 'parking.target_occupancy' is 1.5", "more than 0 and at most 1"),
    (setting("walk", "decay_zero_m", 100),
     "setting 'walk.decay_zero_m' is 100",
     "more than walk.decay_full_m (400)"),
    (setting("coverage", "method", "teleport"),
     "setting 'coverage.method' is 'teleport'", "network or straight"),
])
def test_impossible_settings_stop_the_plan_with_their_key_and_fix(
        small_plan_path, capsys, change, where, must):
    store_settings(small_plan_path, change)
    with pytest.raises(PlannerError) as caught:
        open_plan(small_plan_path)
    text = str(caught.value)
    assert text.startswith(f"plan.gpkg: {where}, but must be {must}. Fix: ")
    assert "or delete the row 'settings' of the table 'plannerdesk_settings'" \
        in text and "to return every setting to its default" in text
    code, _, err = run(["validate", small_plan_path], capsys)
    assert code == 1 and where in err


def test_a_plan_with_good_settings_reads_them(small_plan_path):
    store_settings(small_plan_path, radius(250))
    assert open_plan(small_plan_path)[0].settings.coverage.radii_m[
        "node_green"] == 250.0


@pytest.mark.parametrize("name,text,message", [
    ("parking.target_occupancy", "1.2",
     "parking.target_occupancy must be more than 0 and at most 1. Fix: enter "
     "a number more than 0 and at most 1 for parking.target_occupancy"),
    ("coverage.radii_m.cafe", "inf",
     "'inf' is not a number. Fix: enter a number more than 0 for "
     "coverage.radii_m.cafe"),
    ("walk.decay_zero_m", "300",
     "walk.decay_zero_m must be more than walk.decay_full_m (400)"),
])
def test_the_settings_dialog_refuses_what_a_plan_could_not_hold(
        qtbot, name, text, message):
    from plannerdesk.qt.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, 0).toolTip() == name)
    dialog.table.item(row, 1).setText(text)
    dialog.accept()
    assert message in dialog.error.text()
    assert dialog.result_settings is None


def test_every_value_the_dialog_accepts_reopens(small_plan_path):
    plan, _ = open_plan(small_plan_path)
    plan.settings = with_parameter(with_parameter(
        plan.settings, "parking.rates_per_100m2.hotel", "0"),
        "walk.ped_shed_good", "1")
    save_plan(plan, small_plan_path)
    reopened = open_plan(small_plan_path)[0].settings
    assert reopened.parking.rates_per_100m2["hotel"] == 0
    assert reopened.walk.ped_shed_good == 1


# --- 4. CRS codes -------------------------------------------------------------

def test_a_crs_code_that_does_not_exist_is_a_usage_error(
        small_plan_path, tmp_path, capsys):
    code, _, err = run(["new", tmp_path / "p.gpkg", "--crs", "EPSG:999999"],
                       capsys)
    assert code == 2
    assert "'EPSG:999999' is not a coordinate reference system PlannerDesk " \
        "knows. Fix: give an EPSG code such as EPSG:4549" in err
    assert not (tmp_path / "p.gpkg").exists()
    source = tmp_path / "cafes.geojson"
    frame([{"name": "Cafe", "category": "cafe", "geometry": pt(1, 1)}]
          ).to_file(source)
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities", "--source-crs", "EPSG:1"], capsys)
    assert code == 2 and "'EPSG:1' is not a coordinate reference system" in err


# --- 7. a plan that validates evaluates ---------------------------------------

def base_plan():
    return plan_of(site=[{"name": "Site", "geometry": box(0, -100, 1000, 200)}],
                   zones=[{"name": "Zone", "geometry": box(0, -100, 1000,
                                                           200)}],
                   walkways=[street()],
                   buildings=[building(100, employees=10), building(600)],
                   facilities=[facility(300, "cafe")],
                   parking=[{"name": "Lot", "capacity": 50,
                             "geometry": pt(400, -20)}])


def stored(layer: str, **values):
    """A change that overwrites columns of ``layer``'s first feature."""
    def change(path: Path) -> None:
        table = pyogrio.read_dataframe(path, layer=layer)
        for column, value in values.items():
            if column == "geometry":
                table = table.set_geometry(
                    [value, *table.geometry.iloc[1:]], crs=table.crs)
            else:
                table[column] = [value, *table[column].iloc[1:]]
        pyogrio.write_dataframe(table, path, layer=layer)
    return change


FLAT = shapely.Polygon([(X0, Y0), (X0 + 10, Y0), (X0 + 20, Y0)])
CASES = {
    "NaN vertex in a walkway": stored("walkways", geometry=shapely.LineString(
        [(X0, Y0), (np.nan, Y0 + 5), (X0 + 1000, Y0)])),
    "infinite vertex in a building": stored("buildings", geometry=
                                            shapely.Polygon([
                                                (X0 + 90, Y0 + 10),
                                                (np.inf, Y0 + 10),
                                                (X0 + 110, Y0 + 60)])),
    "infinite gfa_m2": stored("buildings", gfa_m2=np.inf),
    "parking capacity too large": stored("parking", capacity=2 ** 62),
    "employees beyond a 64-bit sum": stored("buildings", employees=2 ** 62),
    "zero-length walkway": stored("walkways", geometry=shapely.LineString(
        [(X0, Y0), (X0, Y0)])),
    "zone with no area": stored("zones", geometry=FLAT),
    "lot with no area": stored("parking", geometry=FLAT),
    "floors 0 and no gfa": stored("buildings", floors=0, gfa_m2=np.nan),
    "facility nowhere on Earth": stored("facilities",
                                        geometry=shapely.Point(1e300, 1e300)),
    "cafe radius 'far'": lambda path: store_settings(path,
                                                     radius("far", "cafe")),
    "walk weights of text": lambda path: store_settings(
        path, setting("walk", "weights", {"coffee": ["x"]})),
}


@pytest.mark.parametrize("case", CASES)
def test_a_plan_that_validates_evaluates(tmp_path, capsys, case):
    path = tmp_path / "plan.gpkg"
    save_plan(base_plan(), path)
    CASES[case](path)
    code, out, err = run(["validate", path], capsys)
    if code:
        assert code == 1 and "error" in err and "Fix: " in err, err
        assert run(["evaluate", path, "--quiet"], capsys)[0] == 1
        return
    code, out, err = run(["evaluate", path, "--quiet", "--json",
                          tmp_path / "summary.json"], capsys)
    assert code == 0, err
    assert "Walk score" in out


def test_no_traceback_reaches_the_console_for_a_broken_plan(tmp_path):
    path = tmp_path / "plan.gpkg"
    save_plan(base_plan(), path)
    CASES["infinite vertex in a building"](path)
    done = subprocess.run([sys.executable, "-m", "plannerdesk", "validate",
                           str(path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "layer 'buildings', feature 1: has a vertex whose coordinates " \
        "are not numbers" in done.stderr


def test_the_site_of_a_new_plan_may_have_a_broken_vertex(tmp_path, capsys):
    site = tmp_path / "site.gpkg"
    frame([{"name": "Site", "geometry": shapely.Polygon(
        [(X0, Y0), (X0 + 400, Y0), (X0 + 400, np.nan), (X0, Y0 + 300)])}]
          ).to_crs(4326).to_file(site)
    code, _, err = run(["new", tmp_path / "p.gpkg", "--crs", "EPSG:4326",
                        "--site", site], capsys)
    assert code == 1 and "not a projected CRS in metres" in err
    assert "EPSG:326" in err  # the UTM zone, from the finite vertices
    code, _, err = run(["new", tmp_path / "p.gpkg", "--crs", "EPSG:4549",
                        "--site", site], capsys)
    assert code == 1
    assert "has a vertex whose coordinates are not numbers" in err
    assert not (tmp_path / "p.gpkg").exists()
