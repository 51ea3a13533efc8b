"""Every validation rule, with messages naming file, layer, feature and fix."""

from __future__ import annotations

import pyogrio
import pytest
import shapely

from plannerdesk.io.gpkg import open_plan
from plannerdesk.model.plan import Plan
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.schema import LAYERS
from plannerdesk.model.validation import conform_layer

from .conftest import box, frame, pt

SITE = box(0, 0, 500, 500)


def check(layer: str, rows: list[dict], site=SITE):
    return conform_layer(frame(rows), LAYERS[layer], source="survey.gpkg",
                         site=site)


def only(problems, severity):
    return [p for p in problems if p.severity == severity]


def test_wrong_geometry_type_is_an_error_with_a_fix():
    _, problems = check("facilities", [
        {"name": "Cafe", "category": "cafe", "geometry": box(1, 1, 9, 9)}])
    (error,) = only(problems, "error")
    text = str(error)
    assert "survey.gpkg" in text and "layer 'facilities'" in text
    assert "feature 0 ('Cafe')" in text
    assert "is a Polygon, but 'facilities' holds point features" in text
    assert "Fix: import these features as another layer" in text


def test_missing_geometry_is_an_error():
    _, problems = check("facilities", [
        {"name": "Ghost", "category": "cafe", "geometry": None}])
    assert "has no geometry" in str(only(problems, "error")[0])


def test_unknown_kind_is_kept_with_a_warning():
    out, problems = check("public_points", [
        {"name": "Sky garden", "kind": "sky_garden", "geometry": pt(5, 5)}])
    assert not only(problems, "error")
    (warning,) = only(problems, "warning")
    assert "'kind' is 'sky_garden', an unknown kind" in str(warning)
    assert "node_green" in str(warning)
    assert out["kind"].tolist() == ["sky_garden"]


def test_closed_vocabulary_rejects_other_values():
    _, problems = check("parking", [
        {"name": "Lot", "capacity": 10, "type": "heliport",
         "geometry": pt(5, 5)}])
    (error,) = only(problems, "error")
    assert "'type' is 'heliport', which is not allowed" in str(error)
    assert "surface, underground, structure, on_street" in str(error)


@pytest.mark.parametrize("layer,field,row", [
    ("parking", "capacity", {"name": "Lot", "capacity": -5}),
    ("buildings", "floors", {"name": "B", "use": "office", "floors": -2}),
])
def test_negative_numbers_are_errors(layer, field, row):
    _, problems = check(layer, [{**row, "geometry": box(1, 1, 20, 20)}])
    (error,) = only(problems, "error")
    assert f"'{field}' is negative" in str(error)
    assert f"Fix: set '{field}' to 0 or more" in str(error)


def test_missing_required_fields_are_errors():
    _, problems = check("parking", [{"name": "Lot", "geometry": pt(5, 5)}])
    assert "'capacity' is missing" in str(only(problems, "error")[0])
    _, problems = check("buildings", [
        {"name": "B", "geometry": box(1, 1, 20, 20)}])
    message = str(only(problems, "error")[0])
    assert "'use' is missing" in message and "office, rnd" in message


def test_unreadable_numbers_are_errors_and_left_as_given():
    out, problems = check("parking", [
        {"name": "Lot", "capacity": "about forty", "geometry": pt(5, 5)}])
    assert "'capacity' is not a whole number" in str(only(problems, "error")[0])
    assert out["capacity"].tolist() == ["about forty"]


def test_text_numbers_and_booleans_are_read():
    out, problems = check("walkways", [
        {"name": "Path", "kind": "path", "walkable": "no",
         "geometry": shapely.LineString([pt(0, 0), pt(50, 0)])}])
    assert not problems
    assert out["walkable"].tolist() == [False]


def test_defaults_fill_optional_fields():
    out, _ = check("parking", [{"capacity": 12, "geometry": pt(5, 5)}])
    assert out.loc[0, "type"] == "surface" and out.loc[0, "access"] == "public"


def test_building_gfa_is_derived_from_footprint_and_floors():
    out, _ = check("buildings", [
        {"use": "office", "floors": 3, "geometry": box(0, 0, 20, 10)},
        {"use": "office", "floors": 3, "gfa_m2": 500,
         "geometry": box(0, 20, 20, 30)}])
    assert out["gfa_m2"].tolist() == [600.0, 500.0]


def test_self_intersecting_polygon_is_repaired_and_reported():
    bowtie = shapely.Polygon([pt(0, 0), pt(20, 20), pt(20, 0), pt(0, 20)])
    out, problems = check("public_areas", [
        {"name": "Square", "kind": "square", "geometry": bowtie}])
    (warning,) = only(problems, "warning")
    assert "Self-intersection" in str(warning)
    assert "repaired with make_valid" in str(warning)
    repaired = out.geometry.iloc[0]
    assert repaired.is_valid and repaired.area == pytest.approx(200.0)


def test_features_outside_the_site_are_warned():
    _, problems = check("facilities", [
        {"name": "Inside", "category": "cafe", "geometry": pt(50, 50)},
        {"name": "Far away", "category": "cafe", "geometry": pt(900, 900)}])
    (warning,) = only(problems, "warning")
    assert "('Far away')" in str(warning)
    assert "wholly outside the site boundary" in str(warning)


def test_z_coordinates_are_dropped():
    out, problems = check("facilities", [
        {"name": "Cafe", "category": "cafe",
         "geometry": shapely.Point(498_010, 3_351_510, 12.0)}])
    assert not problems and not out.geometry.has_z.any()


def test_a_layer_stored_in_another_crs_is_reprojected(small_plan_path):
    lonlat = frame([{"name": "Kiosk", "category": "cafe",
                     "geometry": pt(100, 100)}]).to_crs(4326)
    pyogrio.write_dataframe(lonlat, small_plan_path, layer="facilities")
    plan, problems = open_plan(small_plan_path)
    assert any("was in EPSG:4326; reprojected to the plan's EPSG:4549"
               in str(p) for p in problems)
    kiosk = plan["facilities"].geometry.iloc[0]
    assert kiosk.distance(pt(100, 100)) < 0.01


def test_adding_features_with_errors_leaves_the_plan_unchanged():
    plan = Plan(crs="EPSG:4549")
    with pytest.raises(PlannerError) as caught:
        plan.add_features("parking", frame([
            {"name": "Good", "capacity": 5, "geometry": pt(1, 1)},
            {"name": "Bad", "capacity": -1, "geometry": pt(2, 2)}]))
    assert len(plan["parking"]) == 0
    assert "('Bad')" in str(caught.value.problems[0])


def test_a_geographic_plan_crs_is_refused_with_a_suggestion():
    with pytest.raises(PlannerError, match="not a projected CRS in metres"):
        Plan(crs="EPSG:4326")
