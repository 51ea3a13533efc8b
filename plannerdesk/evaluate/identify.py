"""Every result that concerns one feature, in words: what the app shows
for the selected building or parking lot."""

from __future__ import annotations

import math

import pandas as pd

from ..model.language import tr
from ..model.words import human
from .map_classes import band_name, band_words
from .parking_hours import ParkingHours
from .run import Results


def _m(value) -> str:
    return tr("none within reach") if value is None or pd.isna(value) else \
        tr("{distance:,.0f} m").format(distance=value)


def identify(results: Results, layer: str, fid: int,
             at: tuple[ParkingHours, str, int] | None = None
             ) -> list[tuple[str, str]]:
    """(what, value) rows of the results for feature ``fid`` of ``layer``
    (a building or a parking lot), in the current language; none for
    other layers. ``at`` (hours, day, hour): a lot's use at that hour
    too."""
    if layer == "buildings":
        return _building(results, fid)
    if layer == "parking":
        return _lot(results, fid, at)
    return []


def _building(results: Results, fid: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    walk = results.walkability
    if walk is not None and fid in walk.buildings.index:
        row = walk.buildings.loc[fid]
        score = row["walk_score"]
        bands = results.context.plan.settings.walk.bands
        rows.append((tr("walk score"), tr("none") if pd.isna(score) else
                     tr("{score:.0f} ({band})").format(
                         score=score, band=band_words(
                             band_name(float(score), bands)))))
        walks = {c[len("dist_"):-len("_m")]: row[c] for c in row.index
                 if c.startswith("dist_") and c.endswith("_m")}
        for target, metres in sorted(walks.items(),
                                     key=lambda kv: (pd.isna(kv[1]),
                                                     kv[1])):
            rows.append((tr("walk to {target}").format(target=human(target)),
                         _m(metres)))
    cover = results.coverage
    if cover is not None and fid in cover.covered.index:
        within = cover.covered.loc[fid]
        rows.append((tr("within the service walk of"),
                     tr(", ").join(human(t) for t in within.index[within])
                     or tr("nothing")))
    parking = results.parking
    if parking is not None and fid in parking.buildings.index:
        row = parking.buildings.loc[fid]
        rows.append((tr("parking demand"), tr(
            "{demand:,.1f} spaces, {served:,.1f} served, {unmet:,.1f} "
            "unmet").format(demand=row["parking_demand"],
                            served=row["parking_served"],
                            unmet=row["parking_unmet"])))
        served = parking.allocation[parking.allocation["building"] == fid]
        names = parking.lots["name"]
        for lot in served.sort_values("spaces", ascending=False).itertuples():
            rows.append((tr("served by"), tr(
                "{lot}: {spaces:,.1f} spaces, {walk:,.0f} m").format(
                lot=_name(names, lot.lot), spaces=lot.spaces,
                walk=lot.walk_m)))
    exchange = results.exchange
    if exchange is not None and fid in exchange.buildings.index:
        row = exchange.buildings.loc[fid]
        rows.append((tr("innovation subject"), human(row["subject"])))
        rows.append((tr("walk to an exchange space"),
                     _m(row["walk_to_exchange_m"])))
    return rows


def _lot(results: Results, fid: int,
         at: tuple[ParkingHours, str, int] | None) -> list[tuple[str, str]]:
    parking = results.parking
    if parking is None or fid not in parking.lots.index:
        return []
    hourly = []
    if at is not None:
        hours, day, hour = at
        spare = hours.spare(day, hour)
        if fid in spare.index:
            capacity = float(parking.lots.loc[fid, "capacity"])
            hourly = [(tr("at {hour:02d}:00 on a {day}").format(
                hour=hour, day=human(day)), tr(
                "{used:,.0f} spaces used, {spare:,.0f} spare").format(
                used=capacity - spare[fid], spare=spare[fid]))]
    row = parking.lots.loc[fid]
    served = parking.allocation[parking.allocation["lot"] == fid]
    use = row["utilisation"]
    used = tr("{spaces:,.1f} spaces").format(spaces=row["assigned"]) \
        if pd.isna(use) or math.isinf(use) else \
        tr("{spaces:,.1f} spaces ({use:.0%})").format(spaces=row["assigned"],
                                                      use=use)
    return [(tr("capacity"), tr("{spaces:,.0f} spaces").format(
                spaces=row["capacity"])), *hourly,
            (tr("used at the peak"), used),
            (tr("idle at the peak"), tr("{spaces:,.1f} spaces").format(
                spaces=row["idle"])),
            (tr("serves"), tr("{buildings} buildings, mean walk {walk:,.0f} "
                              "m").format(
                buildings=served["building"].nunique(),
                walk=served["walk_m"].mean())
             if len(served) else tr("no building"))]


def _name(names: pd.Series, fid: int) -> str:
    name = names.get(fid)
    return tr("lot {fid}").format(fid=fid) if name is None or pd.isna(name) \
        else str(name)
