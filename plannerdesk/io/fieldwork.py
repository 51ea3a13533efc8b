"""Field packages: a plan with its site maps and note photos, in one folder
or zip that opens on another machine with no network and no other files.

Inside: the plan (a normal plan file), ``site_maps/`` with every site map
and its sidecar files, ``photos/`` with every note photo, and a README.txt;
the plan's paths point into them, relative to it. A file outside the plan's
folder goes in only when the planner says so, and any file only when it is
what it claims to be (a photo an image, a site map a map).

A package is unpacked into a temporary folder beside the target, within
limits on its size and number of entries, and renamed into place only when
all of it came out.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath, PureWindowsPath

import pandas as pd

from ..model.language import N_, tr, tr_n
from ..model.notes import NOTES, stored_photos
from ..model.plan import Plan
from ..model.plan_paths import relative_to_plan, resolve_stored
from ..model.problems import PlannerError, Problem
from ..model.scenarios import EXISTING, switch
from ..model.sitemaps import resolve
from .file_kinds import why_not_photo, why_not_site_map
from .files import require_regular_file
from .gpkg import open_plan, save_plan
from .outputs import check_file, check_folder, plan_inputs, refuse_inputs, replacing

SITE_MAPS_DIR, PHOTOS_DIR = "site_maps", "photos"
MAX_UNPACKED_BYTES = 4 * 2**30
"""The most a package may unpack to (4 GiB): far more than a plan with its
maps and photos, but a small zip that would fill the disk (a "zip bomb") is
refused before it does."""
MAX_ENTRIES = 20_000
"""The most files and folders a package may hold: a package has a few
hundred at most, and millions of tiny entries would exhaust the disk's
file table or take hours."""
_CHUNK = 2**20
_RASTER_SIDECARS = (".pgw", ".jgw", ".tfw", ".wld", ".prj")
_SHAPEFILE_PARTS = (".shx", ".dbf", ".prj", ".cpg")
README = N_("""PlannerDesk field package
=========================

{plan} is the plan. Open it with PlannerDesk:

    plannerdesk open {plan}

(or File > Open in the app). Opening this package's zip also works:
PlannerDesk unpacks it beside the zip and opens the plan inside.

site_maps/  the maps shown under the plan, with their world files
photos/     the photos attached to review notes

The plan finds them relative to itself: keep this folder together.
""")


@dataclass
class Packed:
    """What a package holds (paths inside it) and what could not go in."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def package_plan(plan_path: str | os.PathLike, out: str | os.PathLike, *,
                 include_outside: bool = False) -> Packed:
    """Package the plan at ``plan_path`` into ``out``: a zip when it ends
    in .zip, else a new (or empty) folder. Missing site maps and photos,
    files outside the plan's folder (unless ``include_outside``) and files
    that are not what they claim are reported and left pointing at where
    they were; the rest goes in. ``out`` may not be the plan or a file it
    uses (UsageError)."""
    plan_path, out = Path(plan_path), Path(out)
    plan, _ = open_plan(plan_path)
    inputs = plan_inputs(plan_path) | {
        path: what for what, path in _sources(plan, plan_path)}
    refuse_inputs(out, inputs, N_("field package"),
                  example=f"{plan_path.stem}_field.zip")
    is_zip = out.suffix.lower() == ".zip"
    _check_target(out, is_zip)
    try:
        with tempfile.TemporaryDirectory(prefix=f".{out.name}.packing-",
                                         dir=out.parent) as tmp:
            stage = Path(tmp) / "package"
            packed = _stage(plan, plan_path, stage, include_outside)
            if is_zip:
                with replacing([out], N_("field package"), inputs) \
                        as (temporary,):
                    _zip(stage, temporary, packed.files)
            else:
                if out.exists():
                    out.rmdir()  # checked empty
                os.replace(stage, out)
    except OSError as exc:
        raise PlannerError(tr(
            "could not write the field package {path}: {error}. The plan is "
            "unchanged. Fix: choose a folder you can write to, with free "
            "space, and check the plan's files can be read").format(
                path=out, error=exc)) from None
    return packed


