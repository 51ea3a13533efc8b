"""The area every evaluator measures: the site, or one stated fallback.

Coverage samples it with a grid, network form counts intersections and
block lengths in it, and the summary and report say which it is, so a plan
with no site drawn is measured over one extent everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import shapely

from ..model.language import N_, tr
from ..model.plan import Plan

# what the area is, in English as SUMMARY.json holds it (``words`` shows it)
SITE = N_("the site")
BUILDINGS_EXTENT = N_("the buildings' extent")
PLAN_EXTENT = N_("the plan's extent")


@dataclass(frozen=True)
class StudyArea:
    """The measured area (None when the plan spans no area) and what it
    is."""

    geometry: shapely.Geometry | None
    source: str

    @property
    def words(self) -> str:
        """What it is (``source``) in the current language."""
        return tr(self.source)

    @property
    def is_site(self) -> bool:
        return self.source == SITE

    def as_dict(self) -> dict:
        """For SUMMARY.json: what it is, its area, bounds and outline (WKT,
        to the centimetre)."""
        if self.geometry is None:
            return {"source": self.source, "area_ha": None, "bounds": None,
                    "outline": None}
        return {"source": self.source, "area_ha": self.geometry.area / 1e4,
                "bounds": list(self.geometry.bounds),
                "outline": shapely.to_wkt(self.geometry,
                                          rounding_precision=2)}


def study_area(plan: Plan) -> StudyArea:
    """The site; without one, the bounding box of the buildings, or of
    every feature when there are no buildings."""
    site = plan.site_geometry()
    if site is not None:
        return StudyArea(site, SITE)
    if len(plan["buildings"]):
        return StudyArea(shapely.box(*plan["buildings"].total_bounds),
                         BUILDINGS_EXTENT)
    extent = plan.extent()
    box = None if extent is None else shapely.box(*extent)
    # a single point or straight line spans no area to measure
    return StudyArea(box if box is not None and box.area > 0 else None,
                     PLAN_EXTENT)
