"""Bad input gets a clear message, never a traceback, and never costs the
plan: every case of the corpus in tests/bad_inputs.py, and damaged plans
and sources generated at random.

For each run: the exit status is 0, 1 or 2; standard error holds no
traceback and no bare Python exception line; on 1 or 2 the plan is
byte-identical, nothing is left where an output was asked for (nor any
other new file), and the message says what to do ('Fix:') or names the
file. A command that only reads leaves the plan as it was whatever its
status, and a successful import leaves a plan that opens with every
feature it had.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

import plannerdesk.io.fieldwork as fieldwork
import plannerdesk.io.gpkg_sql as gpkg_sql
from plannerdesk.cli import main
from plannerdesk.model.schema import LAYERS

from . import bad_inputs as bad
from .bad_inputs import Case

ROOT = Path(__file__).resolve().parents[1]
CASES = bad.corpus()
BY_ID = {case.id: case for case in CASES}
IN_PROCESS = [case for case in CASES if not case.subprocess]
REPRESENTATIVE = (
    "zero-byte-import", "truncated-half-import", "null-site-info",
    "capacity-text-validate", "settings-json-array-info",
    "settings-deep-nesting-info", "source-noise-geojson",
    "source-nan-point", "output-json-symlink-to-plan",
    "output-package-onto-recovery", "package-photo-etc-hostname",
    "open-traversal",
)
CONSOLE = [case for case in CASES if case.subprocess] + [
    BY_ID[i] for i in REPRESENTATIVE]
TIMEOUT_S = 30
READ_ONLY_COMMANDS = {"info", "validate", "evaluate", "report", "notes",
                      "package", "open"}
BARE_EXCEPTION = re.compile(
    r"^\s*(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Exit|Interrupt|"
    r"Iteration|Warning)\b(?::|$)", re.MULTILINE)
TEMPORARY = re.compile(r"\.(?:writing|saving|packing|unpacking)-")
FIGURES: dict[str, list[str]] = {}
"""Each run's symptoms, by case id: the corpus figures."""
STATUSES: dict[str, int | None] = {}
"""Each run's exit status, by case id."""


# --- running a case ----------------------------------------------------------

@dataclass
class Outcome:
    code: int | None
    out: str
    err: str
    raised: str | None = None
    """The exception that escaped (what a console user would see as a
    traceback): its type, message and where it was raised."""


