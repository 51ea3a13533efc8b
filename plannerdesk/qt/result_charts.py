"""The results dock's charts: what :mod:`plannerdesk.evaluate.charts`
makes of the latest results, each made only when its tab is shown."""

from __future__ import annotations

from collections.abc import Callable

from ..evaluate.charts import (
    BarChart,
    Histogram,
    coverage_chart,
    parking_chart,
    score_chart,
)
from ..evaluate.run import Results
from ..report.labels import AnyScript, Labels, name_forms

Make = Callable[[], BarChart | Histogram]


def result_charts(results: Results) -> dict[str, Make]:
    """How to make each chart of ``results``."""
    walk = results.walkability
    return {
        "Coverage": lambda: coverage_chart(results.coverage.table),
        "Walk score": lambda: score_chart(
            walk.buildings["walk_score"],
            results.context.plan.settings.walk.bands, walk.score),
        "Parking": lambda: parking_chart(results.parking.per_zone, Labels.of(
            name_forms(results.context.plan), AnyScript()).line)}
