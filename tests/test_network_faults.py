"""Faults of a real walkway network made visible, and results that do not
depend on an internal choice: walkway islands, places as far from two
streets, dead ends on the site outline, and a plan with no site."""

from __future__ import annotations

import numpy as np
import pytest

from plannerdesk.cli import main
from plannerdesk.evaluate.context import prepare
from plannerdesk.evaluate.findings import findings
from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.tables import summary
from plannerdesk.io.gpkg import open_plan, save_plan

from .conftest import SAMPLE, box
from .microsites import building, facility, line, plan_of, street


def island_plan():
    """A street, and a 30 m courtyard path that joins nothing: the building
    at x = 700 is nearer to the path (30 m) than to the street (35 m)."""
    return plan_of(
        site=[{"name": "Site", "geometry": box(0, -50, 1000, 200)}],
        walkways=[street(), {"name": "Courtyard path", "kind": "path",
                             "geometry": line((690, 65), (720, 65))}],
        buildings=[building(100, name="Lab"),
                   building(700, name="Courtyard house")],
        facilities=[facility(300, "cafe")])


def test_a_building_on_a_walkway_island_is_a_finding_with_its_place():
    results = evaluate(island_plan())
    islands = results.context.islands
    assert len(islands.parts) == 1
    part = islands.parts.iloc[0]
    assert part["length_m"] == pytest.approx(30)
    assert part["buildings"] == 1
    # the nearest point of the main network is 65 m south, on the street
    assert part["gap_m"] == pytest.approx(65)
    found = [f for f in findings(results) if "walkway islands" in f.text]
    assert found[0].text.startswith(
        "1 building(s) sit on 1 of the 1 walkway islands")
    assert found[0].remedy.startswith(
        "Draw the missing walkway links near Courtyard house")
    assert np.isinf(results.context.distances("cafe")[1])


def test_island_size_limits_are_settings():
    plan = island_plan()
    plan.settings.walk.island_max_length_m = 20.0
    plan.settings.walk.island_max_nodes = 2
    assert prepare(plan).islands.parts.empty


def test_validate_counts_the_places_on_walkway_islands(tmp_path, capsys):
    path = tmp_path / "plan.gpkg"
    save_plan(island_plan(), path)
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert "1 walkway island(s), parts of the network cut off from the " \
        "rest, hold 1 building(s):" in err
    assert "island 1 (Courtyard path, 30 m of walkway) holds 1 building(s)" \
        "; the main network is 65 m away, near Courtyard house" in err


@pytest.mark.parametrize("north", [False, True])
def test_a_place_as_far_from_two_streets_joins_both(north):
    # the meeting room is exactly 80 m from two parallel streets; the
    # building sits on one of them, 1 km from any link between them
    y = 25 if north else -205
    plan = plan_of(
        walkways=[street(0, 2000, 0), street(0, 2000, -160),
                  {"kind": "path", "geometry": line((0, 0), (0, -160))}],
        buildings=[{**building(1000), "geometry": box(990, y, 1010, y + 20)}],
        facilities=[facility(1000, "meeting_room", y=-80)])
    # 35 m to the nearer street, then 80 m to the room
    assert prepare(plan).distances("meeting_room") == pytest.approx([115.0])


def test_on_the_sample_no_walk_depends_on_which_equal_street_is_taken():
    plan = open_plan(SAMPLE)[0]
    ctx = prepare(plan)
    rooms = plan["facilities"]
    rooms = rooms[rooms["category"] == "meeting_room"]
    # every place joins every segment within 1 cm of its nearest one
    net = ctx.net
    start = len(ctx.buildings) + len(ctx.lots)
    links = [np.diff(net.graph[net.place_node[start + i]].indptr)[0]
             for i in range(len(plan["facilities"]))]
    tied = [fid for fid, n in zip(plan["facilities"].index, links,
                                  strict=True) if n > 1]
    assert set(tied) & set(rooms.index)


def test_dead_ends_on_the_site_outline_are_inside_the_site():
    # a cross of two streets whose four dead ends lie on the outline, at
    # coordinates that millimetre rounding moves 0.4 mm outside
    edge = 0.0006
    plan = plan_of(
        site=[{"name": "Site", "geometry": box(-edge, -50 - edge,
                                               500 + edge, 50 + edge)}],
        walkways=[street(-edge, 500 + edge, 0),
                  {"kind": "street",
                   "geometry": line((250, -50 - edge), (250, 50 + edge))}])
    form = evaluate(plan, only=("network_form",)).network_form.site
    # 600 m of street in four links, each from the crossing to a dead end
    assert form["mean_block_length_m"] == pytest.approx(150.0, abs=0.01)


