"""The results dock: findings, headline figures and charts."""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from PySide6.QtWidgets import (QPlainTextEdit, QProgressBar, QTabWidget,
                               QVBoxLayout, QWidget)

from ..evaluate.findings import findings
from ..evaluate.run import Results

FLAG_COLOURS = {"deficit": "#d62728", "surplus": "#1f77b4",
                "balanced": "#bdbdbd"}
SUPPLY_COLOUR = "#4d4d4d"


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
        self.figures = {}
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
        self.busy.hide()
        lines = findings(results)
        self.summary.setPlainText("\n".join(f"• {line}" for line in lines))
        self._coverage(results)
        self._walk(results)
        self._parking(results)
        for figure in self.figures.values():
            figure.canvas.draw_idle()

    def _coverage(self, results: Results) -> None:
        figure = self.figures["Coverage"]
        figure.clear()
        ax = figure.add_subplot()
        table = results.coverage.table.sort_values("share_employees")
        ax.barh(table.index, table["share_employees"].fillna(0) * 100,
                color="#2a9d8f")
        ax.set_xlabel("employees within the service radius (%)")
        ax.set_xlim(0, 100)
        ax.tick_params(axis="y", labelsize=7)

    def _walk(self, results: Results) -> None:
        figure = self.figures["Walk score"]
        figure.clear()
        ax = figure.add_subplot()
        scores = results.walkability.buildings["walk_score"].dropna()
        ax.hist(scores, bins=np.arange(0, 105, 5), color="#f28e2b")
        ax.set_xlabel("walk score")
        ax.set_ylabel("buildings")
        if results.walkability.score is not None:
            ax.axvline(results.walkability.score, color="black", lw=1)
            ax.set_title(f"site score {results.walkability.score:.0f} "
                         f"({results.walkability.band})", fontsize=9)

    def _parking(self, results: Results) -> None:
        figure = self.figures["Parking"]
        figure.clear()
        ax = figure.add_subplot()
        zones = results.parking.zones
        y = np.arange(len(zones))
        ax.barh(y + 0.2, zones["supply"], 0.4, color=SUPPLY_COLOUR)
        ax.barh(y - 0.2, zones["demand"], 0.4,
                color=[FLAG_COLOURS[f] for f in zones["flag"]])
        ax.set_yticks(y, zones["zone"], fontsize=7)
        ax.set_xlabel("parking spaces", fontsize=8)
        handles = [Patch(color=SUPPLY_COLOUR, label="supply")] + [
            Patch(color=c, label=f"demand, {flag}")
            for flag, c in FLAG_COLOURS.items()]
        ax.legend(handles=handles, fontsize=7, loc="lower right")
