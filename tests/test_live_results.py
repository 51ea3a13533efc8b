"""The results dock and overlays follow the plan as the planner edits."""

from __future__ import annotations

import shapely
from PySide6.QtCore import Qt

from .canvas_helpers import click, colour_gap, spec


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
    shown = window.results.panel.summary.toPlainText()
    assert "Internet Village" in shown
    assert "→ Add one of them (fitness, sports ground) in Internet " \
        "Village" in shown, "the leisure recommendation is not shown"
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


ON_THE_SAMPLE = ("Coverage gaps", "Walk score", "Parking mismatch",
                 "Exchange reach", "Encounter potential", "Space syntax")
"""The overlays with something to draw on the sample (it has no walkway
islands: see test_network_faults for theirs)."""


def test_overlays_draw_results_and_follow_the_checkbox(qtbot, window):
    results = window.results.live.results or wait_for_results(qtbot, window)
    for name in ON_THE_SAMPLE:
        action = window.results.overlay_actions[name]
        action.setChecked(True)
        window.results.redraw_overlays()   # encounter: computed first
        qtbot.waitUntil(lambda name=name: name in
                        window.results.overlay_items, timeout=20_000)
        item = window.results.overlay_items[name]
        assert item.scene() is window.canvas.scene()
        assert not item.childrenBoundingRect().isEmpty(), name
        row = window.layer_panel.row(f"overlay: {name}")
        assert row.childCount() >= 1  # its legend
        assert window.layer_panel.keys()[0] == f"overlay: {name}"
        action.setChecked(False)
        window.results.redraw_overlays()
        assert name not in window.results.overlay_items
        assert f"overlay: {name}" not in window.layer_panel.keys()
    zones = results.parking.zones.set_index("zone")
    assert zones.loc["Yangpan Village", "flag"] == "surplus"


def _probe(results, name: str):
    """A map point where overlay ``name`` draws, and its legend fill."""
    from plannerdesk.evaluate.map_classes import score_bands
    from plannerdesk.qt.overlays import legend

    buildings = results.context.plan["buildings"]
    if name == "Coverage gaps":
        gaps = results.coverage.gaps
        gap = gaps.loc[gaps["target"] == "cafe"].geometry.area.idxmax()
        return gaps.geometry.loc[gap].representative_point(), \
            legend(name, results)[0][0]
    if name == "Walk score":
        fid = buildings.geometry.area.idxmax()
        score = results.walkability.buildings.loc[fid, "walk_score"]
        bands = score_bands(results.context.plan.settings.walk.bands)
        band = next(i for i, b in enumerate(bands) if score >= b.low)
        return buildings.geometry.loc[fid].representative_point(), \
            legend(name, results)[band][0]
    if name == "Parking mismatch":
        zones = results.context.zones.set_index("name")
        return zones.geometry.loc["Internet Village"].representative_point(), \
            legend(name, results)[0][0]
    if name == "Space syntax":   # the middle of the longest segment
        from plannerdesk.evaluate.map_classes import syntax_classes

        s = results.space_syntax
        longest = int(s.segments["length_m"].idxmax())
        kind = syntax_classes(s.segments["integration"])[longest]
        return s.geometry[longest].interpolate(0.5, normalized=True), \
            legend(name, results)[kind][1]
    if name == "Encounter potential":   # the best area space, filled
        from plannerdesk.evaluate.map_classes import encounter_classes

        e = results.encounter
        areas = e.spaces.index[e.spaces["layer"] == "public_areas"]
        best = e.spaces.loc[areas, "encounter_potential"].idxmax()
        kind = encounter_classes(e.spaces["encounter_potential"])[best]
        return e.geometry[best].representative_point(), \
            legend(name, results)[kind][0]
    subjects = results.exchange.buildings
    fid = buildings.geometry.loc[subjects.index].area.idxmax()
    near = subjects.loc[fid, "walk_to_exchange_m"] <= results.exchange.limit_m
    return buildings.geometry.loc[fid].representative_point(), \
        legend(name, results)[0 if near else 1][0]


