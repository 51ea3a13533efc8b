"""``plannerdesk import-osm``: an OpenStreetMap extract into a plan in one
command, on a hand-made extract with every mapping row, on pyogrio's own
sample.osm.pbf, and a second import that refreshes."""

from __future__ import annotations

from pathlib import Path

import pyogrio
import pytest

from plannerdesk.cli import main
from plannerdesk.cli.osm import mapping_text
from plannerdesk.io.gpkg import open_plan
from plannerdesk.io.osm_mapping import MAPPING

from .conftest import ROOT
from .osm_cases import CASES, LAT0, LON0, STEP, Case, mapping_extract, osm_ids

PYOGRIO_SAMPLE = Path(pyogrio.__file__).parent / "tests" / "fixtures" / \
    "sample.osm.pbf"


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("osm")
    extract = mapping_extract(folder / "town.osm")
    plan_path = folder / "town.gpkg"
    code = main(["import-osm", str(plan_path), str(extract)])
    assert code == 0
    return plan_path, extract


def by_osm_id(plan, layer):
    frame = plan[layer]
    return frame.set_index("osm_id") if "osm_id" in frame.columns else \
        frame.iloc[0:0]


def test_every_case_lands_where_the_mapping_says(imported):
    plan, problems = open_plan(imported[0])
    assert not [p for p in problems if p.severity == "error"]
    layers = ("buildings", "walkways", "public_areas", "public_points",
              "facilities", "parking")
    found = {layer: by_osm_id(plan, layer) for layer in layers}
    for osm_id, case in zip(osm_ids(), CASES, strict=True):
        for layer in layers:
            expected = case.expect.get(layer)
            if expected is None:
                assert osm_id not in found[layer].index, (osm_id, case.tags,
                                                         layer)
                continue
            row = found[layer].loc[osm_id]
            for column, value in expected.items():
                assert row[column] == pytest.approx(value) if isinstance(
                    value, float) else row[column] == value, (
                    osm_id, case.tags, layer, column, row[column])


def test_every_mapping_row_is_exercised_by_a_case():
    used = set()
    for case in CASES:
        shape = case.shape
        for layer in {row.layer for row in MAPPING}:
            rows = [r for r in MAPPING if r.layer == layer]
            taken = next((r for r in rows if r.role == "take" and
                          r.matches(case.tags, shape)), None)
            if taken is not None:
                used.add(taken)
                used |= {r for r in rows if r.role == "set" and
                         r.matches(case.tags, shape)}
    missing = [f"{r.layer} {r.key}={'|'.join(r.values)}" for r in MAPPING
               if r not in used]
    assert not missing


def test_the_plan_is_in_the_utm_zone_with_the_site_and_evaluates(imported,
                                                                 capsys):
    plan_path, _ = imported
    plan, _ = open_plan(plan_path)
    assert plan.crs.to_epsg() == 32651  # UTM 51N holds 120 E
    code, out, err = run(["evaluate", plan_path, "--quiet"], capsys)
    assert code == 0, err
    assert "Traceback" not in err


def test_areas_and_floors_from_levels_height_and_assumed(imported):
    plan, _ = open_plan(imported[0])
    buildings = by_osm_id(plan, "buildings")
    attic = buildings[buildings["name"] == "Attic house"].iloc[0]
    assert attic["gfa_m2"] == pytest.approx(attic.geometry.area * 2.5)
    parking = by_osm_id(plan, "parking")
    storeys = parking[parking["type"] == "structure"]
    garage = storeys[storeys["osm_tag"] == "amenity=parking"].iloc[0]
    assert garage["capacity"] == int(garage.geometry.area * 3 / 30)


def test_quirks_are_repaired_or_left_out_with_counts(tmp_path, capsys):
    extract = mapping_extract(tmp_path / "town.osm")
    code, out, err = run(["import-osm", tmp_path / "town.gpkg", extract],
                         capsys)
    assert code == 0, err
    assert "Repaired: 1 outlines not closed, closed" in out
    assert "Left out: 1 buildings: areas enclosing no area" in out
    assert "GDAL warned: 1 rings GDAL found not closed" in out
    assert "Left out: 1 public_areas: areas below the least area of their " \
        "mapping row" in out
    plan, _ = open_plan(tmp_path / "town.gpkg")
    names = set(plan["buildings"]["name"].dropna())
    assert {"Open ring", "Missing node"} <= names
    assert "Two points" not in names
    assert "Broken" not in set(plan["public_areas"]["name"].dropna())
    assert "way/9005" not in set(plan["walkways"]["osm_id"])


