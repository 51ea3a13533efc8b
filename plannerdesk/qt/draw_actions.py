"""What each drawing tool draws: its layer, geometry kind and the attributes
a new feature starts with (the planner edits them in the attribute form)."""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely

from ..model.notes import now_iso
from ..model.settings import Settings
from .note_author import note_author


@dataclass(frozen=True)
class DrawSpec:
    """A drawing tool: title, target layer, geometry kind, start attributes."""

    title: str
    layer: str
    kind: str
    attributes: dict = field(default_factory=dict)


DRAW_SPECS: tuple[DrawSpec, ...] = (
    DrawSpec("Point space", "public_points", "point", {"kind": "node_green"}),
    DrawSpec("Linear space", "public_lines", "line", {"kind": "lane"}),
    DrawSpec("Area space", "public_areas", "polygon", {"kind": "square"}),
    DrawSpec("Parking lot", "parking", "polygon", {"type": "surface"}),
    DrawSpec("Parking point", "parking", "point",
             {"type": "on_street", "capacity": 10}),
    DrawSpec("Facility", "facilities", "point", {}),
    DrawSpec("Building", "buildings", "polygon", {"use": "office",
                                                  "floors": 1}),
    DrawSpec("Walkway", "walkways", "line", {"kind": "path"}),
    DrawSpec("Zone", "zones", "polygon", {"name": "New zone"}),
    DrawSpec("Site boundary", "site", "polygon", {"name": "Site"}),
    DrawSpec("Review note", "review_notes", "point", {"text": "New note"}),
)


def start_attributes(spec: DrawSpec, geometry: shapely.Geometry,
                     settings: Settings, category: str) -> dict:
    """The attributes of a newly drawn feature.

    A parking lot drawn as an area gets a capacity suggested from its area
    at ``m2_per_space_surface`` (25 m2 a space); a facility the category
    chosen in the toolbar; a note its author and the local time it was
    made.
    """
    values = dict(spec.attributes)
    if spec.layer == "parking" and spec.kind == "polygon":
        values["capacity"] = int(geometry.area //
                                 settings.parking.m2_per_space_surface)
    if spec.layer == "facilities":
        values["category"] = category
    if spec.layer == "review_notes":
        values |= {"author": note_author() or None, "created": now_iso()}
    return values
