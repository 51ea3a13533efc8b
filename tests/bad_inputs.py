"""A corpus of bad inputs and faults for PlannerDesk's command line.

Each :class:`Case` is a small named object: a function that builds a few
files in an empty folder (a plan, a source, a folder to write into ...),
the command line to run on them (``{d}`` stands for the folder), which
file is *the plan* (its bytes must not change when the command fails) and
which file the command was asked to write. :func:`corpus` gives them all,
in five categories: damaged plans, bad sources for ``import``, damaged
settings and PlannerDesk's own tables, outputs that cannot or must not be
written, and field packages (made with ``package``, opened with ``open``).

Opening a package needs a display in ``plannerdesk open``; the cases whose
runner is ``"open"`` unpack it headlessly as the app does
(:func:`open_package`), which ``python -m tests.bad_inputs open ZIP`` also
runs in a process of its own.

The building blocks (GeoPackage geometry blobs, SQL on a plan, GeoJSON with
NaN) are also used by the hypothesis test that damages plans at random.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import sqlite3
import struct
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

PLAN_CRS = "EPSG:4549"
SRS_ID = 4549
X0, Y0 = 498_000.0, 3_351_500.0
"""The plans' origin in EPSG:4549 (as in tests/conftest.py)."""
PLAN = "{d}/plan.gpkg"
CATEGORIES = ("plans", "sources", "settings", "outputs", "packages")

Build = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    """One bad input: build it in a folder, run ``argv`` on it.

    ``plan``: the file (relative to the folder) whose bytes must be the
    same after a failed command, or None. ``outputs``: files or folders the
    command was asked to write (relative), which a failed command must not
    leave half-written. ``subprocess``: run it only as a real process with a
    timeout (a FIFO or a device could make it hang). ``runner``: ``"cli"``
    for ``plannerdesk``'s main, ``"open"`` to open a field package
    headlessly. ``lock``: another connection holds ``BEGIN EXCLUSIVE`` on
    the plan meanwhile. ``limits``: package limits of io.fieldwork lowered
    for the run (in-process only).
    """

    id: str
    category: str
    build: Build
    argv: tuple[str, ...]
    plan: str | None = "plan.gpkg"
    outputs: tuple[str, ...] = ()
    subprocess: bool = False
    runner: str = "cli"
    lock: bool = False
    limits: tuple[tuple[str, int], ...] = ()

    def args(self, folder: Path) -> list[str]:
        return [a.replace("{d}", str(folder)) for a in self.argv]

    @property
    def command(self) -> str:
        return self.runner if self.runner != "cli" else self.argv[0]


def prepare(case: Case, folder: Path) -> None:
    """Build ``case`` in the empty ``folder`` (with ``src/`` and ``out/``)."""
    (folder / "src").mkdir(parents=True, exist_ok=True)
    (folder / "out").mkdir(exist_ok=True)
    case.build(folder)


def chain(*steps: Build) -> Build:
    def build(folder: Path) -> None:
        for step in steps:
            step(folder)
    return build


# --- geometry: WKB and GeoPackage blobs --------------------------------------

def wkb_point(x: float, y: float) -> bytes:
    return struct.pack("<BIdd", 1, 1, x, y)


def _coords(points: Iterable[tuple[float, float]]) -> bytes:
    points = list(points)
    return struct.pack("<I", len(points)) + b"".join(
        struct.pack("<dd", x, y) for x, y in points)


def wkb_line(points: Iterable[tuple[float, float]]) -> bytes:
    return struct.pack("<BI", 1, 2) + _coords(points)


def wkb_polygon(*rings: Iterable[tuple[float, float]]) -> bytes:
    return struct.pack("<BII", 1, 3, len(rings)) + b"".join(
        _coords(r) for r in rings)


def wkb_multi(code: int, parts: list[bytes]) -> bytes:
    """A multi geometry (4 MultiPoint, 5 MultiLineString, 6 MultiPolygon,
    7 GeometryCollection) of WKB ``parts``."""
    return struct.pack("<BII", 1, code, len(parts)) + b"".join(parts)


def gp(wkb: bytes, srs: int = SRS_ID,
       envelope: tuple[float, float, float, float] | None = None,
       empty: bool = False) -> bytes:
    """A GeoPackage geometry blob: the header (magic, version 0, flags,
    srs_id, an optional (minx, maxx, miny, maxy) envelope), then ``wkb``."""
    flags = 0x01 | (0x10 if empty else 0) | (0x02 if envelope else 0)
    head = struct.pack("<2sBBi", b"GP", 0, flags, srs)
    return head + (struct.pack("<4d", *envelope) if envelope else b"") + wkb


def square(x0: float, y0: float, size: float) -> list[tuple[float, float]]:
    """A closed ring (plan coordinates) from the plans' origin."""
    x, y = X0 + x0, Y0 + y0
    return [(x, y), (x + size, y), (x + size, y + size), (x, y + size),
            (x, y)]


def at(x: float, y: float) -> tuple[float, float]:
    return X0 + x, Y0 + y


# --- SQL on a plan -----------------------------------------------------------

def _envelope(blob: object) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) of a blob, or None (unreadable, empty or not
    finite), so that the R-tree triggers skip what they cannot index."""
    if not isinstance(blob, bytes) or len(blob) < 8 or blob[:2] != b"GP" \
            or blob[3] & 0x10:
        return None
    code = (blob[3] >> 1) & 0x07
    if code > 4:
        return None
    try:
        if code:
            box = struct.unpack_from("<4d" if blob[3] & 1 else ">4d", blob, 8)
        else:
            import shapely
            geometry = shapely.from_wkb(blob[8:])
            if geometry is None or geometry.is_empty:
                return None
            x0, y0, x1, y1 = geometry.bounds
            box = (x0, x1, y0, y1)
    except Exception:  # noqa: BLE001 - a damaged blob is simply not indexed
        return None
    if not all(math.isfinite(v) for v in box) or box[0] > box[1] or \
            box[2] > box[3]:
        return None
    return box


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the functions a GeoPackage's triggers call."""
    db = sqlite3.connect(path, isolation_level=None)
    for name, index in (("ST_MinX", 0), ("ST_MaxX", 1), ("ST_MinY", 2),
                        ("ST_MaxY", 3)):
        db.create_function(
            name, 1, lambda b, i=index: None if _envelope(b) is None
            else _envelope(b)[i])
    db.create_function("ST_IsEmpty", 1, lambda b: None if b is None
                       else int(_envelope(b) is None))
    return db


def run_sql(path: Path, statements: Iterable[str | tuple[str, tuple]]) -> None:
    db = connect(path)
    try:
        for statement in statements:
            sql, params = (statement, ()) if isinstance(statement, str) \
                else statement
            db.execute(sql, params)
    finally:
        db.close()


def sql(*statements: str | tuple[str, tuple], name: str = "plan.gpkg"
        ) -> Build:
    return lambda folder: run_sql(folder / name, statements)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def cell(table: str, column: str, value: object, where: str = "fid = 1",
         name: str = "plan.gpkg") -> Build:
    """Set one column of the rows ``where`` to ``value`` (bound as given:
    text stays text in an INTEGER column, bytes become a blob)."""
    return sql((f"UPDATE {quote(table)} SET {quote(column)} = ? WHERE "
                f"{where}", (value,)), name=name)


def raw_cell(table: str, column: str, expression: str,
             where: str = "fid = 1", name: str = "plan.gpkg") -> Build:
    """Set a column to an SQL expression (e.g. ``9e999`` for infinity)."""
    return sql(f"UPDATE {quote(table)} SET {quote(column)} = {expression} "
               f"WHERE {where}", name=name)


def geom(table: str, blob: bytes | None, fid: int = 1,
         name: str = "plan.gpkg") -> Build:
    return cell(table, "geom", blob, f"fid = {fid}", name)


def drop_column(table: str, column: str, name: str = "plan.gpkg") -> Build:
    return sql(f"ALTER TABLE {quote(table)} DROP COLUMN {quote(column)}",
               name=name)