def test_bbox_takes_what_meets_it_and_becomes_the_site(tmp_path, capsys):
    extract = mapping_extract(tmp_path / "town.osm")
    box = f"{LON0 - 0.0001},{LAT0 - 0.0001},{LON0 + 2.5 * STEP}," \
          f"{LAT0 + 0.5 * STEP}"
    code, out, err = run(["import-osm", tmp_path / "part.gpkg", extract,
                          "--bbox", box], capsys)
    assert code == 0, err
    plan, _ = open_plan(tmp_path / "part.gpkg")
    assert len(plan["site"]) == 1
    assert set(plan["buildings"]["osm_id"]) == {"way/1001", "way/1002"}
    assert set(plan["parking"]["osm_id"]) == {"way/1000"}


def test_a_second_import_refreshes_without_duplicates_or_touching_mine(
        tmp_path, capsys):
    import shapely

    from plannerdesk.io.gpkg import save_plan

    from .conftest import frame
    plan_path = tmp_path / "town.gpkg"
    extract = mapping_extract(tmp_path / "town.osm", quirks=False)
    assert run(["import-osm", plan_path, extract], capsys)[0] == 0
    plan, _ = open_plan(plan_path)
    counts = {layer: len(plan[layer]) for layer in plan.layers}
    # the planner draws a kiosk, renames an OSM cafe, keeps an OSM bench
    # as theirs, counts the staff of a building, enters a lot's capacity
    cafe_xy = plan["facilities"].geometry.iloc[0]
    plan.add_features("facilities", frame([{
        "name": "My kiosk", "category": "cafe", "geometry":
        shapely.Point(cafe_xy.x + 5, cafe_xy.y)}], crs=plan.crs))
    facilities = plan["facilities"].copy()
    corner = facilities.index[facilities["name"] == "Corner cafe"][0]
    facilities.loc[corner, "name"] = "Renamed by me"
    plan.replace_layer("facilities", facilities)
    points = plan["public_points"].copy()
    bench = points.index[0]
    points.loc[bench, ["name", "osm_keep"]] = ["My bench", True]
    plan.replace_layer("public_points", points)
    buildings = plan["buildings"].copy()
    office = buildings.index[buildings["osm_tag"] == "building=office"][0]
    buildings.loc[office, "employees"] = 250
    plan.replace_layer("buildings", buildings)
    parking = plan["parking"].copy()
    lot = parking.index[parking["capacity_source"] == "unknown"][0]
    parking.loc[lot, "capacity"] = 80
    plan.replace_layer("parking", parking)
    save_plan(plan, plan_path)
    # the extract changes: a building is gone (its cell left empty), a
    # new bench is mapped
    cases = [Case("point", {}) if c.tags.get("name") == "Attic house" else c
             for c in CASES] + [Case("point", {"amenity": "bench",
                                               "name": "New bench"})]
    mapping_extract(extract, quirks=False, cases=cases)
    code, out, err = run(["import-osm", plan_path, extract], capsys)
    assert code == 0, err
    assert "kept 1 value(s) entered by hand" in out
    plan, _ = open_plan(plan_path)
    assert len(plan["buildings"]) == counts["buildings"] - 1
    assert "Attic house" not in set(plan["buildings"]["name"].dropna())
    assert plan["buildings"].loc[office, "employees"] == 250
    points = plan["public_points"]
    assert len(points) == counts["public_points"] + 1  # the new bench
    assert points.loc[bench, "name"] == "My bench"
    facilities = plan["facilities"]
    assert "My kiosk" in set(facilities["name"])
    assert facilities.loc[corner, "name"] == "Corner cafe"
    assert len(facilities) == counts["facilities"] + 1
    assert plan["parking"].loc[lot, ["capacity", "capacity_source"]] \
        .tolist() == [80, "entered"]
    for layer in ("walkways", "public_areas", "parking"):
        assert len(plan[layer]) == counts[layer], layer


def test_an_extract_of_another_place_is_refused(tmp_path, capsys):
    plan_path = tmp_path / "town.gpkg"
    near = mapping_extract(tmp_path / "near.osm", quirks=False)
    far = mapping_extract(tmp_path / "far.osm", quirks=False,
                          origin=(LON0 + 1, LAT0 + 1))
    assert run(["import-osm", plan_path, near], capsys)[0] == 0
    before = plan_path.read_bytes()
    code, _, err = run(["import-osm", plan_path, far], capsys)
    assert code == 1
    assert "far.osm lies 145 km from every feature of the plan" in err
    assert plan_path.read_bytes() == before


