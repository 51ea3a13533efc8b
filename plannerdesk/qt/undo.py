"""The plan's undo stack in the window: Undo and Redo actions that follow
it, its changes as Qt signals, and the History list (click a row to go
back or forward to it)."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QEvent, QObject, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ..commands import UndoStack
from .language import tr

EMPTY = QT_TR_NOOP("<empty>")
"""The History's first row: the plan as opened (shown through tr())."""


class UndoHistory(QObject):
    """Qt's view of one :class:`UndoStack`: ``changed`` after every step,
    ``clean_changed(bool)`` when the plan becomes saved or unsaved."""

    changed = Signal()
    clean_changed = Signal(bool)

    def __init__(self, stack: UndoStack, parent: QObject | None = None
                 ) -> None:
        super().__init__(parent)
        self.stack = stack
        self._clean = stack.is_clean()
        stack.listeners.append(self._stack_changed)

    def _stack_changed(self) -> None:
        self.changed.emit()
        if self.stack.is_clean() != self._clean:
            self._clean = self.stack.is_clean()
            self.clean_changed.emit(self._clean)

    def actions(self, parent: QObject) -> tuple[QAction, QAction]:
        """Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z), named after the step
        they undo or redo and enabled only when there is one."""
        undo = QAction(parent)
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        undo.triggered.connect(self.stack.undo)
        redo = QAction(parent)
        redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        redo.triggered.connect(self.stack.redo)

        def follow() -> None:
            for action, text, named, bare in (
                    (undo, self.stack.undo_text(), tr("&Undo {step}"),
                     tr("&Undo")),
                    (redo, self.stack.redo_text(), tr("&Redo {step}"),
                     tr("&Redo"))):
                action.setEnabled(bool(text))
                action.setText(named.format(step=text).strip() if text
                               else bare)

        self.changed.connect(follow)
        follow()
        return undo, redo

    def view(self) -> QListWidget:
        """The History: the plan as opened, then every step; the current
        state highlighted."""
        history = QListWidget()

        def follow() -> None:
            history.blockSignals(True)
            history.clear()
            for text in [tr(EMPTY), *(c.text for c in self.stack.commands)]:
                history.addItem(QListWidgetItem(text))
            history.setCurrentRow(self.stack.index)
            history.blockSignals(False)

        history.currentRowChanged.connect(
            lambda row: self.stack.set_index(row) if row >= 0 else None)
        self.changed.connect(follow)
        follow()
        return history


class UndoEverywhere(QObject):
    """Ctrl+Z and Ctrl+Shift+Z undo and redo the plan's steps wherever
    the cursor is in ``window``: a text field keeps them for its own
    typing only while it has typing to undo or redo."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.ShortcutOverride or \
                not isinstance(watched, QLineEdit) or \
                watched.window() is not self.window:
            return False
        assert isinstance(event, QKeyEvent)
        if event.matches(QKeySequence.StandardKey.Undo):
            own = watched.isUndoAvailable()
        elif event.matches(QKeySequence.StandardKey.Redo) or \
                event.keyCombination() == QKeySequence("Ctrl+Shift+Z")[0]:
            own = watched.isRedoAvailable()
        else:
            return False
        if own:
            return False  # the field's own typing
        event.ignore()  # not the field's: the window's shortcut runs
        return True
