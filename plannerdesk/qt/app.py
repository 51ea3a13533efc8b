"""Launching the desktop app on a plan."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from ..io.gpkg import open_plan
from ..io.samples import DREAM_TOWN, find_basemap
from ..model.problems import PlannerError
from .main_window import MainWindow


def open_window(plan_path: Path) -> MainWindow:
    """A main window on the plan at ``plan_path``, zoomed to the plan."""
    plan, _ = open_plan(plan_path)
    window = MainWindow(plan, plan_path, find_basemap(plan_path))
    window.zoom_to_plan()
    return window


def run_app(plan_path: Path | None) -> int:
    """Run the app's event loop on ``plan_path`` (the sample when None)."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("PlannerDesk")
    try:
        window = open_window(plan_path or DREAM_TOWN)
    except PlannerError as exc:
        QMessageBox.critical(None, "PlannerDesk", str(exc))
        return 1
    window.show()
    window.zoom_to_plan()
    return app.exec()
