"""Scene items for a plan's layers, styled from the palette, that follow
the plan's changes feature by feature."""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtGui import QBrush, QPen
from PySide6.QtWidgets import QGraphicsItemGroup, QGraphicsScene

from ..model.changes import Change
from ..model.plan import Plan
from ..model.schema import LAYERS
from ..model.symbology import DRAW_ORDER, STYLES
from .geometry_paths import qcolor
from .tiled_layer import PathTile, fid_tiles

SCREEN_PX_PER_MM = 3.0


class LayerDrawing:
    """One plan layer as a group of tiles (see tiled_layer), one symbol
    class (category) after another, so categories stack as the style
    lists them. A change draws anew only the tiles holding the features it
    names, and the features themselves."""

    def __init__(self, plan: Plan, name: str) -> None:
        self.plan, self.name = plan, name
        self.style = STYLES[name]
        self.group = QGraphicsItemGroup()
        self.group.setToolTip(LAYERS[name].label)
        self.tiles: list[tuple[int, np.ndarray, PathTile]] = []  # class, fids
        self.redraw()

    def _classes(self, layer: pd.DataFrame) -> np.ndarray:
        """Each feature's symbol class: its category's position in the
        style, or one past the last for the rest."""
        style = self.style
        if not style.categories or style.category_field not in layer.columns:
            return np.zeros(len(layer), dtype=int)
        order = {value: k for k, value in enumerate(style.categories)}
        return layer[style.category_field].map(order).fillna(
            len(order)).to_numpy(dtype=int)

    def _draw(self, layer, klass: int, fids: np.ndarray) -> None:
        style = self.style
        values = list(style.categories.items())
        fill, marker = (style.fill, style.marker) if klass >= len(values) \
            else (values[klass][1], style.marker_of(values[klass][0]))
        pen = QPen(qcolor(style.stroke), style.width * SCREEN_PX_PER_MM)
        pen.setCosmetic(True)
        brush = QBrush(qcolor(fill, style.opacity))
        for part, tile in fid_tiles(layer.geometry.loc[fids].to_numpy(),
                                    fids, pen, brush,
                                    style.size * SCREEN_PX_PER_MM, marker):
            tile.setZValue(klass)
            self.group.addToGroup(tile)
            self.tiles.append((klass, part, tile))

    def _drop(self, tile: PathTile) -> None:
        if tile.scene() is not None:
            tile.scene().removeItem(tile)
        else:
            tile.setParentItem(None)

    def redraw(self) -> None:
        """Draw the whole layer anew."""
        for _, _, tile in self.tiles:
            self._drop(tile)
        self.tiles = []
        layer = self.plan[self.name]
        classes = self._classes(layer)
        fids = layer.index.to_numpy()
        for klass in np.unique(classes):
            self._draw(layer, int(klass), fids[classes == klass])

    def update(self, change: Change) -> int:
        """Follow ``change``; returns the number of tiles drawn anew."""
        if change.whole:
            self.redraw()
            return len(self.tiles)
        layer = self.plan[self.name]
        named = np.fromiter(change.fids, dtype=np.int64)
        again: dict[int, list[np.ndarray]] = {}
        kept = []
        for klass, fids, tile in self.tiles:
            hit = np.isin(fids, named)
            if hit.any():
                self._drop(tile)
                again.setdefault(klass, []).append(fids[~hit])
            else:
                kept.append((klass, fids, tile))
        self.tiles = kept
        present = named[np.isin(named, layer.index)]
        classes = self._classes(layer.loc[present])
        for klass in np.unique(classes):
            again.setdefault(int(klass), []).append(present[classes == klass])
        for klass, parts in again.items():
            fids = np.concatenate(parts)
            if len(fids):
                self._draw(layer, klass, fids)
        return len(self.tiles) - len(kept)


def add_plan(scene: QGraphicsScene, plan: Plan) -> dict[str, LayerDrawing]:
    """Add every layer in drawing order; return the drawings by layer."""
    drawings = {}
    for z, name in enumerate(DRAW_ORDER):
        drawings[name] = LayerDrawing(plan, name)
        drawings[name].group.setZValue(10 + z)
        scene.addItem(drawings[name].group)
    return drawings
