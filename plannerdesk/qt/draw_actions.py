"""What each drawing tool draws: its layer, geometry kind and the attributes
a new feature starts with (the planner edits them in the attribute form)."""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely
from PySide6.QtCore import QT_TR_NOOP

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


#: Titles are keys (of the toolbar's actions and icons), marked for
#: translation and shown through ``tr()``.
DRAW_SPECS: tuple[DrawSpec, ...] = (
    DrawSpec(QT_TR_NOOP("Point space"), "public_points", "point",
             {"kind": "node_green"}),
    DrawSpec(QT_TR_NOOP("Linear space"), "public_lines", "line",
             {"kind": "lane"}),
    DrawSpec(QT_TR_NOOP("Area space"), "public_areas", "polygon",
             {"kind": "square"}),
    DrawSpec(QT_TR_NOOP("Parking lot"), "parking", "polygon",
             {"type": "surface"}),
    DrawSpec(QT_TR_NOOP("Parking point"), "parking", "point",
             {"type": "on_street", "capacity": 10}),
    DrawSpec(QT_TR_NOOP("Facility"), "facilities", "point", {}),
    DrawSpec(QT_TR_NOOP("Building"), "buildings", "polygon",
             {"use": "office", "floors": 1}),
    DrawSpec(QT_TR_NOOP("Walkway"), "walkways", "line", {"kind": "path"}),
    DrawSpec(QT_TR_NOOP("Zone"), "zones", "polygon", {"name": "New zone"}),
    DrawSpec(QT_TR_NOOP("Site boundary"), "site", "polygon",
             {"name": "Site"}),
    DrawSpec(QT_TR_NOOP("Review note"), "review_notes", "point",
             {"text": "New note"}),
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
