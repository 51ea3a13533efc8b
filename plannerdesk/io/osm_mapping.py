"""How OpenStreetMap tags become PlannerDesk features: one table.

Each :class:`Tag` row says, for one plan layer, which tags it reads. Rows
of role ``take`` decide whether a feature goes into the layer (the first
that matches wins; one with no values to set leaves the feature out);
rows of role ``set`` then set fields, over what the take row set (for
each field, the first matching set row wins: ``bridge=*`` makes a
footway's ``kind=path`` a bridge). A feature may go into several layers:
a building tagged ``amenity=cafe`` is a building and a cafe.
``plannerdesk import-osm --list-mapping`` prints the table; the README
shows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model.language import N_, tr

ANY = ()
"""A row's ``values`` matching any value of its key (but ``no``)."""
OWN = "<value>"
"""In a row's ``sets``: the tag's own value (``amenity=toilets`` ->
``category=toilets``), or its key for ``yes`` (``shop=yes`` -> ``shop``)."""
LEFT_OUT: dict[str, str] = {}
"""A ``take`` row's ``sets`` that leaves the feature out of the layer."""


@dataclass(frozen=True, eq=False)
class Tag:
    """One row: in ``layer``, ``key`` with one of ``values`` (on a feature
    of ``shapes``: point, line, area or any, and with the ``when`` tags)
    sets the fields in ``sets``."""

    layer: str
    role: str
    key: str
    values: tuple[str, ...]
    sets: Mapping[str, str]
    shapes: str = "any"
    when: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict)
    note: str = ""
    """English, marked with ``N_``: :func:`mapping_table` translates it."""
    min_area_m2: float = 0.0

    def matches(self, tags: Mapping[str, str], shape: str) -> bool:
        value = tags.get(self.key)
        if value is None or value not in (self.values or (value,)):
            return False
        if not self.values and value == "no":
            return False
        if self.shapes != "any" and self.shapes != shape:
            return False
        return all(tags.get(k) in v for k, v in self.when.items())

    def values_set(self, tags: Mapping[str, str]) -> dict[str, str]:
        """The fields this row sets; its own value is the tag's value, or
        the key where the value is only ``yes`` (``shop=yes`` -> shop)."""
        own = self.key if tags[self.key] == "yes" else tags[self.key]
        return {name: own if value == OWN else value
                for name, value in self.sets.items()}


def _rows(layer: str, role: str, shapes: str,
          *rows: tuple) -> list[Tag]:
    """``(key, values, sets[, note[, when[, min_area_m2]]])`` rows of one
    layer and role; ``values`` separated by '|', '' for any."""
    out = []
    for key, values, sets, *rest in rows:
        note, when, least = (rest + ["", {}, 0.0][len(rest):])[:3]
        out.append(Tag(layer, role, key, tuple(values.split("|"))
                       if values else ANY, sets, shapes, when, note, least))
    return out


_STREETS = ("living_street|residential|service|unclassified|road|tertiary|"
            "tertiary_link|secondary|secondary_link|primary|primary_link")
_FOOTWAYS = "footway|path|pedestrian|steps|track|bridleway|cycleway|platform"
_FURNITURE = ("parking|parking_entrance|parking_space|bicycle_parking|"
              "motorcycle_parking|bench|fountain|waste_basket|"
              "waste_disposal|recycling|post_box|telephone|vending_machine|"
              "drinking_water|clock|grit_bin|loading_dock|shelter|bbq|"
              "parcel_locker|hunting_stand")
_SPACES = ("park|garden|playground|pitch|common|dog_park|track|"
           "nature_reserve|picnic_table")
_PRIVATE = "private|no|permit|residents|customers|employees|delivery"

