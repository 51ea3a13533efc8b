"""The selected feature's results, under its attributes: for a building
its walk score and walks, coverage, parking demand and the lots that serve
it; for a lot what it serves and its idle spaces. The allocation is drawn
on the map: a line from the building to each lot serving it (from a lot,
to each building it serves)."""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtGui import QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsScene,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from ..session import Session
from .language import tr

LINE = QColor("#1f4e8c")
LINES_Z = 950


class FeatureResults(QTableWidget):
    """(what, value) rows for the selection's first feature."""

    def __init__(self, session: Session, scene: QGraphicsScene) -> None:
        super().__init__(0, 2)
        self.session = session
        self.setHorizontalHeaderLabels([tr("Result"), tr("Value")])
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents)   # names on a line
        self.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.lines = QGraphicsPathItem()
        pen = QPen(LINE, 2.0)
        pen.setCosmetic(True)
        self.lines.setPen(pen)
        self.lines.setZValue(LINES_Z)
        scene.addItem(self.lines)
        session.selection.changed.connect(self.refresh)
        session.results_changed.connect(self.refresh)
        self.hour_shown = lambda: None   # the Parking by hour dock's hour

    def refresh(self, *_) -> None:
        first = self.session.selection.first()
        results = self.session.results
        rows = []
        if first is not None and results is not None:
            from ..evaluate.identify import identify  # loaded with results
            rows = identify(results, *first, at=self.hour_shown())
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.setItem(r, c, QTableWidgetItem(text))
        self.resizeRowsToContents()
        self.lines.setPath(QPainterPath() if first is None or results is None
                           else _allocation(results, *first))


def _allocation(results, layer: str, fid: int) -> QPainterPath:
    """Lines from a building to the lots serving it, or from a lot to the
    buildings it serves."""
    path = QPainterPath()
    parking, ctx = results.parking, results.context
    if parking is None or layer not in ("buildings", "parking"):
        return path
    mine = parking.allocation["building" if layer == "buildings" else "lot"]
    pairs = parking.allocation[mine.to_numpy() == fid]
    if pairs.empty:
        return path
    ends = [shapely.get_coordinates(frame["point"].reindex(pairs[key])
                                    .to_numpy())
            for frame, key in ((ctx.buildings, "building"),
                               (ctx.lots, "lot"))]
    for (x0, y0), (x1, y1) in zip(*ends, strict=False):
        if np.isfinite([x0, y0, x1, y1]).all():
            path.moveTo(x0, y0)
            path.lineTo(x1, y1)
    return path
