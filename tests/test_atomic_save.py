"""A save is one SQLite transaction on the plan itself: a process killed in
the middle of it, or a disk that fills up, leaves the old plan or the new
one, never a damaged file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from plannerdesk.io.gpkg import open_plan, save_plan

SAVER = """
import sys, geopandas as gpd, numpy as np, shapely
from plannerdesk.io.gpkg import open_plan, save_plan
plan, _ = open_plan(sys.argv[1])
n = 100_000
i = np.arange(n)
pts = gpd.GeoDataFrame({"name": [f"c{k}" for k in i], "category": "cafe"},
    geometry=shapely.points(498000 + i % 500, 3351500 + i // 500), crs=plan.crs)
plan.add_features("facilities", pts)
print("saving", flush=True)
save_plan(plan, sys.argv[1])
print("saved", flush=True)
"""


def _journal_mode(path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA journal_mode").fetchone()[0]


def _set_journal_mode(path, mode: str) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA journal_mode = {mode}")
    db.close()


@pytest.mark.parametrize("mode,delay", [
    ("delete", 0.0), ("delete", 0.3), ("delete", 1.0), ("wal", 0.3)])
def test_killed_during_save_leaves_the_old_or_the_new_plan(
        small_plan_path, mode, delay):
    """SIGKILL at several points of a real save: the plan opens with either
    none or all of the new features, and saves again cleanly."""
    _set_journal_mode(small_plan_path, mode)
    proc = subprocess.Popen([sys.executable, "-c", SAVER,
                             str(small_plan_path)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "saving"
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    plan, problems = open_plan(small_plan_path)
    assert len(plan["site"]) == 1
    assert len(plan["facilities"]) in (0, 100_000)
    assert not [p for p in problems if p.severity == "error"]
    with sqlite3.connect(small_plan_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _journal_mode(small_plan_path) == mode
    plan.add_features("zones", plan["site"].assign(name="Whole site"))
    save_plan(plan, small_plan_path)
    assert len(open_plan(small_plan_path)[0]["zones"]) == 1
    assert {p.name for p in small_plan_path.parent.iterdir()} <= {
        "plan.gpkg", "plan.gpkg-wal", "plan.gpkg-shm"}


FULL_DISK = """
import resource, signal, sys, geopandas as gpd, numpy as np, shapely
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.model.problems import PlannerError
plan, _ = open_plan(sys.argv[1])
i = np.arange(50_000)
plan.add_features("facilities", gpd.GeoDataFrame(
    {"name": [f"c{k}" for k in i], "category": "cafe"},
    geometry=shapely.points(498000 + i % 500, 3351500 + i // 500),
    crs=plan.crs))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    save_plan(plan, sys.argv[1])
except PlannerError as exc:
    print(exc)
    sys.exit(1)
"""


def test_a_disk_that_fills_up_leaves_the_plan_unchanged(small_plan_path):
    """A real write failure (the file-size limit stands in for a full
    disk): the save is refused with a message and the plan is untouched."""
    before = small_plan_path.read_bytes()
    limit = len(before) + 64 * 1024
    done = subprocess.run([sys.executable, "-c", FULL_DISK,
                           str(small_plan_path), str(limit)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "unchanged" in done.stdout and "Traceback" not in done.stderr
    plan, problems = open_plan(small_plan_path)
    assert len(plan["facilities"]) == 0
    assert small_plan_path.read_bytes() == before


@pytest.fixture
def big_source(tmp_path):
    """A GeoPackage of 100,000 cafes inside the small plan's site."""
    import geopandas as gpd
    import numpy as np
    import shapely

    i = np.arange(100_000)
    path = tmp_path / "cafes.gpkg"
    gpd.GeoDataFrame(
        {"name": [f"c{k}" for k in i], "category": "cafe"},
        geometry=shapely.points(498_000 + i % 500, 3_351_500 + i // 500 * 2.5),
        crs="EPSG:4549").to_file(path)
    return path


@pytest.mark.parametrize("when,delay", [
    ("reading", 1.0), ("saving", 0.0), ("saving", 0.2), ("saving", 0.6)])
def test_an_import_killed_at_any_point_leaves_the_old_or_the_new_plan(
        small_plan_path, big_source, when, delay):
    """``plannerdesk import`` killed while it reads the source, or at
    several moments after its save has started writing (its journal is
    there)."""
    journal = small_plan_path.with_name(small_plan_path.name + "-journal")
    proc = subprocess.Popen([sys.executable, "-m", "plannerdesk", "import",
                             str(small_plan_path), str(big_source), "--as",
                             "facilities"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while when == "saving" and not journal.exists():
        assert proc.poll() is None, "the import ended before saving"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    plan, problems = open_plan(small_plan_path)
    assert len(plan["facilities"]) in (0, 100_000)
    assert len(plan["site"]) == 1
    assert not [p for p in problems if p.severity == "error"]
    plan.add_features("zones", plan["site"].assign(name="Whole site"))
    save_plan(plan, small_plan_path)
    assert not journal.exists()
