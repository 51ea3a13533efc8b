"""Who writes review notes: the computer's user name, until the planner
types another, which is then remembered."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QSettings

_KEY = "notes/author"


def _settings() -> QSettings:
    return QSettings("PlannerDesk", "PlannerDesk")


def note_author() -> str:
    """The author of new notes: the name the planner chose, else the OS
    user name (empty when there is none)."""
    chosen = _settings().value(_KEY, "")
    if chosen:
        return str(chosen)
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this process
        return ""


def set_note_author(name: str) -> None:
    """Remember ``name`` as the author of new notes (blank: the OS user)."""
    if name.strip():
        _settings().setValue(_KEY, name.strip())
    else:
        _settings().remove(_KEY)
