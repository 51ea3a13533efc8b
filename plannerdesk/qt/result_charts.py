"""The results dock's charts: the report's own charts drawn with matplotlib
into the dock's tabs (loaded once results arrive, not at start-up)."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import QWidget

from ..evaluate.findings import findings
from ..evaluate.run import Results
from ..report.charts import coverage_bars, parking_bars, score_histogram
from ..report.fonts import choose_fonts
from ..report.labels import Labels, name_forms, texts_of

Draw = Callable[[Axes], None]


def chart_canvas() -> QWidget:
    """An empty chart, drawn into by :func:`draw_chart`."""
    return FigureCanvasQTAgg(Figure(figsize=(4, 3), layout="constrained"))


def result_charts(results: Results) -> tuple[list[str], dict[str, Draw], list[str]]:
    """The findings, how to draw each chart, and the font families that
    print the plan's names as the report prints them."""
    forms = name_forms(results.context.plan)
    fonts = choose_fonts(texts_of(forms))
    labels = Labels.of(forms, fonts)
    walk = results.walkability
    draw = {"Coverage": lambda ax: coverage_bars(ax, results.coverage.table),
            "Walk score": lambda ax: score_histogram(
                ax, walk.buildings["walk_score"],
                results.context.plan.settings.walk.bands, walk.score),
            "Parking": lambda ax: parking_bars(ax, results.parking.per_zone,
                                               labels)}
    return findings(results), draw, list(fonts.families)


def draw_chart(canvas: QWidget, draw: Draw, fonts: list[str]) -> None:
    """Clear the chart on ``canvas`` and draw it anew."""
    # set, not a context: a report may be in an rc_context on its worker
    mpl.rcParams.update({"font.family": fonts, "font.size": 7})
    figure = canvas.figure
    figure.clear()
    draw(figure.add_subplot())
    canvas.draw_idle()