def files_outside(plan_path: str | os.PathLike) -> list[tuple[str, Path]]:
    """The site maps and note photos of the plan at ``plan_path`` that lie
    outside its folder (and below): what each is, and its real path. A
    package takes them only when the planner confirms."""
    plan_path = Path(plan_path)
    plan, _ = open_plan(plan_path)
    folder = _plan_folder(plan_path)
    return [(what, _real(path)) for what, path in _sources(plan, plan_path)
            if path.is_file() and not _within(path, folder)]


def _sources(plan: Plan, plan_path: Path) -> list[tuple[str, Path]]:
    """Every site map and note photo: what it is, and where it is."""
    return [(_site_map_owner(m.name), resolve(m, plan_path))
            for m in plan.site_maps] + [
        (_photo_owner(plan, p), resolve_stored(p, plan_path))
        for p in _all_photos(plan)]


def _site_map_owner(name: str) -> str:
    return tr("the site map '{name}'").format(name=name)


def _plan_folder(plan_path: Path) -> Path:
    """The real folder holding the plan, as its stored paths see it."""
    return _real(Path(os.path.abspath(plan_path)).parent)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _within(path: Path, folder: Path) -> bool:
    """Whether ``path`` really (symlinks followed) lies in ``folder``."""
    return _real(path).is_relative_to(folder)


def _stage(plan: Plan, plan_path: Path, stage: Path,
           include_outside: bool) -> Packed:
    """Write the package's files into the new folder ``stage``."""
    stage.mkdir()
    packed = Packed()
    target = stage / plan_path.name
    copier = _Copier(stage, packed, _plan_folder(plan_path) if
                     not include_outside else None)
    plan.site_maps[:] = [
        replace(m, path=copier.site_map(resolve(m, plan_path), m.kind,
                                        _site_map_owner(m.name), target))
        for m in plan.site_maps]
    moved = {p: copier.photo(resolve_stored(p, plan_path),
                             _photo_owner(plan, p), target)
             for p in _all_photos(plan)}
    _rewrite_photos(plan, moved)
    shutil.copyfile(plan_path, target)  # keeps tables PlannerDesk ignores
    save_plan(plan, target)
    (stage / "README.txt").write_text(
        tr(README).format(plan=plan_path.name), encoding="utf-8")
    packed.files[:0] = [plan_path.name, "README.txt"]
    return packed


class _Copier:
    """Copies files into a package under names not yet taken there; only
    files inside ``folder`` unless it is None, and only files of their
    kind."""

    def __init__(self, stage: Path, packed: Packed,
                 folder: Path | None) -> None:
        self.stage, self.packed, self.folder = stage, packed, folder
        self.done: dict[Path, str] = {}

    def site_map(self, source: Path, kind: str, what: str,
                 target: Path) -> str:
        if source not in self.done:
            if not self._admit(source, what, target,
                               lambda path: why_not_site_map(path, kind)):
                return relative_to_plan(source, target)
            folder = self._free_folder(SITE_MAPS_DIR, source.name)
            for part in companion_files(source, kind):
                if part == source or self._inside(part):
                    self._copy(part, folder / part.name)
            self.done[source] = (folder / source.name).as_posix()
        return self.done[source]

    def photo(self, source: Path, owner: str, target: Path) -> str:
        if source not in self.done:
            if not self._admit(source, owner, target, why_not_photo):
                return relative_to_plan(source, target)
            name, number = PurePosixPath(PHOTOS_DIR, source.name), 1
            while (self.stage / name).exists():
                number += 1
                name = name.with_name(f"{source.stem}-{number}"
                                      f"{source.suffix}")
            self._copy(source, name)
            self.done[source] = name.as_posix()
        return self.done[source]

    def _admit(self, source: Path, what: str, target: Path,
               why_not: Callable[[Path], str | None]) -> bool:
        """Whether ``source`` goes in (``why_not`` says why a file is not
        of its kind); when not, a warning says why."""
        if not source.is_file():
            message = tr("{what} is not at {path}, so the package goes "
                         "without it").format(what=what, path=source)
            fix = tr("find the file, then package again; or, in the field, "
                     "locate or attach it again")
        elif not self._inside(source):
            message = tr("{what} is {path}, outside the plan's folder "
                         "{folder}, so the package goes without it").format(
                             what=what, path=_real(source),
                             folder=self.folder)
            fix = tr("move the file into the plan's folder and point the "
                     "plan at it there, or package with --include-outside "
                     "(in the app: answer Yes when asked) to take it along")
        elif wrong_kind := why_not(source):
            message = tr("{what} at {path} is skipped: {reason}").format(
                what=what, path=_real(source), reason=wrong_kind)
            fix = tr("point the plan at the right file, then package again")
        else:
            return True
        self.packed.problems.append(Problem("warning", message, fix,
                                            target.name))
        return False

    def _inside(self, path: Path) -> bool:
        """Whether ``path`` may go in as to where it really is."""
        return self.folder is None or _within(path, self.folder)

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


