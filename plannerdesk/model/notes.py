"""Review notes: their time stamps and photo paths.

A note's ``photo`` is stored like a site map's path (see plan_paths).
"""

from __future__ import annotations

import os
from datetime import datetime

import pandas as pd

from .plan_paths import relative_to_plan, resolve_stored

NOTES = "review_notes"


def now_iso() -> str:
    """The local time now in ISO 8601 with its UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def stored_photos(notes: pd.DataFrame) -> list[str]:
    """The distinct photo paths of ``notes``, in order (blanks skipped)."""
    if "photo" not in notes.columns:
        return []
    photos = notes["photo"].dropna().astype(str).str.strip()
    return list(dict.fromkeys(photos[photos != ""]))


def rebased_photos(notes: pd.DataFrame, old_plan: str | os.PathLike,
                   new_plan: str | os.PathLike) -> pd.DataFrame:
    """``notes`` with photo paths stored for a plan saved at ``new_plan``
    instead of ``old_plan`` (the photos themselves stay where they are)."""
    if "photo" not in notes.columns:
        return notes
    photo = notes["photo"]
    given = photo.notna() & (photo.astype(str).str.strip() != "")
    moved = photo.where(~given, photo[given].map(
        lambda stored: relative_to_plan(resolve_stored(stored, old_plan),
                                        new_plan)))
    return notes.assign(photo=moved)
