"""The selected features and their highlight on the canvas."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

from ..model.plan import Plan
from .geometry_paths import paint, path_of
from .map_tools import PREVIEW_Z


class Selection:
    """Fids selected per layer, drawn as a highlight over the map."""

    def __init__(self, plan: Plan, scene) -> None:
        self.plan = plan
        self.fids: dict[str, list[int]] = {}
        self.item = paint(QGraphicsPathItem(), QColor("#ffd400"), 3,
                          QColor(255, 212, 0, 70))
        self.item.setZValue(PREVIEW_Z - 1)
        scene.addItem(self.item)

    def set(self, layer: str | None, fids: list[int], add: bool) -> None:
        if not add:
            self.fids = {}
        if layer is not None and fids:
            kept = self.fids.setdefault(layer, [])
            kept.extend(f for f in fids if f not in kept)
        self.redraw()

    def pairs(self) -> set[tuple[str, int]]:
        return {(layer, fid) for layer, fids in self.fids.items()
                for fid in fids}

    def first(self) -> tuple[str, int] | None:
        for layer, fids in self.fids.items():
            if fids:
                return layer, fids[0]
        return None

    def prune(self) -> None:
        """Forget features that are no longer in the plan."""
        self.fids = {layer: [f for f in fids if f in self.plan[layer].index]
                     for layer, fids in self.fids.items()}
        self.fids = {k: v for k, v in self.fids.items() if v}
        self.redraw()

    def redraw(self) -> None:
        geoms = [self.plan[layer].geometry.loc[fids].to_numpy()
                 for layer, fids in self.fids.items()]
        self.item.setPath(path_of(np.concatenate(geoms), marker_radius=8.0)
                          if geoms else QPainterPath())
