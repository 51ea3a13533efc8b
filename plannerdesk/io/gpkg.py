"""The plan file: one GeoPackage, each layer an ordinary table.

Settings live in the attribute table ``plannerdesk_settings`` (key, JSON
value), the site maps under the plan in ``plannerdesk_site_maps``, the
proposals in ``plannerdesk_scenarios`` and ``plannerdesk_scenario_edits``
and QGIS styles in ``layer_styles``. The layers and settings stored are the
existing layout's, whichever scenario is active.

A save changes the file in place, in one SQLite transaction, writing only
what changed since the plan read or last wrote that file
(:class:`~plannerdesk.model.saved.SavedState`); everything else in the file
(other tables, indexes, triggers, field aliases, styles, the journal mode,
the file's mode and owner) stays as it was. Another program may hold the
file open meanwhile, as QGIS does. Only a new file is written beside its
target and moved into place.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError
from pyproj import CRS

from ..model.crs import describe
from ..model.language import N_, tr
from ..model.lot_access import unknown_served
from ..model.plan import Plan, empty_layer
from ..model.problems import PlannerError, Problem
from ..model.saved import SavedState, StoredTable
from ..model.scenario_edits import EXISTING, LayerEdits, diff
from ..model.scenarios import share_notes, switch
from ..model.schema import LAYER_ORDER, layer_spec
from ..model.settings import Settings
from ..model.validation import conform_layer
from .files import (
    flush,
    flush_folder,
    read_only_reason,
    recovery_path,
    require_regular_file,
)
from .gpkg_sql import (
    BUSY_TIMEOUT_S,
    column_types,
    connect,
    create_attribute_table,
    create_geopackage,
    geometry_column,
    quote,
    srs_id,
    table_names,
    touch_contents,
    write_transaction,
)
from .layer_writer import PlanChanged, content_type, write_layer
from .scenarios import read_scenarios, scenario_tables
from .sitemaps import SITE_MAPS_TABLE, read_site_maps, site_maps_table
from .stored import read_table
from .stored_types import mistyped_cells
from .styles import write_layer_styles

__all__ = ["PlanChanged", "SETTINGS_TABLE", "open_plan", "save_plan",
           "update_plan", "write_table"]

SETTINGS_TABLE = "plannerdesk_settings"
T = TypeVar("T")


# --- reading ------------------------------------------------------------------

def open_plan(path: str | os.PathLike) -> tuple[Plan, list[Problem]]:
    """Read a plan file; the problems found in it come back beside it."""
    path = Path(path)
    tables = _list_tables(path)
    problems: list[Problem] = []
    stored = _read_settings(path, tables[SETTINGS_TABLE][0]) \
        if SETTINGS_TABLE in tables else {}
    settings = Settings.from_dict(stored.get("settings", {}), path.name)
    raw = {}
    for name in LAYER_ORDER:
        if name in tables:
            table = _layer_table(path, name, tables, problems)
            raw[name] = _read_layer(path, table)
            problems += mistyped_cells(path, table, raw[name].columns)
    crs = _plan_crs(path, stored, raw)
    layers = {name: _to_crs(raw[name], crs, path.name, name, problems)
              if name in raw else empty_layer(name, crs)
              for name in LAYER_ORDER}
    site_maps = read_site_maps(path) if SITE_MAPS_TABLE in tables else []
    plan = Plan(crs=crs, layers=layers, settings=settings,
                site_maps=site_maps)
    as_read = {name: layers[name] if name in raw else None
               for name in LAYER_ORDER}
    site = plan.site_geometry()
    for name in LAYER_ORDER:
        plan.layers[name], found = conform_layer(
            plan.layers[name], layer_spec(name), source=path.name,
            site=None if name in ("site", "zones") else site)
        problems += found
    problems += unknown_served(plan.layers["parking"],
                               plan.layers["buildings"], path.name)
    plan.scenarios, active = read_scenarios(path, set(tables), plan.layers)
    share_notes(plan)
    if active != EXISTING:
        problems += switch(plan, active)
    plan.saved[_key(path)] = SavedState(
        layers=as_read,
        tables={t.name: t for t in _tables(plan, path)
                if t.name.lower() in tables},
        reprojected=frozenset(n for n, layer in raw.items()
                              if layer.crs is not None and layer.crs != crs),
        identity=_identity(path))
    return plan, problems


def _list_tables(path: Path) -> dict[str, tuple[str, str | None]]:
    """The file's tables by lower-case name: (name, geometry type or None)."""
    require_regular_file(path, N_("plan"), tr(
        "check the path, or create a plan with 'plannerdesk new {path}'")
        .format(path=path))
    if path.stat().st_size == 0:
        raise PlannerError(tr(
            "{path} is empty (0 bytes): a save or a copy of it did not "
            "finish. Fix: {restore}").format(path=path,
                                               restore=_restore(path)))
    _probe(path)
    try:
        listing = pyogrio.list_layers(path)
    except DataSourceError as exc:
        raise _unreadable(path, exc) from None
    return {str(name).lower(): (str(name), kind) for name, kind in listing}


