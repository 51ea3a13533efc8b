"""Charts of the evaluators' results, in the colours the app uses."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..evaluate.coverage import people_measure
from ..evaluate.map_classes import score_class
from ..model.symbology import (
    COVERAGE_COLOUR,
    FLAG_COLOURS,
    NEAR_COLOUR,
    SCORE_COLOURS,
    SUPPLY_COLOUR,
)
from .labels import Labels


def _tidy(ax: Axes) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)


def coverage_bars(ax: Axes, table: pd.DataFrame) -> None:
    """Share of the site area and of employees (floor area where the plan
    has no employee counts) within each target's service walk, targets
    sorted by the latter."""
    share, people = people_measure(table)
    table = table.sort_values(share, na_position="first")
    y = np.arange(len(table))
    ax.barh(y + 0.2, table["share_site_area"].fillna(0) * 100, 0.4,
            color=COVERAGE_COLOUR, alpha=0.45, label="site area")
    ax.barh(y - 0.2, table[share].fillna(0) * 100, 0.4,
            color=COVERAGE_COLOUR, label=people)
    ax.set_yticks(y, [t.replace("_", " ") for t in table.index])
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.7, len(table) - 0.3)
    ax.set_xlabel("within the service walk (%)")
    ax.legend(loc="lower right")
    _tidy(ax)


def score_histogram(ax: Axes, scores: pd.Series, bands: list[float],
                    site_score: float | None) -> None:
    """Buildings per 5-point walk score bin, coloured by band."""
    counts, edges = np.histogram(scores.dropna(), bins=np.arange(0, 105, 5))
    colours = [SCORE_COLOURS[i] for i in score_class(edges[:-1], bands)]
    ax.bar(edges[:-1], counts, width=5, align="edge", color=colours,
           edgecolor="white", linewidth=0.4)
    ax.set_xlim(0, 100)
    ax.set_xlabel("walk score")
    ax.set_ylabel("buildings")
    if site_score is not None:
        ax.axvline(site_score, color="black", linewidth=1)
        ax.text(site_score, ax.get_ylim()[1], f" site {site_score:.0f}",
                va="top", fontsize="small")
    _tidy(ax)


def parking_bars(ax: Axes, zones: pd.DataFrame, labels: Labels) -> None:
    """Supply and demand per zone, demand coloured by the zone's flag."""
    y = np.arange(len(zones))[::-1]
    ax.barh(y + 0.2, zones["supply"], 0.4, color=SUPPLY_COLOUR)
    ax.barh(y - 0.2, zones["demand"], 0.4,
            color=[FLAG_COLOURS.get(f, SUPPLY_COLOUR) for f in zones["flag"]])
    ax.set_yticks(y, [labels.block(z) for z in zones["zone"]])
    ax.set_xlabel("parking spaces")
    handles = [Patch(color=SUPPLY_COLOUR, label="supply")] + [
        Patch(color=c, label=f"demand, {flag}")
        for flag, c in FLAG_COLOURS.items()]
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0),
              ncol=2, frameon=False, borderaxespad=0.3, handlelength=1.0,
              columnspacing=0.8)
    _tidy(ax)


def exchange_bars(ax: Axes, zones: pd.DataFrame, labels: Labels,
                  limit_m: float) -> None:
    """Per zone, the share of innovation subjects within the exchange walk."""
    zones = zones[zones["subjects"] > 0]
    y = np.arange(len(zones))[::-1]
    share = zones["share_exchange_within_limit"].astype(float).fillna(0)
    ax.barh(y, share * 100, 0.6, color=NEAR_COLOUR)
    for yi, value, n in zip(y, share, zones["subjects"], strict=True):
        ax.text(value * 100 + 1, yi, f"{value:.0%} of {n}", va="center",
                fontsize="small")
    ax.set_yticks(y, [labels.block(z) for z in zones["zone"]])
    ax.set_xlim(0, 115)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.set_xlabel(f"subjects within {limit_m:,.0f} m of an exchange space (%)")
    _tidy(ax)
