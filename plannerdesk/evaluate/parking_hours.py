"""Parking hour by hour: each building's demand for every hour of a
weekday and a Saturday (its peak demand, :func:`.parking.base_demand`,
times its use's hourly curve, ``parking.hours`` after ULI Shared Parking),
allocated to the lots hour by hour as the peak is (the most demand served
within the walk limit, then the least walking; private lots only for
their own buildings).

Per lot and hour: spaces used and spare; per zone (the site first) and
hour: demand, served, unmet, and its own lots' supply and use. The peak
hour of a zone is the hour of its most unmet demand, else of its most
demand."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model.lot_access import is_private
from ..model.settings import ParkingSettings
from .context import Context
from .parking import (
    SPACE_PARTS,
    WalkTable,
    allocate,
    base_demand,
    permitted,
    walk_table,
)
from .shape import SITE_ROW

DAYS = ("weekday", "saturday")
HOURS = range(24)
ZONE_HOUR_COLUMNS = ["zone", "day", "hour", "demand", "served", "unmet",
                     "supply", "used"]
LOT_HOUR_COLUMNS = ["lot", "day", "hour", "capacity", "used", "spare"]


@dataclass(frozen=True)
class ParkingHours:
    """Parking for every hour of a weekday and a Saturday."""

    zones: pd.DataFrame   # ZONE_HOUR_COLUMNS, the site's rows first
    lots: pd.DataFrame    # LOT_HOUR_COLUMNS, the lot by feature id

    def spare(self, day: str, hour: int) -> pd.Series:
        """Spare spaces of each lot (by feature id) at ``hour`` of ``day``."""
        rows = self.lots[(self.lots["day"] == day)
                         & (self.lots["hour"] == hour)]
        return rows.set_index("lot")["spare"]

    def zone(self, name: str, day: str = "weekday") -> pd.DataFrame:
        """Zone ``name``'s 24 hours of ``day`` (``SITE_ROW``: the site)."""
        return self.zones[(self.zones["zone"] == name)
                          & (self.zones["day"] == day)].reset_index(drop=True)


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
                  walks: WalkTable | None = None,
                  times: Iterable[tuple[str, int]] | None = None
                  ) -> ParkingHours:
    """Allocate each hour's demand (only the (day, hour) ``times`` when
    given); ``walks`` as :func:`.parking.walk_table` within the walk limit,
    when known. Hours whose demand is the same are allocated once."""
    need = hourly_demand(ctx, parking=parking)
    capacity = ctx.lots["capacity"].astype("Float64").fillna(0).to_numpy(float)
    private = is_private(ctx.lots).to_numpy()
    walks = walks or walk_table(ctx, parking.walk_limit_m)
    pairs = permitted(ctx, private, walks.walks).tocoo()
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
    lots = pd.concat(lot_rows, ignore_index=True) if lot_rows else \
        pd.DataFrame(columns=LOT_HOUR_COLUMNS)
    return ParkingHours(pd.DataFrame(zone_rows, columns=ZONE_HOUR_COLUMNS),
                        lots[LOT_HOUR_COLUMNS])


def short_hours(day: pd.DataFrame, least: float = 0.5
                ) -> tuple[list[int], int | None]:
    """The hours of a zone's day (:meth:`ParkingHours.zone`) with at least
    ``least`` spaces unmet, and the hour of the most unmet (None: never
    short)."""
    short = day.loc[day["unmet"] >= least, "hour"].astype(int).tolist()
    if not short:
        return [], None
    return short, int(day.loc[day["unmet"].idxmax(), "hour"])
