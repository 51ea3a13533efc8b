"""Values read back from PlannerDesk's own attribute tables."""

from __future__ import annotations

import numpy as np


def flag(value: object, name: str) -> bool:
    """A true/false column value (GeoPackage may give 0 / 1); a ValueError
    naming the column ``name`` otherwise."""
    if isinstance(value, (bool, np.bool_)) or value in (0, 1):
        return bool(value)
    raise ValueError(f"{name} must be true or false, not {value!r}")