def where_raised(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/plannerdesk/" in f.filename]
    deepest = frames[-1] if frames else None
    parts = []
    if ours:
        f = ours[-1]
        parts.append(f"{f.filename.split('/plannerdesk/')[-1]}:{f.lineno} "
                     f"in {f.name}")
    if deepest is not None and (not ours or deepest is not ours[-1]):
        parts.append(f"deepest {Path(deepest.filename).name}:"
                     f"{deepest.lineno} in {deepest.name}")
    text = str(exc).replace("\n", " ")[:160]
    return f"{type(exc).__name__}({text!r}) raised at " + "; ".join(parts)


def call(runner: str, argv: list[str], capsys) -> Outcome:
    """Run ``argv`` in this process, as the console script would."""
    entry = main if runner == "cli" else bad.open_package
    raised = None
    try:
        code = entry(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        code = exc.code if isinstance(exc.code, int) else (
            0 if exc.code is None else 1)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - what the console shows
        code, raised = None, where_raised(exc)
    out, err = capsys.readouterr()
    return Outcome(code, out, err, raised)


@contextlib.contextmanager
def lock_held(path: Path | None, active: bool):
    """Another program (a separate process) holding BEGIN EXCLUSIVE on
    ``path`` for as long as the block runs."""
    if not active or path is None:
        yield
        return
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys\n"
         "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "db.execute('BEGIN EXCLUSIVE')\n"
         "print('locked', flush=True)\n"
         "sys.stdin.read()\n", str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


# --- what a folder holds -----------------------------------------------------

def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder`` (symlinks not followed, FIFOs not
    opened): its kind and, for a file, a digest of its bytes."""
    found: dict[str, tuple] = {}

    def walk(path: Path) -> None:
        with os.scandir(path) as entries:
            for entry in entries:
                rel = os.path.relpath(entry.path, folder)
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISLNK(info.st_mode):
                    found[rel] = ("link", os.readlink(entry.path))
                elif stat.S_ISDIR(info.st_mode):
                    found[rel] = ("dir",)
                    walk(Path(entry.path))
                elif stat.S_ISREG(info.st_mode):
                    with open(entry.path, "rb") as handle:
                        digest = hashlib.sha1(handle.read()).hexdigest()
                    found[rel] = ("file", digest)
                else:
                    found[rel] = ("special", stat.S_IFMT(info.st_mode))
    walk(folder)
    return found


def writable_again(folder: Path) -> None:
    """Undo the cases' chmods so that the folder can be removed."""
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root, name)
            if not path.is_symlink() and path.exists():
                os.chmod(path, 0o755 if path.is_dir() else 0o644)
    os.chmod(folder, 0o755)


def layer_counts(plan_path: Path) -> dict[str, int] | None:
    """Rows per layer table of the plan (read with SQLite itself), or None
    when the file cannot be read that way."""
    import sqlite3
    try:
        db = sqlite3.connect(f"file:{plan_path}?mode=ro", uri=True)
        try:
            names = {n.lower(): n for (n,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            return {layer: db.execute(
                f"SELECT count(*) FROM {bad.quote(names[layer])}"
            ).fetchone()[0] for layer in LAYERS if layer in names}
        finally:
            db.close()
    except sqlite3.Error:
        return None


def reopens(plan_path: Path) -> str | None:
    """Why the plan does not open (as 'plannerdesk info' opens it), or
    None when it does."""
    from plannerdesk.io.gpkg import open_plan
    try:
        open_plan(plan_path)
    except Exception as exc:  # noqa: BLE001 - any failure is the finding
        return f"{type(exc).__name__}: {str(exc)[:120]}"
    return None


# --- the properties ----------------------------------------------------------

def symptoms(case_argv: list[str], command: str, plan: Path | None,
             outputs: list[Path], folder: Path, before: dict[str, tuple],
             counts_before: dict[str, int] | None,
             outcome: Outcome) -> list[str]:
    """What is wrong with ``outcome``; empty when all is well."""
    found: list[str] = []
    code, err = outcome.code, outcome.err
    if outcome.raised:
        found.append(f"traceback: {outcome.raised}")
    elif code not in (0, 1, 2):
        found.append(f"exit status {code}")
    if "Traceback" in err:
        found.append("traceback on stderr: " + _tail(err))
    bare = BARE_EXCEPTION.search(err)
    if bare:
        found.append(f"bare exception line on stderr: {bare.group(0)!r}")
    after = snapshot(folder)
    plan_rel = None if plan is None else os.path.relpath(plan, folder)
    plan_before = before.get(plan_rel) if plan_rel else None
    plan_after = after.get(plan_rel) if plan_rel else None
    failed = code in (1, 2) or outcome.raised is not None
    if failed or command in READ_ONLY_COMMANDS:
        if plan_before is not None and plan_after != plan_before:
            found.append(f"data lost: the plan {plan_rel} changed "
                         f"({'gone' if plan_after is None else 'new bytes'})"
                         f" with exit {code}")
    if failed:
        for output in outputs:
            rel = os.path.relpath(output, folder)
            for key in sorted(after):
                if (key == rel or key.startswith(rel + os.sep)) and \
                        after[key] != before.get(key):
                    found.append(f"output {key} written by a failed command")
                    break
        new = sorted(k for k in after if k not in before)
        if new:
            found.append("left behind: " + ", ".join(new[:5]))
        changed = sorted(k for k in after if k in before and
                         after[k] != before[k] and k != plan_rel)
        if changed:
            found.append("changed by a failed command: "
                         + ", ".join(changed[:5]))
        if not outcome.raised and not _says_what(err, case_argv):
            found.append("message names no file and has no 'Fix:': "
                         + _tail(err))
    else:
        leftovers = sorted(k for k in after if k not in before
                           and TEMPORARY.search(k))
        if leftovers:
            found.append("temporary files left: " + ", ".join(leftovers))
        if command == "import" and plan is not None and code == 0:
            counts = layer_counts(plan) or {}
            lost = {k: (n, counts.get(k, 0)) for k, n in
                    (counts_before or {}).items() if counts.get(k, 0) < n}
            if lost:
                found.append(f"data lost: features gone after import "
                             f"(before, after: {lost})")
            why = reopens(plan)
            if why:
                found.append("data lost: the plan no longer opens after a "
                             f"successful import ({why})")
    return found


def _says_what(err: str, argv: list[str]) -> bool:
    if "Fix:" in err:
        return True
    names = {Path(a).name for a in argv if "/" in a and Path(a).name}
    return any(name in err for name in names)


def _tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-3:])[:300] if lines else "(nothing on stderr)"


def record(case_id: str, found: list[str], code: int | None) -> None:
    FIGURES[case_id] = found
    STATUSES[case_id] = code


def run_case(case: Case, folder: Path, capsys, monkeypatch
             ) -> tuple[list[str], int | None]:
    bad.prepare(case, folder)
    plan = folder / case.plan if case.plan else None
    before = snapshot(folder)
    counts = layer_counts(plan) if case.command == "import" and \
        before.get(case.plan, ("",))[0] == "file" else None
    monkeypatch.setattr(gpkg_sql, "BUSY_TIMEOUT_S", 0.3)
    for name, value in case.limits:
        monkeypatch.setattr(fieldwork, name, value)
    argv = case.args(folder)
    try:
        with lock_held(plan, case.lock):
            outcome = call(case.runner, argv, capsys)
        return symptoms(argv, case.command, plan,
                        [folder / o for o in case.outputs], folder, before,
                        counts, outcome), outcome.code
    finally:
        writable_again(folder)


# --- the corpus, in this process ---------------------------------------------

@pytest.mark.parametrize("case", IN_PROCESS, ids=lambda c: c.id)
def test_bad_input(case, tmp_path, capsys, monkeypatch):
    found, code = run_case(case, tmp_path / "case", capsys, monkeypatch)
    record(case.id, found, code)
    assert not found, f"{case.id} ({' '.join(case.argv)}): " + "; ".join(
        found)


# --- the corpus, as real processes -------------------------------------------

def _console_argv(case: Case, folder: Path) -> list[str]:
    module = "plannerdesk" if case.runner == "cli" else "tests.bad_inputs"
    return [sys.executable, "-m", module, *case.args(folder)]


def _run_console(case: Case, folder: Path) -> tuple[Outcome, dict, float]:
    plan = folder / case.plan if case.plan else None
    before = snapshot(folder)
    started = time.perf_counter()
    with lock_held(plan, case.lock):
        try:
            done = subprocess.run(
                _console_argv(case, folder), capture_output=True, text=True,
                timeout=TIMEOUT_S, cwd=ROOT, stdin=subprocess.DEVNULL,
                env={**os.environ, "PYTHONPATH": str(ROOT)})
            outcome = Outcome(done.returncode, done.stdout, done.stderr)
        except subprocess.TimeoutExpired as exc:
            outcome = Outcome(None, "", (exc.stderr or b"").decode(
                errors="replace") if isinstance(exc.stderr, bytes)
                else exc.stderr or "",
                raised=f"hang: no exit within {TIMEOUT_S} s")
    return outcome, before, time.perf_counter() - started


@pytest.fixture(scope="module")
def console_runs(tmp_path_factory, request):
    """The selected console cases, started at once, two at a time, while
    the in-process cases run: case id -> (folder, future)."""
    wanted = {item.callspec.params["case"].id for item in request.session.items
              if item.originalname == "test_console_script"
              and "case" in getattr(item, "callspec", None).params}
    folders = {}
    for case in CONSOLE:
        if case.id in wanted:
            folder = tmp_path_factory.mktemp("console") / "case"
            bad.prepare(case, folder)
            folders[case.id] = folder
    pool = ThreadPoolExecutor(max_workers=2)
    runs = {i: (folders[i], pool.submit(_run_console, BY_ID[i], folders[i]))
            for i in folders}
    yield runs
    pool.shutdown(wait=True)
    for folder in folders.values():
        writable_again(folder)


@pytest.fixture(scope="module", autouse=True)
def _start_console_runs_early(request):
    """Start the console runs before the first test, so that they overlap
    the in-process cases."""
    if any(item.originalname == "test_console_script"
           for item in request.session.items):
        request.getfixturevalue("console_runs")


@pytest.mark.parametrize("case", CONSOLE, ids=lambda c: c.id)
def test_console_script(case, console_runs):
    folder, future = console_runs[case.id]
    outcome, before, _ = future.result()
    plan = folder / case.plan if case.plan else None
    argv = case.args(folder)
    found = symptoms(argv, case.command, plan,
                     [folder / o for o in case.outputs], folder, before,
                     None, outcome)
    record("console:" + case.id, found, outcome.code)
    assert not found, f"{case.id} ({' '.join(case.argv)}): " + "; ".join(
        found)


# --- random damage -----------------------------------------------------------

TABLES = {
    "site": ["geom", "name"], "zones": ["geom", "name"],
    "buildings": ["geom", "name", "use", "floors", "gfa_m2", "employees",
                  "subject"],
    "public_points": ["geom", "name", "kind", "open"],
    "public_lines": ["geom", "name", "kind", "open", "walkable"],
    "public_areas": ["geom", "name", "kind", "open"],
    "parking": ["geom", "name", "capacity", "type", "access"],
    "facilities": ["geom", "name", "category", "open"],
    "walkways": ["geom", "name", "kind", "walkable"],
    "review_notes": ["geom", "text", "status", "author", "created", "photo"],
    "plannerdesk_settings": ["key", "value"],
    "plannerdesk_scenarios": ["name", "position", "description", "active",
                              "settings"],
    "plannerdesk_scenario_edits": ["scenario", "layer", "feature_fid",
                                   "action", "properties", "wkb"],
    "gpkg_contents": ["table_name", "data_type", "srs_id", "min_x"],
    "gpkg_geometry_columns": ["table_name", "geometry_type_name", "srs_id"],
    "gpkg_spatial_ref_sys": ["definition", "organization_coordsys_id"],
}
numbers = st.one_of(
    st.integers(-2**63, 2**63 - 1), st.integers(2**63, 2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, 1e308, -1e308, 1e25, 2.5]))
