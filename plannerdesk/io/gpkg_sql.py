"""A GeoPackage written through SQLite itself, in one transaction.

PlannerDesk changes a plan file in place, the way QGIS commits its edit
buffer: one connection, ``BEGIN IMMEDIATE``, the changed rows, ``COMMIT``.
SQLite's journal (rollback or WAL, whichever the file uses) makes the change
atomic and durable and keeps other programs that hold the file open safe.
The spatial-index triggers GDAL and QGIS create call ``ST_MinX`` and its
kin; :func:`connect` provides them, read from the geometry blob's header.
"""

from __future__ import annotations

import sqlite3
import struct
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS

from ..model.language import N_, tr
from ..model.problems import PlannerError

BUSY_TIMEOUT_S = 5.0
"""How long a save waits for another program's write to finish."""
APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10400  # GeoPackage 1.4
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}
OPEN_ELSEWHERE = N_("the plan is open for writing in another program; "
                    "close it there or save a copy (Save As)")


def quote(name: str) -> str:
    """``name`` as an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


# --- geometry blobs ----------------------------------------------------------

def encode(geometries: np.ndarray, srs_id: int) -> list[bytes | None]:
    """GeoPackage geometry blobs (header with an xy envelope, then WKB)."""
    geometries = np.asarray(geometries, dtype=object)
    wkb = shapely.to_wkb(geometries, byte_order=1, flavor="iso")
    bounds = shapely.bounds(geometries)
    empty = shapely.is_empty(geometries)
    missing = shapely.is_missing(geometries)
    blobs: list[bytes | None] = []
    for body, box, is_empty, is_missing in zip(
            wkb, bounds, empty, missing, strict=True):
        if is_missing:
            blobs.append(None)
        elif is_empty:
            blobs.append(struct.pack("<2sBBi", b"GP", 0, 0x11, srs_id) + body)
        else:
            blobs.append(struct.pack("<2sBBi4d", b"GP", 0, 0x03, srs_id,
                                     box[0], box[2], box[1], box[3]) + body)
    return blobs


def decode(blobs: list[bytes | None]) -> np.ndarray:
    """Geometries of GeoPackage blobs (None stays None)."""
    return shapely.from_wkb(np.array([_wkb(b) for b in blobs], dtype=object))


def _wkb(blob: bytes | None) -> bytes | None:
    if blob is None:
        return None
    blob = bytes(blob)
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    return blob[8 + _ENVELOPE_BYTES[(blob[3] >> 1) & 0x07]:]


def _envelope(blob: bytes | None) -> tuple[float, ...] | None:
    """(minx, maxx, miny, maxy) of a blob, or None when empty or unreadable."""
    if blob is None or blob[:2] != b"GP" or blob[3] & 0x10:
        return None
    if (blob[3] >> 1) & 0x07:
        order = "<" if blob[3] & 0x01 else ">"
        return struct.unpack_from(order + "4d", blob, 8)
    geometry = shapely.from_wkb(_wkb(blob))
    if geometry is None or geometry.is_empty:
        return None
    x0, y0, x1, y1 = geometry.bounds
    return x0, x1, y0, y1


def _part(index: int):
    def function(blob: bytes | None) -> float | None:
        box = _envelope(blob)
        return None if box is None else box[index]
    return function


def _is_empty(blob: bytes | None) -> int | None:
    if blob is None:
        return None
    return int(_envelope(blob) is None)


# --- connections and transactions -------------------------------------------

def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the GeoPackage at ``path`` with the geometry
    functions its triggers call; autocommit, so transactions are explicit.
    It waits up to :data:`BUSY_TIMEOUT_S` for another program's lock."""
    uri = Path(path).resolve().as_uri() + ("?mode=ro" if read_only
                                           else "?mode=rw")
    db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S,
                         isolation_level=None, check_same_thread=False)
    for name, index in (("ST_MinX", 0), ("ST_MaxX", 1), ("ST_MinY", 2),
                        ("ST_MaxY", 3)):
        db.create_function(name, 1, _part(index), deterministic=True)
    db.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)
    return db


