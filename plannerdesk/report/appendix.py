"""The appendix: every per-zone figure (evaluate.run.zone_results), one
table per evaluator with the figures as rows and the zones as columns."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..evaluate.tables import zone_results
from ..model.language import N_, tr
from ..model.words import human
from .document import Document
from .layout import note_page
from .tables import Table, cell, flow, in_words

HEADING = N_("Appendix: figures by zone")
GROUPS = ((N_("Parking (spaces at the peak)"), "parking_"),
          (N_("Parking hour by hour"), "hours_"),
          (N_("Walk score and network form"), ""),
          (N_("Space syntax"), "syntax_"),
          (N_("Innovation exchange"), "exchange_"),
          (N_("Encounter potential"), "encounter_"),
          (N_("Coverage: share of the zone's area within the service walk"),
           "coverage_"))
PREFIXED = ("parking_", "hours_", "syntax_", "exchange_", "encounter_",
            "coverage_")
SHOWN_ELSEWHERE = {"encounter_unmet_pairs"}   # in words in its section
SYNTAX_MEASURES = {"integration": N_("angular integration"),
                   "choice": N_("angular choice")}
#: The zone figures in words (:func:`figure_title` spells out any other).
FIGURES = {
    "walk_score": N_("walk score"), "parking_supply": N_("supply"),
    "parking_demand": N_("demand"),
    "parking_reachable_supply": N_("reachable supply"),
    "parking_served": N_("served"), "parking_unmet": N_("unmet"),
    "parking_idle": N_("idle"),
    "parking_private_supply": N_("private supply"),
    "parking_mismatch_index": N_("mismatch index"),
    "parking_flag": N_("flag"),
    "hours_weekday_short_hours": N_("weekday: hours short"),
    "hours_weekday_short_spans": N_("weekday: short"),
    "hours_weekday_peak_hour": N_("weekday: worst hour"),
    "hours_weekday_peak_demand": N_("weekday: demand then"),
    "hours_weekday_peak_unmet": N_("weekday: unmet then"),
    "hours_weekday_peak_occupancy": N_("weekday: lots' busiest"),
    "hours_saturday_short_hours": N_("Saturday: hours short"),
    "hours_saturday_short_spans": N_("Saturday: short"),
    "hours_saturday_peak_hour": N_("Saturday: worst hour"),
    "hours_saturday_peak_demand": N_("Saturday: demand then"),
    "hours_saturday_peak_unmet": N_("Saturday: unmet then"),
    "hours_saturday_peak_occupancy": N_("Saturday: lots' busiest"),
    "area_km2": N_("area (km²)"),
    "intersections": N_("intersections"),
    "intersection_density_per_km2": N_("intersection density per km²"),
    "mean_block_length_m": N_("mean block length (m)"),
    "ped_shed_ratio": N_("ped shed ratio"),
    "route_directness": N_("route directness"),
    "exchange_subjects": N_("subjects"),
    "exchange_mean_walk_to_exchange_m": N_("mean walk to exchange (m)"),
    "exchange_share_exchange_within_limit":
        N_("share exchange within limit"),
    "exchange_share_open_exchange_within_limit":
        N_("share open exchange within limit"),
    "exchange_share_non_open_exchange_within_limit":
        N_("share non open exchange within limit"),
    "exchange_mean_subject_types_nearby": N_("mean subject types nearby"),
    "exchange_median_university_enterprise_m":
        N_("median university enterprise (m)"),
    "encounter_subject_types": N_("subject types"),
    "encounter_type_pairs": N_("pairs of subject types"),
    "encounter_co_accessible_pairs": N_("pairs sharing a space"),
    "encounter_pairs_unmet": N_("pairs that cannot meet"),
    "encounter_encounter_potential": N_("encounter potential"),
    "encounter_best_space": N_("most encounters")}


def appendix_pages(doc: Document) -> list[Figure]:
    """One table per group of zone figures, continued as needed."""
    frame = zone_results(doc.results).drop(columns="geometry")
    heading = tr(HEADING)
    if not len(frame):
        return [note_page(doc, heading, [tr(
            "The plan has no zones, so there are no figures by zone. Draw "
            "zones or import them with 'plannerdesk import PLAN FILE --as "
            "zones'.")])]
    zones = tuple(doc.zone(z) for z in frame["zone"])
    tables = []
    for caption, prefix in GROUPS:
        columns = [c for c in frame.columns if c != "zone" and
                   c not in SHOWN_ELSEWHERE and (
            c.startswith(prefix) if prefix else not c.startswith(PREFIXED))]
        if columns:
            rows = tuple((figure_title(c, prefix),
                          *(cell(in_words(v), figure_kind(c))
                            for v in frame[c]))
                         for c in columns)
            tables.append(Table(tr(caption), (tr("Figure"), *zones), rows,
                                (False, *(True,) * len(zones))))
    return flow(doc.sheet, heading, tables)


def figure_title(column: str, prefix: str) -> str:
    """'exchange_mean_walk_to_exchange_m' -> 'mean walk to exchange (m)',
    in the report's language."""
    if column in FIGURES:
        return tr(FIGURES[column])
    if prefix == "syntax_":   # integration_800 -> integration 800 m
        measure, _, radius = column.removeprefix(prefix).partition("_")
        return tr("{measure} {radius} m").format(
            measure=tr(SYNTAX_MEASURES[measure]), radius=radius) \
            if radius else tr(SYNTAX_MEASURES[measure])
    if prefix == "coverage_":   # a target's coverage
        return human(column.removeprefix(prefix))
    name = column.removeprefix(prefix)
    name = name.replace("_per_km2", " per km²").replace("_km2", " (km²)")
    if name.endswith("_m"):
        name = name[:-2] + " (m)"
    return name.replace("_", " ")


def figure_kind(column: str) -> str:
    """How a zone figure is printed (see tables.cell)."""
    if column.startswith("coverage_") or "share" in column or \
            column.endswith("occupancy"):
        return "pct"
    if column.endswith(("flag", "band", "spans", "hour", "space")):
        return "text"
    if column.endswith(("ratio", "directness", "area_km2", "index")) or \
            column.startswith(("syntax_integration", "syntax_choice")):
        return "2"
    if column.endswith("nearby"):
        return "1"
    return "m" if column.endswith("_m") else "int"
