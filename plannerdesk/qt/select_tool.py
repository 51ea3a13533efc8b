"""Selecting features (click, or rubber band in the current layer) and
moving the selection by dragging it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from ..model.picking import in_rectangle, pick
from .map_tools import PREVIEW_Z, MapTool

PICK_PIXELS = 5.0


class SelectTool(MapTool):
    """Click selects the top-most feature under the cursor (Ctrl adds);
    a drag on empty map selects by rectangle in the current layer; a drag
    that starts on a selected feature moves the selection; Delete deletes.
    """

    name = "Select"
    hint = "click or drag a box to select; drag a selected feature to move " \
        "it; Delete removes; Ctrl adds to the selection"

    def __init__(self, canvas, window) -> None:
        super().__init__(canvas)
        self.window = window
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
        return pick(self.window.plan.layers, self.window.visible_layers(),
                    point.x(), point.y(),
                    PICK_PIXELS * self.canvas.map_units_per_pixel())

    def press(self, point, button, modifiers) -> None:
        if button != Qt.MouseButton.LeftButton:
            return
        self.start = point
        hit = self._hit(point)
        self.moving = hit is not None and hit in self.window.selection_pairs()

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
            self.window.move_selection(point.x() - start.x(),
                                       point.y() - start.y())
        elif dragged:
            layer = self.window.current_layer()
            self.window.select(layer, in_rectangle(
                self.window.plan[layer], start.x(), start.y(), point.x(),
                point.y()), add)
        else:
            hit = self._hit(point)
            self.window.select(hit[0] if hit else None,
                               [hit[1]] if hit else [], add)
        self.moving = False

    def key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.window.delete_selection()
            return True
        if event.key() == Qt.Key.Key_Escape:
            self.window.select(None, [])
            return True
        return False