texts = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "lots", "maybe", "inf", "nan", "2.5", "-1", "null", "[]", "{}",
     '{"walk": true}', "EPSG:999999", "cafe", "office", "true", "/etc",
     "../x.jpg", "modify", "add", "Proposal A"]))
coordinates = st.one_of(
    st.floats(-1000, 1000).map(lambda v: bad.X0 + v),
    st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308,
                     -1e308, 0.0]))
points = st.tuples(coordinates, coordinates)


@st.composite
def blobs(draw):
    """Geometry blobs: well-formed ones of any type with odd coordinates,
    and damaged ones."""
    shape = draw(st.sampled_from(["point", "line", "polygon", "noise",
                                  "cut", "raw"]))
    if shape == "point":
        wkb = bad.wkb_point(*draw(points))
    elif shape == "line":
        wkb = bad.wkb_line(draw(st.lists(points, max_size=4)))
    elif shape in ("polygon", "cut"):
        ring = draw(st.lists(points, min_size=0, max_size=5))
        wkb = bad.wkb_polygon(ring + ring[:1])
    elif shape == "noise":
        return b"GP" + draw(st.binary(max_size=40))
    else:
        return draw(st.binary(max_size=40))
    blob = bad.gp(wkb, srs=draw(st.sampled_from([bad.SRS_ID, 0, 4326,
                                                 999_999])))
    return blob[:draw(st.integers(2, len(blob)))] if shape == "cut" else blob


