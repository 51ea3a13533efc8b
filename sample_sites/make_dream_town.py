"""Generate the Dream Town sample plan and its base map, reproducibly.

A schematic reconstruction for demonstration, not survey data: the Dream
Town (Cangqian, Yuhang District, Hangzhou), about 347 ha, in CGCS2000 /
3-degree Gauss-Kruger CM 120E (EPSG:4549). Hangzhou Normal University lies
to the west, Haishu Road and Yuhangtang South Road to the north, the
Xuanhang Railway to the south and East West Avenue to the east; the
Yuhangtang River runs east-west through the middle.

The layout is built on a local grid (metres from the south-west corner)
and shifted into EPSG:4549. It reproduces the case's findings: small node
spaces in the office areas, waterfront trails, few large squares, too few
leisure facilities, Internet Village short of parking while Yangpan
Village's underground garage and surface lot sit far from the demand.

Usage: ``python sample_sites/make_dream_town.py OUT_DIR``
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from basemap_render import render_basemap  # noqa: E402

from plannerdesk.io.gpkg import save_plan  # noqa: E402
from plannerdesk.model.plan import Plan  # noqa: E402
from plannerdesk.model.sitemaps import SiteMap  # noqa: E402

CRS = "EPSG:4549"
# South-west corner of the local grid (lon, lat), near Cangqian.
ORIGIN = Transformer.from_crs(4326, CRS, always_xy=True).transform(
    119.9795, 30.2835)
BASEMAP = "dream_town_basemap.png"    # beside the plan: a relative path
RIVER_S, RIVER_N = 700.0, 750.0          # streets on either bank
XS = [0, 175, 350, 515, 680, 840, 1000, 1175, 1350, 1525, 1700, 1880,
      2060, 2240, 2420, 2600]
YS_SOUTH = [0, 175, 350, 525, RIVER_S]
YS_NORTH = [RIVER_N, 915, 1080, 1240, 1400]
BRIDGES_X = (515, 1000, 2060)

ZONES = [  # name, Chinese name, (x0, y0, x1, y1)
    ("University Edge", "高校边缘", (0, 0, 350, 1400)),
    ("Cangqian Old Street", "仓前老街", (350, 725, 1000, 1400)),
    ("Internet Village", "互联网村", (1000, 725, 1700, 1400)),
    ("Angel Village", "天使村", (1700, 725, 2600, 1400)),
    ("Yangpan Village", "杨潘村", (350, 0, 1350, 725)),
    ("Yangguo Village", "杨郭村", (1350, 0, 2600, 725)),
]
# Character of each zone: use mix, floors, employee density, parking supply
# as a share of its own demand.
CHARACTER = {
    "University Edge": (["education", "research_institute"], (3, 5), 0.7, 1.3),
    "Cangqian Old Street": (["commercial", "cultural", "commercial",
                             "office"], (2, 3), 0.6, 1.3),
    "Internet Village": (["office", "incubator", "office", "rnd"], (4, 6),
                         1.0, 0.3),
    "Angel Village": (["office", "office", "mixed", "commercial"], (3, 5),
                      0.9, 1.3),
    "Yangpan Village": (["residential", "office", "residential",
                         "commercial"], (2, 4), 0.5, 2.0),
    "Yangguo Village": (["rnd", "research_institute", "residential",
                         "office"], (3, 5), 0.8, 1.3),
}
SUBJECT_OF_USE = {"office": "enterprise", "incubator": "intermediary",
                  "rnd": "enterprise", "education": "university",
                  "research_institute": "research_institute"}
# Blocks kept open for the large public spaces: (column, row) of the grid.
OPEN_BLOCKS = {
    (3, 5): ("Golden Wheat Field", "square"),
    (7, 6): ("Dream Corridor Square", "square"),
    (12, 6): ("Angel Village Square", "square"),
    (11, 1): ("Yangguo Pocket Park", "park"),
    (1, 7): ("University Green", "public_green"),
}


def site_polygon() -> shapely.Polygon:
    """Railway to the south (slanting), Haishu Road north, avenue east."""
    return shapely.Polygon([(0, 120), (2600, 0), (2600, 1180), (2380, 1400),
                            (0, 1400)])


def zone_of(point: shapely.Point) -> str:
    for name, _, box in ZONES:
        if shapely.box(*box).contains(point):
            return name
    return ZONES[0][0]


def grid_blocks(site: shapely.Polygon):
    """(col, row, polygon) of each street block, inset from the streets."""
    rows = [(YS_SOUTH[i], YS_SOUTH[i + 1]) for i in range(4)] + \
           [(YS_NORTH[i], YS_NORTH[i + 1]) for i in range(4)]
    for c in range(len(XS) - 1):
        for r, (y0, y1) in enumerate(rows):
            cell = shapely.box(XS[c] + 10, y0 + 10, XS[c + 1] - 10, y1 - 10)
            block = cell.intersection(site.buffer(-10))
            if block.area > 2000:
                yield c, r, block


def make_buildings(site, rng) -> tuple[list[dict], list[dict]]:
    buildings, open_spaces = [], []
    for c, r, block in grid_blocks(site):
        zone = zone_of(block.centroid)
        if (c, r) in OPEN_BLOCKS:
            name, kind = OPEN_BLOCKS[(c, r)]
            open_spaces.append({"name": name, "kind": kind, "open": True,
                                "geometry": block})
            continue
        uses, floors, density, _ = CHARACTER[zone]
        for i, foot in enumerate(_footprints(block, zone, rng)):
            use = uses[(c + r + i) % len(uses)]
            n_floors = int(rng.integers(floors[0], floors[1] + 1))
            gfa = round(foot.area * n_floors, 1)
            employees = (pd.NA if use in ("residential", "commercial") or
                         (c + r + i) % 9 == 0 else
                         int(gfa / 21 * density))
            buildings.append({
                "name": f"{zone.split()[0][:3].upper()}-{c:02d}{r}{i}",
                "use": use, "floors": n_floors, "gfa_m2": gfa,
                "employees": employees,
                "subject": SUBJECT_OF_USE.get(use, "none"),
                "zone": zone, "geometry": foot})
    _name_landmarks(buildings)
    return buildings, open_spaces


def _footprints(block: shapely.Polygon, zone: str, rng):
    """Low-rise footprints along the block's south (and north) edge."""
    x0, y0, x1, y1 = block.bounds
    dense = zone in ("Internet Village", "Cangqian Old Street")
    rows = [(y0 + 8, 1)] + ([(y1 - 8, -1)] if dense else [])
    for y, side in rows:
        x = x0 + 8
        while True:
            width, depth = rng.uniform(20, 32), rng.uniform(18, 28)
            if x + width > x1 - 8:
                break
            foot = shapely.box(x, min(y, y + side * depth), x + width,
                               max(y, y + side * depth))
            if block.contains(foot):
                yield foot
            x += width + rng.uniform(10, 18)


