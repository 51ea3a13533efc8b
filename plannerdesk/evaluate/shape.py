"""The one shape of every evaluator's result, and its headline figures.

Each result holds a per-feature table and ``zones``: one row per zone, the
site's row (``(site)``) first. The site's row holds the headline figures,
which are declared once here (their words, unit, the direction that is
better and how they print) for the summary, the comparison, the findings
and the report.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SITE_ROW = "(site)"  # the name of the whole site's row in zone tables


@dataclass(frozen=True)
class Figure:
    """One headline figure: ``key`` is its column in the zone table."""

    key: str
    words: str
    unit: str
    better: int  # +1 higher is better, -1 lower is better, 0 neither
    form: str = "{:,.0f}"

    def format(self, value) -> str:
        return "n/a" if value is None or pd.isna(value) else \
            self.form.format(value)


FIGURES: dict[str, tuple[Figure, ...]] = {
    "walkability": (
        Figure("walk_score", "walk score", "points (0-100)", 1, "{:.0f}"),),
    "network_form": (
        Figure("intersection_density_per_km2", "intersection density",
               "per km2", 1),
        Figure("mean_block_length_m", "mean block length", "m", -1),
        Figure("ped_shed_ratio", "ped-shed ratio", "ratio", 1, "{:.2f}"),
        Figure("route_directness", "route directness", "ratio", -1,
               "{:.2f}")),
    "parking": (
        Figure("supply", "parking supply", "spaces", 0),
        Figure("demand", "parking demand", "spaces", 0),
        Figure("served", "parking demand served", "spaces", 1),
        Figure("unmet", "unmet parking demand", "spaces", -1),
        Figure("idle", "idle parking spaces", "spaces", -1),
        Figure("mismatch_index", "parking mismatch index", "index (0-1)", -1,
               "{:.2f}")),
    "exchange": (
        Figure("subjects", "innovation subject buildings", "buildings", 0),
        Figure("mean_walk_to_exchange_m", "mean walk to an exchange space",
               "m", -1),
        Figure("share_exchange_within_limit", "subjects within walking "
               "limit of an exchange space", "share", 1, "{:.0%}"),
        Figure("mean_subject_types_nearby", "subject types nearby (mean)",
               "types", 1, "{:.1f}"),
        Figure("median_university_enterprise_m", "university-enterprise "
               "walk (median)", "m", -1)),
    # per target: the site's rows of the coverage table
    "coverage": (
        Figure("share_site_area", "share of site area covered", "share", 1,
               "{:.0%}"),
        Figure("share_gfa", "share of floor area covered", "share", 1,
               "{:.0%}"),
        Figure("share_employees", "share of employees covered", "share", 1,
               "{:.0%}"),
        Figure("targets", "features", "features", 0)),
}


def figure(key: str) -> Figure:
    """The figure of a headline key (``walkability.walk_score``,
    ``coverage.cafe.share_gfa``)."""
    group, name = key.split(".", 1)[0], key.rsplit(".", 1)[-1]
    return next(f for f in FIGURES[group] if f.key == name)


class ZoneTable:
    """What every result has: ``zones``, the site's row first."""

    zones: pd.DataFrame

    @property
    def site(self) -> dict:
        """The site's figures (its row of ``zones``), None where unknown."""
        row = self.zones.iloc[0]
        return {k: (None if not isinstance(v, str) and pd.isna(v) else v)
                for k, v in row.drop("zone").items()}

    @property
    def per_zone(self) -> pd.DataFrame:
        """``zones`` without the site's row."""
        return self.zones.iloc[1:].reset_index(drop=True)
