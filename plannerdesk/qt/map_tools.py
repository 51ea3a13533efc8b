"""Map tools: small state classes fed map coordinates by the canvas
(after QGIS's QgsMapTool). Previews are temporary scene items."""

from __future__ import annotations

from collections.abc import Callable

import shapely
from PySide6.QtCore import QT_TR_NOOP, QPointF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsPathItem

from ..model.snapping import constrain
from .language import tr

PREVIEW_Z = 1000
#: A drawing tool's hint by geometry kind (English keys, see MapTool.hint).
DRAW_HINTS = {
    "point": QT_TR_NOOP("click to place; Backspace undoes a vertex, Esc "
                        "cancels, Shift keeps 0/45/90 degrees"),
    "line": QT_TR_NOOP("click vertices; double click or Enter finishes; "
                       "Backspace undoes a vertex, Esc cancels, Shift keeps "
                       "0/45/90 degrees"),
    "polygon": QT_TR_NOOP("click corners; double click or Enter finishes; "
                          "Backspace undoes a vertex, Esc cancels, Shift "
                          "keeps 0/45/90 degrees"),
}


class MapTool:
    """Interface: activate / deactivate and event handlers in map units.

    ``hint`` is English, marked for translation; the window shows it
    through ``tr()``."""

    name = "Pan"
    hint = QT_TR_NOOP("drag to pan, wheel to zoom")

    def __init__(self, canvas) -> None:
        self.canvas = canvas

    def activate(self) -> None:
        """Called when the tool becomes the canvas's active tool."""

    def deactivate(self) -> None:
        """Called when another tool takes over; drop any preview."""

    def press(self, point: QPointF, button: Qt.MouseButton,
              modifiers: Qt.KeyboardModifier) -> None:
        """A mouse button went down at ``point`` (map units)."""

    def move(self, point: QPointF, modifiers: Qt.KeyboardModifier) -> None:
        """The cursor moved to ``point``."""

    def release(self, point: QPointF, button: Qt.MouseButton,
                modifiers: Qt.KeyboardModifier) -> None:
        """A mouse button came up at ``point``."""

    def double_click(self, point: QPointF) -> None:
        """A double click at ``point``."""

    def key(self, event: QKeyEvent) -> bool:
        """A key press; True when the tool used it."""
        return False


class DrawTool(MapTool):
    """Draws a point, line or polygon; hands the geometry to ``finish``.

    Left click adds a vertex (snapped to visible features within the
    canvas's tolerance; Shift keeps 0/45/90 degrees from the last vertex),
    Backspace removes the last one, Esc cancels, double click or Enter
    finishes.
    """

    def __init__(self, canvas, name: str, kind: str,
                 finish: Callable[[shapely.Geometry], None]) -> None:
        super().__init__(canvas)
        self.name, self.kind, self.finish = name, kind, finish
        self.hint = DRAW_HINTS[kind]
        self.vertices: list[tuple[float, float]] = []
        self.cursor: tuple[float, float] | None = None
        self.preview = QGraphicsPathItem()
        pen = QPen(QColor("#e4007c"), 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.preview.setPen(pen)
        self.preview.setZValue(PREVIEW_Z)
        self.marker = QGraphicsEllipseItem()
        marker_pen = QPen(QColor("#e4007c"), 2)
        marker_pen.setCosmetic(True)
        self.marker.setPen(marker_pen)
        self.marker.setZValue(PREVIEW_Z)

    def activate(self) -> None:
        scene = self.canvas.scene()
        scene.addItem(self.preview)
        scene.addItem(self.marker)
        self.marker.hide()

    def deactivate(self) -> None:
        self.vertices.clear()
        for item in (self.preview, self.marker):
            if item.scene() is not None:
                item.scene().removeItem(item)

    def _place(self, point: QPointF, modifiers) -> tuple[float, float]:
        x, y = point.x(), point.y()
        if modifiers & Qt.KeyboardModifier.ShiftModifier and self.vertices:
            return constrain(*self.vertices[-1], x, y)
        snap = self.canvas.snap(x, y)
        self._show_marker(snap)
        return (snap.x, snap.y) if snap else (x, y)

    def _show_marker(self, snap) -> None:
        if snap is None:
            self.marker.hide()
            return
        r = 6 * self.canvas.map_units_per_pixel()
        self.marker.setRect(snap.x - r, snap.y - r, 2 * r, 2 * r)
        self.marker.show()

    def press(self, point, button, modifiers) -> None:
        if button != Qt.MouseButton.LeftButton:
            return
        self.vertices.append(self._place(point, modifiers))
        if self.kind == "point":
            self._finish()
        self._redraw()

    def move(self, point, modifiers) -> None:
        self.cursor = self._place(point, modifiers)
        self._redraw()

    def double_click(self, point) -> None:
        # a real double click's first press already added this point; a
        # repeat is dropped when the geometry is made
        self.vertices.append(self._place(point, Qt.KeyboardModifier.NoModifier))
        self._finish()

    def key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Backspace and self.vertices:
            self.vertices.pop()
        elif event.key() == Qt.Key.Key_Escape:
            self.vertices.clear()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish()
        else:
            return False
        self._redraw()
        return True

    def _finish(self) -> None:
        points = _dedupe(self.vertices)
        self.vertices.clear()
        self._redraw()
        need = {"point": 1, "line": 2, "polygon": 3}[self.kind]
        if len(points) < need:
            return
        if self.kind == "point":
            geometry = shapely.Point(points[0])
        elif self.kind == "line":
            geometry = shapely.LineString(points)
        else:
            geometry = shapely.Polygon(points)
        self.finish(geometry)

    def _redraw(self) -> None:
        path = QPainterPath()
        points = self.vertices + ([self.cursor] if self.cursor and
                                  self.vertices else [])
        if points:
            path.moveTo(*points[0])
            for xy in points[1:]:
                path.lineTo(*xy)
            if self.kind == "polygon" and len(points) > 2:
                path.closeSubpath()
        self.preview.setPath(path)


def _dedupe(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop consecutive repeats (a double click adds its point twice)."""
    out: list[tuple[float, float]] = []
    for xy in points:
        if not out or out[-1] != xy:
            out.append(xy)
    return out


class MeasureTool(DrawTool):
    """Click points: the status shows the distance along them and, from
    three points on, the area they enclose. Enter or double click ends a
    measurement (it stays shown); Esc clears it."""

    def __init__(self, canvas, report: Callable[[str], None]) -> None:
        super().__init__(canvas, "Measure", "line", self._ended)
        self.report = report
        self.hint = QT_TR_NOOP("click points to measure distance and area; "
                               "Enter or double click ends; Esc clears")

    def _ended(self, geometry: shapely.Geometry) -> None:
        self.report(tr("Measured: {measure}").format(measure=measure_text(
            list(shapely.get_coordinates(geometry)))))

    def _redraw(self) -> None:
        super()._redraw()
        points = self.vertices + ([self.cursor] if self.cursor and
                                  self.vertices else [])
        if len(points) >= 2:
            self.report(measure_text(points))


def measure_text(points) -> str:
    """'distance 123.4 m' and, for three points or more, the area."""
    length = shapely.LineString(points).length
    if len(points) < 3:
        return tr("distance {length:,.1f} m").format(length=length)
    area = shapely.Polygon(points).area
    return tr("distance {length:,.1f} m, area {area:,.0f} m² "
              "({ha:,.2f} ha)").format(length=length, area=area,
                                      ha=area / 10_000)