def _name_landmarks(buildings: list[dict]) -> None:
    """Give the landmark institutions their names and subjects."""
    def nearest(x: float, y: float) -> dict:
        return min(buildings, key=lambda b: b["geometry"].centroid.distance(
            shapely.Point(x, y)))

    landmarks = [
        (600, 1150, "Dream Town Service Hall (University Alliance Window)",
         "government_service", "government"),
        (450, 1300, "Dream Town Characteristic College", "education",
         "university"),
        (150, 1150, "HZNU Science Park", "research_institute",
         "research_institute"),
        (1250, 1000, "Dream Town Incubator", "incubator", "intermediary"),
        (1900, 1000, "Angel Investment Building", "office", "finance"),
        (2150, 1150, "Venture Capital Centre", "office", "finance"),
        (1800, 1300, "Technology Transfer Agency", "office", "intermediary"),
        (2200, 400, "Zhejiang Digital Research Institute",
         "research_institute", "research_institute"),
    ]
    for x, y, name, use, subject in landmarks:
        b = nearest(x, y)
        b.update(name=name, use=use, subject=subject)
        if pd.isna(b["employees"]):
            b["employees"] = int(b["gfa_m2"] / 25)


def make_walkways(site) -> list[dict]:
    ways = []
    inside = site.buffer(1)

    def add(coords, kind, name):
        line = shapely.LineString(coords).intersection(inside)
        for part in shapely.get_parts(line):
            if part.length > 1:
                ways.append({"name": name, "kind": kind, "walkable": True,
                             "geometry": part})

    for x in XS:
        add([(x, 0), (x, RIVER_S)], "street", f"South Street {x}")
        add([(x, RIVER_N), (x, 1400)], "street", f"North Street {x}")
    for y in YS_SOUTH:
        add([(0, y), (2600, y)], "street",
            "Yuhangtang South Bank Road" if y == RIVER_S else f"Road {y}")
    for y in YS_NORTH[1:]:
        add([(0, y), (2600, y)], "street",
            "Haishu Road" if y == 1400 else f"Road {y}")
    add([(0, RIVER_N), (350, RIVER_N)], "path", "University Bank Path")
    add([(1700, RIVER_N), (2600, RIVER_N)], "path", "Angel Bank Path")
    for x in BRIDGES_X:
        add([(x, RIVER_S), (x, RIVER_N)], "bridge", f"Bridge {x}")
    return ways