@contextmanager
def write_transaction(path: Path, what: str) -> Iterator[sqlite3.Connection]:
    """One write transaction on ``path``: committed when the block ends,
    rolled back (file unchanged) when it raises. SQLite errors become
    PlannerErrors that say what happened to ``what`` (a verb phrase marked
    with ``N_``, e.g. ``N_("save the plan")``: translated here) and the
    fix."""
    try:
        db = connect(path)
    except sqlite3.Error as exc:
        raise _planner_error(path, what, exc) from None
    try:
        _begin(db)
        yield db
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(db)
        raise _planner_error(path, what, exc) from None
    except BaseException:
        _rollback(db)
        raise
    finally:
        db.close()


def _begin(db: sqlite3.Connection) -> None:
    """Take the write lock; SQLite waits up to the busy timeout for another
    program's write to finish (a WAL reader blocks no one)."""
    db.execute("BEGIN IMMEDIATE")


def _rollback(db: sqlite3.Connection) -> None:
    if db.in_transaction:
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite rolls back itself when the connection closes


def _planner_error(path: Path, what: str, exc: sqlite3.Error) -> PlannerError:
    code = getattr(exc, "sqlite_errorname", "")
    text = str(exc)
    unchanged = tr("{path}: could not {what}; the file is unchanged").format(
        path=path, what=tr(what))
    if code.startswith("SQLITE_BUSY") or "locked" in text:
        return PlannerError(f"{unchanged}: {tr(OPEN_ELSEWHERE)}")
    if code.startswith("SQLITE_FULL") or "full" in text:
        return PlannerError(tr(
            "{unchanged}: the disk is full. Fix: free some disk space, then "
            "try again").format(unchanged=unchanged))
    if code.startswith("SQLITE_READONLY") or "readonly" in text:
        return PlannerError(tr(
            "{unchanged}: the file or its folder is read-only. Fix: make "
            "them writable, or save a copy (Save As) elsewhere").format(
                unchanged=unchanged))
    if code.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return PlannerError(tr(
            "{unchanged}: it is not a GeoPackage SQLite can read ({error}). "
            "Fix: open a .gpkg plan file").format(unchanged=unchanged,
                                                  error=text))
    if code.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM")):
        return PlannerError(tr(
            "{unchanged} ({error}). Fix: check the file exists, its folder "
            "is writable and the disk works, then try again").format(
                unchanged=unchanged, error=text))
    return PlannerError(tr(
        "{unchanged}: SQLite refused the change ({error}). Fix: a "
        "constraint or trigger the plan holds may forbid it; check the "
        "plan's tables (e.g. in QGIS)").format(unchanged=unchanged,
                                               error=text))


# --- schema -------------------------------------------------------------------

def table_names(db: sqlite3.Connection) -> dict[str, str]:
    """Every table and view, by lower-case name (SQLite's names ignore case)."""
    return {str(name).lower(): str(name) for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}


def column_types(db: sqlite3.Connection, table: str) -> dict[str, str]:
    """The columns of ``table`` and their declared types, upper case."""
    return {str(row[1]): str(row[2] or "").upper() for row in
            db.execute(f"PRAGMA table_info({quote(table)})")}


def geometry_column(db: sqlite3.Connection, table: str
                    ) -> tuple[str, str, int] | None:
    """(column, declared geometry type, srs_id) of a feature table."""
    row = db.execute(
        "SELECT column_name, geometry_type_name, srs_id FROM "
        "gpkg_geometry_columns WHERE lower(table_name) = lower(?)",
        (table,)).fetchone()
    return None if row is None else (str(row[0]), str(row[1]).upper(),
                                     int(row[2]))


def srs_id(db: sqlite3.Connection, crs: CRS) -> int:
    """The srs_id of ``crs`` in the file, registering it when it is new."""
    authority = crs.to_authority()
    if authority is not None:
        organization, code = authority[0], int(authority[1])
        row = db.execute(
            "SELECT srs_id FROM gpkg_spatial_ref_sys WHERE "
            "upper(organization) = upper(?) AND organization_coordsys_id = ?",
            (organization, code)).fetchone()
        if row is not None:
            return int(row[0])
        taken = db.execute("SELECT 1 FROM gpkg_spatial_ref_sys WHERE "
                           "srs_id = ?", (code,)).fetchone()
        new_id = code if taken is None else _free_srs_id(db)
    else:
        organization = "NONE"
        code = new_id = _free_srs_id(db)
    db.execute(
        "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
        "organization_coordsys_id, definition, description) VALUES "
        "(?, ?, ?, ?, ?, '')",
        (crs.name, new_id, organization, code, crs.to_wkt("WKT1_GDAL")))
    return new_id


