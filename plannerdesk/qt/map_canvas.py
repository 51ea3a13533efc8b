"""The map canvas: a QGraphicsView over a scene in map units, north up."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QWheelEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView


class MapCanvas(QGraphicsView):
    """Scene coordinates are map coordinates (metres in the plan's CRS).

    Qt's y axis points down; the view flips it once, here, so north is up.
    """

    cursor_moved = Signal(QPointF)
    ZOOM_STEP = 1.25

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.scale(1.0, -1.0)

    def zoom_to(self, rect: QRectF, margin: float = 0.05) -> None:
        """Fit ``rect`` (map units) in the view, keeping north up."""
        grown = rect.adjusted(-rect.width() * margin, -rect.height() * margin,
                              rect.width() * margin, rect.height() * margin)
        self.setSceneRect(grown.adjusted(-grown.width(), -grown.height(),
                                         grown.width(), grown.height()))
        self.fitInView(grown, Qt.AspectRatioMode.KeepAspectRatio)

    def map_units_per_pixel(self) -> float:
        return 1.0 / self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        step = self.ZOOM_STEP if event.angleDelta().y() > 0 else 1 / self.ZOOM_STEP
        self.scale(step, step)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.cursor_moved.emit(self.mapToScene(event.position().toPoint()))
        super().mouseMoveEvent(event)
