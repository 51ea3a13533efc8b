"""Synthetic grid sites for the benchmarks: n buildings on 100 m blocks,
with proportional walkways, facilities, spaces, lots and zones."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from plannerdesk.model.plan import Plan
from plannerdesk.model.schema import FACILITY_CATEGORIES

X0, Y0 = 400_000.0, 3_300_000.0
BLOCK = 100.0
USES = ("office", "rnd", "commercial", "residential", "incubator", "education")
SUBJECTS = ("enterprise", "enterprise", "none", "none", "intermediary",
            "university")


def grid_site(n_buildings: int, seed: int = 1) -> Plan:
    """A square site of 100 m blocks holding four buildings each."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n_buildings / 4)))
    extent = side * BLOCK
    plan, frame = _streets(side)
    bx, by = (a.ravel() for a in np.meshgrid(np.arange(side), np.arange(side)))
    offsets = np.array([(10, 10), (60, 10), (10, 60), (60, 60)])
    x = X0 + np.repeat(bx * BLOCK, 4) + np.tile(offsets[:, 0], len(bx))
    y = Y0 + np.repeat(by * BLOCK, 4) + np.tile(offsets[:, 1], len(by))
    x, y = x[:n_buildings], y[:n_buildings]
    floors = rng.integers(2, 8, n_buildings)
    kind = np.arange(n_buildings) % len(USES)
    plan.add_features("buildings", frame({
        "use": np.array(USES)[kind], "floors": floors,
        "employees": (900 * floors / 21).astype(int),
        "subject": np.array(SUBJECTS)[kind]},
        shapely.box(x, y, x + 30, y + 30)))
    plan.add_features("facilities", frame(
        {"category": np.resize(FACILITY_CATEGORIES, n_buildings // 20)},
        _street_points(rng, n_buildings // 20, extent)))
    plan.add_features("public_points", frame(
        {"kind": ["node_green"] * (n_buildings // 100)},
        _street_points(rng, n_buildings // 100, extent)))
    plan.add_features("parking", frame(
        {"capacity": rng.integers(60, 300, n_buildings // 50)},
        _street_points(rng, n_buildings // 50, extent)))
    return plan


def _streets(side: int):
    """A plan holding a square site of ``side`` x ``side`` blocks, its 16
    zones and a street along every block edge; and its frame maker."""
    extent = side * BLOCK
    plan = Plan(crs="EPSG:4549")
    frame = _frame_maker(plan)
    plan.add_features("site", frame({"name": ["site"]}, [shapely.box(
        X0, Y0, X0 + extent, Y0 + extent)]))
    z = np.linspace(0, extent, 5)
    zx, zy = (a.ravel() for a in np.meshgrid(z[:-1], z[:-1]))
    plan.add_features("zones", frame(
        {"name": [f"Zone {i + 1}" for i in range(len(zx))]},
        shapely.box(X0 + zx, Y0 + zy, X0 + zx + z[1], Y0 + zy + z[1])))
    at = np.arange(side + 1) * BLOCK
    lines = [shapely.LineString([(X0, Y0 + v), (X0 + extent, Y0 + v)])
             for v in at] + \
            [shapely.LineString([(X0 + v, Y0), (X0 + v, Y0 + extent)])
             for v in at]
    plan.add_features("walkways", frame({"kind": ["street"] * len(lines)},
                                        lines))
    return plan, frame


def _frame_maker(plan: Plan):
    def frame(columns: dict, geometry) -> gpd.GeoDataFrame:
        return gpd.GeoDataFrame(columns, geometry=np.asarray(geometry),
                                crs=plan.crs)
    return frame


def _street_points(rng, n: int, extent: float) -> np.ndarray:
    """Points 5 m off a random street, inside the site."""
    along = rng.uniform(0, extent, n)
    street = rng.integers(0, int(extent / BLOCK), n) * BLOCK + 5
    vertical = rng.random(n) < 0.5
    return shapely.points(X0 + np.where(vertical, street, along),
                          Y0 + np.where(vertical, along, street))


# Offsets (m) of a block's four 30 m buildings from its south-west corner:
# each is nearer one street than any other, so no walk has a tie.
CITY_OFFSETS = np.array([(8.0, 13.0), (57.0, 16.0), (14.0, 55.0),
                         (61.0, 62.0)])
CAFE_AT, LOT_AT = (46.0, 4.0), (4.0, 47.0)


def grid_city(n_buildings: int, seed: int = 1) -> Plan:
    """The evaluation benchmark's city: 100 m blocks of four buildings set
    so that none is equidistant to two streets, a cafe every 10 blocks and
    a parking lot every 5, 16 zones."""
    rng = np.random.default_rng(seed)
    side = int(np.ceil(np.sqrt(n_buildings / 4)))
    plan, frame = _streets(side)
    bx, by = (a.ravel() * BLOCK
              for a in np.meshgrid(np.arange(side), np.arange(side)))
    x = X0 + np.repeat(bx, 4) + np.tile(CITY_OFFSETS[:, 0], len(bx))
    y = Y0 + np.repeat(by, 4) + np.tile(CITY_OFFSETS[:, 1], len(by))
    x, y = x[:n_buildings], y[:n_buildings]
    floors = rng.integers(2, 8, n_buildings)
    kind = np.arange(n_buildings) % len(USES)
    plan.add_features("buildings", frame({
        "use": np.array(USES)[kind], "floors": floors.astype(float),
        "employees": (900 * floors / 21).astype(int),
        "subject": np.array(SUBJECTS)[kind]},
        shapely.box(x, y, x + 30, y + 30)))
    blocks = int(np.ceil(n_buildings / 4))
    cafes, lots = np.arange(0, blocks, 10), np.arange(0, blocks, 5)
    plan.add_features("facilities", frame(
        {"category": ["cafe"] * len(cafes)},
        shapely.points(X0 + bx[cafes] + CAFE_AT[0],
                       Y0 + by[cafes] + CAFE_AT[1])))
    plan.add_features("parking", frame(
        {"capacity": rng.integers(60, 300, len(lots))},
        shapely.points(X0 + bx[lots] + LOT_AT[0],
                       Y0 + by[lots] + LOT_AT[1])))
    return plan


if __name__ == "__main__":
    import sys

    from plannerdesk.io.gpkg import save_plan

    save_plan(grid_city(int(sys.argv[1])), sys.argv[2], replace=True)