values = st.one_of(st.none(), numbers, texts, st.binary(max_size=16),
                   blobs())


@st.composite
def damages(draw):
    kind = draw(st.sampled_from(["update", "update", "update", "geometry",
                                 "drop", "settings_row", "flip",
                                 "truncate"]))
    if kind == "update":
        table = draw(st.sampled_from(sorted(TABLES)))
        return ("update", table, draw(st.sampled_from(TABLES[table])),
                draw(values), draw(st.sampled_from(["fid = 1", "1"])))
    if kind == "geometry":
        table = draw(st.sampled_from(sorted(t for t in TABLES
                                            if "geom" in TABLES[t])))
        return ("update", table, "geom", draw(blobs()), "fid = 1")
    if kind == "drop":
        return ("drop", draw(st.sampled_from(sorted(TABLES))))
    if kind == "settings_row":
        return ("settings_row", draw(st.sampled_from(
            ["settings", "crs", "zzz", None])), draw(values))
    if kind == "flip":
        return ("flip", draw(st.floats(0, 1)),
                draw(st.binary(min_size=1, max_size=64)))
    return ("truncate", draw(st.floats(0, 1)))


def damage(path: Path, step: tuple) -> None:
    """Apply one damage to the plan at ``path``; damage SQLite itself
    refuses (a constraint, a file already broken) is skipped."""
    kind = step[0]
    try:
        if kind == "update":
            _, table, column, value, where = step
            if isinstance(value, int) and not -2**63 <= value < 2**63:
                value = str(value)
            bad.run_sql(path, [(f"UPDATE {bad.quote(table)} SET "
                                f"{bad.quote(column)} = ? WHERE {where}",
                                (value,))])
        elif kind == "drop":
            bad.drop_table(step[1], name=path.name)(path.parent)
        elif kind == "settings_row":
            value = step[2]
            if isinstance(value, int) and not -2**63 <= value < 2**63:
                value = str(value)
            bad.settings_row(step[1], value, name=path.name)(path.parent)
        elif kind == "flip":
            data = bytearray(path.read_bytes())
            at = int(step[1] * max(len(data) - 1, 0))
            data[at:at + len(step[2])] = step[2]
            path.write_bytes(bytes(data))
        else:
            data = path.read_bytes()
            path.write_bytes(data[:int(step[1] * len(data))])
    except sqlite3_errors():
        pass


