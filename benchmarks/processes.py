"""Whole-process benchmark: start-up, the app's first frame and the full
evaluation of large grid cities, each against a baseline run in the same
session.

    python benchmarks/processes.py [--sizes 40000,160000] [--repeat 3]

Rows (median wall time of ``--repeat`` runs, peak memory of the slowest):
- ``plannerdesk --help`` and the app's first frame on a copy of the Dream
  Town sample (``benchmarks/first_frame.py``), against a bare
  ``python -c "import PySide6.QtWidgets"``;
- ``plannerdesk evaluate`` of the grid city of each size
  (:func:`synthetic.grid_city`) with the evaluators the app runs after
  each edit (all but parking hour by hour), against the networkx
  one-category script (``benchmarks/networkx_baseline.py``) on the same
  file;
- on the 40,000-building grid, ``plannerdesk evaluate`` with every
  evaluator (parking hour by hour too: 48 allocations), the space syntax
  and encounter evaluators alone (``--only``), ``plannerdesk
  find-parking`` (the 10:00 allocation) and ``plannerdesk suggest`` (3
  cafes; 2 car parks), each against the evaluation without the hours;
- edit to results drawn in the window (``benchmarks/edit_to_score.py``,
  in an X display when there is one), against its target: 100 ms on the
  sample, 1 s on the 40,000-building grid city.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

import pyogrio

from plannerdesk.evaluate.names import LIVE

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks"
PYTHON = sys.executable
PLANNERDESK = str(Path(PYTHON).with_name("plannerdesk"))


def timed(command: list[str], env: dict | None = None) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MB) of one process."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def runs(command: list[str], repeat: int, env: dict | None = None
         ) -> tuple[float, float]:
    times, memory = zip(*(timed(command, env) for _ in range(repeat)),
                        strict=True)
    return median(times), max(memory)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="40000,160000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-edits", action="store_true",
                        help="leave out the edit-to-results rows")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="plannerdesk-bench-"))
    sample = folder / "sample"
    shutil.copytree(ROOT / "sample_sites", sample)
    qt = {"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
          "XDG_CONFIG_HOME": str(folder / "config")}
    rows = []
    bare = runs([PYTHON, "-c", "import PySide6.QtWidgets"], args.repeat)
    rows.append(("plannerdesk --help", runs([PLANNERDESK, "--help"],
                                             args.repeat), bare,
                 "python -c 'import PySide6.QtWidgets'"))
    rows.append(("app: first frame of the sample", runs(
        [PYTHON, str(HERE / "first_frame.py"),
         str(sample / "dream_town.gpkg")], args.repeat, qt), bare,
        "python -c 'import PySide6.QtWidgets'"))
    for size in (int(s) for s in args.sizes.split(",") if s):
        plan = folder / f"grid_{size}.gpkg"
        subprocess.run([PYTHON, str(HERE / "synthetic.py"), str(size),
                        str(plan)], check=True)
        repeat = args.repeat if size <= 50_000 else 1
        ours = runs([PLANNERDESK, "evaluate", str(plan), "--quiet", "--json",
                     str(folder / "summary.json"), "--only", ",".join(LIVE)],
                    repeat)
        theirs = runs([PYTHON, str(HERE / "networkx_baseline.py"),
                       str(plan)], repeat)
        rows.append((f"evaluate grid city, {size:,} buildings", ours, theirs,
                     "networkx one-category script"))
        if size <= 50_000:
            every = runs([PLANNERDESK, "evaluate", str(plan), "--quiet",
                          "--json", str(folder / "summary.json")], 1)
            rows.append((f"evaluate with parking hour by hour, {size:,} "
                         f"buildings", every, ours,
                         "plannerdesk evaluate without the hours"))
            finder = runs([PLANNERDESK, "find-parking", str(plan), "--at",
                           _first_building(plan)], 1)
            rows.append((f"find-parking at 10:00, {size:,} buildings",
                         finder, ours,
                         "plannerdesk evaluate without the hours"))
            for name, command in (
                    ("space syntax alone", ["evaluate", "--only",
                                            "space_syntax"]),
                    ("encounter potential alone", ["evaluate", "--only",
                                                   "encounter"]),
                    ("suggest 3 cafes", ["suggest", "--add", "cafe",
                                         "--count", "3"]),
                    ("suggest 2 car parks", ["suggest", "--add", "parking",
                                             "--count", "2"])):
                took = runs([PLANNERDESK, command[0], str(plan),
                             *command[1:]], 1)
                rows.append((f"{name}, {size:,} buildings", took, ours,
                             "plannerdesk evaluate without the hours"))
    if not args.no_edits:
        rows += _edit_rows(folder)
    shutil.rmtree(folder)
    print(f"Whole processes on {os.cpu_count()} cores (median of "
          f"{args.repeat}; the 160,000 grid once)\n")
    print("| run | s | peak MB | baseline | baseline s | ratio |\n"
          "|---|---:|---:|---|---:|---:|")
    for name, (t, mb), (bt, _), base in rows:
        memory = f"{mb:,.0f}" if mb else ""
        print(f"| {name} | {t:.3f} | {memory} | {base} | {bt:.2f} | "
              f"{t / bt:.2f}x |")


def _first_building(plan: Path) -> str:
    """X,Y of the grid's first building (the finder's destination)."""
    point = pyogrio.read_dataframe(plan, layer="buildings",
                                   max_features=1).geometry.iloc[0].centroid
    return f"{point.x},{point.y}"


def _edit_rows(folder: Path) -> list[tuple]:
    """Median edit-to-results times against their targets."""
    out = folder / "edits.json"
    subprocess.run([PYTHON, str(HERE / "edit_to_score.py"), "--json",
                    str(out)], check=True, stdout=subprocess.DEVNULL)
    rows = []
    for row in json.loads(out.read_text()):
        target = 0.1 if row["plan"] == "Dream Town" else 1.0
        rows.append((f"edit to results: {row['plan']}, moving "
                     f"{row['moving']} (slowest {row['slowest_ms']:,.0f} ms)",
                     (row["median_ms"] / 1000, 0), (target, 0),
                     "target"))
    return rows


if __name__ == "__main__":
    main()
