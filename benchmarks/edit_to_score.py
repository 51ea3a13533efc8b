"""Edit-to-score benchmark: from an edit in the app's window to the
updated results drawn, on the sample and on a grid city.

    python benchmarks/edit_to_score.py [--buildings 40000] [--edits 10]
                                       [--json OUT]

Opens each plan in the real window (an X display when there is one, e.g.
under ``xvfb-run``; offscreen otherwise) with the Walk score overlay on,
then moves a cafe 20 m back and forth, and then a building. Each edit is
timed from the command to the window drawn with the new results (results
dock, overlay and map), as the planner sees them. Prints the median and
the slowest edit of each, and the share of it the evaluation itself
took.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def edits(path: Path, count: int) -> dict[str, tuple[list, list]]:
    """Per feature moved, wall times (ms) from edit to drawn window, and
    of the evaluation."""
    from PySide6.QtWidgets import QApplication

    from plannerdesk.commands import MoveFeatures
    from plannerdesk.qt.app import open_window

    app = QApplication.instance() or QApplication([])
    window = open_window(path, recover=lambda _: False)
    window.show()
    live = window.results.live
    window.results.overlay_actions["Walk score"].setChecked(True)
    _wait(app, lambda: live.results is not None and not live.busy())
    facilities = window.plan["facilities"]
    moved = {"a cafe": ("facilities", int(
        facilities.index[facilities["category"] == "cafe"][0])),
        "a building": ("buildings", int(window.plan["buildings"].index[5]))}
    out = {}
    for what, (layer, fid) in moved.items():
        total, evaluation = [], []
        for i in range(count):
            before = live.results
            started = time.perf_counter()
            window.push_command(MoveFeatures(
                layer, [fid], 20.0 if i % 2 == 0 else -20.0, 0.0))
            _wait(app, lambda: live.results is not before
                  and not live.busy())
            window.repaint()  # what the screen shows, drawn now
            total.append((time.perf_counter() - started) * 1000)
            evaluation.append(live.last_run_ms)
        out[what] = (total, evaluation)
    window.undo_stack.set_clean()
    window.close()
    return out


def _wait(app, done, timeout: float = 600.0) -> None:
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            raise SystemExit("no results in time")
        app.processEvents()
        time.sleep(0.001)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buildings", type=int, default=40_000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--json", type=Path,
                        help="also write the rows here (for processes.py)")
    args = parser.parse_args()
    from synthetic import grid_city

    from plannerdesk.io.gpkg import save_plan

    folder = Path(tempfile.mkdtemp(prefix="plannerdesk-edits-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    shutil.copytree(ROOT / "sample_sites", folder / "sample")
    grid = folder / "grid.gpkg"
    save_plan(grid_city(args.buildings), grid)
    rows = [("Dream Town", edits(folder / "sample" / "dream_town.gpkg",
                                 args.edits)),
            (f"grid city, {args.buildings:,} buildings",
             edits(grid, max(2, args.edits // 3)))]
    shutil.rmtree(folder)
    platform = os.environ.get("QT_QPA_PLATFORM") or "X display"
    print(f"Edit to results drawn in the window ({platform}), ms\n")
    print("| plan | moving | edits | median | slowest | of which "
          "evaluating (median) |\n|---|---|---:|---:|---:|---:|")
    for name, moved in rows:
        for what, (total, evaluation) in moved.items():
            print(f"| {name} | {what} | {len(total)} | {median(total):,.0f}"
                  f" | {max(total):,.0f} | {median(evaluation):,.0f} |")
    if args.json:
        args.json.write_text(json.dumps([
            {"plan": name, "moving": what, "median_ms": median(total),
             "slowest_ms": max(total), "evaluating_ms": median(evaluation)}
            for name, moved in rows
            for what, (total, evaluation) in moved.items()]))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
