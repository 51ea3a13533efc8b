"""Edits reach the map and the snapping index feature by feature: what a
change names is drawn and indexed anew, nothing else, and the result is
what drawing and indexing the whole plan again would give."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF

from plannerdesk.commands import (
    AddFeatures,
    DeleteFeatures,
    MoveFeatures,
    SetAttribute,
    SetGeometry,
    UndoStack,
)
from plannerdesk.model import snapping
from plannerdesk.model.plan import Plan
from plannerdesk.model.snapping import Snapper
from plannerdesk.qt.plan_layers import LayerDrawing

from .conftest import box, frame, pt

CATEGORIES = ("cafe", "restaurant", "bank", "sauna")  # sauna: no category
EDITS = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow,
                                        HealthCheck.function_scoped_fixture])

xy = st.tuples(st.floats(0, 400), st.floats(0, 400))
edit = st.one_of(
    st.tuples(st.just("add"), xy, st.sampled_from(CATEGORIES)),
    st.tuples(st.just("delete"), st.integers(0, 99)),
    st.tuples(st.just("move"), st.integers(0, 99), xy),
    st.tuples(st.just("reshape"), st.integers(0, 99), xy),
    st.tuples(st.just("category"), st.integers(0, 99),
              st.sampled_from(CATEGORIES)),
    st.just(("undo",)))


def _plan() -> Plan:
    plan = Plan(crs="EPSG:4549")
    plan.add_features("facilities", frame([
        {"category": CATEGORIES[i % 4], "geometry": pt(37 * i % 400,
                                                       53 * i % 400)}
        for i in range(300)]))
    plan.add_features("buildings", frame([
        {"use": "office", "floors": 2,
         "geometry": box(x, y, x + 15, y + 15)}
        for x in range(0, 400, 25) for y in range(0, 400, 25)]))
    return plan


def _command(plan: Plan, step: tuple):
    """The command ``step`` asks for, or None where it cannot apply."""
    kind = step[0]
    layer = "facilities"
    fids = plan[layer].index
    if kind == "add":
        (x, y), category = step[1], step[2]
        return AddFeatures(layer, frame([{"category": category,
                                          "geometry": pt(x, y)}]))
    if kind == "undo" or not len(fids):
        return None
    fid = int(fids[step[1] % len(fids)])
    if kind == "delete":
        return DeleteFeatures(layer, [fid])
    if kind == "move":
        return MoveFeatures(layer, [fid], step[2][0] / 10, step[2][1] / 10)
    if kind == "reshape":
        return SetGeometry(layer, fid, pt(*step[2]))
    return SetAttribute(layer, fid, "category", step[2])


def _classes(drawing: LayerDrawing) -> dict[int, int]:
    """Each drawn feature's symbol class, as the tiles hold them."""
    held = {}
    for klass, fids, _ in drawing.tiles:
        for fid in fids:
            assert fid not in held  # drawn once
            held[int(fid)] = klass
    return held


@pytest.mark.parametrize("rebuild_after", [3, snapping.REBUILD_AFTER])
@EDITS
@given(steps=st.lists(edit, min_size=1, max_size=25))
def test_edits_redraw_and_index_what_a_full_rebuild_gives(
        qapp, monkeypatch, rebuild_after, steps):
    """(With the snapping index rebuilt after 3 changes too.)"""
    monkeypatch.setattr(snapping, "REBUILD_AFTER", rebuild_after)
    plan = _plan()
    drawing = LayerDrawing(plan, "facilities")
    snapper = Snapper({"facilities": plan["facilities"].geometry,
                       "buildings": plan["buildings"].geometry})
    plan.listeners.append(drawing.update)
    plan.listeners.append(lambda change: snapper.update(
        change, plan[change.layer].geometry))
    told = []
    plan.listeners.append(told.append)
    stack = UndoStack(plan)
    for step in steps:
        before = plan["facilities"]  # frames are replaced, never changed
        told.clear()
        command = _command(plan, step)
        if command is not None:
            stack.push(command)
        elif stack.index:
            stack.undo()
        fresh = LayerDrawing(plan, "facilities")
        assert _classes(drawing) == _classes(fresh)
        for _, fids, tile in drawing.tiles:
            for fid in fids:
                point = plan["facilities"].geometry.loc[fid]
                assert tile.path.controlPointRect().adjusted(
                    -1e-6, -1e-6, 1e-6, 1e-6).contains(
                    QPointF(point.x, point.y))
        whole = Snapper({"facilities": plan["facilities"].geometry,
                         "buildings": plan["buildings"].geometry})
        named = [fid for change in told for fid in change.fids]
        probes = [(g.x, g.y) for layer in (before, plan["facilities"])
                  for g in layer.geometry[layer.index.isin(named)]]
        for x, y in probes + [(x + 2.5, y - 1.5) for x, y in probes]:
            got, want = snapper.snap(x, y, 6.0), whole.snap(x, y, 6.0)
            assert (got is None) == (want is None)
            if want is not None:
                assert got.kind == want.kind
                assert np.hypot(got.x - x, got.y - y) == pytest.approx(
                    np.hypot(want.x - x, want.y - y), abs=1e-9)

def test_moving_a_building_redraws_its_tiles_only(window, qtbot):
    """The moved building shows at its new place and no longer at the
    old one; every tile without it is the very item it was."""
    drawing = window.drawings["buildings"]
    before = {id(tile): fids for _, fids, tile in drawing.tiles}
    fid = int(window.plan["buildings"].index[len(before) * 3])
    old = window.plan["buildings"].geometry.loc[fid]
    window.push_command(MoveFeatures("buildings", [fid], 0.0, -400.0))
    new = window.plan["buildings"].geometry.loc[fid]
    holding = [tile for _, fids, tile in drawing.tiles if fid in fids]
    assert len(holding) == 1
    redrawn = [tile for _, _, tile in drawing.tiles if id(tile) not in before]
    assert holding[0] in redrawn and len(redrawn) <= 2
    assert sum(len(fids) for _, fids, _ in drawing.tiles) == \
        len(window.plan["buildings"])
    centre = new.representative_point()
    assert holding[0].path.contains(QPointF(centre.x, centre.y))
    assert not any(tile.path.contains(QPointF(old.centroid.x, old.centroid.y))
                   for _, _, tile in drawing.tiles)
    snap = window.canvas.snapper.snap(*shapely.get_coordinates(new)[0], 0.5)
    assert snap is not None and snap.kind == "vertex"
    assert window.canvas.snapper.snap(*shapely.get_coordinates(old)[0],
                                      0.5) is None


def test_a_new_category_moves_a_facility_to_its_symbol(window):
    drawing = window.drawings["facilities"]
    cafes = window.plan["facilities"].query("category == 'cafe'").index
    fid = int(cafes[0])
    window.push_command(SetAttribute("facilities", fid, "category", "bank"))
    classes = _classes(drawing)
    bank = list(drawing.style.categories).index("bank")
    assert classes[fid] == bank
    assert window.layer_panel.items["facilities"] is drawing.group