def _probe(path: Path) -> None:
    """Fail at once, and say why, when SQLite cannot read the file: not a
    database, or locked by a program in the middle of writing it. A
    writable file is opened for writing, so SQLite rolls back what a killed
    save left in its journal before anything reads the plan."""
    try:
        db = connect(path, read_only=read_only_reason(path) is not None)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    except sqlite3.Error as exc:
        if "locked" in str(exc) or getattr(
                exc, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
            raise PlannerError(tr(
                "{path}: another program is writing to the plan and holds "
                "it locked (waited {seconds:g} s). Fix: wait until it has "
                "finished, or close the plan there, then try again").format(
                    path=path, seconds=BUSY_TIMEOUT_S)) from None
        raise _unreadable(path, exc) from None
    except UnicodeDecodeError as exc:   # a damaged schema's text
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: Exception) -> PlannerError:
    return PlannerError(tr(
        "{path}: not a GeoPackage PlannerDesk can read ({error}). Fix: check "
        "that it is a PlannerDesk plan (.gpkg); if it is one, it is damaged: "
        "{restore}").format(path=path, restore=_restore(path),
                            error=str(exc).strip() or type(exc).__name__))


def _restore(path: Path) -> str:
    """How to get a damaged or empty plan back."""
    recovery = recovery_path(path)
    if recovery.is_file():
        return tr("open its recovery file {recovery} (the last autosave) "
                  "and save it as the plan").format(recovery=recovery)
    return tr("restore it from a backup")


def _layer_table(path: Path, name: str,
                 tables: dict[str, tuple[str, str | None]],
                 problems: list[Problem]) -> str:
    """The table holding layer ``name`` (SQLite's names ignore case)."""
    table, kind = tables[name]
    if kind is None:
        raise PlannerError(tr(
            "{path}: the table '{table}' has no geometry, so it cannot be "
            "the plan's layer '{layer}'. Fix: rename that table (e.g. in "
            "QGIS), or give it a geometry column").format(
                path=path, table=table, layer=name))
    if table != name:
        problems.append(Problem(
            "info", tr("the table '{table}' is read as the layer '{layer}' "
                       "(table names ignore case) and saved under its own "
                       "name").format(table=table, layer=name), "",
            path.name, name))
    return table


