"""Surveyed and downloaded layers as they really are: half storeys,
polygons with no area, misspelled columns, files imported twice, and
features that cannot be used."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import geopandas as gpd
import pyogrio
import pytest
import shapely

from plannerdesk.cli import main
from plannerdesk.io.gpkg import open_plan, save_plan

from .bad_inputs import connect
from .conftest import box, frame, pt


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def buildings_source(tmp_path, rows, name="buildings.geojson"):
    source = tmp_path / name
    frame(rows).to_file(source)
    return source


def test_half_storeys_import_and_give_their_floor_area(small_plan_path,
                                                       tmp_path, capsys):
    source = buildings_source(tmp_path, [
        {"name": "Attic house", "use": "residential", "floors": 2.5,
         "geometry": box(10, 10, 30, 30)},
        {"name": "Office", "use": "office", "floors": 3.5,
         "geometry": box(50, 10, 70, 30)},
        {"name": "Shed", "use": "other", "floors": 1,
         "geometry": box(90, 10, 100, 20)}])
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "buildings"], capsys)
    assert code == 0, err
    plan, problems = open_plan(small_plan_path)
    buildings = plan["buildings"]
    assert buildings["floors"].tolist() == [2.5, 3.5, 1.0]
    assert buildings["gfa_m2"].tolist() == pytest.approx(
        [400 * 2.5, 400 * 3.5, 100.0])
    # QGIS and GDAL read the same half storeys from the file
    stored = pyogrio.read_dataframe(small_plan_path, layer="buildings")
    assert stored["floors"].tolist() == [2.5, 3.5, 1.0]
    code, _, err = run(["evaluate", small_plan_path, "--quiet"], capsys)
    assert code == 0, err


def test_a_half_storey_saved_into_an_older_whole_number_column_is_kept(
        tmp_path):
    path = tmp_path / "older.gpkg"
    frame([{"name": "Old", "use": "office", "floors": 2,
            "geometry": box(0, 0, 10, 10)}]).to_file(path, layer="buildings")
    with sqlite3.connect(path) as db:
        declared = {row[1]: row[2] for row in
                    db.execute("PRAGMA table_info(buildings)")}
    assert declared["floors"].upper().startswith(("INT", "MEDIUMINT"))
    plan, _ = open_plan(path)
    layer = plan["buildings"].copy()
    layer.loc[layer.index[0], "floors"] = 2.5
    plan.replace_layer("buildings", layer)
    save_plan(plan, path)
    assert pyogrio.read_dataframe(path, layer="buildings")[
        "floors"].tolist() == [2.5]
    assert open_plan(path)[0]["buildings"]["floors"].tolist() == [2.5]
    assert open_plan(path)[1] == []


def test_polygons_with_no_area_are_left_out_with_a_warning_each(
        small_plan_path, tmp_path, capsys):
    flat = shapely.Polygon([pt(0, 0).coords[0], pt(10, 0).coords[0],
                            pt(20, 0).coords[0], pt(0, 0).coords[0]])
    spike = shapely.Polygon([pt(40, 0).coords[0], pt(50, 0).coords[0],
                             pt(40, 0).coords[0], pt(50, 0).coords[0]])
    source = buildings_source(tmp_path, [
        {"name": "Good", "use": "office", "geometry": box(100, 100, 120, 120)},
        {"name": "Flat", "use": "office", "geometry": flat},
        {"name": "Spike", "use": "office", "geometry": spike}])
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "buildings"], capsys)
    assert code == 0, err
    assert "Imported 1 feature(s)" in out
    assert "feature 1 ('Flat'): encloses no area" in err
    assert "feature 2 ('Spike'): encloses no area" in err
    assert "left out" in err
    plan, problems = open_plan(small_plan_path)
    assert plan["buildings"]["name"].tolist() == ["Good"]
    assert not plan["buildings"].geometry.is_empty.any()
    assert run(["validate", small_plan_path], capsys)[0] == 0
    assert run(["evaluate", small_plan_path, "--quiet"], capsys)[0] == 0


@pytest.mark.parametrize("column, field", [
    ("flors", "floors"), ("Capacity_", "capacity"),
    ("no_of_floors", "floors"), ("employes", "employees")])
def test_a_column_one_edit_from_a_field_gets_did_you_mean(
        small_plan_path, tmp_path, capsys, column, field):
    kind = "parking" if field == "capacity" else "buildings"
    row = {"name": "X", column: 5, "geometry": box(10, 10, 30, 30)}
    row.update({"capacity": 1} if kind == "parking" and field != "capacity"
               else {})
    if kind == "buildings":
        row["use"] = "office"
    source = buildings_source(tmp_path, [row])
    code, _, err = run(["import", small_plan_path, source, "--as", kind],
                       capsys)
    # a missing capacity stops the import: the message says why all the same
    assert code == (1 if field == "capacity" else 0), err
    assert f"column '{column}' looks like the field '{field}'" in err
    assert f"--map {field}={column}" in err


def test_map_fixes_a_misspelled_column(small_plan_path, tmp_path, capsys):
    source = buildings_source(tmp_path, [
        {"name": "Tower", "use": "office", "flors": 5,
         "geometry": box(10, 10, 30, 30)}])
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "buildings", "--map", "floors=flors"], capsys)
    assert code == 0, err
    assert "looks like" not in err
    plan = open_plan(small_plan_path)[0]
    assert plan["buildings"]["floors"].tolist() == [5.0]
    assert plan["buildings"]["gfa_m2"].tolist() == [2000.0]


def test_a_field_missing_from_the_source_says_which_default_it_takes(
        small_plan_path, tmp_path, capsys):
    source = buildings_source(tmp_path, [
        {"name": "A", "use": "office", "geometry": box(10, 10, 30, 30)},
        {"name": "B", "use": "office", "geometry": box(40, 10, 60, 30)}])
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "buildings"], capsys)
    assert code == 0, err
    assert "'floors' is not in buildings.geojson: all 2 features take " \
           "the default 1" in err


def test_importing_a_file_again_leaves_out_what_is_already_there(
        small_plan_path, tmp_path, capsys):
    source = buildings_source(tmp_path, [
        {"name": "A", "use": "office", "floors": 2,
         "geometry": box(10, 10, 30, 30)},
        {"name": "B", "use": "office", "floors": 3,
         "geometry": box(40, 10, 60, 30)}])
    assert run(["import", small_plan_path, source, "--as", "buildings"],
               capsys)[0] == 0
    for _ in range(2):
        code, out, err = run(["import", small_plan_path, source, "--as",
                              "buildings"], capsys)
        assert code == 0, err
        assert "Imported 0 feature(s)" in out
        assert "2 feature(s) are identical to features already in " \
               "'buildings'" in err
        assert "--keep-duplicates" in err
    assert len(open_plan(small_plan_path)[0]["buildings"]) == 2
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "buildings", "--keep-duplicates"], capsys)
    assert code == 0 and "Imported 2 feature(s)" in out
    code, out, err = run(["validate", small_plan_path], capsys)
    assert code == 0
    assert "feature 3 ('A'): overlaps feature 1 ('A') almost entirely" in err


def test_skip_invalid_imports_the_rest_and_writes_the_refused(
        small_plan_path, tmp_path, capsys):
    source = tmp_path / "lots.geojson"
    frame([{"name": "Fine", "capacity": 10, "geometry": pt(1, 1)},
           {"name": "Negative", "capacity": -3, "geometry": pt(2, 2)},
           {"name": "Wordy", "capacity": "lots", "geometry": pt(3, 3)},
           {"name": "Also fine", "capacity": 4, "geometry": pt(4, 4)}]
          ).to_file(source)
    before = small_plan_path.read_bytes()
    code, _, err = run(["import", small_plan_path, source, "--as", "parking"],
                       capsys)
    assert code == 1 and small_plan_path.read_bytes() == before
    assert "--skip-invalid" in err
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "parking", "--skip-invalid"], capsys)
    assert code == 0, err
    assert "Imported 2 feature(s)" in out
    refused = tmp_path / "plan_refused_lots.gpkg"
    assert f"2 feature(s) refused, written with their reasons to {refused}" \
        in out
    plan = open_plan(small_plan_path)[0]
    assert plan["parking"]["name"].tolist() == ["Fine", "Also fine"]
    written = gpd.read_file(refused)
    assert written["name"].tolist() == ["Negative", "Wordy"]
    assert "'capacity' is negative" in written["refused_reason"].iloc[0]
    assert "'capacity' is not a whole number" in written["refused_reason"].iloc[1]
    assert written.crs == plan.crs
    # Fixed in the refused file, it imports like any source
    written["capacity"] = [3, 7]
    written.to_file(refused, layer="parking")
    code, out, err = run(["import", small_plan_path, refused, "--as",
                          "parking"], capsys)
    assert code == 0, err
    parking = open_plan(small_plan_path)[0]["parking"]
    assert parking["capacity"].tolist() == [10, 4, 3, 7]
    assert "refused_reason" not in parking.columns


def test_a_file_with_a_whole_number_column_is_not_stacked_twice(
        small_plan_path, tmp_path, capsys):
    # the plan stores the new column beside features that lack it, and
    # reads 3 back as it wrote it: the second import must still see 3
    source = buildings_source(tmp_path, [
        {"name": "A", "use": "office", "year_built": 1998,
         "geometry": box(10, 10, 30, 30)},
        {"name": "B", "use": "office", "year_built": 2004,
         "geometry": box(40, 10, 60, 30)}], name="years.gpkg")
    first = buildings_source(tmp_path, [{"name": "Old", "use": "office",
                                         "geometry": box(70, 10, 90, 30)}])
    for path in (first, source):
        assert run(["import", small_plan_path, path, "--as", "buildings"],
                   capsys)[0] == 0
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "buildings"], capsys)
    assert code == 0 and "Imported 0 feature(s)" in out, err
    years = open_plan(small_plan_path)[0]["buildings"]["year_built"]
    assert years.tolist()[1:] == [1998, 2004]
    assert str(years.dtype) == "Int64"  # QGIS reads 1998, not 1998.0


def test_a_feature_repeated_in_the_file_is_imported_once(small_plan_path,
                                                         tmp_path, capsys):
    twin = {"name": "A", "use": "office", "geometry": box(10, 10, 30, 30)}
    source = buildings_source(tmp_path, [twin, twin, {
        "name": "B", "use": "office", "geometry": box(40, 10, 60, 30)}])
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "buildings"], capsys)
    assert code == 0 and "Imported 2 feature(s)" in out
    assert "1 feature(s) repeat another of the file exactly" in err


def test_skip_invalid_also_refuses_cells_of_the_wrong_type(small_plan_path,
                                                          tmp_path, capsys):
    source = tmp_path / "lots.gpkg"
    frame([{"name": "Fine", "capacity": 10, "geometry": pt(1, 1)},
           {"name": "Wordy", "capacity": 20, "geometry": pt(3, 3)}]
          ).to_file(source, layer="lots")
    with closing(connect(source)) as db, db:
        db.execute("UPDATE lots SET capacity = 'lots' WHERE name = 'Wordy'")
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "parking", "--skip-invalid"], capsys)
    assert code == 0, err
    assert "Imported 1 feature(s)" in out and "1 feature(s) refused" in out
    refused = gpd.read_file(tmp_path / "plan_refused_lots.gpkg")
    assert "'capacity' holds 'lots'" in refused["refused_reason"].iloc[0]


def test_metres_labelled_as_degrees_are_named_with_the_fix(small_plan_path,
                                                          tmp_path, capsys):
    source = tmp_path / "wrong.geojson"
    frame([{"name": "A", "use": "office", "geometry": box(10, 10, 30, 30)}]
          ).set_crs(4326, allow_override=True).to_file(source)
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "buildings", "--skip-invalid"], capsys)
    assert code == 1
    assert "says its coordinates are longitude / latitude" in err
    assert "--source-crs" in err
    assert "RuntimeWarning" not in err
    assert not (tmp_path / "plan_refused_wrong.gpkg").exists()


def test_a_field_set_for_every_feature_takes_no_default(small_plan_path,
                                                        tmp_path, capsys):
    source = buildings_source(tmp_path, [
        {"name": "A", "use": "office", "geometry": box(10, 10, 30, 30)}])
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "buildings", "--set", "subject=finance"], capsys)
    assert code == 0
    assert "'subject' is not in" not in err
    assert "'floors' is not in" in err


def test_known_values_in_another_case_or_spacing_are_read_as_known(
        small_plan_path, tmp_path, capsys):
    source = tmp_path / "places.geojson"
    frame([{"name": "A", "category": "CAFE", "geometry": pt(1, 1)},
           {"name": "B", "category": "book bar", "geometry": pt(2, 2)},
           {"name": "C", "category": "Sauna", "geometry": pt(3, 3)}]
          ).to_file(source)
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities"], capsys)
    assert code == 0, err
    assert "'CAFE' as 'cafe'" in err and "'book bar' as 'book_bar'" in err
    categories = open_plan(small_plan_path)[0]["facilities"]["category"]
    assert categories.tolist() == ["cafe", "book_bar", "Sauna"]
