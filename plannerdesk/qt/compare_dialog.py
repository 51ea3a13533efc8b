"""Comparing two scenarios: the delta of every headline figure, the
findings, in a panel beside the map, and the differences drawn on the map
as a layer that stays until the planner removes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QDockWidget,
    QGraphicsItemGroup,
    QGraphicsScene,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..evaluate.compare import Comparison, findings
from ..evaluate.shape import figure_words, unit_words
from ..jobs.scenarios import compare_scenarios
from ..model.problems import PlannerError
from ..model.scenarios import EXISTING, scenario_label, scenario_names
from ..model.symbology import BETTER_COLOUR, WORSE_COLOUR
from ..session import Session
from .evaluation import LiveEvaluation
from .language import tr
from .layer_panel import LayerPanel
from .legend import swatch
from .overlays import overlay_group, tiled_item


@dataclass(frozen=True)
class CompareView:
    """Where a comparison shows: over ``parent``, its differences on
    ``scene`` listed in ``layers``; ``export_report(base)`` writes the
    report with the comparison; ``live`` holds the active scenario's
    results."""

    parent: QWidget
    scene: QGraphicsScene
    layers: LayerPanel
    live: LiveEvaluation
    export_report: Callable[[str], None]

BETTER, WORSE = QColor(BETTER_COLOUR), QColor(WORSE_COLOUR)


def _faint(colour: QColor, alpha: int) -> QColor:
    faint = QColor(colour)
    faint.setAlpha(alpha)
    return faint


#: What the difference map draws: (fill, outline, label); better green,
#: worse red, as in the report. Labels and columns are English, shown
#: through tr().
DIFFERENCES = {
    "closed": (_faint(BETTER, 110), BETTER,
               QT_TR_NOOP("coverage gap closed")),
    "opened": (_faint(WORSE, 110), WORSE, QT_TR_NOOP("coverage gap opened")),
    "up": (_faint(BETTER, 200), BETTER, QT_TR_NOOP("walk score up")),
    "down": (_faint(WORSE, 200), WORSE, QT_TR_NOOP("walk score down")),
    "less": (_faint(BETTER, 50), BETTER,
             QT_TR_NOOP("zone: less unmet parking")),
    "more": (_faint(WORSE, 50), WORSE,
             QT_TR_NOOP("zone: more unmet parking")),
}
COLUMNS = (QT_TR_NOOP("figure"), QT_TR_NOOP("unit"), QT_TR_NOOP("base"),
           QT_TR_NOOP("proposal"), QT_TR_NOOP("delta"))


def difference_item(c: Comparison) -> QGraphicsItemGroup:
    """The comparison's differences as one overlay group."""
    walk, zones = c.walk_score_change, c.parking_change
    parts = {
        "closed": c.gaps_closed.geometry, "opened": c.gaps_opened.geometry,
        "up": walk.geometry[walk["delta"] > 0],
        "down": walk.geometry[walk["delta"] < 0],
        "less": zones.geometry[zones["unmet_delta"] < 0],
        "more": zones.geometry[zones["unmet_delta"] > 0]}
    return overlay_group([tiled_item(geoms.to_numpy(), *DIFFERENCES[k][:2])
                          for k, geoms in parts.items()])


def _text(value: object, unit: str) -> str:
    """A figure as the table shows it: shares in %, small numbers with
    more decimals."""
    if pd.isna(value):
        return ""
    number = float(value)
    if unit == "share":
        return f"{number:.1%}"
    if number == 0:
        return "0"
    if unit in COUNTED:
        return f"{number:,.0f}"
    digits = 2 if abs(number) < 1 else 1 if abs(number) < 100 else 0
    return f"{number:,.{digits}f}"


COUNTED = ("features", "buildings", "spaces")  # units of whole things


class CompareDialog(QDockWidget):
    """One comparison, in a panel beside the map (with the results); its
    differences stay on the map, as a layer, until removed from the layer
    panel."""

    def __init__(self, view: CompareView, comparison: Comparison,
                 base: str) -> None:
        """``base``: the scenario compared with (as the plan names it)."""
        super().__init__(view.parent)
        self.view, self.comparison = view, comparison
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        title = f"{comparison.base_name} \u2192 {comparison.proposal_name}"
        self.setWindowTitle(tr("Compare {title}").format(title=title))
        self.setObjectName(f"comparison {id(self)}")
        self.table = self._table(comparison.headline)
        notes = QPlainTextEdit("\n".join(f"\u2022 {line}" for line in
                                         findings(comparison)))
        notes.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.addButton(tr("Export report with this comparison..."),
                          QDialogButtonBox.ButtonRole.ActionRole).clicked \
            .connect(lambda: view.export_report(base))
        body = QWidget()
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(tr(
            "<b>{title}</b>: green is better, red is worse; the map shows "
            "the differences.").format(title=title)))
        layout.addWidget(self.table, 3)
        layout.addWidget(notes, 1)
        layout.addWidget(buttons)
        self.key = f"comparison {id(self)}: {title}"
        self.item = difference_item(comparison)
        view.scene.addItem(self.item)
        shown = tr("Comparison: {title}").format(title=title)
        view.layers.add_layer(self.key, shown, self.item, removable=True)
        view.layers.set_title(self.key, shown, [
            (swatch("polygon", fill, stroke), tr(label))
            for fill, stroke, label in DIFFERENCES.values()])

    @classmethod
    def start(cls, session: Session, view: CompareView
              ) -> CompareDialog | None:
        """Ask what to compare the active scenario with, then show it."""
        plan, window = session.plan, view.parent
        others = [n for n in scenario_names(plan) if n != plan.active]
        if not others:
            QMessageBox.information(window, "PlannerDesk", tr(
                "There is only one scenario. Add a proposal (Scenario → New "
                "proposal) to compare it."))
            return None
        labels = {scenario_label(n): n for n in others}
        base, ok = QInputDialog.getItem(
            window, tr("Compare scenarios"),
            tr("Compare {name} with:").format(name=scenario_label(plan.active)),
            list(labels), others.index(EXISTING) if EXISTING in others else 0,
            False)
        if not ok:
            return None
        base = labels.get(base, base)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            live = view.live
            current = {} if live.results is None or live.busy() else \
                {plan.active: live.results}
            comparison = compare_scenarios(plan, base, plan.active,
                                           given=current)
        except PlannerError as exc:
            QMessageBox.warning(window, "PlannerDesk", str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        panel = cls(view, comparison, base)
        window = view.parent
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        beside = [d for d in window.findChildren(QDockWidget)
                  if d.windowTitle() == tr("Results") and d.isVisible()]
        if beside:
            window.tabifyDockWidget(beside[0], panel)
        panel.show()
        panel.raise_()
        return panel

    def _table(self, headline: pd.DataFrame) -> QTableWidget:
        table = QTableWidget(len(headline), len(COLUMNS))
        table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, (key, row) in enumerate(headline.iterrows()):
            texts = (figure_words(key), unit_words(row["unit"]),
                     _text(row["base"], row["unit"]),
                     _text(row["proposal"], row["unit"]),
                     _text(row["delta"], row["unit"]))
            for c, text in enumerate(texts):
                cell = QTableWidgetItem(str(text))
                if c == 4 and not pd.isna(row["better"]):
                    cell.setForeground(BETTER if row["better"] else WORSE)
                table.setItem(r, c, cell)
        table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        return table