def test_each_overlay_shows_its_legend_colour_on_screen(qtbot, window,
                                                        tmp_path):
    """Screenshot per overlay: where it draws, the pixel moves towards the
    colour its legend gives."""
    from PySide6.QtCore import QPointF

    results = window.results.live.results or wait_for_results(qtbot, window)
    window.results.gap_target.setCurrentText("cafe")
    for name in ON_THE_SAMPLE:
        action = window.results.overlay_actions[name]
        wanted = {"Encounter potential": "encounter",
                  "Space syntax": "space_syntax"}.get(name)
        if wanted:   # left out of the live run: computed when shown
            action.setChecked(True)
            window.results.redraw_overlays()
            qtbot.waitUntil(lambda: getattr(results, wanted) is not None,
                            timeout=20_000)
            action.setChecked(False)
            window.results.redraw_overlays()
        where, fill = _probe(results, name)
        spot = window.canvas.viewport().mapTo(
            window, window.canvas.mapFromScene(QPointF(where.x, where.y)))
        before = window.grab().toImage().pixelColor(spot)
        action.setChecked(True)
        window.results.redraw_overlays()
        shot = window.grab()
        shot.save(str(tmp_path / f"{name}.png"))
        after = shot.toImage().pixelColor(spot)
        action.setChecked(False)
        window.results.redraw_overlays()
        assert colour_gap(after, fill) < colour_gap(before, fill), name


def test_a_building_without_a_score_is_in_no_band_on_either_map(qtbot):
    """The app's overlay, the report's map and the zone table read a
    missing walk score alike: no band, no colour (and not the best one)."""
    import numpy as np

    from plannerdesk.evaluate.map_classes import NO_SCORE, band_name, score_class
    from plannerdesk.evaluate.run import evaluate
    from plannerdesk.io.gpkg import open_plan
    from plannerdesk.qt.overlays import walk_scores

    from .conftest import SAMPLE

    results = evaluate(open_plan(SAMPLE)[0], only=("walkability",))
    table = results.walkability.buildings
    bands = results.context.plan.settings.walk.bands
    drawn = _outlines(walk_scores(results))
    table.loc[table.index[:3], "walk_score"] = np.nan
    assert (score_class(table["walk_score"], bands)[:3] == NO_SCORE).all()
    assert band_name(float("nan"), bands) == band_name(None, bands) == ""
    assert _outlines(walk_scores(results)) == drawn - 3


def _outlines(group) -> int:
    """Polygons an overlay draws (one closed path each)."""
    return sum(len(tile.path.toSubpathPolygons())
               for tile in group.childItems())


def test_only_the_chart_in_view_is_drawn_after_an_edit(qtbot, window):
    """New results redraw the chart on screen; another tab's chart is
    drawn, from the newest results, when it is shown."""
    panel = window.results.panel
    results = window.results.live.results or wait_for_results(qtbot, window)
    panel.tabs.setCurrentIndex(0)

    def drawn() -> set[str]:
        return {name for name, view in panel.canvases.items()
                if view.chart is not None}

    for view in panel.canvases.values():
        view.show_chart(None)
    panel.show_results(results)
    assert drawn() == {"Coverage"}
    panel.tabs.setCurrentIndex(2)
    assert drawn() == {"Coverage", "Parking"}
    chart = panel.canvases["Parking"].chart
    assert [len(s.values) for s in chart.series] == \
        [len(results.parking.per_zone)] * 2  # supply and demand
    panel.tabs.setCurrentIndex(0)
    panel.tabs.setCurrentIndex(2)
    assert panel.canvases["Parking"].chart is chart  # not made again


