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

from ..model.language import N_, tr
from ..model.words import human

SITE_ROW = "(site)"  # the name of the whole site's row in zone tables


@dataclass(frozen=True)
class Figure:
    """One headline figure: ``key`` is its column in the zone table;
    ``words`` and ``unit`` are English (the comparison's tables hold
    them): :func:`figure_words` and :func:`unit_words` show them."""

    key: str
    words: str
    unit: str
    better: int  # +1 higher is better, -1 lower is better, 0 neither
    form: str = "{:,.0f}"

    def format(self, value) -> str:
        return tr("n/a") if value is None or pd.isna(value) else \
            self.form.format(value)


FIGURES: dict[str, tuple[Figure, ...]] = {
    "walkability": (
        Figure("walk_score", N_("walk score"), N_("points (0-100)"), 1,
               "{:.0f}"),),
    "network_form": (
        Figure("intersection_density_per_km2", N_("intersection density"),
               N_("per km2"), 1),
        Figure("mean_block_length_m", N_("mean block length"), N_("m"), -1),
        Figure("ped_shed_ratio", N_("ped-shed ratio"), N_("ratio"), 1,
               "{:.2f}"),
        Figure("route_directness", N_("route directness"), N_("ratio"), -1,
               "{:.2f}")),
    "space_syntax": (
        Figure("integration", N_("angular integration (mean)"),
               N_("NAIN"), 1, "{:.2f}"),
        Figure("choice", N_("angular choice (mean)"), N_("NACH"), 0,
               "{:.2f}")),
    "parking": (
        Figure("supply", N_("parking supply"), N_("spaces"), 0),
        Figure("demand", N_("parking demand"), N_("spaces"), 0),
        Figure("served", N_("parking demand served"), N_("spaces"), 1),
        Figure("unmet", N_("unmet parking demand"), N_("spaces"), -1),
        Figure("idle", N_("idle parking spaces"), N_("spaces"), -1),
        Figure("mismatch_index", N_("parking mismatch index"),
               N_("index (0-1)"), -1, "{:.2f}")),
    "parking_hours": (
        Figure("weekday_short_hours", N_("weekday hours short of parking"),
               N_("hours"), -1),
        Figure("weekday_peak_unmet", N_("weekday peak unmet parking"),
               N_("spaces"), -1),
        Figure("weekday_peak_occupancy", N_("weekday peak lot occupancy"),
               N_("share"), 0, "{:.0%}"),
        Figure("saturday_short_hours", N_("Saturday hours short of parking"),
               N_("hours"), -1),
        Figure("saturday_peak_unmet", N_("Saturday peak unmet parking"),
               N_("spaces"), -1)),
    "exchange": (
        Figure("subjects", N_("innovation subject buildings"),
               N_("buildings"), 0),
        Figure("mean_walk_to_exchange_m",
               N_("mean walk to an exchange space"), N_("m"), -1),
        Figure("share_exchange_within_limit", N_(
            "subjects within walking limit of an exchange space"),
            N_("share"), 1, "{:.0%}"),
        Figure("mean_subject_types_nearby",
               N_("subject types nearby (mean)"), N_("types"), 1, "{:.1f}"),
        Figure("median_university_enterprise_m",
               N_("university-enterprise walk (median)"), N_("m"), -1)),
    "encounter": (
        Figure("co_accessible_pairs",
               N_("pairs of subject types sharing an exchange space"),
               N_("pairs"), 1),
        Figure("pairs_unmet",
               N_("pairs of subject types that cannot meet"), N_("pairs"),
               -1),
        Figure("encounter_potential", N_("encounter potential"),
               N_("index"), 1)),
    # per target: the site's rows of the coverage table
    "coverage": (
        Figure("share_site_area", N_("share of site area covered"),
               N_("share"), 1, "{:.0%}"),
        Figure("share_gfa", N_("share of floor area covered"), N_("share"),
               1, "{:.0%}"),
        Figure("share_employees", N_("share of employees covered"),
               N_("share"), 1, "{:.0%}"),
        Figure("targets", N_("features"), N_("features"), 0)),
}


def figure(key: str) -> Figure:
    """The figure of a headline key (``walkability.walk_score``,
    ``coverage.cafe.share_gfa``)."""
    group, name = key.split(".", 1)[0], key.rsplit(".", 1)[-1]
    return next(f for f in FIGURES[group] if f.key == name)


def figure_words(key: str) -> str:
    """The figure of a headline key in words, in the current language:
    ``walkability.walk_score`` 'walk score', ``coverage.cafe.share_gfa``
    'cafe: share of floor area covered' (the comparison table's
    ``figure``)."""
    words = tr(figure(key).words)
    group, _, rest = key.partition(".")
    if group != "coverage" or "." not in rest:
        return words
    return tr("{target}: {figure}").format(
        target=human(rest.rsplit(".", 1)[0]), figure=words)


def unit_words(unit: str) -> str:
    """A figure's unit as the comparison table holds it (``spaces``,
    ``share``...) in the current language."""
    return tr(unit) if unit else unit


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
