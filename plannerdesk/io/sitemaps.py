"""The plan's site maps as the attribute table ``plannerdesk_site_maps``.

One row a map, bottom first; paths relative to the plan's folder where the
map lies in it or below, absolute otherwise. In memory they are absolute,
so saving the plan elsewhere keeps them right.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..model.language import tr
from ..model.plan_paths import relative_to_plan, resolve_stored
from ..model.problems import PlannerError
from ..model.saved import StoredTable
from ..model.sitemaps import SiteMap, resolve
from .stored import flag, read_table

SITE_MAPS_TABLE = "plannerdesk_site_maps"
_TEXT = ("path", "kind", "name", "source_crs", "layer")
_COLUMNS = tuple((name, "TEXT") for name in _TEXT) + (
    ("visible", "BOOLEAN"), ("opacity", "REAL"))


def site_maps_table(site_maps: list[SiteMap], plan_path: Path) -> StoredTable:
    """The table's rows, paths relative to ``plan_path``."""
    rows = tuple(
        (relative_to_plan(resolve(m, plan_path), plan_path), m.kind, m.name,
         m.source_crs, m.layer, int(bool(m.visible)), float(m.opacity))
        for m in site_maps)
    return StoredTable(SITE_MAPS_TABLE, _COLUMNS, rows)


def read_site_maps(path: Path) -> list[SiteMap]:
    """The site maps stored in the plan at ``path``, in order."""
    frame = read_table(path, SITE_MAPS_TABLE)
    return [_site_map(row, number, path)
            for number, row in enumerate(frame.to_dict("records"), 1)]


def _site_map(row: dict, number: int, plan_path: Path) -> SiteMap:
    try:
        values = {name: None if pd.isna(row[name]) else str(row[name])
                  for name in _TEXT}
        if values["path"]:
            values["path"] = str(resolve_stored(values["path"], plan_path))
        return SiteMap(**values, visible=flag(row["visible"], "visible"),
                       opacity=float(row["opacity"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise PlannerError(tr(
            "{path}: row {number} of the table '{table}' is damaged "
            "({error}). Fix: correct that row (e.g. in QGIS), or delete the "
            "table to forget the site maps; the plan's own layers are "
            "unaffected").format(path=plan_path, number=number,
                                 table=SITE_MAPS_TABLE, error=exc)) from None
