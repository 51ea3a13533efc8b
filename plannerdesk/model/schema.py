"""The plan's layers: their geometry kinds, fields, vocabularies and defaults.

One :class:`LayerSpec` per layer of a plan. A layer is stored as an ordinary
GeoPackage table named like the spec; columns that a spec does not name are
the planner's own and are kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .language import N_, tr

FieldType = Literal["str", "int", "float", "bool"]
GeomKind = Literal["point", "line", "polygon"]

GEOM_TYPES: dict[GeomKind, tuple[str, ...]] = {
    "point": ("Point", "MultiPoint"),
    "line": ("LineString", "MultiLineString"),
    "polygon": ("Polygon", "MultiPolygon"),
}

BUILDING_USES = (
    "office", "rnd", "incubator", "education", "research_institute",
    "government_service", "commercial", "residential", "hotel", "cultural",
    "mixed", "other",
)
SUBJECTS = (
    "enterprise", "university", "research_institute", "government",
    "intermediary", "finance", "none",
)
POINT_SPACE_KINDS = (
    "node_green", "entry_forecourt", "intersection_plaza", "pocket_park",
    "courtyard", "rooftop_garden",
)
LINE_SPACE_KINDS = (
    "street", "lane", "waterfront_trail", "greenway", "bridge", "corridor",
)
AREA_SPACE_KINDS = ("square", "park", "public_green", "plaza", "sports_ground")
PARKING_TYPES = ("surface", "underground", "structure", "on_street")
PARKING_ACCESS = ("public", "private", "shared")
SERVES_SEPARATORS = ";；\n"
"""What separates the building names in a private lot's ``serves``."""
FACILITY_CATEGORIES = (
    "cafe", "restaurant", "convenience", "supermarket", "fitness",
    "meeting_room", "lecture_hall", "book_bar", "coworking", "bus_stop",
    "metro_station", "clinic", "bank", "apartment",
)
WALKWAY_KINDS = ("street", "path", "crossing", "corridor", "bridge", "tunnel")
NOTE_STATUSES = ("open", "resolved")


@dataclass(frozen=True)
class FieldSpec:
    """One attribute of a layer.

    ``vocabulary`` lists the known values; ``closed`` vocabularies reject
    other values, open ones accept them with a warning. ``minimum`` and
    ``maximum`` bound numbers (a maximum well above any real building or
    lot, so that a slip such as 1e25 floors is caught before it swamps the
    evaluation). ``help`` is the English key of :attr:`help_text`.
    """

    name: str
    type: FieldType
    required: bool = False
    default: Any = None
    vocabulary: tuple[str, ...] = ()
    closed: bool = False
    minimum: float | None = None
    maximum: float | None = None
    help: str = ""

    @property
    def help_text(self) -> str:
        """``help`` (the English key) in the current language."""
        return tr(self.help) if self.help else ""


