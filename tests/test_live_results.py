"""The results dock and overlays follow the plan as the planner edits."""

from __future__ import annotations

import shapely
from PySide6.QtCore import Qt

from .canvas_helpers import click, spec


def wait_for_results(qtbot, window):
    with qtbot.waitSignal(window.results.live.updated, timeout=20_000) as blocker:
        pass
    return blocker.args[0]


def internet_village_unmet(results) -> float:
    zones = results.parking.zones.set_index("zone")
    return zones.loc["Internet Village", "unmet"]


def test_a_new_lot_in_internet_village_reduces_its_unmet_demand(qtbot,
                                                                window):
    first = window.results.live.results or wait_for_results(qtbot, window)
    assert "Internet Village" in window.results.panel.summary.text()
    village = window.plan["zones"].set_index("name").loc[
        "Internet Village", "geometry"]
    x0, y0, x1, y1 = village.bounds
    window.use_tool(spec("Parking lot"))
    corners = [(x0 + 0.40 * (x1 - x0), y0 + 0.40 * (y1 - y0)),
               (x0 + 0.55 * (x1 - x0), y0 + 0.40 * (y1 - y0)),
               (x0 + 0.55 * (x1 - x0), y0 + 0.55 * (y1 - y0)),
               (x0 + 0.40 * (x1 - x0), y0 + 0.55 * (y1 - y0))]
    with qtbot.waitSignal(window.results.live.updated, timeout=20_000) as blocker:
        for xy in corners:
            click(qtbot, window, xy)
        qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    lot = window.plan["parking"].iloc[-1]
    assert shapely.Point(lot.geometry.centroid).within(village)
    assert lot["capacity"] > 100
    after = blocker.args[0]
    assert internet_village_unmet(after) < internet_village_unmet(first)
    assert window.results.live.results is after


def test_overlays_draw_results_and_follow_the_checkbox(qtbot, window):
    results = window.results.live.results or wait_for_results(qtbot, window)
    for name, action in window.results.overlay_actions.items():
        action.setChecked(True)
        window.results.redraw_overlays()
        item = window.results.overlay_items[name]
        assert item.scene() is window.canvas.scene()
        assert not item.childrenBoundingRect().isEmpty(), name
        action.setChecked(False)
        window.results.redraw_overlays()
        assert name not in window.results.overlay_items
    zones = results.parking.zones.set_index("zone")
    assert zones.loc["Yangpan Village", "flag"] == "surplus"
