"""Parking hour by hour: each building's demand for every hour of a
weekday and a Saturday (its peak demand, :func:`.parking.base_demand`,
times its use's hourly curve, ``parking.hours`` after ULI Shared Parking),
allocated to the lots hour by hour as the peak is (the most demand served
within the walk limit, then the least walking; private lots only for
their own buildings).

Per lot and hour: spaces used and spare; per zone (the site first) and
hour: demand, served, unmet, and its own lots' supply and use. Per zone
and day: the hours short (0.5 space or more unmet) and their spans, the
peak hour (of the most unmet demand, else of the most demand), its demand
and unmet, and the highest share of the zone's own lots used; per lot and
day: its busiest hour and how full it is then."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from ..model.lot_access import is_private
from ..model.problems import Problem
from ..model.settings import ParkingSettings
from ..model.standards import DAYS
from .context import Context
from .parking import (
    SPACE_PARTS,
    allocate,
    base_demand,
    permitted,
    walk_table,
)
from .shape import SITE_ROW, ZoneTable

HOURS = range(24)
ZONE_HOUR_COLUMNS = ["zone", "day", "hour", "demand", "served", "unmet",
                     "supply", "used"]
LOT_HOUR_COLUMNS = ["lot", "day", "hour", "capacity", "used", "spare"]
ZONE_COLUMNS = ["zone", *(f"{day}_{figure}" for day in DAYS for figure in (
    "short_hours", "short_spans", "peak_hour", "peak_demand", "peak_unmet",
    "peak_occupancy"))]
LOT_COLUMNS = ["lot", "name", "day", "capacity", "peak_used",
               "peak_occupancy", "peak_hour"]
LEAST_UNMET = 0.5   # an hour with fewer spaces unmet is not short


@dataclass(frozen=True)
class ParkingHours(ZoneTable):
    """Parking for every hour of a weekday and a Saturday: ``zones`` sums
    each zone's days (ZONE_COLUMNS, the site first), ``hours`` and
    ``lot_hours`` hold every hour, ``lots`` each lot's busiest hour."""

    zones: pd.DataFrame       # ZONE_COLUMNS
    hours: pd.DataFrame       # ZONE_HOUR_COLUMNS, the site's rows first
    lot_hours: pd.DataFrame   # LOT_HOUR_COLUMNS, the lot by feature id
    lots: pd.DataFrame        # LOT_COLUMNS, by feature id and day
    problems: list[Problem] = field(default_factory=list)

    def spare(self, day: str, hour: int) -> pd.Series:
        """Spare spaces of each lot (by feature id) at ``hour`` of ``day``."""
        rows = self.lot_hours[(self.lot_hours["day"] == day)
                              & (self.lot_hours["hour"] == hour)]
        return rows.set_index("lot")["spare"]

    def zone(self, name: str, day: str = "weekday") -> pd.DataFrame:
        """Zone ``name``'s 24 hours of ``day`` (``SITE_ROW``: the site)."""
        return self.hours[(self.hours["zone"] == name)
                          & (self.hours["day"] == day)].reset_index(drop=True)

    def at(self, day: str, hour: int) -> pd.DataFrame:
        """Every zone (the site first) at ``hour`` of ``day``."""
        return self.hours[(self.hours["day"] == day)
                          & (self.hours["hour"] == hour)].reset_index(
            drop=True)


def hourly_demand(ctx: Context, *, parking: ParkingSettings) -> np.ndarray:
    """(buildings x days x 24) spaces demanded, rounded as allocated; a
    use of no family follows the office's curve, a family with no curve
    (or no curve for a day) demands its peak at every hour."""
    base = base_demand(ctx, parking=parking)
    family = ctx.buildings["use"].map(parking.hour_family).fillna("office")
    flat = {day: [1.0] * 24 for day in DAYS}
    curves = np.array([[parking.hours.get(f, flat).get(day, flat[day])
                        for day in DAYS] for f in family], dtype=float) \
        if len(family) else np.zeros((0, len(DAYS), 24))
    return np.round(base[:, None, None] * curves * SPACE_PARTS) / SPACE_PARTS


