"""The settings dialog: every evaluator parameter, its unit and source."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..model import language
from ..model.problems import PlannerError
from ..model.settings import Settings, parameter_table, with_parameter
from ..model.settings_rules import Choice, Flag, rule_at
from ..model.standards import PROPOSAL
from ..model.words import human, parameter_name
from .language import tr
from .parking_curves import ParkingCurves

COLUMNS = (QT_TR_NOOP("Parameter"), QT_TR_NOOP("Value"), QT_TR_NOOP("Unit"),
           QT_TR_NOOP("Source"))  # shown through tr()
KEY = Qt.ItemDataRole.UserRole   # the parameter's key, on its first cell


class SettingsDialog(QDialog):
    """Edit the values; OK checks them all and keeps the new settings in
    ``result_settings`` (a refused value is named and nothing changes)."""

    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Evaluation settings"))
        self.settings = settings
        self.result_settings: Settings | None = None
        rows = parameter_table(settings)
        self.table = QTableWidget(len(rows), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        for r, row in enumerate(rows):
            value = row["value"]
            text = ", ".join(f"{v:g}" if isinstance(v, float) else str(v)
                             for v in value) if isinstance(value, list) \
                else f"{value:g}" if isinstance(value, float) else str(value)
            source = row["source"]
            if row["proposal"] and language.tr(PROPOSAL) not in source:
                source = tr("{source} (proposal)").format(source=source)
            name = parameter_name(row["parameter"])
            for c, cell in enumerate((name[:1].upper() + name[1:], text,
                                      row["unit"], source)):
                item = QTableWidgetItem(cell)
                if c != 1:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c == 3 and row["proposal"]:
                    item.setForeground(QColor("#8a5a00"))
                if c in (0, 3):   # the key, and the whole source
                    item.setToolTip(row["parameter"] if c == 0 else source)
                self.table.setItem(r, c, item)
            self.table.item(r, 0).setData(KEY, row["parameter"])
            self._choose_in_words(r, row["parameter"], value)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 160)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.curves = ParkingCurves(settings)
        parameters = QWidget()
        page = QVBoxLayout(parameters)
        page.addWidget(QLabel(tr("Defaults and their sources; values marked "
                                 "'proposal' have no standard behind them.")))
        page.addWidget(self.table)
        self.tabs = QTabWidget()
        self.tabs.addTab(parameters, tr("Parameters"))
        self.tabs.addTab(self.curves, tr("Parking by hour"))
        box = QVBoxLayout(self)
        box.addWidget(self.tabs)
        box.addWidget(self.error)
        box.addWidget(buttons)
        self.resize(900, 600)

    def _choose_in_words(self, r: int, key: str, value: object) -> None:
        """A setting with a few values to choose from (a choice, true or
        false) is picked from their words, not typed as a key."""
        rule = rule_at(key)
        if isinstance(rule, Choice):
            options = [(human(word), word) for word in rule.words]
        elif isinstance(rule, Flag):
            options = [(tr("yes"), "true"), (tr("no"), "false")]
        else:
            return
        combo = QComboBox()
        for words, text in options:
            combo.addItem(words, text)
        shown = str(value).lower() if isinstance(value, bool) else str(value)
        combo.setCurrentIndex(max(combo.findData(shown), 0))
        self.table.setCellWidget(r, 1, combo)

    def value_text(self, r: int) -> str:
        """Row ``r``'s value as the settings read it."""
        combo = self.table.cellWidget(r, 1)
        return combo.currentData() if isinstance(combo, QComboBox) else \
            self.table.item(r, 1).text()

    def accept(self) -> None:
        settings = self.settings
        try:
            for r in range(self.table.rowCount()):
                settings = with_parameter(
                    settings, self.table.item(r, 0).data(KEY),
                    self.value_text(r))
            settings = self.curves.apply(settings)
        except PlannerError as exc:
            self.error.setText(str(exc))
            return
        self.result_settings = settings
        super().accept()
