"""Names on the map, in screen units.

Zone names always; the names of spaces, facilities and parking lots once
the map is at 1:``feature_scale`` or closer. Labels are placed by
priority (zones, then spaces, facilities, lots) and one that would
overlap a label already placed is left out, so the map never shows text
over text. Each is drawn with a light halo, so it reads over any fill.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from ..model.plan import Plan
from ..model.symbology import ALWAYS_LABELLED, FEATURE_LABEL_SCALE, LABELS
from ..report.labels import AnyScript, Labels, name_forms
from .map_canvas import METRES_PER_SCREEN_PIXEL

LAYERS = frozenset(name for name, *_ in LABELS)
HALO = QColor(255, 255, 255, 220)
HALO_OFFSETS = ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1),
                (0, 1), (1, 1))
LABELS_Z = 900  # above the plan and the overlays, below what is drawn
MAX_LABELS = 400  # in view at once: past that, the lower priorities wait


class MapLabels(QGraphicsItem):
    """The plan's labels, laid out anew at each paint for the view."""

    def __init__(self, plan: Plan,
                 feature_scale: float = FEATURE_LABEL_SCALE) -> None:
        super().__init__()
        self.plan = plan
        self.feature_scale = feature_scale
        self.placed: list[tuple[str, QRectF]] = []  # the last paint's
        self._where: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._rect = QRectF()
        for name, *_ in LABELS:
            self.refresh(name)

    def refresh(self, layer: str) -> None:
        """Read the names and places of ``layer`` again."""
        if layer not in LAYERS:
            return
        frame = self.plan[layer]
        names = frame["name"] if "name" in frame else pd.Series(
            index=frame.index, dtype=object)
        geoms = frame.geometry.to_numpy()
        keep = names.notna().to_numpy() & \
            (names.astype(str).str.strip() != "").to_numpy() & \
            ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        points = shapely.point_on_surface(geoms[keep])
        xy = shapely.get_coordinates(points).reshape(-1, 2)
        forms = Labels.of(name_forms(self.plan), AnyScript())
        form = forms.block if layer in ALWAYS_LABELLED else forms.line
        self._where[layer] = (xy, np.array([form(n) for n in names[keep]],
                                           dtype=object))
        every = np.concatenate([w[0] for w in self._where.values()])
        self.prepareGeometryChange()
        if len(every):  # the labelled places, and room for their text
            (x0, y0), (x1, y1) = every.min(axis=0), every.max(axis=0)
            pad = max(x1 - x0, y1 - y0, 100.0) / 2
            self._rect = QRectF(x0 - pad, y0 - pad, x1 - x0 + 2 * pad,
                                y1 - y0 + 2 * pad)
        else:
            self._rect = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt API)
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        to_screen = painter.worldTransform()
        units_per_px = 1.0 / max(abs(to_screen.m11()), 1e-12)
        denominator = units_per_px / METRES_PER_SCREEN_PIXEL
        view = option.exposedRect
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.placed = []
        shown = 0
        for layer, size, bold, colour in LABELS:
            if layer not in ALWAYS_LABELLED and denominator > self.feature_scale:
                continue
            xy, texts = self._where.get(layer, (np.zeros((0, 2)), []))
            inside = (xy[:, 0] >= view.left()) & (xy[:, 0] <= view.right()) \
                & (xy[:, 1] >= view.top()) & (xy[:, 1] <= view.bottom())
            font = QFont(painter.font())
            font.setPointSizeF(size)
            font.setBold(bold)
            metrics = QFontMetricsF(font)
            for (x, y), text in zip(xy[inside], np.asarray(texts)[inside],
                                    strict=True):
                if shown >= MAX_LABELS:
                    break
                at = to_screen.map(QPointF(x, y))
                lines = text.split("\n")
                width = max(metrics.horizontalAdvance(t) for t in lines)
                height = metrics.lineSpacing() * len(lines)
                rect = QRectF(at.x() - width / 2, at.y() - height - 3, width,
                              height)
                if any(rect.intersects(other) for _, other in self.placed):
                    continue
                self._draw(painter, font, rect, text, QColor(colour),
                           metrics)
                self.placed.append((text, rect))
                shown += 1
        painter.restore()

    @staticmethod
    def _draw(painter: QPainter, font: QFont, rect: QRectF, text: str,
              colour: QColor, metrics: QFontMetricsF) -> None:
        """The text (each line centred) over a halo: the text drawn around
        it in white (glyphs from Qt's cache: an outlined path would cost ten
        times as much)."""
        painter.setFont(font)
        for k, line in enumerate(text.split("\n")):
            base = QPointF(
                rect.center().x() - metrics.horizontalAdvance(line) / 2,
                rect.top() + metrics.ascent() + k * metrics.lineSpacing())
            painter.setPen(HALO)
            for dx, dy in HALO_OFFSETS:
                painter.drawText(base + QPointF(dx, dy), line)
            painter.setPen(colour)
            painter.drawText(base, line)
