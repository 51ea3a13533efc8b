"""Field packages: a plan with its site maps and note photos, in one folder
or zip that opens on another machine with no network and no other files.

Inside: the plan (a normal plan file), ``site_maps/`` with every site map
and its sidecar files, ``photos/`` with every note photo, and a README.txt;
the plan's paths point into them, relative to it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from ..model.notes import NOTES, stored_photos
from ..model.plan_paths import resolve_stored
from ..model.plan import Plan
from ..model.problems import PlannerError, Problem
from ..model.scenarios import EXISTING, switch
from ..model.plan_paths import relative_to_plan
from ..model.sitemaps import resolve
from .gpkg import open_plan, save_plan

SITE_MAPS_DIR, PHOTOS_DIR = "site_maps", "photos"
_RASTER_SIDECARS = (".pgw", ".jgw", ".tfw", ".wld", ".prj")
_SHAPEFILE_PARTS = (".shx", ".dbf", ".prj", ".cpg")
README = """PlannerDesk field package
=========================

{plan} is the plan. Open it with PlannerDesk:

    plannerdesk open {plan}

(or File > Open in the app). Opening this package's zip also works:
PlannerDesk unpacks it beside the zip and opens the plan inside.

site_maps/  the maps shown under the plan, with their world files
photos/     the photos attached to review notes

The plan finds them relative to itself: keep this folder together.
"""


@dataclass
class Packed:
    """What a package holds (paths inside it) and what could not go in."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def package_plan(plan_path: str | os.PathLike,
                 out: str | os.PathLike) -> Packed:
    """Package the plan at ``plan_path`` into ``out``: a zip when it ends
    in .zip, else a new (or empty) folder. Missing site maps and photos are
    reported and left pointing at where they were; the rest goes in."""
    plan_path, out = Path(plan_path), Path(out)
    plan, _ = open_plan(plan_path)
    is_zip = out.suffix.lower() == ".zip"
    _check_target(out, is_zip)
    try:
        with tempfile.TemporaryDirectory(prefix=f".{out.name}.packing-",
                                         dir=out.parent) as tmp:
            stage = Path(tmp) / "package"
            packed = _stage(plan, plan_path, stage)
            if is_zip:
                _zip(stage, out, packed.files)
            else:
                if out.exists():
                    out.rmdir()  # checked empty
                os.replace(stage, out)
    except OSError as exc:
        raise PlannerError(
            f"could not write the field package {out}: {exc}. The plan is "
            "unchanged. Fix: choose a folder you can write to, with free "
            "space, and check the plan's files can be read") from None
    return packed


def _stage(plan: Plan, plan_path: Path, stage: Path) -> Packed:
    """Write the package's files into the new folder ``stage``."""
    stage.mkdir()
    packed = Packed()
    target = stage / plan_path.name
    copier = _Copier(stage, packed)
    plan.site_maps[:] = [
        replace(m, path=copier.site_map(resolve(m, plan_path), m.kind, m.name,
                                        target))
        for m in plan.site_maps]
    moved = {p: copier.photo(resolve_stored(p, plan_path),
                             _photo_owner(plan, p), target)
             for p in _all_photos(plan)}
    _rewrite_photos(plan, moved)
    shutil.copyfile(plan_path, target)  # keeps tables PlannerDesk ignores
    save_plan(plan, target)
    (stage / "README.txt").write_text(README.format(plan=plan_path.name),
                                      encoding="utf-8")
    packed.files[:0] = [plan_path.name, "README.txt"]
    return packed


class _Copier:
    """Copies files into a package under names not yet taken there."""

    def __init__(self, stage: Path, packed: Packed) -> None:
        self.stage, self.packed = stage, packed
        self.done: dict[Path, str] = {}

    def site_map(self, source: Path, kind: str, name: str,
                 target: Path) -> str:
        if not source.is_file():
            return self._missing(source, f"the site map '{name}'", target)
        if source not in self.done:
            folder = self._free_folder(SITE_MAPS_DIR, source.name)
            for part in companion_files(source, kind):
                self._copy(part, folder / part.name)
            self.done[source] = (folder / source.name).as_posix()
        return self.done[source]

    def photo(self, source: Path, owner: str, target: Path) -> str:
        if not source.is_file():
            return self._missing(source, owner, target)
        if source not in self.done:
            name, number = PurePosixPath(PHOTOS_DIR, source.name), 1
            while (self.stage / name).exists():
                number += 1
                name = name.with_name(f"{source.stem}-{number}"
                                      f"{source.suffix}")
            self._copy(source, name)
            self.done[source] = name.as_posix()
        return self.done[source]

    def _free_folder(self, top: str, file_name: str) -> PurePosixPath:
        folder, number = PurePosixPath(top), 1
        while (self.stage / folder / file_name).exists():
            number += 1
            folder = PurePosixPath(top, str(number))
        return folder

    def _copy(self, source: Path, relative: PurePosixPath) -> None:
        destination = self.stage / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
        self.packed.files.append(relative.as_posix())

    def _missing(self, source: Path, what: str, target: Path) -> str:
        self.packed.problems.append(Problem(
            "warning", f"{what} is not at {source}, so the package goes "
            "without it", "find the file, then package again; or, in the "
            "field, locate or attach it again", target.name))
        return relative_to_plan(source, target)


