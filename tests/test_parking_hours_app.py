"""Parking by hour and Find parking in the window: the dock's hour on the
map and in its chart, the offers of a click with their routes, as the
command line finds them; and a click of a real mouse in a real X window."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QColor

from plannerdesk.cli import main
from plannerdesk.commands import SetAttribute
from plannerdesk.evaluate.context import prepare
from plannerdesk.evaluate.parking_hours import LEAST_UNMET, parking_hours
from plannerdesk.io.gpkg import open_plan
from plannerdesk.model.symbology import OCCUPANCY_CLASSES

from .canvas_helpers import click, colour_gap
from .real_x import RealApp

BUILDING = "INT-0643"   # in Internet Village, short of parking at 10:00


def shown_hour(qtbot, window, day: str, hour: int):
    """Open the dock at ``hour`` of ``day``; wait for the whole day."""
    clock = window.parking_clock
    qtbot.waitUntil(lambda: window.results.live.results is not None,
                    timeout=20_000)
    window.findChild(type(clock.dock), "parking_hours").toggleViewAction() \
        .trigger()
    clock.set_when(day, hour)
    qtbot.waitUntil(lambda: day in clock.days, timeout=20_000)
    return clock


def test_the_dock_shows_the_hour_on_the_map_and_the_day_in_a_chart(
        qtbot, window, sample_copy):
    clock = shown_hour(qtbot, window, "weekday", 10)
    assert clock.dock.isVisible()
    plan, _ = open_plan(sample_copy)   # worked out apart from the window
    ctx = prepare(plan)
    hours = parking_hours(ctx, parking=plan.settings.parking,
                          times=[("weekday", 10), ("weekday", 3)])
    at10 = hours.at("weekday", 10).set_index("zone")
    short = int((at10["unmet"].drop("(site)") >= LEAST_UNMET).sum())
    assert clock.summary.text().startswith(
        f"10:00 on a weekday: {short} of {len(ctx.zones)} zones short "
        f"({at10.loc['(site)', 'unmet']:,.0f} spaces unmet)")
    assert "overlay: parking by hour" in window.layer_panel.items
    # a full lot is drawn red and an idle one blue, where they are
    lots = hours.lot_hours[hours.lot_hours["hour"] == 10].set_index("lot")
    share = lots["used"] / lots["capacity"]
    image = window.canvas.viewport().grab().toImage()
    for lot, colour in ((share.idxmax(), OCCUPANCY_CLASSES[-1][1]),
                        (share.idxmin(), OCCUPANCY_CLASSES[0][1])):
        point = ctx.lots.loc[lot, "point"]
        pixel = window.canvas.mapFromScene(point.x, point.y)
        assert colour_gap(image.pixelColor(pixel), QColor(colour)) < 60, lot
    # the chart: the chosen zone's 24 hours with the dock's hour marked
    clock.zone.setCurrentIndex(clock.zone.findData("Internet Village"))
    chart = clock.chart.chart
    assert chart.marked == 10 and len(chart.served) == 24
    assert chart.unmet[10] == pytest.approx(
        at10.loc["Internet Village", "unmet"])
    # at 03:00 the offices are empty: fewer zones short
    clock.set_when("weekday", 3)
    at3 = hours.at("weekday", 3).set_index("zone")
    assert clock.summary.text().startswith(
        f"03:00 on a weekday: "
        f"{int((at3['unmet'].drop('(site)') >= LEAST_UNMET).sum())} of")
    assert clock.chart.chart.marked == 3


def test_an_edit_refreshes_the_hour(qtbot, window):
    """The busiest lot at 10:00 closed (no capacity): the dock's figures
    follow the edit."""
    clock = shown_hour(qtbot, window, "weekday", 10)
    day = clock.days["weekday"]
    before = day.zone("(site)").loc[10, "unmet"]
    at10 = day.lot_hours[day.lot_hours["hour"] == 10]
    busiest = int(at10.loc[at10["used"].idxmax(), "lot"])
    window.push_command(SetAttribute("parking", busiest, "capacity", 0))
    qtbot.waitUntil(lambda: "weekday" in clock.days and clock.days[
        "weekday"].zone("(site)").loc[10, "unmet"] > before + 10,
        timeout=30_000)
    assert clock.summary.text().startswith("10:00 on a weekday")


def test_a_click_lists_the_lots_the_command_line_finds(qtbot, window,
                                                       sample_copy,
                                                       tmp_path):
    clock = shown_hour(qtbot, window, "weekday", 10)
    assert clock.action in window.draw_bar.actions()
    clock.action.trigger()
    assert clock.action.isChecked()
    buildings = window.plan["buildings"]
    target = buildings[buildings["name"] == BUILDING].geometry.iloc[0]
    inside = target.representative_point()
    click(qtbot, window, (inside.x, inside.y))
    qtbot.waitUntil(lambda: clock.offers.rowCount() > 0, timeout=20_000)
    out = tmp_path / "offers.json"
    assert main(["find-parking", str(sample_copy), "--building", BUILDING,
                 "--time", "10:00", "--json", str(out)]) == 0
    offers = json.loads(out.read_text())["lots"]
    listed = [[clock.offers.item(r, c).text() for c in range(4)]
              for r in range(clock.offers.rowCount())]
    assert listed == [[o["name"], f"{o['spare']:,.0f}", f"{o['walk_m']:,.0f}",
                       f"{o['minutes']:.0f}"] for o in offers]
    assert BUILDING in clock.found.text()
    assert len(clock.routes) == len(offers)
    for route, offer in zip(clock.routes, offers, strict=True):
        assert route.length == pytest.approx(offer["walk_m"], abs=0.01)
    legend = window.layer_panel.row("overlay: parking by hour")
    assert "walk to a lot with spare spaces" in [
        legend.child(i).text(0) for i in range(legend.childCount())]
    # picking an offer selects its lot on the map; its results say its
    # use at the dock's hour, as the offer does
    clock.offers.selectRow(0)
    lots = window.plan["parking"]
    assert window.session.selection.fids == {
        "parking": [int(lots.index[lots["name"] == offers[0]["name"]][0])]}
    shown = {window.feature_results.item(r, 0).text():
             window.feature_results.item(r, 1).text()
             for r in range(window.feature_results.rowCount())}
    assert shown["at 10:00 on a weekday"].endswith(
        f"{offers[0]['spare']:,.0f} spare")
    # another hour, other spare spaces: the list follows the slider
    clock.set_when("weekday", 20)
    qtbot.waitUntil(lambda: "20:00" in clock.found.text(), timeout=20_000)
    assert [clock.offers.item(r, 1).text()
            for r in range(clock.offers.rowCount())] != [
        row[1] for row in listed]
    # another tool ends the finder
    window.use_tool(None)
    assert not clock.action.isChecked()


FIND = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from plannerdesk.qt.app import open_window

app = QApplication([])
window = open_window(sys.argv[1], recover=lambda _: False)
window.resize(1200, 800)
window.move(0, 0)
window.show()
canvas, clock = window.canvas, window.parking_clock

def say(**what):
    print(json.dumps(what), flush=True)

def listed():
    rows = clock.offers.rowCount()
    if rows:
        say(kind="offers", found=clock.found.text(),
            names=[clock.offers.item(r, 0).text() for r in range(rows)])

def ready():
    if window.results.live.results is None:
        QTimer.singleShot(200, ready)
        return
    window.zoom_to_plan()
    clock.start()
    b = window.plan["buildings"]
    inside = b[b["name"] == sys.argv[2]].geometry.iloc[0].representative_point()
    on = canvas.mapFromScene(inside.x, inside.y)
    at = canvas.viewport().mapToGlobal(on)
    clock.offers.model().rowsInserted.connect(lambda *_: QTimer.singleShot(
        50, listed))
    say(kind="ready", at=[at.x(), at.y()])

QTimer.singleShot(500, ready)
app.exec()
"""


def test_find_parking_under_a_real_mouse(x_display, sample_copy, tmp_path):
    """In a real window, a click of the pointer on a building with Find
    parking on lists its lots."""
    app = RealApp(x_display, FIND, str(sample_copy), BUILDING, home=tmp_path)
    try:
        x, y = app.read("ready")["at"]
        app.xdotool("mousemove", str(x), str(y))
        app.xdotool("click", "1")
        offers = app.read("offers")
    finally:
        app.close()
    assert BUILDING in offers["found"] and "10:00" in offers["found"]
    assert len(offers["names"]) >= 2