MAPPING: tuple[Tag, ...] = tuple([
    # --- buildings --------------------------------------------------------
    *_rows("buildings", "take", "area",
           ("building", "parking", LEFT_OUT, N_("a car park: see parking")),
           ("building", "", {"use": "other"},
            N_("floors from building:levels (fractions kept), else height / "
               "3 m, else assumed by use; smaller ones are fragments of "
               "outlines cut at the extract's edge"), {}, 2.0)),
    *_rows("buildings", "set", "any",
           ("office", "government", {"use": "government_service",
                                     "subject": "government"}),
           ("office", "research|educational_institution",
            {"use": "research_institute", "subject": "research_institute"}),
           ("office", "financial|insurance|tax_advisor|accountant|"
            "financial_advisor|bank", {"use": "office",
                                       "subject": "finance"}),
           ("office", "estate_agent|lawyer|consulting|employment_agency|"
            "association|ngo|notary|property_management|"
            "quango", {"use": "office", "subject": "intermediary"}),
           ("office", "coworking", {"use": "incubator"}),
           ("office", "company|it|telecommunication|engineering|architect|"
            "newspaper|publisher|advertising_agency|software|research_and_"
            "development", {"use": "office", "subject": "enterprise"}),
           ("office", "", {"use": "office"}),
           ("amenity", "university|college", {"use": "education",
                                              "subject": "university"}),
           ("amenity", "research_institute", {
               "use": "research_institute", "subject": "research_institute"}),
           ("amenity", "school|kindergarten", {"use": "education"}),
           ("amenity", "townhall|courthouse", {"use": "government_service",
                                               "subject": "government"}),
           ("amenity", "police|fire_station|post_office",
            {"use": "government_service"}),
           ("amenity", "bank", {"use": "commercial", "subject": "finance"}),
           ("amenity", "library|theatre|cinema|arts_centre|"
            "community_centre|place_of_worship", {"use": "cultural"}),
           ("amenity", "restaurant|cafe|fast_food|bar|pub|marketplace",
            {"use": "commercial"}),
           ("shop", "", {"use": "commercial"}),
           ("tourism", "hotel|hostel|guest_house|motel|apartment",
            {"use": "hotel"}),
           ("tourism", "museum|gallery", {"use": "cultural"}),
           ("building", "office", {"use": "office"}),
           ("building", "commercial|retail|supermarket|kiosk",
            {"use": "commercial"}),
           ("building", "university|college", {"use": "education",
                                               "subject": "university"}),
           ("building", "school|kindergarten", {"use": "education"}),
           ("building", "government|civic|public|townhall",
            {"use": "government_service"}),
           ("building", "hotel", {"use": "hotel"}),
           ("building", "residential|apartments|house|detached|terrace|"
            "semidetached_house|dormitory|bungalow", {"use": "residential"}),
           ("building", "church|cathedral|chapel|mosque|temple|museum",
            {"use": "cultural"})),
    # --- walkways -----------------------------------------------------------
    *_rows("walkways", "take", "line",
           ("foot", "no", LEFT_OUT, N_("pedestrians barred")),
           ("access", "no", LEFT_OUT, "", {"foot": (None,)}),
           ("highway", "motorway|motorway_link|trunk|trunk_link|"
            "construction|proposed|raceway|bus_guideway|abandoned|escape",
            LEFT_OUT, N_("no pedestrians")),
           ("highway", "corridor|elevator", {"kind": "corridor"}),
           ("highway", _FOOTWAYS, {"kind": "path"}),
           ("highway", _STREETS, {"kind": "street"},
            N_("sidewalks assumed"))),
    *_rows("walkways", "set", "any",
           ("bridge", "", {"kind": "bridge"},
            N_("joins others only at its ends")),
           ("tunnel", "yes|culvert|flooded", {"kind": "tunnel"},
            N_("joins others only at its ends")),
           ("footway", "crossing", {"kind": "crossing"})),
    # --- area public spaces -------------------------------------------------
    *_rows("public_areas", "take", "area",
           ("highway", "pedestrian", {"kind": "square", "walkable": "true"},
            N_("walked across")),
           ("place", "square", {"kind": "square", "walkable": "true"},
            N_("walked across")),
           ("highway", "footway|path", {"kind": "plaza", "walkable": "true"},
            N_("an area: walked across")),
           ("leisure", "park", {"kind": "park"}),
           ("leisure", "garden|playground|common|dog_park",
            {"kind": "public_green"}),
           ("leisure", "pitch|stadium", {"kind": "sports_ground"}),
           ("landuse", "grass", {"kind": "public_green"},
            N_("smaller ones are verges"), {}, 200.0),
           ("landuse", "recreation_ground|village_green",
            {"kind": "public_green"})),
    *_rows("public_areas", "set", "any",
           ("access", "private|no", {"open": "false"})),
    # --- point public spaces --------------------------------------------------
    *_rows("public_points", "take", "point",
           ("amenity", "bench", {"kind": "node_green"}),
           ("amenity", "fountain", {"kind": "intersection_plaza"}),
           ("tourism", "viewpoint", {"kind": "node_green"}),
           ("place", "square", {"kind": "intersection_plaza"}),
           ("leisure", "park|garden|playground", {"kind": "pocket_park"})),
    *_rows("public_points", "set", "any",
           ("access", "private|no", {"open": "false"})),
    # --- facilities (a polygon gives a point inside it) ----------------------
    *_rows("facilities", "take", "any",
           ("amenity", _FURNITURE, LEFT_OUT,
            N_("street furniture, or a parking or public-space row")),
           ("amenity", "cafe", {"category": "cafe"}),
           ("amenity", "restaurant|fast_food|food_court|bar|pub|biergarten|"
            "ice_cream", {"category": "restaurant"}),
           ("amenity", "bank", {"category": "bank"}),
           ("amenity", "clinic|doctors|hospital|dentist",
            {"category": "clinic"}),
           ("amenity", "library", {"category": "book_bar"}),
           ("amenity", "coworking_space", {"category": "coworking"}),
           ("amenity", "conference_centre|events_venue",
            {"category": "meeting_room"}),
           ("amenity", "bus_station", {"category": "bus_stop"}),
           ("amenity", "", {"category": OWN}),
           ("shop", "convenience", {"category": "convenience"}),
           ("shop", "supermarket|greengrocer", {"category": "supermarket"}),
           ("shop", "books", {"category": "book_bar"}),
           ("shop", "", {"category": OWN}),
           ("leisure", "fitness_centre|sports_centre|fitness_station",
            {"category": "fitness"}),
           ("leisure", _SPACES, LEFT_OUT, N_("a public space")),
           ("leisure", "", {"category": OWN}),
           ("office", "coworking", {"category": "coworking"}),
           ("highway", "bus_stop", {"category": "bus_stop"}),
           ("public_transport", "platform|pole", {"category": "bus_stop"},
            "", {"bus": ("yes",)}),
           ("public_transport", "station", {"category": "metro_station"},
            "", {"subway": ("yes",)}),
           ("railway", "station", {"category": "metro_station"}, "",
            {"station": ("subway",)}),
           ("railway", "subway_entrance", {"category": "metro_station"}),
           ("railway", "station|halt|tram_stop", {"category": OWN})),
    *_rows("facilities", "set", "any",
           ("access", "private|no", {"open": "false"})),
    # --- parking ----------------------------------------------------------------
    *_rows("parking", "take", "any",
           ("amenity", "parking", {"type": "surface"},
            N_("capacity tagged, else area / m2 a space x levels "
               "(estimated)")),
           ("building", "parking", {"type": "structure"},
            N_("capacity tagged, else area / m2 a space x levels "
               "(estimated)"))),
    *_rows("parking", "set", "any",
           ("parking", "underground", {"type": "underground"}),
           ("parking", "multi-storey|rooftop", {"type": "structure"}),
           ("parking", "surface", {"type": "surface"}),
           ("parking", "street_side|lane|on_kerb|half_on_kerb|layby",
            {"type": "on_street"}),
           ("access", _PRIVATE, {"access": "private"},
            N_("serves only the buildings of its zone")),
           ("access", "yes|public|permissive|destination",
            {"access": "public"})),
])

