"""Review notes on disk: their table for lists, CSV and the report, and
their photos, kept in a ``<plan stem>_photos/`` folder beside the plan."""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from ..model.language import N_, tr
from ..model.notes import NOTES
from ..model.plan import Plan
from ..model.plan_paths import relative_to_plan, resolve_stored
from ..model.problems import PlannerError, Problem
from .outputs import plan_inputs, replacing, write_csv_table

COLUMNS = ("fid", "text", "status", "author", "created", "photo",
           "photo_exists", "x", "y", "lon", "lat", "zone")


def notes_table(plan: Plan, plan_path: str | os.PathLike) -> pd.DataFrame:
    """One row a note: its fields, whether its photo is found (relative to
    ``plan_path``), where it is (plan CRS and longitude/latitude) and the
    name of the zone containing it. Missing texts are None."""
    notes = plan[NOTES]
    points = shapely.centroid(notes.geometry.array)
    x, y = shapely.get_x(points), shapely.get_y(points)
    lon, lat = Transformer.from_crs(plan.crs, 4326, always_xy=True).transform(
        x, y) if len(notes) else (x, y)
    text = {c: _texts(notes[c]) for c in ("text", "status", "author",
                                          "created", "photo")}
    table = pd.DataFrame({
        "fid": notes.index.to_numpy("int64"), **text,
        "photo_exists": [bool(p) and resolve_stored(p, plan_path).is_file()
                         for p in text["photo"]],
        "x": x, "y": y, "lon": np.asarray(lon), "lat": np.asarray(lat),
        "zone": _texts(_zones(notes, plan["zones"]))})
    return table[list(COLUMNS)]


def _texts(column: pd.Series) -> pd.Series:
    """The values as text (object dtype), None where missing or blank."""
    return pd.Series([v if isinstance(v, str) and v.strip() else None
                      for v in column], dtype=object)


def _zones(notes: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> pd.Series:
    """The name of the (first) zone containing each note, else None."""
    names = pd.Series([None] * len(notes), index=notes.index, dtype=object)
    if not len(notes) or not len(zones):
        return names
    note_i, zone_i = zones.sindex.query(notes.geometry.array,
                                        predicate="within")
    first = pd.Series(zone_i, index=note_i).groupby(level=0).first()
    names.iloc[first.index] = zones["name"].to_numpy(object)[first.to_numpy()]
    return names


def write_notes_csv(plan: Plan, plan_path: str | os.PathLike,
                    out: str | os.PathLike) -> None:
    """Write the notes table to ``out`` as CSV for spreadsheets (UTF-8 with
    a byte-order mark, formula-like texts kept as text), whole or not at
    all; ``out`` may not be the plan or its recovery file (UsageError)."""
    with replacing([Path(out)], N_("notes"), plan_inputs(plan_path)) \
            as (temporary,):
        write_csv_table(notes_table(plan, plan_path), temporary)


def photo_folder(plan_path: str | os.PathLike) -> Path:
    """Where attached photos are kept: ``<plan stem>_photos`` beside it."""
    plan_path = Path(os.path.abspath(plan_path))
    return plan_path.with_name(f"{plan_path.stem}_photos")


def attach_photo(plan_path: str | os.PathLike,
                 source_photo: str | os.PathLike) -> str:
    """Copy ``source_photo`` into the plan's photo folder under a name not
    yet taken (the same photo again reuses its copy); the path to store in
    a note's ``photo`` field."""
    source = Path(source_photo)
    folder = photo_folder(plan_path)
    try:
        with source.open("rb"):
            pass
        if source.resolve().parent != folder.resolve():
            folder.mkdir(exist_ok=True)
            source = _copy_unique(source, folder)
    except OSError as exc:
        raise PlannerError(tr(
            "cannot attach the photo {photo}: {reason}. Fix: choose a photo "
            "file you can read; to keep it, {folder} must be writable")
            .format(photo=source, reason=exc.strerror or exc,
                    folder=folder)) from None
    return relative_to_plan(source, plan_path)


def _copy_unique(source: Path, folder: Path) -> Path:
    """Copy ``source`` into ``folder`` as ``name.jpg``, ``name-2.jpg`` ...,
    unless an identical copy is already there."""
    target, number = folder / source.name, 1
    while target.exists():
        if filecmp.cmp(source, target, shallow=False):
            return target
        number += 1
        target = folder / f"{source.stem}-{number}{source.suffix}"
    shutil.copy2(source, target)
    return target


def missing_photos(plan: Plan, plan_path: str | os.PathLike
                   ) -> list[Problem]:
    """A warning for each note whose photo file is not found."""
    notes = plan[NOTES]
    return [Problem(
        "warning", tr("its photo {photo} is not found at {path}").format(
            photo=photo, path=resolve_stored(photo, plan_path)),
        tr("put the photo back there, or attach it again"),
        Path(plan_path).name, NOTES, tr("note {fid}").format(fid=fid))
        for fid, photo in notes["photo"].dropna().items()
        if str(photo).strip() and not resolve_stored(
            str(photo), plan_path).is_file()]