def sqlite3_errors():
    import sqlite3
    return (sqlite3.Error, OverflowError, UnicodeDecodeError)  # a broken
    # schema's text


@st.composite
def sources(draw):
    """(file name, text) of a generated source: GeoJSON with random
    geometries and properties, or a CSV table."""
    if draw(st.booleans()):
        rows = draw(st.lists(st.tuples(coordinates, coordinates,
                                       st.one_of(texts, numbers)),
                             max_size=3))
        text = "x,y,capacity\n" + "".join(f"{x},{y},{v}\n"
                                          for x, y, v in rows)
        return "s.csv", text
    features = []
    for _ in range(draw(st.integers(0, 3))):
        shape = draw(st.sampled_from(["Point", "LineString", "Polygon",
                                      None, "Bogus"]))
        lon = draw(st.one_of(st.floats(119.9, 120.1), st.sampled_from(
            [float("nan"), float("inf"), 1e308, 500.0])))
        lat = draw(st.one_of(st.floats(30.2, 30.4), st.sampled_from(
            [float("nan"), 95.0, -1e308])))
        coords = {"Point": [lon, lat],
                  "LineString": [[lon, lat], [lon + 1e-4, lat]],
                  "Polygon": [[[lon, lat], [lon + 1e-4, lat],
                               [lon, lat + 1e-4], [lon, lat]]],
                  "Bogus": [lon], None: None}[shape]
        properties = draw(st.dictionaries(
            st.sampled_from(["capacity", "category", "use", "open", "fid",
                             "geom", "name", "kind", "floors", "text"]),
            st.one_of(st.none(), texts, numbers), max_size=4))
        features.append({"type": "Feature", "properties": properties,
                         "geometry": None if shape is None else
                         {"type": shape, "coordinates": coords}})
    return "s.geojson", json.dumps({"type": "FeatureCollection",
                                    "features": features}, allow_nan=True)


