"""Recent files (kept in QSettings) and the unsaved-changes question."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from .language import tr
from .preferences import preferences

MAX_RECENT = 8


def recent_files() -> list[Path]:
    """Recently opened or saved plans that still exist, newest first."""
    stored = preferences().value("recent", []) or []
    if isinstance(stored, str):
        stored = [stored]
    return [Path(p) for p in stored if Path(p).exists()]


def remember_recent(path: Path) -> None:
    paths = [str(path.resolve())] + [str(p) for p in recent_files()
                                     if p.resolve() != path.resolve()]
    preferences().setValue("recent", paths[:MAX_RECENT])


def ask_unsaved(parent: QWidget) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel before unsaved edits would be lost."""
    buttons = (QMessageBox.StandardButton.Save
               | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    return QMessageBox.question(
        parent, "PlannerDesk",
        tr("The plan has unsaved changes. Save them?"), buttons,
        QMessageBox.StandardButton.Save)