def make_public_lines() -> list[dict]:
    def line(name, kind, coords):
        return {"name": name, "kind": kind, "open": True, "walkable": True,
                "geometry": shapely.LineString(coords)}

    return [
        line("Old Street Waterfront Trail", "waterfront_trail",
             [(350, RIVER_N), (1000, RIVER_N)]),
        line("Internet Village Waterfront Walk", "waterfront_trail",
             [(1000, RIVER_N), (1700, RIVER_N)]),
        line("Old Street Lane West", "lane", [(430, RIVER_N), (430, 1240)]),
        line("Old Street Lane East", "lane", [(760, RIVER_N), (760, 1240)]),
        line("Old Street Lane", "lane", [(350, 830), (1000, 830)]),
        line("Yangguo Greenway", "greenway", [(1350, 262), (2600, 262)]),
    ]


def make_public_points(buildings) -> list[dict]:
    spaces = []
    for i, b in enumerate(buildings):
        c = b["geometry"]
        if b["zone"] == "Internet Village" and i % 4 == 0:
            x0, y0, x1, y1 = c.bounds
            spaces.append(("node_green", f"Node Green {len(spaces) + 1}",
                           shapely.Point((x0 + x1) / 2, y1 + 12)))
        elif b["zone"] == "Angel Village" and i % 9 == 0:
            x0, y0, x1, y1 = c.bounds
            spaces.append(("entry_forecourt", f"{b['name']} Forecourt",
                           shapely.Point((x0 + x1) / 2, y0 - 6)))
    for x, y, kind, name in [
        (1000, 1080, "intersection_plaza", "Dream Crossroads Plaza"),
        (680, 915, "intersection_plaza", "Old Street Corner Plaza"),
        (1700, 915, "intersection_plaza", "Angel Gate Plaza"),
        (2420, 1240, "entry_forecourt", "East Gate Forecourt"),
        (900, 440, "pocket_park", "Yangpan Pocket Green"),
    ]:
        spaces.append((kind, name, shapely.Point(x + 6, y + 6)))
    return [{"name": n, "kind": k, "open": True, "geometry": g}
            for k, n, g in spaces]


FACILITIES = [  # category, name, (x, y)
    ("cafe", "Old Street Coffee", (560, 860)), ("cafe", "Wharf Cafe",
                                                (900, 770)),
    ("cafe", "Founders Coffee", (1100, 1000)), ("cafe", "Code Cafe",
                                                (1450, 1160)),
    ("cafe", "Angel Cafe", (1950, 900)), ("book_bar", "Dream Book Bar",
                                          (700, 1000)),
    ("book_bar", "Waterfront Reading Room", (1260, 775)),
    ("meeting_room", "Internet Village Meeting Rooms", (1300, 940)),
    ("meeting_room", "Service Hall Meeting Room", (610, 1160)),
    ("meeting_room", "Angel Roadshow Room", (2150, 1160)),
    ("lecture_hall", "Characteristic College Lecture Hall", (460, 1300)),
    ("lecture_hall", "Dream Town Forum Hall", (1560, 1000)),
    ("coworking", "Dream Coworking", (1150, 1300)),
    ("convenience", "Old Street Mart", (470, 960)),
    ("convenience", "Village 24h", (1380, 1300)),
    ("convenience", "Angel Mini Mart", (2300, 1000)),
    ("convenience", "Yangpan Store", (700, 260)),
    ("convenience", "Yangguo Store", (1900, 450)),
    ("supermarket", "Cangqian Supermarket", (820, 560)),
    ("restaurant", "Old Street Noodles", (520, 1000)),
    ("restaurant", "Canal Kitchen", (880, 1160)),
    ("restaurant", "Startup Canteen", (1230, 1160)),
    ("restaurant", "Village Diner", (1620, 1300)),
    ("restaurant", "Angel Bistro", (2000, 1300)),
    ("restaurant", "Yangguo Eatery", (1600, 620)),
    ("fitness", "Dream Fitness", (2250, 620)),
    ("clinic", "Cangqian Clinic", (260, 560)),
    ("bank", "Angel Bank Branch", (1800, 1160)),
    ("bank", "Old Street Bank", (600, 1300)),
    ("apartment", "Talent Apartments", (1150, 300)),
    ("bus_stop", "Haishu Road Stop", (700, 1400)),
    ("bus_stop", "Internet Village Stop", (1350, 1400)),
    ("bus_stop", "East West Avenue Stop", (2600, 800)),
    ("bus_stop", "Yangpan Stop", (840, 175)),
    ("bus_stop", "Yangguo Stop", (2060, 175)),
    ("metro_station", "HZNU Cangqian Station", (175, 1400)),
]


