"""What an import may read: folders GDAL opens, never a FIFO or device, and
CSV tables as points from their coordinate columns."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyproj import Transformer

from plannerdesk.io.gpkg import open_plan

from .conftest import X0, Y0, frame, pt
from .test_import import run

TO_LONLAT = Transformer.from_crs(4549, 4326, always_xy=True)


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def lonlat(x: float, y: float) -> tuple[float, float]:
    """Longitude / latitude of a point in metres from the test origin."""
    return TO_LONLAT.transform(X0 + x, Y0 + y)


# --- 5. FIFOs, devices and folders --------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_source_is_refused_at_once(small_plan_path, tmp_path):
    fifo = tmp_path / "cafes.geojson"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "plannerdesk", "import", str(small_plan_path),
         str(fifo), "--as", "facilities"], capture_output=True, text=True,
        timeout=60)
    assert done.returncode == 1
    assert f"{fifo} is a FIFO (named pipe), not a source file. Fix: give " \
        "the path of a source file" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_device_source_is_refused(small_plan_path, capsys):
    code, _, err = run(["import", small_plan_path, os.devnull, "--as",
                        "facilities"], capsys)
    assert code == 1
    assert f"{os.devnull} is a device, not a source file" in err


def test_a_missing_source_says_so(small_plan_path, tmp_path, capsys):
    code, _, err = run(["import", small_plan_path, tmp_path / "gone.shp",
                        "--as", "facilities"], capsys)
    assert code == 1 and "gone.shp: no such file. Fix: check the path" in err


def test_a_folder_of_shapefiles_is_a_source(small_plan_path, tmp_path,
                                            capsys):
    folder = tmp_path / "survey"
    folder.mkdir()
    frame([{"name": "Corner cafe", "category": "cafe",
            "geometry": pt(120, 80)}]).to_file(folder / "cafes.shp")
    code, out, err = run(["import", small_plan_path, folder, "--as",
                          "facilities"], capsys)
    assert code == 0, err
    assert "Imported 1 feature(s) from survey" in out
    cafe = open_plan(small_plan_path)[0]["facilities"]
    assert cafe["name"].tolist() == ["Corner cafe"]
    assert cafe.geometry.iloc[0].equals_exact(pt(120, 80), 1e-6)


# --- 6. CSV tables ------------------------------------------------------------

def test_a_csv_with_named_columns_imports_as_points(small_plan_path,
                                                    tmp_path, capsys):
    source = write_csv(tmp_path / "places.csv",
                       "Name,Category,E,N,Owner\n"
                       f"Corner cafe,cafe,{X0 + 120},{Y0 + 80},Town\n"
                       f"Book bar,book_bar,{X0 + 300},{Y0 + 40},Li\n")
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "facilities", "--x-field", "E", "--y-field", "n",
                          "--source-crs", "EPSG:4549"], capsys)
    assert code == 0, err
    assert "Imported 2 feature(s) from places.csv" in out
    assert "points from the columns 'E' (x) and 'N' (y)" in err
    facilities = open_plan(small_plan_path)[0]["facilities"]
    assert facilities["name"].tolist() == ["Corner cafe", "Book bar"]
    assert facilities["category"].tolist() == ["cafe", "book_bar"]
    assert facilities["Owner"].tolist() == ["Town", "Li"]
    assert "E" not in facilities.columns
    assert facilities.geometry.iloc[1].equals_exact(pt(300, 40), 1e-6)


def test_lon_lat_columns_are_found_and_taken_as_wgs84(small_plan_path,
                                                      tmp_path):
    (lon, lat) = lonlat(120, 80)
    source = write_csv(tmp_path / "cafes.csv",
                       f"name,category,Longitude,LATITUDE\n"
                       f"Corner cafe,cafe,{lon:.9f},{lat:.9f}\n")
    done = subprocess.run(
        [sys.executable, "-m", "plannerdesk", "import", str(small_plan_path),
         str(source), "--as", "facilities"], capture_output=True, text=True,
        timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "points from the columns 'Longitude' (x) and 'LATITUDE' (y), " \
        "taken as longitude / latitude (EPSG:4326) since no --source-crs " \
        "was given" in done.stderr
    cafe = open_plan(small_plan_path)[0]["facilities"].geometry.iloc[0]
    assert cafe.equals_exact(pt(120, 80), 1e-3)


@pytest.mark.parametrize("header,row,why", [
    ("x,y", f"{X0 + 1},{Y0 + 1}", "the columns 'x' and 'y' do not say which "
     "coordinate reference system they are in"),
    ("lon,lat", f"{X0 + 1},{Y0 + 1}",
     "some values lie beyond longitude / latitude range"),
])
def test_a_csv_without_a_crs_needs_one_named(small_plan_path, tmp_path,
                                             capsys, header, row, why):
    source = write_csv(tmp_path / "p.csv", f"name,category,{header}\n"
                       f"Cafe,cafe,{row}\n")
    before = small_plan_path.read_bytes()
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities"], capsys)
    assert code == 2
    assert f"p.csv: {why}. Fix: name it with --source-crs, e.g. " \
        "--source-crs EPSG:4549 if they are in the plan's CRS" in err
    assert small_plan_path.read_bytes() == before
    assert run(["import", small_plan_path, source, "--as", "facilities",
                "--source-crs", "EPSG:4549"], capsys)[0] == 0


def test_a_csv_without_coordinate_columns_is_told_how(small_plan_path,
                                                      tmp_path, capsys):
    source = write_csv(tmp_path / "list.csv", "name,category,east,north\n"
                       "Cafe,cafe,1,2\n")
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities"], capsys)
    assert code == 2
    assert "list.csv is a table without geometry and has no columns named " \
        "x / y, lon / lat or longitude / latitude. Fix: name its coordinate " \
        "columns with --x-field COLUMN --y-field COLUMN" in err
    assert "its columns are: name, category, east, north" in err
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities", "--x-field", "east"], capsys)
    assert code == 2 and "--x-field and --y-field go together" in err
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities", "--x-field", "east", "--y-field",
                        "up"], capsys)
    assert code == 2
    assert "--y-field up: list.csv has no column 'up'. Fix: use one of " \
        "name, category, east, north" in err


def test_a_row_with_an_unreadable_coordinate_is_named(small_plan_path,
                                                      tmp_path, capsys):
    source = write_csv(tmp_path / "p.csv", "name,category,x,y\n"
                       f"Fine,cafe,{X0 + 1},{Y0 + 1}\n"
                       f'Typo,cafe,{X0 + 2},"3351,6"\n'
                       f"Blank,cafe,,{Y0 + 3}\n"
                       f"Wild,cafe,inf,{Y0 + 4}\n")
    before = small_plan_path.read_bytes()
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities", "--source-crs", "EPSG:4549"], capsys)
    assert code == 1
    assert "p.csv, row 3: 'x' is empty. Fix: enter the row's 'x' " \
        "coordinate as a number, or delete the row" in err
    assert "p.csv, row 4: 'x' is 'inf', not a number" in err
    assert "p.csv, row 2: 'y' is '3351,6', not a number" in err
    assert "the plan is unchanged" in err
    assert small_plan_path.read_bytes() == before
    code, out, err = run(["import", small_plan_path, source, "--as",
                          "facilities", "--source-crs", "EPSG:4549",
                          "--skip-invalid"], capsys)
    assert code == 0, err
    assert "Imported 1 feature(s)" in out and "3 feature(s) refused" in out


def test_coordinate_options_are_refused_for_a_source_with_geometry(
        small_plan_path, tmp_path, capsys):
    source = tmp_path / "cafes.geojson"
    frame([{"name": "Cafe", "category": "cafe", "geometry": pt(1, 1)}]
          ).to_file(source)
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities", "--x-field", "X", "--y-field", "Y"],
                       capsys)
    assert code == 2
    assert "cafes.geojson has its own geometry; --x-field and --y-field are " \
        "for a table without one, such as a CSV. Fix: leave them out" in err


def test_a_source_geometry_that_cannot_be_read_is_named(small_plan_path,
                                                        tmp_path, capsys):
    source = tmp_path / "blocks.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Open ring", "use": "office"},
        "geometry": {"type": "Polygon", "coordinates": [
            [[120.0, 30.0], [120.001, 30.0], [120.001, 30.001]]]}}]}))
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "buildings"], capsys)
    assert code == 1
    assert "blocks.geojson, layer 'buildings', feature 0 ('Open ring'): has " \
        "no geometry, or one that cannot be read" in err
    assert "RuntimeWarning" not in err


def test_a_csv_that_is_not_utf8_is_told_how_to_save_it(small_plan_path,
                                                       tmp_path, capsys):
    source = tmp_path / "cafes.csv"
    source.write_bytes("name,category,x,y\n咖啡馆,cafe,1,2\n".encode("gbk"))
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities", "--source-crs", "EPSG:4549"], capsys)
    assert code == 1
    assert "cafes.csv: some text is not UTF-8" in err
    assert "Fix: save the file again as UTF-8 (in Excel: Save As, 'CSV " \
        "UTF-8'" in err


def test_a_csv_with_two_columns_of_one_name_is_refused(small_plan_path,
                                                       tmp_path, capsys):
    source = write_csv(tmp_path / "t.csv", "x,x,y,category\n1,2,3,cafe\n")
    code, _, err = run(["import", small_plan_path, source, "--as",
                        "facilities", "--source-crs", "EPSG:4549"], capsys)
    assert code == 2
    assert "t.csv has more than one column named 'x'" in err
    assert "Fix: rename the columns" in err


@pytest.mark.parametrize("item", ["capacity", "=120"])
def test_a_set_without_a_field_and_value_says_how(small_plan_path, tmp_path,
                                                  capsys, item):
    source = tmp_path / "lots.geojson"
    frame([{"name": "Lot", "geometry": pt(5, 5)}]).to_file(source)
    code, _, err = run(["import", small_plan_path, source, "--as", "parking",
                        "--set", item], capsys)
    assert code == 2
    assert f"--set {item}: expected FIELD=VALUE. Fix: write it as --set " \
        "FIELD=VALUE, e.g. --set capacity=120" in err
