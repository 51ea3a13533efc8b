"""Recovery files: the unsaved state of a plan, autosaved beside it.

``site.gpkg`` autosaves to ``.site.recovery.gpkg``. The recovery file starts
as a copy of the plan and then takes each autosave's changes in place, so an
autosave writes only what changed. A recovery file newer than its plan means
the app stopped with unsaved edits; closing the plan removes it.
"""

from __future__ import annotations

from pathlib import Path

from ..model.plan import Plan
from .files import recovery_path
from .gpkg import copy_plan_file, save_plan


def autosave(plan: Plan, plan_path: Path) -> None:
    """Write ``plan``'s unsaved state to the recovery file of ``plan_path``."""
    target = recovery_path(plan_path)
    if not target.exists():
        copy_plan_file(plan, plan_path, target)
    save_plan(plan, target)


def pending_recovery(plan_path: Path) -> Path | None:
    """The recovery file of ``plan_path`` when it holds newer edits."""
    path = recovery_path(plan_path)
    if not path.exists():
        return None
    if path.stat().st_mtime < _last_written(plan_path):
        return None
    return path


def _last_written(plan_path: Path) -> float:
    """When the plan last changed: a plan in WAL mode takes its saves in
    its ``-wal`` file until SQLite moves them into the plan."""
    times = [p.stat().st_mtime for p in (
        plan_path, plan_path.with_name(plan_path.name + "-wal"))
        if p.exists()]
    return max(times, default=0.0)


def discard_recovery(plan_path: Path) -> None:
    recovery_path(plan_path).unlink(missing_ok=True)
