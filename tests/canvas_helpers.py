"""Helpers for driving the real canvas with mouse events."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt

from plannerdesk.qt.draw_actions import DRAW_SPECS


def spec(title: str):
    return next(s for s in DRAW_SPECS if s.title == title)


def pixel(window, x: float, y: float) -> QPoint:
    return window.canvas.mapFromScene(QPointF(x, y))


def site_point(window, fx: float, fy: float) -> tuple[float, float]:
    """A map point at fractions of the site's bounding box."""
    x0, y0, x1, y1 = window.plan.site_geometry().bounds
    return x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)


def click(qtbot, window, xy,
          modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton,
                     modifier, pixel(window, *xy))


def tolerance(window) -> float:
    return 1.5 * window.canvas.map_units_per_pixel()


def colour_gap(a, b) -> int:
    """How far apart two QColors are: the sum of RGB differences."""
    return sum(abs(u - v) for u, v in zip(a.getRgb()[:3], b.getRgb()[:3],
                                          strict=True))
