"""The results dock's charts: the report's own charts drawn with matplotlib
into the dock's tabs (loaded once results arrive, not at start-up).

Laying a chart out (constrained layout: measuring every label) takes as
long as drawing it, so a chart is laid out again only when what it prints
around its plot changed: its size, its labels or its ticks.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.transforms import Bbox
from PySide6.QtWidgets import QWidget

from ..evaluate.findings import findings
from ..evaluate.run import Results
from ..report.charts import coverage_bars, parking_bars, score_histogram
from ..report.fonts import choose_fonts
from ..report.labels import Labels, name_forms, texts_of

Draw = Callable[[Axes], None]


class ChartCanvas(FigureCanvasQTAgg):
    """A chart that remembers where its last layout put the plot."""

    def __init__(self) -> None:
        super().__init__(Figure(figsize=(4, 3), layout="constrained"))
        self.laid_out: tuple[tuple, Bbox] | None = None  # (around, plot)
        self.around: tuple = ()  # what the plot drawn last has around it
        self.mpl_connect("draw_event", self._drawn)

    def _drawn(self, _event) -> None:
        engine = self.figure.get_layout_engine()
        if isinstance(engine, ConstrainedLayoutEngine) and self.figure.axes:
            self.laid_out = (self.around,
                             self.figure.axes[0].get_position().frozen())


def chart_canvas() -> QWidget:
    """An empty chart, drawn into by :func:`draw_chart`."""
    return ChartCanvas()


def _around(canvas: ChartCanvas, ax: Axes) -> tuple:
    """What decides the chart's layout: its size and the texts around the
    plot."""
    ticks = []
    for axis in (ax.xaxis, ax.yaxis):
        values = axis.get_ticklocs()
        ticks.append(tuple(axis.get_major_formatter().format_ticks(values)))
        ticks.append(tuple(t.get_text() for t in axis.get_ticklabels()))
    legend = ax.get_legend()
    return (canvas.width(), canvas.height(), ax.get_xlabel(), ax.get_ylabel(),
            ax.get_title(), *ticks, () if legend is None else
            tuple(t.get_text() for t in legend.get_texts()))


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
    figure.set_layout_engine("constrained")
    ax = figure.add_subplot()
    draw(ax)
    canvas.around = _around(canvas, ax)
    if canvas.laid_out is not None and canvas.laid_out[0] == canvas.around:
        figure.set_layout_engine("none")  # as laid out last time
        ax.set_position(canvas.laid_out[1])
    canvas.draw_idle()
