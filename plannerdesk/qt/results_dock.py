"""The results dock: findings, headline figures and charts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtWidgets import (
    QFrame,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .chart_view import ChartView
from .language import tr

if TYPE_CHECKING:
    from ..evaluate.run import Results

# English keys (of result_charts), shown through tr()
CHARTS = (QT_TR_NOOP("Coverage"), QT_TR_NOOP("Walk score"),
          QT_TR_NOOP("Parking"))


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
        self.summary = QPlainTextEdit(tr("Evaluating ..."))
        self.summary.setReadOnly(True)
        self.summary.setMinimumHeight(130)
        self.canvases: dict[str, ChartView] = {}  # made with the first results
        self._stale: dict[str, Callable] = {}  # chart -> how to make it
        self.tabs = QTabWidget()
        self.tabs.currentChanged.connect(lambda _: self._draw_shown())
        self.pages: dict[str, QVBoxLayout] = {}  # chart -> its tab's layout
        for name in CHARTS:
            page = QWidget()
            self.pages[name] = QVBoxLayout(page)
            self.pages[name].setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, tr(name))
        box = QVBoxLayout(self)
        box.addWidget(self.busy)
        box.addWidget(self.summary)
        box.addWidget(self.tabs, 1)

    def running(self) -> None:
        self.busy.show()

    def show_failure(self, message: str) -> None:
        self.busy.hide()
        self.summary.setPlainText(
            tr("Evaluation failed: {message}").format(message=message))

    def show_results(self, results: Results) -> None:
        """Findings and the report's charts, names printed as the report
        prints them."""
        from .result_charts import result_charts  # evaluators: not at start
        self.busy.hide()
        self._stale = result_charts(results)
        self.summary.setPlainText("\n".join(
            f"• {f.text}" + (f"\n   → {f.remedy}" if f.remedy else "")
            for f in results.findings))
        self._draw_shown()

    def _draw_shown(self) -> None:
        """Draw the chart in view if it is of older results; the others
        wait until their tab is shown."""
        index = self.tabs.currentIndex()
        if index < 0:
            return
        name = CHARTS[index]  # (a tab's text may gain a '&')
        make = self._stale.pop(name, None)
        if make is None:
            return
        if name not in self.canvases:
            self.canvases[name] = ChartView()
            scroll = QScrollArea()  # a long list of targets scrolls
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setHorizontalScrollBarPolicy(
                Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setWidget(self.canvases[name])
            self.pages[name].addWidget(scroll)
        self.canvases[name].show_chart(make())
