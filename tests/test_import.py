"""Imports from GeoPackage, GeoJSON and Shapefile: reprojection and field mapping."""

from __future__ import annotations

import pytest
from pyproj import Transformer

from plannerdesk.cli import main
from plannerdesk.io.gpkg import open_plan

from .conftest import box, frame, pt


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_geojson_in_lonlat_is_reprojected(small_plan_path, tmp_path, capsys):
    source = tmp_path / "cafes.geojson"
    frame([{"name": "Corner cafe", "category": "cafe",
            "geometry": pt(120, 80)}]).to_crs(4326).to_file(source)
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "facilities"], capsys)
    assert code == 0, err
    assert "Imported 1 feature(s)" in out
    assert "reprojected from EPSG:4326 to the plan's EPSG:4549" in err
    plan, _ = open_plan(small_plan_path)
    cafe = plan["facilities"].geometry.iloc[0]
    lon, lat = Transformer.from_crs(4549, 4326, always_xy=True).transform(
        cafe.x, cafe.y)
    expected = Transformer.from_crs(4549, 4326, always_xy=True).transform(
        *pt(120, 80).coords[0])
    assert (lon, lat) == pytest.approx(expected, abs=1e-7)


def test_shapefile_fields_are_mapped_and_others_kept(small_plan_path,
                                                     tmp_path, capsys):
    source = tmp_path / "lots.shp"
    frame([{"LOT_NAME": "North lot", "SPACES": 120, "KIND": "surface",
            "OPERATOR": "Yuhang Parking Co.", "geometry": box(10, 10, 60, 60)},
           {"LOT_NAME": "Garage", "SPACES": 400, "KIND": "underground",
            "OPERATOR": "Town", "geometry": box(200, 200, 240, 230)}]).to_file(source)
    code, out, err = run([
        "import", small_plan_path, source, "--as", "parking",
        "--map", "name=LOT_NAME", "--map", "capacity=SPACES",
        "--map", "type=KIND", "--set", "access=shared"], capsys)
    assert code == 0, err
    parking = open_plan(small_plan_path)[0]["parking"]
    assert parking["name"].tolist() == ["North lot", "Garage"]
    assert parking["capacity"].tolist() == [120, 400]
    assert parking["type"].tolist() == ["surface", "underground"]
    assert parking["access"].tolist() == ["shared", "shared"]
    assert parking["OPERATOR"].tolist() == ["Yuhang Parking Co.", "Town"]


def test_same_named_columns_fill_fields_in_any_case(small_plan_path,
                                                    tmp_path, capsys):
    source = tmp_path / "greens.gpkg"
    frame([{"NAME": "Node green", "Kind": "node_green",
            "geometry": pt(30, 30)}]).to_file(source, layer="greens")
    assert run(["import", small_plan_path, source, "--as", "public_points"],
               capsys)[0] == 0
    points = open_plan(small_plan_path)[0]["public_points"]
    assert points[["name", "kind"]].values.tolist() == [["Node green",
                                                          "node_green"]]


def test_a_second_import_appends_with_new_fids(small_plan_path, tmp_path,
                                               capsys):
    source = tmp_path / "f.geojson"
    frame([{"name": "A", "category": "cafe", "geometry": pt(1, 1)}]).to_file(
        source)
    for _ in range(2):
        assert run(["import", small_plan_path, source, "--as",
                    "facilities", "--keep-duplicates"], capsys)[0] == 0
    assert open_plan(small_plan_path)[0]["facilities"].index.tolist() == [1, 2]


def test_a_source_without_crs_needs_one_named(small_plan_path, tmp_path,
                                              capsys):
    source = tmp_path / "nocrs.shp"
    frame([{"name": "Lot", "capacity": 8, "geometry": pt(40, 40)}]).to_file(
        source)
    source.with_suffix(".prj").unlink()
    before = small_plan_path.read_bytes()
    code, _, err = run(["import", small_plan_path, source, "--as", "parking"],
                       capsys)
    assert code == 1
    assert "nocrs.shp has no coordinate reference system" in err
    assert "--source-crs" in err
    assert small_plan_path.read_bytes() == before
    code, _, err = run(["import", small_plan_path, source, "--as", "parking",
                        "--source-crs", "EPSG:4549"], capsys)
    assert code == 0, err
    lot = open_plan(small_plan_path)[0]["parking"].geometry.iloc[0]
    assert lot.equals_exact(pt(40, 40), 1e-6)


def test_several_layers_need_one_chosen(small_plan_path, tmp_path, capsys):
    source = tmp_path / "multi.gpkg"
    frame([{"name": "a", "geometry": pt(1, 1)}]).to_file(source, layer="one")
    frame([{"name": "b", "geometry": pt(2, 2)}]).to_file(source, layer="two")
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities"], capsys)
    assert code == 2
    assert "holds 2 layers (one, two)" in err and "--layer NAME" in err
    code, _, err = run(["import", small_plan_path, source, "--layer", "two",
                        "--as", "facilities", "--set", "category=cafe"],
                       capsys)
    assert code == 0, err
    assert open_plan(small_plan_path)[0]["facilities"]["name"].tolist() == ["b"]


def test_invalid_features_refuse_the_whole_import(small_plan_path, tmp_path,
                                                  capsys):
    source = tmp_path / "lots.geojson"
    frame([{"name": "Fine", "capacity": 10, "geometry": pt(1, 1)},
           {"name": "Broken", "capacity": -3, "geometry": pt(2, 2)}]
          ).to_file(source)
    before = small_plan_path.read_bytes()
    code, _, err = run(["import", small_plan_path, source, "--as", "parking"],
                       capsys)
    assert code == 1
    assert "lots.geojson, layer 'parking', feature 1 ('Broken'): " \
           "'capacity' is negative" in err
    assert "the plan is unchanged" in err
    assert small_plan_path.read_bytes() == before
