"""Who writes review notes: the computer's user name, until the planner
types another, which is then remembered."""

from __future__ import annotations

from ..model.authors import os_user_name
from .preferences import preferences

_KEY = "notes/author"


def note_author() -> str:
    """The author of new notes: the name the planner chose, else the OS
    user name (empty when there is none)."""
    chosen = preferences().value(_KEY, "")
    if chosen:
        return str(chosen)
    return os_user_name()


def set_note_author(name: str) -> None:
    """Remember ``name`` as the author of new notes (blank: the OS user)."""
    if name.strip():
        preferences().setValue(_KEY, name.strip())
    else:
        preferences().remove(_KEY)