def parking_hours(ctx: Context, *, parking: ParkingSettings,
                  pairs: sp.coo_matrix | None = None,
                  times: Iterable[tuple[str, int]] | None = None
                  ) -> ParkingHours:
    """Allocate each hour's demand (only the (day, hour) ``times`` when
    given); ``pairs``: the buildings x lots walks each lot may serve
    (:attr:`.parking.ParkingResult.pairs`), when known. Hours whose demand
    is the same are allocated once."""
    need = hourly_demand(ctx, parking=parking)
    capacity = ctx.lots["capacity"].astype("Float64").fillna(0).to_numpy(float)
    if pairs is None:
        pairs = permitted(ctx, is_private(ctx.lots).to_numpy(),
                          walk_table(ctx, parking.walk_limit_m).walks).tocoo()
    b_zone = ctx.buildings["zone"].to_numpy()
    l_zone = ctx.lots["zone"].to_numpy()
    zones = {zone: (np.ones(len(b_zone), bool), np.ones(len(l_zone), bool))
             if zone == SITE_ROW else (b_zone == zone, l_zone == zone)
             for zone in [SITE_ROW, *ctx.zones["name"]]}
    zone_rows, lot_rows = [], []
    solved: dict[bytes, np.ndarray] = {}
    wanted = set(times) if times is not None else None
    for d, day in enumerate(DAYS):
        for hour in HOURS:
            if wanted is not None and (day, hour) not in wanted:
                continue
            demand = need[:, d, hour]
            key = demand.tobytes()
            if key not in solved:
                solved[key] = allocate(pairs, demand, capacity)
            spaces = solved[key]
            served = np.bincount(pairs.row, spaces, minlength=len(demand))
            used = np.bincount(pairs.col, spaces, minlength=len(capacity))
            lot_rows.append(pd.DataFrame({
                "lot": ctx.lots.index.to_numpy(), "day": day, "hour": hour,
                "capacity": capacity, "used": used,
                "spare": capacity - used}))
            for zone, (inside, own) in zones.items():
                zone_rows.append((
                    zone, day, hour, float(demand[inside].sum()),
                    float(served[inside].sum()),
                    float(np.maximum(demand - served, 0)[inside].sum()),
                    float(capacity[own].sum()), float(used[own].sum())))
    hours = pd.DataFrame(zone_rows, columns=ZONE_HOUR_COLUMNS)
    lot_hours = pd.concat(lot_rows, ignore_index=True)[LOT_HOUR_COLUMNS] \
        if lot_rows else pd.DataFrame(columns=LOT_HOUR_COLUMNS)
    return ParkingHours(_zone_days(hours, list(zones)), hours, lot_hours,
                        _lot_days(ctx, lot_hours))


def short_hours(day: pd.DataFrame, least: float = LEAST_UNMET
                ) -> tuple[list[int], int | None]:
    """The hours of a zone's day (:meth:`ParkingHours.zone`) with at least
    ``least`` spaces unmet, and the hour of the most unmet (None: never
    short)."""
    short = day.loc[day["unmet"] >= least, "hour"].astype(int).tolist()
    if not short:
        return [], None
    return short, int(day.loc[day["unmet"].idxmax(), "hour"])


def spans(hours: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive hours as (first hour, the hour after the last):
    [6, 7, 8, 17] -> [(6, 9), (17, 18)]."""
    runs: list[tuple[int, int]] = []
    for hour in sorted(hours):
        if runs and runs[-1][1] == hour:
            runs[-1] = (runs[-1][0], hour + 1)
        else:
            runs.append((hour, hour + 1))
    return runs


def clock(hour: int | None) -> str | None:
    """``10`` -> ``"10:00"`` (24 -> ``"24:00"``, the end of a day)."""
    return None if hour is None else f"{hour:02d}:00"


def _zone_days(hours: pd.DataFrame, zones: list[str]) -> pd.DataFrame:
    """ZONE_COLUMNS: each zone's days, from its hours."""
    rows = []
    for zone in zones:
        row: dict = {"zone": zone}
        for day in DAYS:
            part = hours[(hours["zone"] == zone) & (hours["day"] == day)]
            short, worst = short_hours(part)
            busiest = part.loc[part["demand"].idxmax()] if len(part) and \
                part["demand"].max() > 0 else None
            with np.errstate(invalid="ignore", divide="ignore"):
                use = (part["used"] / part["supply"]).where(
                    part["supply"] > 0)
            row.update({
                f"{day}_short_hours": len(short),
                f"{day}_short_spans": ", ".join(
                    f"{clock(a)}-{clock(b)}" for a, b in spans(short)),
                f"{day}_peak_hour": clock(worst if worst is not None else
                                          None if busiest is None
                                          else int(busiest["hour"])),
                f"{day}_peak_demand": float(part["demand"].max())
                if len(part) else None,
                f"{day}_peak_unmet": float(part["unmet"].max())
                if len(part) else None,
                f"{day}_peak_occupancy": float(use.max())
                if use.notna().any() else None})
        rows.append(row)
    return pd.DataFrame(rows, columns=ZONE_COLUMNS)


def _lot_days(ctx: Context, lot_hours: pd.DataFrame) -> pd.DataFrame:
    """LOT_COLUMNS: each lot's busiest hour of each day."""
    if lot_hours.empty:
        return pd.DataFrame(columns=LOT_COLUMNS)
    rows = lot_hours.loc[lot_hours.groupby(["lot", "day"], sort=False)
                         ["used"].idxmax()]
    with np.errstate(invalid="ignore", divide="ignore"):
        occupancy = np.where(rows["capacity"] > 0,
                             rows["used"] / rows["capacity"], np.nan)
    out = pd.DataFrame({
        "lot": rows["lot"].to_numpy(),
        "name": ctx.lots["name"].reindex(rows["lot"]).to_numpy(),
        "day": rows["day"].to_numpy(), "capacity": rows["capacity"].to_numpy(),
        "peak_used": rows["used"].to_numpy(), "peak_occupancy": occupancy,
        "peak_hour": [clock(int(h)) for h in rows["hour"]]})
    return out[LOT_COLUMNS].reset_index(drop=True)
