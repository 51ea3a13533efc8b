"""The attribute form: the selected feature's fields with typed widgets.

Every change goes through a callback that pushes an undoable command; a
value the plan refuses is shown in red and the widget goes back to the
stored value.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..model.problems import PlannerError
from ..model.schema import LAYERS
from ..model.words import human, value_words
from .language import tr

Edit = Callable[[str, int, str, object], None]


class AttributeForm(QWidget):
    """Shows one feature; ``edit(layer, fid, column, value)`` applies."""

    def __init__(self, edit: Edit, parent=None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.title = QLabel(tr("Nothing selected"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        self.form = QFormLayout()
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(self.form)
        box.addWidget(self.error)
        self.widgets: dict[str, QWidget] = {}
        self.feature: tuple[str, int] | None = None

    def show_feature(self, layer: str | None, fid: int | None,
                     row: pd.Series | None) -> None:
        """Fill the form from ``row`` (None clears it)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.widgets.clear()
        self.error.clear()
        self.feature = None if layer is None else (layer, fid)
        if layer is None or row is None:
            self.title.setText(tr("Nothing selected"))
            return
        name, spec = row.get("name"), LAYERS[layer]
        self.title.setText(
            tr("{layer}: feature {fid} ({name})").format(
                layer=spec.label, fid=fid, name=name)
            if isinstance(name, str) else
            tr("{layer}: feature {fid}").format(layer=spec.label, fid=fid))
        for column in [c for c in row.index if c != "geometry"]:
            field = next((f for f in spec.fields if f.name == column), None)
            widget = self._widget(column, field, row[column])
            self.widgets[column] = widget
            self.form.addRow(human(column), widget)

    def focus_first(self, columns: tuple[str, ...]) -> None:
        """Put the cursor in the first of ``columns`` the form shows, once
        the click (or key) that made the feature is done with."""
        QTimer.singleShot(0, lambda: self._focus(columns))

    def _focus(self, columns: tuple[str, ...]) -> None:
        for column in columns:
            widget = self.widgets.get(column)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
                return

    def _widget(self, column, field, value) -> QWidget:
        missing = value is None or (not isinstance(value, str)
                                    and pd.isna(value))
        if field is not None and field.type == "bool":
            widget = QCheckBox()
            widget.setChecked(bool(value) if not missing else False)
            widget.toggled.connect(lambda on, c=column: self._apply(c, on))
            return widget
        if field is not None and field.vocabulary:
            widget = QComboBox()  # in words, each with its key
            for key in field.vocabulary:
                widget.addItem(value_words(key), key)
            widget.setEditable(not field.closed)
            known = -1 if missing else widget.findData(value)
            widget.setCurrentIndex(known)
            if known < 0 and not missing:
                widget.setCurrentText(str(value))   # a value of its own
            widget.activated.connect(
                lambda _, c=column, w=widget: self._apply(c, _chosen(w)))
            if widget.lineEdit() is not None:
                widget.lineEdit().editingFinished.connect(
                    lambda c=column, w=widget: self._apply(c, _chosen(w)))
            return widget
        widget = QLineEdit("" if missing else _text(value))
        widget.editingFinished.connect(
            lambda c=column, w=widget: self._apply(c, w.text()))
        return widget

    def _apply(self, column: str, value: object) -> None:
        if self.feature is None:
            return
        layer, fid = self.feature
        try:
            self.edit(layer, fid, column, None if value == "" else value)
            self.error.clear()
        except PlannerError as exc:
            self.error.setText(str(exc))


def _chosen(combo: QComboBox) -> str:
    """The key of the words shown, or what the planner typed."""
    index = combo.findText(combo.currentText())
    return combo.itemData(index) if index >= 0 else combo.currentText()


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value)

