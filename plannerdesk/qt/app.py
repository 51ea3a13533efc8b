"""Launching the desktop app, opening plans in windows, and recovery."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from ..io.fieldwork import unpack_beside
from ..io.gpkg import open_plan
from ..io.recovery import discard_recovery, pending_recovery
from ..model.problems import PlannerError
from .language import install_language, tr
from .main_window import MainWindow
from .recent import remember_recent
from .start_screen import StartScreen

_open_windows: list[MainWindow] = []  # keeps every open window alive


def ask_recover(path: Path) -> bool:
    """Ask whether to recover the unsaved edits found for ``path``."""
    answer = QMessageBox.question(
        None, tr("PlannerDesk"), tr("{name} has unsaved edits from a "
                                    "session that did not close normally. "
                                    "Recover them?").format(name=path.name),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def open_window(plan_path: Path,
                recover: Callable[[Path], bool] = ask_recover) -> MainWindow:
    """A main window on the plan at ``plan_path``, zoomed to the plan.

    When an autosaved recovery file holds newer edits, ``recover`` decides
    whether the window shows them (unsaved) or the plan as last saved.
    A field package (.zip) is unpacked into a new folder beside it first.
    """
    plan_path = package = Path(plan_path)
    if package.suffix.lower() == ".zip":
        plan_path = unpack_beside(package)
    recovery = pending_recovery(plan_path)
    recovered = recovery is not None and recover(plan_path)
    if not recovered:
        discard_recovery(plan_path)
    plan, _ = open_plan(recovery if recovered else plan_path)
    window = MainWindow(plan, plan_path, show_window)
    if recovered:
        window.undo_stack.reset_clean()
    if plan_path != package:
        window.statusBar().showMessage(
            tr("Unpacked {name} into {folder}").format(
                name=package.name, folder=plan_path.parent), 15000)
    remember_recent(plan_path)
    return window


def show_window(plan_path: Path) -> MainWindow | None:
    """Open ``plan_path`` in a new window; a bad file gets a message."""
    try:
        window = open_window(plan_path)
    except PlannerError as exc:
        QMessageBox.critical(None, tr("PlannerDesk"), str(exc))
        return None
    _open_windows.append(window)
    window.destroyed.connect(lambda *_: _open_windows.remove(window)
                             if window in _open_windows else None)
    window.show()
    return window


def run_app(plan_path: Path | None) -> int:
    """Run the app on ``plan_path``, or on the plan chosen on the start
    screen when there is none."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("PlannerDesk")
    app.setOrganizationName("PlannerDesk")
    install_language()
    if plan_path is None:
        start = StartScreen()
        if not start.exec() or start.chosen is None:
            return 0
        plan_path = start.chosen
    if show_window(plan_path) is None:
        return 1
    return app.exec()
