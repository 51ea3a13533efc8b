"""Keys as the planner reads them: ``meeting_room`` is "meeting room",
``gfa_m2`` is "floor area (m²)", ``walk.speed_m_per_min`` is "walking
speed". Every list, combo, form and table shows these; the keys stay in
files and results."""

from __future__ import annotations

from .language import N_, tr

FIELD_WORDS = {
    "gfa_m2": "floor area (m²)", "name_zh": "name (Chinese)",
    "employees": "employees", "floors": "floors", "use": "use",
    "subject": "innovation subject", "capacity": "capacity (spaces)",
    "access": "access", "serves": "serves (building names)",
    "walkable": "walkable", "open": "open to the public",
    "created": "created", "photo": "photo", "scenario": "made in scenario",
}


#: Each evaluator parameter (as ``settings.parameter_table`` lists them)
#: in words; ``coverage.radii_m.*`` and ``parking.rates_per_100m2.*`` are
#: named with their category (:data:`PARAMETER_GROUPS`).
PARAMETER_WORDS = {
    "coverage.method": N_("coverage measured along walks or straight"),
    "coverage.cell_m": N_("size of the cells sampling the site"),
    "coverage.max_cells": N_("most cells sampling the site"),
    "coverage.group_min_share": N_("share below which a facility group is "
                                   "lacking"),
    "walk.speed_m_per_min": N_("walking speed"),
    "walk.decay_full_m": N_("walk scored in full up to"),
    "walk.decay_zero_m": N_("walk scored zero beyond"),
    "walk.ped_shed_radius_m": N_("pedestrian shed radius"),
    "walk.ped_shed_good": N_("pedestrian shed ratio counted good"),
    "walk.intersection_density_min": N_("least intersection density"),
    "walk.intersection_density_good": N_("good intersection density"),
    "walk.block_length_good_m": N_("block length counted good"),
    "walk.block_length_poor_m": N_("block length counted poor"),
    "walk.directness_max": N_("most route directness counted good"),
    "walk.snap_tolerance_m": N_("walkway ends joined within"),
    "walk.tie_tolerance_m": N_("equal walks within"),
    "walk.island_max_nodes": N_("walkway island: fewer nodes than"),
    "walk.island_max_length_m": N_("walkway island: shorter than"),
    "walk.form_samples_per_zone": N_("network form: sample buildings per "
                                     "zone"),
    "walk.form_max_samples": N_("network form: most sample buildings"),
    "walk.directness_ring_min_m": N_("route directness measured from"),
    "walk.directness_ring_max_m": N_("route directness measured up to"),
    "walk.score_change_step": N_("walk score change shown from"),
    "parking.demand_basis": N_("parking demand counted from"),
    "parking.spaces_per_employee": N_("parking spaces per employee"),
    "parking.m2_per_employee": N_("floor area per employee"),
    "parking.walk_limit_m": N_("longest walk from a lot (employees)"),
    "parking.visitor_walk_m": N_("longest walk from a lot (visitors)"),
    "parking.search_walk_m": N_("idle lots searched within"),
    "parking.target_occupancy": N_("target occupancy of a lot"),
    "parking.m2_per_space_surface": N_("area per space, surface lot"),
    "parking.m2_per_space_garage": N_("area per space, garage"),
    "parking.use_profiles": N_("time-of-day profiles by use"),
    "parking.surplus_use": N_("zone in surplus below this use of its lots"),
    "parking.offer_idle_min": N_("idle spaces a lot needs to be offered"),
    "exchange.walk_minutes": N_("walk to an exchange space"),
    "exchange.targets": N_("what counts as an exchange space"),
}
PARAMETER_GROUPS = {"coverage.radii_m": N_("service walk: {key}"),
                    "parking.rates_per_100m2": N_("parking rate: {key}")}


def human(key: object) -> str:
    """``key`` in words (a field's label, or any key with its
    underscores as spaces), in the current language."""
    text = str(key)
    return tr(FIELD_WORDS.get(text, text.replace("_", " ")))


def parameter_name(key: str) -> str:
    """An evaluator parameter (``walk.speed_m_per_min``) in words."""
    if key in PARAMETER_WORDS:
        return tr(PARAMETER_WORDS[key])
    group, _, last = key.rpartition(".")
    if group in PARAMETER_GROUPS:
        return tr(PARAMETER_GROUPS[group]).format(key=human(last))
    return human(key)
