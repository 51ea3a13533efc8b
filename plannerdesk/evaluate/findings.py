"""Findings in plain language, written from the evaluators' numbers, each
with its recommendation where the plan can remedy it."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ..model.language import tr, tr_n
from ..model.lot_access import is_private
from ..model.words import human
from . import finding_kinds as K
from .context import NO_ZONE
from .coverage import people_measure
from .encounter import PAIR_MARK
from .islands import PLACE_KINDS, held, metres
from .parking_hours import DAYS
from .run import Results
from .shape import SITE_ROW
from .walkability import weighted_by

KEY_TARGETS = ("public_points", "public_lines", "public_areas")
MOST_PAIRS = 4   # pairs of subject types named one by one


class Finding(NamedTuple):
    """One sentence on the plan, and what would remedy it ('' for a
    figure with nothing to remedy)."""

    text: str
    remedy: str = ""
    kind: str = ""      # a key of finding_kinds.KINDS
    subject: str = ""   # what of that kind it names (a group, a pair)

    def __str__(self) -> str:
        return self.text


def findings(results: Results) -> list[Finding]:
    """The findings that have a remedy first (the shortfalls), then the
    figures; per evaluator in a fixed order, most telling first."""
    out: list[Finding] = _study_area(results)
    if results.parking is not None:
        out += _parking(results)
    if results.parking_hours is not None:
        out += _parking_hours(results)
    if results.coverage is not None:
        out += _groups(results) + _coverage(results)
    if results.walkability is not None:
        out += _walk(results)
    if results.network_form is not None:
        out += _form(results)
    if results.space_syntax is not None:
        out += _syntax(results)
    if results.exchange is not None:
        out += _exchange(results)
    if results.encounter is not None:
        out += _encounter(results)
    out += _islands(results)
    return [f for f in out if f.remedy] + [f for f in out if not f.remedy]


def headline(results: Results) -> str:
    """The findings as a bulleted list, each remedy on the line below."""
    return "\n".join(f"- {f.text}" + ("\n  " + tr(
        "Recommendation: {remedy}").format(remedy=f.remedy) if f.remedy
        else "") for f in results.findings)


def _study_area(results: Results) -> list[Finding]:
    area = results.context.study_area
    if area.is_site or area.geometry is None:
        return []
    return [Finding(
        tr("No site is drawn: every figure covers {source} ({ha:,.1f} ha)")
        .format(source=area.words, ha=area.geometry.area / 1e4),
        tr("Draw the site boundary to measure the site itself"), K.NO_SITE)]


def _islands(results: Results) -> list[Finding]:
    """The places on walkway islands, and where their links are missing."""
    parts = results.context.islands.parts
    placed = parts[parts[list(PLACE_KINDS)].sum(axis=1) > 0]
    if placed.empty:
        return []
    worst = placed.sort_values(list(PLACE_KINDS), ascending=False).head(3)
    where = tr("; ").join(
        tr("near {near} ({gap} from the main network)").format(
            near=row.near, gap=metres(row.gap_m))
        for row in worst.itertuples())
    counts = placed[list(PLACE_KINDS)].sum()
    return [Finding(
        tr("{held} sit on {islands} of the {parts} walkway islands (parts of "
           "the network cut off from the rest), so their walks end there")
        .format(held=held(counts), islands=len(placed), parts=len(parts)),
        tr("Draw the missing walkway links {where}").format(where=where),
        K.ISLANDS)]


def _pct(value) -> str:
    return tr("n/a") if value is None or pd.isna(value) else f"{value:.0%}"


def _parking(results: Results) -> list[Finding]:
    p = results.parking
    settings = results.context.plan.settings.parking
    limit = settings.walk_limit_m
    lines = []
    for zone in p.per_zone.itertuples():
        if zone.flag != "deficit":
            continue
        text = tr("{zone}: {unmet:,.0f} parking spaces short within a "
                  "{limit:.0f} m walk (demand {demand:,.0f}, reachable "
                  "supply {supply:,.0f})").format(
            zone=zone.zone, unmet=zone.unmet, limit=limit,
            demand=zone.demand, supply=zone.reachable_supply)
        offers = p.suggestions[(p.suggestions["zone"] == zone.zone)
                               & (p.suggestions["idle"]
                                  >= settings.offer_idle_min)]
        if len(offers):
            best = offers.sort_values("idle", ascending=False).iloc[0]
            remedy = tr(
                "Build or open {unmet:,.0f} spaces within {limit:.0f} m of "
                "{zone}'s buildings; {lot} has {idle:,.0f} spaces idle "
                "{distance:,.0f} m away, which a shuttle or shared use "
                "could bring in").format(
                unmet=zone.unmet, limit=limit, zone=zone.zone,
                lot=best["lot"], idle=best["idle"],
                distance=best["distance_m"])
        else:
            remedy = tr("Build or open {unmet:,.0f} spaces within "
                        "{limit:.0f} m of {zone}'s buildings").format(
                unmet=zone.unmet, limit=limit, zone=zone.zone)
        lines.append(Finding(text, remedy, K.PARKING_SHORT))
    for zone in p.per_zone.itertuples():
        if zone.flag == "surplus":
            used = 1 - zone.idle / zone.supply if zone.supply else 0
            remedy = tr(
                "{unmet:,.0f} spaces of {zone}'s own demand are unmet: its "
                "idle lots lie beyond the walk limit of those buildings. "
                "Link them with walkways, or build closer and give the idle "
                "spaces over to other uses").format(
                unmet=zone.unmet, zone=zone.zone) if zone.unmet >= 0.5 else \
                tr("Share {zone}'s idle spaces with the zones short of "
                   "parking, or give them over to other uses").format(
                    zone=zone.zone)
            lines.append(Finding(
                tr("{zone}: {idle:,.0f} parking spaces idle (its lots "
                   "{used:.0%} used)").format(zone=zone.zone, idle=zone.idle,
                                             used=used), remedy,
                K.PARKING_IDLE))
    private, supply = p.site["private_supply"], p.site["supply"]
    if private > 0:
        share = private / supply
        shown = f"{share:.0%}" if share >= 0.01 else f"{share:.1%}"
        lines.append(Finding(tr(
            "{private:,.0f} of {supply:,.0f} parking spaces ({share}) are in "
            "private lots, which serve only the buildings they belong to")
            .format(private=private, supply=supply, share=shown),
            kind=K.PRIVATE_PARKING))
    if p.site["mismatch_index"] is not None:
        lines.append(Finding(tr(
            "Parking mismatch index {index:.2f} (0 = every space demanded "
            "is met by a space used)").format(index=p.site["mismatch_index"]),
            kind=K.MISMATCH))
    return lines


def _parking_hours(results: Results) -> list[Finding]:
    """The zones short of parking at some hours, when, and the public and
    shared lots never half full on a weekday."""
    h = results.parking_hours
    out = []
    for zone in h.per_zone.itertuples():
        if not zone.weekday_short_hours and not zone.saturday_short_hours:
            continue
        days = [tr("{spans} on a {day}, most at {hour} ({unmet:,.0f} "
                   "spaces unmet)").format(
            spans=_spans(getattr(zone, f"{day}_short_spans")),
            day=human(day), hour=getattr(zone, f"{day}_peak_hour"),
            unmet=getattr(zone, f"{day}_peak_unmet"))
            for day in DAYS if getattr(zone, f"{day}_short_hours")]
        out.append(Finding(tr("{zone} is short of parking {days}").format(
            zone=zone.zone, days=tr("; ").join(days)), kind=K.HOURS_SHORT))
    settings = results.context.plan.settings.parking
    lots = h.lots[h.lots["day"] == "weekday"].set_index("lot")
    shared = ~is_private(results.context.lots.reindex(lots.index))
    quiet = lots[shared.to_numpy() & (lots["peak_occupancy"]
                                      < settings.surplus_use)
                 & (lots["capacity"] - lots["peak_used"]
                    >= settings.offer_idle_min)].sort_values("peak_occupancy")
    if len(quiet):
        named = [tr("{lot} ({share:.0%} at {hour})").format(
            lot=lot.name, share=lot.peak_occupancy, hour=lot.peak_hour)
            for lot in quiet.head(3).itertuples()]
        more = len(quiet) - len(named)
        out.append(Finding(
            tr_n("A public or shared lot is never more than {share:.0%} full "
                 "on a weekday: {lots}",
                 "{n} public or shared lots are never more than {share:.0%} "
                 "full on a weekday: {lots}", len(quiet)).format(
                n=len(quiet), share=settings.surplus_use,
                lots=", ".join(named) + (tr(" and {n} more").format(n=more)
                                         if more else "")),
            tr("Offer the spare spaces of these lots to the zones short at "
               "those hours; the parking finder lists them for any hour"),
            K.QUIET_LOTS))
    return out


def _spans(text: str) -> str:
    """``"06:00-09:00, 17:00-19:00"`` in words."""
    if text == "00:00-24:00":
        return tr("all day")
    return tr(", ").join(tr("{start} to {end}").format(start=a, end=b)
                         for a, b in (span.split("-")
                                      for span in text.split(", ")))


def _syntax(results: Results) -> list[Finding]:
    """The most and the least integrated zones."""
    s = results.space_syntax
    zones = s.per_zone.dropna(subset=["integration"])
    zones = zones[zones["zone"] != NO_ZONE]
    if len(zones) < 2 or not s.radii:
        return []
    most = zones.loc[zones["integration"].idxmax()]
    least = zones.loc[zones["integration"].idxmin()]
    return [Finding(tr(
        "Within {radius:,.0f} m, {most} is the most integrated zone "
        "(angular integration {high:.2f}: reached with the fewest turns) "
        "and {least} the least ({low:.2f})").format(
        radius=max(s.radii), most=most["zone"], high=most["integration"],
        least=least["zone"], low=least["integration"]),
        kind=K.SYNTAX_ZONES)]


def _encounter(results: Results) -> list[Finding]:
    """Pairs of subject types no exchange space brings together, zones
    whose subjects cannot meet another type, and the space hosting the
    most encounters."""
    e, settings = results.encounter, results.context.plan.settings.exchange
    near, limit = settings.encounter_minutes, settings.walk_minutes
    out = []
    apart = e.pairs[e.pairs["co_accessible_spaces"] == 0]
    for pair in apart.head(MOST_PAIRS).itertuples():
        words = {"a": human(pair.type_a), "b": human(pair.type_b),
                 "minutes": near, "metres": pair.closest_walk_m}
        text = tr("No exchange space is within a {minutes:.0f}-minute walk "
                  "of both {a} and {b} buildings").format(**words)
        remedy = tr("Add an exchange space (a cafe, a meeting room, a "
                    "square) between the closest {a} and {b} buildings, "
                    "{metres:,.0f} m apart").format(**words) \
            if pair.closest_walk_m is not None and \
            not pd.isna(pair.closest_walk_m) else tr(
                "The {a} and {b} buildings are more than a {limit:.0f}-minute "
                "walk apart: add a walkway link and an exchange space "
                "between them").format(limit=limit, **words)
        out.append(Finding(text, remedy, K.PAIR_APART,
                           f"{pair.type_a}{PAIR_MARK}{pair.type_b}"))
    if len(apart) > MOST_PAIRS:
        out.append(Finding(tr("{n} more pairs of subject types share no "
                              "exchange space within a {minutes:.0f}-minute "
                              "walk").format(n=len(apart) - MOST_PAIRS,
                                             minutes=near),
                           kind=K.MORE_PAIRS_APART))
    for zone in e.per_zone.itertuples():
        if zone.pairs_unmet:
            pairs = tr("; ").join(tr("{a} and {b}").format(
                a=human(a), b=human(b)) for a, b in (
                p.split(PAIR_MARK) for p in zone.unmet_pairs.split("; ")))
            out.append(Finding(tr(
                "{zone}: subjects cannot meet at any exchange space within "
                "a {minutes:.0f}-minute walk: {pairs}").format(
                zone=zone.zone, minutes=limit, pairs=pairs),
                kind=K.ZONE_PAIRS_APART))
    best = e.spaces.sort_values("encounter_potential", ascending=False)
    if len(best) and best["encounter_potential"].iloc[0] > 0:
        top = best.iloc[0]
        share = top["flow_share"]
        out.append(Finding(tr(
            "{space} hosts the most encounters: {types} subject types within "
            "a {minutes:.0f}-minute walk; {share} of the walking between "
            "subjects of different types can pass it").format(
            space=top["name"] if isinstance(top["name"], str) and
            top["name"] else human(top["kind"]), types=top["types_within"],
            minutes=near, share=_pct(share)), kind=K.BEST_SPACE))
    return out


def _groups(results: Results) -> list[Finding]:
    """A finding for each group of facilities the district lacks, with
    where one would serve the most people."""
    table = results.coverage.groups
    if table.empty:
        return []
    settings = results.context.plan.settings.coverage
    share, people = people_measure(table)
    employees = share == "share_employees"
    without = "employees_without" if employees else "gfa_without"
    lines = []
    for group, rows in table.groupby("group", sort=False):
        site = rows[rows["zone"] == SITE_ROW].iloc[0]
        if pd.notna(site[share]) and site[share] >= settings.group_min_share:
            continue
        zones = rows[rows["zone"] != SITE_ROW].sort_values(
            without, ascending=False)
        kinds = settings.groups[group]
        named = tr(", ").join(human(k) for k in kinds)
        text = (tr("{group} are lacking: {share} of {people} are within the "
                   "service walk of one ({kinds})") if site["present"] else
                tr("The plan has no {group} ({kinds})")).format(
            group=human(group), share=_pct(site[share]), people=tr(people),
            kinds=named)
        remedy = ""
        if len(zones) and zones.iloc[0][without] > 0:
            best = zones.iloc[0]
            radii = sorted({settings.radii_m[k] for k in kinds
                            if k in settings.radii_m})
            amount = (tr("{n:,.0f} employees") if employees else
                      tr("{n:,.0f} m² of floor area")).format(n=best[without])
            remedy = tr("Add one of them ({kinds}) in {zone}, where "
                        "{amount} have none within {radius}").format(
                kinds=named, zone=best["zone"], amount=amount,
                radius=_walk_of(radii))
        lines.append(Finding(
            text[:1].upper() + text[1:], remedy,
            K.GROUP_LACKING if site["present"] else K.GROUP_MISSING, group))
    return lines


def _walk_of(radii: list[float]) -> str:
    """'a 300 m walk', 'a 300–500 m walk', or 'its service walk'."""
    if not radii:
        return tr("its service walk")
    shown = "–".join(f"{r:.0f}" for r in dict.fromkeys([radii[0], radii[-1]]))
    return tr("a {radius} m walk").format(radius=shown)


def _coverage(results: Results) -> list[Finding]:
    table = results.coverage.table
    share, people = people_measure(table)
    lines = []
    for target in [t for t in KEY_TARGETS if t in table.index] + \
            list(table.drop(index=list(KEY_TARGETS), errors="ignore")
                 .sort_values(share).index[:3]):
        row = table.loc[target]
        lines.append(Finding(tr(
            "{target} within {radius:.0f} m ({method} walk): {site} of the "
            "site, {share} of {people}").format(
            target=human(target).capitalize(), radius=row["radius_m"],
            method=tr(row["method"]), site=_pct(row["share_site_area"]),
            share=_pct(row[share]), people=tr(people)),
            kind=K.COVERAGE, subject=target))
    return lines


def _walk(results: Results) -> list[Finding]:
    w = results.walkability
    if w.score is None:
        return []
    return [Finding(tr("Walk score {score:.0f} ({band}), weighted by {by}")
                    .format(score=w.score, band=human(w.band),
                            by=weighted_by(results.context.buildings)),
                    kind=K.WALK_SCORE)]


def _form(results: Results) -> list[Finding]:
    form = results.network_form.site
    settings = results.context.plan.settings.walk
    density = form["intersection_density_per_km2"]
    if density is None:
        return []
    block = form["mean_block_length_m"]
    text = tr("{density:.0f} intersections per km² (LEED ND: at least "
              "{minimum:.0f})").format(
        density=density, minimum=settings.intersection_density_min)
    if block is not None:
        text += tr(", mean block length {block:.0f} m").format(block=block)
    remedy = "" if density >= settings.intersection_density_min else tr(
        "Add walkway links through the longest blocks: about {more:.0f} "
        "more intersections per km² reach the LEED ND minimum").format(
        more=settings.intersection_density_min - density)
    return [Finding(text, remedy,
                    K.FEW_INTERSECTIONS if remedy else K.INTERSECTIONS)]


def _exchange(results: Results) -> list[Finding]:
    e = results.exchange
    site, zones = e.site, e.per_zone
    if not site["subjects"]:
        return []
    minutes = results.context.plan.settings.exchange.walk_minutes
    text = tr("{share} of innovation subjects are within a {minutes:.0f}-"
              "minute walk ({limit:.0f} m) of an exchange space").format(
        share=_pct(site["share_exchange_within_limit"]), minutes=minutes,
        limit=e.limit_m)
    remedy = ""
    ranked = zones.dropna(subset=["share_exchange_within_limit"])
    if len(ranked):
        worst = ranked.sort_values("share_exchange_within_limit").iloc[0]
        text += tr("; lowest in {zone} ({share})").format(
            zone=worst["zone"], share=_pct(worst["share_exchange_within_limit"]))
        lacking = results.context.plan.settings.coverage.group_min_share
        if worst["share_exchange_within_limit"] < lacking:
            remedy = tr("Add an exchange space (a meeting room, an incubator "
                        "or a public space where people meet) in {zone}, "
                        "within {limit:.0f} m of its innovation subjects"
                        ).format(zone=worst["zone"], limit=e.limit_m)
    return [Finding(text, remedy,
                    K.EXCHANGE_FAR if remedy else K.EXCHANGE_REACH)]
