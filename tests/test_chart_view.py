"""The results dock's charts as the planner reads them: bars as long as
their values, every label inside the chart, the value under the mouse in
a tooltip, and the same bars the report prints."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QToolTip

from plannerdesk.evaluate.charts import (
    BarChart,
    Series,
    coverage_chart,
    parking_chart,
    score_chart,
)
from plannerdesk.qt.chart_view import ChartView, nice_ticks

TEAL = "#2a9d8f"


@pytest.fixture
def view(qtbot):
    view = ChartView()
    qtbot.addWidget(view)
    view.resize(420, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def _bars(view: ChartView) -> list:
    """The drawn bars (legend swatches are squares of the legend row)."""
    marks = view.layout_chart().marks
    return [m for m in marks if m.tip]


def test_bars_are_as_long_as_their_values(view):
    view.show_chart(BarChart(
        categories=("cafe", "bank", "intersection plaza"),
        series=(Series("share", np.array([40.0, 100.0, 0.0]), (TEAL,)),),
        axis_label="within the service walk (%)", legend=(), limit=100.0))
    plot = view.layout_chart().plot
    cafe, bank, plaza = _bars(view)
    assert cafe.rect.width() == pytest.approx(0.4 * plot.width())
    assert bank.rect.width() == pytest.approx(plot.width())
    assert plaza.rect.width() == 0
    assert cafe.rect.left() == bank.rect.left() == plot.left()
    assert cafe.rect.top() < bank.rect.top() < plaza.rect.top()  # in order
    image = view.grab().toImage()
    centre = cafe.rect.center().toPoint()
    assert image.pixelColor(centre) == QColor(TEAL)


def test_every_text_fits_in_the_chart(view):
    """Long names, the legend and the axis label stay inside the widget."""
    zones = pd.DataFrame({
        "zone": ["(site)", "Internet Village", "Yangpan Village"],
        "supply": [5200.0, 2200.0, 3000.0],
        "demand": [6000.0, 2746.0, 1020.0],
        "flag": ["deficit", "deficit", "surplus"]})
    names = {"Internet Village": "Internet Village 互联网村"}
    chart = parking_chart(zones, lambda zone: names.get(zone, zone))
    view.show_chart(chart)
    inside = view.rect()
    drawn = view.layout_chart()
    assert {t.text for t in drawn.texts} >= {"Internet Village 互联网村",
                                             "parking spaces", "supply"}
    for text in drawn.texts:
        assert inside.contains(text.rect.toAlignedRect().center())
    for mark in drawn.marks:
        assert inside.contains(mark.rect.toAlignedRect().topLeft())
    # demand bars take the zone's flag colour: red short, blue idle
    demand = [m for m in _bars(view) if "demand" in m.tip]
    assert [m.colour.name() for m in demand] == ["#d62728", "#d62728",
                                                 "#1f77b4"]


def test_the_tooltip_gives_the_value_under_the_mouse(view, qtbot):
    view.show_chart(BarChart(
        categories=("cafe",), series=(Series("employees (%)",
                                             np.array([43.0]), (TEAL,)),),
        axis_label="%", legend=(), limit=100.0))
    [bar] = _bars(view)
    at = bar.rect.center().toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, at, view.mapToGlobal(at))
    view.event(event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "cafe, employees (%): 43"
    away = QPoint(2, 2)
    view.event(QHelpEvent(QEvent.Type.ToolTip, away, view.mapToGlobal(away)))
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_the_walk_score_histogram_marks_the_site_score(view):
    scores = pd.Series([10.0, 12.0, 55.0, 90.0, 91.0, 92.0, np.nan])
    chart = score_chart(scores, [90, 70, 50, 25], 61.0)
    view.show_chart(chart)
    drawn = view.layout_chart()
    bars = [m for m in _bars(view) if m.rect.height() > 0]
    assert len(bars) == 3  # bins 10-15, 55-60, 90-95
    tallest = max(bars, key=lambda m: m.rect.height())
    assert "90-95: 3 buildings" in tallest.tip
    assert tallest.rect.height() == pytest.approx(drawn.plot.height())
    assert {"site 61", "walker's paradise", "car-dependent"} <= \
        {t.text for t in drawn.texts}  # the marker and the bands' legend


def test_coverage_chart_puts_the_best_covered_target_on_top():
    table = pd.DataFrame({"share_site_area": [0.5, 0.9, np.nan],
                          "share_employees": [0.2, 0.8, np.nan],
                          "share_gfa": [0.1, 0.1, 0.1]},
                         index=["cafe", "node_green", "bank"])
    chart = coverage_chart(table)
    assert chart.categories == ("node green", "cafe", "bank")
    assert list(chart.series[1].values) == [80.0, 20.0, 0.0]
    assert chart.legend[1][0] == "employees"


def test_ticks_are_round_numbers():
    assert nice_ticks(100) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(2746) == [0, 1000, 2000, 3000]
    assert nice_ticks(0) == [0.0, 1.0]


def test_a_name_too_long_for_a_narrow_chart_is_shortened_not_cut(view):
    """A zone name wider than the room for names keeps its start and end
    with '…' between (the bar's tooltip names it in full); the axis title
    stays inside the widget."""
    from PySide6.QtGui import QFontMetricsF

    zones = pd.DataFrame({
        "zone": ["(site)", "Cangqian Old Street"],
        "supply": [1700.0, 1700.0], "demand": [1200.0, 1200.0],
        "flag": ["balanced", "balanced"]})
    names = {"Cangqian Old Street": "Cangqian Old Street 仓前老街 (east)"}
    view.resize(260, 240)
    view.show_chart(parking_chart(zones, lambda z: names.get(z, z)))
    metrics = QFontMetricsF(view.font())
    drawn = view.layout_chart()
    label = next(t for t in drawn.texts if t.text.startswith("Cang"))
    assert "…" in label.text and label.text.endswith("(east)")
    assert metrics.horizontalAdvance(label.text) <= label.rect.width() + 0.5
    assert label.rect.left() >= 0
    axis = next(t for t in drawn.texts if t.text == "parking spaces")
    assert axis.rect.bottom() <= view.height()
    assert any(names["Cangqian Old Street"] in m.tip for m in _bars(view))