commands = st.sampled_from(["info", "validate", "evaluate", "import",
                            "notes", "notes-csv"])
kinds = st.sampled_from(["facilities", "parking", "buildings",
                         "review_notes", "zones"])


@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          phases=(Phase.explicit, Phase.generate, Phase.shrink),
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow,
                                 HealthCheck.data_too_large],
          print_blob=False)
@given(base=st.sampled_from(["plain", "scenario"]),
       steps=st.lists(damages(), min_size=1, max_size=3),
       command=commands, source=sources(), kind=kinds)
@example(base="scenario", steps=[("flip", 0.578125, b"\x80")],  # bad text
         command="info", kind="facilities",              # in the schema
         source=("s.geojson", '{"type": "FeatureCollection", "features": []}'))
def test_random_damage_never_ends_in_a_traceback_or_loses_the_plan(
        base, steps, command, source, kind, capsys, monkeypatch):
    monkeypatch.setattr(gpkg_sql, "BUSY_TIMEOUT_S", 0.3)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        plan = folder / "plan.gpkg"
        plan.write_bytes(bad.base_bytes(base))
        for step in steps:
            damage(plan, step)
        name, text = source
        (folder / name).write_text(text, encoding="utf-8")
        out = folder / "out"
        out.mkdir()
        argv, outputs = {
            "info": (["info", str(plan)], []),
            "validate": (["validate", str(plan)], []),
            "evaluate": (["evaluate", "--quiet", str(plan), "--json",
                          str(out / "s.json")], [out / "s.json"]),
            "import": (["import", str(plan), str(folder / name), "--as",
                        kind, "--source-crs", "EPSG:4326"], []),
            "notes": (["notes", str(plan)], []),
            "notes-csv": (["notes", str(plan), "--csv", str(out / "n.csv")],
                          [out / "n.csv"]),
        }[command]
        before = snapshot(folder)
        counts = layer_counts(plan) if command == "import" else None
        outcome = call("cli", argv, capsys)
        found = symptoms(argv, argv[0], plan, outputs, folder, before,
                         counts, outcome)
        assert not found, "; ".join(found)


# --- the figures -------------------------------------------------------------

def test_the_corpus_covers_every_category_and_its_figures_are_zero():
    sizes = Counter(case.category for case in CASES)
    print(f"\ncorpus: {len(CASES)} cases {dict(sizes)}, {len(CONSOLE)} run "
          "as real processes")
    assert len(CASES) >= 220
    assert all(sizes[c] >= 20 for c in bad.CATEGORIES), sizes

    def having(*starts: str) -> list[str]:
        return sorted(i for i, found in FIGURES.items()
                      if any(f.startswith(starts) for f in found))

    tracebacks = having("traceback", "bare exception")
    hangs = [i for i in tracebacks if any("hang:" in f for f in FIGURES[i])]
    lost = having("data lost")
    print(f"runs: {len(FIGURES)}, exit statuses "
          f"{dict(Counter(STATUSES.values()))}, tracebacks: "
          f"{len(tracebacks)} (hangs: {len(hangs)}), data lost: {len(lost)}")
    assert not tracebacks and not lost, (
        f"tracebacks in {tracebacks}; data lost in {lost}")
