"""Many sites side by side: one row of headline figures per plan and
scenario, taken from its SUMMARY.json, the rank of each site by each
figure, and the shortfalls that recur across sites."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model.language import N_, tr
from ..model.words import human
from .coverage import people_measure
from .finding_kinds import SHORTFALLS, kind_words
from .findings import KEY_TARGETS
from .shape import FIGURES, SITE_ROW, figure_words

#: The columns every row has before its figures.
META = ("name", "plan", "scenario", "status", "reason", "outputs")
EVALUATED, UP_TO_DATE, FAILED = "evaluated", "up to date", "failed"


@dataclass(frozen=True)
class Column:
    """A figure of the portfolio: ``words`` and ``unit`` in English
    (:meth:`title` shows them), ``better`` +1 higher, -1 lower, 0
    neither."""

    key: str
    words: str
    unit: str
    better: int
    form: str = "{:,.0f}"

    def title(self) -> str:
        """The figure in words in the current language."""
        group, _, name = self.key.partition(".")
        if group == "coverage_group":
            return tr("{group}: share within the service walk").format(
                group=human(name))
        if group == "coverage":
            return tr("{target} within the service walk").format(
                target=human(name).capitalize())
        if group in FIGURES:
            return figure_words(self.key)
        return tr(self.words)

    def heading(self) -> str:
        """The figure and its unit, as a table's or chart's heading."""
        words, unit = self.title(), tr(self.unit)
        form = tr("{figure}: {unit}") if "(" in unit or "（" in unit else \
            tr("{figure} ({unit})")
        return form.format(figure=words[:1].upper() + words[1:], unit=unit)

    def format(self, value) -> str:
        return tr("n/a") if value is None or pd.isna(value) else \
            self.form.format(value)

    @property
    def decimals(self) -> int:
        """The decimals shown (a share's as a fraction: 2 for '47%')."""
        match = re.search(r"\.(\d+)([f%])", self.form)
        if not match:
            return 0
        return int(match.group(1)) + (2 if match.group(2) == "%" else 0)


#: The figures every site has, in the order the portfolio shows them.
BASE_COLUMNS = (
    Column("area_ha", N_("study area"), N_("ha"), 0, "{:,.1f}"),
    Column("buildings", N_("buildings evaluated"), N_("buildings"), 0),
    *(Column(f"{group}.{f.key}", f.words, f.unit, f.better, f.form)
      for group, figures in FIGURES.items() if group != "coverage"
      for f in figures),
    *(Column(f"coverage.{t}", "", N_("share"), 1, "{:.0%}")
      for t in KEY_TARGETS))
#: The findings counted, after the groups of facilities.
COUNTS = (Column("findings", N_("number of findings"), N_("findings"), 0),
          Column("shortfalls", N_("shortfalls found"), N_("findings"), -1))


def portfolio_row(summary: dict) -> dict[str, float]:
    """The headline figures of one SUMMARY.json, by column key: every
    evaluator's site figures, the share of people (employees, else floor
    area) within the service walk of each group of facilities and of the
    public spaces, and the number of findings and of shortfalls."""
    row: dict[str, float] = {
        "area_ha": summary.get("study_area", {}).get("area_ha"),
        "buildings": summary.get("walkability", {}).get("buildings")}
    for group, figures in FIGURES.items():
        if group != "coverage" and group in summary:
            row |= {f"{group}.{f.key}": summary[group].get(f.key)
                    for f in figures}
    if "coverage" in summary:   # a kind of space the plan lacks: none
        coverage = pd.DataFrame(summary["coverage"], columns=[
            "target", "share_employees", "share_gfa"])
        share, _ = people_measure(coverage)
        shares = dict(zip(coverage["target"], coverage[share], strict=True))
        row |= {f"coverage.{t}": shares.get(t, 0.0) for t in KEY_TARGETS}
    groups = pd.DataFrame(summary.get("coverage_groups", []))
    if len(groups):
        site = groups[groups["zone"] == SITE_ROW]
        share, _ = people_measure(site)
        row |= {f"coverage_group.{g}": v for g, v in zip(
            site["group"], site[share], strict=True)}
    found = summary.get("findings", [])
    row["findings"] = len(found)
    row["shortfalls"] = sum(f["kind"] in SHORTFALLS for f in found)
    return {k: (np.nan if v is None else float(v)) for k, v in row.items()}


def columns_of(keys) -> list[Column]:
    """The columns of these figure keys: the base ones in their order,
    each group of facilities met (a share; higher better), the counts."""
    keys = list(dict.fromkeys(keys))
    groups = [Column(k, "", N_("share"), 1, "{:.0%}") for k in keys
              if k.startswith("coverage_group.")]
    return [c for c in BASE_COLUMNS if c.key in keys] + groups + \
        [c for c in COUNTS if c.key in keys]


def ranks(values: pd.Series, column: Column) -> pd.Series:
    """Each site's rank by a figure, 1 the best (the highest when higher
    is better); sites whose values print alike share the best rank, sites
    without the figure have none."""
    shown = values.astype(float).round(column.decimals)
    return shown.rank(method="min", ascending=column.better < 0,
                      na_option="keep").astype("Int64")


def recurring(findings: dict[str, list[dict]]) -> pd.DataFrame:
    """The shortfalls found on more than one site, most widespread first:
    ``kind``, ``subject``, ``words``, ``sites`` (how many), ``share`` of
    the sites, ``names``. ``findings`` maps each site's name to its
    SUMMARY.json's findings."""
    seen: dict[tuple[str, str], list[str]] = {}
    for name, found in findings.items():
        for key in dict.fromkeys((f["kind"], f.get("subject", ""))
                                 for f in found if f["kind"] in SHORTFALLS):
            seen.setdefault(key, []).append(name)
    rows = [{"kind": kind, "subject": subject,
             "words": kind_words(kind, subject), "sites": len(names),
             "share": len(names) / max(len(findings), 1), "names": names}
            for (kind, subject), names in seen.items() if len(names) > 1]
    frame = pd.DataFrame(rows, columns=["kind", "subject", "words", "sites",
                                        "share", "names"])
    return frame.sort_values(["sites", "words"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)
