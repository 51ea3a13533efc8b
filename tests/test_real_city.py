"""A real city centre, as mapped: central Helsinki from OpenStreetMap,
imported in one command, and its buildings, walkways and amenities
imported as plain layers, evaluate with no manual fixing."""

from __future__ import annotations

import pyogrio
import pytest

from plannerdesk.cli import main
from plannerdesk.io.gpkg import open_plan
from plannerdesk.io.osm_read import read_extract

from .conftest import ROOT

HELSINKI = ROOT / "tests" / "data" / "helsinki_centre.osm.pbf"


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_extract_of_a_city_centre_is_a_plan_in_one_command(tmp_path,
                                                               capsys):
    plan_path = tmp_path / "helsinki.gpkg"
    code, out, err = run(["import-osm", plan_path, HELSINKI], capsys)
    assert code == 0, err
    assert "Left out: 11 areas GDAL could not build" in out
    assert "buildings: invalid outlines repaired" in out
    plan, problems = open_plan(plan_path)
    assert not [p for p in problems if p.severity == "error"]
    assert plan.crs.to_epsg() == 32635
    assert len(plan["buildings"]) > 400 and len(plan["walkways"]) > 2000
    assert (plan["buildings"]["floors"] % 1 != 0).any()  # half storeys
    assert {"cafe", "restaurant", "bus_stop"} <= set(
        plan["facilities"]["category"])
    code, out, err = run(["validate", plan_path], capsys)
    assert code == 0, err
    assert "walkway island(s), parts of the network cut off" in err
    code, out, err = run(["evaluate", plan_path, "--quiet"], capsys)
    assert code == 0, err
    assert "walkway islands (parts of the network cut off" in out
    assert "Draw the missing walkway links near" in out
    assert "No site is drawn" in out
    assert "Traceback" not in err


def test_the_same_city_as_plain_layers_imports_and_evaluates(tmp_path,
                                                             capsys):
    features = read_extract(HELSINKI).features.to_crs(32635)
    tags = features["tags"]
    buildings = features[tags.map(lambda t: "building" in t) &
                         (features["shape"] == "area")].copy()
    buildings["levels"] = buildings["tags"].map(
        lambda t: t.get("building:levels"))
    buildings["levels"] = buildings["levels"].where(
        buildings["levels"].str.fullmatch(r"\d+(\.\d+)?").fillna(False))
    ways = features[tags.map(lambda t: t.get("highway") in (
        "footway", "pedestrian", "residential", "steps", "service",
        "tertiary", "secondary", "primary", "living_street", "path")) &
        (features["shape"] == "line")].copy()
    amenities = features[tags.map(lambda t: t.get("amenity") in (
        "cafe", "restaurant", "bank")) & (features["shape"] == "point")
    ].copy()
    amenities["amenity"] = amenities["tags"].map(lambda t: t["amenity"])
    sources = {}
    for name, frame in (("buildings", buildings), ("walkways", ways),
                        ("amenities", amenities)):
        sources[name] = tmp_path / f"{name}.gpkg"
        pyogrio.write_dataframe(frame.drop(columns=["tags", "shape"]),
                                sources[name], layer=name)
    plan_path = tmp_path / "plain.gpkg"
    assert run(["new", plan_path, "--crs", "EPSG:32635"], capsys)[0] == 0
    code, out, err = run(["import", plan_path, sources["buildings"], "--as",
                          "buildings", "--map", "floors=levels", "--set",
                          "use=office"], capsys)
    assert code == 0, err
    assert "encloses no area" in err and "repaired with make_valid" in err
    for args in (["walkways", "--as", "walkways"],
                 ["amenities", "--as", "facilities", "--map",
                  "category=amenity"]):
        code, out, err = run(["import", plan_path, sources[args[0]],
                              *args[1:]], capsys)
        assert code == 0, err
    plan, _ = open_plan(plan_path)
    assert (plan["buildings"]["floors"] % 1 != 0).any()
    assert not plan["buildings"].geometry.is_empty.any()
    code, out, err = run(["validate", plan_path], capsys)
    assert code == 0, err
    code, out, err = run(["evaluate", plan_path, "--quiet"], capsys)
    assert code == 0, err
    assert "Walk score" in out


@pytest.mark.parametrize("bbox", ["24.940,60.166,24.946,60.170"])
def test_a_box_of_the_city_is_imported_again_without_duplicates(
        tmp_path, capsys, bbox):
    plan_path = tmp_path / "box.gpkg"
    assert run(["import-osm", plan_path, HELSINKI, "--bbox", bbox],
               capsys)[0] == 0
    before = {name: len(layer) for name, layer in
              open_plan(plan_path)[0].layers.items()}
    code, out, err = run(["import-osm", plan_path, HELSINKI], capsys)
    assert code == 0, err
    assert " 0 added" in out and "0 removed" in out
    after = {name: len(layer) for name, layer in
             open_plan(plan_path)[0].layers.items()}
    assert after == before
