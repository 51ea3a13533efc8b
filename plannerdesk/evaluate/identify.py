"""Every result that concerns one feature, in words: what the app shows
for the selected building or parking lot."""

from __future__ import annotations

import math

import pandas as pd

from ..model.words import human
from .map_classes import band_name
from .run import Results


def _m(value) -> str:
    return "none within reach" if value is None or pd.isna(value) else \
        f"{value:,.0f} m"


def identify(results: Results, layer: str, fid: int
             ) -> list[tuple[str, str]]:
    """(what, value) rows of the results for feature ``fid`` of ``layer``
    (a building or a parking lot); none for other layers."""
    if layer == "buildings":
        return _building(results, fid)
    if layer == "parking":
        return _lot(results, fid)
    return []


def _building(results: Results, fid: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    walk = results.walkability
    if walk is not None and fid in walk.buildings.index:
        row = walk.buildings.loc[fid]
        score = row["walk_score"]
        bands = results.context.plan.settings.walk.bands
        rows.append(("walk score", "none" if pd.isna(score) else
                     f"{score:.0f} ({band_name(float(score), bands)})"))
        walks = {c[len("dist_"):-len("_m")]: row[c] for c in row.index
                 if c.startswith("dist_") and c.endswith("_m")}
        for target, metres in sorted(walks.items(),
                                     key=lambda kv: (pd.isna(kv[1]),
                                                     kv[1])):
            rows.append((f"walk to {human(target)}", _m(metres)))
    cover = results.coverage
    if cover is not None and fid in cover.covered.index:
        within = cover.covered.loc[fid]
        rows.append(("within the service walk of",
                     ", ".join(human(t) for t in within.index[within])
                     or "nothing"))
    parking = results.parking
    if parking is not None and fid in parking.buildings.index:
        row = parking.buildings.loc[fid]
        rows.append(("parking demand", f"{row['parking_demand']:,.1f} "
                     f"spaces, {row['parking_served']:,.1f} served, "
                     f"{row['parking_unmet']:,.1f} unmet"))
        served = parking.allocation[parking.allocation["building"] == fid]
        names = parking.lots["name"]
        for lot in served.sort_values("spaces", ascending=False).itertuples():
            rows.append(("served by", f"{_name(names, lot.lot)}: "
                         f"{lot.spaces:,.1f} spaces, {lot.walk_m:,.0f} m"))
    exchange = results.exchange
    if exchange is not None and fid in exchange.buildings.index:
        row = exchange.buildings.loc[fid]
        rows.append(("innovation subject", human(row["subject"])))
        rows.append(("walk to an exchange space",
                     _m(row["walk_to_exchange_m"])))
    return rows


def _lot(results: Results, fid: int) -> list[tuple[str, str]]:
    parking = results.parking
    if parking is None or fid not in parking.lots.index:
        return []
    row = parking.lots.loc[fid]
    served = parking.allocation[parking.allocation["lot"] == fid]
    use = row["utilisation"]
    return [("capacity", f"{row['capacity']:,.0f} spaces"),
            ("used", f"{row['assigned']:,.1f} spaces" + (
                "" if pd.isna(use) or math.isinf(use) else f" ({use:.0%})")),
            ("idle", f"{row['idle']:,.1f} spaces"),
            ("serves", f"{served['building'].nunique()} buildings, "
             f"mean walk {served['walk_m'].mean():,.0f} m"
             if len(served) else "no building")]


def _name(names: pd.Series, fid: int) -> str:
    name = names.get(fid)
    return f"lot {fid}" if name is None or pd.isna(name) else str(name)
