"""Findings in plain language, written from the evaluators' numbers."""

from __future__ import annotations

import pandas as pd

from ..model.words import human
from .coverage import people_measure
from .islands import PLACE_KINDS, held, metres
from .run import Results
from .shape import SITE_ROW
from .walkability import weighted_by

KEY_TARGETS = ("public_points", "public_lines", "public_areas")


def findings(results: Results) -> list[str]:
    """One sentence per notable figure, most telling first per evaluator."""
    out: list[str] = _study_area(results)
    if results.parking is not None:
        out += _parking(results)
    if results.coverage is not None:
        out += _coverage(results) + _groups(results)
    if results.walkability is not None:
        out += _walk(results)
    if results.network_form is not None:
        out += _form(results)
    if results.exchange is not None:
        out += _exchange(results)
    return out + _islands(results)


def _study_area(results: Results) -> list[str]:
    area = results.context.study_area
    if area.is_site or area.geometry is None:
        return []
    return [f"No site is drawn: every figure covers {area.source} "
            f"({area.geometry.area / 1e4:,.1f} ha); draw the site to measure "
            "the site itself"]


def _islands(results: Results) -> list[str]:
    """The places on walkway islands, and where their links are missing."""
    parts = results.context.islands.parts
    placed = parts[parts[list(PLACE_KINDS)].sum(axis=1) > 0]
    if placed.empty:
        return []
    worst = placed.sort_values(list(PLACE_KINDS), ascending=False).head(3)
    where = "; ".join(f"near {row.near} ({metres(row.gap_m)} from the main "
                      "network)" for row in worst.itertuples())
    counts = placed[list(PLACE_KINDS)].sum()
    return [f"{held(counts)} sit on {len(placed)} of the "
            f"{len(parts)} walkway islands (parts of the network cut off "
            "from the rest), so their walks end there: look for a missing "
            f"link {where}"]


def headline(results: Results) -> str:
    return "\n".join(f"- {line}" for line in results.findings)


def _pct(value) -> str:
    return "n/a" if value is None or pd.isna(value) else f"{value:.0%}"


def _parking(results: Results) -> list[str]:
    p = results.parking
    settings = results.context.plan.settings.parking
    limit = settings.walk_limit_m
    lines = []
    for zone in p.per_zone.itertuples():
        if zone.flag == "deficit":
            text = (f"{zone.zone}: {zone.unmet:,.0f} parking spaces short "
                    f"within a {limit:.0f} m walk (demand {zone.demand:,.0f}, "
                    f"reachable supply {zone.reachable_supply:,.0f})")
            offers = p.suggestions[(p.suggestions["zone"] == zone.zone)
                                   & (p.suggestions["idle"]
                                      >= settings.offer_idle_min)]
            if len(offers):
                best = offers.sort_values("idle", ascending=False).iloc[0]
                text += (f"; {best['lot']}: {best['idle']:,.0f} spaces idle, "
                         f"{best['distance_m']:,.0f} m away")
            lines.append(text)
    for zone in p.per_zone.itertuples():
        if zone.flag == "surplus":
            used = 1 - zone.idle / zone.supply if zone.supply else 0
            lines.append(f"{zone.zone}: {zone.idle:,.0f} parking spaces idle "
                         f"(its lots {used:.0%} used)")
    private, supply = p.site["private_supply"], p.site["supply"]
    if private > 0:
        share = private / supply
        shown = f"{share:.0%}" if share >= 0.01 else f"{share:.1%}"
        lines.append(f"{private:,.0f} of {supply:,.0f} parking spaces "
                     f"({shown}) are in private lots, which serve only the "
                     "buildings they belong to")
    if p.site["mismatch_index"] is not None:
        lines.append(f"Parking mismatch index {p.site['mismatch_index']:.2f} "
                     f"(0 = every space demanded is met by a space used)")
    return lines


def _groups(results: Results) -> list[str]:
    """A finding for each group of facilities the district lacks, with
    where one would serve the most people."""
    table = results.coverage.groups
    if table.empty:
        return []
    minimum = results.context.plan.settings.coverage.group_min_share
    share, people = people_measure(table)
    employees = share == "share_employees"
    without = "employees_without" if employees else "gfa_without"
    lines = []
    for group, rows in table.groupby("group", sort=False):
        site = rows[rows["zone"] == SITE_ROW].iloc[0]
        if pd.notna(site[share]) and site[share] >= minimum:
            continue
        zones = rows[rows["zone"] != SITE_ROW].sort_values(
            without, ascending=False)
        kinds = results.context.plan.settings.coverage.groups[group]
        named = ", ".join(human(k) for k in kinds)
        text = (f"{group[0].upper()}{group[1:]} are lacking: "
                f"{_pct(site[share])} of {'' if employees else 'the '}{people} "
                f"are within the service walk of one ({named})"
                if site["present"] else
                f"The plan has no {group} ({named})")
        if len(zones) and zones.iloc[0][without] > 0:
            best = zones.iloc[0]
            amount = f"{best[without]:,.0f} employees" if employees else \
                f"{best[without]:,.0f} m2 of floor area"
            text += (f"; one in {best['zone']} would serve the most: "
                     f"{amount} there have none within its walk")
        lines.append(text)
    return lines


def _coverage(results: Results) -> list[str]:
    table = results.coverage.table
    share, people = people_measure(table)
    lines = []
    for target in [t for t in KEY_TARGETS if t in table.index] + \
            list(table.drop(index=list(KEY_TARGETS), errors="ignore")
                 .sort_values(share).index[:3]):
        row = table.loc[target]
        lines.append(f"{target.replace('_', ' ').capitalize()} within "
                     f"{row['radius_m']:.0f} m ({row['method']} walk): "
                     f"{_pct(row['share_site_area'])} of the site, "
                     f"{_pct(row[share])} of {people}")
    return lines


def _walk(results: Results) -> list[str]:
    w = results.walkability
    if w.score is None:
        return []
    return [f"Walk score {w.score:.0f} ({w.band}), weighted by "
            + weighted_by(results.context.buildings)]


def _form(results: Results) -> list[str]:
    form = results.network_form.site
    settings = results.context.plan.settings.walk
    if form["intersection_density_per_km2"] is None:
        return []
    block = form["mean_block_length_m"]
    return [f"{form['intersection_density_per_km2']:.0f} intersections per "
            f"km2 (LEED ND: at least {settings.intersection_density_min:.0f})"
            + ("" if block is None else f", mean block length {block:.0f} m")]


def _exchange(results: Results) -> list[str]:
    e = results.exchange
    site, zones = e.site, e.per_zone
    if not site["subjects"]:
        return []
    minutes = results.context.plan.settings.exchange.walk_minutes
    line = (f"{_pct(site['share_exchange_within_limit'])} of innovation "
            f"subjects are within a {minutes:.0f}-minute walk "
            f"({e.limit_m:.0f} m) of an exchange space")
    ranked = zones.dropna(subset=["share_exchange_within_limit"])
    if len(ranked):
        worst = ranked.sort_values("share_exchange_within_limit").iloc[0]
        line += (f"; lowest in {worst['zone']} "
                 f"({_pct(worst['share_exchange_within_limit'])})")
    return [line]