def _read_layer(path: Path, table: str) -> gpd.GeoDataFrame:
    """One table; a geometry GDAL cannot parse comes back missing, and
    validation names its feature."""
    try:
        with warnings.catch_warnings():  # validation names what GDAL warns of
            warnings.simplefilter("ignore", RuntimeWarning)
            info = pyogrio.read_info(path, layer=table)
            frame = pyogrio.read_dataframe(path, layer=table,
                                           fid_as_index=True,
                                           on_invalid="ignore")
    except (DataSourceError, DataLayerError) as exc:
        raise _unreadable(path, exc) from None
    except UnicodeDecodeError as exc:
        raise PlannerError(tr(
            "{path}: some text in the table '{table}' is not UTF-8 (it holds "
            "the byte {byte:#x}). Fix: correct that text, e.g. in QGIS's "
            "attribute table").format(path=path, table=table,
                                      byte=exc.object[exc.start])) from None
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
        try:
            return CRS.from_user_input(stored["crs"])
        except Exception:  # pyproj raises CRSError or others on junk
            raise PlannerError(tr(
                "{path}: the CRS stored in '{table}' ({crs!r}) is not one "
                "PlannerDesk knows. Fix: set the row 'crs' to the plan's "
                'code, e.g. "EPSG:4549"').format(
                    path=path, table=SETTINGS_TABLE,
                    crs=str(stored["crs"])[:60])) from None
    for layer in raw.values():
        if layer.crs is not None:
            return layer.crs
    raise PlannerError(tr(
        "{path}: no layer has a CRS. Fix: create the plan with 'plannerdesk "
        "new PLAN.gpkg --crs EPSG:NNNN'").format(path=path))


def _to_crs(layer: gpd.GeoDataFrame, crs: CRS, source: str, name: str,
            problems: list[Problem]) -> gpd.GeoDataFrame:
    if layer.crs is None:
        problems.append(Problem(
            "warning", tr("has no CRS; taken to be the plan's {crs}").format(
                crs=describe(crs)), "", source, name))
        return layer.set_crs(crs)
    if layer.crs != crs:
        problems.append(Problem(
            "info", tr("was in {crs}; reprojected to the plan's {plan_crs}")
            .format(crs=describe(layer.crs), plan_crs=describe(crs)), "",
            source, name))
        return layer.to_crs(crs)
    return layer


def _read_settings(path: Path, table: str) -> dict:
    frame = read_table(path, table)
    try:
        return {row.key: json.loads(row.value) for row in frame.itertuples()}
    except (ValueError, AttributeError, TypeError, RecursionError) as exc:
        raise PlannerError(tr(
            "{path}: the table '{table}' is damaged ({error}). Fix: delete "
            "that table to fall back to the default settings").format(
                path=path, table=SETTINGS_TABLE, error=exc)) from None


# --- saving ---------------------------------------------------------------------

def save_plan(plan: Plan, path: str | os.PathLike, *,
              replace: bool = False) -> None:
    """Write ``plan`` to ``path``: its changes in place, in one transaction,
    into an existing plan file; a new file (or, with ``replace``, one that
    takes the place of whatever ``path`` holds) is written beside ``path``
    and moved into place. Either all of it is saved or the file is
    unchanged; a failure raises a PlannerError that says so."""
    path = Path(path)
    _remove_stale_temporaries(path)
    if not path.exists():
        _save_new(plan, path)
        return
    require_regular_file(path, N_("plan"), tr("check the path"))
    reason = read_only_reason(path) or read_only_reason(path.parent)
    if reason:
        raise PlannerError(tr(
            "could not save {path}: {reason}, so the plan is unchanged. "
            "Fix: make it writable, or save a copy (Save As) elsewhere")
            .format(path=path, reason=reason))
    if replace:
        _save_new(plan, path)
        return
    state = plan.saved.get(_key(path))
    if state is None or state.identity != _identity(path):
        state = open_plan(path)[0].saved[_key(path)]
    with write_transaction(path, N_("save the plan")) as db:
        tables = _write(db, plan, path, state)
    plan.saved[_key(path)] = _state_after(plan, tables, path)


