"""The plan file shared with other programs: saved in place, in one
transaction, with whatever PlannerDesk does not own left as it was."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time

import pyogrio
import pytest
import shapely
import shapely.affinity

import plannerdesk.io.gpkg_sql as gpkg_sql
from plannerdesk.cli import main
from plannerdesk.commands.edits import MoveFeatures, SetAttribute
from plannerdesk.io.gpkg import PlanChanged, open_plan, save_plan
from plannerdesk.model.problems import PlannerError

from .conftest import box, frame, pt


def _buildings(n: int, name: str = "b") -> list[dict]:
    """``n`` small buildings in rows of 40 inside the 500 m site."""
    return [{"name": f"{name}{i}", "use": "office", "floors": 2,
             "geometry": box(10 + 12 * (i % 40), 10 + 12 * (i // 40),
                             18 + 12 * (i % 40), 18 + 12 * (i // 40))}
            for i in range(n)]


@pytest.fixture
def plan_path(small_plan_path):
    """The small plan with five buildings."""
    plan, _ = open_plan(small_plan_path)
    plan.add_features("buildings", frame(_buildings(5)))
    save_plan(plan, small_plan_path)
    return small_plan_path


@pytest.fixture
def source(tmp_path):
    """A GeoJSON of five buildings to import."""
    path = tmp_path / "more.geojson"
    frame([{**b, "geometry": shapely.affinity.translate(b["geometry"], 0, 200)}
           for b in _buildings(5, "new")]).to_file(path, driver="GeoJSON")
    return path


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plannerdesk", *args],
                          capture_output=True, text=True, timeout=timeout)


def _rows(path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def _other_program(path, **options) -> sqlite3.Connection:
    """A connection like QGIS's: plain SQLite plus the geometry functions
    the GeoPackage's spatial-index triggers call."""
    db = sqlite3.connect(path, **options)

    def bounds(blob):
        header = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
        return shapely.from_wkb(bytes(blob[header:])).bounds

    for name, i in (("ST_MinX", 0), ("ST_MinY", 1), ("ST_MaxX", 2),
                    ("ST_MaxY", 3)):
        db.create_function(name, 1, lambda b, i=i: None if b is None
                           else bounds(b)[i])
    db.create_function("ST_IsEmpty", 1, lambda b: None if b is None
                       else int(shapely.from_wkb(bytes(b[8 + {
                           0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[
                               (b[3] >> 1) & 7]:])).is_empty))
    return db


def test_import_while_a_wal_client_holds_the_plan_open(plan_path, source):
    """A reader in WAL mode (as QGIS keeps it) holds the plan open in a
    read transaction during an import: the plan stays a sound database, the
    reader is never blocked, and it sees the import once it reads again."""
    client = sqlite3.connect(plan_path, isolation_level=None)
    assert client.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    client.execute("BEGIN")
    assert client.execute("SELECT count(*) FROM buildings").fetchone()[0] == 5
    done = _cli("import", str(plan_path), str(source), "--as", "buildings")
    assert done.returncode == 0, done.stderr
    assert client.execute("SELECT count(*) FROM buildings").fetchone()[0] == 5
    client.execute("COMMIT")
    assert client.execute("SELECT count(*) FROM buildings").fetchone()[0] == 10
    assert client.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert client.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    client.close()
    plan, problems = open_plan(plan_path)
    assert len(plan["buildings"]) == 10 and not problems


def test_a_program_writing_the_plan_makes_a_save_wait_then_stop(
        plan_path, source, monkeypatch, capsys):
    """Another program holds the write lock: the import waits the busy
    timeout, then stops with the way out, and the plan is unchanged."""
    monkeypatch.setattr(gpkg_sql, "BUSY_TIMEOUT_S", 0.5)
    before = plan_path.read_bytes()
    client = sqlite3.connect(plan_path, isolation_level=None)
    client.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    status = main(["import", str(plan_path), str(source), "--as",
                   "buildings"])
    waited = time.monotonic() - started
    client.execute("ROLLBACK")
    client.close()
    err = capsys.readouterr().err
    assert status == 1
    assert "open for writing in another program" in err
    assert "Save As" in err
    assert 0.4 < waited < 10
    assert plan_path.read_bytes() == before


def test_a_locked_plan_is_reported_as_locked(plan_path, monkeypatch, capsys):
    monkeypatch.setattr(gpkg_sql, "BUSY_TIMEOUT_S", 0.3)
    client = sqlite3.connect(plan_path, isolation_level=None)
    client.execute("BEGIN EXCLUSIVE")
    status = main(["info", str(plan_path)])
    client.execute("ROLLBACK")
    client.close()
    err = capsys.readouterr().err
    assert status == 1
    assert "locked" in err and "not a GeoPackage" not in err


def test_two_imports_at_once_both_land(plan_path, tmp_path):
    """Two imports started together into one plan: both sets of buildings
    are in the plan afterwards."""
    sources = []
    for name in ("east", "west"):
        path = tmp_path / f"{name}.geojson"
        frame(_buildings(400, name)).to_file(path, driver="GeoJSON")
        sources.append(path)
    procs = [subprocess.Popen(
        [sys.executable, "-m", "plannerdesk", "import", str(plan_path),
         str(path), "--as", "buildings"], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for path in sources]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    names = set(open_plan(plan_path)[0]["buildings"]["name"])
    assert len(names) == 805
    assert {"east399", "west399", "b4"} <= names


def test_another_programs_commit_is_kept(plan_path):
    """While PlannerDesk has the plan open, another program renames one
    building; PlannerDesk moves another and saves: both changes are kept."""
    plan, _ = open_plan(plan_path)
    fids = plan["buildings"].index.tolist()
    with _other_program(plan_path) as db:
        db.execute("UPDATE buildings SET name = 'Renamed in QGIS' "
                   "WHERE fid = ?", (fids[0],))
    MoveFeatures("buildings", [fids[1]], 5.0, 0.0).redo(plan)
    save_plan(plan, plan_path)
    again, _ = open_plan(plan_path)
    assert again["buildings"].at[fids[0], "name"] == "Renamed in QGIS"
    assert again["buildings"].geometry.loc[fids[1]].equals(
        plan["buildings"].geometry.loc[fids[1]])


def test_a_cell_another_program_changed_is_not_overwritten(plan_path):
    plan, _ = open_plan(plan_path)
    fid = plan["buildings"].index[0]
    with _other_program(plan_path) as db:
        db.execute("UPDATE buildings SET name = 'Renamed in QGIS' "
                   "WHERE fid = ?", (int(fid),))
    before = plan_path.read_bytes()
    SetAttribute("buildings", int(fid), "name", "Renamed here").redo(plan)
    with pytest.raises(PlanChanged, match=f"name of feature {fid} of layer "
                       "'buildings'.*Save As"):
        save_plan(plan, plan_path)
    assert plan_path.read_bytes() == before


def test_a_fid_another_program_took_stops_the_save(plan_path):
    plan, _ = open_plan(plan_path)
    with _other_program(plan_path) as db:
        taken = db.execute("SELECT max(fid) + 1 FROM facilities"
                           ).fetchone()[0] or 1
        blob = gpkg_sql.encode([pt(5, 5)], 4549)[0]
        db.execute("INSERT INTO facilities (fid, geom, name, category) "
                   "VALUES (?, ?, 'From QGIS', 'cafe')", (taken, blob))
    before = plan_path.read_bytes()
    plan.add_features("facilities", frame([
        {"name": "Mine", "category": "cafe", "geometry": pt(9, 9)}]))
    with pytest.raises(PlanChanged, match="added feature"):
        save_plan(plan, plan_path)
    assert plan_path.read_bytes() == before


def _planner_extras(path) -> None:
    """What a planner adds in QGIS or sqlite3: an index, a trigger writing
    an audit table, field aliases, a style, a table of their own; the file
    in WAL mode with mode 0640."""
    with _other_program(path) as db:
        db.executescript("""
            CREATE INDEX my_building_names ON buildings(name);
            CREATE TABLE my_audit (fid INTEGER, at TEXT);
            CREATE TRIGGER my_audit_trigger AFTER UPDATE ON buildings
                BEGIN INSERT INTO my_audit VALUES (NEW.fid, 'x'); END;
            CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL,
                column_name TEXT NOT NULL, name TEXT, title TEXT,
                description TEXT, mime_type TEXT, constraint_name TEXT,
                CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name));
            INSERT INTO gpkg_data_columns VALUES ('buildings', 'floors',
                'Floors', '层数', 'storeys above ground', NULL, NULL);
            INSERT INTO layer_styles (f_table_name, f_geometry_column,
                styleName, styleQML, useAsDefault)
                VALUES ('my_roads', 'geom', 'mine', '<qgis/>', 1);
            CREATE TABLE my_notes (id INTEGER PRIMARY KEY, text TEXT);
            INSERT INTO my_notes VALUES (1, 'keep me');
        """)
        db.execute("PRAGMA journal_mode=WAL")
    os.chmod(path, 0o640)


def _extras(path) -> dict:
    return {
        "schema": _rows(path, "SELECT type, name, sql FROM sqlite_master "
                        "WHERE name LIKE 'my_%'"),
        "aliases": _rows(path, "SELECT * FROM gpkg_data_columns"),
        "styles": _rows(path, "SELECT * FROM layer_styles WHERE "
                        "f_table_name = 'my_roads'"),
        "notes": _rows(path, "SELECT * FROM my_notes"),
        "journal": _rows(path, "PRAGMA journal_mode"),
        "mode": stat.S_IMODE(os.stat(path).st_mode),
        "inode": os.stat(path).st_ino,
    }


def test_a_save_keeps_what_planderdesk_does_not_own(plan_path, source):
    _planner_extras(plan_path)
    before = _extras(plan_path)
    plan, _ = open_plan(plan_path)
    fid = int(plan["buildings"].index[2])
    MoveFeatures("buildings", [fid], 3.0, 0.0).redo(plan)
    save_plan(plan, plan_path)
    assert _extras(plan_path) == before
    # the planner's trigger saw exactly one row change: the moved building
    assert _rows(plan_path, "SELECT fid FROM my_audit") == [(fid,)]
    assert main(["import", str(plan_path), str(source), "--as",
                 "buildings"]) == 0
    assert _extras(plan_path) == before
    assert len(open_plan(plan_path)[0]["buildings"]) == 10


def test_a_read_only_plan_is_refused_and_stays_read_only(plan_path, source,
                                                          capsys):
    os.chmod(plan_path, 0o444)
    before = plan_path.read_bytes()
    status = main(["import", str(plan_path), str(source), "--as",
                   "buildings"])
    assert status == 1
    assert "read-only" in capsys.readouterr().err
    assert plan_path.read_bytes() == before
    assert stat.S_IMODE(os.stat(plan_path).st_mode) == 0o444
    plan, _ = open_plan(plan_path)  # still opens for reading
    assert len(plan["buildings"]) == 5


def test_a_plan_in_a_read_only_folder_is_refused(plan_path):
    plan, _ = open_plan(plan_path)
    plan.add_features("buildings", frame(_buildings(1, "x")))
    before = plan_path.read_bytes()
    os.chmod(plan_path.parent, 0o555)
    try:
        with pytest.raises(PlannerError, match="folder .* is read-only"):
            save_plan(plan, plan_path)
    finally:
        os.chmod(plan_path.parent, 0o755)
    assert plan_path.read_bytes() == before


def test_a_save_changes_the_file_in_place(plan_path):
    """No copy and no replace: the file keeps its inode, and a second save
    with nothing changed writes nothing."""
    inode = os.stat(plan_path).st_ino
    plan, _ = open_plan(plan_path)
    MoveFeatures("buildings", [int(plan["buildings"].index[0])], 1.0,
                 1.0).redo(plan)
    save_plan(plan, plan_path)
    assert os.stat(plan_path).st_ino == inode
    written = plan_path.read_bytes()
    save_plan(plan, plan_path)
    assert plan_path.read_bytes() == written


def test_a_table_named_in_another_case_is_the_layer(plan_path):
    """A 'Buildings' table (as a planner may name it in QGIS) is read as
    the buildings layer and saved into, under its own name."""
    with _other_program(plan_path) as db:
        db.execute("ALTER TABLE buildings RENAME TO renaming")
        db.execute("ALTER TABLE renaming RENAME TO Buildings")
        db.execute("UPDATE gpkg_contents SET table_name = 'Buildings', "
                   "identifier = 'Buildings' WHERE table_name = 'buildings'")
        db.execute("UPDATE gpkg_geometry_columns SET table_name = "
                   "'Buildings' WHERE table_name = 'buildings'")
    plan, problems = open_plan(plan_path)
    assert len(plan["buildings"]) == 5
    assert any("'Buildings' is read as the layer 'buildings'" in str(p)
               for p in problems)
    plan.add_features("buildings", frame(_buildings(1, "x")))
    save_plan(plan, plan_path)
    assert len(open_plan(plan_path)[0]["buildings"]) == 6
    assert ("Buildings",) in _rows(
        plan_path, "SELECT name FROM sqlite_master WHERE type = 'table'")


def test_an_aspatial_table_named_like_a_layer_is_refused(tmp_path, capsys):
    path = tmp_path / "plan.gpkg"
    assert main(["new", str(path), "--crs", "EPSG:4549"]) == 0
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE facilities")
        db.execute("DELETE FROM gpkg_geometry_columns WHERE table_name = "
                   "'facilities'")
        db.execute("UPDATE gpkg_contents SET data_type = 'attributes', "
                   "srs_id = 0 WHERE table_name = 'facilities'")
        db.execute("CREATE TABLE facilities (fid INTEGER PRIMARY KEY, "
                   "name TEXT)")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "'facilities' has no geometry" in err and "Fix:" in err


def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "plan.gpkg"
    os.mkfifo(fifo)
    for command in ("info", "validate"):
        done = _cli(command, str(fifo), timeout=60)
        assert done.returncode == 1
        assert "FIFO" in done.stderr and "Traceback" not in done.stderr


def test_a_layer_stored_in_another_crs_is_saved_in_the_plans(plan_path):
    """A layer a planner wrote in lon/lat is reprojected on opening and
    stored in the plan's CRS on the next save."""
    plan, _ = open_plan(plan_path)
    lonlat = plan["buildings"].to_crs(4326)
    with _other_program(plan_path) as db:
        srs = gpkg_sql.srs_id(db, lonlat.crs)
        for fid, geometry in zip(lonlat.index, lonlat.geometry, strict=True):
            db.execute("UPDATE buildings SET geom = ? WHERE fid = ?",
                       (gpkg_sql.encode([geometry], srs)[0], int(fid)))
        db.execute("UPDATE gpkg_geometry_columns SET srs_id = ? WHERE "
                   "table_name = 'buildings'", (srs,))
    plan, problems = open_plan(plan_path)
    assert any("reprojected" in str(p) for p in problems)
    save_plan(plan, plan_path)
    assert _rows(plan_path, "SELECT srs_id FROM gpkg_geometry_columns WHERE "
                 "table_name = 'buildings'") == [(4549,)]
    again, problems = open_plan(plan_path)
    assert not any("reprojected" in str(p) for p in problems)
    assert shapely.equals_exact(again["buildings"].geometry.array,
                                plan["buildings"].geometry.array,
                                tolerance=1e-6).all()


def test_the_spatial_index_follows_every_save(plan_path, source):
    """GDAL (and so QGIS) finds features through the R-tree: after a new
    file, an import and a move, a bounding-box read returns exactly the
    buildings in the box, and the index holds one entry per feature."""
    assert main(["import", str(plan_path), str(source), "--as",
                 "buildings"]) == 0
    plan, _ = open_plan(plan_path)
    fid = int(plan["buildings"].index[0])
    MoveFeatures("buildings", [fid], 300.0, 300.0).redo(plan)
    save_plan(plan, plan_path)
    assert _rows(plan_path, "SELECT count(*) FROM rtree_buildings_geom") == \
        [(10,)]
    moved = plan["buildings"].geometry.loc[fid].bounds
    found = pyogrio.read_dataframe(plan_path, layer="buildings",
                                   bbox=moved, fid_as_index=True)
    assert found.index.tolist() == [fid]
    assert _rows(plan_path, "PRAGMA integrity_check") == [("ok",)]


def test_a_save_leaves_the_cells_it_did_not_change(plan_path):
    """Text a planner typed into a number column of their own (which the
    GeoPackage reader cannot give as text) survives a save that edits
    another cell of the same feature."""
    with _other_program(plan_path) as db:
        db.execute("ALTER TABLE buildings ADD COLUMN my_rating INTEGER")
        db.execute("UPDATE buildings SET my_rating = 'very good'")
    plan, _ = open_plan(plan_path)
    fid = int(plan["buildings"].index[0])
    SetAttribute("buildings", fid, "name", "Renamed").redo(plan)
    save_plan(plan, plan_path)
    assert _rows(plan_path, f"SELECT name, my_rating FROM buildings WHERE "
                 f"fid = {fid}") == [("Renamed", "very good")]
