"""The results dock: findings, headline figures and charts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ..evaluate.run import Results

CHARTS = ("Coverage", "Walk score", "Parking")


class ResultsDock(QWidget):
    """What the evaluators found, refreshed after each evaluation."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(8)
        self.busy.setTextVisible(False)
        policy = self.busy.sizePolicy()  # shown or hidden, it keeps its
        policy.setRetainSizeWhenHidden(True)  # room: the charts are not
        self.busy.setSizePolicy(policy)  # resized (and redrawn) each time
        self.busy.hide()
        self.summary = QPlainTextEdit("Evaluating ...")
        self.summary.setReadOnly(True)
        self.summary.setMinimumHeight(130)
        self.canvases: dict[str, QWidget] = {}  # made with the first results
        self._stale: dict[str, Callable] = {}  # chart -> how to draw it
        self._fonts: list[str] = []
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(lambda _: self._draw_shown())
        self.pages: dict[str, QVBoxLayout] = {}  # chart -> its tab's layout
        for name in CHARTS:
            page = QWidget()
            self.pages[name] = QVBoxLayout(page)
            self.pages[name].setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, name)
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
        from .result_charts import result_charts  # matplotlib: not at start
        self.busy.hide()
        lines, self._stale, self._fonts = result_charts(results)
        self.summary.setPlainText("\n".join(f"• {line}" for line in lines))
        self._draw_shown()

    def _draw_shown(self) -> None:
        """Draw the chart in view if it is of older results; the others
        wait until their tab is shown."""
        index = self.tabs.currentIndex()
        if index < 0:
            return
        name = CHARTS[index]  # (a tab's text may gain a '&')
        draw = self._stale.pop(name, None)
        if draw is None:
            return
        from .result_charts import chart_canvas, draw_chart
        if name not in self.canvases:
            self.canvases[name] = chart_canvas()
            self.pages[name].addWidget(self.canvases[name])
        draw_chart(self.canvases[name], draw, self._fonts)
