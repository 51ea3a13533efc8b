"""A window's evaluation: live results dock and the map overlays drawn
from the same results."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QGraphicsItemGroup,
    QLabel,
    QMainWindow,
)

from ..model.words import human
from ..session import Session
from .evaluation import LiveEvaluation
from .language import tr
from .layer_panel import LayerPanel
from .overlays import OVERLAYS, legend
from .results_dock import ResultsDock
from .tiled_layer import fit_markers

if TYPE_CHECKING:
    from ..evaluate.run import Results

GAPS = "Coverage gaps"
#: Overlays of evaluators the live evaluation leaves out -> the evaluator
ON_DEMAND = {"Encounter potential": "encounter",
             "Space syntax": "space_syntax"}


class _Signals(QObject):
    computed = Signal(object, str, object)   # results, evaluator, result


class ResultsView(QObject):
    """Re-evaluates the window's plan after edits and shows the results in
    a dock and as overlays the planner toggles in the Overlays menu; a
    shown overlay gets a row with its legend in the layer panel."""

    def __init__(self, session: Session, window: QMainWindow, scene,
                 layers: LayerPanel) -> None:
        super().__init__(window)
        self.scene, self.layers = scene, layers
        self.panel = ResultsDock()
        dock = QDockWidget(tr("Results"), window)
        dock.setObjectName("results")
        dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.dock = dock
        self.overlay_items: dict[str, QGraphicsItemGroup] = {}
        self.overlay_actions: dict[str, QAction] = {}
        menu = window.menuBar().addMenu(tr("&Overlays"))
        for name in OVERLAYS:
            action = menu.addAction(tr(name), self.redraw_overlays)
            action.setCheckable(True)
            self.overlay_actions[name] = action
        self.gap_target = QComboBox()
        self.gap_target.setToolTip(
            tr("target whose coverage gaps are drawn"))
        self.gap_target.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.gap_target.currentTextChanged.connect(self.redraw_overlays)
        window.addToolBarBreak()  # a second row: the draw tools fill the first
        bar = window.addToolBar(tr("Overlays"))
        bar.setObjectName("overlays")
        bar.addWidget(QLabel(tr(" Coverage gaps of ")))
        bar.addWidget(self.gap_target)
        self.live = LiveEvaluation(session.plan, self)
        self.live.updated.connect(session.set_results)
        self.live.started.connect(self.panel.running)
        self.live.updated.connect(self._results_ready)
        self.live.failed.connect(self.panel.show_failure)
        self.pool = ThreadPoolExecutor(max_workers=1,
                                       thread_name_prefix="on demand")
        self.asked: set[tuple[int, str]] = set()   # (results, evaluator)
        self.signals = _Signals()
        self.signals.computed.connect(self._computed)
        self.live.request()

    def _compute(self, results: Results, name: str) -> None:
        """Compute evaluator ``name`` (one the live evaluation leaves out)
        for ``results`` on a thread of its own, once."""
        if (id(results), name) in self.asked:
            return
        self.asked = {k for k in self.asked if k[0] == id(results)} | {
            (id(results), name)}
        signals = self.signals
        settings = results.context.plan.settings

        def job() -> None:
            from ..evaluate.encounter import encounter
            from ..evaluate.space_syntax import space_syntax
            try:
                found = encounter(results.context, exchange=settings.exchange,
                                  walk=settings.walk, parking=settings.parking) \
                    if name == "encounter" else \
                    space_syntax(results.context, walk=settings.walk)
            except Exception as exc:  # a bug must not kill the app
                found = exc
            signals.computed.emit(results, name, found)
        self.pool.submit(job)

    def _computed(self, results: Results, name: str, found) -> None:
        if isinstance(found, Exception):
            self.panel.show_failure(f"{type(found).__name__}: {found}")
        elif results is self.live.results:
            results.add(name, found)       # its findings join the others
            self.panel.show_results(results)
            self.redraw_overlays()

    def wait(self) -> None:
        """Stop: block until a running computation ends."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def _results_ready(self, results: Results) -> None:
        self.panel.show_results(results)
        targets = sorted(results.coverage.table.index, key=human)  # as read
        if targets != [self.gap_target.itemData(i)
                       for i in range(self.gap_target.count())]:
            current = self.gap_target.currentData() or "public_areas"
            self.gap_target.blockSignals(True)
            self.gap_target.clear()
            for target in targets:
                self.gap_target.addItem(human(target), target)
            self.gap_target.setCurrentIndex(
                max(self.gap_target.findData(current), 0))
            self.gap_target.blockSignals(False)
        self.redraw_overlays()

    def redraw_overlays(self, *_) -> None:
        """Draw the checked overlays from the latest results."""
        results = self.live.results
        for name, action in self.overlay_actions.items():
            old = self.overlay_items.pop(name, None)
            if old is not None:
                self.scene.removeItem(old)
            key = f"overlay: {name}"
            if not action.isChecked() or results is None:
                if key in self.layers.items:
                    self.layers.remove_layer(key)
                continue
            wanted = ON_DEMAND.get(name)
            if wanted and getattr(results, wanted) is None:
                self._compute(results, wanted)   # drawn when computed
                continue
            make = OVERLAYS[name]
            target = self.gap_target.currentData()
            item = make(results, target) if name == GAPS else make(results)
            self.scene.addItem(item)
            fit_markers(self.scene)
            self.overlay_items[name] = item
            title = tr("Overlay: {name} ({target})").format(
                name=tr(name), target=human(target)) if name == GAPS \
                else tr("Overlay: {name}").format(name=tr(name))
            self.layers.show_overlay(key, title, item, legend(name, results))
