"""The plan file: one GeoPackage, each layer an ordinary table.

Settings live in the attribute table ``plannerdesk_settings`` (key, JSON
value), the site maps under the plan in ``plannerdesk_site_maps``, the
proposals in ``plannerdesk_scenarios`` and ``plannerdesk_scenario_edits``
and QGIS styles in ``layer_styles``. The layers and settings stored are the
existing layout's, whichever scenario is active. Saving is atomic: the plan is
written to a temporary file beside the target (starting from a copy of the
existing file, so tables PlannerDesk does not know are kept) and then moved
over it with :func:`os.replace`.
"""

from __future__ import annotations

import json
import os
import shutil
import warnings
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
from pyogrio.errors import DataSourceError
from pyproj import CRS

from ..model.crs import describe
from ..model.plan import Plan, empty_layer
from ..model.problems import PlannerError, Problem
from ..model.scenario_edits import EXISTING
from ..model.scenarios import switch
from ..model.schema import LAYER_ORDER, layer_spec
from ..model.settings import Settings
from ..model.validation import conform_layer
from .scenarios import read_scenarios, write_scenarios
from .sitemaps import SITE_MAPS_TABLE, read_site_maps, write_site_maps
from .styles import write_layer_styles

SETTINGS_TABLE = "plannerdesk_settings"


def open_plan(path: str | os.PathLike) -> tuple[Plan, list[Problem]]:
    """Read a plan file; the problems found in it come back beside it."""
    path = Path(path)
    tables = _list_tables(path)
    stored = _read_settings(path) if SETTINGS_TABLE in tables else {}
    settings = Settings.from_dict(stored.get("settings", {}), path.name)
    raw = {name: _read_layer(path, name)
           for name in LAYER_ORDER if name in tables}
    crs = _plan_crs(path, stored, raw)
    problems: list[Problem] = []
    layers = {}
    for name in LAYER_ORDER:
        layer = raw.get(name)
        if layer is None:
            layers[name] = empty_layer(name, crs)
            continue
        layers[name] = _to_crs(layer, crs, path.name, name, problems)
    site_maps = read_site_maps(path) if SITE_MAPS_TABLE in tables else []
    plan = Plan(crs=crs, layers=layers, settings=settings,
                site_maps=site_maps)
    site = plan.site_geometry()
    for name in LAYER_ORDER:
        plan.layers[name], found = conform_layer(
            plan.layers[name], layer_spec(name), source=path.name,
            site=None if name in ("site", "zones") else site)
        problems += found
    plan.scenarios, active = read_scenarios(path, tables, plan.layers)
    if active != EXISTING:
        problems += switch(plan, active)
    return plan, problems


def save_plan(plan: Plan, path: str | os.PathLike) -> None:
    """Write ``plan`` to ``path`` atomically.

    Either the whole new plan is in place afterwards or the previous file is
    untouched; a failure raises a PlannerError that says so.
    """
    path = Path(path)
    _remove_stale_temporaries(path)
    tmp = path.with_name(f".{path.stem}.saving-{os.getpid()}.gpkg")
    try:
        if path.exists():
            shutil.copyfile(path, tmp)
        for name in LAYER_ORDER:
            write_layer(tmp, name, plan.base_layers[name], plan.crs)
        _write_settings(tmp, plan)
        write_site_maps(tmp, plan.site_maps, path)
        write_scenarios(tmp, plan)
        write_layer_styles(tmp)
        _fsync(tmp)
        os.replace(tmp, path)
        _fsync(path.parent)
    except (OSError, DataSourceError, RuntimeError, ValueError) as exc:
        tmp.unlink(missing_ok=True)
        raise PlannerError(
            f"could not save {path}: {exc}. The previous file is unchanged. "
            "Fix: check the folder exists and is writable, and that there is "
            "free disk space, then save again") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _remove_stale_temporaries(path: Path) -> None:
    """Delete temporary files (and their SQLite journals) left by saves
    whose process was killed."""
    for tmp in path.parent.glob(f".{path.stem}.saving-*.gpkg*"):
        pid = tmp.name.rsplit(".saving-", 1)[-1].split(".", 1)[0]
        if pid.isdigit() and not _process_alive(int(pid)):
            tmp.unlink(missing_ok=True)