def companion_files(path: Path, kind: str) -> list[Path]:
    """``path`` and the sidecar files that belong with it: world file,
    .aux.xml and .prj of an image; .shx, .dbf, .prj, .cpg of a Shapefile."""
    if kind == "raster":
        suffix = path.suffix
        names = [path.with_suffix(s) for s in _RASTER_SIDECARS] + [
            path.with_name(path.name + ".aux.xml")]
        if suffix:
            names.append(path.with_suffix(suffix + "w"))  # site.pngw
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
        return tr("the note photo {path}").format(path=stored)
    return tr_n("the photo of note {fids}", "the photo of notes {fids}",
                len(fids)).format(fids=", ".join(str(f) for f in fids))


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
    if is_zip:
        check_file(out, N_("field package"))
        return
    check_folder(out, N_("field package"))
    if out.exists() and any(out.iterdir()):
        raise PlannerError(tr(
            "{path} already exists and is not an empty folder, so the field "
            "package is not written there. Fix: name a new folder, or a "
            ".zip file").format(path=out))


def _zip(stage: Path, out: Path, files: list[str]) -> None:
    """Write ``files`` of ``stage`` into the zip ``out``."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in files:
            archive.write(stage / name, name)


def unpack_package(zip_path: str | os.PathLike,
                   folder: str | os.PathLike) -> Path:
    """Unpack the field package ``zip_path`` into ``folder`` (new, or
    empty); the path of the plan inside. A zip with entries that would land
    outside ``folder``, more than MAX_ENTRIES entries or more than
    MAX_UNPACKED_BYTES in all, or that is damaged, is refused, and nothing
    is left behind."""
    zip_path, folder = Path(zip_path), Path(folder)
    require_regular_file(zip_path, N_("field package (.zip)"),
                         tr("check the path"))
    _check_unpack_target(zip_path, folder)
    work = folder.with_name(f".{folder.name}.unpacking-{os.getpid()}-"
                            f"{secrets.token_hex(4)}")
    try:
        work.mkdir()
        with zipfile.ZipFile(zip_path) as archive:
            members = archive.infolist()
            _check_members(zip_path, folder, work, members)
            _extract(archive, members, work, zip_path)
        plan = _plan_in(work, zip_path, folder)
        _opens(plan, zip_path, work, folder)
        if folder.exists():
            folder.rmdir()  # checked empty
        os.replace(work, folder)
    except (OSError, EOFError, RuntimeError, zipfile.BadZipFile,
            zlib.error) as exc:
        raise PlannerError(tr(
            "{path}: cannot unpack it ({error}), so nothing is unpacked. "
            "Fix: check it is a complete PlannerDesk field package (copy it "
            "again), and that {folder} is writable, with free space").format(
                path=zip_path, error=exc, folder=folder.parent)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder / plan.name


def _check_unpack_target(zip_path: Path, folder: Path) -> None:
    check_folder(folder, tr("files of {name}").format(name=zip_path.name))
    if folder.exists() and any(folder.iterdir()):
        raise PlannerError(tr(
            "{folder} already exists and is not empty, so {path} is not "
            "unpacked there. Fix: unpack it into a new folder").format(
                folder=folder, path=zip_path))


def _check_members(zip_path: Path, folder: Path, root: Path,
                   members: list[zipfile.ZipInfo]) -> None:
    """Refuse entries landing outside ``root`` (the folder unpacked into,
    to become ``folder``) and more entries or bytes than the limits."""
    if len(members) > MAX_ENTRIES:
        raise PlannerError(tr(
            "{path}: it holds {count:,} entries, more than a field package "
            "may ({most:,}), so it is not unpacked. Fix: only open field "
            "packages made by PlannerDesk's 'Package for fieldwork'").format(
                path=zip_path, count=len(members), most=MAX_ENTRIES))
    declared = sum(member.file_size for member in members)
    if declared > MAX_UNPACKED_BYTES:
        raise _too_big(zip_path, declared)
    names = [m.filename.rstrip("/") for m in members]
    if len(set(names)) != len(names):
        twice = next(n for n in names if names.count(n) > 1)
        raise PlannerError(tr(
            "{path}: it holds the entry {entry!r} more than once, so it is "
            "damaged and not unpacked. Fix: only open field packages made by "
            "PlannerDesk's 'Package for fieldwork'").format(path=zip_path,
                                                             entry=twice))
    root = root.resolve()
    for member in members:
        name = member.filename
        target = (root / name).resolve()
        if PurePosixPath(name).is_absolute() or \
                PureWindowsPath(name).drive or not target.is_relative_to(root):
            raise PlannerError(tr(
                "{path}: the entry {entry!r} would be written outside "
                "{folder}, so the zip is not unpacked. Fix: only open field "
                "packages made by PlannerDesk's 'Package for fieldwork'")
                .format(path=zip_path, entry=name, folder=folder))


def _extract(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo],
             root: Path, zip_path: Path) -> None:
    """Write ``members`` under ``root``, counting the bytes as they come
    out, so that a header lying about sizes cannot pass the limit."""
    left = MAX_UNPACKED_BYTES
    for member in members:
        target = root / member.filename
        if member.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(member) as source, open(target, "wb") as sink:
            while chunk := source.read(_CHUNK):
                left -= len(chunk)
                if left < 0:
                    raise _too_big(zip_path)
                sink.write(chunk)


def _too_big(zip_path: Path, declared: int | None = None) -> PlannerError:
    """The refusal of a zip that unpacks to more than MAX_UNPACKED_BYTES
    (``declared`` bytes, when its entries say so)."""
    message = tr(
        "{path}: it would unpack to more than the {most} a field package "
        "may hold, so it is not unpacked. Fix: only open field packages made "
        "by PlannerDesk's 'Package for fieldwork'; a real one this large "
        "needs its maps made smaller") if declared is None else tr(
        "{path}: it would unpack to {size}, more than the {most} a field "
        "package may hold, so it is not unpacked. Fix: only open field "
        "packages made by PlannerDesk's 'Package for fieldwork'; a real one "
        "this large needs its maps made smaller")
    return PlannerError(message.format(
        path=zip_path, most=_megabytes(MAX_UNPACKED_BYTES),
        size=_megabytes(declared or 0)))


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB"


def _plan_in(work: Path, zip_path: Path, folder: Path) -> Path:
    """The one plan at the top of ``work`` (unpacked for ``folder``)."""
    plans = sorted(p for p in work.glob("*.gpkg")
                   if not p.name.startswith("."))
    if len(plans) != 1:
        raise PlannerError(tr(
            "{path}: a field package holds one plan (.gpkg) at its top "
            "level, this one {count}, so it is not unpacked into {folder}. "
            "Fix: unzip it yourself and open the plan you want with File > "
            "Open").format(path=zip_path, count=len(plans), folder=folder))
    return plans[0]


def _opens(plan: Path, zip_path: Path, work: Path, folder: Path) -> None:
    """Refuse a package whose plan does not open, before it is unpacked."""
    try:
        open_plan(plan)
    except PlannerError as exc:
        raise PlannerError(tr(
            "{path}: its plan cannot be opened, so nothing is unpacked: "
            "{error}").format(path=zip_path, error=str(exc).replace(
                str(work), str(folder)))) from None


def unpack_beside(zip_path: str | os.PathLike) -> Path:
    """Unpack a field package into a new folder beside it, named like it
    (``site.zip`` -> ``site/``, ``site-2/`` when that exists); the plan."""
    zip_path = Path(zip_path)
    folder, number = zip_path.with_suffix(""), 1
    while folder.exists():
        number += 1
        folder = zip_path.with_name(f"{zip_path.stem}-{number}")
    return unpack_package(zip_path, folder)