def add_column(table: str, column: str, sql_type: str, value: object,
               name: str = "plan.gpkg") -> Build:
    return sql(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} "
               f"{sql_type}", (f"UPDATE {quote(table)} SET {quote(column)} "
                               "= ?", (value,)), name=name)


def drop_table(table: str, name: str = "plan.gpkg") -> Build:
    """Drop a layer or table and its GeoPackage registrations."""
    return sql(f"DROP TABLE IF EXISTS {quote(table)}",
               f"DROP TABLE IF EXISTS {quote('rtree_' + table + '_geom')}",
               *(f"DELETE FROM {t} WHERE lower(table_name) = lower("
                 f"'{table}')" for t in ("gpkg_geometry_columns",
                                         "gpkg_extensions", "gpkg_contents")),
               name=name)


# --- settings ----------------------------------------------------------------

def default_settings() -> dict:
    from plannerdesk.model.settings import Settings
    return Settings().to_dict()


def settings_value(text: object, key: str = "settings",
                   name: str = "plan.gpkg") -> Build:
    """Store ``text`` (anything SQLite binds) as the value of row ``key``."""
    return sql(("UPDATE plannerdesk_settings SET value = ? WHERE key = ?",
                (text, key)), name=name)


def setting(path: str, value: object, name: str = "plan.gpkg") -> Build:
    """The default settings with ``path`` ('walk.weights.coffee') set to
    ``value``, stored as JSON (NaN and Infinity written as such)."""
    return settings_changes({path: value}, name=name)


def settings_changes(changes: dict[str, object], name: str = "plan.gpkg"
                     ) -> Build:
    """The default settings with each dotted path set to its value."""
    def build(folder: Path) -> None:
        data = default_settings()
        for path, value in changes.items():
            *parents, last = path.split(".")
            node = data
            for part in parents:
                node = node.setdefault(part, {})
            node[last] = value
        settings_value(json.dumps(data, allow_nan=True), name=name)(folder)
    return build


def settings_row(key: object, value: object, name: str = "plan.gpkg"
                 ) -> Build:
    return sql(("INSERT INTO plannerdesk_settings (key, value) VALUES (?, ?)",
                (key, value)), name=name)


# --- files -------------------------------------------------------------------

def write(relative: str, data: bytes | str) -> Build:
    def build(folder: Path) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    return build


def noise(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def truncate(relative: str, keep: int | float) -> Build:
    """Keep the first ``keep`` bytes (a float: that share of the file; a
    negative number: all but the last ``-keep`` bytes)."""
    def build(folder: Path) -> None:
        path = folder / relative
        data = path.read_bytes()
        size = int(len(data) * keep) if isinstance(keep, float) else keep
        path.write_bytes(data[:size])
    return build


def overwrite(relative: str, offset: int | float, data: bytes) -> Build:
    def build(folder: Path) -> None:
        path = folder / relative
        content = bytearray(path.read_bytes())
        at_ = int(len(content) * offset) if isinstance(offset, float) \
            else offset
        content[at_:at_ + len(data)] = data
        path.write_bytes(bytes(content))
    return build


def chmod(relative: str, mode: int) -> Build:
    return lambda folder: os.chmod(folder / relative, mode)


def mkdir(relative: str) -> Build:
    return lambda folder: (folder / relative).mkdir(parents=True,
                                                    exist_ok=True)


def mkfifo(relative: str) -> Build:
    def build(folder: Path) -> None:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / relative)
    return build


def symlink(relative: str, target: str) -> Build:
    """A symlink at ``relative`` to ``target`` (``{d}`` is the folder)."""
    def build(folder: Path) -> None:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.replace("{d}", str(folder)), folder / relative)
    return build


def copy(source: str, target: str) -> Build:
    def build(folder: Path) -> None:
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / source, folder / target)
    return build


# --- base plans --------------------------------------------------------------

_BASES: dict[str, bytes] = {}


def _base_plan():
    import geopandas as gpd
    import shapely

    from plannerdesk.model.plan import Plan

    def layer(rows):
        return gpd.GeoDataFrame(rows, geometry="geometry", crs=PLAN_CRS)

    def box(x0, y0, x1, y1):
        return shapely.box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)

    def pt(x, y):
        return shapely.Point(X0 + x, Y0 + y)

    def line(*xy):
        return shapely.LineString([at(x, y) for x, y in xy])

    plan = Plan(crs=PLAN_CRS)
    plan.add_features("site", layer([{"name": "S",
                                      "geometry": box(0, 0, 400, 400)}]))
    plan.add_features("zones", layer([
        {"name": "West", "geometry": box(0, 0, 200, 400)},
        {"name": "East", "geometry": box(200, 0, 400, 400)}]))
    plan.add_features("buildings", layer([
        {"name": "B1", "use": "office", "floors": 3, "employees": 50,
         "subject": "enterprise", "geometry": box(20, 20, 60, 60)},
        {"name": "B2", "use": "education", "floors": 2,
         "subject": "university", "geometry": box(250, 250, 300, 300)}]))
    plan.add_features("walkways", layer([
        {"kind": "street", "geometry": line((0, 100), (400, 100))},
        {"kind": "path", "geometry": line((100, 0), (100, 400))}]))
    plan.add_features("parking", layer([
        {"name": "P1", "capacity": 20, "geometry": pt(120, 110)},
        {"name": "P2", "capacity": 40, "type": "underground",
         "geometry": box(320, 320, 360, 360)}]))
    plan.add_features("facilities", layer([
        {"name": "Cafe", "category": "cafe", "geometry": pt(90, 110)},
        {"name": "Bus", "category": "bus_stop", "geometry": pt(300, 100)}]))
    plan.add_features("public_points", layer([
        {"name": "Green", "kind": "node_green", "geometry": pt(150, 150)}]))
    plan.add_features("public_lines", layer([
        {"name": "Trail", "kind": "waterfront_trail",
         "geometry": line((0, 300), (400, 300))}]))
    plan.add_features("public_areas", layer([
        {"name": "Square", "kind": "square",
         "geometry": box(300, 20, 350, 70)}]))
    plan.add_features("review_notes", layer([
        {"text": "bench here", "author": "Li", "geometry": pt(10, 10)},
        {"text": "=1+1 formula-like", "status": "resolved",
         "geometry": pt(210, 210)}]))
    return plan


def _build_base(kind: str, folder: Path) -> Path:
    from plannerdesk.io.gpkg import save_plan
    from plannerdesk.model import scenarios
    from plannerdesk.model.sitemaps import SiteMap

    plan = _base_plan()
    path = folder / "plan.gpkg"
    if kind == "mapped":
        _companions(folder)
        plan.site_maps[:] = [SiteMap(path=str(folder / "basemap.png"),
                                     kind="raster", name="Base map")]
        plan.layers["review_notes"].loc[1, "photo"] = "plan_photos/p1.jpg"
    elif kind == "scenario":
        name = scenarios.add(plan, "Proposal A")
        scenarios.switch(plan, name)
        parking = plan.layers["parking"].copy()
        parking.loc[1, "capacity"] = 80
        plan.layers["parking"] = parking
        plan.layers["walkways"] = plan.layers["walkways"].drop(index=[2])
        scenarios.switch(plan, scenarios.EXISTING)
    save_plan(plan, path)
    return path


def _companions(folder: Path) -> None:
    """The files the 'mapped' plan points at: a base map with its world
    file, and a note photo in the plan's photo folder."""
    from PIL import Image
    Image.new("RGB", (8, 8), "green").save(folder / "basemap.png")
    (folder / "basemap.pgw").write_text(
        f"50\n0\n0\n-50\n{X0}\n{Y0 + 400}\n")
    photos = folder / "plan_photos"
    photos.mkdir(exist_ok=True)
    Image.new("RGB", (8, 6), "red").save(photos / "p1.jpg", format="JPEG")


def base_bytes(kind: str = "plain") -> bytes:
    """The bytes of a small valid plan: ``plain`` (every layer with a
    feature or two), ``mapped`` (and a site map and a note photo, which
    :func:`base` puts beside it) or ``scenario`` (and a proposal)."""
    if kind not in _BASES:
        with tempfile.TemporaryDirectory() as tmp:
            _BASES[kind] = _build_base(kind, Path(tmp)).read_bytes()
    return _BASES[kind]


