"""A hand-made OpenStreetMap extract: one feature for each row of the tag
mapping, with what PlannerDesk must make of it, and the quirks of real
extracts (outlines not closed, rings of two points, broken multipolygons,
nodes missing from the extract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

LON0, LAT0 = 120.0, 30.0
STEP = 0.001                 # one grid cell per case: about 96 x 111 m
SIDE = 0.0002                # an area case: about 19 x 22 m


@dataclass
class Case:
    """A feature: ``shape`` point, line or area; ``expect`` maps each
    plan layer it must land in to fields it must hold ({} = left out of
    every layer)."""

    shape: str
    tags: dict[str, str]
    expect: dict[str, dict] = field(default_factory=dict)
    side: float = SIDE


B = {"building": "yes"}
CASES: list[Case] = [
    # buildings
    Case("area", {"building": "parking"}, {"parking": {"type": "structure"}}),
    Case("area", {**B, "building:levels": "2.5", "name": "Attic house"},
         {"buildings": {"use": "other", "floors": 2.5,
                        "floors_source": "levels"}}),
    Case("area", {**B, "office": "government"}, {"buildings": {
        "use": "government_service", "subject": "government"}}),
    Case("area", {**B, "office": "research"}, {"buildings": {
        "use": "research_institute", "subject": "research_institute"}}),
    Case("area", {**B, "office": "financial"}, {"buildings": {
        "use": "office", "subject": "finance"}}),
    Case("area", {**B, "office": "lawyer"}, {"buildings": {
        "use": "office", "subject": "intermediary"}}),
    Case("area", {**B, "office": "coworking"}, {
        "buildings": {"use": "incubator"},
        "facilities": {"category": "coworking"}}),
    Case("area", {**B, "office": "it"}, {"buildings": {
        "use": "office", "subject": "enterprise"}}),
    Case("area", {**B, "office": "yes"}, {"buildings": {"use": "office",
                                                        "subject": "none"}}),
    Case("area", {**B, "amenity": "university"}, {
        "buildings": {"use": "education", "subject": "university"},
        "facilities": {"category": "university"}}),
    Case("area", {**B, "amenity": "research_institute"}, {
        "buildings": {"use": "research_institute",
                      "subject": "research_institute"},
        "facilities": {"category": "research_institute"}}),
    Case("area", {**B, "amenity": "school"}, {
        "buildings": {"use": "education"},
        "facilities": {"category": "school"}}),
    Case("area", {**B, "amenity": "townhall"}, {
        "buildings": {"use": "government_service", "subject": "government"},
        "facilities": {"category": "townhall"}}),
    Case("area", {**B, "amenity": "police"}, {
        "buildings": {"use": "government_service", "subject": "none"},
        "facilities": {"category": "police"}}),
    Case("area", {**B, "amenity": "bank"}, {
        "buildings": {"use": "commercial", "subject": "finance"},
        "facilities": {"category": "bank"}}),
    Case("area", {**B, "amenity": "library"}, {
        "buildings": {"use": "cultural"},
        "facilities": {"category": "book_bar"}}),
    Case("area", {**B, "amenity": "restaurant"}, {
        "buildings": {"use": "commercial"},
        "facilities": {"category": "restaurant"}}),
    Case("area", {**B, "shop": "clothes"}, {
        "buildings": {"use": "commercial"},
        "facilities": {"category": "clothes"}}),
    Case("area", {**B, "tourism": "hotel"}, {"buildings": {"use": "hotel"}}),
    Case("area", {**B, "tourism": "museum"}, {"buildings": {"use":
                                                            "cultural"}}),
    Case("area", {"building": "office"}, {"buildings": {"use": "office"}}),
    Case("area", {"building": "retail"}, {"buildings": {"use":
                                                        "commercial"}}),
    Case("area", {"building": "university"}, {"buildings": {
        "use": "education", "subject": "university"}}),
    Case("area", {"building": "school"}, {"buildings": {"use":
                                                        "education"}}),
    Case("area", {"building": "civic"}, {"buildings": {
        "use": "government_service"}}),
    Case("area", {"building": "hotel"}, {"buildings": {"use": "hotel"}}),
    Case("area", {"building": "apartments", "height": "12 m"}, {
        "buildings": {"use": "residential", "floors": 4.0,
                      "floors_source": "height"}}),
    Case("area", {"building": "church"}, {"buildings": {
        "use": "cultural", "floors": 2.0, "floors_source": "assumed"}}),
    # walkways
    Case("line", {"highway": "footway", "foot": "no"}),
    Case("line", {"highway": "service", "access": "no"}),
    Case("line", {"highway": "service", "access": "no", "foot": "yes"},
         {"walkways": {"kind": "street"}}),
    Case("line", {"highway": "motorway"}),
    Case("line", {"highway": "corridor"}, {"walkways": {"kind": "corridor"}}),
    Case("line", {"highway": "footway", "name": "Canal path"},
         {"walkways": {"kind": "path", "name": "Canal path"}}),
    Case("line", {"highway": "residential"}, {"walkways": {"kind":
                                                           "street"}}),
    Case("line", {"highway": "footway", "bridge": "yes"},
         {"walkways": {"kind": "bridge"}}),
    Case("line", {"highway": "footway", "tunnel": "yes"},
         {"walkways": {"kind": "tunnel"}}),
    Case("line", {"highway": "footway", "footway": "crossing"},
         {"walkways": {"kind": "crossing"}}),
    # area public spaces
    Case("area", {"highway": "pedestrian", "area": "yes"},
         {"public_areas": {"kind": "square", "walkable": True}}),
    Case("area", {"place": "square", "name": "Dream Square",
                  "name:zh": "梦想广场"},
         {"public_areas": {"kind": "square", "walkable": True,
                           "name_zh": "梦想广场"}}),
    Case("area", {"highway": "footway", "area": "yes"},
         {"public_areas": {"kind": "plaza", "walkable": True}}),
    Case("area", {"leisure": "park"}, {"public_areas": {"kind": "park",
                                                        "open": True}}),
    Case("area", {"leisure": "garden"}, {"public_areas": {
        "kind": "public_green"}}),
    Case("area", {"leisure": "pitch"}, {"public_areas": {
        "kind": "sports_ground"}}),
    Case("area", {"landuse": "grass"}, {"public_areas": {
        "kind": "public_green"}}),
    Case("area", {"landuse": "grass"}, {}, side=0.0001),
    Case("area", {"landuse": "recreation_ground"}, {"public_areas": {
        "kind": "public_green"}}),
    Case("area", {"leisure": "park", "access": "private"},
         {"public_areas": {"kind": "park", "open": False}}),
    # point public spaces
    Case("point", {"amenity": "bench"}, {"public_points": {
        "kind": "node_green"}}),
    Case("point", {"amenity": "fountain"}, {"public_points": {
        "kind": "intersection_plaza"}}),
    Case("point", {"tourism": "viewpoint"}, {"public_points": {
        "kind": "node_green"}}),
    Case("point", {"place": "square"}, {"public_points": {
        "kind": "intersection_plaza"}}),
    Case("point", {"leisure": "playground"}, {"public_points": {
        "kind": "pocket_park"}}),
    Case("point", {"amenity": "bench", "access": "private"},
         {"public_points": {"kind": "node_green", "open": False}}),
    # facilities
    Case("point", {"amenity": "waste_basket"}),
    Case("point", {"amenity": "cafe", "name": "Corner cafe"},
         {"facilities": {"category": "cafe", "open": True}}),
    Case("point", {"amenity": "fast_food"}, {"facilities": {
        "category": "restaurant"}}),
    Case("point", {"amenity": "doctors"}, {"facilities": {"category":
                                                          "clinic"}}),
    Case("point", {"amenity": "coworking_space"}, {"facilities": {
        "category": "coworking"}}),
    Case("point", {"amenity": "conference_centre"}, {"facilities": {
        "category": "meeting_room"}}),
    Case("point", {"amenity": "bus_station"}, {"facilities": {
        "category": "bus_stop"}}),
    Case("point", {"amenity": "toilets"}, {"facilities": {
        "category": "toilets"}}),
    Case("point", {"shop": "convenience"}, {"facilities": {
        "category": "convenience"}}),
    Case("point", {"shop": "supermarket"}, {"facilities": {
        "category": "supermarket"}}),
    Case("point", {"shop": "books"}, {"facilities": {"category":
                                                     "book_bar"}}),
    Case("point", {"shop": "bakery"}, {"facilities": {"category":
                                                      "bakery"}}),
    Case("point", {"shop": "yes"}, {"facilities": {"category": "shop"}}),
    Case("point", {"leisure": "fitness_centre"}, {"facilities": {
        "category": "fitness"}}),
    Case("point", {"leisure": "sauna"}, {"facilities": {"category":
                                                        "sauna"}}),
    Case("point", {"office": "coworking"}, {"facilities": {
        "category": "coworking"}}),
    Case("point", {"highway": "bus_stop"}, {"facilities": {
        "category": "bus_stop"}}),
    Case("point", {"public_transport": "platform", "bus": "yes"},
         {"facilities": {"category": "bus_stop"}}),
    Case("point", {"public_transport": "station", "subway": "yes"},
         {"facilities": {"category": "metro_station"}}),
    Case("point", {"railway": "station", "station": "subway"},
         {"facilities": {"category": "metro_station"}}),
    Case("point", {"railway": "subway_entrance"}, {"facilities": {
        "category": "metro_station"}}),
    Case("point", {"railway": "halt"}, {"facilities": {"category": "halt"}}),
    Case("point", {"amenity": "cafe", "access": "private"},
         {"facilities": {"category": "cafe", "open": False}}),
    # parking
    Case("area", {"amenity": "parking", "capacity": "40"}, {"parking": {
        "type": "surface", "capacity": 40, "capacity_source": "tagged"}}),
    Case("point", {"amenity": "parking"}, {"parking": {
        "capacity": 0, "capacity_source": "unknown"}}),
    Case("area", {"amenity": "parking", "parking": "underground"},
         {"parking": {"type": "underground",
                      "capacity_source": "estimated"}}),
    Case("area", {"amenity": "parking", "parking": "multi-storey",
                  "parking:levels": "3"}, {"parking": {"type": "structure"}}),
    Case("area", {"amenity": "parking", "parking": "surface"},
         {"parking": {"type": "surface"}}),
    Case("area", {"amenity": "parking", "parking": "street_side"},
         {"parking": {"type": "on_street"}}),
    Case("area", {"amenity": "parking", "access": "private"},
         {"parking": {"access": "private"}}),
    Case("area", {"amenity": "parking", "access": "customers"},
         {"parking": {"access": "private"}}),
    Case("area", {"amenity": "parking", "access": "yes"},
         {"parking": {"access": "public"}}),
]


def osm_ids() -> list[str]:
    """The osm_id PlannerDesk gives each case (way or node, by order)."""
    return [f"{'node' if c.shape == 'point' else 'way'}/{1000 + i}"
            for i, c in enumerate(CASES)]


class Extract:
    """Nodes, ways and relations of an .osm XML file, written by hand."""

    def __init__(self) -> None:
        self.nodes: list[str] = []
        self.ways: list[str] = []
        self.relations: list[str] = []
        self.next_node = 1

    def node(self, lon: float, lat: float, tags: dict | None = None,
             id_: int | None = None) -> int:
        id_ = id_ or self.next_node
        self.next_node = max(self.next_node, id_) + 1
        self.nodes.append(f'  <node id="{id_}" lat="{lat:.7f}" '
                          f'lon="{lon:.7f}">{_tags(tags)}</node>')
        return id_

    def way(self, id_: int, refs: list[int], tags: dict | None) -> None:
        nds = "".join(f'<nd ref="{r}"/>' for r in refs)
        self.ways.append(f'  <way id="{id_}">{nds}{_tags(tags)}</way>')

    def relation(self, id_: int, ways: list[int], tags: dict) -> None:
        members = "".join(f'<member type="way" ref="{w}" role="outer"/>'
                          for w in ways)
        self.relations.append(
            f'  <relation id="{id_}">{members}{_tags(tags)}</relation>')

    def square(self, id_: int, lon: float, lat: float, side: float,
               tags: dict | None, close: bool = True) -> None:
        corners = [self.node(lon + dx, lat + dy) for dx, dy in
                   ((0, 0), (side, 0), (side, side), (0, side))]
        self.way(id_, corners + corners[:1] if close else corners, tags)

    def write(self, path: Path) -> Path:
        path.write_text("\n".join([
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<osm version="0.6" generator="PlannerDesk tests">',
            *self.nodes, *self.ways, *self.relations, "</osm>", ""]),
            encoding="utf-8")
        return path


def _tags(tags: dict | None) -> str:
    return "".join(f"<tag k={quoteattr(k)} v={quoteattr(v)}/>"
                   for k, v in (tags or {}).items())


def cell(i: int, origin: tuple[float, float] = (LON0, LAT0)
         ) -> tuple[float, float]:
    """South-west corner of the grid cell of case ``i`` (12 to a row)."""
    return origin[0] + (i % 12) * STEP, origin[1] + (i // 12) * STEP


def mapping_extract(path: Path, *, quirks: bool = True,
                    cases: list[Case] | None = None,
                    origin: tuple[float, float] = (LON0, LAT0),
                    first_id: int = 1000) -> Path:
    """Every case in its own cell (from ``origin``, longitude and latitude;
    ids from ``first_id``) and, with ``quirks``, the faults of real
    extracts in a row of their own."""
    extract = Extract()
    extract.next_node = 100 * first_id
    for i, case in enumerate(cases if cases is not None else CASES):
        lon, lat = cell(i, origin)
        if case.shape == "point":
            extract.node(lon, lat, case.tags, id_=first_id + i)
        elif case.shape == "line":
            a = extract.node(lon, lat)
            b = extract.node(lon + 0.0004, lat)
            extract.way(first_id + i, [a, b], case.tags)
        else:
            extract.square(first_id + i, lon, lat, case.side, case.tags)
    if quirks:
        _quirks(extract)
    return extract.write(path)


QUIRKS_LAT = LAT0 - 5 * STEP


def _quirks(extract: Extract) -> None:
    """Way 9001: a building outline not closed (repaired); 9002: a ring
    of two points (left out); relation 9100: a park whose outer way does
    not close (GDAL leaves it out); way 9004: a building with a node
    missing from the extract (kept with the nodes there are); way 9005: a
    footway of which one node only is in the extract (GDAL drops it)."""
    lat = QUIRKS_LAT
    extract.square(9001, LON0, lat, SIDE, {"building": "yes",
                                          "name": "Open ring"}, close=False)
    a, b = extract.node(LON0 + STEP, lat), extract.node(LON0 + STEP + SIDE,
                                                        lat)
    extract.way(9002, [a, b, a], {"building": "yes", "name": "Two points"})
    extract.square(9003, LON0 + 2 * STEP, lat, SIDE, None, close=False)
    extract.relation(9100, [9003], {"type": "multipolygon",
                                    "leisure": "park", "name": "Broken"})
    corners = [extract.node(LON0 + 3 * STEP + dx, lat + dy) for dx, dy in
               ((0, 0), (SIDE, 0), (SIDE, SIDE), (0, SIDE))]
    extract.way(9004, corners[:2] + [99_999_999] + corners[2:] + corners[:1],
                {"building": "yes", "name": "Missing node"})
    start = extract.node(LON0 + 4 * STEP, lat)
    extract.way(9005, [start, 99_999_998], {"highway": "footway"})
