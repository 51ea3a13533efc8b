"""Paths stored in a plan file (site maps, note photos): relative to the
plan file's folder (POSIX separators) when the file lies in it or below, so
a plan folder moves or travels whole; absolute otherwise."""

from __future__ import annotations

import os
from pathlib import Path


def resolve_stored(stored: str, plan_path: str | os.PathLike) -> Path:
    """The absolute path of ``stored`` for the plan file at ``plan_path``."""
    path = Path(stored)
    folder = Path(os.path.abspath(plan_path)).parent
    return path if path.is_absolute() else folder / path


def relative_to_plan(path: str | os.PathLike,
                     plan_path: str | os.PathLike) -> str:
    """``path`` as stored in the plan at ``plan_path``.

    Relative with POSIX separators when it lies in the plan's folder or
    below, absolute otherwise.
    """
    target = Path(os.path.abspath(path))
    folder = Path(os.path.abspath(plan_path)).parent
    try:
        return target.relative_to(folder).as_posix()
    except ValueError:
        return target.as_posix()
