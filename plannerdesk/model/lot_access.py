"""Who may park where: public and shared lots serve every building; a
private lot serves the buildings its ``serves`` names or, when it names
none, the buildings of the zone it lies in."""

from __future__ import annotations

import re

import geopandas as gpd
import pandas as pd

from .language import tr
from .problems import Problem
from .schema import SERVES_SEPARATORS
from .validation import feature_label

_SPLIT = re.compile(f"[{re.escape(SERVES_SEPARATORS)}]")


def served_names(text: object) -> frozenset[str] | None:
    """The building names in a lot's ``serves`` (None when it names none)."""
    if not isinstance(text, str):
        return None
    names = frozenset(n.strip() for n in _SPLIT.split(text) if n.strip())
    return names or None


def unknown_served(parking: gpd.GeoDataFrame, buildings: gpd.GeoDataFrame,
                   source: str = "") -> list[Problem]:
    """A warning for each name in a lot's ``serves`` that no building has."""
    known = set(buildings["name"].dropna().astype(str).str.strip())
    problems = []
    for fid, text in parking["serves"].items():
        for name in sorted((served_names(text) or set()) - known):
            problems.append(Problem(
                "warning", tr("'serves' names '{name}', which is no "
                              "building's name, so the lot serves one "
                              "building fewer").format(name=name),
                tr("correct the name (names are separated by ';'), or name "
                   "the building so"), source, "parking",
                feature_label(parking, fid), row=fid))
    return problems


def is_private(parking: gpd.GeoDataFrame) -> pd.Series:
    """Whether each lot is private (missing access: public)."""
    return parking["access"].fillna("public").eq("private")
