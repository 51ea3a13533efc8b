"""Writing one layer's changes into its GeoPackage table, inside the save's
transaction: deleted rows, the changed cells of modified rows, added rows.

Before a cell is overwritten it is checked against the value PlannerDesk
read: a cell another program changed since, a row it deleted, or a fid it
took for a new feature stops the save (:class:`PlanChanged`), so another
program's commit is never silently lost.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model.language import N_, tr
from ..model.problems import PlannerError
from ..model.scenario_edits import LayerEdits
from ..model.schema import layer_spec
from .gpkg_sql import (
    column_types,
    create_feature_table,
    decode,
    encode,
    geometry_column,
    index_new_table,
    quote,
    touch_contents,
)

_CHUNK = 500
_CHECKED = ("INT", "BOOL", "REAL", "FLOA", "DOUB", "TEXT", "CHAR", "CLOB")
_FIX = N_("Fix: save a copy (Save As) to keep your version, then reopen "
         "the plan to see the other program's change")


_TYPE_NAMES = {0: "POINT", 1: "LINESTRING", 3: "POLYGON", 4: "MULTIPOINT",
               5: "MULTILINESTRING", 6: "MULTIPOLYGON",
               7: "GEOMETRYCOLLECTION"}


class PlanChanged(PlannerError):
    """Another program changed what this save would overwrite."""


def write_layer(db: sqlite3.Connection, table: str | None, name: str,
                layer: gpd.GeoDataFrame, old: gpd.GeoDataFrame | None,
                edits: LayerEdits, *, srs: int,
                rewrite_geometry: bool = False) -> str:
    """Write ``edits`` of plan layer ``name`` (now ``layer``, read as
    ``old``) into ``table`` (created when None); returns the table's name."""
    if table is None:
        return _write_new(db, name, layer, srs)
    geometry, declared, table_srs = geometry_column(db, table) or _no_geometry(
        table, name)
    rewrite_geometry = rewrite_geometry or table_srs != srs
    if old is not None:
        check_unchanged(db, table, name, old, edits,
                        check_geometry=not rewrite_geometry)
    types = _add_columns(db, table, layer)
    types = _widen_columns(db, table, name, layer, types)
    _delete(db, table, edits.deleted)
    _modify(db, table, geometry, types, edits, srs)
    if rewrite_geometry:
        _rewrite_geometry(db, table, geometry, layer, srs)
    _insert(db, table, name, geometry, types, edits.added, srs)
    if not edits.is_empty() or rewrite_geometry:
        _declare(db, table, declared, layer)
        touch_contents(db, table, tuple(layer.total_bounds)
                       if len(layer) else None)
    return table


def _write_new(db: sqlite3.Connection, name: str, layer: gpd.GeoDataFrame,
               srs: int) -> str:
    """A new table ``name`` holding all of ``layer``."""
    create_feature_table(db, name, _new_columns(layer, {}),
                         _declared_type(layer, name), srs)
    types = _add_columns(db, name, layer)
    _insert(db, name, name, "geom", types, layer, srs)
    index_new_table(db, name, layer.index.to_numpy("int64"),
                    np.asarray(layer.geometry.array, dtype=object))
    touch_contents(db, name, tuple(layer.total_bounds) if len(layer)
                   else None)
    return name


def _no_geometry(table: str, name: str):
    raise PlannerError(tr(
        "the table '{table}' has no geometry column, so it cannot hold the "
        "plan's layer '{layer}'. Fix: rename that table (e.g. in QGIS) and "
        "save again").format(table=table, layer=name))


# --- columns ------------------------------------------------------------------

