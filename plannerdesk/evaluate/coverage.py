"""Service coverage: which share of the site, its floor area and its
employees lies within a service radius of each target.

Only features open to the public cover anyone; those that are not are
counted apart (``closed``).

A place is covered when its walk to the nearest target (straight connector
to the network, then along it) is at most the target's radius; with
``straight=True``, when the straight-line distance is. The site is sampled
by a 25 m grid, each cell judged from its centre. Radii default to
GB 50180-2018, GB/T 51346-2019 cl. 4.3.4, the '300 m see green' rule,
Ker & Ginn 2003 and PlannerDesk proposals (see ``model.standards``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model.language import N_, tr, tr_n
from ..model.problems import Problem
from .context import Context
from .shape import SITE_ROW, ZoneTable

COLUMNS = ["target", "radius_m", "method", "share_site_area", "share_gfa",
           "share_employees", "targets", "closed"]
GROUP_COLUMNS = ["zone", "group", "present", "share_gfa", "share_employees",
                 "employees_without", "gfa_without"]


@dataclass(frozen=True)
class CoverageResult(ZoneTable):
    """Coverage per zone and target, and the uncovered gaps."""

    zones: pd.DataFrame          # one row per (zone, target), the site's first
    covered: pd.DataFrame        # per building: covered by target (bool)
    cells: gpd.GeoDataFrame      # the site's cells (Context.cells)
    cells_covered: pd.DataFrame  # per cell: covered by target (bool)
    radii: dict[str, float]
    problems: list[Problem]
    groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Per (zone, group of facilities), the site's first: the share of
    people within the service walk of one of its facilities (GROUP_COLUMNS)."""

    @cached_property
    def gaps(self) -> gpd.GeoDataFrame:
        """Uncovered parts of the site, merged, one row per target (made
        when first asked for: the live evaluation rarely needs them)."""
        cells = self.cells.geometry.to_numpy()
        rows = []
        for target in self.cells_covered.columns:
            gap = shapely.coverage_union_all(
                cells[~self.cells_covered[target].to_numpy()])
            if not gap.is_empty:
                rows.append({"target": target,
                             "radius_m": self.radii[target],
                             "area_m2": gap.area, "geometry": gap})
        return gpd.GeoDataFrame(rows, columns=["target", "radius_m",
                                               "area_m2", "geometry"],
                                geometry="geometry", crs=self.cells.crs)

    @cached_property
    def table(self) -> pd.DataFrame:
        """The site's rows: one per target, indexed by target."""
        site = self.zones[self.zones["zone"] == SITE_ROW]
        return site.drop(columns="zone").set_index("target", drop=False)

    @property
    def site(self) -> dict:
        """The site's figures, keyed ``<target>.<figure>``."""
        return {f"{target}.{key}": value
                for target, row in self.table.iterrows()
                for key, value in row.drop("target").items()}

    @property
    def per_zone(self) -> pd.DataFrame:
        return self.zones[self.zones["zone"] != SITE_ROW].reset_index(
            drop=True)


