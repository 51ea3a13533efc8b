"""The plan file: save then open gives back every feature, attribute and setting."""

from __future__ import annotations

import pandas as pd
import pyogrio
import pytest
from geopandas.testing import assert_geodataframe_equal

from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.model.plan import Plan
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.schema import LAYER_ORDER

from .conftest import SAMPLE, box, frame, pt


def assert_same_plan(a: Plan, b: Plan) -> None:
    assert a.crs == b.crs
    assert a.settings == b.settings
    for name in LAYER_ORDER:
        assert_geodataframe_equal(a[name], b[name], check_like=False,
                                  check_index_type=True)


def test_sample_round_trip_keeps_everything(tmp_path):
    plan, problems = open_plan(SAMPLE)
    assert not [p for p in problems if p.severity != "info"]
    saved = tmp_path / "copy.gpkg"
    save_plan(plan, saved)
    again, _ = open_plan(saved)
    assert_same_plan(plan, again)
    assert again["zones"].set_index("name").loc[
        "Internet Village", "name_zh"] == "互联网村"


def test_round_trip_of_typed_nullable_and_own_columns(tmp_path):
    plan = Plan(crs="EPSG:4549")
    plan.add_features("buildings", frame([
        {"name": "A", "use": "office", "floors": 4, "gfa_m2": 2000.5,
         "employees": 90, "subject": "enterprise", "height_m": 16.5,
         "owner": "Cangqian Co.", "geometry": box(0, 0, 20, 25)},
        {"name": "B", "use": "rnd", "floors": 2, "gfa_m2": None,
         "employees": None, "subject": "none", "height_m": None,
         "owner": None, "geometry": box(40, 0, 60, 30)},
    ]))
    plan.add_features("parking", frame([
        {"name": "Lot", "capacity": 40, "type": "surface",
         "geometry": box(100, 0, 130, 30)},
        {"name": "Garage", "capacity": 300, "type": "underground",
         "geometry": pt(200, 10)},
    ]))
    plan.add_features("review_notes", frame([
        {"text": "检查入口 (check the entrance)", "status": "open",
         "author": "李工", "created": "2026-11-23T09:00:00+08:00",
         "geometry": pt(5, 5)}]))
    plan.settings.parking.walk_limit_m = 350.0
    plan.settings.coverage.radii_m["cafe"] = 250.0
    path = tmp_path / "p.gpkg"
    save_plan(plan, path)
    again, _ = open_plan(path)
    assert_same_plan(plan, again)
    buildings = again["buildings"]
    assert buildings.loc[2, "gfa_m2"] == pytest.approx(2 * 600.0)
    assert pd.isna(buildings.loc[2, "employees"])
    assert str(buildings["employees"].dtype) == "Int64"
    assert again["parking"].geom_type.tolist() == ["Polygon", "Point"]
    assert again.settings.parking.walk_limit_m == 350.0


def test_fids_survive_deletions(tmp_path):
    plan = Plan(crs="EPSG:4549")
    plan.add_features("facilities", frame([
        {"name": f"F{i}", "category": "cafe", "geometry": pt(i, 0)}
        for i in range(4)]))
    plan.layers["facilities"] = plan["facilities"].drop(index=[2])
    path = tmp_path / "p.gpkg"
    save_plan(plan, path)
    again, _ = open_plan(path)
    assert again["facilities"].index.tolist() == [1, 3, 4]
    assert again["facilities"].loc[4, "name"] == "F3"


def test_tables_the_planner_added_are_kept(tmp_path, sample_copy):
    own = frame([{"label": "survey point", "geometry": pt(1, 1)}])
    pyogrio.write_dataframe(own, sample_copy, layer="my_survey")
    plan, _ = open_plan(sample_copy)
    save_plan(plan, sample_copy)
    layers = {row[0] for row in pyogrio.list_layers(sample_copy)}
    assert "my_survey" in layers
    kept = pyogrio.read_dataframe(sample_copy, layer="my_survey")
    assert kept["label"].tolist() == ["survey point"]


def test_qgis_styles_are_stored_and_the_planners_are_not_overwritten(
        tmp_path, sample_copy):
    styles = pyogrio.read_dataframe(sample_copy, layer="layer_styles")
    assert set(LAYER_ORDER) <= set(styles["f_table_name"])
    assert styles["useAsDefault"].all()
    parking = styles.set_index("f_table_name").loc["parking", "styleQML"]
    assert 'type="categorizedSymbol"' in parking and "underground" in parking
    edited = styles.copy()
    edited.loc[edited["f_table_name"] == "buildings", "styleQML"] = "<mine/>"
    pyogrio.write_dataframe(edited, sample_copy, layer="layer_styles")
    plan, _ = open_plan(sample_copy)
    save_plan(plan, sample_copy)
    after = pyogrio.read_dataframe(sample_copy, layer="layer_styles")
    assert after.set_index("f_table_name").loc["buildings",
                                               "styleQML"] == "<mine/>"
    assert len(after) == len(styles)


def test_opening_a_missing_or_foreign_file_says_what_to_do(tmp_path):
    with pytest.raises(PlannerError, match="no such file.*plannerdesk new"):
        open_plan(tmp_path / "absent.gpkg")
    junk = tmp_path / "notes.gpkg"
    junk.write_text("not a geopackage")
    with pytest.raises(PlannerError, match="not a GeoPackage"):
        open_plan(junk)


def test_settings_of_the_wrong_type_are_named(tmp_path, small_plan_path):
    table = pyogrio.read_dataframe(small_plan_path,
                                   layer="plannerdesk_settings")
    table.loc[table["key"] == "settings", "value"] = (
        '{"parking": {"walk_limit_m": "far"}}')
    pyogrio.write_dataframe(table, small_plan_path,
                            layer="plannerdesk_settings")
    with pytest.raises(PlannerError, match="parking.walk_limit_m' is 'far'"):
        open_plan(small_plan_path)
