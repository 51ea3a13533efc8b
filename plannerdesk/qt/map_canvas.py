"""The map canvas: a QGraphicsView over a scene in map units, north up."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from ..model.snapping import Snap, Snapper
from .map_tools import MapTool
from .tiled_layer import fit_markers

METRES_PER_SCREEN_PIXEL = 0.0254 / 96


class MapCanvas(QGraphicsView):
    """Scene coordinates are map coordinates (metres in the plan's CRS).

    Qt's y axis points down; the view flips it once, here, so north is up.
    Mouse events go to the active map tool in map coordinates; the middle
    button, or the left button with Space held, pans; the wheel zooms about
    the cursor (the map point under it stays under it).
    """

    cursor_moved = Signal(QPointF)
    scale_changed = Signal(float)  # the new scale denominator
    ZOOM_STEP = 1.25

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        # zooming keeps its own anchor (zoom_about): Qt's "under mouse"
        # remembers the pointer only from events this view passes on
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.scale(1.0, -1.0)
        self.tool: MapTool | None = None
        self.snapper: Snapper | None = None
        self.snap_pixels = 10.0
        self._space = False
        self._pan_from: QPointF | None = None
        self._fit: QRectF | None = None  # kept fitted until the user moves
        # point symbols are sized in pixels: made again at each scale
        self.scale_changed.connect(lambda _: fit_markers(self.scene()))

    def set_tool(self, tool: MapTool | None) -> None:
        """Make ``tool`` the active tool (None: plain panning)."""
        if self.tool is not None:
            self.tool.deactivate()
        self.tool = tool
        if tool is not None:
            tool.activate()

    def snap(self, x: float, y: float) -> Snap | None:
        """Snap (x, y) within ``snap_pixels`` on screen (0: snapping off)."""
        if self.snapper is None or self.snap_pixels <= 0:
            return None
        return self.snapper.snap(x, y, self.snap_pixels *
                                 self.map_units_per_pixel())

    def zoom_to(self, rect: QRectF, margin: float = 0.05) -> None:
        """Fit ``rect`` (map units) in the view, keeping north up."""
        grown = rect.adjusted(-rect.width() * margin, -rect.height() * margin,
                              rect.width() * margin, rect.height() * margin)
        # the scrollable area only grows: zooming in never limits panning
        self.setSceneRect(self.sceneRect().united(grown.adjusted(
            -grown.width(), -grown.height(), grown.width(), grown.height())))
        self.fitInView(grown, Qt.AspectRatioMode.KeepAspectRatio)
        self._fit = grown
        self.scale_changed.emit(self.scale_denominator())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self._fit is not None:  # still showing a fitted extent: refit
            self.fitInView(self._fit, Qt.AspectRatioMode.KeepAspectRatio)
            self.scale_changed.emit(self.scale_denominator())

    def map_units_per_pixel(self) -> float:
        return 1.0 / self.transform().m11()

    def scale_denominator(self) -> float:
        """N of the map scale 1:N on a 96 dpi screen."""
        return self.map_units_per_pixel() / METRES_PER_SCREEN_PIXEL

    def set_scale(self, denominator: float) -> None:
        """Show the map at 1:``denominator``, keeping the view's centre."""
        factor = self.scale_denominator() / denominator
        self._fit = None
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(factor, factor)
        self.setTransformationAnchor(anchor)
        self.scale_changed.emit(self.scale_denominator())

    def to_map(self, event: QMouseEvent) -> QPointF:
        return self.mapToScene(event.position().toPoint())

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        turned = event.angleDelta().y()
        if not turned:
            return
        self.zoom_about(event.position(),
                        self.ZOOM_STEP if turned > 0 else 1 / self.ZOOM_STEP)

    def zoom_about(self, at: QPointF, factor: float) -> None:
        """Zoom by ``factor`` keeping the map point at view position ``at``
        where it is on screen (to the nearest pixel)."""
        self._fit = None
        fixed = self.viewportTransform().inverted()[0].map(at)
        self.scale(factor, factor)
        middle = QPointF(self.viewport().rect().center())
        back = self.viewportTransform().inverted()[0]
        self._make_room(fixed + back.map(middle) - back.map(at))
        drift = self.viewportTransform().map(fixed) - at
        for bar, d in ((self.horizontalScrollBar(), drift.x()),
                       (self.verticalScrollBar(), drift.y())):
            bar.setValue(bar.value() + round(d))
        self.scale_changed.emit(self.scale_denominator())

    def _make_room(self, centre: QPointF) -> None:
        """Grow the scrollable area to three views' width and height about
        ``centre``, so the view can be centred there and panned on."""
        shown = self.mapToScene(self.viewport().rect()).boundingRect()
        shown.moveCenter(centre)
        self.setSceneRect(self.sceneRect().united(shown.adjusted(
            -shown.width(), -shown.height(), shown.width(), shown.height())))

    def _pans(self, event: QMouseEvent) -> bool:
        return event.button() == Qt.MouseButton.MiddleButton or \
            self._space or self.tool is None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pans(event):
            self._pan_from = event.position()
            self._fit = None
        elif self.tool is not None:
            self.tool.press(self.to_map(event), event.button(),
                            event.modifiers())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        point = self.to_map(event)
        self.cursor_moved.emit(point)
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            for bar, d in ((self.horizontalScrollBar(), delta.x()),
                           (self.verticalScrollBar(), delta.y())):
                bar.setValue(bar.value() - round(d))
        elif self.tool is not None:
            self.tool.move(point, event.modifiers())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is not None:
            self._pan_from = None
        elif self.tool is not None:
            self.tool.release(self.to_map(event), event.button(),
                              event.modifiers())

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.tool is not None and not self._pans(event):
            self.tool.double_click(self.to_map(event))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
        elif self.tool is None or not self.tool.key(event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
        super().keyReleaseEvent(event)
