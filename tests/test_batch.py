"""``plannerdesk batch``: many real plans on disk evaluated on Dask (this
machine's processes, or a real ``dask.distributed`` cluster), each row of
the portfolio checked against a single ``plannerdesk evaluate`` of it."""

from __future__ import annotations

import csv
import fcntl
import json
import os
import pty
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest

from plannerdesk.cli import main
from plannerdesk.evaluate.portfolio import portfolio_row
from plannerdesk.evaluate.tables import summary
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.jobs.scenarios import evaluate_scenario
from plannerdesk.model import scenarios as sc
from plannerdesk.model.scenario_edits import EXISTING

from .conftest import SAMPLE

PROPOSAL = "Fewer cafes"


def varied(path: Path, seed: int, name: str) -> Path:
    """A copy of the sample with a random share of its facilities, public
    points and lots removed, and its site renamed."""
    plan, _ = open_plan(SAMPLE)
    rng = np.random.default_rng(seed)
    for layer in ("facilities", "public_points", "parking"):
        features = plan[layer]
        plan.replace_layer(layer, features[
            rng.random(len(features)) > rng.uniform(0.2, 0.6)])
    site = plan["site"].copy()
    site["name"] = name
    plan.replace_layer("site", site)
    save_plan(plan, path, replace=True)
    return path


def with_proposal(path: Path) -> Path:
    """The sample with a proposal (the cafes removed), left active."""
    plan, _ = open_plan(SAMPLE)
    sc.add(plan, PROPOSAL)
    sc.switch(plan, PROPOSAL)
    facilities = plan["facilities"]
    plan.replace_layer("facilities",
                       facilities[facilities["category"] != "cafe"])
    save_plan(plan, path, replace=True)
    return path


