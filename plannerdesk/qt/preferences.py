"""The app's own preferences (recent files, the notes' author), kept in
QSettings under one organisation and application name."""

from __future__ import annotations

from PySide6.QtCore import QSettings


def preferences() -> QSettings:
    """PlannerDesk's QSettings store."""
    return QSettings("PlannerDesk", "PlannerDesk")
