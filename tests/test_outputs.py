"""What PlannerDesk writes (results, summaries, CSV tables, reports, notes,
packages) never replaces the plan it reads, goes to disk whole or not at
all, and opens in a spreadsheet as text, never as a formula."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pyogrio
import pytest

import plannerdesk.io.outputs as outputs
from plannerdesk.cli import main
from plannerdesk.evaluate.run import evaluate
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.io.outputs import spreadsheet_safe
from plannerdesk.jobs.outputs import write_results, write_summary
from plannerdesk.model.notes import NOTES
from plannerdesk.model.problems import PlannerError

from .conftest import frame, pt

CLI = [sys.executable, "-m", "plannerdesk"]


def _commands(target: str) -> list[list[str]]:
    """Every command writing ``target``, less the plan argument."""
    return [["evaluate", "--quiet", "--out", target],
            ["evaluate", "--quiet", "--json", target],
            ["evaluate", "--quiet", "--csv", target],
            ["report", "--quiet", "-o", target],
            ["notes", "--csv", target],
            ["package", "-o", target]]


def _run(command: list[str], plan) -> int:
    return main([command[0], str(plan), *command[1:]])


@pytest.mark.parametrize("spelling", ["plain", "symlink", "dotdot"])
def test_an_output_naming_the_plan_is_refused_and_the_plan_kept(
        small_plan_path, spelling, capsys):
    folder = small_plan_path.parent
    (folder / "x").mkdir()
    target = {"plain": small_plan_path,
              "dotdot": folder / "x" / ".." / small_plan_path.name,
              "symlink": folder / "link.gpkg"}[spelling]
    if spelling == "symlink":
        target.symlink_to(small_plan_path)
    before = small_plan_path.read_bytes()
    for command in _commands(str(target)):
        assert _run(command, small_plan_path) == 2, command
        err = capsys.readouterr().err
        assert str(target) in err and "is the plan" in err, command
        assert "Fix:" in err
        assert small_plan_path.read_bytes() == before, command
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["plan.gpkg", "x"] + (["link.gpkg"] if spelling == "symlink" else []))


def test_the_recovery_file_beside_the_plan_is_not_an_output(small_plan_path,
                                                            capsys):
    recovery = small_plan_path.with_name(".plan.recovery.gpkg")
    recovery.write_bytes(small_plan_path.read_bytes())
    before = recovery.read_bytes()
    for command in _commands(str(recovery)):
        assert _run(command, small_plan_path) == 2, command
        err = capsys.readouterr().err
        assert "recovery file" in err and str(recovery) in err, command
    assert recovery.read_bytes() == before


def test_two_outputs_naming_one_file_are_refused(small_plan_path, capsys):
    out = small_plan_path.with_name("out.gpkg")
    assert main(["evaluate", str(small_plan_path), "--quiet", "--json",
                 str(out), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--json" in err and "--out" in err and "Fix:" in err
    assert not out.exists()


def test_json_into_a_missing_or_read_only_folder_is_a_message(
        small_plan_path, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    cases = ((tmp_path / "nope" / "s.json", "does not exist"),
             (locked / "s.json", "read-only"),
             (tmp_path, "is a folder"))
    try:
        for target, said in cases:
            done = subprocess.run(
                CLI + ["evaluate", str(small_plan_path), "--quiet", "--json",
                       str(target)], capture_output=True, text=True)
            assert done.returncode == 1, done.stderr
            assert "Traceback" not in done.stderr
            assert said in done.stderr and str(target) in done.stderr
            assert "Fix:" in done.stderr
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_the_plan_as_output_is_refused_in_a_subprocess_too(small_plan_path):
    done = subprocess.run(CLI + ["evaluate", str(small_plan_path), "--quiet",
                                 "--out", str(small_plan_path)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "is the plan" in done.stderr
    open_plan(small_plan_path)  # still a plan


def test_a_csv_folder_that_is_a_file_or_read_only_is_a_message(
        small_plan_path, tmp_path, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        for folder, said in ((a_file, "not a folder"), (locked, "read-only"),
                             (tmp_path / "no" / "csv", "does not exist")):
            assert main(["evaluate", str(small_plan_path), "--quiet",
                         "--csv", str(folder)]) == 1
            err = capsys.readouterr().err
            assert said in err and str(folder) in err and "Fix:" in err
    finally:
        locked.chmod(0o755)
    assert a_file.read_text() == "mine" and list(locked.iterdir()) == []


def _summary_results(small_plan_path):
    plan, _ = open_plan(small_plan_path)
    return evaluate(plan, only=("coverage",))


def test_a_failed_write_keeps_the_old_output_and_leaves_no_scrap(
        small_plan_path, monkeypatch):
    results = _summary_results(small_plan_path)
    summary = small_plan_path.with_name("SUMMARY.json")
    summary.write_text('{"old": true}')

    def disk_full(_fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(outputs.os, "fsync", disk_full)
    with pytest.raises(PlannerError, match="No space left") as caught:
        write_summary(results, summary)
    assert str(summary) in str(caught.value) and "Fix:" in str(caught.value)
    assert json.loads(summary.read_text()) == {"old": True}
    assert sorted(p.name for p in summary.parent.iterdir()) == [
        "SUMMARY.json", "plan.gpkg"]


def test_results_gpkg_failing_halfway_keeps_the_previous_file(
        small_plan_path, monkeypatch):
    import plannerdesk.jobs.outputs as run

    results = _summary_results(small_plan_path)
    out = small_plan_path.with_name("RESULTS.gpkg")
    write_results(results, out)
    before = out.read_bytes()
    real = run.write_table
    calls = []

    def failing(path, name, layer):
        calls.append(name)
        if len(calls) == 2:
            raise pyogrio.errors.DataSourceError("disk I/O error")
        real(path, name, layer)
    monkeypatch.setattr(run, "write_table", failing)
    with pytest.raises(PlannerError, match="disk I/O error"):
        write_results(results, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "RESULTS.gpkg", "plan.gpkg"]
    assert {name for name, _ in pyogrio.list_layers(out)} >= {
        "building_results", "zone_results"}


def test_cells_a_spreadsheet_would_run_stay_text():
    table = pd.DataFrame({
        "text": ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)",
                 "\tcmd", "\rcmd", "plain", None],
        "number": [-5.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]})
    safe = spreadsheet_safe(table)
    assert safe["text"].tolist()[:-1] == [
        "'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2", "'@SUM(A1)",
        "'\tcmd", "'\rcmd", "plain"]
    assert pd.isna(safe.at[7, "text"])
    assert safe["number"].tolist() == table["number"].tolist()
    assert safe["number"].dtype == float
    assert table.at[0, "text"].startswith("=")  # the caller's table is kept


def test_the_notes_csv_writes_formulas_as_text(small_plan_path, capsys):
    plan, _ = open_plan(small_plan_path)
    plan.add_features(NOTES, frame([
        {"text": '=HYPERLINK("http://evil","click")', "author": "@me",
         "geometry": pt(10, 10)},
        {"text": "-5 spaces short", "geometry": pt(20, 20)}]))
    save_plan(plan, small_plan_path)
    out = small_plan_path.with_name("notes.csv")
    assert main(["notes", str(small_plan_path), "--csv", str(out)]) == 0
    raw = out.read_text(encoding="utf-8-sig")
    assert "=HYPERLINK" in raw and ",=HYPERLINK" not in raw \
        and ',"=HYPERLINK' not in raw
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table["text"].tolist() == ["'=HYPERLINK(\"http://evil\",\"click\")",
                                      "'-5 spaces short"]
    assert table["author"].tolist()[0] == "'@me"
    assert table["x"].dtype == float  # numbers stay numbers


def test_result_csv_tables_neutralise_names_too(tmp_path, capsys):
    from .conftest import box
    from .microsites import building, plan_of, street

    plan = plan_of(site=[{"name": "S", "geometry": box(0, -100, 1000, 300)}],
                   buildings=[building(100, name="=1+1"),
                              building(300, name="Lab")],
                   public_lines=[street()])
    path = tmp_path / "plan.gpkg"
    save_plan(plan, path)
    folder = tmp_path / "csv"
    assert main(["evaluate", str(path), "--quiet", "--csv",
                 str(folder)]) == 0
    buildings = pd.read_csv(folder / "building_results.csv",
                            encoding="utf-8-sig")
    assert buildings["name"].tolist() == ["'=1+1", "Lab"]
    assert buildings["x"].dtype == float
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_the_app_refuses_to_export_the_report_over_the_plan(
        qtbot, window, monkeypatch):
    import plannerdesk.qt.report_actions as report_actions
    from plannerdesk.qt.report_dialog import ReportChoice

    said = []
    window.reports.failed.disconnect()
    window.reports.failed.connect(said.append)
    before = window.path.read_bytes()
    monkeypatch.setattr(report_actions, "choose_report",
                        lambda *_: ReportChoice(window.path, "a4"))
    window.reports.export_report()
    assert said and "is the plan" in said[0] and "Fix:" in said[0]
    assert window.path.read_bytes() == before


def test_the_app_refuses_to_export_results_over_a_plan_named_results(
        qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    live = window.results.live
    qtbot.waitUntil(lambda: live.results is not None and not live.busy(),
                    timeout=30_000)
    plan_path = window.path.with_name("RESULTS.gpkg")
    os.replace(window.path, plan_path)
    monkeypatch.setattr(window, "path", plan_path)
    before = plan_path.read_bytes()
    said = []
    window.reports.failed.disconnect()
    window.reports.failed.connect(said.append)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(plan_path.parent))
    window.reports.export_results()
    assert said and "is the plan" in said[0]
    assert plan_path.read_bytes() == before
    assert not plan_path.with_name("SUMMARY.json").exists()


def test_results_gpkg_layers_hold_one_geometry_type_as_declared(tmp_path):
    """Coverage gaps mix polygons and multipolygons; a GeoPackage layer
    declared MULTIPOLYGON must hold only multipolygons (GDAL warns of
    each other one, and strict readers refuse them)."""
    from .conftest import SAMPLE

    plan, _ = open_plan(SAMPLE)
    path = tmp_path / "RESULTS.gpkg"
    write_results(evaluate(plan, only=("coverage",)), path)
    for layer, declared in pyogrio.list_layers(path):
        if declared.startswith("Multi"):
            kinds = set(pyogrio.read_dataframe(path, layer=layer)
                        .geometry.geom_type)
            assert kinds == {declared}, (layer, kinds)
    assert dict(pyogrio.list_layers(path))["coverage_gaps"] == \
        "MultiPolygon"
