"""What each results chart shows, for any renderer: the report draws these
with matplotlib, the app's results dock with Qt, so both show the same
bars in the same colours. (Light to import: the dock loads it at start.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model.language import tr
from ..model.symbology import (
    COVERAGE_COLOUR,
    FLAG_COLOURS,
    NEAR_COLOUR,
    SCORE_COLOURS,
    SERVED_COLOUR,
    SUPPLY_COLOUR,
    USED_COLOUR,
)
from ..model.words import human
from .map_classes import BAND_NAMES, band_words, score_class

COVERAGE_ALPHA = 0.45  # the site-area bar beside the people bar
SCORE_BIN = 5.0


@dataclass(frozen=True)
class Series:
    """One bar per category: what it measures, its values, its colour (or
    one per bar), and optional texts printed after the bars."""

    name: str
    values: np.ndarray
    colours: tuple[str, ...]
    alpha: float = 1.0
    texts: tuple[str, ...] = ()

    def colour(self, i: int) -> str:
        return self.colours[i if len(self.colours) > 1 else 0]


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars: per category (top first), one bar per series,
    the first series on top."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis_label: str
    legend: tuple[tuple[str, str, float], ...]  # (label, colour, alpha)
    limit: float | None = None   # the value axis's end (None: fit)
    ticks: tuple[float, ...] = ()  # where to tick it (empty: evenly)


@dataclass(frozen=True)
class Histogram:
    """Counts per bin, a colour per bin, and a marked value."""

    edges: np.ndarray
    counts: np.ndarray
    colours: tuple[str, ...]
    x_label: str
    y_label: str
    marker: tuple[float, str] | None  # (value, label)
    legend: tuple[tuple[str, str, float], ...] = ()


@dataclass(frozen=True)
class HourChart:
    """A zone's day: the spaces its buildings demand at each hour, served
    and unmet (stacked columns), the spaces used in its own lots (a line)
    and their capacity (a dashed line)."""

    served: np.ndarray    # 24 hours
    unmet: np.ndarray
    used: np.ndarray
    supply: float
    axis_label: str
    legend: tuple[tuple[str, str, float], ...]  # (label, colour, alpha)
    marked: int | None = None   # an hour to mark (the one shown)


def hour_chart(day: pd.DataFrame, marked: int | None = None) -> HourChart:
    """The chart of one zone's day (:meth:`.parking_hours.ParkingHours.zone`)."""
    return HourChart(
        served=day["served"].to_numpy(float),
        unmet=day["unmet"].to_numpy(float), used=day["used"].to_numpy(float),
        supply=float(day["supply"].max()) if len(day) else 0.0,
        axis_label=tr("parking spaces"), marked=marked,
        legend=((tr("demand met"), SERVED_COLOUR, 1.0),
                (tr("demand unmet"), FLAG_COLOURS["deficit"], 1.0),
                (tr("used in its own lots"), USED_COLOUR, 1.0),
                (tr("its own lots' capacity"), SUPPLY_COLOUR, 1.0)))


def coverage_chart(table: pd.DataFrame) -> BarChart:
    """Share of the site area and of employees (floor area where the plan
    has no employee counts) within each target's service walk, the best
    covered target on top."""
    from .coverage import people_measure  # the evaluators: not at start-up

    share, people = people_measure(table)
    table = table.sort_values(share, na_position="first").iloc[::-1]
    return BarChart(
        categories=tuple(human(t) for t in table.index),
        series=(Series(tr("site area (%)"),
                       table["share_site_area"].fillna(0).to_numpy(float)
                       * 100, (COVERAGE_COLOUR,), COVERAGE_ALPHA),
                Series(f"{tr(people)} (%)",
                       table[share].fillna(0).to_numpy(float) * 100,
                       (COVERAGE_COLOUR,))),
        axis_label=tr("within the service walk (%)"),
        legend=((tr("site area"), COVERAGE_COLOUR, COVERAGE_ALPHA),
                (tr(people), COVERAGE_COLOUR, 1.0)),
        limit=100.0)


def score_chart(scores: pd.Series, bands: list[float],
                site_score: float | None) -> Histogram:
    """Buildings per 5-point walk score bin, coloured by band."""
    counts, edges = np.histogram(scores.dropna(),
                                 bins=np.arange(0, 100 + SCORE_BIN, SCORE_BIN))
    return Histogram(
        edges=edges, counts=counts,
        colours=tuple(SCORE_COLOURS[i] for i in score_class(edges[:-1],
                                                           bands)),
        x_label=tr("walk score"), y_label=tr("buildings"),
        marker=None if site_score is None else
        (site_score, tr("site {score:.0f}").format(score=site_score)),
        legend=tuple((band_words(name), colour, 1.0) for name, colour in zip(
            BAND_NAMES, SCORE_COLOURS, strict=True)))


def parking_chart(zones: pd.DataFrame, label: Callable[[str], str]
                  ) -> BarChart:
    """Supply and demand per zone (the site first), demand coloured by the
    zone's flag."""
    flags = zones["flag"].to_numpy(dtype=object)
    return BarChart(
        categories=tuple(label(z) for z in zones["zone"]),
        series=(Series(tr("supply"), zones["supply"].to_numpy(float),
                       (SUPPLY_COLOUR,)),
                Series(tr("demand"), zones["demand"].to_numpy(float), tuple(
                    FLAG_COLOURS.get(f, SUPPLY_COLOUR) for f in flags))),
        axis_label=tr("parking spaces"),
        legend=((tr("supply"), SUPPLY_COLOUR, 1.0), *(
            (tr("demand, {flag}").format(flag=human(flag)), colour, 1.0)
            for flag, colour in FLAG_COLOURS.items())))


def exchange_chart(zones: pd.DataFrame, label: Callable[[str], str],
                   limit_m: float) -> BarChart:
    """Per zone with innovation subjects, the share of them within the
    exchange walk."""
    zones = zones[zones["subjects"] > 0]
    share = zones["share_exchange_within_limit"].astype(float).fillna(0)
    return BarChart(
        categories=tuple(label(z) for z in zones["zone"]),
        series=(Series(tr("subjects within the walk (%)"),
                       share.to_numpy() * 100, (NEAR_COLOUR,), texts=tuple(
            tr("{share:.0%} of {n}").format(share=value, n=n)
            for value, n in zip(share, zones["subjects"], strict=True))),),
        axis_label=tr("subjects within {limit:,.0f} m of an exchange space "
                      "(%)").format(limit=limit_m),
        legend=(), limit=115.0, ticks=(0, 25, 50, 75, 100))