def base(kind: str = "plain", name: str = "plan.gpkg") -> Build:
    def build(folder: Path) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base_bytes(kind))
        if kind == "mapped":
            _companions(path.parent)
    return build


# --- sources -----------------------------------------------------------------

_LONLAT: dict[tuple[float, float], tuple[float, float]] = {}


def lonlat(x: float, y: float) -> tuple[float, float]:
    """Longitude / latitude of plan point (x, y) from the origin."""
    if (x, y) not in _LONLAT:
        from pyproj import Transformer
        to = Transformer.from_crs(PLAN_CRS, "EPSG:4326", always_xy=True)
        _LONLAT[(x, y)] = to.transform(X0 + x, Y0 + y)
    return _LONLAT[(x, y)]


def feature(shape: dict | None, **properties) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": shape}


def point(x: float, y: float) -> dict:
    return {"type": "Point", "coordinates": list(lonlat(x, y))}


def polygon(x0: float, y0: float, size: float) -> dict:
    ring = [lonlat(x0, y0), lonlat(x0 + size, y0),
            lonlat(x0 + size, y0 + size), lonlat(x0, y0 + size),
            lonlat(x0, y0)]
    return {"type": "Polygon", "coordinates": [[list(p) for p in ring]]}


def geojson(relative: str, features: list[dict],
            crs: str | None = None) -> Build:
    """A GeoJSON file (longitude / latitude unless ``crs`` names another);
    NaN and Infinity are written as the bare words Python's json uses."""
    collection: dict = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    return write(relative, json.dumps(collection, allow_nan=True))


def vector(relative: str, rows: list[dict], crs: str | None = PLAN_CRS,
           **options) -> Build:
    """A Shapefile, GeoPackage ... from rows of plan-origin shapely
    geometries (key ``geometry``), written by pyogrio."""
    def build(folder: Path) -> None:
        import geopandas as gpd
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        gpd.GeoDataFrame(rows, geometry="geometry", crs=crs).to_file(
            path, **options)
    return build


def cafe_source(relative: str = "src/cafe.geojson") -> Build:
    """A valid source: one cafe inside the site."""
    return geojson(relative, [feature(point(95, 120), name="New cafe",
                                      category="cafe")])


def shapely_point(x: float, y: float):
    import shapely
    return shapely.Point(X0 + x, Y0 + y)


# --- packages ----------------------------------------------------------------

def zip_of(relative: str, entries: dict[str, bytes | str],
           method: int = zipfile.ZIP_DEFLATED) -> Build:
    def build(folder: Path) -> None:
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", method) as archive:
            for name, data in entries.items():
                archive.writestr(name, data)
    return build


def package_zip(relative: str = "field.zip", kind: str = "plain",
                extra: dict[str, bytes | str] | None = None,
                plan_bytes: bytes | None = None,
                damage: Build | None = None) -> Build:
    """A field package as PlannerDesk writes one: plan.gpkg (the base plan,
    ``plan_bytes``, or the base plan after ``damage``), README.txt and
    ``extra`` entries."""
    def build(folder: Path) -> None:
        plan = base_bytes(kind) if plan_bytes is None else plan_bytes
        if damage is not None:
            with tempfile.TemporaryDirectory() as tmp:
                base(kind)(Path(tmp))
                damage(Path(tmp))
                plan = (Path(tmp) / "plan.gpkg").read_bytes()
        entries: dict[str, bytes | str] = {
            "plan.gpkg": plan, "README.txt": "PlannerDesk field package\n"}
        entries.update(extra or {})
        zip_of(relative, entries)(folder)
    return build


def rewrite_zip(relative: str, change: Callable[[bytearray], None]) -> Build:
    def build(folder: Path) -> None:
        path = folder / relative
        data = bytearray(path.read_bytes())
        change(data)
        path.write_bytes(bytes(data))
    return build


