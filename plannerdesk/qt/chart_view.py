"""A results chart painted with Qt: the bars and histogram of
:mod:`plannerdesk.evaluate.charts`, laid out to the widget's size in
screen units (labels never scale with the chart), with a tooltip giving
the values under the mouse."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ..evaluate.charts import BarChart, Histogram, HourChart

PAD = 6.0        # px around the plot and between texts
SWATCH = 10.0    # px, a legend entry's colour square
GRID = QColor("#dddddd")
INK = QColor("#333333")


@dataclass(frozen=True)
class Mark:
    """A drawn bar: where, its colour and what its tooltip says."""

    rect: QRectF
    colour: QColor
    tip: str


@dataclass(frozen=True)
class Text:
    rect: QRectF
    text: str
    flags: Qt.AlignmentFlag


@dataclass
class Layout:
    """Everything a chart draws, in widget pixels."""

    plot: QRectF
    marks: list[Mark]
    texts: list[Text]
    lines: list[tuple[QPointF, QPointF, QColor]]
    strokes: list[tuple[list[QPointF], QPen]] = field(default_factory=list)


class ChartView(QWidget):
    """Shows one :class:`BarChart`, :class:`Histogram` or
    :class:`HourChart`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.chart: BarChart | Histogram | HourChart | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding,
                           QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 160)
        self.setMouseTracking(True)

    def show_chart(self, chart: BarChart | Histogram | HourChart | None
                   ) -> None:
        self.chart = chart
        self.setMinimumHeight(int(self.needed_height()))
        self.update()

    def needed_height(self) -> float:
        """The height that gives every category's label a row of its own
        (the dock scrolls a taller chart)."""
        if not isinstance(self.chart, BarChart):
            return 160.0
        metrics = QFontMetricsF(self.font())
        box = QRectF(0, 0, max(self.width(), 200), 1e4)
        legend = _legend(self.chart.legend, box, metrics)[2]
        rows = sum(metrics.height() * (c.count("\n") + 1) + 4
                   for c in self.chart.categories)
        return legend + rows + 2 * metrics.height() + 3 * PAD

    def layout_chart(self) -> Layout:
        """Where everything goes at the widget's current size."""
        metrics = QFontMetricsF(self.font())
        box = QRectF(self.rect()).adjusted(PAD, PAD, -PAD, -PAD)
        if isinstance(self.chart, BarChart):
            return _bar_layout(self.chart, box, metrics)
        if isinstance(self.chart, Histogram):
            return _histogram_layout(self.chart, box, metrics)
        if isinstance(self.chart, HourChart):
            return _hour_layout(self.chart, box, metrics)
        return Layout(box, [], [], [])

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        drawn = self.layout_chart()
        for start, end, colour in drawn.lines:
            painter.setPen(QPen(colour, 1.0))
            painter.drawLine(start, end)
        painter.setPen(Qt.PenStyle.NoPen)
        for mark in drawn.marks:
            painter.fillRect(mark.rect, mark.colour)
        for points, pen in drawn.strokes:
            painter.setPen(pen)
            painter.drawPolyline(points)
        painter.setPen(self.palette().text().color())
        for text in drawn.texts:
            painter.drawText(text.rect, int(text.flags), text.text)
        painter.end()

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            at = QPointF(event.pos())
            tips = [m.tip for m in self.layout_chart().marks
                    if m.tip and m.rect.adjusted(0, -2, 2, 2).contains(at)]
            if tips:
                QToolTip.showText(event.globalPos(), tips[0], self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)