def test_without_a_site_every_evaluator_uses_the_buildings_extent():
    plan = plan_of(walkways=[street(0, 400, 0), street(0, 400, 100),
                             {"kind": "street", "geometry":
                              line((200, -100), (200, 200))}],
                   buildings=[building(100), building(300)],
                   facilities=[facility(200, "cafe")])
    results = evaluate(plan)
    extent = results.context.study_area
    assert extent.source == "the buildings' extent"
    assert extent.geometry.bounds == pytest.approx(
        box(90, 10, 310, 60).bounds)
    form = results.network_form.site
    assert form["area_km2"] == pytest.approx(extent.geometry.area / 1e6)
    cells = results.context.cells
    assert cells.geometry.union_all().area == pytest.approx(
        extent.geometry.area)
    data = summary(results)
    assert data["study_area"]["source"] == "the buildings' extent"
    assert data["study_area"]["area_ha"] == pytest.approx(220 * 50 / 1e4)
    assert any("No site is drawn" in f.text for f in findings(results))


def test_the_islands_overlay_shows_the_island_and_its_missing_link(
        qtbot, tmp_path):
    from PySide6.QtCore import QPointF

    from plannerdesk.qt.app import open_window
    from plannerdesk.qt.overlays import legend

    from .canvas_helpers import colour_gap
    from .test_live_results import wait_for_results

    path = tmp_path / "islands.gpkg"
    save_plan(island_plan(), path)
    window = open_window(path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    results = window.results.live.results or wait_for_results(qtbot, window)
    action = window.results.overlay_actions["Walkway islands"]
    house = results.context.plan["buildings"].geometry.iloc[1]
    spot = window.canvas.viewport().mapTo(window, window.canvas.mapFromScene(
        QPointF(house.centroid.x, house.centroid.y)))
    before = window.grab().toImage().pixelColor(spot)
    action.setChecked(True)
    window.results.redraw_overlays()
    shot = window.grab()
    shot.save(str(tmp_path / "islands.png"))
    fill = legend("Walkway islands", results)[1][0]
    assert colour_gap(shot.toImage().pixelColor(spot), fill) < \
        colour_gap(before, fill)
    row = window.layer_panel.row("overlay: Walkway islands")
    assert row.childCount() == 3


def test_the_report_has_a_page_of_islands_and_states_the_study_area(
        tmp_path):
    from pypdf import PdfReader

    from plannerdesk.report.build import build_report

    plan = island_plan()
    build_report(plan, tmp_path / "islands.pdf")
    pages = [p.extract_text() for p in PdfReader(tmp_path /
                                                 "islands.pdf").pages]
    islands = [t for t in pages if "walkway island\nplace on an island" in t]
    assert islands and "draw the missing link" in islands[0]
    assert "Courtyard house" in " ".join(islands)
    contents = pages[0]
    assert "Walkway islands" in contents
    assert any("The figures cover the site." in t for t in pages)
    no_site = plan_of(walkways=[street()], buildings=[building(100)],
                      facilities=[facility(300, "cafe")])
    build_report(no_site, tmp_path / "no_site.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(
        tmp_path / "no_site.pdf").pages)
    assert "No site is drawn: the figures cover the buildings' extent" in text
    assert "Walkway islands" not in text


def test_a_place_as_near_an_island_as_the_street_does_not_hide_it():
    # the house's centroid is 35 m from the street and from the courtyard
    # path: it joins both, but no walk passes through it, so the path is
    # still cut off
    plan = island_plan()
    ways = plan["walkways"].copy()
    ways.loc[ways.index[1], "geometry"] = line((690, 70), (720, 70))
    plan.replace_layer("walkways", ways)
    assert len(prepare(plan).islands.parts) == 1


def test_a_plan_of_one_walkway_evaluates(tmp_path, capsys):
    path = tmp_path / "line.gpkg"
    save_plan(plan_of(walkways=[street()]), path)
    assert main(["evaluate", str(path), "--quiet"]) == 0
    assert "Traceback" not in capsys.readouterr().err
