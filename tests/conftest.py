"""Shared fixtures: small real plans and sources written to disk."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from plannerdesk.io.gpkg import save_plan
from plannerdesk.model.plan import Plan

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_sites" / "dream_town.gpkg"
PLAN_CRS = "EPSG:4549"
X0, Y0 = 498_000.0, 3_351_500.0


def frame(rows: list[dict], crs=PLAN_CRS) -> gpd.GeoDataFrame:
    """A GeoDataFrame from dicts holding a 'geometry' key."""
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs)


def box(x0, y0, x1, y1) -> shapely.Polygon:
    """A rectangle in metres from the test origin."""
    return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)


def pt(x, y) -> shapely.Point:
    return shapely.Point(X0 + x, Y0 + y)


@pytest.fixture(scope="session", autouse=True)
def private_data_folder(tmp_path_factory):
    """Keep the planner's copies of the samples out of the user's own."""
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session", autouse=True)
def english_by_default():
    """The tests read English unless they ask for Chinese, whatever the
    machine's locale (the command line follows the system's)."""
    os.environ["LANGUAGE"] = "en"


@pytest.fixture(scope="session", autouse=True)
def private_qt_settings(tmp_path_factory):
    """Keep the app's QSettings (recent files) out of the user's own."""
    from PySide6.QtCore import QSettings

    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch):
    """Answer 'discard' to the unsaved-changes question, which would
    otherwise wait for a click; tests of the question set their own."""
    from PySide6.QtWidgets import QMessageBox

    import plannerdesk.qt.recent as recent

    monkeypatch.setattr(recent, "ask_unsaved",
                        lambda _: QMessageBox.StandardButton.Discard)


@pytest.fixture
def small_plan_path(tmp_path: Path) -> Path:
    """A plan with a 500 m square site and nothing else, saved to disk."""
    plan = Plan(crs=PLAN_CRS)
    plan.add_features("site", frame([{"name": "Test site",
                                      "geometry": box(0, 0, 500, 500)}]))
    path = tmp_path / "plan.gpkg"
    save_plan(plan, path)
    return path


@pytest.fixture
def window(qtbot, sample_copy):
    """The main window on a copy of the sample, zoomed to the plan, with
    snapping off (tests of snapping turn it on)."""
    from plannerdesk.qt.app import open_window

    win = open_window(sample_copy)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.zoom_to_plan()
    win.canvas.snap_pixels = 0
    yield win
    win.undo_stack.set_clean()  # edits made by the test need no prompt


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the Dream Town sample (and its base map) to change freely."""
    for source in SAMPLE.parent.glob("dream_town*"):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path / SAMPLE.name


@pytest.fixture(scope="session")
def x_display():
    """A real X server for the session (Xvfb), or a skip that says how to
    get one."""
    from .real_x import start_x_server

    server, display = start_x_server()
    yield display
    server.kill()
    server.wait()
