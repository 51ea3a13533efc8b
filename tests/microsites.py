"""Hand-built micro-sites whose answers are worked out by hand in the tests."""

from __future__ import annotations

import shapely

from plannerdesk.model.plan import Plan

from .conftest import box, frame, pt


def line(*xy) -> shapely.LineString:
    return shapely.LineString([pt(x, y).coords[0] for x, y in xy])


def plan_of(**layers: list[dict]) -> Plan:
    """A plan in EPSG:4549 with the given layers (rows hold 'geometry')."""
    plan = Plan(crs="EPSG:4549")
    for name in ("site", "zones"):
        if name in layers:
            plan.add_features(name, frame(layers.pop(name)))
    for name, rows in layers.items():
        plan.add_features(name, frame(rows))
    return plan


def building(x: float, *, name: str = "", use: str = "office",
             employees: int | None = None, subject: str = "none",
             floors: int = 1) -> dict:
    """A 20 x 50 m building whose centroid is 35 m north of y = 0 at ``x``."""
    return {"name": name, "use": use, "floors": floors,
            "employees": employees, "subject": subject,
            "geometry": box(x - 10, 10, x + 10, 60)}


def street(x0: float = 0, x1: float = 1000, y: float = 0, **kw) -> dict:
    return {"name": "Main street", "kind": "street",
            "geometry": line((x0, y), (x1, y)), **kw}


def facility(x: float, category: str, y: float = 10, name: str = "") -> dict:
    return {"name": name or category, "category": category,
            "geometry": pt(x, y)}