def test_an_extract_beside_the_first_leaves_the_first_in_place(tmp_path,
                                                               capsys):
    plan_path = tmp_path / "town.gpkg"
    first = mapping_extract(tmp_path / "first.osm", quirks=False)
    beside = mapping_extract(tmp_path / "beside.osm", quirks=False,
                             origin=(LON0 + 0.02, LAT0), first_id=5000)
    assert run(["import-osm", plan_path, first], capsys)[0] == 0
    count = len(open_plan(plan_path)[0]["buildings"])
    code, out, err = run(["import-osm", plan_path, beside], capsys)
    assert code == 0, err
    assert " 0 removed" in out and "removed (now" in out
    assert len(open_plan(plan_path)[0]["buildings"]) == 2 * count


def test_pyogrio_sample_extract_imports_and_evaluates(tmp_path, capsys):
    plan_path = tmp_path / "sample.gpkg"
    code, out, err = run(["import-osm", plan_path, PYOGRIO_SAMPLE], capsys)
    assert code == 0, err
    plan, _ = open_plan(plan_path)
    assert plan.crs.to_epsg() == 32630  # UTM 30N holds Hatfield, 0.23 W
    assert len(plan["walkways"]) > 20
    assert "motorway" not in set(plan["walkways"]["osm_tag"].str.split("=")
                                 .str[1])
    assert set(plan["facilities"]["category"]) >= {"bus_stop"}
    code, out, err = run(["evaluate", plan_path, "--quiet"], capsys)
    assert code == 0, err


def test_list_mapping_prints_the_table_the_readme_shows(capsys):
    code, out, _ = run(["import-osm", "--list-mapping"], capsys)
    assert code == 0
    assert out.strip() == mapping_text().strip()
    assert len([line for line in out.splitlines()
                if line[:1].isalpha() and " take " in line or " set " in
                line]) >= len(MAPPING)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert mapping_text() in readme


@pytest.mark.parametrize("args, words", [
    (["import-osm"], "give the plan and the extract"),
    (["import-osm", "p.gpkg", "x.osm", "--bbox", "1,2,3"],
     "expected four numbers"),
    (["import-osm", "p.gpkg", "x.osm", "--bbox", "3,2,1,4"],
     "west must be less than east"),
])
def test_usage_mistakes_are_messages(tmp_path, capsys, args, words):
    code, _, err = run(args, capsys)
    assert code == 2 and words in err


def test_a_file_that_is_no_extract_is_a_message(tmp_path, capsys):
    fake = tmp_path / "town.osm.pbf"
    fake.write_bytes(b"not a pbf at all" * 100)
    code, _, err = run(["import-osm", tmp_path / "p.gpkg", fake], capsys)
    assert code == 1
    assert "town.osm.pbf" in err and "Fix:" in err
    assert "Traceback" not in err
    assert not (tmp_path / "p.gpkg").exists()
    code, _, err = run(["import-osm", tmp_path / "p.gpkg",
                        tmp_path / "town.geojson"], capsys)
    assert code == 1 and "Fix:" in err


def test_a_new_plan_in_degrees_is_refused_with_the_utm_zone(tmp_path,
                                                            capsys):
    extract = mapping_extract(tmp_path / "town.osm", quirks=False)
    code, _, err = run(["import-osm", tmp_path / "p.gpkg", extract, "--crs",
                        "EPSG:4326"], capsys)
    assert code == 1 and "EPSG:32651 for this site" in err
    assert not (tmp_path / "p.gpkg").exists()
    code, out, err = run(["import-osm", tmp_path / "p.gpkg", extract, "--crs",
                          "EPSG:4549"], capsys)
    assert code == 0, err
    assert "Created" in out and "EPSG:4549" in out
    code, _, err = run(["import-osm", tmp_path / "p.gpkg", extract, "--crs",
                        "EPSG:4549"], capsys)
    assert code == 2 and "its CRS stays" in err


def test_gdal_warnings_are_counted_while_other_threads_catch_warnings(
        tmp_path):
    """In the app the import reads on a worker thread while other threads
    (pandas in the evaluation) enter and leave warnings.catch_warnings,
    which swaps process-wide state: GDAL's warning is counted each time."""
    import threading
    import warnings

    from plannerdesk.io.osm_read import hear_gdal_in_this_thread, read_extract

    extract = mapping_extract(tmp_path / "town.osm")
    stop = threading.Event()

    def busy() -> None:
        while not stop.is_set():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")

    def read(counts: list) -> None:
        hear_gdal_in_this_thread()
        for _ in range(8):
            counts.append(sum(read_extract(extract).gdal.values()))

    other = threading.Thread(target=busy)
    other.start()
    counts: list[int] = []
    try:
        reader = threading.Thread(target=read, args=(counts,))
        reader.start()
        reader.join()
    finally:
        stop.set()
        other.join()
    assert counts == [1] * 8
