"""Canvas benchmark: open time of the sample, and the frame time of pan and
zoom with about 50,000 features (offscreen rendering, 1280 x 800)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from statistics import median

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


def frame_times(window, frames: int = 20) -> tuple[float, float]:
    """Median ms per repainted frame while panning, and while zooming."""
    canvas = window.canvas
    viewport = canvas.viewport()

    def timed(step) -> float:
        times = []
        for i in range(frames):
            step(i)
            t = time.perf_counter()
            viewport.repaint()
            times.append((time.perf_counter() - t) * 1000)
        return median(times)

    bars = (canvas.horizontalScrollBar(), canvas.verticalScrollBar())
    pan = timed(lambda i: bars[0].setValue(bars[0].value() + (15 if i % 2
                                                              else -15)))
    zoom = timed(lambda i: canvas.scale(*(2 * (1.1 if i % 2 else 1 / 1.1,))))
    return pan, zoom


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from plannerdesk.io.samples import DREAM_TOWN
    from plannerdesk.qt.app import open_window
    from plannerdesk.qt.main_window import MainWindow
    from synthetic import grid_site

    app = QApplication.instance() or QApplication([])
    t = time.perf_counter()
    sample = open_window(DREAM_TOWN, recover=lambda _: False)
    sample.show()
    app.processEvents()
    open_s = time.perf_counter() - t
    sample.results.live.wait()
    rows = [("Dream Town", sum(len(v) for v in sample.plan.layers.values()),
             open_s, *frame_times(sample))]
    big = grid_site(48_000)
    t = time.perf_counter()
    window = MainWindow(big, ROOT / "grid.gpkg")
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    open_big = time.perf_counter() - t
    window.results.live.wait()
    rows.append(("grid 48,000 buildings", sum(len(v) for v in
                                               big.layers.values()),
                 open_big, *frame_times(window)))
    print("| site | features | open (s) | pan frame (ms) | zoom frame (ms) |")
    print("|---|---:|---:|---:|---:|")
    for name, n, opened, pan, zoom in rows:
        print(f"| {name} | {n:,} | {opened:.2f} | {pan:.1f} | {zoom:.1f} |")


if __name__ == "__main__":
    main()
