"""Review notes: their time stamps and photo paths.

A note's ``photo`` is stored like a site map's path (see plan_paths).
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

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