LAYERS_FILLED = ("buildings", "walkways", "public_areas", "public_points",
                 "facilities", "parking")
SHAPES = {"points": "point", "lines": "line", "multipolygons": "area"}


def _by_layer(role: str) -> dict[str, tuple[Tag, ...]]:
    return {layer: tuple(r for r in MAPPING if r.layer == layer and
                         r.role == role) for layer in {r.layer for r in MAPPING}}


_TAKE, _SET = _by_layer("take"), _by_layer("set")
_KEYS = {layer: frozenset(r.key for r in rows) for layer, rows in
         _TAKE.items()}


def attributes(layer: str, tags: Mapping[str, str], shape: str
               ) -> tuple[dict[str, str], Tag] | None:
    """The fields ``tags`` fill in ``layer`` and the row that took the
    feature, or None when the feature is not one of the layer's."""
    if _KEYS[layer].isdisjoint(tags):
        return None
    taken = next((row for row in _TAKE[layer] if row.matches(tags, shape)),
                 None)
    if taken is None or not taken.sets:
        return None
    found, done = taken.values_set(tags), set()
    for row in _SET[layer]:
        if row.matches(tags, shape):
            for name, value in row.values_set(tags).items():
                if name not in done:
                    found[name] = value
                    done.add(name)
    return found, taken


def mapping_table() -> list[tuple[str, str, str, str, str]]:
    """The rows as text: layer, role, tags, fields set, note."""
    out = []
    for row in MAPPING:
        values = "|".join(row.values) if row.values else "*"
        when = "".join(
            " " + (tr("and no {key} tag").format(key=k) if v == (None,) else
                   tr("and {key}={values}").format(key=k, values="|".join(v)))
            for k, v in row.when.items())
        shape = "" if row.shapes == "any" else f" ({row.shapes})"
        if row.min_area_m2:
            shape += " " + tr("from {area:g} m2").format(area=row.min_area_m2)
        sets = ", ".join(f"{k}={v}" for k, v in row.sets.items()) \
            if row.sets else tr("(left out)")
        out.append((row.layer, row.role, f"{row.key}={values}{when}{shape}",
                    sets, tr(row.note) if row.note else ""))
    return out
