"""The command line: exit status 0 / 1 / 2 and messages a planner can act on."""

from __future__ import annotations

import subprocess
import sys

import pyogrio
import pytest

from plannerdesk.cli import main
from plannerdesk.io.gpkg import open_plan
from plannerdesk.model.schema import LAYER_ORDER

from .conftest import SAMPLE, box, frame, pt
from .test_import import run


def test_new_creates_an_empty_plan_with_a_site(tmp_path, capsys):
    site = tmp_path / "site.geojson"
    frame([{"geometry": box(0, 0, 400, 300)}]).to_crs(4326).to_file(site)
    path = tmp_path / "plan.gpkg"
    code, out, err = run(["new", path, "--crs", "EPSG:4549", "--site", site],
                         capsys)
    assert code == 0, err
    assert "Created" in out and "EPSG:4549" in out
    plan, _ = open_plan(path)
    assert plan.site_geometry().area == pytest.approx(120_000, rel=1e-3)
    assert plan["site"]["name"].tolist() == ["site"]
    assert {row[0] for row in pyogrio.list_layers(path)} >= set(LAYER_ORDER)


def test_new_refuses_geographic_and_unknown_crs(tmp_path, capsys):
    site = tmp_path / "site.geojson"
    frame([{"geometry": box(0, 0, 400, 300)}]).to_crs(4326).to_file(site)
    code, _, err = run(["new", tmp_path / "p.gpkg", "--crs", "EPSG:4326",
                        "--site", site], capsys)
    assert code == 1
    assert "not a projected CRS in metres" in err and "EPSG:326" in err
    code, _, err = run(["new", tmp_path / "p.gpkg", "--crs", "EPSG:999999"],
                       capsys)
    assert code == 2 and "is not a coordinate reference system" in err
    assert not (tmp_path / "p.gpkg").exists()


def test_new_does_not_overwrite_without_force(small_plan_path, capsys):
    before = small_plan_path.read_bytes()
    code, _, err = run(["new", small_plan_path, "--crs", "EPSG:4549"], capsys)
    assert code == 1 and "already exists" in err and "--force" in err
    assert small_plan_path.read_bytes() == before
    assert run(["new", small_plan_path, "--crs", "EPSG:4549", "--force"],
               capsys)[0] == 0
    assert len(open_plan(small_plan_path)[0]["site"]) == 0


def test_info_lists_every_layer_of_the_sample(capsys):
    code, out, _ = run(["info", SAMPLE], capsys)
    assert code == 0
    assert "EPSG:4549" in out and "CGCS2000" in out
    for name in LAYER_ORDER:
        assert f"  {name} " in out
    assert "Site:    346" in out or "Site:    347" in out
    assert "walk limit 400 m" in out


def test_validate_exit_status(small_plan_path, capsys):
    assert run(["validate", SAMPLE], capsys)[0] == 0
    bad = frame([{"name": "Lot", "capacity": -4, "geometry": pt(5, 5)}])
    pyogrio.write_dataframe(bad, small_plan_path, layer="parking")
    code, out, err = run(["validate", small_plan_path], capsys)
    assert code == 1
    assert "layer 'parking', feature 1 ('Lot'): 'capacity' is negative" in err
    assert "1 error(s)" in out


def test_validate_warns_about_a_missing_site(tmp_path, capsys):
    path = tmp_path / "p.gpkg"
    run(["new", path, "--crs", "EPSG:4549"], capsys)
    code, out, err = run(["validate", path], capsys)
    assert code == 0 and "no site boundary" in err and "1 warning(s)" in out


@pytest.mark.parametrize("args,message", [
    (["import", "p.gpkg", "s.geojson"], "the following arguments are required: --as"),
    (["import", "p.gpkg", "s.geojson", "--as", "trees"], "invalid choice: 'trees'"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
])
def test_usage_errors_exit_2(args, message, capsys):
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_bad_map_and_set_options_exit_2(small_plan_path, tmp_path, capsys):
    source = tmp_path / "s.geojson"
    frame([{"name": "x", "capacity": 1, "geometry": pt(1, 1)}]).to_file(source)
    code, _, err = run(["import", small_plan_path, source, "--as", "parking",
                        "--map", "spaces=capacity"], capsys)
    assert code == 2 and "'parking' has no field 'spaces'" in err
    code, _, err = run(["import", small_plan_path, source, "--as", "parking",
                        "--set", "capacity=lots"], capsys)
    assert code == 2 and "'lots' is not a whole number" in err
    code, _, err = run(["import", small_plan_path, source, "--as", "parking",
                        "--map", "capacity"], capsys)
    assert code == 2 and "expected FIELD=VALUE" in err


def test_the_console_script_never_shows_a_traceback(tmp_path):
    script = [sys.executable, "-m", "plannerdesk"]
    for args, status in ((["info", str(tmp_path / "nope.gpkg")], 1),
                         (["import", str(tmp_path / "nope.gpkg"), "x.shp",
                           "--as", "parking"], 1),
                         (["info"], 2)):
        done = subprocess.run(script + args, capture_output=True, text=True)
        assert done.returncode == status, done.stderr
        assert "Traceback" not in done.stderr
        assert "error" in done.stderr


def test_open_without_a_display_names_the_headless_commands(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "plannerdesk", "open",
                           "--sample"], capture_output=True, text=True,
                          env=env)
    assert done.returncode == 1
    assert "needs a display" in done.stderr
    assert "plannerdesk info" in done.stderr and "xvfb-run" in done.stderr