def make_facilities() -> list[dict]:
    return [{"name": n, "category": c, "open": True,
             "geometry": shapely.Point(xy)} for c, n, xy in FACILITIES]


def make_parking(buildings, site) -> list[dict]:
    """Lots spread over each zone, sized from its demand and supply share.

    Internet Village gets two small lots; Yangpan Village a large
    underground garage and a surface lot in its south-west, across the
    river from the demand; the other zones a lot every few blocks.
    """
    frame = pd.DataFrame(buildings)
    frame["demand"] = frame["gfa_m2"] / 100
    lots = []
    for zone, *_ in ZONES:
        share = CHARACTER[zone][3]
        zone_demand = frame.loc[frame["zone"] == zone, "demand"].sum()
        for name, type_, geom, part in _zone_lots(zone, site):
            lots.append({"name": name, "type": type_, "access": "public",
                         "capacity": int(round(zone_demand * share * part)),
                         "geometry": geom})
    return lots


def _zone_lots(zone: str, site):
    """(name, type, geometry, share of the zone's supply) of each lot."""
    if zone == "Internet Village":
        return [("Internet Village Lot", "surface",
                 shapely.box(1610, 1150, 1680, 1220), 0.8),
                ("Internet Village On-street Parking", "on_street",
                 shapely.Point(1350, 1330), 0.2)]
    if zone == "Yangpan Village":
        return [("Yangpan Village Underground Garage", "underground",
                 shapely.Point(760, 600), 0.7),
                ("Yangpan Village Surface Lot", "surface",
                 shapely.box(365, 190, 500, 340), 0.3)]
    x0, y0, x1, y1 = dict((n, b) for n, _, b in ZONES)[zone]
    spots = [(c, r, block) for c, r, block in grid_blocks(site)
             if (c + r) % 2 == 0 and block.centroid.within(
                 shapely.box(x0, y0, x1, y1)) and (c, r) not in OPEN_BLOCKS]
    kinds = ("surface", "underground", "structure")
    return [(f"{zone} Car Park {i + 1}", kinds[i % 3],
             shapely.Point(block.centroid.x, block.bounds[1] + 45),
             1 / len(spots)) for i, (c, r, block) in enumerate(spots)]


def make_notes() -> list[dict]:
    return [
        {"text": "Internet Village staff park on the lanes at lunchtime; "
         "check the kerbside count.", "status": "open", "author": "Site team",
         "created": "2026-10-12T10:30:00+08:00", "photo": None,
         "geometry": shapely.Point(1400, 1340)},
        {"text": "Yangpan garage entrance hard to find from the bridge.",
         "status": "open", "author": "Site team",
         "created": "2026-10-12T14:05:00+08:00", "photo": None,
         "geometry": shapely.Point(620, 460)},
        {"text": "Waterfront trail busy at 12:30 with informal meetings.",
         "status": "resolved", "author": "Site team",
         "created": "2026-10-13T12:40:00+08:00", "photo": None,
         "geometry": shapely.Point(1200, 760)},
    ]


def build_plan() -> Plan:
    """The sample plan, every layer in EPSG:4549."""
    rng = np.random.default_rng(20161)
    site = site_polygon()
    buildings, open_spaces = make_buildings(site, rng)
    records = {
        "site": [{"name": "Dream Town", "name_zh": "梦想小镇",
                  "geometry": site}],
        "zones": [{"name": n, "name_zh": zh,
                   "geometry": shapely.box(*box).intersection(site)}
                  for n, zh, box in ZONES],
        "buildings": buildings,
        "public_points": make_public_points(buildings),
        "public_lines": make_public_lines(),
        "public_areas": open_spaces,
        "parking": make_parking(buildings, site),
        "facilities": make_facilities(),
        "walkways": make_walkways(site),
        "review_notes": make_notes(),
    }
    plan = Plan(crs=CRS)
    for name, rows in records.items():
        frame = gpd.GeoDataFrame(rows, geometry="geometry")
        frame = frame.drop(columns=["zone"], errors="ignore")
        frame.geometry = shapely.transform(frame.geometry.array,
                                           lambda xy: xy + np.array(ORIGIN))
        _, problems = plan.add_features(name, frame.set_crs(CRS))
        assert not problems, problems
    return plan


def main(out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plan = build_plan()
    plan.site_maps.append(SiteMap(BASEMAP, "raster", "Dream Town base map"))
    save_plan(plan, out / "dream_town.gpkg")
    render_basemap(plan, out / BASEMAP,
                   river=(RIVER_S + 5, RIVER_N - 5), origin=ORIGIN)
    site_ha = plan.site_geometry().area / 10_000
    print(f"Wrote {out / 'dream_town.gpkg'} ({site_ha:.0f} ha) and its "
          "base map")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent))