def coverage(ctx: Context, *, radii: dict[str, float],
             straight: bool = False,
             groups: dict[str, list[str]] | None = None) -> CoverageResult:
    """Coverage of every target present in the plan that has a radius."""
    # the table holds the key; findings show it translated
    method = N_("straight") if straight or not ctx.has_network else \
        N_("network")
    closed = ctx.closed_targets.geoms
    present = sorted(set(ctx.targets) | set(ctx.target_geoms) | set(closed))
    unmeasured = [t for t in present if t not in radii]
    problems = []
    if unmeasured:
        problems.append(Problem(
            "warning", tr_n(
                "{names} has no service radius, so coverage is not "
                "measured for it",
                "{names} have no service radius, so coverage is not "
                "measured for them", len(unmeasured)).format(
                names=_listed(unmeasured)),
            tr("add a radius in the settings for those that matter"),
            layer="facilities"))
    measured = [t for t in present if t in radii]
    b_cov = pd.DataFrame({t: ctx.distances(t, limit=radii[t], straight=straight)
                          <= radii[t] for t in measured},
                         index=ctx.buildings.index, dtype=bool)
    c_cov = pd.DataFrame({t: ctx.distances(t, at="cells", limit=radii[t],
                                           straight=straight) <= radii[t]
                          for t in measured}, index=ctx.cells.index, dtype=bool)
    b_zone, c_zone = _membership(ctx, "buildings"), _membership(ctx, "cells")
    gfa = ctx.buildings["gfa_m2"].fillna(0).to_numpy(dtype=float)
    staff = ctx.buildings["employees"].astype("Float64").fillna(0) \
        .to_numpy(dtype=float)
    area = ctx.cells.geometry.area.to_numpy()
    shares = {
        "share_site_area": _shares(c_zone, area, c_cov.to_numpy()),
        "share_gfa": _shares(b_zone, gfa, b_cov.to_numpy()),
        "share_employees": _shares(b_zone, staff, b_cov.to_numpy()),
    }
    zones = [SITE_ROW, *ctx.zones["name"]]
    table = pd.DataFrame({
        "zone": np.repeat(zones, len(measured)),
        "target": np.tile(measured, len(zones)),
        "radius_m": np.tile([float(radii[t]) for t in measured], len(zones)),
        "method": method,
        **{k: v.ravel() for k, v in shares.items()},
        "targets": np.tile([len(ctx.target_geoms.get(t, ())) for t in
                            measured], len(zones)),
        "closed": np.tile([len(closed.get(t, ())) for t in measured],
                          len(zones)),
    }, columns=["zone", *COLUMNS])
    return CoverageResult(zones=table, covered=b_cov, cells=ctx.cells,
                          cells_covered=c_cov,
                          radii={t: float(radii[t]) for t in measured},
                          problems=problems,
                          groups=_groups(groups or {}, b_cov, b_zone, zones,
                                         gfa, staff))


def _groups(groups: dict[str, list[str]], covered: pd.DataFrame,
            member: np.ndarray, zones: list[str], gfa: np.ndarray,
            staff: np.ndarray) -> pd.DataFrame:
    """Per zone and group: which of its facilities the plan has, and the
    share of floor area and employees within the walk of one of them."""
    rows = []
    for group, targets in groups.items():
        present = [t for t in targets if t in covered.columns]
        near = covered[present].to_numpy().any(axis=1) if present else \
            np.zeros(len(covered), bool)
        shares = {f"share_{name}": _shares(member, weight, near[:, None])[:, 0]
                  for name, weight in (("gfa", gfa), ("employees", staff))}
        for k, zone in enumerate(zones):
            inside = member[:, k]
            rows.append({
                "zone": zone, "group": group, "present": ", ".join(present),
                "share_gfa": shares["share_gfa"][k],
                "share_employees": shares["share_employees"][k],
                "employees_without": float(staff[inside & ~near].sum()),
                "gfa_without": float(gfa[inside & ~near].sum())})
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


def people_measure(table: pd.DataFrame) -> tuple[str, str]:
    """The column of a coverage table that counts people, and its words
    (English: ``tr()`` them where shown): employees, or floor area where
    the plan holds no employee counts."""
    if table["share_employees"].notna().any():
        return "share_employees", N_("employees")
    return "share_gfa", N_("floor area")


def _listed(names: list[str], shown: int = 12) -> str:
    """'cafe', or 'atm, bakery and 3 more' for many."""
    quoted = [f"'{n}'" for n in names[:shown]]
    if len(names) > shown:
        return tr("{listed} and {more} more").format(
            listed=tr(", ").join(quoted), more=len(names) - shown)
    return quoted[0] if len(quoted) == 1 else \
        tr("{listed} and {last}").format(listed=tr(", ").join(quoted[:-1]),
                                         last=quoted[-1])


def _membership(ctx: Context, at: str) -> np.ndarray:
    """(places x [site, zone...]) indicator matrix."""
    frame, _ = ctx.places(at)
    zones = ctx.zones["name"].to_numpy()
    inside = frame["zone"].to_numpy()[:, None] == zones[None, :]
    return np.hstack([np.ones((len(frame), 1), bool), inside])


def _shares(member: np.ndarray, weight: np.ndarray,
            covered: np.ndarray) -> np.ndarray:
    """(zones x targets) covered weight / total weight; NaN where no weight."""
    weighted = member.T.astype(float) * weight[None, :]
    whole = weighted.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(whole > 0, (weighted @ covered) / whole, np.nan)
