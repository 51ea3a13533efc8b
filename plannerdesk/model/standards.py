"""Default evaluator parameters and where each comes from.

A :class:`Standard` is a default value with its unit and source; ``proposal``
marks a reasonable planning default with no standard behind it (the UI and
the report label those). The values follow the project's STANDARDS notes:
GB 50180-2018 and GB/T 51346-2019 for life-circle and park coverage, Ker &
Ginn 2003 for transit stops, Walk Score for decay, weights and bands, LEED ND
2009 for intersection density, Ewing for block length, Dill 2004 for the
ped-shed ratio, Stangl 2017 for route directness, Shoup for the 85 %
occupancy target, ITE Journal 2018 (after ULI Shared Parking) for
time-of-day factors, and Smith & Butcher for parking walk distances.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .language import N_


@dataclass(frozen=True)
class Standard:
    """A default value, its unit and its source.

    ``unit`` and ``source`` are English keys of the catalogue where they
    hold words (marked with ``N_``): translate them where they are shown
    (:func:`plannerdesk.model.settings.parameter_table` does).
    """

    value: Any
    unit: str
    source: str
    proposal: bool = False


GB50180 = N_("GB 50180-2018, life-circle walking distances")
SEE_GREEN = N_("'300 m see green' park-planning rule (GB/T 51346-2019 "
               "practice)")
SEE_PARK = N_("'500 m see park': GB/T 51346-2019 cl. 4.3.4")
PROPOSAL = N_("PlannerDesk proposal")
WALK_SCORE = N_("Walk Score methodology")
PARKING_RULES = N_("Chinese city parking rules compilations (non-Beijing "
                   "rate)")
# Units in words (plain units such as m, m2 or /km2 need no translation).
CELLS = N_("cells")
RATIO = N_("ratio")
SPACES = N_("spaces")
RATE = N_("spaces/100 m2")
BUILDINGS = N_("buildings")


def _radius(value: float, source: str, proposal: bool = False) -> Standard:
    return Standard(float(value), "m", source, proposal)


COVERAGE_RADII: dict[str, Standard] = {
    # point spaces: small greens and forecourts, "300 m see green"
    **{k: _radius(300, SEE_GREEN) for k in (
        "node_green", "pocket_park", "intersection_plaza", "entry_forecourt",
        "courtyard", "rooftop_garden", "public_green")},
    **{k: _radius(500, SEE_PARK) for k in ("square", "park", "plaza")},
    "sports_ground": _radius(500, PROPOSAL, True),
    **{k: _radius(300, PROPOSAL, True) for k in (
        "street", "lane", "waterfront_trail", "greenway", "bridge",
        "corridor")},
    "public_points": _radius(300, SEE_GREEN),
    "public_lines": _radius(300, PROPOSAL, True),
    "public_areas": _radius(500, SEE_PARK),
    "cafe": _radius(300, PROPOSAL, True),
    "convenience": _radius(300, PROPOSAL, True),
    **{k: _radius(500, PROPOSAL, True) for k in (
        "restaurant", "fitness", "meeting_room", "lecture_hall", "book_bar",
        "coworking", "clinic", "bank", "apartment")},
    "supermarket": _radius(500, N_("GB 50180-2018, life-circle walking "
                                   "distances (10-minute circle, 500 m)")),
    "bus_stop": _radius(400, N_("Ker & Ginn 2003, 5-minute walk")),
    "tram_stop": _radius(400, N_("Ker & Ginn 2003, 5-minute walk (as a bus "
                                 "stop)")),
    "metro_station": _radius(800, N_("Ker & Ginn 2003, 10-minute walk")),
    "station": _radius(800, N_("Ker & Ginn 2003, 10-minute walk (a railway "
                               "station, as a metro station)")),
}

COVERAGE: dict[str, Standard] = {
    "method": Standard("network", "", N_("network walk, or straight-line "
                                         "distance")),
    "cell_m": Standard(25.0, "m", N_("PlannerDesk proposal: side of the "
                                     "square cells sampling the site for "
                                     "coverage and the ped shed"), True),
    "max_cells": Standard(20000.0, CELLS, N_("PlannerDesk proposal: on a "
                                             "larger site the cells grow so "
                                             "that there are no more than "
                                             "this many"), True),
    "candidate_spacing_m": Standard(25.0, "m", N_(
        "PlannerDesk proposal: where new places are suggested, a candidate "
        "every this many metres along the walkways and the edges of public "
        "spaces"), True),
    "group_min_share": Standard(0.5, N_("share of employees"), N_(
        "PlannerDesk proposal: a group of facilities is lacking when fewer "
        "employees than this are within the service walk of one of them"),
        True),
}

FACILITY_GROUPS = Standard({
    "leisure and sport facilities": ["fitness", "sports_ground"],
    "shops and services": ["convenience", "supermarket", "bank", "clinic"],
    "places to eat and drink": ["cafe", "restaurant"],
}, "", N_("PlannerDesk proposal: the groups of facilities an innovation "
          "district offers its people, after the life-circle service "
          "facilities of GB 50180-2018"), True)

WALK: dict[str, Standard] = {
    "speed_m_per_min": Standard(72.0, "m/min", N_(
        "1.2 m/s design walking speed; UK Manual for Streets (80 m/min "
        "option)")),
    "decay_full_m": Standard(400.0, "m", WALK_SCORE),
    "decay_zero_m": Standard(2400.0, "m", N_("Walk Score methodology "
                                             "(30-minute walk)")),
    "ped_shed_radius_m": Standard(400.0, "m", "Dill 2004"),
    "ped_shed_good": Standard(0.5, RATIO, N_("Dill 2004 measure; threshold "
                                             "0.5-0.6"), True),
    "intersection_density_min": Standard(54.0, "/km2", "LEED ND 2009 NPD p3"),
    "intersection_density_good": Standard(116.0, "/km2", "LEED ND 2009 NPD c6"),
    "block_length_good_m": Standard(90.0, "m", N_("Ewing, Pedestrian- and "
                                                  "Transit-Friendly Design")),
    "block_length_poor_m": Standard(180.0, "m", "Ewing"),
    "directness_max": Standard(1.5, RATIO, N_("Stangl 2017 (threshold)"),
                               True),
    "snap_tolerance_m": Standard(1.0, "m", N_("network joining tolerance"),
                                 True),
    "tie_tolerance_m": Standard(0.01, "m", N_(
        "a place joins every segment no farther than this beyond its "
        "nearest"), True),
    "island_max_nodes": Standard(50.0, N_("nodes"), N_(
        "a part of the network cut off from the main one, with fewer "
        "nodes, is a walkway island"), True),
    "island_max_length_m": Standard(500.0, "m", N_(
        "a part of the network cut off from the main one, shorter, is a "
        "walkway island"), True),
    "form_samples_per_zone": Standard(20.0, BUILDINGS, N_(
        "PlannerDesk proposal: buildings per zone whose walks give the "
        "ped-shed ratio and directness"), True),
    "form_max_samples": Standard(200.0, BUILDINGS, N_(
        "PlannerDesk proposal: most sample buildings in all"), True),
    "directness_ring_min_m": Standard(300.0, "m", N_(
        "PlannerDesk proposal, after Stangl 2017: route directness is "
        "measured to cells this far or farther"), True),
    "directness_ring_max_m": Standard(800.0, "m", N_(
        "PlannerDesk proposal, after Stangl 2017: ... and no farther than "
        "this"), True),
    "score_change_step": Standard(0.5, N_("points"), N_(
        "PlannerDesk proposal: a comparison lists the buildings whose walk "
        "score moved by this much or more"), True),
    "syntax_radii_m": Standard([400.0, 800.0], "m", N_(
        "PlannerDesk proposal: the radii of angular integration and choice "
        "(space syntax practice: 400 and 800 m for walking, Hillier, Yang & "
        "Turner 2012)"), True),
}

WALK_WEIGHTS = Standard({
    "grocery": [3.0],
    "restaurants": [0.75, 0.45, 0.25, 0.25, 0.225, 0.225, 0.225, 0.225,
                    0.2, 0.2],
    "shopping": [0.5, 0.45, 0.4, 0.35, 0.3],
    "coffee": [1.25, 0.75],
    "bank": [1.0], "park": [1.0], "school": [1.0], "books": [1.0],
    "entertainment": [1.0],
}, N_("weight"), N_("Walk Score methodology (as widely reproduced)"))

WALK_CATEGORY_TARGETS = Standard({
    "grocery": ["supermarket", "convenience"],
    "restaurants": ["restaurant"],
    "shopping": ["convenience", "supermarket"],
    "coffee": ["cafe"],
    "bank": ["bank"],
    "park": ["park", "square", "public_green", "pocket_park", "node_green"],
    "school": ["lecture_hall"],
    "books": ["book_bar"],
    "entertainment": ["fitness", "sports_ground"],
}, "", N_("mapping of PlannerDesk targets to Walk Score categories"), True)

WALK_BANDS = Standard([90.0, 70.0, 50.0, 25.0], N_("score"), WALK_SCORE)

PARKING_RATES: dict[str, Standard] = {
    **{use: Standard(1.0, RATE, PARKING_RULES) for use in (
        "office", "rnd", "incubator", "research_institute",
        "government_service", "commercial", "mixed")},
    "cultural": Standard(0.7, RATE, N_(
        "Chinese city parking rules compilations (non-Beijing rate) "
        "(entertainment, lower bound)")),
    "education": Standard(0.5, RATE, PROPOSAL, True),
    "residential": Standard(0.8, RATE, PROPOSAL, True),
    "hotel": Standard(0.5, RATE, PROPOSAL, True),
    "other": Standard(0.5, RATE, PROPOSAL, True),
}

PARKING: dict[str, Standard] = {
    "demand_basis": Standard("gfa", "", N_("GFA x rate by use; or "
                                           "employees")),
    "spaces_per_employee": Standard(
        0.2, SPACES, N_("1.0/100 m2 at 19-23 m2 per employee (Walker "
                        "Parking via CREJ)"), True),
    "m2_per_employee": Standard(21.0, "m2", N_("Walker Parking via CREJ "
                                               "(19-23 m2)")),
    "walk_limit_m": Standard(400.0, "m", N_("Smith & Butcher, Parking "
                                            "47(4): employees 365-460 m")),
    "visitor_walk_m": Standard(200.0, "m", N_("Smith & Butcher: visitors "
                                              "90-180 m (<= 200 m)")),
    "search_walk_m": Standard(800.0, "m", N_("PlannerDesk proposal: longer "
                                             "walk to lots with idle "
                                             "spaces"), True),
    "target_occupancy": Standard(0.85, RATIO, N_("Shoup, practical "
                                                 "capacity")),
    "m2_per_space_surface": Standard(25.0, "m2", N_("Chinese parking "
                                                    "design practice")),
    "m2_per_space_garage": Standard(30.0, "m2", N_("Chinese parking design "
                                                   "practice")),
    "use_profiles": Standard(False, "", N_("time-of-day profiles off by "
                                           "default")),
    "surplus_use": Standard(0.5, RATIO, N_(
        "PlannerDesk proposal: a zone whose own lots are less used than "
        "this is in surplus"), True),
    "offer_idle_min": Standard(50.0, SPACES, N_(
        "PlannerDesk proposal: a deficit zone's findings offer lots with "
        "this many idle spaces or more"), True),
}

PARKING_PROFILES = Standard({
    "office": {"weekday 10-11h": 1.0, "weekday 12-14h": 0.85,
               "weekday 15-16h": 0.9, "weekday 19-20h": 0.1,
               "Saturday midday": 0.2},
    "commercial": {"weekday 10-11h": 0.7, "weekday 12-14h": 0.85,
                   "weekday 15-16h": 0.75, "weekday 19-20h": 0.7,
                   "Saturday midday": 1.0},
}, N_("share of peak"), N_("ITE Journal 2018, following ULI Shared "
                           "Parking"))

#: Parking demand by hour (0:00 to 23:00) as a share of the peak, per use
#: family, a weekday and a Saturday. Office and retail pass through the
#: ITE Journal 2018 factors above (after ULI Shared Parking); the other
#: families follow the shapes of ULI Shared Parking's hourly tables.
DAYS = ("weekday", "saturday")   # the days PARKING_HOURS gives
PARKING_HOURS = Standard({
    "office": {"weekday": [0, 0, 0, 0, 0, 0, 0.03, 0.3, 0.75, 0.95, 1, 1, 0.85, 0.85, 0.95, 0.9, 0.9, 0.75, 0.4, 0.1, 0.07, 0.03, 0.01, 0],
               "saturday": [0, 0, 0, 0, 0, 0, 0, 0.03, 0.08, 0.15, 0.2, 0.2, 0.2, 0.18, 0.15, 0.12, 0.08, 0.05, 0.03, 0.02, 0.01, 0, 0, 0]},
    "commercial": {"weekday": [0, 0, 0, 0, 0, 0, 0, 0.05, 0.15, 0.35, 0.7, 0.75, 0.85, 0.85, 0.8, 0.75, 0.75, 0.8, 0.8, 0.7, 0.7, 0.45, 0.2, 0.05],
                   "saturday": [0, 0, 0, 0, 0, 0, 0, 0.05, 0.2, 0.45, 0.75, 0.9, 1, 1, 1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.65, 0.45, 0.25, 0.05]},
    "residential": {"weekday": [1, 1, 1, 1, 1, 0.98, 0.95, 0.85, 0.7, 0.6, 0.55, 0.5, 0.5, 0.5, 0.5, 0.5, 0.55, 0.65, 0.75, 0.85, 0.9, 0.95, 1, 1],
                    "saturday": [1, 1, 1, 1, 1, 1, 0.98, 0.95, 0.9, 0.8, 0.75, 0.7, 0.7, 0.7, 0.7, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97, 1, 1]},
    "hotel": {"weekday": [0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.9, 0.8, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.65, 0.7, 0.8, 0.85, 0.9, 0.95, 0.95, 0.95], "saturday": [0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.9, 0.8, 0.7, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.65, 0.7, 0.8, 0.85, 0.9, 0.95, 0.95, 0.95]},
    "cultural": {"weekday": [0, 0, 0, 0, 0, 0, 0, 0, 0.05, 0.2, 0.5, 0.7, 0.8, 0.9, 1, 1, 0.9, 0.8, 0.7, 0.8, 0.8, 0.5, 0.2, 0.05],
                 "saturday": [0, 0, 0, 0, 0, 0, 0, 0, 0.1, 0.3, 0.6, 0.8, 0.9, 1, 1, 1, 0.95, 0.85, 0.8, 0.85, 0.85, 0.6, 0.3, 0.05]},
    "education": {"weekday": [0, 0, 0, 0, 0, 0, 0.02, 0.2, 0.6, 0.9, 1, 1, 0.9, 0.9, 0.95, 0.9, 0.8, 0.6, 0.4, 0.35, 0.3, 0.15, 0.05, 0],
                  "saturday": [0, 0, 0, 0, 0, 0, 0, 0.02, 0.05, 0.12, 0.2, 0.25, 0.25, 0.22, 0.2, 0.15, 0.1, 0.05, 0.02, 0, 0, 0, 0, 0]},
}, N_("share of peak"), N_(
    "PlannerDesk proposal: hourly curves through the ITE Journal 2018 "
    "factors (after ULI Shared Parking) for office and retail, after ULI "
    "Shared Parking's hourly shapes for the others"), True)

#: The family whose hourly curve each building use follows.
PARKING_FAMILY = Standard({
    "office": "office", "rnd": "office", "incubator": "office",
    "research_institute": "office", "government_service": "office",
    "other": "office", "commercial": "commercial", "mixed": "commercial",
    "residential": "residential", "hotel": "hotel", "cultural": "cultural",
    "education": "education"}, "", N_(
    "PlannerDesk proposal: each use follows the nearest ULI Shared Parking "
    "land use"), True)

EXCHANGE: dict[str, Standard] = {
    "walk_minutes": Standard(10.0, "min", N_("source studies of innovation "
                                             "clusters: 10-minute walk")),
    "targets": Standard(
        ["square", "plaza", "waterfront_trail", "cafe", "book_bar",
         "meeting_room", "lecture_hall"], "", N_(
            "squares, waterfront trails, cafes, book bars, conference rooms "
            "and lecture halls (source studies of innovation clusters)")),
    "encounter_minutes": Standard(5.0, "min", N_(
        "PlannerDesk proposal: a space hosts encounters between the "
        "subjects within this walk; face-to-face contact falls off within "
        "a few hundred metres (Arzaghi & Henderson 2008; Roche 2020)"),
        True),
    "encounter_decay_m": Standard(200.0, "m", N_(
        "PlannerDesk proposal: the chance of meeting falls by e with each "
        "this many metres walked (exponential decay after Allen 1977; "
        "Atkin, Chen & Popov 2022)"), True),
}

OSM_IMPORT: dict[str, Standard] = {
    "storey_height_m": Standard(3.0, "m", N_(
        "storey height when OSM tags only a height (common practice; osmnx "
        "and OSM 3D renderers use 3 m)")),
}

OSM_ASSUMED_FLOORS: dict[str, Standard] = {
    use: Standard(float(floors), N_("floors"), N_(
        "PlannerDesk proposal: floors of an OSM building with neither "
        "levels nor height"), True)
    for use, floors in (
        ("office", 4), ("rnd", 4), ("incubator", 4), ("education", 3),
        ("research_institute", 3), ("government_service", 3),
        ("commercial", 2), ("residential", 4), ("hotel", 5), ("cultural", 2),
        ("mixed", 4), ("other", 2))
}
