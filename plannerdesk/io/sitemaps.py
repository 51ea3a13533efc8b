"""The plan's site maps as the attribute table ``plannerdesk_site_maps``.

One row a map, bottom first; paths relative to the plan's folder where the
map lies in it or below, absolute otherwise. In memory they are absolute,
so saving the plan elsewhere keeps them right.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyogrio

from ..model.problems import PlannerError
from ..model.plan_paths import relative_to_plan, resolve_stored
from ..model.sitemaps import SiteMap, resolve
from .stored import flag

SITE_MAPS_TABLE = "plannerdesk_site_maps"
_TEXT = ("path", "kind", "name", "source_crs", "layer")


def write_site_maps(path: Path, site_maps: list[SiteMap],
                    plan_path: Path) -> None:
    """Write the table into the GeoPackage at ``path`` (the plan's, or a
    temporary copy of it), paths relative to ``plan_path``."""
    rows = [{"path": relative_to_plan(resolve(m, plan_path), plan_path),
             "kind": m.kind, "name": m.name, "visible": m.visible,
             "opacity": m.opacity, "source_crs": m.source_crs,
             "layer": m.layer} for m in site_maps]
    columns = {name: pd.Series([r[name] for r in rows], dtype=object)
               for name in _TEXT}
    columns["visible"] = pd.Series([r["visible"] for r in rows], dtype=bool)
    columns["opacity"] = pd.Series([r["opacity"] for r in rows], dtype=float)
    pyogrio.write_dataframe(pd.DataFrame(columns), path,
                            layer=SITE_MAPS_TABLE, driver="GPKG")


def read_site_maps(path: Path) -> list[SiteMap]:
    """The site maps stored in the plan at ``path``, in order."""
    frame = pyogrio.read_dataframe(path, layer=SITE_MAPS_TABLE)
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
        raise PlannerError(
            f"{plan_path}: row {number} of the table '{SITE_MAPS_TABLE}' is "
            f"damaged ({exc}). Fix: correct that row (e.g. in QGIS), or "
            "delete the table to forget the site maps; the plan's own "
            "layers are unaffected") from None