def test_edits_during_an_evaluation_are_evaluated_once_after_it(qtbot,
                                                                window):
    """The first edit is evaluated at once; the edits made while it runs
    are evaluated together when it ends, and only their results show."""
    from plannerdesk.commands import SetAttribute

    live = window.results.live
    window.results.live.results or wait_for_results(qtbot, window)
    qtbot.waitUntil(lambda: not live.busy(), timeout=20_000)
    lots = window.plan["parking"]
    fid = int(lots.index[0])
    runs = []
    live.started.connect(lambda: runs.append(1))
    window.push_command(SetAttribute("parking", fid, "capacity", 1))
    qtbot.waitUntil(lambda: live.running, timeout=5_000)
    for capacity in (2, 3, 4000):
        window.push_command(SetAttribute("parking", fid, "capacity",
                                         capacity))
    with qtbot.waitSignal(live.updated, timeout=20_000) as blocker:
        pass
    assert len(runs) == 2 and not live.busy()
    shown = blocker.args[0].parking.lots.loc[fid, "capacity"]
    assert shown == 4000


def test_a_run_ending_after_an_edit_does_not_show_its_results(qtbot,
                                                              window):
    """A run that ends when the plan has been edited since (its edit's
    evaluation not yet started) shows nothing: the edited plan's results
    follow."""
    from plannerdesk.commands import SetAttribute

    live = window.results.live
    live.results or wait_for_results(qtbot, window)
    qtbot.waitUntil(lambda: not live.busy(), timeout=20_000)
    earlier = live.results
    fid = int(window.plan["parking"].index[0])
    window.push_command(SetAttribute("parking", fid, "capacity", 4321))
    assert live.timer.isActive()  # due, not yet started
    shown = []
    live.updated.connect(shown.append)
    live.running = True
    live._done(earlier, live.generation, 1.0)  # an earlier run ends now
    assert shown == [] and live.busy()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert shown[0].parking.lots.loc[fid, "capacity"] == 4321


def test_a_failed_evaluation_leaves_no_stale_results_to_compare_or_export(
        qtbot, window, monkeypatch):
    """When the plan's evaluation fails, neither the comparison nor the
    export uses the results of an earlier state; the next edit evaluates
    again."""
    import plannerdesk.qt.evaluation as evaluation
    from plannerdesk.commands import SetAttribute

    live = window.results.live
    live.results or wait_for_results(qtbot, window)
    qtbot.waitUntil(lambda: not live.busy(), timeout=20_000)
    real = evaluation.freeze

    def broken(plan, names=None):
        raise MemoryError("no room")

    monkeypatch.setattr(evaluation, "freeze", broken)
    fid = int(window.plan["parking"].index[0])
    with qtbot.waitSignal(live.failed, timeout=5_000):
        window.push_command(SetAttribute("parking", fid, "capacity", 7))
    assert live.results is None and not live.busy()
    said = []
    window.session.status.connect(lambda text, ms: said.append(text))
    window.reports.export_results()
    assert "evaluation failed" in said[-1]
    monkeypatch.setattr(evaluation, "freeze", real)
    with qtbot.waitSignal(live.updated, timeout=20_000) as blocker:
        window.push_command(SetAttribute("parking", fid, "capacity", 8))
    assert blocker.args[0].parking.lots.loc[fid, "capacity"] == 8


def test_the_chart_keeps_its_size_while_an_edit_is_evaluated(qtbot, window):
    """The progress bar shown during an evaluation takes room it kept, so
    the chart neither jumps nor is drawn again for being resized."""
    from plannerdesk.commands import MoveFeatures

    panel = window.results.panel
    window.results.live.results or wait_for_results(qtbot, window)
    qtbot.waitUntil(lambda: "Coverage" in panel.canvases)
    canvas = panel.canvases["Coverage"]
    qtbot.wait(100)  # laid out in its tab
    size = canvas.size()
    cafe = int(window.plan["facilities"].query("category == 'cafe'").index[0])
    window.push_command(MoveFeatures("facilities", [cafe], 20.0, 0.0))
    qtbot.waitUntil(panel.busy.isVisible)
    assert canvas.size() == size
    wait_for_results(qtbot, window)
    assert not panel.busy.isVisible() and canvas.size() == size
