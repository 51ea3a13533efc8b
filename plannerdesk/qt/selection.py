"""The selection's highlight on the canvas."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from ..session import Selection
from .geometry_paths import paint, path_of
from .map_tools import PREVIEW_Z


class SelectionHighlight:
    """Draws the features of ``selection`` over the map as it changes."""

    def __init__(self, selection: Selection, scene) -> None:
        self.selection = selection
        self.item = paint(QGraphicsPathItem(), QColor("#ffd400"), 3,
                          QColor(255, 212, 0, 70))
        self.item.setZValue(PREVIEW_Z - 1)
        scene.addItem(self.item)
        selection.changed.connect(self.redraw)

    def redraw(self) -> None:
        plan = self.selection.plan
        geoms = [plan[layer].geometry.loc[fids].to_numpy()
                 for layer, fids in self.selection.fids.items()]
        self.item.setPath(path_of(np.concatenate(geoms), marker_radius=8.0)
                          if geoms else QPainterPath())
