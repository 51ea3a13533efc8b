"""The results dock: findings, headline figures and charts."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib as mpl
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtWidgets import (
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..evaluate.findings import findings
from ..evaluate.run import Results
from ..report.charts import coverage_bars, parking_bars, score_histogram
from ..report.fonts import choose_fonts
from ..report.labels import Labels, name_forms, texts_of


class ResultsDock(QWidget):
    """What the evaluators found, refreshed after each evaluation."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.summary = QPlainTextEdit("Evaluating ...")
        self.summary.setReadOnly(True)
        self.summary.setMinimumHeight(130)
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(lambda _: self._draw_shown())
        self.figures = {}
        self._stale: dict[str, Callable] = {}  # chart -> how to draw it
        for name in ("Coverage", "Walk score", "Parking"):
            figure = Figure(figsize=(4, 3), layout="constrained")
            self.figures[name] = figure
            self.tabs.addTab(FigureCanvasQTAgg(figure), name)
        box = QVBoxLayout(self)
        box.addWidget(self.busy)
        box.addWidget(self.summary)
        box.addWidget(self.tabs, 1)

    def running(self) -> None:
        self.busy.show()

    def show_failure(self, message: str) -> None:
        self.busy.hide()
        self.summary.setPlainText(f"Evaluation failed: {message}")

    def show_results(self, results: Results) -> None:
        """Findings and the report's own charts, names printed as the
        report prints them."""
        self.busy.hide()
        lines = findings(results)
        self.summary.setPlainText("\n".join(f"• {line}" for line in lines))
        forms = name_forms(results.context.plan)
        fonts = choose_fonts(texts_of(forms))
        labels = Labels.of(forms, fonts)
        walk = results.walkability
        draw = {"Coverage": lambda ax: coverage_bars(ax, results.coverage.table),
                "Walk score": lambda ax: score_histogram(
                    ax, walk.buildings["walk_score"],
                    results.context.plan.settings.walk.bands, walk.score),
                "Parking": lambda ax: parking_bars(ax, results.parking.zones,
                                                   labels)}
        self._fonts = list(fonts.families)
        self._stale = draw
        self._draw_shown()

    def _draw_shown(self) -> None:
        """Draw the chart in view if it is of older results; the others
        wait until their tab is shown."""
        index = self.tabs.currentIndex()
        if index < 0:
            return
        name = list(self.figures)[index]  # (a tab's text may gain a '&')
        draw = self._stale.pop(name, None)
        if draw is None:
            return
        # set, not a context: a report may be in an rc_context on its worker
        mpl.rcParams.update({"font.family": self._fonts, "font.size": 7})
        figure = self.figures[name]
        figure.clear()
        draw(figure.add_subplot())
        figure.canvas.draw_idle()
