"""Charts of the evaluators' results, drawn with matplotlib from
:mod:`plannerdesk.evaluate.charts` (what the app's dock shows too)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..evaluate.charts import (
    BarChart,
    Histogram,
    HourChart,
    coverage_chart,
    exchange_chart,
    parking_chart,
    score_chart,
)
from .labels import Labels


def _tidy(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)


def _bars(ax: Axes, chart: BarChart) -> None:
    """Each series as bars, the first on top of each category's group."""
    n = len(chart.series)
    height = 0.8 / n if n > 1 else 0.6
    y = np.arange(len(chart.categories))[::-1]
    for k, series in enumerate(chart.series):
        at = y + (n - 1) / 2 * height - k * height
        ax.barh(at, series.values, height, alpha=series.alpha,
                color=[series.colour(i) for i in range(len(y))])
        for yi, value, text in zip(at, series.values, series.texts,
                                   strict=False):
            ax.text(value + 1, yi, text, va="center", fontsize="small")
    ax.set_yticks(y, chart.categories)
    ax.set_ylim(-0.7, len(y) - 0.3)
    if chart.limit is not None:
        ax.set_xlim(0, chart.limit)
    if chart.ticks:
        ax.set_xticks(chart.ticks)
    ax.set_xlabel(chart.axis_label)
    _tidy(ax)


def _legend(chart: BarChart) -> list[Patch]:
    return [Patch(color=colour, alpha=alpha, label=label)
            for label, colour, alpha in chart.legend]


def coverage_bars(ax: Axes, table: pd.DataFrame) -> None:
    """Share of the site area and of people within each target's service
    walk (:func:`~plannerdesk.evaluate.charts.coverage_chart`)."""
    chart = coverage_chart(table)
    _bars(ax, chart)
    ax.legend(handles=_legend(chart), loc="lower right")


def score_histogram(ax: Axes, scores: pd.Series, bands: list[float],
                    site_score: float | None) -> None:
    """Buildings per 5-point walk score bin, coloured by band."""
    chart: Histogram = score_chart(scores, bands, site_score)
    ax.bar(chart.edges[:-1], chart.counts, width=np.diff(chart.edges),
           align="edge", color=chart.colours, edgecolor="white",
           linewidth=0.4)
    ax.set_xlim(chart.edges[0], chart.edges[-1])
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    if chart.marker is not None:
        value, text = chart.marker
        ax.axvline(value, color="black", linewidth=1)
        ax.text(value, ax.get_ylim()[1], f" {text}", va="top",
                fontsize="small")
    _tidy(ax)


def parking_bars(ax: Axes, zones: pd.DataFrame, labels: Labels) -> None:
    """Supply and demand per zone, demand coloured by the zone's flag."""
    chart = parking_chart(zones, labels.block)
    _bars(ax, chart)
    ax.legend(handles=_legend(chart), loc="lower left",
              bbox_to_anchor=(0, 1.0), ncol=2, frameon=False,
              borderaxespad=0.3, handlelength=1.0, columnspacing=0.8)


def exchange_bars(ax: Axes, zones: pd.DataFrame, labels: Labels,
                  limit_m: float) -> None:
    """Per zone, the share of innovation subjects within the exchange walk."""
    _bars(ax, exchange_chart(zones, labels.block, limit_m))


def hour_columns(ax: Axes, chart: HourChart, *, legend: bool = False) -> None:
    """A zone's day: demand met and unmet as stacked columns per hour, the
    spaces used in its own lots and their capacity as lines."""
    hours = np.arange(len(chart.served))
    (met, met_colour, _), (unmet, unmet_colour, _), \
        (used, used_colour, _), (supply, supply_colour, _) = chart.legend
    ax.bar(hours, chart.served, width=0.85, align="edge", color=met_colour,
           label=met)
    ax.bar(hours, chart.unmet, width=0.85, align="edge",
           bottom=chart.served, color=unmet_colour, label=unmet)
    ax.step(np.r_[hours, 24], np.r_[chart.used, chart.used[-1:]],
            where="post", color=used_colour, linewidth=1.2, label=used)
    if chart.supply > 0:
        ax.axhline(chart.supply, color=supply_colour, linestyle="--",
                   linewidth=0.9, label=supply)
    ax.set_xlim(0, 24)
    ax.set_xticks(range(0, 25, 6), [f"{h:02d}:00" for h in range(0, 25, 6)])
    ax.set_ylim(0, max(float((chart.served + chart.unmet).max(initial=0)),
                       chart.supply, 1.0) * 1.08)
    ax.set_ylabel(chart.axis_label)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    if legend:
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2,
                  frameon=False, borderaxespad=0.3, handlelength=1.2,
                  columnspacing=0.8)
