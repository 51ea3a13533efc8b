"""The attribute table of a layer (View → Attribute table, F6): sortable
by any column, filtered by a text, its selection the map's (both ways), a
cell edit an undoable command, a double click zooming to the feature."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..commands import SetAttribute
from ..model.changes import Change
from ..model.problems import PlannerError
from ..model.schema import LAYER_ORDER, LAYERS
from ..model.words import human, value_words
from ..session import Session
from .language import tr

FID = Qt.ItemDataRole.UserRole


class LayerModel(QAbstractTableModel):
    """One layer's features (rows, by fid) and fields (columns)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.layer = "buildings"
        self.frame = pd.DataFrame()
        self.columns: list[str] = []
        self.load(self.layer)

    def load(self, layer: str) -> None:
        self.beginResetModel()
        self.layer = layer
        frame = self.session.plan[layer]
        self.frame = pd.DataFrame(frame.drop(columns=frame.geometry.name))
        self.columns = list(self.frame.columns)
        self.worded = {f.name: f for f in LAYERS[layer].fields
                       if f.vocabulary}   # edited by picking words
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.frame)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        value = self.frame.iat[index.row(), index.column()]
        if role == FID:
            return int(self.frame.index[index.row()])
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if role == Qt.ItemDataRole.DisplayRole:   # keys and flags in words
            if isinstance(value, (bool, np.bool_)):
                return tr("yes") if value else tr("no")
            if self.columns[index.column()] in self.worded:
                return value_words(value)
        return value if isinstance(value, (int, float, str)) else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return human(self.columns[section])
        return str(self.frame.index[section])

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole  # noqa: N802
                ) -> bool:
        fid = int(self.frame.index[index.row()])
        try:
            self.session.push(SetAttribute(self.layer, fid,
                                           self.columns[index.column()],
                                           None if value == "" else value))
        except PlannerError as exc:
            self.session.say(tr("Not changed: {error}").format(error=exc),
                             8000)
            return False
        return True


class WordPicker(QStyledItemDelegate):
    """A field with a vocabulary is edited by picking its values in words
    (each with its key behind it); the others as text."""

    def __init__(self, model: LayerModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.model = model

    def _field(self, index: QModelIndex):
        source = index.model().mapToSource(index) \
            if isinstance(index.model(), QSortFilterProxyModel) else index
        return self.model.worded.get(self.model.columns[source.column()])

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt API)
        field = self._field(index)
        if field is None:
            return super().createEditor(parent, option, index)
        editor = QComboBox(parent)
        for key in field.vocabulary:
            editor.addItem(value_words(key), key)
        editor.setEditable(not field.closed)
        return editor

    def setEditorData(self, editor, index) -> None:  # noqa: N802
        if not isinstance(editor, QComboBox):
            return super().setEditorData(editor, index)
        value = index.data(Qt.ItemDataRole.EditRole)
        known = editor.findData(value)
        editor.setCurrentIndex(known)
        if known < 0 and value:
            editor.setCurrentText(str(value))

    def setModelData(self, editor, model, index) -> None:  # noqa: N802
        if not isinstance(editor, QComboBox):
            return super().setModelData(editor, model, index)
        at = editor.findText(editor.currentText())
        model.setData(index, editor.itemData(at) if at >= 0
                      else editor.currentText(), Qt.ItemDataRole.EditRole)


class AttributeTable(QDockWidget):
    """The dock: a layer, a filter and the table."""

    def __init__(self, session: Session, parent: QWidget,
                 zoom_to: Callable[[tuple], None]) -> None:
        super().__init__(tr("Attribute table"), parent)
        self.setObjectName("attribute table")
        self.session, self.zoom_to = session, zoom_to
        self.model = LayerModel(session)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # any column
        self.proxy.setFilterCaseSensitivity(
            Qt.CaseSensitivity.CaseInsensitive)
        self.layer = QComboBox()
        for name in LAYER_ORDER:
            self.layer.addItem(LAYERS[name].label, name)
        self.layer.setCurrentIndex(self.layer.findData("buildings"))
        self.layer.currentIndexChanged.connect(
            lambda _: self.show_layer(self.layer.currentData()))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Find: a name or any value"))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(WordPicker(self.model, self.view))
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.doubleClicked.connect(self._zoom)
        self.view.selectionModel().selectionChanged.connect(self._picked)
        top = QHBoxLayout()
        top.addWidget(self.layer)
        top.addWidget(self.filter, 1)
        body = QWidget()
        box = QVBoxLayout(body)
        box.addLayout(top)
        box.addWidget(self.view)
        self.setWidget(body)
        self._syncing = False
        session.layer_changed.connect(self._changed)
        session.selection.changed.connect(self._follow)

    def show_layer(self, layer: str) -> None:
        self.model.load(layer)
        self._follow()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.show_layer(self.model.layer)  # it follows no edit while hidden

    def fids_shown(self) -> list[int]:
        """The fids of the rows shown, in their order."""
        return [self.proxy.index(r, 0).data(FID)
                for r in range(self.proxy.rowCount())]

    def _changed(self, change: Change) -> None:
        if change.layer == self.model.layer and self.isVisible():
            self.model.load(self.model.layer)
            self._follow()

    def _picked(self, *_) -> None:
        if self._syncing:
            return
        rows = {i.row() for i in self.view.selectionModel().selectedRows()}
        fids = [self.proxy.index(r, 0).data(FID) for r in sorted(rows)]
        self._syncing = True
        self.session.selection.set(self.model.layer if fids else None, fids)
        self._syncing = False

    def _follow(self) -> None:
        """Select the rows of the map's selection in this layer."""
        if self._syncing or not self.isVisible():
            return
        wanted = self.session.selection.fids.get(self.model.layer, [])
        rows = self.model.frame.index.get_indexer(wanted)
        chosen = QItemSelection()
        last = self.model.columnCount() - 1
        for row in rows[rows >= 0]:
            chosen.select(self.proxy.mapFromSource(self.model.index(row, 0)),
                          self.proxy.mapFromSource(self.model.index(row,
                                                                    last)))
        self._syncing = True
        self.view.selectionModel().select(
            chosen, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._syncing = False

    def _zoom(self, index: QModelIndex) -> None:
        zoom_to_feature(self.session, self.model.layer, index.data(FID),
                        self.zoom_to)


def zoom_to_feature(session: Session, layer: str, fid: int,
                    zoom_to: Callable[[tuple], None]) -> None:
    """Zoom to feature ``fid`` of ``layer`` with its own size around it
    (50 m at least); a feature with no geometry leaves the view."""
    geometry = session.plan[layer].geometry.loc[fid]
    if geometry is not None and not geometry.is_empty:
        x0, y0, x1, y1 = geometry.bounds
        pad = max(x1 - x0, y1 - y0, 50.0)
        zoom_to((x0 - pad, y0 - pad, x1 + pad, y1 + pad))
