"""Batch benchmark: many varied copies of the Dream Town sample evaluated
by ``plannerdesk batch`` on 1 and on 2 worker processes, against running
``plannerdesk evaluate`` on each in a row, in the same session.

    python benchmarks/batch.py [--plans 50] [--workers 1,2]

Each copy has a random share (20-60 %) of its facilities, public points
and lots removed (seeded, so every run evaluates the same plans). The
baseline writes what the batch writes of each plan (``--json`` and
``--out``); the batch also writes the portfolio. Rows: wall time, plans
per minute, and the speed-up against the baseline (its time over the
row's); then a batch run again with nothing to do (every plan up to
date).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from plannerdesk.io.gpkg import open_plan, save_plan

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_sites" / "dream_town.gpkg"
PLANNERDESK = str(Path(sys.executable).with_name("plannerdesk"))
VARIED = ("facilities", "public_points", "parking")


def varied_copies(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the sample, each with a random share of its
    facilities, public points and lots removed."""
    plan, _ = open_plan(SAMPLE)
    whole = {name: plan[name] for name in VARIED}
    paths = []
    for seed in range(count):
        rng = np.random.default_rng(seed)
        for name, layer in whole.items():
            plan.replace_layer(name, layer[
                rng.random(len(layer)) > rng.uniform(0.2, 0.6)])
        path = folder / f"town{seed + 1:02d}.gpkg"
        save_plan(plan, path, replace=True)
        paths.append(path)
    return paths


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="plannerdesk-batch-"))
    try:
        plans = varied_copies(folder, args.plans)
        out = folder / "one-by-one"
        out.mkdir()
        started = time.perf_counter()
        for plan in plans:
            subprocess.run([PLANNERDESK, "evaluate", str(plan), "--json",
                            str(out / f"{plan.stem}.json"), "--out",
                            str(out / f"{plan.stem}.gpkg"), "--quiet"],
                           check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        baseline = time.perf_counter() - started
        rows = [(f"plannerdesk evaluate, {len(plans)} times in a row",
                 baseline)]
        for workers in (int(w) for w in args.workers.split(",")):
            target = folder / f"batch-{workers}"
            rows.append((f"plannerdesk batch --workers {workers}",
                         timed([PLANNERDESK, "batch", *map(str, plans),
                                "--out", str(target), "--workers",
                                str(workers), "--quiet"])))
        rows.append(("the same batch again (every plan up to date)",
                     timed([PLANNERDESK, "batch", *map(str, plans), "--out",
                            str(target), "--workers", str(workers),
                            "--quiet"])))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{len(plans)} varied copies of the Dream Town sample; baseline: "
          f"plannerdesk evaluate --json --out of each, one after another\n")
    print("| run | s | plans per minute | speed-up |")
    print("|---|---:|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} | {len(plans) * 60 / seconds:.1f} "
              f"| {baseline / seconds:.2f}x |")


if __name__ == "__main__":
    main()