def _sql_type(values: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(values):
        return "BOOLEAN"
    if pd.api.types.is_integer_dtype(values):
        return "INTEGER"
    if pd.api.types.is_float_dtype(values):
        return "REAL"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "DATETIME"
    return "TEXT"


def _new_columns(layer: gpd.GeoDataFrame, existing: dict[str, str]
                 ) -> dict[str, str]:
    """The layer's attribute columns ``existing`` lacks (any case), typed."""
    taken = {c.lower() for c in existing} | {"fid", "geom"}
    return {c: _sql_type(layer[c]) for c in layer.columns
            if c != layer.geometry.name and c.lower() not in taken}


def _add_columns(db: sqlite3.Connection, table: str,
                 layer: gpd.GeoDataFrame) -> dict[str, tuple[str, str]]:
    """Add the columns the table lacks; every attribute column of ``layer``
    with its column in the table and that column's declared type."""
    existing = column_types(db, table)
    for column, sql_type in _new_columns(layer, existing).items():
        db.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} "
                   f"{sql_type}")
    existing = column_types(db, table)
    by_case = {c.lower(): c for c in existing}
    return {c: (by_case[c.lower()], existing[by_case[c.lower()]])
            for c in layer.columns
            if c != layer.geometry.name and c.lower() in by_case}


def _is_integer_type(sql_type: str) -> bool:
    return sql_type.startswith(("INT", "TINYINT", "SMALLINT", "MEDIUMINT",
                                "BIGINT"))


def _widen_columns(db: sqlite3.Connection, table: str, name: str,
                   layer: gpd.GeoDataFrame,
                   types: dict[str, tuple[str, str]]
                   ) -> dict[str, tuple[str, str]]:
    """Retype as REAL each whole-number column that must now hold a
    fraction (half storeys in a plan written when floors were whole), so
    GDAL and QGIS read 2.5 and not 2; ``types`` as it then is."""
    widened = False
    for column, (stored, sql_type) in types.items():
        values = layer[column]
        if not _is_integer_type(sql_type) or \
                not pd.api.types.is_float_dtype(values) or \
                not (values.dropna() % 1 != 0).any():
            continue
        spare = f"{stored}__real"
        try:
            db.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(spare)} "
                       "REAL")
            db.execute(f"UPDATE {quote(table)} SET {quote(spare)} = "
                       f"{quote(stored)}")
            db.execute(f"ALTER TABLE {quote(table)} DROP COLUMN "
                       f"{quote(stored)}")
            db.execute(f"ALTER TABLE {quote(table)} RENAME COLUMN "
                       f"{quote(spare)} TO {quote(stored)}")
        except sqlite3.OperationalError as exc:
            raise PlannerError(tr(
                "the column '{column}' of layer '{layer}' holds whole "
                "numbers and must now hold fractions, but it cannot be "
                "retyped ({error}); nothing was saved. Fix: drop the index, "
                "trigger or view that uses it (e.g. in QGIS's DB Manager), "
                "or save a copy (Save As)").format(
                    column=stored, layer=name, error=exc)) from None
        widened = True
    return _add_columns(db, table, layer) if widened else types


def _values(values: pd.Series, sql_type: str) -> list:
    """Python values SQLite stores as ``sql_type``; missing ones None."""
    items = values.astype(object).where(values.notna(), None).tolist()
    if sql_type.startswith(("INT", "BOOL", "TINYINT", "SMALLINT",
                            "MEDIUMINT", "BIGINT")):
        return [_as(int, v) for v in items]
    if sql_type.startswith(("REAL", "FLOA", "DOUB")):
        return [_as(float, v) for v in items]
    if sql_type.startswith("BLOB"):
        return items
    return [None if v is None else v.isoformat() if hasattr(v, "isoformat")
            else str(v) for v in items]


def _as(kind: type, value: object) -> object:
    """``value`` as ``kind`` where it is one; otherwise as it is (SQLite
    keeps any value in any column, so nothing a planner typed is lost)."""
    if value is None or (kind is int and isinstance(value, float) and
                         not value.is_integer()):
        return value
    try:
        return kind(value)
    except (TypeError, ValueError, OverflowError):
        return value if isinstance(value, (int, float, str, bytes)) \
            else str(value)


# --- rows -----------------------------------------------------------------------

def _delete(db: sqlite3.Connection, table: str, fids: list[int]) -> None:
    db.executemany(f"DELETE FROM {quote(table)} WHERE fid = ?",
                   [(int(f),) for f in fids])


