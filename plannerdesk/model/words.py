"""Keys as the planner reads them: ``meeting_room`` is "meeting room",
``gfa_m2`` is "floor area (m²)". Every list, combo and form shows these;
the keys stay in files and results."""

from __future__ import annotations

FIELD_WORDS = {
    "gfa_m2": "floor area (m²)", "name_zh": "name (Chinese)",
    "employees": "employees", "floors": "floors", "use": "use",
    "subject": "innovation subject", "capacity": "capacity (spaces)",
    "access": "access", "serves": "serves (building names)",
    "walkable": "walkable", "open": "open to the public",
    "created": "created", "photo": "photo", "scenario": "made in scenario",
}


def human(key: object) -> str:
    """``key`` in words (a field's label, or any key with its
    underscores as spaces)."""
    text = str(key)
    return FIELD_WORDS.get(text, text.replace("_", " "))