@dataclass(frozen=True)
class LayerSpec:
    """A layer of a plan: name, allowed geometry kinds and fields;
    ``title`` is the English key of :attr:`label`."""

    name: str
    title: str
    geom_kinds: tuple[GeomKind, ...]
    fields: tuple[FieldSpec, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        """``title`` (the English key) in the current language."""
        return tr(self.title)

    @property
    def geom_types(self) -> tuple[str, ...]:
        """Shapely geometry type names this layer accepts."""
        return tuple(t for k in self.geom_kinds for t in GEOM_TYPES[k])

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


def _name(required: bool = False) -> FieldSpec:
    return FieldSpec("name", "str", required=required, help=N_("display name"))


def _open(default: bool = True) -> FieldSpec:
    return FieldSpec("open", "bool", default=default,
                     help=N_("open to the public (true) or not"))


LAYERS: dict[str, LayerSpec] = {spec.name: spec for spec in (
    LayerSpec("site", N_("Site boundary"), ("polygon",), (_name(),)),
    LayerSpec("zones", N_("Zones"), ("polygon",), (_name(required=True),)),
    LayerSpec("buildings", N_("Buildings"), ("polygon",), (
        _name(),
        FieldSpec("use", "str", required=True, vocabulary=BUILDING_USES),
        FieldSpec("floors", "float", default=1.0, minimum=0, maximum=300,
                  help=N_("storeys above ground; fractions for half "
                          "storeys and attics (OSM building:levels 2.5)")),
        FieldSpec("gfa_m2", "float", minimum=0, maximum=10_000_000,
                  help=N_("gross floor area; footprint x floors when "
                          "empty")),
        FieldSpec("employees", "int", minimum=0, maximum=1_000_000),
        FieldSpec("subject", "str", default="none", vocabulary=SUBJECTS,
                  help=N_("innovation subject housed in the building")),
    )),
    LayerSpec("public_points", N_("Point public spaces"), ("point",), (
        _name(),
        FieldSpec("kind", "str", required=True, vocabulary=POINT_SPACE_KINDS),
        _open(),
    )),
    LayerSpec("public_lines", N_("Linear public spaces"), ("line",), (
        _name(),
        FieldSpec("kind", "str", required=True, vocabulary=LINE_SPACE_KINDS),
        _open(),
        FieldSpec("walkable", "bool", default=True,
                  help=N_("part of the pedestrian network")),
    )),
    LayerSpec("public_areas", N_("Area public spaces"), ("polygon",), (
        _name(),
        FieldSpec("kind", "str", required=True, vocabulary=AREA_SPACE_KINDS),
        _open(),
        FieldSpec("walkable", "bool", default=False,
                  help=N_("people walk straight across it (a paved "
                          "square): the walkways that reach it are joined "
                          "across it")),
    )),
    LayerSpec("parking", N_("Parking"), ("point", "polygon"), (
        _name(),
        FieldSpec("capacity", "int", required=True, minimum=0,
                  maximum=100_000, help=N_("number of car spaces")),
        FieldSpec("type", "str", default="surface", vocabulary=PARKING_TYPES,
                  closed=True),
        FieldSpec("access", "str", default="public",
                  vocabulary=PARKING_ACCESS, closed=True,
                  help=N_("public and shared lots serve every building; "
                          "a private one only those it serves")),
        FieldSpec("serves", "str",
                  help=N_("for a private lot: the names of the buildings "
                          "it serves, separated by ';' (empty: the "
                          "buildings of its zone)")),
    )),
    LayerSpec("facilities", N_("Facilities"), ("point",), (
        _name(),
        FieldSpec("category", "str", required=True,
                  vocabulary=FACILITY_CATEGORIES),
        _open(),
    )),
    LayerSpec("walkways", N_("Walkways"), ("line",), (
        _name(),
        FieldSpec("kind", "str", default="path", vocabulary=WALKWAY_KINDS),
        FieldSpec("walkable", "bool", default=True),
    )),
    LayerSpec("review_notes", N_("Review notes"), ("point",), (
        FieldSpec("text", "str", required=True),
        FieldSpec("status", "str", default="open", vocabulary=NOTE_STATUSES,
                  closed=True),
        FieldSpec("author", "str"),
        FieldSpec("created", "str", help=N_("ISO 8601 date and time")),
        FieldSpec("photo", "str",
                  help=N_("path of a photo, relative to the plan")),
        FieldSpec("scenario", "str",
                  help=N_("the scenario the note was made in (notes belong "
                          "to the plan and show in every scenario)")),
    )),
)}

LAYER_ORDER: tuple[str, ...] = tuple(LAYERS)


def layer_spec(name: str) -> LayerSpec:
    """The spec of layer ``name``; a KeyError names the valid layers."""
    try:
        return LAYERS[name]
    except KeyError:
        raise KeyError(
            tr("unknown layer {name!r}; the plan's layers are: {layers}")
            .format(name=name, layers=", ".join(LAYER_ORDER))
        ) from None
