"""Site maps from real files: placed images, GeoTIFFs, DXF plans, reference
layers, and the list of them kept in the plan file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import ezdxf
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import rasterio
import shapely
from affine import Affine
from PIL import Image
from pyproj import CRS, Transformer

from plannerdesk.io.dxf import dxf_crs, read_dxf
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.io.rasters import (
    read_plain_image,
    read_site_raster,
    write_image_world_file,
)
from plannerdesk.io.reference import needs_crs, read_reference, reference_layers
from plannerdesk.io.sitemaps import SITE_MAPS_TABLE
from plannerdesk.model.georef import fit_control_points
from plannerdesk.model.plan_paths import relative_to_plan
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.sitemaps import SiteMap, resolve

from .conftest import PLAN_CRS, X0, Y0

PLAN = CRS.from_user_input(PLAN_CRS)
TO_PLAN = {code: Transformer.from_crs(code, PLAN_CRS, always_xy=True)
           for code in ("EPSG:4326", "EPSG:32651")}
LON, LAT = 119.99, 30.29  # in the Dream Town


def _world_text(a, e, c, f) -> str:
    return f"{a}\n0\n0\n{e}\n{c}\n{f}\n"


def from_origin(west: float, north: float, x: float, y: float) -> Affine:
    return Affine(x, 0, west, 0, -y, north)


def _geotiff(path, bands: np.ndarray, crs: str, transform, **profile):
    with rasterio.open(path, "w", driver="GTiff", width=bands.shape[2],
                       height=bands.shape[1], count=bands.shape[0],
                       dtype=bands.dtype, crs=crs, transform=transform,
                       **profile) as out:
        out.write(bands)


# -- images placed by a world file ----------------------------------------

def test_png_with_world_file_is_placed_as_the_world_file_says(tmp_path):
    pixels = np.zeros((20, 30, 4), np.uint8)
    pixels[..., 0] = 200
    pixels[..., 3] = 255
    pixels[:5, :5, 3] = 0  # a transparent corner stays transparent
    Image.fromarray(pixels, "RGBA").save(tmp_path / "site.png")
    (tmp_path / "site.pgw").write_text(_world_text(2.0, -2.0, X0 + 1, Y0 - 1))
    raster = read_site_raster(tmp_path / "site.png", PLAN)
    assert raster.rgba.shape == (20, 30, 4) and raster.rgba.dtype == np.uint8
    assert raster.world.to_map(0, 0) == pytest.approx((X0 + 1, Y0 - 1))
    assert raster.world.to_map(29, 19) == pytest.approx((X0 + 59, Y0 - 39))
    assert (raster.rgba[:5, :5, 3] == 0).all()
    assert (raster.rgba[10:, 10:] == [200, 0, 0, 255]).all()
    assert raster.source_crs is None  # taken to be the plan's


def test_greyscale_jpeg_with_world_file_becomes_opaque_grey_rgba(tmp_path):
    grey = np.tile(np.linspace(0, 255, 40).astype(np.uint8), (16, 1))
    Image.fromarray(grey, "L").save(tmp_path / "scan.jpg", quality=95)
    (tmp_path / "scan.jgw").write_text(_world_text(0.5, -0.5, X0, Y0))
    raster = read_site_raster(tmp_path / "scan.jpg", PLAN)
    rgba = raster.rgba.astype(int)
    assert rgba.shape == (16, 40, 4)
    assert (rgba[..., 0] == rgba[..., 1]).all() and \
        (rgba[..., 1] == rgba[..., 2]).all()
    assert (rgba[..., 3] == 255).all()
    assert rgba[8, 0, 0] < 20 and rgba[8, -1, 0] > 235
    assert raster.world.extent(40, 16) == pytest.approx(
        (X0 - 0.25, Y0 - 7.75, X0 + 19.75, Y0 + 0.25))


def test_paletted_png_keeps_its_colours_and_transparent_index(tmp_path):
    indices = np.array([[0, 1, 2, 1]] * 3, np.uint8)
    image = Image.fromarray(indices, "P")
    image.putpalette([255, 0, 0, 0, 128, 0, 0, 0, 255])
    image.save(tmp_path / "zones.png", transparency=2)
    (tmp_path / "zones.wld").write_text(_world_text(5, -5, X0, Y0))
    rgba = read_site_raster(tmp_path / "zones.png", PLAN).rgba
    assert rgba[0].tolist() == [[255, 0, 0, 255], [0, 128, 0, 255],
                                [0, 0, 255, 0], [0, 128, 0, 255]]


def test_large_image_is_read_decimated_over_the_same_ground(tmp_path):
    Image.new("RGB", (3000, 1200), (90, 90, 90)).save(tmp_path / "big.png")
    (tmp_path / "big.pgw").write_text(_world_text(0.1, -0.1, X0, Y0))
    raster = read_site_raster(tmp_path / "big.png", PLAN, max_pixels=600)
    assert raster.rgba.shape == (240, 600, 4)
    assert raster.world.a == pytest.approx(0.5)
    assert raster.world.extent(600, 240) == pytest.approx(
        (X0 - 0.05, Y0 - 119.95, X0 + 299.95, Y0 + 0.05))


def test_image_without_georeferencing_says_how_to_place_it(tmp_path):
    Image.new("RGB", (8, 8)).save(tmp_path / "photo.jpg")
    with pytest.raises(PlannerError) as caught:
        read_site_raster(tmp_path / "photo.jpg", PLAN)
    message = str(caught.value)
    assert "photo.jpg" in message and "no georeferencing" in message
    assert "photo.jgw" in message and "control points" in message


def test_unreadable_image_names_the_file(tmp_path):
    (tmp_path / "broken.png").write_text("not a picture")
    with pytest.raises(PlannerError, match=r"broken\.png.*Fix:"):
        read_site_raster(tmp_path / "broken.png", PLAN)
    with pytest.raises(PlannerError, match=r"gone\.png: no such file"):
        read_site_raster(tmp_path / "gone.png", PLAN)


# -- GeoTIFFs ---------------------------------------------------------------

def test_geotiff_in_longitude_latitude_lands_on_the_plan(tmp_path):
    step = 0.0001  # about 10 m
    bands = np.full((3, 60, 80), 240, np.uint8)
    bands[:, 30:32, 40:42] = [[[255]], [[0]], [[0]]]  # a red mark
    _geotiff(tmp_path / "ortho.tif", bands, "EPSG:4326",
             from_origin(LON - 40 * step, LAT + 30 * step, step, step))
    raster = read_site_raster(tmp_path / "ortho.tif", PLAN)
    assert raster.source_crs.to_epsg() == 4326
    pixel = abs(raster.world.a)
    height, width = raster.rgba.shape[:2]
    x0, y0, x1, y1 = raster.world.extent(width, height)
    xs, ys = TO_PLAN["EPSG:4326"].transform(
        [LON - 40 * step, LON + 40 * step], [LAT - 30 * step, LAT + 30 * step])
    assert x0 == pytest.approx(min(xs), abs=2 * pixel)
    assert x1 == pytest.approx(max(xs), abs=2 * pixel)
    assert y0 == pytest.approx(min(ys), abs=2 * pixel)
    assert y1 == pytest.approx(max(ys), abs=2 * pixel)
    rows, cols = np.nonzero((raster.rgba[..., 0] > 200)
                            & (raster.rgba[..., 1] < 100))
    mark = raster.world.to_map(cols.mean(), rows.mean())
    want = TO_PLAN["EPSG:4326"].transform(LON + step / 2, LAT - step / 2)
    assert np.hypot(mark[0] - want[0], mark[1] - want[1]) < 1.5 * pixel


def test_utm_geotiff_nodata_becomes_transparent(tmp_path):
    east, north = Transformer.from_crs(4326, 32651, always_xy=True) \
        .transform(LON, LAT)
    heights = np.linspace(1, 100, 50 * 50).reshape(1, 50, 50).astype("int16")
    heights[0, :, :10] = -9999
    _geotiff(tmp_path / "dem.tif", heights, "EPSG:32651",
             from_origin(east, north, 2, 2), nodata=-9999)
    raster = read_site_raster(tmp_path / "dem.tif", PLAN)
    rgba = raster.rgba
    x, y = TO_PLAN["EPSG:32651"].transform(east + 5, north - 50)
    col, row = _pixel_of(raster.world, x, y)
    assert rgba[row, col, 3] == 0  # the nodata strip
    x, y = TO_PLAN["EPSG:32651"].transform(east + 80, north - 50)
    col, row = _pixel_of(raster.world, x, y)
    assert rgba[row, col, 3] == 255
    assert rgba[row, col, 0] == rgba[row, col, 1] == rgba[row, col, 2]


def _pixel_of(world, x, y) -> tuple[int, int]:
    """The pixel of a north-up placement holding map point (x, y)."""
    return round((x - world.c) / world.a), round((y - world.f) / world.e)


def test_geotiff_in_the_plan_crs_is_not_resampled(tmp_path):
    bands = np.arange(3 * 4 * 6, dtype=np.uint8).reshape(3, 4, 6)
    _geotiff(tmp_path / "plan.tif", bands, PLAN_CRS, from_origin(X0, Y0, 1, 1))
    raster = read_site_raster(tmp_path / "plan.tif", PLAN)
    assert (raster.rgba[..., :3] == np.moveaxis(bands, 0, -1)).all()
    assert raster.world.to_map(0, 0) == pytest.approx((X0 + 0.5, Y0 - 0.5))


def test_geotiff_in_a_local_grid_is_refused(tmp_path):
    local = rasterio.crs.CRS.from_wkt(
        'LOCAL_CS["site grid",UNIT["metre",1],AXIS["Easting",EAST],'
        'AXIS["Northing",NORTH]]')
    _geotiff(tmp_path / "grid.tif", np.zeros((1, 4, 4), np.uint8), local,
             from_origin(0, 4, 1, 1))
    with pytest.raises(PlannerError) as caught:
        read_site_raster(tmp_path / "grid.tif", PLAN)
    assert "grid.tif" in str(caught.value)
    assert "cannot be converted to the plan's EPSG:4549" in str(caught.value)


# -- georeferencing a plain image -----------------------------------------

def test_control_point_fit_written_beside_the_image_places_it(tmp_path):
    Image.new("RGB", (400, 300), (10, 20, 30)).save(tmp_path / "scan.png")
    image = read_plain_image(tmp_path / "scan.png", max_pixels=200)
    assert image.rgba.shape == (150, 200, 4)
    assert (image.width, image.height) == (400, 300)
    # Picked on the half-size view: its pixel (9.5, 9.5) is file pixel 19.5.
    assert image.file_pixel(9.5, 9.5) == pytest.approx((19.5, 19.5))
    picks = [image.file_pixel(c, r) for c, r in [(0, 0), (199, 0), (0, 149)]]
    ground = [(X0, Y0), (X0 + 398, Y0), (X0, Y0 - 298)]
    fit = fit_control_points(picks, ground)
    written = write_image_world_file(tmp_path / "scan.png", fit.world)
    assert written.name == "scan.pgw"
    raster = read_site_raster(tmp_path / "scan.png", PLAN)
    assert raster.world.to_map(*picks[1]) == pytest.approx(ground[1])
    assert raster.world.a == pytest.approx(1.0)


# -- DXF --------------------------------------------------------------------

GEODATA_4549 = """<?xml version="1.0" encoding="UTF-16" standalone="no" ?>
<Dictionary version="1.0" xmlns="http://www.osgeo.org/mapguide/coordinatesystem">
<Alias id="4549" type="CoordinateSystem"><ObjectId>CGCS2000.GK3d-40</ObjectId>
<Namespace>EPSG Code</Namespace></Alias>
<Axis uom="METER"><CoordinateSystemAxis><AxisOrder>1</AxisOrder>
<AxisName>Easting</AxisName><AxisAbbreviation>E</AxisAbbreviation>
<AxisDirection>east</AxisDirection></CoordinateSystemAxis>
<CoordinateSystemAxis><AxisOrder>2</AxisOrder><AxisName>Northing</AxisName>
<AxisAbbreviation>N</AxisAbbreviation><AxisDirection>north</AxisDirection>
</CoordinateSystemAxis></Axis></Dictionary>"""


def _site_plan_dxf(path, *, geodata: bool = False) -> None:
    """A small CAD site plan, in local metres from (0, 0)."""
    doc = ezdxf.new("R2010", units=6)
    msp = doc.modelspace()
    msp.add_line((0, 0), (100, 0), dxfattribs={"layer": "ROAD"})
    msp.add_lwpolyline([(10, 10), (40, 10), (40, 30), (10, 30)], close=True,
                       dxfattribs={"layer": "BUILDING"})
    msp.add_circle((60, 60), 5, dxfattribs={"layer": "TREES"})
    msp.add_arc((80, 20), 10, 0, 90, dxfattribs={"layer": "KERB"})
    msp.add_point((5, 5), dxfattribs={"layer": "SURVEY"})
    msp.add_text("Block A", dxfattribs={"insert": (20, 20),
                                        "layer": "LABELS"})
    msp.add_mtext("Plaza", dxfattribs={"insert": (70, 70), "layer": "LABELS"})
    hatch = msp.add_hatch(dxfattribs={"layer": "GREEN"})
    hatch.paths.add_polyline_path([(50, 0), (70, 0), (70, 20), (50, 20)])
    hatch.paths.add_polyline_path([(55, 5), (65, 5), (65, 15), (55, 15)])
    tree = doc.blocks.new("TREE")
    tree.add_circle((0, 0), 2)  # layer 0: takes the reference's layer
    tree.add_line((-2, 0), (2, 0), dxfattribs={"layer": "TRUNK"})
    row = doc.blocks.new("TREE_ROW")
    row.add_blockref("TREE", (0, 0))
    row.add_blockref("TREE", (10, 0))
    msp.add_blockref("TREE_ROW", (0, 90), dxfattribs={"layer": "PLANTING"})
    msp.add_blockref("TREE", (0, 120), dxfattribs={
        "layer": "ORCHARD", "column_count": 3, "column_spacing": 5})
    if geodata:
        msp.new_geodata().setup_local_grid(
            design_point=(0, 0), reference_point=(X0, Y0), crs=GEODATA_4549)
    doc.saveas(path)


def test_dxf_site_plan_becomes_layers_of_lines_points_and_areas(tmp_path):
    _site_plan_dxf(tmp_path / "site.dxf")
    plan = read_dxf(tmp_path / "site.dxf", PLAN)
    assert plan.crs == PLAN
    by_layer = plan.groupby("layer")["entity"].apply(sorted).to_dict()
    assert by_layer["ROAD"] == ["LINE"]
    assert by_layer["PLANTING"] == ["CIRCLE", "CIRCLE"]  # exploded, nested
    assert by_layer["ORCHARD"] == ["CIRCLE"] * 3  # a grid of references
    assert by_layer["TRUNK"] == ["LINE"] * 5
    geometry = plan.set_index("layer").geometry
    assert geometry["ROAD"].length == pytest.approx(100)
    outline = geometry["BUILDING"]
    assert outline.geom_type == "LineString" and outline.is_closed
    assert outline.length == pytest.approx(100)
    assert geometry["TREES"].length == pytest.approx(2 * np.pi * 5, rel=1e-3)
    assert geometry["KERB"].length == pytest.approx(np.pi * 5, rel=1e-3)
    assert geometry["GREEN"].area == pytest.approx(400 - 100)  # hole cut
    assert geometry["SURVEY"].equals(shapely.Point(5, 5))
    trees = plan[plan["layer"] == "PLANTING"].geometry.centroid
    assert sorted(trees.x.round(6)) == [0, 10]
    assert set(trees.y.round(6)) == {90}
    orchard = plan[plan["layer"] == "ORCHARD"].geometry.centroid
    assert sorted(orchard.x.round(6)) == [0, 5, 10]
    labels = plan[plan["layer"] == "LABELS"].set_index("text").geometry
    assert labels["Block A"].equals(shapely.Point(20, 20))
    assert labels["Plaza"].equals(shapely.Point(70, 70))


def test_dxf_with_geodata_is_placed_in_its_own_crs(tmp_path):
    _site_plan_dxf(tmp_path / "geo.dxf", geodata=True)
    assert dxf_crs(tmp_path / "geo.dxf") == CRS.from_epsg(4549)
    assert not needs_crs(tmp_path / "geo.dxf")
    plan = read_dxf(tmp_path / "geo.dxf")
    road = plan.set_index("layer").geometry["ROAD"]
    assert road.coords[0] == pytest.approx((X0, Y0))
    assert road.coords[1] == pytest.approx((X0 + 100, Y0))


def test_dxf_without_crs_asks_for_one(tmp_path):
    _site_plan_dxf(tmp_path / "nocrs.dxf")
    assert dxf_crs(tmp_path / "nocrs.dxf") is None
    assert needs_crs(tmp_path / "nocrs.dxf")
    with pytest.raises(PlannerError) as caught:
        read_dxf(tmp_path / "nocrs.dxf")
    assert str(caught.value).startswith(
        "nocrs.dxf has no coordinate system. Fix: choose the CRS it was "
        "drawn in")


def test_broken_or_empty_dxf_is_refused_with_the_fix(tmp_path):
    (tmp_path / "broken.dxf").write_bytes(b"\x00\x01 not a drawing\n")
    with pytest.raises(PlannerError, match=r"broken\.dxf: not a DXF file.*"
                                           r"Fix: save or export"):
        read_dxf(tmp_path / "broken.dxf", PLAN)
    ezdxf.new().saveas(tmp_path / "empty.dxf")
    with pytest.raises(PlannerError, match=r"empty\.dxf: no lines.*model "
                                           r"space"):
        read_dxf(tmp_path / "empty.dxf", PLAN)


# -- reference layers -------------------------------------------------------

def _roads(crs: str) -> gpd.GeoDataFrame:
    """Two roads near the Dream Town, in ``crs``."""
    to = Transformer.from_crs(4326, crs, always_xy=True)
    lines = [shapely.LineString([to.transform(LON, LAT),
                                 to.transform(LON + 0.01, LAT)]),
             shapely.LineString([to.transform(LON, LAT),
                                 to.transform(LON, LAT + 0.01)])]
    return gpd.GeoDataFrame({"name": ["East road", "North road"]},
                            geometry=lines, crs=crs)


@pytest.mark.parametrize("name, crs", [("roads.geojson", "EPSG:4326"),
                                       ("roads.shp", "EPSG:32651"),
                                       ("roads.gpkg", "EPSG:32651")])
def test_reference_layers_are_reprojected_to_the_plan(tmp_path, name, crs):
    _roads(crs).to_file(tmp_path / name)
    assert not needs_crs(tmp_path / name)
    layer = read_reference(tmp_path / name, PLAN)
    assert layer.crs == PLAN
    start = TO_PLAN["EPSG:4326"].transform(LON, LAT)
    assert layer.geometry.iloc[0].coords[0] == pytest.approx(start, abs=1e-3)
    assert layer["name"].tolist() == ["East road", "North road"]


def test_named_layer_of_a_geopackage_and_the_first_by_default(tmp_path):
    source = tmp_path / "survey.gpkg"
    _roads(PLAN_CRS).to_file(source, layer="roads")
    _roads(PLAN_CRS).iloc[:1].to_file(source, layer="east_only")
    assert reference_layers(source) == ["roads", "east_only"]
    assert len(read_reference(source, PLAN)) == 2
    assert len(read_reference(source, PLAN, layer="east_only")) == 1


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_source_without_crs_needs_one_named(tmp_path):
    _roads(PLAN_CRS).set_crs(None, allow_override=True).to_file(
        tmp_path / "plain.shp")
    assert needs_crs(tmp_path / "plain.shp")
    with pytest.raises(PlannerError, match=r"plain\.shp has no coordinate "
                                           r"system\. Fix: choose the CRS"):
        read_reference(tmp_path / "plain.shp", PLAN)
    layer = read_reference(tmp_path / "plain.shp", PLAN,
                           source_crs="EPSG:4549")
    assert layer.crs == PLAN


def test_dxf_reference_in_utm_is_reprojected(tmp_path):
    _site_plan_dxf(tmp_path / "utm.dxf")
    layer = read_reference(tmp_path / "utm.dxf", PLAN,
                           source_crs="EPSG:32651")
    road = layer.set_index("layer").geometry["ROAD"]
    assert road.coords[0] == pytest.approx(
        TO_PLAN["EPSG:32651"].transform(0, 0), abs=1e-3)


def test_dwg_is_refused_with_the_fix(tmp_path):
    (tmp_path / "site.dwg").write_bytes(b"AC1027")
    with pytest.raises(PlannerError, match="not DWG. Fix: save the drawing "
                                           "as DXF"):
        read_reference(tmp_path / "site.dwg", PLAN)


# -- the list of site maps in the plan file ---------------------------------

def test_site_maps_round_trip_with_paths_relative_to_the_plan(
        tmp_path, small_plan_path):
    (tmp_path / "maps").mkdir()
    elsewhere = tmp_path.parent / f"{tmp_path.name}-shared" / "survey.gpkg"
    plan, _ = open_plan(small_plan_path)
    assert plan.site_maps == []
    plan.site_maps += [
        SiteMap(relative_to_plan(tmp_path / "maps" / "ortho.tif",
                                 small_plan_path), "raster", "Ortho photo"),
        SiteMap(str(elsewhere), "vector", "Survey", visible=False,
                opacity=0.4, source_crs="EPSG:32651", layer="roads"),
    ]
    save_plan(plan, small_plan_path)
    stored = pyogrio.read_dataframe(small_plan_path, layer=SITE_MAPS_TABLE)
    assert stored["path"].tolist() == ["maps/ortho.tif", elsewhere.as_posix()]
    again, _ = open_plan(small_plan_path)
    assert [(m.kind, m.name, m.visible, m.opacity, m.source_crs, m.layer)
            for m in again.site_maps] == [
        (m.kind, m.name, m.visible, m.opacity, m.source_crs, m.layer)
        for m in plan.site_maps]
    assert all(Path(m.path).is_absolute() for m in again.site_maps)
    assert resolve(again.site_maps[0], small_plan_path) == \
        tmp_path / "maps" / "ortho.tif"
    assert resolve(again.site_maps[1], small_plan_path) == elsewhere


def test_plan_saved_before_site_maps_existed_still_opens(small_plan_path):
    with sqlite3.connect(small_plan_path) as db:
        db.execute("DELETE FROM gpkg_contents WHERE table_name = ?",
                   (SITE_MAPS_TABLE,))
        db.execute(f"DROP TABLE IF EXISTS {SITE_MAPS_TABLE}")
    assert SITE_MAPS_TABLE not in {
        name for name, _ in pyogrio.list_layers(small_plan_path)}
    plan, _ = open_plan(small_plan_path)
    assert plan.site_maps == []


def test_damaged_site_map_row_names_the_plan_and_the_fix(small_plan_path):
    rows = pd.DataFrame({"path": ["a.png", "b.png"], "kind": ["raster",
                                                               "photo"],
                         "name": ["A", "B"], "visible": [True, True],
                         "opacity": [1.0, 1.0], "source_crs": [None, None],
                         "layer": [None, None]})
    pyogrio.write_dataframe(rows, small_plan_path, layer=SITE_MAPS_TABLE,
                            driver="GPKG")
    with pytest.raises(PlannerError) as caught:
        open_plan(small_plan_path)
    message = str(caught.value)
    assert str(small_plan_path) in message and "row 2" in message
    assert "'photo'" in message and "Fix:" in message


def test_sample_plan_lists_its_base_map(sample_copy):
    plan, _ = open_plan(sample_copy)
    assert [(Path(m.path).name, m.kind, m.name) for m in plan.site_maps] == [
        ("dream_town_basemap.png", "raster", "Dream Town base map")]
    basemap = read_site_raster(resolve(plan.site_maps[0], sample_copy),
                               plan.crs)
    height, width = basemap.rgba.shape[:2]
    x0, y0, x1, y1 = basemap.world.extent(width, height)
    px0, py0, px1, py1 = plan.extent()
    assert x0 < px0 and y0 < py0 and x1 > px1 and y1 > py1