def _save_new(plan: Plan, path: Path) -> None:
    """Write the whole plan as a new file beside ``path``, then move it
    into place."""
    if not path.parent.is_dir():
        raise PlannerError(tr(
            "could not save {path}: the folder {folder} does not exist. "
            "Fix: create it, or choose another folder").format(
                path=path, folder=path.parent))
    reason = read_only_reason(path.parent)
    if reason:
        raise PlannerError(tr(
            "could not save {path}: {reason}. Fix: choose a folder you can "
            "write to").format(path=path, reason=reason))
    tmp = path.with_name(f".{path.stem}.saving-{os.getpid()}.gpkg")
    tmp.unlink(missing_ok=True)
    try:
        sqlite3.connect(tmp).close()  # an empty SQLite file to build in
        with write_transaction(tmp, N_("save the plan")) as db:
            create_geopackage(db)
            tables = _write(db, plan, path, SavedState(
                layers=dict.fromkeys(LAYER_ORDER)))
        flush(tmp)
        os.replace(tmp, path)
        flush_folder(path.parent)
    except (OSError, sqlite3.Error) as exc:
        raise PlannerError(tr(
            "could not save {path}: {error}. Nothing was written there. Fix: "
            "check the folder is writable and there is free disk space, then "
            "save again").format(path=path, error=exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
    plan.saved[_key(path)] = _state_after(plan, tables, path)


def _write(db: sqlite3.Connection, plan: Plan, path: Path,
           state: SavedState) -> list[StoredTable]:
    """Write into ``db`` what differs between ``plan`` and ``state``; the
    attribute tables as now written."""
    names = table_names(db)
    srs = srs_id(db, plan.crs)
    where: dict[str, tuple[str, str]] = {}
    for name in LAYER_ORDER:
        table = names.get(name)
        layer = plan.base_layers[name]
        old = state.layers.get(name) if table is not None else None
        rewrite = name in state.reprojected
        if old is layer and not rewrite:
            edits = None  # the very frame the file holds: unchanged
        else:
            edits = _changes(old, layer, name)
        if table is None or (edits is not None and not edits.is_empty()) \
                or rewrite:
            table = write_layer(db, table, name, layer, old, edits, srs=srs,
                                rewrite_geometry=rewrite)
        where[name] = (table, (geometry_column(db, table) or ("geom",))[0])
    tables = _tables(plan, path)
    for table in tables:
        if state.tables.get(table.name) != table:
            _write_rows(db, names, table)
    write_layer_styles(db, where)
    return tables


def _changes(old: gpd.GeoDataFrame | None, layer: gpd.GeoDataFrame,
             name: str) -> LayerEdits:
    """What changed in layer ``name`` since ``old`` (all of it, if None)."""
    if old is None:
        return LayerEdits(added=layer, deleted=[], modified=layer.iloc[:0],
                          changed=pd.DataFrame(index=layer.index[:0]))
    found = diff({name: old}, {name: layer}).layers.get(name)
    return found or LayerEdits(
        added=layer.iloc[:0], deleted=[], modified=layer.iloc[:0],
        changed=pd.DataFrame(index=layer.index[:0]))


def _tables(plan: Plan, path: Path) -> list[StoredTable]:
    """PlannerDesk's attribute tables for ``plan`` saved at ``path``."""
    crs = describe(plan.crs) if plan.crs.to_epsg() else plan.crs.to_wkt()
    settings = StoredTable(
        SETTINGS_TABLE, (("key", "TEXT"), ("value", "TEXT")),
        (("crs", json.dumps(crs)),
         ("settings", json.dumps(plan.base_settings.to_dict()))), key="key")
    return [settings, site_maps_table(plan.site_maps, path),
            *scenario_tables(plan)]


def _write_rows(db: sqlite3.Connection, names: dict[str, str],
                table: StoredTable) -> None:
    """Put ``table``'s rows in the file (creating the table if it has rows
    to hold); a keyed table keeps the file's rows of other keys."""
    actual = names.get(table.name.lower())
    if actual is None:
        if not table.rows:
            return
        create_attribute_table(db, table.name, table.columns)
        actual = table.name
    have = {c.lower() for c in column_types(db, actual)}
    for column, sql_type in table.columns:
        if column.lower() not in have:
            db.execute(f"ALTER TABLE {quote(actual)} ADD COLUMN "
                       f"{quote(column)} {sql_type}")
    columns = [c for c, _ in table.columns]
    if table.key is None:
        db.execute(f"DELETE FROM {quote(actual)}")
    else:
        at = columns.index(table.key)
        db.executemany(f"DELETE FROM {quote(actual)} WHERE "
                       f"{quote(table.key)} = ?", [(r[at],) for r in table.rows])
    db.executemany(
        f"INSERT INTO {quote(actual)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join('?' * len(columns))})", table.rows)
    touch_contents(db, actual, None)


def _state_after(plan: Plan, tables: list[StoredTable],
                 path: Path) -> SavedState:
    return SavedState(
        layers=dict(plan.base_layers),
        tables={t.name: t for t in tables}, identity=_identity(path))


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _identity(path: Path) -> tuple[int, int] | None:
    """The file's device and inode: a file replaced by another program is
    another file, whatever its name."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _remove_stale_temporaries(path: Path) -> None:
    """Delete new files (and their SQLite journals) left half-written by
    saves whose process was killed."""
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


def copy_plan_file(plan: Plan, source: Path, target: Path) -> None:
    """Make ``target`` a copy of the plan file ``source`` that ``plan`` was
    read from or saved to (SQLite's backup, so a copy taken while another
    program writes is whole), so that saving ``plan`` to ``target`` then
    writes only the changes. Does nothing when ``plan`` has no record of
    ``source``."""
    state = plan.saved.get(_key(source))
    if state is None or state.identity != _identity(source):
        return
    tmp = target.with_name(f".{target.stem}.saving-{os.getpid()}.gpkg")
    try:
        with connect(source, read_only=True) as src, \
                sqlite3.connect(tmp) as dst:
            src.backup(dst)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        raise PlannerError(tr(
            "could not copy {source} to {target}: {error}. Fix: check there "
            "is free disk space").format(source=source, target=target,
                                         error=exc)) from exc
    finally:
        tmp.unlink(missing_ok=True)
    plan.saved[_key(target)] = dataclasses.replace(
        state, identity=_identity(target))


def update_plan(path: str | os.PathLike, change: Callable[[Plan], T],
                *, attempts: int = 3) -> tuple[Plan, T]:
    """Open the plan at ``path``, apply ``change`` to it and save it; when
    another program changed the plan meanwhile, start again from the file
    as it is now (up to ``attempts`` times). Returns the plan and what
    ``change`` returned."""
    attempt = 1
    while True:
        plan, _ = open_plan(path)
        result = change(plan)
        try:
            save_plan(plan, path)
            return plan, result
        except PlanChanged:
            if attempt >= attempts:
                raise
            attempt += 1


# --- result files -------------------------------------------------------------------

_GDAL_TYPES = {"POINT": "Point", "LINESTRING": "LineString",
               "POLYGON": "Polygon", "MULTIPOINT": "MultiPoint",
               "MULTILINESTRING": "MultiLineString",
               "MULTIPOLYGON": "MultiPolygon",
               "GEOMETRYCOLLECTION": "GeometryCollection",
               "GEOMETRY": "Unknown"}


def write_table(path: Path, name: str, frame: gpd.GeoDataFrame,
                empty_type: str = "Unknown") -> None:
    """Write a GeoDataFrame indexed by fid as table ``name`` of a results
    GeoPackage at ``path`` (not a plan: results are written whole).
    Single and multi parts of one type mixed are all written as multi, as
    the GeoPackage standard wants of a MULTI layer."""
    declared = content_type(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pyogrio.write_dataframe(
            frame.rename_axis("fid").reset_index(), path, layer=name,
            driver="GPKG", promote_to_multi=bool(
                declared and declared.startswith("MULTI")),
            geometry_type=_GDAL_TYPES.get(declared, empty_type))
