"""Canvas benchmark: open time of the sample, and the frame time of pan and
zoom with about 50,000 features (offscreen rendering, 1280 x 800).

Every figure is the median repaint of the whole viewport, in ms:
- whole site: the plan fitted in the view;
- pan / zoom ±10%: at that view, scrolling 15 px back and forth, and
  zooming in and out by 10 % in turn (the old figures);
- zoom 1.25x: 20 steps of 1.25 in (down to a few buildings), then 20 out,
  so no frame repeats a scale the one before it drew; pan 1.25x pans 15 px
  at each of those scales; the maximum follows in brackets;
- 1:2000: the view centre shown at 1:2,000.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from statistics import median

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

COLUMNS = ("whole site", "pan", "zoom ±10%", "zoom 1.25x", "pan 1.25x",
           "1:2000")


def _repaint_ms(canvas) -> float:
    t = time.perf_counter()
    canvas.viewport().repaint()
    return (time.perf_counter() - t) * 1000


def _pan(canvas, pixels: int) -> None:
    bar = canvas.horizontalScrollBar()
    bar.setValue(bar.value() + pixels)


def _zoom(canvas, factor: float) -> None:
    canvas.scale(factor, factor)


def _steps(canvas, frames: int, step) -> list[float]:
    times = []
    for i in range(frames):
        step(i)
        times.append(_repaint_ms(canvas))
    return times


def _progressive(canvas, steps: int = 20) -> tuple[list[float], list[float]]:
    """Zoom and pan frame times, zooming 1.25x in ``steps`` times, then out."""
    zooms, pans = [], []
    for factor in [1.25] * steps + [1 / 1.25] * steps:
        _zoom(canvas, factor)
        zooms.append(_repaint_ms(canvas))
        _pan(canvas, 15)
        pans.append(_repaint_ms(canvas))
    return zooms, pans


def frame_times(window) -> dict[str, str]:
    """The figures of one window, formatted for the table (see the top)."""
    canvas = window.canvas
    canvas.setTransformationAnchor(canvas.ViewportAnchor.AnchorViewCenter)
    window.zoom_to_plan()
    times = {"whole site": _steps(canvas, 5, lambda i: None),
             "pan": _steps(canvas, 20, lambda i: _pan(canvas,
                                                      15 if i % 2 else -15)),
             "zoom ±10%": _steps(canvas, 20, lambda i: _zoom(
                 canvas, 1.1 if i % 2 else 1 / 1.1))}
    times["zoom 1.25x"], times["pan 1.25x"] = _progressive(canvas)
    window.zoom_to_plan()
    canvas.set_scale(2000)
    times["1:2000"] = _steps(canvas, 5, lambda i: None)
    return {k: f"{median(v):.1f}" + (f" ({max(v):.0f})" if "1.25" in k
                                     else "")
            for k, v in times.items()}


def _open(make, app) -> tuple[object, float]:
    """A shown window from ``make`` and the seconds it took to show."""
    t = time.perf_counter()
    window = make()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    opened = time.perf_counter() - t
    window.results.live.wait()
    app.processEvents()
    return window, opened


def main() -> None:
    from PySide6.QtWidgets import QApplication
    from synthetic import grid_site

    from plannerdesk.io.samples import DREAM_TOWN
    from plannerdesk.qt.app import open_window
    from plannerdesk.qt.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    big = grid_site(48_000)
    sites = (("Dream Town", lambda: open_window(DREAM_TOWN,
                                                recover=lambda _: False)),
             ("grid 48,000 buildings",
              lambda: MainWindow(big, ROOT / "grid.gpkg", lambda _: None)))
    print("| site | features | open (s) | viewport | "
          + " | ".join(f"{c} (ms)" for c in COLUMNS) + " |")
    print("|---|" + "---:|" * (3 + len(COLUMNS)))
    for name, make in sites:
        window, opened = _open(make, app)
        size = window.canvas.viewport().size()
        figures = frame_times(window)
        print(f"| {name} | {sum(len(v) for v in window.plan.layers.values()):,}"
              f" | {opened:.2f} | {size.width()}x{size.height()} | "
              + " | ".join(figures[c] for c in COLUMNS) + " |", flush=True)
        window.close()


if __name__ == "__main__":
    main()
