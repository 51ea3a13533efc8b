"""Review notes: their time stamps and photo paths.

A note's ``photo`` is stored like a site map's path: relative to the plan
file's folder (POSIX separators) when the photo lies in it or below, so a
plan folder moves or travels whole; absolute otherwise.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pandas as pd

NOTES = "review_notes"


def now_iso() -> str:
    """The local time now in ISO 8601 with its UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def resolve_photo(stored: str, plan_path: str | os.PathLike) -> Path:
    """The absolute path of a photo stored as ``stored`` in the plan at
    ``plan_path``."""
    path = Path(stored)
    folder = Path(os.path.abspath(plan_path)).parent
    return path if path.is_absolute() else folder / path


def stored_photos(notes: pd.DataFrame) -> list[str]:
    """The distinct photo paths of ``notes``, in order (blanks skipped)."""
    if "photo" not in notes.columns:
        return []
    photos = notes["photo"].dropna().astype(str).str.strip()
    return list(dict.fromkeys(photos[photos != ""]))