def _free_srs_id(db: sqlite3.Connection) -> int:
    top = db.execute("SELECT max(srs_id) FROM gpkg_spatial_ref_sys").fetchone()
    return max(100_000, int(top[0] or 0) + 1)


def create_geopackage(db: sqlite3.Connection) -> None:
    """The GeoPackage's own tables in an empty SQLite file (inside the
    caller's transaction), as GDAL creates them."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {USER_VERSION}")
    for sql in _CORE_TABLES:
        db.execute(sql)
    db.executemany(
        "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", [
            ("Undefined Cartesian SRS", -1, "NONE", -1, "undefined",
             "undefined Cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined",
             "undefined geographic coordinate reference system"),
            ("WGS 84 geodetic", 4326, "EPSG", 4326,
             CRS.from_epsg(4326).to_wkt("WKT1_GDAL"),
             "longitude/latitude coordinates in decimal degrees on the "
             "WGS 84 spheroid")])


def create_feature_table(db: sqlite3.Connection, name: str,
                         columns: dict[str, str], geometry_type: str,
                         srs: int) -> None:
    """A feature table with a ``geom`` column, registered in the GeoPackage
    with an empty R-tree spatial index; :func:`index_new_table` fills it
    and adds the triggers that keep it (as GDAL makes them)."""
    fields = "".join(f", {quote(c)} {t}" for c, t in columns.items())
    db.execute(f"CREATE TABLE {quote(name)} (\"fid\" INTEGER PRIMARY KEY "
               f"AUTOINCREMENT NOT NULL, \"geom\" {geometry_type}{fields})")
    db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
               "description, srs_id) VALUES (?, 'features', ?, '', ?)",
               (name, name, srs))
    db.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, "
               "0, 0)", (name, geometry_type, srs))
    db.execute("INSERT INTO gpkg_extensions VALUES (?, 'geom', "
               "'gpkg_rtree_index', "
               "'http://www.geopackage.org/spec120/#extension_rtree', "
               "'write-only')", (name,))
    db.execute(f"CREATE VIRTUAL TABLE {quote(f'rtree_{name}_geom')} USING "
               "rtree(id, minx, maxx, miny, maxy)")


def index_new_table(db: sqlite3.Connection, name: str,
                    fids: np.ndarray, geometries: np.ndarray) -> None:
    """Fill the spatial index of a table :func:`create_feature_table` just
    made, in one go (much faster than a trigger per row), then add the
    triggers that keep it up to date."""
    rtree = quote(f"rtree_{name}_geom")
    keep = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
    box = shapely.bounds(geometries[keep])
    db.executemany(f"INSERT INTO {rtree} VALUES (?, ?, ?, ?, ?)", zip(
        fids[keep].tolist(), box[:, 0].tolist(), box[:, 2].tolist(),
        box[:, 1].tolist(), box[:, 3].tolist()))
    for trigger in _RTREE_TRIGGERS:
        db.execute(trigger.format(t=quote(name), r=rtree,
                                  n=rtree[1:-1]))


def create_attribute_table(db: sqlite3.Connection, name: str,
                           columns: tuple[tuple[str, str], ...]) -> None:
    """An attribute (non-spatial) table registered in the GeoPackage."""
    fields = "".join(f", {quote(c)} {t}" for c, t in columns)
    db.execute(f"CREATE TABLE {quote(name)} (\"fid\" INTEGER PRIMARY KEY "
               f"AUTOINCREMENT NOT NULL{fields})")
    db.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, "
               "description, srs_id) VALUES (?, 'attributes', ?, '', 0)",
               (name, name))


def touch_contents(db: sqlite3.Connection, table: str,
                   bounds: tuple[float, float, float, float] | None) -> None:
    """Record in ``gpkg_contents`` that ``table`` changed now, and its extent."""
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
    if bounds is None:
        db.execute("UPDATE gpkg_contents SET last_change = ? WHERE "
                   "lower(table_name) = lower(?)", (stamp, table))
        return
    db.execute("UPDATE gpkg_contents SET last_change = ?, min_x = ?, "
               "min_y = ?, max_x = ?, max_y = ? WHERE lower(table_name) = "
               "lower(?)", (stamp, *map(float, bounds), table))


_CORE_TABLES = (
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id "
    "INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL, "
    "organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, "
    "description TEXT)",
    "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, "
    "data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT "
    "DEFAULT '', last_change DATETIME NOT NULL DEFAULT "
    "(strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, "
    "max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id "
    "FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))",
    "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, "
    "column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id "
    "INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT "
    "pk_geom_cols PRIMARY KEY (table_name, column_name), CONSTRAINT "
    "uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY "
    "(table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT "
    "fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys "
    "(srs_id))",
    "CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, "
    "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT "
    "NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, "
    "extension_name))",
)
_NEW = 'NEW."geom"'
_OLD = 'OLD."geom"'
_BOX = (f"NEW.\"fid\", ST_MinX({_NEW}), ST_MaxX({_NEW}), ST_MinY({_NEW}), "
        f"ST_MaxY({_NEW})")
_RTREE_TRIGGERS = (
    f'CREATE TRIGGER "{{n}}_insert" AFTER INSERT ON {{t}} WHEN ({_NEW} NOT '
    f"NULL AND NOT ST_IsEmpty({_NEW})) BEGIN INSERT OR REPLACE INTO {{r}} "
    f"VALUES ({_BOX}); END",
    f'CREATE TRIGGER "{{n}}_update6" AFTER UPDATE OF "geom" ON {{t}} WHEN '
    f'OLD."fid" = NEW."fid" AND ({_NEW} NOTNULL AND NOT ST_IsEmpty({_NEW})) '
    f"AND ({_OLD} NOTNULL AND NOT ST_IsEmpty({_OLD})) BEGIN UPDATE {{r}} SET "
    f"minx = ST_MinX({_NEW}), maxx = ST_MaxX({_NEW}), miny = "
    f"ST_MinY({_NEW}), maxy = ST_MaxY({_NEW}) WHERE id = NEW.\"fid\"; END",
    f'CREATE TRIGGER "{{n}}_update7" AFTER UPDATE OF "geom" ON {{t}} WHEN '
    f'OLD."fid" = NEW."fid" AND ({_NEW} NOTNULL AND NOT ST_IsEmpty({_NEW})) '
    f"AND ({_OLD} ISNULL OR ST_IsEmpty({_OLD})) BEGIN INSERT INTO {{r}} "
    f"VALUES ({_BOX}); END",
    f'CREATE TRIGGER "{{n}}_update2" AFTER UPDATE OF "geom" ON {{t}} WHEN '
    f'OLD."fid" = NEW."fid" AND ({_NEW} ISNULL OR ST_IsEmpty({_NEW})) BEGIN '
    f'DELETE FROM {{r}} WHERE id = OLD."fid"; END',
    f'CREATE TRIGGER "{{n}}_update5" AFTER UPDATE ON {{t}} WHEN OLD."fid" != '
    f'NEW."fid" AND ({_NEW} NOTNULL AND NOT ST_IsEmpty({_NEW})) BEGIN '
    f'DELETE FROM {{r}} WHERE id = OLD."fid"; INSERT OR REPLACE INTO {{r}} '
    f"VALUES ({_BOX}); END",
    f'CREATE TRIGGER "{{n}}_update4" AFTER UPDATE ON {{t}} WHEN OLD."fid" != '
    f'NEW."fid" AND ({_NEW} ISNULL OR ST_IsEmpty({_NEW})) BEGIN DELETE FROM '
    f'{{r}} WHERE id IN (OLD."fid", NEW."fid"); END',
    f'CREATE TRIGGER "{{n}}_delete" AFTER DELETE ON {{t}} WHEN {_OLD} NOT '
    f'NULL BEGIN DELETE FROM {{r}} WHERE id = OLD."fid"; END',
)
