"""Selecting features (click, or rubber band in the current layer) and
moving the selection by dragging it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TR_NOOP, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from ..model.picking import in_rectangle, pick
from ..session import Session
from .map_tools import PREVIEW_Z, MapTool

PICK_PIXELS = 5.0


class SelectTool(MapTool):
    """Click selects the top-most feature under the cursor (Ctrl adds);
    a drag on empty map selects by rectangle in the current layer; a drag
    that starts on a selected feature moves the selection; Delete deletes.
    """

    name = "Select"
    hint = QT_TR_NOOP("click or drag a box to select; drag a selected "
                      "feature to move it; Delete removes; Ctrl adds to the "
                      "selection")

    def __init__(self, canvas, session: Session,
                 pickable: Callable[[], list[str]],
                 current: Callable[[], str]) -> None:
        """``pickable`` gives the layers a click picks from, top-most
        first; ``current`` the layer a rectangle selects in."""
        super().__init__(canvas)
        self.session, self.pickable, self.current = session, pickable, \
            current
        self.start: QPointF | None = None
        self.moving = False
        self.band = QGraphicsRectItem()
        pen = QPen(QColor("#0078d7"), 1, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.band.setPen(pen)
        self.band.setBrush(QColor(0, 120, 215, 40))
        self.band.setZValue(PREVIEW_Z)

    def activate(self) -> None:
        self.canvas.scene().addItem(self.band)
        self.band.hide()

    def deactivate(self) -> None:
        if self.band.scene() is not None:
            self.band.scene().removeItem(self.band)

    def _hit(self, point: QPointF) -> tuple[str, int] | None:
        return pick(self.session.plan.layers, self.pickable(),
                    point.x(), point.y(),
                    PICK_PIXELS * self.canvas.map_units_per_pixel())

    def press(self, point, button, modifiers) -> None:
        if button != Qt.MouseButton.LeftButton:
            return
        self.start = point
        hit = self._hit(point)
        self.moving = hit is not None and hit in self.session.selection.pairs()

    def move(self, point, modifiers) -> None:
        if self.start is None or self.moving:
            return
        self.band.setRect(QRectF(self.start, point).normalized())
        self.band.show()

    def release(self, point, button, modifiers) -> None:
        if self.start is None:
            return
        start, self.start = self.start, None
        self.band.hide()
        dragged = (point - start).manhattanLength() > \
            PICK_PIXELS * self.canvas.map_units_per_pixel()
        add = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if self.moving and dragged:
            self.session.move_selection(point.x() - start.x(),
                                       point.y() - start.y())
        elif dragged:
            layer = self.current()
            self.session.selection.set(layer, in_rectangle(
                self.session.plan[layer], start.x(), start.y(), point.x(),
                point.y()), add)
        else:
            hit = self._hit(point)
            self.session.selection.set(hit[0] if hit else None,
                               [hit[1]] if hit else [], add)
        self.moving = False

    def key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.session.delete_selection()
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.session.selection.set(None, [])
            return True
        return False