def _process_alive(pid: int) -> bool:
    if os.name == "nt":  # signal 0 is Ctrl-C there: never probe
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_layer(path: Path, name: str, layer: gpd.GeoDataFrame,
                crs: CRS) -> None:
    """Write (or overwrite) one plan layer of the GeoPackage at ``path``."""
    frame = layer.to_crs(crs) if layer.crs and layer.crs != crs else layer
    empty_type = {"point": "Point", "line": "LineString", "polygon": "Polygon"}[
        layer_spec(name).geom_kinds[0]]
    write_table(path, name, frame, empty_type)


def write_table(path: Path, name: str, frame: gpd.GeoDataFrame,
                empty_type: str = "Unknown") -> None:
    """Write a GeoDataFrame indexed by fid as table ``name`` of ``path``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pyogrio.write_dataframe(
            frame.rename_axis("fid").reset_index(), path, layer=name,
            driver="GPKG", promote_to_multi=False,
            geometry_type=_geometry_type(frame, empty_type))


def _geometry_type(layer: gpd.GeoDataFrame, empty_type: str) -> str:
    """One declared type when the features agree; 'Unknown' when mixed."""
    types = set(layer.geometry.dropna().geom_type)
    if not types:
        return empty_type
    if len(types) == 1:
        return types.pop()
    bases = {t.removeprefix("Multi") for t in types}
    return f"Multi{bases.pop()}" if len(bases) == 1 else "Unknown"


def _list_tables(path: Path) -> set[str]:
    if not path.exists():
        raise PlannerError(f"{path}: no such file. Fix: check the path, or "
                           f"create a plan with 'plannerdesk new {path}'")
    try:
        return {str(row[0]) for row in pyogrio.list_layers(path)}
    except DataSourceError:
        raise PlannerError(f"{path}: not a GeoPackage PlannerDesk can read. "
                           "Fix: open a .gpkg plan file") from None


def _read_layer(path: Path, name: str) -> gpd.GeoDataFrame:
    info = pyogrio.read_info(path, layer=name)
    frame = pyogrio.read_dataframe(path, layer=name, fid_as_index=True)
    frame.index = frame.index.astype("int64")
    for column, ogr_type, subtype in zip(
            info["fields"], info["ogr_types"], info["ogr_subtypes"],
            strict=True):
        if subtype == "OFSTBoolean":
            frame[column] = frame[column].astype("boolean")
        elif ogr_type in ("OFTInteger", "OFTInteger64"):
            frame[column] = frame[column].astype("Int64")
    return frame


def _plan_crs(path: Path, stored: dict, raw: dict) -> CRS:
    if "crs" in stored:
        return CRS.from_user_input(stored["crs"])
    for layer in raw.values():
        if layer.crs is not None:
            return layer.crs
    raise PlannerError(f"{path}: no layer has a CRS. Fix: create the plan "
                       "with 'plannerdesk new PLAN.gpkg --crs EPSG:NNNN'")


def _to_crs(layer: gpd.GeoDataFrame, crs: CRS, source: str, name: str,
            problems: list[Problem]) -> gpd.GeoDataFrame:
    if layer.crs is None:
        problems.append(Problem(
            "warning", f"has no CRS; taken to be the plan's {describe(crs)}",
            "", source, name))
        return layer.set_crs(crs)
    if layer.crs != crs:
        problems.append(Problem(
            "info", f"was in {describe(layer.crs)}; reprojected to the "
            f"plan's {describe(crs)}", "", source, name))
        return layer.to_crs(crs)
    return layer


def _read_settings(path: Path) -> dict:
    frame = pyogrio.read_dataframe(path, layer=SETTINGS_TABLE)
    try:
        return {row.key: json.loads(row.value) for row in frame.itertuples()}
    except (json.JSONDecodeError, AttributeError, TypeError) as exc:
        raise PlannerError(
            f"{path}: the table '{SETTINGS_TABLE}' is damaged ({exc}). Fix: "
            "delete that table to fall back to the default settings") from None


def _write_settings(path: Path, plan: Plan) -> None:
    rows = {"crs": describe(plan.crs) if plan.crs.to_epsg() else
            plan.crs.to_wkt(), "settings": plan.base_settings.to_dict()}
    frame = pd.DataFrame({"key": list(rows),
                          "value": [json.dumps(v) for v in rows.values()]})
    pyogrio.write_dataframe(frame, path, layer=SETTINGS_TABLE, driver="GPKG")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