def companion_files(path: Path, kind: str) -> list[Path]:
    """``path`` and the sidecar files that belong with it: world file,
    .aux.xml and .prj of an image; .shx, .dbf, .prj, .cpg of a Shapefile."""
    if kind == "raster":
        suffix = path.suffix
        names = [path.with_suffix(s) for s in _RASTER_SIDECARS] + [
            path.with_suffix(suffix + "w"),  # site.pngw, site.tifw
            path.with_name(path.name + ".aux.xml")]
    elif path.suffix.lower() == ".shp":
        names = [path.with_suffix(s) for s in _SHAPEFILE_PARTS]
    else:
        names = []
    return [path] + [p for p in dict.fromkeys(names)
                     if p != path and p.is_file()]


def _all_photos(plan: Plan) -> list[str]:
    frames = _note_frames(plan)
    return list(dict.fromkeys(p for f in frames for p in stored_photos(f)))


def _photo_owner(plan: Plan, stored: str) -> str:
    """'the photo of note 3' (or of notes 3, 5), for messages."""
    notes = plan.base_layers[NOTES]
    fids = notes.index[notes["photo"].astype(str).str.strip() == stored]
    if not len(fids):
        return f"the note photo {stored}"
    return (f"the photo of note{'s' if len(fids) > 1 else ''} "
            + ", ".join(str(f) for f in fids))


def _note_frames(plan: Plan) -> list[pd.DataFrame]:
    """Every frame holding notes: the existing layout's and the notes each
    proposal adds or changes."""
    frames = [plan.base_layers[NOTES]]
    for edits in plan.scenarios.values():
        change = edits.layers.get(NOTES)
        if change is not None:
            frames += [change.added, change.modified]
    return frames


def _rewrite_photos(plan: Plan, moved: dict[str, str]) -> None:
    """Point the notes' photos at their new paths, in the existing layout
    and in every proposal."""
    if not moved:
        return
    active = plan.active
    switch(plan, EXISTING)  # the active proposal's edits are stored
    plan.layers[NOTES] = _renamed(plan.layers[NOTES], moved)
    for edits in plan.scenarios.values():
        change = edits.layers.get(NOTES)
        if change is not None:
            change.added = _renamed(change.added, moved)
            change.modified = _renamed(change.modified, moved)
    switch(plan, active)


def _renamed(frame: pd.DataFrame, moved: dict[str, str]) -> pd.DataFrame:
    if "photo" not in frame.columns:
        return frame
    frame = frame.copy()
    photos = frame["photo"].astype(object)
    key = photos.where(photos.isna(), photos.astype(str).str.strip())
    frame["photo"] = key.map(moved).fillna(photos).astype(
        frame["photo"].dtype)
    return frame


def _check_target(out: Path, is_zip: bool) -> None:
    if not out.parent.is_dir():
        raise PlannerError(
            f"the folder {out.parent} does not exist, so the field package "
            f"{out.name} cannot be written there. Fix: choose an existing "
            "folder")
    if not is_zip and out.exists() and (not out.is_dir() or
                                        any(out.iterdir())):
        raise PlannerError(
            f"{out} already exists and is not an empty folder, so the field "
            "package is not written there. Fix: name a new folder, or a "
            ".zip file")


def _zip(stage: Path, out: Path, files: list[str]) -> None:
    """Write ``files`` of ``stage`` into the zip ``out``, atomically."""
    tmp = out.with_name(f".{out.name}.writing-{os.getpid()}")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in files:
                archive.write(stage / name, name)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def unpack_package(zip_path: str | os.PathLike,
                   folder: str | os.PathLike) -> Path:
    """Unpack the field package ``zip_path`` into ``folder``; the path of
    the plan inside. Entries that would land outside ``folder`` are
    refused, and nothing is unpacked."""
    zip_path, folder = Path(zip_path), Path(folder)
    try:
        with zipfile.ZipFile(zip_path) as archive:
            members = archive.infolist()
            _check_members(zip_path, folder, members)
            folder.mkdir(parents=True, exist_ok=True)
            archive.extractall(folder, members)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PlannerError(
            f"{zip_path}: cannot unpack it ({exc}). Fix: check it is a "
            "complete PlannerDesk field package (copy it again), and that "
            f"{folder.parent} is writable") from None
    return _plan_in(folder, zip_path)


def _check_members(zip_path: Path, folder: Path,
                   members: list[zipfile.ZipInfo]) -> None:
    root = folder.resolve()
    for member in members:
        name = member.filename
        target = (root / name).resolve()
        if PurePosixPath(name).is_absolute() or \
                PureWindowsPath(name).drive or not target.is_relative_to(root):
            raise PlannerError(
                f"{zip_path}: the entry {name!r} would be written outside "
                f"{folder}, so the zip is not unpacked. Fix: only open field "
                "packages made by PlannerDesk's 'Package for fieldwork'")


def _plan_in(folder: Path, zip_path: Path) -> Path:
    plans = sorted(p for p in folder.glob("*.gpkg")
                   if not p.name.startswith("."))
    if len(plans) != 1:
        raise PlannerError(
            f"{zip_path}: a field package holds one plan (.gpkg) at its top "
            f"level, this one {len(plans)}. Fix: open the plan you want from "
            f"{folder} with File > Open")
    return plans[0]


def unpack_beside(zip_path: str | os.PathLike) -> Path:
    """Unpack a field package into a new folder beside it, named like it
    (``site.zip`` -> ``site/``, ``site-2/`` when that exists); the plan."""
    zip_path = Path(zip_path)
    folder, number = zip_path.with_suffix(""), 1
    while folder.exists():
        number += 1
        folder = zip_path.with_name(f"{zip_path.stem}-{number}")
    return unpack_package(zip_path, folder)
