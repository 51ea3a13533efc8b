"""Recovery files: the unsaved state of a plan, autosaved beside it.

``site.gpkg`` autosaves to ``.site.recovery.gpkg``; a clean save or an
explicit discard removes it. A recovery file newer than its plan means the
app stopped with unsaved edits.
"""

from __future__ import annotations

from pathlib import Path


def recovery_path(plan_path: Path) -> Path:
    return plan_path.with_name(f".{plan_path.stem}.recovery.gpkg")


def pending_recovery(plan_path: Path) -> Path | None:
    """The recovery file of ``plan_path`` when it holds newer edits."""
    path = recovery_path(plan_path)
    if not path.exists():
        return None
    if plan_path.exists() and path.stat().st_mtime < plan_path.stat().st_mtime:
        return None
    return path


def discard_recovery(plan_path: Path) -> None:
    recovery_path(plan_path).unlink(missing_ok=True)
