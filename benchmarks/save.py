"""Saving a large plan: PlannerDesk's in-place change sets against a whole
rewrite of the file, timed in the same run.

    python benchmarks/save.py [--buildings 50000] [--repeat 5]

The baseline is the save a plan file would get without change tracking:
copy the file, write every layer and table again with pyogrio, and move the
copy over the plan. Both sides save the same plan after the same edit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


def rewrite_whole(plan, path: Path) -> None:
    """The baseline: the whole plan written into a copy moved over ``path``."""
    import pyogrio

    from plannerdesk.io.gpkg import write_table

    tmp = path.with_name(f".{path.stem}.baseline.gpkg")
    shutil.copyfile(path, tmp)
    for name, layer in plan.base_layers.items():
        write_table(tmp, name, layer)
    pyogrio.list_layers(tmp)
    os.replace(tmp, path)


def write_new(plan, path: Path) -> None:
    """The baseline's new file: every layer written with pyogrio."""
    from plannerdesk.io.gpkg import write_table

    path.unlink(missing_ok=True)
    for name, layer in plan.base_layers.items():
        write_table(path, name, layer)


def timed(action, repeat: int) -> float:
    """Median wall time of ``action()`` in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from synthetic import grid_site

    from plannerdesk.commands.edits import MoveFeatures
    from plannerdesk.io.gpkg import open_plan, save_plan
    from plannerdesk.io.recovery import autosave
    from plannerdesk.model.scenario_edits import diff

    folder = Path(tempfile.mkdtemp(prefix="plannerdesk-save-"))
    ours, base = folder / "ours.gpkg", folder / "baseline.gpkg"
    site = grid_site(args.buildings)
    first = timed(lambda: save_plan(site, ours, replace=True), 1)
    first_base = timed(lambda: write_new(site, base), 1)
    shutil.copyfile(ours, base)
    recovery_base = folder / ".baseline.recovery.gpkg"
    shutil.copyfile(ours, recovery_base)
    plan, _ = open_plan(ours)
    other, _ = open_plan(base)
    fid = int(plan["buildings"].index[len(plan["buildings"]) // 2])

    def move(p):
        MoveFeatures("buildings", [fid], 1.0, 0.0).redo(p)

    def save_ours():
        move(plan)
        save_plan(plan, ours)

    def save_baseline():
        move(other)
        rewrite_whole(other, base)

    def autosave_baseline():
        move(other)
        rewrite_whole(other, recovery_base)

    def autosave_ours():
        move(plan)
        autosave(plan, ours)

    def diff_only():
        held = plan["buildings"]
        move(plan)
        diff({"buildings": held}, {"buildings": plan["buildings"]})

    autosave(plan, ours)  # the recovery file's first copy, not timed
    rows = [
        ("first save of a new plan file", first, first_base),
        ("save after moving one building", timed(save_ours, args.repeat),
         timed(save_baseline, args.repeat)),
        ("autosave after moving one building",
         timed(autosave_ours, args.repeat),
         timed(autosave_baseline, args.repeat)),
        ("  of which finding the change", timed(diff_only, args.repeat),
         None),
    ]
    n = len(plan["buildings"])
    print(f"Saving a plan of {n:,} buildings ({os.cpu_count()} cores), "
          f"median of {args.repeat} (the first save: one run)")
    print(f"{'step':<40} {'in place ms':>12} {'rewrite ms':>12} {'ratio':>8}")
    for step, mine, theirs in rows:
        line = f"{step:<40} {mine:>12.1f}"
        if theirs is not None:
            line += f" {theirs:>12.1f} {theirs / mine:>7.2g}x"
        print(line)
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