def _modify(db: sqlite3.Connection, table: str, geometry: str,
            types: dict[str, tuple[str, str]], edits: LayerEdits,
            srs: int) -> None:
    """UPDATE the changed cells of each modified row, grouped by which
    cells change so each group is one executemany."""
    modified, changed = edits.modified, edits.changed
    if not len(modified):
        return
    geom = modified.geometry.name
    cells = {c: _values(modified[c], types[c][1]) for c in changed.columns
             if c != geom and c in types}
    blobs = encode(modified.geometry.array, srs)
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    flags = changed.to_numpy(bool)
    names = list(changed.columns)
    for row, mask in enumerate(flags):
        groups[tuple(n for n, f in zip(names, mask, strict=True)
                     if f and (n == geom or n in types))].append(row)
    fids = modified.index.to_numpy("int64")
    for columns, rows in groups.items():
        targets = [geometry if c == geom else types[c][0] for c in columns]
        sets = ", ".join(f"{quote(t)} = ?" for t in targets)
        db.executemany(
            f"UPDATE {quote(table)} SET {sets} WHERE fid = ?",
            [tuple(blobs[r] if c == geom else cells[c][r] for c in columns)
             + (int(fids[r]),) for r in rows])


def _rewrite_geometry(db: sqlite3.Connection, table: str, geometry: str,
                      layer: gpd.GeoDataFrame, srs: int) -> None:
    """Every geometry again in the plan's CRS, and the table's CRS with it."""
    blobs = encode(layer.geometry.array, srs)
    db.executemany(f"UPDATE {quote(table)} SET {quote(geometry)} = ? "
                   "WHERE fid = ?", zip(blobs, layer.index.tolist()))
    for meta in ("gpkg_geometry_columns", "gpkg_contents"):
        db.execute(f"UPDATE {meta} SET srs_id = ? WHERE lower(table_name) = "
                   "lower(?)", (srs, table))


def _insert(db: sqlite3.Connection, table: str, name: str, geometry: str,
            types: dict[str, tuple[str, str]], added: gpd.GeoDataFrame,
            srs: int) -> None:
    if not len(added):
        return
    columns = [c for c in added.columns
               if c != added.geometry.name and c in types]
    values = [_values(added[c], types[c][1]) for c in columns]
    targets = ["fid", geometry] + [types[c][0] for c in columns]
    sql = (f"INSERT INTO {quote(table)} ({', '.join(map(quote, targets))}) "
           f"VALUES ({', '.join('?' * len(targets))})")
    rows = zip(added.index.tolist(), encode(added.geometry.array, srs),
               *values, strict=True)
    try:
        db.executemany(sql, rows)
    except sqlite3.IntegrityError as exc:
        taken = _taken(db, table, added.index)
        if not taken:
            raise
        raise PlanChanged(tr(
            "another program added feature {fid} to layer '{layer}' since "
            "PlannerDesk read the plan; nothing was saved. {fix}").format(
                fid=taken[0], layer=name, fix=tr(_FIX))) from exc


def _taken(db: sqlite3.Connection, table: str, fids: pd.Index) -> list[int]:
    found: list[int] = []
    values = fids.tolist()
    for start in range(0, len(values), _CHUNK):
        chunk = values[start:start + _CHUNK]
        found += [int(r[0]) for r in db.execute(
            f"SELECT fid FROM {quote(table)} WHERE fid IN "
            f"({', '.join('?' * len(chunk))})", chunk)]
    return sorted(found)


# --- conflicts ------------------------------------------------------------------

