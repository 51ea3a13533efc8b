"""Editing the vertices of the selected feature: drag a vertex (one undo
step), double click a segment to insert one, Delete removes the vertex
under the cursor."""

from __future__ import annotations

import itertools

import numpy as np
from PySide6.QtCore import QT_TR_NOOP, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from ..commands import SetGeometry
from ..model.problems import PlannerError
from ..model.vertices import delete_vertex, insert_vertex, move_vertex, vertex_xy
from ..session import Session
from .map_tools import PREVIEW_Z, MapTool

GRAB_PIXELS = 8.0
_drags = itertools.count(1)


class VertexTool(MapTool):
    """Vertex handles on the first selected feature."""

    name = "Edit vertices"
    hint = QT_TR_NOOP("drag a vertex to move it; double click an edge to "
                      "add one; Delete removes the vertex under the cursor")

    def __init__(self, canvas, session: Session) -> None:
        super().__init__(canvas)
        self.session = session
        self.dragging: tuple[int, int] | None = None  # (vertex, drag)
        self.cursor = QPointF()
        self.handles = QGraphicsPathItem()
        pen = QPen(QColor("#e4007c"), 1.5)
        pen.setCosmetic(True)
        self.handles.setPen(pen)
        self.handles.setBrush(QBrush(QColor(255, 255, 255, 200)))
        self.handles.setZValue(PREVIEW_Z + 1)

    def activate(self) -> None:
        self.canvas.scene().addItem(self.handles)
        self.session.layer_changed.connect(self._refresh)
        self._refresh()

    def deactivate(self) -> None:
        self.session.layer_changed.disconnect(self._refresh)
        if self.handles.scene() is not None:
            self.handles.scene().removeItem(self.handles)

    def _feature(self):
        first = self.session.selection.first()
        if first is None:
            return None
        layer, fid = first
        return layer, fid, self.session.plan[layer].geometry.loc[fid]

    def _refresh(self, *_) -> None:
        path = QPainterPath()
        feature = self._feature()
        if feature is not None:
            r = 4 * self.canvas.map_units_per_pixel()
            for x, y in vertex_xy(feature[2]):
                path.addRect(x - r, y - r, 2 * r, 2 * r)
        self.handles.setPath(path)

    def _vertex_at(self, point: QPointF) -> int | None:
        feature = self._feature()
        if feature is None:
            return None
        xy = vertex_xy(feature[2])
        if not len(xy):
            return None
        d = np.hypot(xy[:, 0] - point.x(), xy[:, 1] - point.y())
        k = int(np.argmin(d))
        grab = GRAB_PIXELS * self.canvas.map_units_per_pixel()
        return k if d[k] <= grab else None

    def _set(self, geometry, vertex=None, drag=None) -> None:
        layer, fid, _ = self._feature()
        try:
            self.session.push(SetGeometry(layer, fid, geometry,
                                                 vertex=vertex, drag=drag))
        except PlannerError as exc:
            self.session.say(str(exc), 8000)

    def press(self, point, button, modifiers) -> None:
        k = self._vertex_at(point)
        if button == Qt.MouseButton.LeftButton and k is not None:
            self.dragging = (k, next(_drags))

    def move(self, point, modifiers) -> None:
        self.cursor = point
        if self.dragging is not None:
            k, drag = self.dragging
            self._set(move_vertex(self._feature()[2], k, point.x(),
                                  point.y()), vertex=k, drag=drag)

    def release(self, point, button, modifiers) -> None:
        self.dragging = None

    def double_click(self, point) -> None:
        feature = self._feature()
        if feature is not None and self._vertex_at(point) is None:
            self._set(insert_vertex(feature[2], point.x(), point.y()))

    def key(self, event: QKeyEvent) -> bool:
        if event.key() not in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            return False
        k = self._vertex_at(self.cursor)
        if k is not None:
            try:
                self._set(delete_vertex(self._feature()[2], k))
            except ValueError as exc:
                self.session.say(str(exc), 8000)
        return True
