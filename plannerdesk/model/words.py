"""Keys as the planner reads them: ``meeting_room`` is "meeting room",
``gfa_m2`` is "floor area (m²)", ``walk.speed_m_per_min`` is "walking
speed". Every list, combo, form and table shows these; the keys stay in
files and results."""

from __future__ import annotations

from .language import N_, tr

FIELD_WORDS = {
    "gfa_m2": N_("floor area (m²)"), "name_zh": N_("name (Chinese)"),
    "employees": N_("employees"), "floors": N_("floors"), "use": N_("use"),
    "subject": N_("innovation subject"), "capacity": N_("capacity (spaces)"),
    "access": N_("access"), "serves": N_("serves (building names)"),
    "walkable": N_("walkable"), "open": N_("open to the public"),
    "created": N_("created"), "photo": N_("photo"),
    "scenario": N_("made in scenario"),
    "saturday": N_("Saturday"),
}

#: Every key a list, legend or finding shows, in words: the layers, fields
#: and vocabularies of the schema, the facility categories and groups, the
#: walk score bands and parking flags (a test checks none is missing).
VOCABULARY = (
    N_('access'),
    N_('apartment'),
    N_('author'),
    N_('bank'),
    N_('book bar'),
    N_('bridge'),
    N_('buildings'),
    N_('bus stop'),
    N_('cafe'),
    N_('capacity'),
    N_('category'),
    N_('clinic'),
    N_('commercial'),
    N_('convenience'),
    N_('corridor'),
    N_('courtyard'),
    N_('coworking'),
    N_('created'),
    N_('crossing'),
    N_('cultural'),
    N_('education'),
    N_('employees'),
    N_('enterprise'),
    N_('entry forecourt'),
    N_('facilities'),
    N_('finance'),
    N_('fitness'),
    N_('floors'),
    N_('government'),
    N_('government service'),
    N_('greenway'),
    N_('hotel'),
    N_('incubator'),
    N_('intermediary'),
    N_('intersection plaza'),
    N_('kind'),
    N_('lane'),
    N_('lecture hall'),
    N_('leisure and sport facilities'),
    N_('meeting room'),
    N_('metro station'),
    N_('mixed'),
    N_('name'),
    N_('node green'),
    N_('none'),
    N_('office'),
    N_('on street'),
    N_('other'),
    N_('park'),
    N_('parking'),
    N_('path'),
    N_('places to eat and drink'),
    N_('plaza'),
    N_('pocket park'),
    N_('private'),
    N_('public'),
    N_('public areas'),
    N_('public green'),
    N_('public lines'),
    N_('public points'),
    N_('research institute'),
    N_('residential'),
    N_('resolved'),
    N_('restaurant'),
    N_('review notes'),
    N_('rnd'),
    N_('rooftop garden'),
    N_('shared'),
    N_('shops and services'),
    N_('site'),
    N_('sports ground'),
    N_('square'),
    N_('station'),
    N_('status'),
    N_('street'),
    N_('structure'),
    N_('supermarket'),
    N_('surface'),
    N_('text'),
    N_('tram stop'),
    N_('tunnel'),
    N_('type'),
    N_('underground'),
    N_('university'),
    N_('walkways'),
    N_('waterfront trail'),
    N_('zones'),
    N_('gfa'), N_('weekday'), N_('saturday'),
    N_('assumed'), N_('levels'), N_('height'), N_('tagged'), N_('estimated'),
    N_('unknown'),
    N_("walker's paradise"),
    N_('very walkable'),
    N_('somewhat walkable'),
    N_('car-dependent'),
    N_('almost all errands need a car'),
    N_('deficit'),
    N_('surplus'),
    N_('balanced'),
    N_('network'),
    N_('straight'),
    N_('floor area'),
    N_('open'),
    N_('whole site'),
)

#: Each evaluator parameter (as ``settings.parameter_table`` lists them)
#: in words; ``coverage.radii_m.*`` and ``parking.rates_per_100m2.*`` are
#: named with their category (:data:`PARAMETER_GROUPS`).
PARAMETER_WORDS = {
    "coverage.method": N_("coverage measured along walks or straight"),
    "coverage.cell_m": N_("size of the cells sampling the site"),
    "walk.syntax_radii_m": N_("radii of angular integration and choice"),
    "coverage.candidate_spacing_m": N_("spacing of the candidates for "
                                       "suggested places"),
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
    "exchange.encounter_minutes": N_("walk within which a space hosts "
                                     "encounters"),
    "exchange.encounter_decay_m": N_("walk over which the chance of "
                                     "meeting falls by e"),
}
PARAMETER_GROUPS = {"coverage.radii_m": N_("service walk: {key}"),
                    "parking.rates_per_100m2": N_("parking rate: {key}")}


def human(key: object) -> str:
    """``key`` in words (a field's label, or any key with its
    underscores as spaces), in the current language."""
    text = str(key)
    return tr(FIELD_WORDS.get(text, text.replace("_", " ")))


def value_words(value: object) -> str:
    """A vocabulary value (``meeting_room``, ``open``) in words, in the
    current language (a value, not a field: ``open`` is a note's status)."""
    return tr(str(value).replace("_", " "))


def parameter_name(key: str) -> str:
    """An evaluator parameter (``walk.speed_m_per_min``) in words."""
    if key in PARAMETER_WORDS:
        return tr(PARAMETER_WORDS[key])
    group, _, last = key.rpartition(".")
    if group in PARAMETER_GROUPS:
        return tr(PARAMETER_GROUPS[group]).format(key=human(last))
    return human(key)
