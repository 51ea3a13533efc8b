"""Large layers are drawn in tiles: every feature shows at its place, with
its colour, in the whole-site view and zoomed in (north up)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainterPath

from plannerdesk.model.plan import Plan
from plannerdesk.model.schema import LAYERS
from plannerdesk.model.symbology import STYLES
from plannerdesk.qt.geometry_paths import add_marker, path_of
from plannerdesk.qt.map_canvas import MapCanvas
from plannerdesk.qt.plan_layers import add_plan

from .conftest import PLAN_CRS, X0, Y0

SIDE, STEP, SIZE = 60, 50.0, 20.0  # 3,600 buildings of 20 m every 50 m
FILL = QColor(STYLES["buildings"].fill)
STROKE = QColor(STYLES["buildings"].stroke)
CAFE = QColor(STYLES["facilities"].categories["cafe"])


def _grid_plan(shape: str) -> Plan:
    """Buildings (squares, or round ones of 33 vertices) on a square grid,
    and a cafe in every third street gap."""
    plan = Plan(crs=PLAN_CRS)
    extent = SIDE * STEP
    plan.add_features("site", gpd.GeoDataFrame(
        {"name": ["site"]}, geometry=[shapely.box(X0 - 100, Y0 - 100,
                                                  X0 + extent + 100,
                                                  Y0 + extent + 100)],
        crs=PLAN_CRS))
    x, y = (a.ravel() * STEP for a in np.meshgrid(np.arange(SIDE),
                                                  np.arange(SIDE)))
    buildings = shapely.box(X0 + x + 5, Y0 + y + 5, X0 + x + 5 + SIZE,
                            Y0 + y + 5 + SIZE)
    if shape == "round":
        buildings = shapely.buffer(shapely.centroid(buildings), SIZE / 2,
                                   quad_segs=8)
    plan.add_features("buildings", gpd.GeoDataFrame(
        geometry=buildings, crs=PLAN_CRS).assign(
        use="office", floors=3, employees=50, subject="none"))
    cafes = shapely.points(X0 + x[::3] + 40, Y0 + y[::3] + 40)
    plan.add_features("facilities", gpd.GeoDataFrame(
        geometry=cafes, crs=PLAN_CRS).assign(category="cafe"))
    return plan


@pytest.fixture(params=["square", "round"])
def canvas(qtbot, request):
    plan = _grid_plan(request.param)
    view = MapCanvas()
    view.layer_items = {name: drawing.group for name, drawing in
                        add_plan(view.scene(), plan).items()}
    view.plan, view.building_shape = plan, request.param
    view.resize(640, 480)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.zoom_to(QRectF(X0, Y0, SIDE * STEP, SIDE * STEP))
    return view


def _close(colour: QColor, to: QColor, tolerance: int) -> bool:
    return max(abs(colour.red() - to.red()), abs(colour.green() - to.green()),
               abs(colour.blue() - to.blue())) <= tolerance


def _shown(view, xy: np.ndarray) -> tuple[list[QColor], QColor]:
    """The colours at map points ``xy`` that are in view, and the colour of
    the empty map."""
    viewport = view.viewport()
    image = viewport.grab().toImage()
    pixels = [view.mapFromScene(QPointF(x, y)) for x, y in xy]
    return ([image.pixelColor(p) for p in pixels
             if viewport.rect().contains(p)],
            viewport.palette().color(viewport.backgroundRole()))


def _centres(view) -> np.ndarray:
    return shapely.get_coordinates(shapely.centroid(
        view.plan["buildings"].geometry.to_numpy()))


def test_the_layer_is_one_item_of_many_tiles(canvas):
    group = canvas.layer_items["buildings"]
    assert len(group.childItems()) >= 10
    simplified = {t.coarse is not None for t in group.childItems()}
    assert simplified == {canvas.building_shape == "round"}
    assert group.toolTip() == LAYERS["buildings"].title
    covered = group.childrenBoundingRect()
    x0, y0, x1, y1 = canvas.plan["buildings"].total_bounds
    assert covered.contains(QRectF(x0, y0, x1 - x0, y1 - y0))


def test_whole_site_shows_every_building_and_no_more(canvas):
    for points in ("facilities", "public_points", "parking"):
        canvas.layer_items[points].setVisible(False)  # screen-sized marks
    centres = _centres(canvas)
    shown, empty = _shown(canvas, centres)
    assert len(shown) == len(centres)
    assert all(_close(c, FILL, 40) or _close(c, STROKE, 40) for c in shown)
    gaps, _ = _shown(canvas, centres + (STEP / 2, 0))
    assert all(_close(c, empty, 3) for c in gaps)


@pytest.mark.parametrize("fx", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("fy", [0.1, 0.5, 0.9])
def test_zoomed_in_every_building_in_view_is_filled(canvas, fx, fy):
    canvas.set_scale(1500)
    canvas.centerOn(X0 + fx * SIDE * STEP, Y0 + fy * SIDE * STEP)
    shown, empty = _shown(canvas, _centres(canvas))
    assert len(shown) >= 12
    assert all(_close(c, FILL, 3) for c in shown)
    gaps, _ = _shown(canvas, _centres(canvas) + (STEP / 2, 0))
    assert all(_close(c, empty, 3) for c in gaps)
    cafes, _ = _shown(canvas, shapely.get_coordinates(
        canvas.plan["facilities"].geometry.to_numpy()))
    assert cafes and all(_close(c, CAFE, 3) for c in cafes)


def test_north_is_up_in_tiles(canvas):
    canvas.set_scale(1500)
    canvas.centerOn(X0 + 1000, Y0 + 1000)
    south = canvas.mapFromScene(QPointF(X0 + 1015, Y0 + 1006))
    north = canvas.mapFromScene(QPointF(X0 + 1015, Y0 + 1024))
    assert north.y() < south.y()


def test_opacity_and_visibility_reach_every_tile(canvas):
    canvas.set_scale(1500)
    canvas.centerOn(X0 + 1000, Y0 + 1000)
    canvas.layer_items["buildings"].setOpacity(0.5)
    shown, empty = _shown(canvas, _centres(canvas))
    half = QColor(*((a + b) // 2 for a, b in zip(
        FILL.getRgb()[:3], empty.getRgb()[:3], strict=True)))
    assert shown and all(_close(c, half, 4) for c in shown)
    canvas.layer_items["buildings"].setVisible(False)
    shown, empty = _shown(canvas, _centres(canvas))
    assert shown and all(_close(c, empty, 3) for c in shown)


def test_paths_are_built_as_qt_would_add_them():
    ring = shapely.box(0, 0, 10, 10).difference(shapely.box(2, 2, 4, 4))
    line = shapely.LineString([(20, 0), (25, 5), (30, 0)])
    point = shapely.Point(50, 50)
    path = path_of(np.array([ring, line, point, None]), 3.0, "star")
    expected = QPainterPath()
    add_marker(expected, 50, 50, 3.0, "star")
    for coords in (line.coords, ring.exterior.coords,
                   ring.interiors[0].coords):
        expected.moveTo(*coords[0])
        for xy in coords[1:]:
            expected.lineTo(*xy)
    assert [(path.elementAt(i).type, path.elementAt(i).x,
             path.elementAt(i).y) for i in range(path.elementCount())] == \
        [(expected.elementAt(i).type, expected.elementAt(i).x,
          expected.elementAt(i).y) for i in range(expected.elementCount())]
    assert path.contains(QPointF(1, 1)) and not path.contains(QPointF(3, 3))
    assert path_of(np.array([shapely.Point()])).isEmpty()


def test_point_symbols_keep_their_screen_size_at_every_scale(canvas):
    """A cafe is as wide on screen at 1:3,000 as at 1:250, and as its
    legend swatch (within a pixel or two)."""
    from plannerdesk.model.symbology import STYLES
    from plannerdesk.qt.plan_layers import SCREEN_PX_PER_MM

    cafe = canvas.plan["facilities"].geometry.iloc[0]
    widths = []
    for scale in (3000, 1500, 250):
        canvas.set_scale(scale)
        canvas.centerOn(cafe.x, cafe.y)
        image = canvas.viewport().grab().toImage()
        at = canvas.mapFromScene(QPointF(cafe.x, cafe.y))
        left = right = at.x()  # the run of cafe colour through its centre
        while _close(image.pixelColor(left - 1, at.y()), CAFE, 40):
            left -= 1
        while _close(image.pixelColor(right + 1, at.y()), CAFE, 40):
            right += 1
        widths.append(right - left + 1)
    radius = STYLES["facilities"].size * SCREEN_PX_PER_MM
    assert max(widths) - min(widths) <= 2, widths
    assert abs(widths[0] - 2 * radius) <= 3, widths


def test_a_selected_point_is_ringed_at_the_same_screen_size_at_every_scale(
        qtbot, window):
    from plannerdesk.qt.selection import MARKER_PX

    fid = int(window.plan["facilities"].index[0])
    window.select("facilities", [fid])
    widths = []
    for scale in (20000, 2000, 200):
        window.canvas.set_scale(scale)
        ring = window.highlight.item.path().boundingRect()
        widths.append(ring.width() / window.canvas.map_units_per_pixel())
    assert all(abs(w - 2 * MARKER_PX) < 0.5 for w in widths), widths
