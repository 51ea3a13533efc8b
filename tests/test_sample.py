"""The embedded Dream Town sample: complete, valid, reproducible, true to the case."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pyogrio
import pytest
import shapely
from geopandas.testing import assert_geodataframe_equal
from PIL import Image

from plannerdesk.io.gpkg import open_plan
from plannerdesk.io.worldfile import read_world_file, world_file_path
from plannerdesk.model.schema import LAYER_ORDER

from .conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def sample():
    plan, problems = open_plan(SAMPLE)
    return plan, problems


def test_every_layer_opens_in_gdal_with_valid_geometries():
    listed = {str(name) for name, _ in pyogrio.list_layers(SAMPLE)}
    assert set(LAYER_ORDER) <= listed
    for name in LAYER_ORDER:
        info = pyogrio.read_info(SAMPLE, layer=name)
        assert info["crs"] == "EPSG:4549"
        assert info["features"] > 0, name
        geoms = pyogrio.read_dataframe(SAMPLE, layer=name).geometry
        assert shapely.is_valid(geoms.array).all(), name


def test_sample_is_clean_and_about_347_ha(sample):
    plan, problems = sample
    assert [p for p in problems if p.severity != "info"] == []
    assert plan.site_geometry().area / 10_000 == pytest.approx(347, abs=5)


def test_sample_holds_the_case(sample):
    plan, _ = sample
    assert set(plan["zones"]["name"]) == {
        "Cangqian Old Street", "Internet Village", "Angel Village",
        "Yangpan Village", "Yangguo Village", "University Edge"}
    buildings = plan["buildings"]
    assert {"office", "incubator", "rnd", "education",
            "government_service"} <= set(buildings["use"])
    assert {"enterprise", "university", "research_institute", "government",
            "intermediary", "finance"} <= set(buildings["subject"])
    assert buildings["employees"].isna().any()  # GFA stands in for those
    assert {"node_green", "entry_forecourt"} <= set(plan["public_points"]["kind"])
    assert "waterfront_trail" in set(plan["public_lines"]["kind"])
    assert "square" in set(plan["public_areas"]["kind"])
    categories = plan["facilities"]["category"].value_counts()
    for exchange in ("cafe", "book_bar", "meeting_room", "lecture_hall"):
        assert categories[exchange] >= 2
    assert categories.get("fitness", 0) <= 1  # too few leisure facilities
    assert "bridge" in set(plan["walkways"]["kind"])


def _zone_totals(plan) -> pd.DataFrame:
    zones = plan["zones"].set_index("name")
    rows = {}
    for zone, shape in zones.geometry.items():
        inside_b = plan["buildings"].representative_point().within(shape)
        inside_p = plan["parking"].representative_point().within(shape)
        rows[zone] = {"demand": plan["buildings"].loc[inside_b, "gfa_m2"].sum()
                      / 100, "supply": plan["parking"].loc[inside_p,
                                                           "capacity"].sum()}
    return pd.DataFrame(rows).T


def test_parking_is_mismatched_as_in_the_case(sample):
    totals = _zone_totals(sample[0])
    internet, yangpan = totals.loc["Internet Village"], \
        totals.loc["Yangpan Village"]
    assert internet["supply"] < 0.5 * internet["demand"]
    assert yangpan["supply"] > 1.5 * yangpan["demand"]
    garage = sample[0]["parking"].set_index("name").loc[
        "Yangpan Village Underground Garage"]
    assert garage["type"] == "underground" and garage["capacity"] > 500


def test_base_map_covers_the_plan():
    image = SAMPLE.with_name("dream_town_basemap.png")
    world = read_world_file(world_file_path(image))
    with Image.open(image) as picture:
        x0, y0, x1, y1 = world.extent(*picture.size)
    plan, _ = open_plan(SAMPLE)
    px0, py0, px1, py1 = plan.extent()
    assert x0 < px0 and y0 < py0 and x1 > px1 and y1 > py1
    assert world.a == -world.e == 2.0


def test_sample_is_reproducible(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "sample_sites" /
                                               "make_dream_town.py"),
                           str(tmp_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    fresh, shipped = open_plan(tmp_path / SAMPLE.name)[0], open_plan(SAMPLE)[0]
    for name in LAYER_ORDER:
        assert_geodataframe_equal(fresh[name], shipped[name])
    assert fresh.settings == shipped.settings
