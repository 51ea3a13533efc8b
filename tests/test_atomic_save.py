"""Saving is atomic: an interrupted save leaves the previous plan intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

import plannerdesk.io.gpkg as gpkg
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.model.problems import PlannerError

from .conftest import frame, pt


def _add_cafe(plan):
    plan.add_features("facilities", frame([
        {"name": "New cafe", "category": "cafe", "geometry": pt(10, 10)}]))


def test_failure_mid_write_keeps_previous_file(small_plan_path, monkeypatch):
    before = small_plan_path.read_bytes()
    plan, _ = open_plan(small_plan_path)
    _add_cafe(plan)
    real_write = gpkg.write_layer
    written = []

    def failing_write(path, name, layer, crs):
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(name)
        real_write(path, name, layer, crs)

    monkeypatch.setattr(gpkg, "write_layer", failing_write)
    with pytest.raises(PlannerError, match="previous file is unchanged"):
        save_plan(plan, small_plan_path)
    assert small_plan_path.read_bytes() == before
    assert sorted(p.name for p in small_plan_path.parent.iterdir()) == \
        ["plan.gpkg"]
    assert len(open_plan(small_plan_path)[0]["facilities"]) == 0


SAVER = """
import sys, geopandas as gpd, numpy as np, shapely
from plannerdesk.io.gpkg import open_plan, save_plan
plan, _ = open_plan(sys.argv[1])
n = 200_000
i = np.arange(n)
pts = gpd.GeoDataFrame({"name": [f"c{k}" for k in i], "category": "cafe"},
    geometry=shapely.points(498000 + i % 500, 3351500 + i // 500), crs=plan.crs)
plan.add_features("facilities", pts)
print("saving", flush=True)
while True:
    save_plan(plan, sys.argv[1])
"""


def test_killed_during_save_leaves_a_valid_plan(small_plan_path):
    """A save killed with SIGKILL while writing never damages the plan."""
    proc = subprocess.Popen([sys.executable, "-c", SAVER, str(small_plan_path)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "saving"
    folder = small_plan_path.parent
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".plan.saving") for p in folder.iterdir()):
        assert time.monotonic() < deadline, "the save never started"
        time.sleep(0.01)
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    plan, problems = open_plan(small_plan_path)
    assert len(plan["site"]) == 1
    assert len(plan["facilities"]) in (0, 200_000)
    assert not [p for p in problems if p.severity == "error"]
    save_plan(plan, small_plan_path)
    assert [p.name for p in folder.iterdir()] == ["plan.gpkg"]
