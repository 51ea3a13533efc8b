"""Field packages carry only the plan's own files unless the planner says
otherwise, only files that are what they claim to be, and unpack whole or
not at all."""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile

import ezdxf
import pytest
from PIL import Image
from PySide6.QtWidgets import QMessageBox

import plannerdesk.io.fieldwork as fieldwork
from plannerdesk.cli import main
from plannerdesk.io.fieldwork import (
    files_outside,
    package_plan,
    unpack_beside,
    unpack_package,
)
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.model.notes import NOTES
from plannerdesk.model.plan import Plan
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.sitemaps import SiteMap

from .conftest import PLAN_CRS, box, frame, pt

CLI = [sys.executable, "-m", "plannerdesk"]


def _jpeg(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (16, 12), "blue").save(path, format="JPEG")
    return path


def _png_with_world_file(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (10, 10), "green").save(path, format="PNG")
    path.with_suffix(".pgw").write_text("10\n0\n0\n-10\n498000\n3352000\n")
    return path


def _text(path, text="-----BEGIN PRIVATE KEY-----\nMIIE\n"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def _office(tmp_path, photos=(), site_maps=()):
    """A plan in ``tmp_path/office`` with one note per photo path (as
    stored) and the given site maps (path, kind)."""
    office = tmp_path / "office"
    office.mkdir(exist_ok=True)
    plan = Plan(crs=PLAN_CRS)
    plan.add_features("site", frame([{"name": "S",
                                      "geometry": box(0, 0, 500, 500)}]))
    if photos:
        plan.add_features(NOTES, frame([
            {"text": f"note {i}", "photo": photo, "geometry": pt(i, i)}
            for i, photo in enumerate(photos, start=1)]))
    plan.site_maps[:] = [SiteMap(path=str(path), kind=kind, name=path.name)
                         for path, kind in site_maps]
    path = office / "plan.gpkg"
    save_plan(plan, path)
    return path


def _outside_plan(tmp_path):
    """Inside: one photo. Outside: a key posing as a photo, a real photo,
    a base map with its world file."""
    _jpeg(tmp_path / "office" / "plan_photos" / "ok.jpg")
    _text(tmp_path / "secret" / "key.pem")
    camera = _jpeg(tmp_path / "camera" / "IMG_2.jpg")
    base = _png_with_world_file(tmp_path / "maps" / "base.png")
    return _office(tmp_path, photos=["plan_photos/ok.jpg",
                                     "../secret/key.pem", str(camera)],
                   site_maps=[(base, "raster")])


def test_files_outside_the_plan_folder_are_listed_and_left_out(tmp_path,
                                                               capsys):
    plan = _outside_plan(tmp_path)
    out = tmp_path / "field.zip"
    assert main(["package", str(plan), "-o", str(out)]) == 0
    names = zipfile.ZipFile(out).namelist()
    assert "photos/ok.jpg" in names
    assert not [n for n in names if "key" in n or "IMG_2" in n
                or "base" in n]
    err = capsys.readouterr().err
    for said in ("note 2", str(tmp_path / "secret" / "key.pem"), "note 3",
                 "IMG_2.jpg", "site map 'base.png'", "--include-outside",
                 "Fix:"):
        assert said in err, said
    assert [what for what, _ in files_outside(plan)] == [
        "the site map 'base.png'", "the photo of note 2",
        "the photo of note 3"]


def test_include_outside_packs_only_files_that_are_what_they_claim(
        tmp_path, capsys):
    plan = _outside_plan(tmp_path)
    out = tmp_path / "field.zip"
    assert main(["package", str(plan), "-o", str(out),
                 "--include-outside"]) == 0
    names = set(zipfile.ZipFile(out).namelist())
    assert {"photos/ok.jpg", "photos/IMG_2.jpg", "site_maps/base.png",
            "site_maps/base.pgw"} <= names
    assert not [n for n in names if "key" in n]
    err = capsys.readouterr().err
    assert "note 2" in err and "not an image" in err and "Fix:" in err


def test_a_site_map_is_packed_only_when_it_is_its_kind(tmp_path, capsys):
    maps = tmp_path / "office" / "maps"
    drawing = ezdxf.new()
    drawing.modelspace().add_line((0, 0), (10, 10))
    maps.mkdir(parents=True)
    drawing.saveas(maps / "plan.dxf")
    faked = [(_text(maps / "fake.png", "not a picture"), "raster"),
             (_text(maps / "fake.geojson", "{nope"), "vector"),
             (_text(maps / "fake.dxf", "hello"), "vector")]
    real = [(_png_with_world_file(maps / "base.png"), "raster"),
            (maps / "plan.dxf", "vector")]
    plan = _office(tmp_path, site_maps=real + faked)
    packed = package_plan(plan, tmp_path / "field")
    assert {"site_maps/base.png", "site_maps/base.pgw",
            "site_maps/plan.dxf"} <= set(packed.files)
    assert not [f for f in packed.files if "fake" in f]
    said = "\n".join(str(p) for p in packed.problems)
    assert "fake.png" in said and "not a raster" in said
    assert "fake.geojson" in said and "fake.dxf" in said
    assert said.count("Fix:") == 3


def test_a_site_map_without_a_file_extension_is_packed(tmp_path):
    base = tmp_path / "office" / "basemap"
    base.parent.mkdir()
    Image.new("RGB", (8, 8), "red").save(base, format="PNG")
    plan = _office(tmp_path, site_maps=[(base, "raster")])
    out = tmp_path / "field.zip"
    assert main(["package", str(plan), "-o", str(out)]) == 0
    assert "site_maps/basemap" in zipfile.ZipFile(out).namelist()
    unpacked = unpack_package(out, tmp_path / "site")
    (site_map,) = open_plan(unpacked)[0].site_maps
    assert site_map.path == str(tmp_path / "site" / "site_maps" / "basemap")


def test_the_console_script_packages_without_a_traceback(tmp_path):
    plan = _outside_plan(tmp_path)
    done = subprocess.run(CLI + ["package", str(plan), "-o", str(plan)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "is the plan" in done.stderr
    done = subprocess.run(CLI + ["package", str(plan), "-o",
                                 str(tmp_path / "f.zip")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "--include-outside" in done.stderr
    help_text = subprocess.run(CLI + ["package", "--help"],
                               capture_output=True, text=True).stdout
    assert "--include-outside" in help_text


@pytest.mark.parametrize("answer", ["Yes", "No"])
def test_the_app_asks_before_packing_files_outside_the_plan(
        window, tmp_path, tmp_path_factory, monkeypatch, answer):
    import plannerdesk.qt.fieldwork_actions as fieldwork_actions

    camera = _jpeg(tmp_path_factory.mktemp("elsewhere") / "IMG_9.jpg")
    window.edit_attribute(NOTES, 2, "photo", str(camera))
    monkeypatch.setattr(fieldwork_actions, "ask_save_first", lambda _: True)
    asked = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    said = []
    for kind in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda _p, _t, text: said.append(text)))
    out = tmp_path / "field.zip"
    assert window.fieldwork.package(out)
    assert len(asked) == 1
    assert "note 2" in asked[0] and str(camera) in asked[0]
    names = zipfile.ZipFile(out).namelist()
    assert ("photos/IMG_9.jpg" in names) == (answer == "Yes")
    if answer == "No":
        assert "IMG_9.jpg" in said[0]


# -- unpacking -------------------------------------------------------------
def _package(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def _left_behind(folder):
    return sorted(p.name for p in folder.iterdir())


def test_a_zip_unpacking_to_too_much_is_refused_and_leaves_nothing(
        tmp_path, monkeypatch):
    monkeypatch.setattr(fieldwork, "MAX_UNPACKED_BYTES", 10 * 2**20)
    bomb = _package(tmp_path / "bomb.zip", {"plan.gpkg": b"x",
                                            "big.bin": bytes(50 * 2**20)})
    assert bomb.stat().st_size < 200_000
    with pytest.raises(PlannerError, match="bomb.zip") as caught:
        unpack_beside(bomb)
    assert "MB" in str(caught.value) and "Fix:" in str(caught.value)
    assert _left_behind(tmp_path) == ["bomb.zip"]


def test_a_zip_with_too_many_entries_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(fieldwork, "MAX_ENTRIES", 5)
    many = _package(tmp_path / "many.zip",
                    {f"photos/{i}.jpg": b"x" for i in range(6)})
    with pytest.raises(PlannerError, match="6 entries"):
        unpack_package(many, tmp_path / "out")
    assert _left_behind(tmp_path) == ["many.zip"]


def _lie_about_size(path, name: bytes, size: int) -> None:
    """Rewrite the uncompressed size of entry ``name`` in both headers."""
    data = bytearray(path.read_bytes())
    for signature, size_at, name_len_at, name_at in (
            (b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = data.find(signature)
        while start != -1:
            length = struct.unpack_from("<H", data, start + name_len_at)[0]
            if data[start + name_at:start + name_at + length] == name:
                struct.pack_into("<I", data, start + size_at, size)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))


def test_a_zip_whose_header_lies_about_sizes_is_refused(tmp_path,
                                                        monkeypatch):
    monkeypatch.setattr(fieldwork, "MAX_UNPACKED_BYTES", 2**20)
    liar = _package(tmp_path / "liar.zip", {"plan.gpkg": b"x",
                                            "big.bin": bytes(20 * 2**20)})
    _lie_about_size(liar, b"big.bin", 1000)
    assert sum(i.file_size for i in zipfile.ZipFile(liar).infolist()) < 2**20
    with pytest.raises(PlannerError, match="liar.zip") as caught:
        unpack_package(liar, tmp_path / "out")
    assert "Fix:" in str(caught.value)
    assert _left_behind(tmp_path) == ["liar.zip"]


def test_a_damaged_zip_leaves_nothing_half_unpacked(tmp_path):
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("plan.gpkg", b"P" * 1000)
        archive.writestr("photos/a.jpg", b"J" * 1000)
    data = bytearray(damaged.read_bytes())
    data[data.rfind(b"J" * 1000) + 10] = ord("X")  # fails its checksum
    damaged.write_bytes(bytes(data))
    with pytest.raises(PlannerError, match="damaged.zip") as caught:
        unpack_beside(damaged)
    assert "Fix:" in str(caught.value)
    assert _left_behind(tmp_path) == ["damaged.zip"]


def test_a_zip_reaching_outside_leaves_no_folder_or_scrap(tmp_path):
    bad = _package(tmp_path / "bad.zip", {"plan.gpkg": b"x",
                                          "../../escaped.txt": b"x"})
    with pytest.raises(PlannerError, match="outside"):
        unpack_beside(bad)
    assert _left_behind(tmp_path) == ["bad.zip"]


def test_a_zip_without_one_plan_leaves_nothing(tmp_path):
    empty = _package(tmp_path / "nothing.zip", {"README.txt": b"hi"})
    with pytest.raises(PlannerError, match="one plan"):
        unpack_beside(empty)
    assert _left_behind(tmp_path) == ["nothing.zip"]
