"""An evaluation after edits reuses the steps the edits left alone, and
gives what a fresh evaluation of the edited plan gives, edit after edit."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from plannerdesk.commands import (
    AddFeatures,
    DeleteFeatures,
    MoveFeatures,
    SetAttribute,
    SetSettings,
    UndoStack,
)
from plannerdesk.evaluate.memo import Memo
from plannerdesk.evaluate.network_form import form_samples
from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.tables import result_tables, summary
from plannerdesk.io.gpkg import open_plan

from .conftest import SAMPLE, frame

EDITS = settings(max_examples=9, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow,
                                        HealthCheck.function_scoped_fixture])
MOVED = ("facilities", "buildings", "parking", "public_points",
         "public_areas", "walkways", "zones")
offset = st.tuples(st.floats(-60, 60), st.floats(-60, 60))
edit = st.one_of(
    st.tuples(st.just("move"), st.sampled_from(MOVED), st.integers(0, 999),
              offset),
    st.tuples(st.just("add"), st.sampled_from(("cafe", "bank", "node_green")),
              offset),
    st.tuples(st.just("delete"), st.sampled_from(("facilities", "parking")),
              st.integers(0, 999)),
    st.tuples(st.just("capacity"), st.integers(0, 999), st.integers(0, 900)),
    st.tuples(st.just("employees"), st.integers(0, 999),
              st.integers(0, 3000)),
    st.tuples(st.just("radius"), st.sampled_from((200.0, 300.0, 450.0))),
    st.just(("undo",)))


@pytest.fixture(scope="module")
def sample():
    plan, _ = open_plan(SAMPLE)
    return plan


def _fid(plan, layer: str, pick: int) -> int:
    return int(plan[layer].index[pick % len(plan[layer])])


def _command(plan, step: tuple):
    """The command ``step`` asks for on ``plan``."""
    kind = step[0]
    if kind == "move":
        _, layer, pick, (dx, dy) = step
        return MoveFeatures(layer, [_fid(plan, layer, pick)], dx, dy)
    if kind == "add":
        _, what, (dx, dy) = step
        x, y = shapely.get_coordinates(plan["facilities"].geometry.iloc[0])[0]
        at = shapely.Point(x + dx, y + dy)
        if what == "node_green":
            return AddFeatures("public_points", frame([{
                "name": "new green", "kind": what, "geometry": at}],
                crs=plan.crs))
        return AddFeatures("facilities", frame([{
            "name": f"new {what}", "category": what, "geometry": at}],
            crs=plan.crs))
    if kind == "delete":
        return DeleteFeatures(step[1], [_fid(plan, step[1], step[2])])
    if kind == "capacity":
        return SetAttribute("parking", _fid(plan, "parking", step[1]),
                            "capacity", step[2])
    if kind == "employees":
        return SetAttribute("buildings", _fid(plan, "buildings", step[1]),
                            "employees", step[2])
    radii = dict(plan.settings.coverage.radii_m, cafe=step[1])
    return SetSettings(dataclasses.replace(
        plan.settings, coverage=dataclasses.replace(
            plan.settings.coverage, radii_m=radii)))


def _assert_same(got, want, where: str = "") -> None:
    """Equal, numbers to float rounding (a place's connector splits the
    street it joins, so a walk along it sums its pieces)."""
    if isinstance(want, dict):
        assert got.keys() == want.keys(), where
        for key in want:
            _assert_same(got[key], want[key], f"{where}.{key}")
    elif isinstance(want, list):
        assert len(got) == len(want), where
        for i, (a, b) in enumerate(zip(got, want, strict=True)):
            _assert_same(a, b, f"{where}[{i}]")
    elif isinstance(want, float) and isinstance(got, float):
        assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-6) or \
            (math.isnan(got) and math.isnan(want)), where
    else:
        assert got == want, where


def _assert_same_results(kept, fresh) -> None:
    _assert_same(summary(kept), summary(fresh), "summary")
    mine, theirs = result_tables(kept), result_tables(fresh)
    assert mine.keys() == theirs.keys()
    for name in theirs:
        pd.testing.assert_frame_equal(
            pd.DataFrame(mine[name]).drop(columns="geometry", errors="ignore"),
            pd.DataFrame(theirs[name]).drop(columns="geometry",
                                            errors="ignore"),
            check_exact=False, rtol=1e-9, atol=1e-6, obj=name)


@EDITS
@given(steps=st.lists(edit, min_size=1, max_size=4))
@example(steps=[("move", "walkways", 3, (8.0, -5.0)), ("undo",)])
@example(steps=[("move", "zones", 1, (40.0, 0.0)), ("radius", 450.0)])
@example(steps=[("employees", 7, 2500), ("delete", "parking", 2),
                ("add", "node_green", (-30.0, 12.5))])
@example(steps=[("move", "public_areas", 0, (15.0, 15.0)),
                ("capacity", 4, 0)])
def test_edits_evaluate_as_a_fresh_evaluation_would(sample, steps):
    plan = sample
    stack = UndoStack(plan)
    memo = Memo()
    evaluate(plan, memo=memo)
    try:
        for step in steps:
            if step[0] == "undo":
                if not stack.index:
                    continue
                stack.undo()
            else:
                stack.push(_command(plan, step))
            kept = evaluate(plan, memo=memo)
            _assert_same_results(kept, evaluate(plan))
    finally:
        while stack.index:
            stack.undo()


def test_an_edit_runs_only_the_steps_it_touches(sample):
    plan = sample
    memo = Memo()
    evaluate(plan, memo=memo)
    stack = UndoStack(plan)
    stack.push(SetAttribute("parking", _fid(plan, "parking", 0), "capacity",
                            999))
    try:
        evaluate(plan, memo=memo)
        assert set(memo.ran) == {"lots", "lots points", "parking",
                                 "parking_hours"}
        stack.push(MoveFeatures("facilities", [_fid(plan, "facilities", 0)],
                                20.0, 0.0))
        evaluate(plan, memo=memo)
        assert set(memo.ran) == {"facilities points",
                                 "facilities connectors", "coverage",
                                 "walkability", "exchange", "encounter"}
        evaluate(plan, memo=memo)
        assert memo.ran == []
        # network form walks from sample buildings only
        ctx = evaluate(plan, memo=memo).context
        others = np.setdiff1d(np.arange(len(ctx.buildings)),
                              form_samples(ctx, plan.settings.walk))
        stack.push(MoveFeatures("buildings",
                                [int(ctx.buildings.index[others[0]])],
                                5.0, 0.0))
        evaluate(plan, memo=memo)
        assert "network_form" not in memo.ran and "parking" in memo.ran
    finally:
        while stack.index:
            stack.undo()


def test_the_steps_side_by_side_give_what_one_thread_gives(sample,
                                                           monkeypatch):
    """A large plan's steps run on threads: the figures are the same."""
    from plannerdesk.evaluate import side_by_side

    alone = evaluate(sample)
    threads = []
    real = side_by_side.ThreadPoolExecutor

    def pool(*args, **kwargs):
        threads.append(kwargs.get("thread_name_prefix"))
        return real(*args, **kwargs)

    monkeypatch.setattr(side_by_side, "WORTH_IT", 0)
    monkeypatch.setattr(side_by_side, "CORES", 2)
    monkeypatch.setattr(side_by_side, "ThreadPoolExecutor", pool)
    _assert_same_results(evaluate(sample), alone)
    assert threads == ["prepare", "evaluator"]
