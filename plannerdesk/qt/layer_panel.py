"""The layer panel: what the map shows, in which order, how opaque, and
a legend of each layer's symbols."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSlider,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .language import tr
from .legend import swatch

KEY = Qt.ItemDataRole.UserRole
BASE_Z = 10


class LayerPanel(QWidget):
    """Rows top-most first, one per map layer (plan layers and site maps),
    each with a visibility box and its legend as child rows. The panel owns
    the layers' stacking, visibility and opacity on the canvas."""

    changed = Signal()  # visibility or order changed
    shown_as = Signal(str)  # a layer's visibility, order or opacity changed
    zoom_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: dict[str, QGraphicsItem] = {}
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.removable: set[str] = set()
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemChanged.connect(self._toggled)
        self.tree.currentItemChanged.connect(self._show_opacity)
        self.tree.itemDoubleClicked.connect(
            lambda row, _: self.zoom_requested.emit(row.data(0, KEY))
            if row.data(0, KEY) else None)
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setRange(0, 100)
        self.opacity.setToolTip(tr("opacity of the current layer"))
        self.opacity.valueChanged.connect(self._set_opacity)
        self.opacity_label = QLabel()
        buttons = QHBoxLayout()
        for text, tip, step in (("\u25b2", tr("move the layer up"), -1),
                                ("\u25bc", tr("move the layer down"), 1)):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, s=step: self.move(s))
            buttons.addWidget(button)
        buttons.addWidget(self.opacity_label)
        buttons.addWidget(self.opacity, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)
        self._show_opacity()

    # -- rows --------------------------------------------------------------
    def add_layer(self, key: str, title: str, item: QGraphicsItem,
                  icon: QIcon | None = None, at: int = 0,
                  removable: bool = False) -> None:
        """Add a row for ``item`` at row ``at`` of the stack (0: on top, the
        row count: at the bottom); a key already listed is refused. A
        ``removable`` row's context menu removes it (and its item)."""
        if key in self.items:
            raise ValueError(f"layer {key!r} is already in the panel")
        entry = QTreeWidgetItem([title])
        entry.setData(0, KEY, key)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        entry.setCheckState(0, Qt.CheckState.Checked if item.isVisible()
                            else Qt.CheckState.Unchecked)
        if icon is not None:
            entry.setIcon(0, icon)
        self.tree.blockSignals(True)
        self.tree.insertTopLevelItem(at, entry)
        self.tree.blockSignals(False)
        self.items[key] = item
        if removable:
            self.removable.add(key)
        self._restack()

    def _menu(self, at) -> None:
        row = self.tree.itemAt(at)
        key = None if row is None else row.data(0, KEY)
        if key not in self.removable:
            return
        menu = QMenu(self)
        menu.addAction(tr("Remove from the map"), lambda: self.drop(key))
        menu.exec(self.tree.viewport().mapToGlobal(at))

    def drop(self, key: str) -> None:
        """Remove a removable layer: its row and its item on the map."""
        item = self.items[key]
        if item.scene() is not None:
            item.scene().removeItem(item)
        self.remove_layer(key)

    def remove_layer(self, key: str) -> None:
        row = self.row(key)
        self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(row))
        del self.items[key]
        self.removable.discard(key)
        self._restack()
        self.changed.emit()

    def show_as(self, key: str, visible: bool, opacity: float) -> None:
        """Show layer ``key`` so (as a command undone or redone wants it),
        without announcing it as the planner's change."""
        self.items[key].setVisible(visible)
        self.items[key].setOpacity(opacity)
        self.tree.blockSignals(True)
        self.row(key).setCheckState(0, Qt.CheckState.Checked if visible
                                    else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)
        self.changed.emit()
        self._show_opacity()

    def arrange(self, keys: list[str]) -> None:
        """Put the rows of ``keys`` in that order (top first), in the places
        they hold between the other rows."""
        listed = self.keys()
        places = sorted(listed.index(key) for key in keys)
        if [listed[i] for i in places] == keys:
            return
        self.tree.blockSignals(True)
        rows = {key: self.row(key) for key in keys}
        for key in keys:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(
                rows[key]))
        for place, key in zip(places, keys, strict=True):
            self.tree.insertTopLevelItem(place, rows[key])
        self.tree.blockSignals(False)
        self._restack()
        self.changed.emit()

    def replace_item(self, key: str, item: QGraphicsItem) -> None:
        """Show ``item`` for ``key`` with the old item's place and look."""
        old = self.items[key]
        item.setZValue(old.zValue())
        item.setVisible(old.isVisible())
        item.setOpacity(old.opacity())
        self.items[key] = item

    def set_title(self, key: str, title: str,
                  legend: list[tuple[QIcon, str]] = ()) -> None:
        """Relabel ``key``'s row and replace its legend rows."""
        row = self.row(key)
        self.tree.blockSignals(True)  # a new text is not a toggle
        row.setText(0, title)
        expanded = row.isExpanded() or not row.childCount()
        row.takeChildren()
        for icon, label in legend:
            child = QTreeWidgetItem([label])
            child.setIcon(0, icon)
            child.setFlags(Qt.ItemFlag.ItemIsEnabled)
            row.addChild(child)
        row.setExpanded(expanded)
        self.tree.blockSignals(False)

    def show_overlay(self, key: str, title: str, item: QGraphicsItem,
                     rows: list[tuple[QColor, QColor, str]]) -> None:
        """List overlay ``item`` as ``key`` (its row kept when listed),
        with a legend of (fill, outline, label) rows: a clear fill shows
        as a line."""
        if key in self.items:
            self.replace_item(key, item)
        else:
            self.add_layer(key, "", item)
        self.set_title(key, title, [
            (swatch("line" if fill.alpha() == 0 else "polygon", fill, stroke,
                    2.0 if fill.alpha() == 0 else 1.0), label)
            for fill, stroke, label in rows])

    def keys(self) -> list[str]:
        """Layer keys, top-most first."""
        return [self.tree.topLevelItem(i).data(0, KEY)
                for i in range(self.tree.topLevelItemCount())]

    def current_key(self) -> str | None:
        row = self.tree.currentItem()
        while row is not None and row.parent() is not None:
            row = row.parent()
        return row.data(0, KEY) if row is not None else None

    def set_current(self, key: str) -> None:
        self.tree.setCurrentItem(self.row(key))

    # -- stacking, visibility, opacity -----------------------------------
    def move(self, step: int) -> None:
        """Move the current layer ``step`` rows down (negative: up)."""
        key = self.current_key()
        if key is None:
            return
        index = self.keys().index(key)
        target = min(max(index + step, 0), self.tree.topLevelItemCount() - 1)
        if target == index:
            return
        self.tree.blockSignals(True)
        row = self.tree.takeTopLevelItem(index)
        expanded = row.isExpanded()
        self.tree.insertTopLevelItem(target, row)
        row.setExpanded(expanded)
        self.tree.setCurrentItem(row)
        self.tree.blockSignals(False)
        self._restack()
        self.changed.emit()
        self.shown_as.emit(key)

    def _restack(self) -> None:
        keys = self.keys()
        for depth, key in enumerate(keys):
            self.items[key].setZValue(BASE_Z + len(keys) - depth)

    def _toggled(self, row: QTreeWidgetItem, _column: int) -> None:
        key = row.data(0, KEY)
        if key is None:
            return
        self.items[key].setVisible(
            row.checkState(0) == Qt.CheckState.Checked)
        self.changed.emit()
        self.shown_as.emit(key)

    def _show_opacity(self, *_) -> None:
        key = self.current_key()
        self.opacity.setEnabled(key is not None)
        value = 100 if key is None else round(self.items[key].opacity() * 100)
        self.opacity.setValue(value)
        self.opacity_label.setText(f"{value}%")

    def _set_opacity(self, value: int) -> None:
        key = self.current_key()
        if key is not None and self.items[key].opacity() != value / 100:
            self.items[key].setOpacity(value / 100)
            self.shown_as.emit(key)
        self.opacity_label.setText(f"{value}%")

    def row(self, key: str) -> QTreeWidgetItem:
        """The row of layer ``key``."""
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, KEY) == key:
                return self.tree.topLevelItem(i)
        raise KeyError(key)