def _headers(data: bytearray):
    """(offset, size-field offset, name) of every local and central header."""
    for signature, size_at, name_len_at, name_at in (
            (b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = data.find(signature)
        while start != -1:
            length = struct.unpack_from("<H", data, start + name_len_at)[0]
            yield start, start + size_at, bytes(
                data[start + name_at:start + name_at + length])
            start = data.find(signature, start + 4)


def claim_size(name: bytes, size: int) -> Callable[[bytearray], None]:
    """Make entry ``name`` claim ``size`` uncompressed bytes."""
    def change(data: bytearray) -> None:
        for _, size_at, entry in _headers(data):
            if entry == name:
                struct.pack_into("<I", data, size_at, size)
    return change


def set_method(name: bytes, method: int) -> Callable[[bytearray], None]:
    """Make entry ``name`` claim compression ``method`` (e.g. 99)."""
    def change(data: bytearray) -> None:
        for start, _, entry in _headers(data):
            if entry == name:
                local = data[start:start + 4] == b"PK\x03\x04"
                struct.pack_into("<H", data, start + (8 if local else 10),
                                 method)
    return change


def set_encrypted(name: bytes) -> Callable[[bytearray], None]:
    def change(data: bytearray) -> None:
        for start, _, entry in _headers(data):
            if entry == name:
                local = data[start:start + 4] == b"PK\x03\x04"
                at_ = start + (6 if local else 8)
                flags = struct.unpack_from("<H", data, at_)[0]
                struct.pack_into("<H", data, at_, flags | 0x1)
    return change


def open_package(argv: list[str]) -> int:
    """``open PACKAGE.zip`` without a window: unpack the package beside
    itself and open the plan inside, as the app does before it shows the
    plan; a PlannerError is a message and status 1, as in the CLI."""
    from plannerdesk.io.fieldwork import unpack_beside
    from plannerdesk.io.gpkg import open_plan
    from plannerdesk.model.problems import PlannerError

    if len(argv) != 2 or argv[0] != "open":
        print("usage: python -m tests.bad_inputs open PACKAGE.zip",
              file=sys.stderr)
        return 2
    try:
        plan_path = unpack_beside(Path(argv[1]))
        open_plan(plan_path)
    except PlannerError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Unpacked {argv[1]} into {plan_path.parent}")
    return 0


# --- the corpus --------------------------------------------------------------

def _cases() -> list[Case]:
    cases: list[Case] = []
    add = cases.append

    def case(id_: str, category: str, build: Build, *argv: str, **kw) -> None:
        add(Case(id_, category, build, tuple(argv), **kw))

    info = ("info", PLAN)
    validate = ("validate", PLAN)
    summary = ("evaluate", "--quiet", PLAN, "--json", "{d}/out/summary.json")
    imp = ("import", PLAN, "{d}/src/cafe.geojson", "--as", "facilities")
    notes = ("notes", PLAN)
    package = ("package", PLAN, "-o", "{d}/out/field.zip")
    outs = {summary: ("out/summary.json",), package: ("out/field.zip",)}

    def plan_case(id_, build, commands, category="plans", **kw):
        for name, argv in commands:
            extra = cafe_source() if argv is imp else None
            steps = (build, extra) if extra else (build,)
            case(f"{id_}-{name}", category, chain(*steps), *argv,
                 outputs=outs.get(argv, ()), **kw)

    I, V, E, M, N, K = (("info", info), ("validate", validate),
                        ("evaluate", summary), ("import", imp),
                        ("notes", notes), ("package", package))

    # -- plans: files that are not plans --------------------------------------
    big = base()
    for id_, build, commands in (
            ("zero-byte", write("plan.gpkg", b""), (I, M)),
            ("random-bytes", write("plan.gpkg", noise(8192, 1)), (I,)),
            ("geojson-named-gpkg", write("plan.gpkg", json.dumps(
                {"type": "FeatureCollection", "features": []})), (I,)),
            ("zip-named-gpkg", package_zip("plan.gpkg"), (M,)),
            ("png-named-gpkg", write("plan.gpkg", b"\x89PNG\r\n\x1a\n" +
                                     noise(500, 2)), (V,)),
            ("truncated-100", chain(big, truncate("plan.gpkg", 100)),
             (E,)),
            ("truncated-half", chain(big, truncate("plan.gpkg", 0.5)),
             (M,)),
            ("truncated-last-page", chain(big, truncate("plan.gpkg", -4096)),
             (V,)),
            ("header-magic", chain(big, overwrite("plan.gpkg", 0,
                                                  b"SQLite format 9")),
             (M,)),
            ("schema-page-noise", chain(big, overwrite(
                "plan.gpkg", 100, noise(3000, 3))), (I,)),
            ("second-page-noise", chain(big, overwrite(
                "plan.gpkg", 4096, noise(4096, 4))), (M,)),
            ("middle-noise", chain(big, overwrite("plan.gpkg", 0.6,
                                                  noise(8192, 5))),
             (V, N)),
            ("tail-noise", chain(big, overwrite("plan.gpkg", 0.9,
                                                noise(20000, 6))),
             (K,)),
            ("sqlite-not-geopackage", sql(
                "CREATE TABLE inventory (id INTEGER, item TEXT)",
                "INSERT INTO inventory VALUES (1, 'chairs')"), (M,)),
            ("sqlite-empty", sql("PRAGMA user_version = 7"), (I,)),
            ("geopackage-without-layers", chain(big, *(
                drop_table(t) for t in ("site", "zones", "buildings",
                                        "public_points", "public_lines",
                                        "public_areas", "parking",
                                        "facilities", "walkways",
                                        "review_notes",
                                        "plannerdesk_settings"))),
             (V, M)),
    ):
        plan_case(id_, build, commands)
    case("missing-plan-info", "plans", lambda d: None, *info)
    case("missing-plan-import", "plans", cafe_source(), *imp)
    case("folder-as-plan-info", "plans", mkdir("plan.gpkg"), *info)
    case("folder-as-plan-import", "plans", chain(mkdir("plan.gpkg"),
                                                 cafe_source()), *imp)
    case("dangling-symlink-plan", "plans", symlink("plan.gpkg",
                                                   "{d}/gone.gpkg"), *info)
    case("symlink-loop-plan", "plans", chain(
        symlink("plan.gpkg", "{d}/loop.gpkg"),
        symlink("loop.gpkg", "{d}/plan.gpkg")), *validate)
    case("devnull-as-plan", "plans", symlink("plan.gpkg", "/dev/null"),
         *info, plan=None)
    # hang-prone: only as real processes with a timeout
    case("fifo-plan-info", "plans", mkfifo("plan.gpkg"), *info,
         subprocess=True)
    case("fifo-plan-import", "plans", chain(mkfifo("plan.gpkg"),
                                            cafe_source()), *imp,
         subprocess=True)
    case("devzero-as-plan", "plans", symlink("plan.gpkg", "/dev/zero"),
         *validate, plan=None, subprocess=True)

    # -- plans: permissions and locks -----------------------------------------
    plan_case("read-only-plan", chain(base(), chmod("plan.gpkg", 0o444)),
              (I, M))
    ro = chain(mkdir("ro"), base(name="ro/plan.gpkg"),
               cafe_source(), chmod("ro", 0o555))
    for name, argv in (("info", ("info", "{d}/ro/plan.gpkg")),
                       ("import", ("import", "{d}/ro/plan.gpkg",
                                   "{d}/src/cafe.geojson", "--as",
                                   "facilities")),
                       ("new-force", ("new", "{d}/ro/plan.gpkg", "--crs",
                                      PLAN_CRS, "--force"))):
        case(f"plan-in-read-only-folder-{name}", "plans", ro, *argv,
             plan="ro/plan.gpkg")
    case("new-force-onto-read-only-plan", "plans",
         chain(base(), chmod("plan.gpkg", 0o444)), "new", PLAN, "--crs",
         PLAN_CRS, "--force")
    case("new-force-onto-garbage", "plans", write("plan.gpkg", noise(3000, 7)),
         "new", PLAN, "--crs", PLAN_CRS, "--force")
    case("new-onto-existing", "plans", base(), "new", PLAN, "--crs", PLAN_CRS)
    case("new-into-missing-folder", "plans", lambda d: None, "new",
         "{d}/nowhere/plan.gpkg", "--crs", PLAN_CRS, plan=None,
         outputs=("nowhere",))
    case("new-unknown-crs", "plans", lambda d: None, "new", PLAN, "--crs",
         "EPSG:999999", outputs=("plan.gpkg",))
    case("new-crs-garbage", "plans", lambda d: None, "new", PLAN, "--crs",
         "+proj=nonsense +x=", outputs=("plan.gpkg",))
    plan_case("locked", base(), (I, M, E), lock=True)
    case("locked-subprocess-import", "plans", chain(base(), cafe_source()),
         *imp, lock=True, subprocess=True)

    # -- plans: GeoPackage structure ------------------------------------------
    for id_, build, commands in (
            ("table-Buildings", chain(base(), sql(
                'ALTER TABLE buildings RENAME TO "bldg_tmp"',
                'ALTER TABLE "bldg_tmp" RENAME TO "Buildings"',
                *(f"UPDATE {t} SET table_name = 'Buildings' WHERE "
                  "table_name = 'buildings'" for t in (
                      "gpkg_contents", "gpkg_geometry_columns",
                      "gpkg_extensions"))), geojson(
                "src/b.geojson", [feature(polygon(120, 200, 20),
                                          use="office")])),
             (("import", ("import", PLAN, "{d}/src/b.geojson", "--as",
                            "buildings")),)),
            ("aspatial-facilities", chain(base(), drop_table("facilities"),
                                          sql(
                "CREATE TABLE facilities (fid INTEGER PRIMARY KEY "
                "AUTOINCREMENT, name TEXT, category TEXT)",
                "INSERT INTO facilities (name, category) VALUES "
                "('Cafe', 'cafe')",
                "INSERT INTO gpkg_contents (table_name, data_type, "
                "identifier, srs_id) VALUES ('facilities', 'attributes', "
                "'facilities', 0)")), (I,)),
            ("geometry-columns-dropped", chain(base(), sql(
                "DELETE FROM gpkg_geometry_columns")), (I,)),
            ("contents-lists-missing-table", chain(base(), sql(
                "INSERT INTO gpkg_contents (table_name, data_type, "
                "identifier, srs_id) VALUES ('ghost', 'features', 'ghost', "
                "4549)", "INSERT INTO gpkg_geometry_columns VALUES "
                "('ghost', 'geom', 'POINT', 4549, 0, 0)")), (I,)),
            ("parking-as-tiles", chain(base(), sql(
                "UPDATE gpkg_contents SET data_type = 'tiles' WHERE "
                "table_name = 'parking'")), (V,)),
            ("layer-srs-unknown", chain(base(), sql(
                "UPDATE gpkg_geometry_columns SET srs_id = 999999 WHERE "
                "table_name = 'parking'", "UPDATE gpkg_contents SET srs_id "
                "= 999999 WHERE table_name = 'parking'")), (I,)),
            ("srs-definition-junk", chain(base(), sql(
                "UPDATE gpkg_spatial_ref_sys SET definition = 'junk', "
                "organization = 'NONE', organization_coordsys_id = 1 "
                "WHERE srs_id = 4549")), (I,)),
            ("no-crs-anywhere", chain(base(), sql(
                "DELETE FROM plannerdesk_settings WHERE key = 'crs'",
                "UPDATE gpkg_geometry_columns SET srs_id = 0",
                "UPDATE gpkg_contents SET srs_id = 0")), (I,)),
            ("layer-in-lonlat", chain(base(), sql(
                "UPDATE gpkg_geometry_columns SET srs_id = 4326 WHERE "
                "table_name = 'facilities'")), (E,)),
            ("rtree-dropped", chain(base(), sql(
                "DROP TABLE rtree_facilities_geom")), (M,)),
            ("trigger-refuses-insert", chain(base(), sql(
                "CREATE TRIGGER no_new_facilities BEFORE INSERT ON "
                "facilities BEGIN SELECT RAISE(ABORT, 'frozen by the "
                "office'); END")), (M,)),
            ("wal-mode", chain(base(), sql("PRAGMA journal_mode = WAL")),
             (M,)),
            ("settings-table-dropped", chain(base(), drop_table(
                "plannerdesk_settings")), (I,)),
    ):
        plan_case(id_, build, commands)

    # -- plans: geometries ----------------------------------------------------
    nan, inf = float("nan"), float("inf")
    for id_, table, blob, commands in (
            ("point-in-buildings", "buildings",
             gp(wkb_point(*at(30, 30))), (V,)),
            ("collection-in-buildings", "buildings", gp(wkb_multi(
                7, [wkb_point(*at(1, 1)),
                    wkb_polygon(square(20, 20, 40))])), (V,)),
            ("polygon-in-facilities", "facilities",
             gp(wkb_polygon(square(80, 100, 10))), (V,)),
            ("null-building", "buildings", None, (E,)),
            ("null-site", "site", None, (I,)),
            ("empty-point-facility", "facilities",
             gp(wkb_point(nan, nan), empty=True), (V,)),
            ("nan-point-facility", "facilities",
             gp(wkb_point(nan, Y0)), (M,)),
            ("nan-vertex-building", "buildings", gp(wkb_polygon(
                [at(20, 20), (nan, Y0 + 20), at(60, 60), at(20, 60),
                 at(20, 20)])), (E,)),
            ("nan-vertex-walkway", "walkways",
             gp(wkb_line([at(0, 100), (nan, nan), at(400, 100)])), (E,)),
            ("nan-vertex-site", "site", gp(wkb_polygon(
                [at(0, 0), at(400, 0), (nan, nan), at(0, 400), at(0, 0)])),
             (V,)),
            ("inf-point-parking", "parking",
             gp(wkb_point(inf, Y0)), (E,)),
            ("huge-point-facility", "facilities",
             gp(wkb_point(1e308, -1e308)), (N,)),
            ("huge-site", "site", gp(wkb_polygon(
                [(-1e300, -1e300), (1e300, -1e300), (1e300, 1e300),
                 (-1e300, 1e300), (-1e300, -1e300)])), (E,)),
            ("raw-wkb-no-header", "buildings",
             wkb_polygon(square(20, 20, 40)), (V,)),
            ("truncated-blob", "facilities",
             gp(wkb_point(*at(1, 1)))[:20], (V,)),
            ("blob-bad-envelope-code", "walkways", b"GP\x00\x0f" +
             struct.pack("<i", SRS_ID) + wkb_line([at(0, 0), at(9, 9)]),
             (V,)),
            ("wkt-text-as-geometry", "facilities", "POINT (498090 3351610)",
             (V,)),
            ("polygon-two-points", "buildings", gp(wkb_polygon(
                [at(20, 20), at(60, 60)])), (V, M)),
            ("ring-not-closed", "public_areas", gp(wkb_polygon(
                [at(300, 20), at(350, 20), at(350, 70), at(300, 70)])),
             (E,)),
            ("line-one-point", "walkways", gp(wkb_line([at(0, 100)])),
             (V,)),
            ("unknown-geometry-code", "facilities", gp(
                struct.pack("<BIdd", 1, 99, *at(5, 5))), (V,)),
    ):
        plan_case(id_, chain(base(), geom(table, blob)), commands)

    # -- plans: attribute values ----------------------------------------------
    for id_, build, commands in (
            ("capacity-text", cell("parking", "capacity", "lots"),
             (V, M)),
            ("capacity-1e308", cell("parking", "capacity", 1e308), (V,)),
            ("capacity-2-pow-70", cell("parking", "capacity", str(2**70)),
             (M,)),
            ("parking-type-helipad", cell("parking", "type", "helipad"),
             (E,)),
            ("floors-2.5-text", cell("buildings", "floors", "2.5"),
             (V,)),
            ("floors-1e25", cell("buildings", "floors", 1e25), (E,)),
            ("gfa-inf-text", cell("buildings", "gfa_m2", "inf"), (E,)),
            ("use-null", cell("buildings", "use", None), (V,)),
            ("use-unknown", cell("buildings", "use", "spaceport"), (V,)),
            ("open-maybe", cell("facilities", "open", "maybe"), (M,)),
            ("note-status-wontfix", cell("review_notes", "status",
                                         "wontfix"), (N,)),
            ("name-invalid-utf8", raw_cell("buildings", "name",
                                           "CAST(x'fffe41c3' AS TEXT)"),
             (I,)),
            ("note-text-invalid-utf8", raw_cell(
                "review_notes", "text", "CAST(x'80ff' AS TEXT)"), (N,)),
            ("use-column-dropped", drop_column("buildings", "use"), (M,)),
            ("capacity-column-dropped", drop_column("parking", "capacity"),
             (E,)),
            ("column-named-geometry", add_column("buildings", "geometry",
                                                 "TEXT", "POINT (1 2)"),
             (V,)),
            ("fid-negative-and-huge", sql(
                "UPDATE facilities SET fid = -7 WHERE fid = 1",
                "UPDATE facilities SET fid = 9223372036854775807 WHERE "
                "fid = 2"), (M,)),
    ):
        plan_case(id_, chain(base(), build), commands)

    # -- settings -------------------------------------------------------------
    S = "settings"
    for id_, build, commands in (
            ("json-array", settings_value("[1, 2, 3]"), (I,)),
            ("not-json", settings_value("{walk: fast"), (M,)),
            ("null-value", settings_value(None), (E,)),
            ("json-string", settings_value('"hello"'), (I,)),
            ("blob-value", settings_value(b"\x00\x01"), (I,)),
            ("value-invalid-utf8", settings_value(b"\x80{}"), (I,)),
            ("walk-true", settings_value('{"walk": true}'), (E,)),
            ("speed-text", setting("walk.speed_m_per_min", "fast"), (E,)),
            ("speed-nan", setting("walk.speed_m_per_min", float("nan")),
             (I,)),
            ("speed-inf", setting("walk.speed_m_per_min", float("inf")),
             (E,)),
            ("radius-far", setting("coverage.radii_m.cafe", "far"),
             (E,)),
            ("radius-negative", setting("coverage.radii_m.cafe", -1), (E,)),
            ("radii-list", setting("coverage.radii_m", [1, 2]), (I,)),
            ("method-teleport", setting("coverage.method", "teleport"),
             (E,)),
            ("weights-negative", setting("walk.weights.coffee", [-1]), (E,)),
            ("weights-nan", setting("walk.weights.coffee", [float("nan")]),
             (E,)),
            ("occupancy-five", setting("parking.target_occupancy", 5), (E,)),
            ("use-profiles-yes", setting("parking.use_profiles", "yes"),
             (E,)),
            ("unknown-section", setting("teleport", {"a": 1}), (I,)),
            ("unknown-key", setting("walk.warp", 9), (I,)),
            ("schema-99", setting("schema_version", 99), (M,)),
            ("schema-true", setting("schema_version", True), (I,)),
            ("deep-nesting", settings_value("[" * 100_000 + "]" * 100_000),
             (I,)),
            ("crs-unknown", settings_value('"EPSG:999999"', key="crs"),
             (I,)),
            ("crs-not-json", settings_value("EPSG:4549", key="crs"), (I,)),
            ("crs-geographic", settings_value('"EPSG:4326"', key="crs"),
             (E,)),
            ("crs-null", settings_value("null", key="crs"), (M,)),
            ("duplicate-settings-row", settings_row("settings",
                                                    '{"walk": true}'),
             (M,)),
            ("row-key-null", settings_row(None, "1"), (I,)),
            ("table-without-value", sql(
                "ALTER TABLE plannerdesk_settings DROP COLUMN value"),
             (I,)),
    ):
        plan_case(f"{S}-{id_}", chain(base(), build), commands,
                  category="settings")

    # -- settings: site maps, scenarios ---------------------------------------
    SM = "plannerdesk_site_maps"
    for id_, build, commands in (
            ("missing-columns", sql(
                f"ALTER TABLE {SM} DROP COLUMN kind",
                f"ALTER TABLE {SM} DROP COLUMN opacity"), (I,)),
            ("path-etc-passwd", cell(SM, "path", "/etc/passwd"), (I,)),
            ("path-no-extension", cell(SM, "path", "basemap"), (I,)),
            ("path-null", cell(SM, "path", None), (I,)),
            ("path-nul", raw_cell(SM, "path", "'base' || char(0) || '.png'"),
             (K,)),
            ("kind-hologram", cell(SM, "kind", "hologram"), (I,)),
            ("opacity-half", cell(SM, "opacity", "half"), (I,)),
            ("visible-maybe", cell(SM, "visible", "maybe"), (I,)),
    ):
        plan_case(f"site-maps-{id_}", chain(base("mapped"), build), commands,
                  category="settings")
    SC, ED = "plannerdesk_scenarios", "plannerdesk_scenario_edits"
    for id_, build, commands in (
            ("active-maybe", cell(SC, "active", "maybe"), (I,)),
            ("name-null", cell(SC, "name", None), (M,)),
            ("name-duplicate", sql(
                f"INSERT INTO {SC} (name, position, description, active) "
                "VALUES ('proposal a', 2, '', 0)"), (I,)),
            ("settings-not-json", cell(SC, "settings", "{oops"), (E,)),
            ("action-explode", cell(ED, "action", "explode"), (I,)),
            ("fid-huge", cell(ED, "feature_fid", 2**63 - 1), (I,)),
            ("fid-missing-feature", sql(
                f"UPDATE {ED} SET feature_fid = 999 WHERE action = 'modify'"),
             (E,)),
            ("properties-not-json", sql(
                f"UPDATE {ED} SET properties = 'nope' WHERE action = "
                "'modify'"), (M,)),
            ("properties-capacity-lots", sql(
                f"UPDATE {ED} SET properties = '{{\"capacity\": \"lots\"}}' "
                "WHERE action = 'modify'"), (E,)),
            ("properties-deep", sql(
                (f"UPDATE {ED} SET properties = ? WHERE action = 'modify'",
                 ("{\"a\": " + "[" * 100_000 + "]" * 100_000 + "}",))),
             (I,)),
            ("wkb-not-hex", sql(
                f"UPDATE {ED} SET wkb = 'zz' WHERE action = 'modify'"),
             (I,)),
            ("wkb-point-for-parking-polygon", sql(
                (f"UPDATE {ED} SET wkb = ? WHERE action = 'modify'",
                 (wkb_line([at(0, 0), at(1, 1)]).hex(),))), (I,)),
            ("add-without-geometry", sql(
                f"INSERT INTO {ED} (scenario, layer, feature_fid, action, "
                "properties, wkb) VALUES ('Proposal A', 'facilities', 50, "
                "'add', '{\"category\": \"cafe\"}', NULL)"), (I,)),
    ):
        plan_case(f"scenarios-{id_}", chain(base("scenario"), build),
                  commands, category="settings")

    # -- sources --------------------------------------------------------------
    def imp_(source: str, kind: str, *extra: str) -> tuple[str, ...]:
        return ("import", PLAN, "{d}/src/" + source, "--as", kind, *extra)

    def source_case(id_, build, *argv):
        case(f"source-{id_}", "sources", chain(base(), build), *argv)

    good = feature(point(95, 120), name="C", category="cafe")
    for id_, name, data in (
            ("empty-geojson", "a.geojson", b""),
            ("noise-geojson", "a.geojson", noise(3000, 11)),
            ("noise-shp", "a.shp", noise(3000, 12)),
            ("noise-gpkg", "a.gpkg", noise(3000, 13)),
            ("noise-csv", "a.csv", noise(3000, 14)),
            ("geojson-cut-short", "a.geojson",
             b'{"type": "FeatureCollection", "features": [{"type": "Fea'),
            ("geojson-deep", "a.geojson", b"[" * 200_000 + b"]" * 200_000),
    ):
        source_case(id_, write("src/" + name, data),
                    *imp_(name, "facilities"))
    for id_, features, kind in (
            ("nan-point", [feature({"type": "Point",
                                    "coordinates": [float("nan"), 30.0]},
                                   category="cafe")], "facilities"),
            ("lon-500", [feature({"type": "Point", "coordinates": [
                500.0, 30.0]}, category="cafe")], "facilities"),
            ("huge-polygon", [feature({"type": "Polygon", "coordinates": [[
                [-1e300, -1e300], [1e300, -1e300], [1e300, 1e300],
                [-1e300, -1e300]]]}, use="office")], "buildings"),
            ("coordinates-text", [feature({"type": "Point",
                                           "coordinates": ["a", "b"]},
                                          category="cafe")], "facilities"),
            ("polygon-for-facilities", [feature(polygon(80, 100, 10),
                                                category="cafe")],
             "facilities"),
            ("mixed-types", [good, feature(polygon(80, 100, 10),
                                           category="cafe")], "facilities"),
            ("null-geometry", [feature(None, capacity=5)], "parking"),
            ("ring-not-closed", [feature({"type": "Polygon", "coordinates": [
                [list(lonlat(0, 0)), list(lonlat(9, 0)),
                 list(lonlat(9, 9))]]}, use="office")], "buildings"),
            ("capacity-lots", [feature(point(1, 1), capacity="lots")],
             "parking"),
            ("capacity-1e30", [feature(point(1, 1), capacity=1e30)],
             "parking"),
            ("capacity-inf", [feature(point(1, 1),
                                      capacity=float("inf"))], "parking"),
            ("capacity-2-pow-70", [feature(point(1, 1), capacity=2**70)],
             "parking"),
            ("open-maybe", [feature(point(1, 1), category="cafe",
                                    open="maybe")], "facilities"),
            ("floors-1e25", [feature(polygon(120, 200, 20), use="office",
                                     floors=1e25)], "buildings"),
            ("column-fid", [feature(point(1, 1), fid="abc",
                                    category="cafe")], "facilities"),
            ("column-geom", [feature(point(1, 1), geom="POINT (1 2)",
                                     category="cafe")], "facilities"),
    ):
        source_case(id_, geojson("src/s.geojson", features),
                    *imp_("s.geojson", kind))
    source_case("crs-member-unknown", geojson("src/s.geojson", [good],
                                              crs="EPSG:999999"),
                *imp_("s.geojson", "facilities"))
    ok = cafe_source("src/s.geojson")
    for id_, extra in (
            ("set-capacity-inf", ("--set", "capacity=inf")),
            ("set-capacity-1e30", ("--set", "capacity=1e30")),
            ("set-unknown-field", ("--set", "spaces=4")),
            ("set-no-equals", ("--set", "capacity")),
            ("map-missing-column", ("--map", "capacity=spaces")),
            ("layer-unknown", ("--layer", "nope")),
            ("source-crs-999999", ("--source-crs", "EPSG:999999")),
    ):
        source_case(id_, ok, *imp_("s.geojson", "parking", *extra))
    source_case("as-unknown-kind", ok, *imp_("s.geojson", "trees"))
    source_case("only-unknown", base(), "evaluate", "--quiet", PLAN,
                "--only", "everything")
    # CSV tables
    for id_, text, extra in (
            ("csv-xy-ok", "x,y,category\n498090,3351610,cafe\n",
             ("--source-crs", PLAN_CRS)),
            ("csv-xy-no-crs", "x,y,category\n498090,3351610,cafe\n", ()),
            ("csv-no-xy", "name,category\nA,cafe\n", ()),
            ("csv-xy-text", "x,y,category\nabc,def,cafe\n",
             ("--source-crs", PLAN_CRS)),
            ("csv-xy-nan-inf", "x,y,category\nnan,inf,cafe\n",
             ("--source-crs", PLAN_CRS)),
            ("csv-lonlat-out-of-range", "lon,lat,category\n500,95,cafe\n",
             ()),
            ("csv-x-field-missing", "x,y,category\n1,2,cafe\n",
             ("--x-field", "east", "--y-field", "north")),
            ("csv-duplicate-columns", "x,x,y,category\n1,2,3,cafe\n",
             ("--source-crs", PLAN_CRS)),
    ):
        source_case(id_, write("src/t.csv", text),
                    *imp_("t.csv", "facilities", *extra))
    source_case("csv-latin1", write("src/t.csv", "x,y,name,category\n"
                                    "498090,3351610,caf\xe9,cafe\n"
                                    .encode("latin-1")),
                *imp_("t.csv", "facilities", "--source-crs", PLAN_CRS))
    # Shapefiles and GeoPackages
    rows = [{"name": "L", "capacity": 5, "geometry": shapely_point(1, 1)}]
    shp = vector("src/lots.shp", rows, crs=None)
    source_case("shp-no-crs", shp, *imp_("lots.shp", "parking"))
    source_case("shp-no-crs-with-source-crs", shp,
                *imp_("lots.shp", "parking", "--source-crs", PLAN_CRS))
    two = chain(vector("src/two.gpkg", rows, layer="lots"),
                vector("src/two.gpkg", [{"name": "C", "category": "cafe",
                                         "geometry": shapely_point(2, 2)}],
                       layer="cafes"))
    source_case("gpkg-two-layers", two, *imp_("two.gpkg", "parking"))
    source_case("gpkg-capacity-text", chain(
        vector("src/lots.gpkg", rows),
        cell("lots", "capacity", "lots", name="src/lots.gpkg")),
        *imp_("lots.gpkg", "parking"))
    source_case("gpkg-nan-geometry", chain(
        vector("src/lots.gpkg", rows),
        geom("lots", gp(wkb_point(float("nan"), float("nan"))),
             name="src/lots.gpkg")), *imp_("lots.gpkg", "parking"))
    source_case("plan-as-its-own-source", lambda d: None,
                *imp_("../plan.gpkg", "facilities", "--layer",
                      "facilities"))
    source_case("missing-source", lambda d: None,
                *imp_("nope.geojson", "facilities"))
    source_case("folder-as-source", mkdir("src/folder.geojson"),
                *imp_("folder.geojson", "facilities"))
    source_case("devnull-as-source", symlink("src/null.geojson",
                                             "/dev/null"),
                *imp_("null.geojson", "facilities"))
    case("source-fifo", "sources", chain(base(), mkfifo("src/s.geojson")),
         *imp_("s.geojson", "facilities"), subprocess=True)
    case("source-devzero", "sources", chain(base(), symlink(
        "src/s.geojson", "/dev/zero")), *imp_("s.geojson", "facilities"),
        subprocess=True)
    case("new-site-noise", "sources", write("src/site.geojson",
                                            noise(500, 20)),
         "new", PLAN, "--crs", PLAN_CRS, "--site", "{d}/src/site.geojson",
         outputs=("plan.gpkg",))
    case("new-site-nan", "sources", geojson("src/site.geojson", [feature(
        {"type": "Polygon", "coordinates": [[[float("nan"), 0], [1, 0],
                                             [1, 1], [float("nan"), 0]]]})]),
         "new", PLAN, "--crs", PLAN_CRS, "--site", "{d}/src/site.geojson",
         outputs=("plan.gpkg",))

    # -- outputs --------------------------------------------------------------
    def out_case(id_, build, argv, outputs, **kw):
        case(f"output-{id_}", "outputs", chain(base(), build), *argv,
             outputs=outputs, **kw)

    def nothing(folder: Path) -> None:
        pass

    def targets(ext: str):
        """(id, build, target, what must not be left) for an output file
        named with ``ext``."""
        return (
            ("missing-folder", nothing, f"{{d}}/nowhere/x{ext}", "nowhere"),
            ("read-only-folder", chain(mkdir("locked"),
                                       chmod("locked", 0o555)),
             f"{{d}}/locked/x{ext}", f"locked/x{ext}"),
            ("onto-plan", nothing, PLAN, "plan.gpkg"),
            ("symlink-to-plan", symlink(f"link{ext}", "{d}/plan.gpkg"),
             f"{{d}}/link{ext}", f"link{ext}"),
            ("dotdot-plan", mkdir("x"), "{d}/x/../plan.gpkg", "plan.gpkg"),
            ("onto-folder", mkdir(f"folder{ext}"), f"{{d}}/folder{ext}",
             f"folder{ext}"),
            ("onto-recovery", write(".plan.recovery.gpkg", b"recovery"),
             "{d}/.plan.recovery.gpkg", ".plan.recovery.gpkg"),
            ("onto-read-only-file", chain(write(f"old{ext}", b"old"),
                                          chmod(f"old{ext}", 0o444)),
             f"{{d}}/old{ext}", f"old{ext}"),
        )

    TARGETS = {  # which targets each option is tried on (--json: all)
        "json": {t[0] for t in targets("")},
        "out": {"missing-folder", "onto-plan", "symlink-to-plan",
                "onto-folder"},
        "csv": {"onto-plan", "read-only-folder", "dotdot-plan",
                "onto-recovery"},
        "notes-csv": {"read-only-folder", "onto-plan", "onto-recovery",
                      "onto-folder"},
        "package": {"onto-plan", "dotdot-plan", "onto-recovery",
                    "missing-folder", "symlink-to-plan"}}
    for option, argv_of, ext in (
            ("json", lambda t: ("evaluate", "--quiet", PLAN, "--json", t),
             ".json"),
            ("out", lambda t: ("evaluate", "--quiet", PLAN, "--out", t),
             ".gpkg"),
            ("csv", lambda t: ("evaluate", "--quiet", PLAN, "--csv", t),
             ".d"),
            ("notes-csv", lambda t: ("notes", PLAN, "--csv", t), ".csv"),
            ("package", lambda t: ("package", PLAN, "-o", t), ".zip"),
    ):
        for id_, build, target, written in targets(ext):
            if id_ in TARGETS[option]:
                out_case(f"{option}-{id_}", build, argv_of(target),
                         (written,))
    for id_, build, target, written in targets(".pdf")[:3]:
        out_case(f"report-{id_}", build,
                 ("report", "--quiet", PLAN, "-o", target), (written,))
    out_case("report-unknown-scenario", nothing,
             ("report", "--quiet", PLAN, "-o", "{d}/out/r.pdf", "--scenario",
              "Nope"), ("out/r.pdf",))
    out_case("report-paper-a5", nothing,
             ("report", "--quiet", PLAN, "-o", "{d}/out/r.pdf", "--paper",
              "a5"), ("out/r.pdf",))
    out_case("report-onto-recovery", write(".plan.recovery.gpkg", b"r"),
             ("report", "--quiet", PLAN, "-o", "{d}/.plan.recovery.gpkg"),
             (".plan.recovery.gpkg",))
    out_case("csv-onto-file", write("table.csv", "a,b\n"),
             ("evaluate", "--quiet", PLAN, "--csv", "{d}/table.csv"),
             ("table.csv",))
    out_case("csv-in-missing-parents", nothing,
             ("evaluate", "--quiet", PLAN, "--csv", "{d}/a/b/c"), ("a",))
    out_case("json-and-out-same-file", nothing,
             ("evaluate", "--quiet", PLAN, "--json", "{d}/out/r.gpkg",
              "--out", "{d}/out/r.gpkg"), ("out/r.gpkg",))
    out_case("json-trailing-slash", nothing,
             ("evaluate", "--quiet", PLAN, "--json", "{d}/out/s.json/"),
             ("out/s.json",))
    out_case("json-empty-path", nothing,
             ("evaluate", "--quiet", PLAN, "--json", ""), ())
    out_case("json-onto-devnull-link", symlink("out/null.json", "/dev/null"),
             ("evaluate", "--quiet", PLAN, "--json", "{d}/out/null.json"),
             ())
    out_case("out-onto-source-of-import", cafe_source(),
             ("evaluate", "--quiet", PLAN, "--out", "{d}/src/cafe.geojson"),
             ("src/cafe.geojson",))
    out_case("json-onto-fifo", mkfifo("out/s.json"),
             ("evaluate", "--quiet", PLAN, "--json", "{d}/out/s.json"),
             ("out/s.json",), subprocess=True)
    out_case("notes-csv-onto-fifo", mkfifo("out/n.csv"),
             ("notes", PLAN, "--csv", "{d}/out/n.csv"), ("out/n.csv",),
             subprocess=True)
    out_case("report-tiny-damaged-plan", chain(
        geom("buildings", gp(wkb_point(float("nan"), 0.0))),
        cell("parking", "capacity", "lots")),
        ("report", "--quiet", PLAN, "-o", "{d}/out/r.pdf"), ("out/r.pdf",))

    # -- packages: making them ------------------------------------------------
    # The plan is office/plan.gpkg, so that ../secret lies in the folder.
    office = "office/plan.gpkg"
    office_plan = "{d}/office/plan.gpkg"

    def pack_case(id_, build, *extra, **kw):
        case(f"package-{id_}", "packages",
             chain(base("mapped", name=office), build),
             "package", office_plan, "-o", "{d}/out/field.zip", *extra,
             plan=office, outputs=("out/field.zip",), **kw)

    def note_photo(stored: object) -> Build:
        return cell("review_notes", "photo", stored, name=office)

    def note_photo_sql(expression: str) -> Build:
        return raw_cell("review_notes", "photo", expression, name=office)

    def site_map(stored: str, kind: str) -> Build:
        return chain(cell("plannerdesk_site_maps", "path", stored,
                          name=office),
                     cell("plannerdesk_site_maps", "kind", kind, name=office))

    secrets = write("secret/key.pem", "-----BEGIN PRIVATE KEY-----\n")
    both, inside, outside = ((), ("--include-outside",)), ((),), \
        (("--include-outside",),)
    for id_, stored, flags in (
            ("photo-etc-hostname", "/etc/hostname", both),
            ("photo-dotdot-key", "../secret/key.pem", both),
            ("photo-very-long", "p/" * 3000 + "a.jpg", inside),
            ("photo-the-plan", "plan.gpkg", inside),
    ):
        for flag in flags:
            suffix = "-include-outside" if flag else ""
            pack_case(id_ + suffix, chain(secrets, note_photo(stored)),
                      *flag)
    pack_case("photo-nul", note_photo_sql("'a' || char(0) || '.jpg'"))
    pack_case("photo-blob", note_photo(b"\xff\xd8"))
    for id_, stored, kind, flags in (
            ("site-map-no-extension", "basemap_copy", "raster", inside),
            ("site-map-etc-passwd", "/etc/passwd", "raster", outside),
            ("site-map-etc-folder", "/etc", "vector", outside),
            ("site-map-the-plan", "plan.gpkg", "vector", inside),
            ("site-map-dotdot-key", "../secret/key.pem", "vector", outside),
    ):
        build = chain(secrets, copy("office/basemap.png",
                                    "office/basemap_copy"),
                      site_map(stored, kind))
        for flag in flags:
            suffix = "-include-outside" if flag else ""
            pack_case(id_ + suffix, build, *flag)
    pack_case("photo-fifo-inside", chain(
        mkfifo("office/plan_photos/f.jpg"),
        note_photo("plan_photos/f.jpg")), subprocess=True)
    pack_case("site-map-fifo", chain(mkfifo("office/pipe.png"),
                                     site_map("pipe.png", "raster")),
              subprocess=True)
    pack_case("photo-devzero-include-outside", note_photo("/dev/zero"),
              "--include-outside", subprocess=True)
    for id_, target, written in (
            ("onto-photo", "{d}/office/plan_photos/p1.jpg",
             "office/plan_photos/p1.jpg"),
            ("onto-site-map", "{d}/office/basemap.png", "office/basemap.png"),
            ("onto-plan-folder", "{d}/office", "office"),
    ):
        case(f"package-{id_}", "packages", base("mapped", name=office),
             "package", office_plan, "-o", target, plan=office,
             outputs=(written,))
    case("package-into-non-empty-folder", "packages",
         chain(base(), write("out/full/keep.txt", "keep")),
         "package", PLAN, "-o", "{d}/out/full", outputs=("out/full",))

    # -- packages: opening them -----------------------------------------------
    def open_case(id_, build, zip_name="field.zip", **kw):
        case(f"open-{id_}", "packages", build, "open", "{d}/" + zip_name,
             plan=zip_name, outputs=(zip_name.removesuffix(".zip"),),
             runner="open", **kw)

    open_case("valid", package_zip())
    for id_, name in (("traversal", "../../escaped.txt"),
                      ("traversal-deep", "photos/../../../x.txt"),
                      ("absolute", "/tmp/plannerdesk-escaped.txt"),
                      ("windows-drive", "C:/Windows/x.txt"),
                      ("backslash-traversal", "..\\..\\x.txt"),
                      ("very-long-name", "a" * 300 + ".jpg"),
                      ("nul-in-name", "photos/a\x00b.jpg")):
        open_case(id_, package_zip(extra={name: b"x"}))
    open_case("file-and-folder-clash", package_zip(extra={
        "photos": b"a file", "photos/a.jpg": b"x"}))
    open_case("duplicate-entries", chain(package_zip(), lambda d: _append(
        d / "field.zip", "plan.gpkg", noise(100, 22))))
    open_case("too-many-entries-limit", package_zip(extra={
        f"photos/{i}.jpg": b"x" for i in range(60)}),
        limits=(("MAX_ENTRIES", 50),))
    open_case("too-many-entries", package_zip(extra={
        f"p/{i}": b"" for i in range(20_001)}), subprocess=True)

    def lie_twice(data: bytearray) -> None:
        claim_size(b"a.bin", 0xFFFFFFFF)(data)
        claim_size(b"b.bin", 0xFFFFFFFF)(data)

    open_case("bomb-declared", chain(package_zip(extra={
        "a.bin": b"x", "b.bin": b"y"}), rewrite_zip("field.zip", lie_twice)))
    open_case("bomb-liar", chain(package_zip(extra={
        "big.bin": bytes(30 * 2**20)}), rewrite_zip(
            "field.zip", claim_size(b"big.bin", 1000))),
        limits=(("MAX_UNPACKED_BYTES", 2**20),))
    open_case("bomb-limit", package_zip(extra={"big.bin": bytes(8 * 2**20)}),
              limits=(("MAX_UNPACKED_BYTES", 2**20),))
    open_case("truncated", chain(package_zip(), truncate("field.zip", 0.5)))
    open_case("zero-byte", write("field.zip", b""))
    open_case("noise", write("field.zip", noise(5000, 23)))

    def spoil(data: bytearray) -> None:
        data[data.rfind(b"J" * 1000) + 10] = ord("X")

    open_case("bad-crc", chain(zip_of("field.zip", {
        "plan.gpkg": base_bytes(), "photos/a.jpg": b"J" * 1000},
        method=zipfile.ZIP_STORED), rewrite_zip("field.zip", spoil)))
    open_case("unknown-compression", chain(package_zip(), rewrite_zip(
        "field.zip", set_method(b"README.txt", 99))))
    open_case("encrypted-entry", chain(package_zip(), rewrite_zip(
        "field.zip", set_encrypted(b"README.txt"))))
    open_case("no-plan", zip_of("field.zip", {"README.txt": "hi"}))
    open_case("two-plans", package_zip(extra={"other.gpkg": base_bytes()}))
    open_case("plan-is-noise", package_zip(plan_bytes=noise(4096, 24)))
    open_case("plan-settings-damaged", package_zip(
        damage=settings_value("[1]")))
    open_case("plan-in-subfolder", zip_of("field.zip", {
        "inner/plan.gpkg": base_bytes()}))
    open_case("in-read-only-folder", chain(
        mkdir("ro"), package_zip("ro/field.zip"), chmod("ro", 0o555)),
        zip_name="ro/field.zip")
    open_case("target-exists-as-file", chain(package_zip(),
                                             write("field", "a file")))
    open_case("folder-named-zip", mkdir("field.zip"))
    open_case("fifo", mkfifo("field.zip"), subprocess=True)
    return cases


def _append(path: Path, name: str, data: bytes) -> None:
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name"
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(name, data)


def corpus() -> list[Case]:
    """Every case, with unique ids, in five categories."""
    cases = _cases()
    ids = [c.id for c in cases]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, duplicates
    assert {c.category for c in cases} == set(CATEGORIES)
    return cases


if __name__ == "__main__":
    sys.exit(open_package(sys.argv[1:]))