def _colour(name: str, alpha: float = 1.0) -> QColor:
    colour = QColor(name)
    colour.setAlphaF(alpha)
    return colour


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round ticks from 0 to at least ``top`` (1, 2 or 5 times a power of
    ten apart)."""
    if not top > 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return [i * step for i in range(int(math.ceil(top / step - 1e-9)) + 1)]


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) \
        else f"{value:,.1f}"


def _legend(entries, box: QRectF, metrics: QFontMetricsF
            ) -> tuple[list[Mark], list[Text], float]:
    """Legend entries in rows across the top of ``box``; their height."""
    marks, texts = [], []
    x, y, line = box.left(), box.top(), metrics.height()
    for label, colour, alpha in entries:
        width = SWATCH + 4 + metrics.horizontalAdvance(label) + 2 * PAD
        if x > box.left() and x + width > box.right():
            x, y = box.left(), y + line + 2
        top = y + (line - SWATCH) / 2
        marks.append(Mark(QRectF(x, top, SWATCH, SWATCH),
                          _colour(colour, alpha), ""))
        texts.append(Text(QRectF(x + SWATCH + 4, y, width, line), label,
                          Qt.AlignmentFlag.AlignLeft
                          | Qt.AlignmentFlag.AlignVCenter))
        x += width
    return marks, texts, (y + line + PAD - box.top()) if entries else 0.0


def _bar_layout(chart: BarChart, box: QRectF,
                metrics: QFontMetricsF) -> Layout:
    marks, texts, legend_h = _legend(chart.legend, box, metrics)
    line = metrics.height()
    label_w = max((metrics.boundingRect(QRectF(0, 0, 1e4, 1e4), 0, c).width()
                   for c in chart.categories), default=0.0)
    label_w = min(label_w, box.width() * 0.45)
    ends = [float(v) for s in chart.series for v in s.values
            if math.isfinite(v)]
    top = chart.limit if chart.limit is not None else max(ends, default=0.0)
    ticks = list(chart.ticks) or nice_ticks(top)
    right = max(top, ticks[-1]) or 1.0
    plot = QRectF(box.left() + label_w + PAD, box.top() + legend_h,
                  box.width() - label_w - PAD - metrics.horizontalAdvance(
                      _number(right)) / 2,
                  box.height() - legend_h - 2 * line - 3 * PAD)
    scale = plot.width() / right
    lines = [(QPointF(plot.left() + t * scale, plot.top()),
              QPointF(plot.left() + t * scale, plot.bottom()), GRID)
             for t in ticks]
    for t in ticks:
        x = plot.left() + t * scale
        texts.append(Text(QRectF(x - 40, plot.bottom() + 2, 80, line),
                          _number(t), Qt.AlignmentFlag.AlignHCenter))
    texts.append(Text(QRectF(plot.left(), plot.bottom() + line + 2,
                             plot.width(), line), chart.axis_label,
                      Qt.AlignmentFlag.AlignHCenter))
    n_cat, n_series = len(chart.categories), len(chart.series)
    row = plot.height() / max(n_cat, 1)
    bar = row * (0.8 if n_series > 1 else 0.6) / max(n_series, 1)
    for i, category in enumerate(chart.categories):
        y = plot.top() + i * row
        texts.append(Text(QRectF(box.left(), y, label_w, row),
                          metrics.elidedText(category,
                                             Qt.TextElideMode.ElideMiddle,
                                             label_w),   # never cut off
                          Qt.AlignmentFlag.AlignRight
                          | Qt.AlignmentFlag.AlignVCenter))
        first = y + (row - bar * n_series) / 2
        for k, series in enumerate(chart.series):
            value = float(series.values[i])
            width = max(0.0, min(value, right)) * scale \
                if math.isfinite(value) else 0.0
            rect = QRectF(plot.left(), first + k * bar, width, bar)
            tip = f"{category.replace(chr(10), ' ')}, {series.name}: " \
                f"{_number(value)}"
            marks.append(Mark(rect, _colour(series.colour(i), series.alpha),
                              tip))
            if i < len(series.texts):
                texts.append(Text(QRectF(rect.right() + 3, rect.top(),
                                         plot.right() - rect.right(), bar),
                                  series.texts[i],
                                  Qt.AlignmentFlag.AlignLeft
                                  | Qt.AlignmentFlag.AlignVCenter))
    lines.append((plot.bottomLeft(), plot.topLeft(), INK))
    return Layout(plot, marks, texts, lines)


def _histogram_layout(chart: Histogram, box: QRectF,
                      metrics: QFontMetricsF) -> Layout:
    marks, texts, legend_h = _legend(chart.legend, box, metrics)
    box = box.adjusted(0, legend_h, 0, 0)
    line = metrics.height()
    ticks = nice_ticks(float(chart.counts.max()) if len(chart.counts)
                       else 0.0)
    tick_w = max(metrics.horizontalAdvance(_number(t)) for t in ticks)
    plot = QRectF(box.left() + tick_w + PAD, box.top() + 1.5 * line,
                  box.width() - tick_w - 2 * PAD,
                  box.height() - 3.5 * line - PAD)
    x0, x1 = float(chart.edges[0]), float(chart.edges[-1])
    sx = plot.width() / (x1 - x0)
    sy = plot.height() / ticks[-1]
    lines = []
    for t in ticks:
        y = plot.bottom() - t * sy
        lines.append((QPointF(plot.left(), y), QPointF(plot.right(), y),
                      GRID))
        texts.append(Text(QRectF(plot.left() - tick_w - PAD, y - line / 2,
                                 tick_w, line), _number(t),
                          Qt.AlignmentFlag.AlignRight
                          | Qt.AlignmentFlag.AlignVCenter))
    for lo, hi, count, colour in zip(chart.edges[:-1], chart.edges[1:],
                                     chart.counts, chart.colours,
                                     strict=True):
        left, right = plot.left() + (lo - x0) * sx, plot.left() + (hi - x0) * sx
        rect = QRectF(left + 0.5, plot.bottom() - count * sy,
                      right - left - 1, count * sy)
        marks.append(Mark(rect, _colour(colour),
                          f"{chart.x_label} {lo:.0f}-{hi:.0f}: "
                          f"{count:,} {chart.y_label}"))
    for t in nice_ticks(x1 - x0, 5):
        x = plot.left() + t * sx
        texts.append(Text(QRectF(x - 30, plot.bottom() + 2, 60, line),
                          _number(x0 + t), Qt.AlignmentFlag.AlignHCenter))
    texts.append(Text(QRectF(plot.left(), plot.bottom() + line + 2,
                             plot.width(), line), chart.x_label,
                      Qt.AlignmentFlag.AlignHCenter))
    texts.append(Text(QRectF(box.left(), box.top(), plot.width(), line),
                      chart.y_label, Qt.AlignmentFlag.AlignLeft))
    lines.append((plot.bottomLeft(), plot.bottomRight(), INK))
    if chart.marker is not None:
        value, label = chart.marker
        x = plot.left() + (value - x0) * sx
        lines.append((QPointF(x, plot.top()), QPointF(x, plot.bottom()),
                      QColor("black")))
        texts.append(Text(QRectF(x + 3, plot.top(), plot.right() - x, line),
                          label, Qt.AlignmentFlag.AlignLeft))
    return Layout(plot, marks, texts, lines)


def _hour_layout(chart: HourChart, box: QRectF,
                 metrics: QFontMetricsF) -> Layout:
    """Columns of demand met and unmet per hour, the spaces used in the
    zone's own lots as a step line, their capacity as a dashed line; the
    marked hour shaded behind its column."""
    marks, texts, legend_h = _legend(chart.legend, box, metrics)
    box = box.adjusted(0, legend_h, 0, 0)
    line = metrics.height()
    total = chart.served + chart.unmet
    ticks = nice_ticks(max(float(total.max(initial=0)), chart.supply,
                           float(chart.used.max(initial=0))))
    tick_w = max(metrics.horizontalAdvance(_number(t)) for t in ticks)
    end_w = metrics.horizontalAdvance("24:00") / 2   # the last hour label
    plot = QRectF(box.left() + tick_w + PAD, box.top() + 1.5 * line,
                  box.width() - tick_w - PAD - end_w,
                  box.height() - 3.5 * line - PAD)
    hours = len(total)
    sx, sy = plot.width() / max(hours, 1), plot.height() / ticks[-1]
    lines = [(QPointF(plot.left(), plot.bottom() - t * sy),
              QPointF(plot.right(), plot.bottom() - t * sy), GRID)
             for t in ticks]
    texts += [Text(QRectF(plot.left() - tick_w - PAD,
                          plot.bottom() - t * sy - line / 2, tick_w, line),
                   _number(t), Qt.AlignmentFlag.AlignRight
                   | Qt.AlignmentFlag.AlignVCenter) for t in ticks]
    (met, met_colour, _), (unmet, unmet_colour, _), \
        (used, used_colour, _), (supply, supply_colour, _) = chart.legend
    if chart.marked is not None:
        marks.append(Mark(QRectF(plot.left() + chart.marked * sx, plot.top(),
                                 sx, plot.height()), QColor(0, 0, 0, 28), ""))
    for h in range(hours):
        left = plot.left() + h * sx + 0.5
        low = chart.served[h] * sy
        tip = f"{h:02d}:00 {met} {_number(chart.served[h])}, {unmet} " \
            f"{_number(chart.unmet[h])}, {used} {_number(chart.used[h])}"
        marks.append(Mark(QRectF(left, plot.bottom() - low, sx - 1, low),
                          _colour(met_colour), tip))
        marks.append(Mark(QRectF(left, plot.bottom() - low - chart.unmet[h]
                                 * sy, sx - 1, chart.unmet[h] * sy),
                          _colour(unmet_colour), tip))
    steps = []
    for h in range(hours):
        y = plot.bottom() - chart.used[h] * sy
        steps += [QPointF(plot.left() + h * sx, y),
                  QPointF(plot.left() + (h + 1) * sx, y)]
    strokes = [(steps, QPen(_colour(used_colour), 2.0))]
    if chart.supply > 0:
        pen = QPen(_colour(supply_colour), 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        y = plot.bottom() - chart.supply * sy
        strokes.append(([QPointF(plot.left(), y), QPointF(plot.right(), y)],
                        pen))
    for h in range(0, hours + 1, 6):
        x = plot.left() + h * sx
        texts.append(Text(QRectF(x - 30, plot.bottom() + 2, 60, line),
                          f"{h:02d}:00", Qt.AlignmentFlag.AlignHCenter))
    texts.append(Text(QRectF(box.left(), box.top(), plot.width(), line),
                      chart.axis_label, Qt.AlignmentFlag.AlignLeft))
    lines.append((plot.bottomLeft(), plot.bottomRight(), INK))
    return Layout(plot, marks, texts, lines, strokes)
