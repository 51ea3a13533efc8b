"""The selection's highlight on the canvas."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from ..session import Selection
from .geometry_paths import paint, path_of
from .map_tools import PREVIEW_Z

MARKER_PX = 10.0  # a selected point's ring, on screen at every scale


class SelectionHighlight:
    """Draws the features of ``selection`` over the map as it changes
    (a selected point as a ring of :data:`MARKER_PX` pixels, redrawn when
    the scale changes)."""

    def __init__(self, selection: Selection, scene) -> None:
        self.selection = selection
        self.item = paint(QGraphicsPathItem(), QColor("#ffd400"), 3,
                          QColor(255, 212, 0, 70))
        self.item.setZValue(PREVIEW_Z - 1)
        scene.addItem(self.item)
        selection.changed.connect(self.redraw)

    def redraw(self, *_) -> None:
        plan = self.selection.plan
        geoms = [plan[layer].geometry.loc[fids].to_numpy()
                 for layer, fids in self.selection.fids.items()]
        views = self.item.scene().views() if self.item.scene() else []
        units_per_px = views[0].map_units_per_pixel() if views else 1.0
        self.item.setPath(path_of(np.concatenate(geoms),
                                  marker_radius=MARKER_PX * units_per_px)
                          if geoms else QPainterPath())