def check_unchanged(db: sqlite3.Connection, table: str, name: str,
                    old: gpd.GeoDataFrame, edits: LayerEdits, *,
                    check_geometry: bool) -> None:
    """Raise PlanChanged when a row ``edits`` modifies was deleted, or one
    of its cells to be changed was changed, by another program since
    ``old`` was read."""
    modified, changed = edits.modified, edits.changed
    if not len(modified):
        return
    geometry_name = geometry_column(db, table)
    if geometry_name is None:
        return
    types = column_types(db, table)
    by_case = {c.lower(): c for c in types}
    geom = modified.geometry.name
    columns = [c for c in changed.columns if c != geom and c in old and
               c.lower() in by_case and
               types[by_case[c.lower()]].startswith(_CHECKED)]
    fids = modified.index.tolist()
    stored = _stored_rows(db, table, geometry_name[0],
                          [by_case[c.lower()] for c in columns], fids)
    for fid in fids:
        row = stored.get(fid)
        if row is None:
            raise PlanChanged(tr(
                "another program deleted feature {fid} of layer '{layer}' "
                "since PlannerDesk read the plan; nothing was saved. {fix}")
                .format(fid=fid, layer=name, fix=tr(_FIX)))
        was = old.loc[fid]
        flags = changed.loc[fid]
        for column, value in zip(columns, row[1:], strict=True):
            if flags[column] and not _same(was[column], value):
                _changed_elsewhere(name, fid, column)
        if check_geometry and flags[geom] and not _same_geometry(
                was[old.geometry.name], row[0]):
            _changed_elsewhere(name, fid, tr("geometry"))


def _stored_rows(db: sqlite3.Connection, table: str, geometry: str,
                 columns: list[str], fids: list[int]) -> dict[int, tuple]:
    selected = ", ".join(map(quote, ["fid", geometry, *columns]))
    rows: dict[int, tuple] = {}
    for start in range(0, len(fids), _CHUNK):
        chunk = fids[start:start + _CHUNK]
        for row in db.execute(
                f"SELECT {selected} FROM {quote(table)} WHERE fid IN "
                f"({', '.join('?' * len(chunk))})", chunk):
            rows[int(row[0])] = row[1:]
    return rows


def _same(was: object, now: object) -> bool:
    if was is None or was is pd.NA or (isinstance(was, float) and
                                       np.isnan(was)):
        return now is None
    if now is None:
        return False
    if isinstance(was, (bool, np.bool_)):
        return int(was) == now
    return was == now or str(was) == str(now)


def _same_geometry(was: object, blob: bytes | None) -> bool:
    try:
        now = decode([blob])[0]
    except (ValueError, shapely.errors.GEOSException):
        return False
    if was is None or now is None:
        return was is None and now is None
    return bool(shapely.equals_exact(was, now, tolerance=0))


def _changed_elsewhere(name: str, fid: int, column: str) -> None:
    raise PlanChanged(tr(
        "another program changed the {column} of feature {fid} of layer "
        "'{layer}' since PlannerDesk read the plan; nothing was saved. {fix}")
        .format(column=column, fid=fid, layer=name, fix=tr(_FIX)))


# --- geometry type ----------------------------------------------------------------

def content_type(layer: gpd.GeoDataFrame) -> str | None:
    """One geometry type covering the layer's features, or None if empty."""
    ids = np.unique(shapely.get_type_id(layer.geometry.array))
    names = {_TYPE_NAMES[i] for i in ids if i in _TYPE_NAMES}
    if not names:
        return None
    if len(names) == 1:
        return names.pop()
    bases = {t.removeprefix("MULTI") for t in names}
    return f"MULTI{bases.pop()}" if len(bases) == 1 else "GEOMETRY"


def _declared_type(layer: gpd.GeoDataFrame, name: str) -> str:
    kinds = layer_spec(name).geom_kinds
    default = {"point": "POINT", "line": "LINESTRING",
               "polygon": "POLYGON"}[kinds[0]] if len(kinds) == 1 \
        else "GEOMETRY"
    return content_type(layer) or default


def _declare(db: sqlite3.Connection, table: str, declared: str,
             layer: gpd.GeoDataFrame) -> None:
    """Widen the table's declared geometry type to GEOMETRY when its
    features are of another kind (polygons in a POINT table, say); single
    and multipart parts of one kind share a type, as GDAL allows."""
    content = content_type(layer)
    if content is None or declared == "GEOMETRY" or \
            content.removeprefix("MULTI") == declared.removeprefix("MULTI"):
        return
    db.execute("UPDATE gpkg_geometry_columns SET geometry_type_name = "
               "'GEOMETRY' WHERE lower(table_name) = lower(?)", (table,))
