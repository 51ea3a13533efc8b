"""The appendix: every per-zone figure (evaluate.run.zone_results), one
table per evaluator with the figures as rows and the zones as columns."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..evaluate.tables import zone_results
from .document import Document
from .layout import note_page
from .tables import Table, cell, flow

HEADING = "Appendix: figures by zone"
GROUPS = (("Parking (spaces at the peak)", "parking_"),
          ("Walk score and network form", ""),
          ("Innovation exchange", "exchange_"),
          ("Coverage: share of the zone's area within the service walk",
           "coverage_"))
PREFIXED = ("parking_", "exchange_", "coverage_")


def appendix_pages(doc: Document) -> list[Figure]:
    """One table per group of zone figures, continued as needed."""
    frame = zone_results(doc.results).drop(columns="geometry")
    if not len(frame):
        return [note_page(doc, HEADING, [
            "The plan has no zones, so there are no figures by zone. Draw "
            "zones or import them with 'plannerdesk import PLAN FILE --as "
            "zones'."])]
    zones = tuple(doc.zone(z) for z in frame["zone"])
    tables = []
    for caption, prefix in GROUPS:
        columns = [c for c in frame.columns if c != "zone" and (
            c.startswith(prefix) if prefix else not c.startswith(PREFIXED))]
        if columns:
            rows = tuple((figure_title(c, prefix),
                          *(cell(v, figure_kind(c)) for v in frame[c]))
                         for c in columns)
            tables.append(Table(caption, ("Figure", *zones), rows,
                                (False, *(True,) * len(zones))))
    return flow(doc.sheet, HEADING, tables)


def figure_title(column: str, prefix: str) -> str:
    """'exchange_mean_walk_to_exchange_m' -> 'mean walk to exchange (m)'."""
    name = column.removeprefix(prefix)
    name = name.replace("_per_km2", " per km²").replace("_km2", " (km²)")
    if name.endswith("_m"):
        name = name[:-2] + " (m)"
    return name.replace("_", " ")


def figure_kind(column: str) -> str:
    """How a zone figure is printed (see tables.cell)."""
    if column.startswith("coverage_") or "share" in column:
        return "pct"
    if column.endswith(("flag", "band")):
        return "text"
    if column.endswith(("ratio", "directness", "area_km2", "index")):
        return "2"
    if column.endswith("nearby"):
        return "1"
    return "m" if column.endswith("_m") else "int"