def damaged(path: Path) -> Path:
    """A plan whose stored proposal edits are corrupt (an unknown
    action): opening it is refused, naming the table."""
    with_proposal(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE plannerdesk_scenario_edits SET action = 'move'")
    return path


@pytest.fixture(scope="module")
def plans(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("plans")
    (folder / "north").mkdir()
    return {"east": varied(folder / "east.gpkg", 1, "East Park"),
            "west": varied(folder / "west.gpkg", 2, "West Park"),
            # the same file name in another folder: its own outputs
            "north": varied(folder / "north" / "east.gpkg", 3, "North Park"),
            "proposal": with_proposal(folder / "proposal.gpkg"),
            "damaged": damaged(folder / "damaged.gpkg")}


def read_rows(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "portfolio.csv", encoding="utf-8-sig",
                       keep_default_na=False, na_values=[""])


def single_evaluate(plan: Path, tmp: Path) -> dict:
    """What ``plannerdesk evaluate PLAN --json`` writes."""
    target = tmp / f"{plan.parent.name}-{plan.stem}.json"
    assert main(["evaluate", str(plan), "--json", str(target),
                 "--quiet"]) == 0
    return json.loads(target.read_text(encoding="utf-8"))


def assert_row_matches(row: pd.Series, data: dict) -> None:
    """Every figure of a portfolio row is the single evaluation's."""
    expected = portfolio_row(data)
    assert expected, "no figures to compare"
    for key, value in expected.items():
        got = row[key]
        assert (np.isnan(value) and pd.isna(got)) or \
            got == pytest.approx(value, rel=1e-9, abs=1e-9), key


def test_batch_on_this_machines_processes_matches_single_runs(
        plans, tmp_path, capsys):
    out = tmp_path / "portfolio"
    given = [plans[k] for k in ("east", "west", "north", "damaged")]
    assert main(["batch", *map(str, given), "--out", str(out)]
                ) == 1   # one plan failed; the others went on
    said = capsys.readouterr()
    rows = read_rows(out)
    assert list(rows["plan"]) == [str(p) for p in given]   # as given
    assert list(rows["status"]) == ["evaluated"] * 3 + ["failed"]
    assert list(rows["name"]) == ["East Park", "West Park", "North Park",
                                  "damaged"]
    # the damaged plan is logged with its reason; the others went on
    failures = list(csv.DictReader(
        (out / "failures.csv").open(encoding="utf-8-sig")))
    assert [f["plan"] for f in failures] == [str(plans["damaged"])]
    assert "plannerdesk_scenario_edits" in failures[0]["reason"]
    assert f"failed: {plans['damaged']}: row 1" in said.err
    assert "3 evaluated, 0 up to date, 1 failed" in said.out
    for row in rows.iloc[:3].itertuples():
        plan = Path(row.plan)
        single = single_evaluate(plan, tmp_path)
        outputs = out / row.outputs
        assert json.loads((outputs / "SUMMARY.json").read_text(
            encoding="utf-8")) == single
        assert_row_matches(rows.loc[row.Index], single)
        layers = {n for n, _ in pyogrio.list_layers(outputs / "RESULTS.gpkg")}
        assert {"building_results", "parking_results",
                "zone_results"} <= layers
    # two plans named east.gpkg, two folders
    assert rows.loc[0, "outputs"] != rows.loc[2, "outputs"]
    gpkg = pyogrio.read_dataframe(out / "portfolio.gpkg")
    assert gpkg.crs == "EPSG:4326"
    assert gpkg.geometry.iloc[:3].notna().all() and \
        gpkg.geometry.iloc[3] is None
    lon, lat = gpkg.geometry.iloc[0].centroid.coords[0]
    assert 119.9 < lon < 120.1 and 30.2 < lat < 30.4   # Hangzhou
    assert gpkg["walkability.walk_score"].tolist()[:3] == pytest.approx(
        rows["walkability.walk_score"].tolist()[:3])


def test_batch_on_a_dask_cluster_evaluates_every_scenario(plans, tmp_path):
    from dask.distributed import LocalCluster

    out = tmp_path / "portfolio"
    given = [plans["proposal"], plans["west"]]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster:
        assert main(["batch", *map(str, given), "--out", str(out),
                     "--all-scenarios", "--scheduler",
                     cluster.scheduler_address, "--quiet"]) == 0
        done = cluster.scheduler.task_prefixes["run_task"].state_counts
        assert done["memory"] == 2   # both plans ran on its workers
    rows = read_rows(out)
    assert list(rows["scenario"]) == [EXISTING, PROPOSAL, EXISTING]
    plan, _ = open_plan(plans["proposal"])
    for row, name in zip(rows.iloc[:2].itertuples(), (EXISTING, PROPOSAL),
                         strict=True):
        single = json.loads(json.dumps(summary(evaluate_scenario(plan, name)),
                                       allow_nan=True))
        assert_row_matches(rows.loc[row.Index], single)
    cafes = "coverage_group.places to eat and drink"
    assert rows.loc[1, cafes] < rows.loc[0, cafes]   # the proposal's loss


def test_the_default_scenario_is_each_plans_active_one(plans, tmp_path):
    out = tmp_path / "portfolio"
    assert main(["batch", str(plans["proposal"]), "--out", str(out),
                 "--workers", "1", "--only", "coverage", "--quiet"]) == 0
    assert list(read_rows(out)["scenario"]) == [PROPOSAL]
    assert main(["batch", str(plans["proposal"]), "--out", str(out),
                 "--workers", "1", "--only", "coverage", "--quiet",
                 "--scenario", "Nope"]) == 1
    reason = read_rows(out).loc[0, "reason"]
    assert "no scenario 'Nope'" in reason and PROPOSAL in reason


def test_a_batch_run_again_skips_plans_whose_outputs_are_newer(
        plans, tmp_path, capsys):
    out = tmp_path / "portfolio"
    given = [str(plans["east"]), str(plans["west"])]
    command = ["batch", *given, "--out", str(out), "--workers", "1",
               "--only", "walkability"]
    assert main(command) == 0
    summaries = sorted(out.glob("plans/*/*/SUMMARY.json"))
    written = [p.stat().st_mtime_ns for p in summaries]
    capsys.readouterr()
    assert main(command) == 0
    assert list(read_rows(out)["status"]) == ["up to date"] * 2
    assert "0 evaluated, 2 up to date" in capsys.readouterr().out
    assert [p.stat().st_mtime_ns for p in summaries] == written
    # a plan saved since is evaluated again, the other is not
    later = time.time() + 5
    os.utime(plans["west"], (later, later))
    try:
        assert main(command) == 0
        assert list(read_rows(out)["status"]) == ["up to date", "evaluated"]
    finally:
        os.utime(plans["west"], None)
    # asking for other evaluators is not up to date; --force redoes all
    assert main([*command[:-1], "walkability,parking"]) == 0
    assert list(read_rows(out)["status"]) == ["evaluated"] * 2
    assert main([*command, "--force"]) == 0
    assert list(read_rows(out)["status"]) == ["evaluated"] * 2


def test_a_plan_that_fails_is_tried_again_next_time(plans, tmp_path):
    out = tmp_path / "portfolio"
    plan = tmp_path / "later.gpkg"
    plan.write_bytes(b"not yet a plan")
    command = ["batch", str(plan), "--out", str(out), "--workers", "1",
               "--only", "walkability", "--quiet"]
    assert main(command) == 1
    plan.write_bytes(plans["east"].read_bytes())
    assert main(command) == 0
    assert list(read_rows(out)["status"]) == ["evaluated"]
    assert (out / "failures.csv").read_text(encoding="utf-8-sig") \
        .splitlines() == ["plan,scenario,reason"]


def test_a_list_file_names_plans_relative_to_itself(plans, tmp_path):
    listing = plans["east"].parent / "plans.txt"
    listing.write_text("\ufeff# the parks\r\neast.gpkg   # the first\r\n\r\n"
                       '"west.gpkg"\r\nnorth/../east.gpkg\r\n',
                       encoding="utf-8")
    out = tmp_path / "portfolio"
    assert main(["batch", "--list", str(listing), "--out", str(out),
                 "--workers", "1", "--only", "walkability", "--quiet"]) == 0
    assert list(read_rows(out)["name"]) == ["East Park", "West Park"]


@pytest.mark.parametrize("args, said", [
    ([], "no plans to evaluate"),
    (["x.gpkg", "--out", ""], "the folder is empty"),
    (["x.gpkg", "--scheduler", "http://host"], "not a scheduler's address"),
    (["--list", "missing.txt"], "cannot read the list of plans"),
    (["x.gpkg", "--workers", "0"], "is not a count"),
    (["x.gpkg", "--workers", "2", "--scheduler", "tcp://h:1"],
     "not allowed with argument"),
])
def test_batch_usage_errors_say_what_to_do(args, said, tmp_path, capsys):
    try:   # a later --out replaces the first
        status = main(["batch", "--out", str(tmp_path / "o"), *args])
    except SystemExit as exc:   # argparse's refusal
        status = exc.code
    assert status == 2
    assert said in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_an_unreachable_scheduler_is_named_with_the_fix(plans, tmp_path,
                                                        capsys, monkeypatch):
    import plannerdesk.cli.batch as batch

    monkeypatch.setattr(batch, "CONNECT_S", 2)
    assert main(["batch", str(plans["east"]), "--out",
                 str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9",
                 "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err
    assert "dask scheduler" in err and "dask worker" in err


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise(plans,
                                                             tmp_path):
    command = [sys.executable, "-m", "plannerdesk", "batch",
               str(plans["east"]), "--workers", "1", "--only", "walkability"]
    piped = subprocess.run([*command, "--out", str(tmp_path / "a")],
                           capture_output=True, text=True, timeout=240)
    assert piped.returncode == 0, piped.stderr
    assert "[1/1] east.gpkg (Existing): evaluated in" in piped.stderr
    assert "%|" not in piped.stderr
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ,
                struct.pack("HHHH", 40, 120, 0, 0))   # rows, columns
    with subprocess.Popen([*command, "--out", str(tmp_path / "b")],
                          stdout=subprocess.DEVNULL, stderr=follower) as run:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:   # the terminal closed: the command ended
                break
            if not chunk:
                break
            shown += chunk
        assert run.wait(timeout=240) == 0
    os.close(leader)
    assert b"100%|" in shown and b"1/1" in shown


def test_interrupting_a_batch_keeps_what_is_done_and_says_how_to_go_on(
        plans, tmp_path):
    out = tmp_path / "portfolio"
    command = [sys.executable, "-m", "plannerdesk", "batch",
               *(str(plans[k]) for k in ("east", "west", "north")),
               "--out", str(out), "--workers", "1"]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True,
                          stdout=subprocess.DEVNULL) as run:
        said = ""
        while "[1/3]" not in said:   # the first plan is done
            line = run.stderr.readline()
            assert line, said
            said += line
        run.send_signal(signal.SIGINT)
        said += run.stderr.read()
        assert run.wait(timeout=60) == 130
    assert "Traceback" not in said
    assert "run the same command again" in said
    assert not (out / "portfolio.csv").exists()
    done = subprocess.run(command, capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, done.stderr
    assert "up to date" in done.stderr
    assert set(read_rows(out)["status"]) <= {"evaluated", "up to date"}


def test_a_scheduler_without_workers_is_waited_for_then_named(
        plans, tmp_path, capsys, monkeypatch):
    from dask.distributed import LocalCluster

    import plannerdesk.cli.batch as batch

    monkeypatch.setattr(batch, "WORKERS_S", 2)
    with LocalCluster(n_workers=0, processes=True,
                      dashboard_address=":0") as cluster:
        assert main(["batch", str(plans["east"]), "--out",
                     str(tmp_path / "o"), "--scheduler",
                     cluster.scheduler_address, "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "waiting for a worker to join" in err
    assert "no worker joined the Dask scheduler" in err
    assert not (tmp_path / "o").exists()


def test_plans_sharing_a_site_and_file_name_stay_apart(plans, tmp_path):
    """Two copies of one plan in folders of their own, and an empty file:
    each named by its path, the empty one said so."""
    for where in ("north", "south"):
        (tmp_path / where).mkdir()
        (tmp_path / where / "town.gpkg").write_bytes(
            plans["east"].read_bytes())
    (tmp_path / "empty.gpkg").write_bytes(b"")
    out = tmp_path / "portfolio"
    assert main(["batch", str(tmp_path / "north" / "town.gpkg"),
                 str(tmp_path / "south" / "town.gpkg"),
                 str(tmp_path / "empty.gpkg"), "--out", str(out),
                 "--workers", "1", "--only", "walkability", "--quiet"]) == 1
    rows = read_rows(out)
    assert list(rows["name"])[:2] == ["East Park (north/town.gpkg)",
                                      "East Park (south/town.gpkg)"]
    assert "is empty (0 bytes)" in rows.loc[2, "reason"]
    written = list(csv.DictReader((out / "portfolio.csv").open(
        encoding="utf-8-sig")))
    assert [r["buildings"] for r in written] == ["453", "453", ""]
    assert main(["report", "--portfolio", str(out), "-o",
                 str(tmp_path / "p.pdf"), "--lang", "en"]) == 0


def test_the_existing_layout_is_asked_for_in_the_planners_language(
        plans, tmp_path):
    out = tmp_path / "portfolio"
    done = subprocess.run(
        [sys.executable, "-m", "plannerdesk", "batch", str(plans["proposal"]),
         "--scenario", "现状", "--only", "coverage", "--workers", "1",
         "--out", str(out)], capture_output=True, text=True, timeout=240,
        env={**os.environ, "LANGUAGE": "zh"})
    assert done.returncode == 0, done.stderr
    assert list(read_rows(out)["scenario"]) == [EXISTING]
    assert "现状" in done.stderr   # the progress line shows it so


def test_the_portfolio_beside_the_plans_is_not_taken_for_a_plan(
        plans, tmp_path, capsys):
    """--out the plans' own folder, then the folder's *.gpkg again: the
    portfolio.gpkg written there is left out, and said."""
    for name in ("east", "west"):
        (tmp_path / f"{name}.gpkg").write_bytes(plans[name].read_bytes())
    command = ["batch", "--out", str(tmp_path), "--workers", "1", "--only",
               "walkability", "--quiet"]
    assert main([*command, *map(str, sorted(tmp_path.glob("*.gpkg")))]) == 0
    capsys.readouterr()
    again = sorted(tmp_path.glob("*.gpkg"))
    assert tmp_path / "portfolio.gpkg" in again
    assert main([*command, *map(str, again)]) == 0
    assert "portfolio.gpkg is one of the portfolio's own files" in \
        capsys.readouterr().err
    assert list(read_rows(tmp_path)["name"]) == ["East Park", "West Park"]
