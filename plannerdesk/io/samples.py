"""The embedded sample plans, and the planner's own copy of them.

The shipped files are never opened for editing: the app opens a copy in
the user's data folder (``$XDG_DATA_HOME/plannerdesk/samples`` on Linux),
made on first use with its base map and reopened after, so the planner's
edits stay theirs and the installation stays as shipped.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import platformdirs

from ..model.language import tr
from ..model.problems import PlannerError

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_sites"
DREAM_TOWN = SAMPLE_DIR / "dream_town.gpkg"


def samples_folder() -> Path:
    """Where the planner's copies of the samples live."""
    return Path(platformdirs.user_data_dir("plannerdesk", appauthor=False)) \
        / "samples"


def own_sample(shipped: Path = DREAM_TOWN) -> Path:
    """The planner's copy of ``shipped`` (and of its base map and world
    file), made when there is none yet."""
    folder = samples_folder()
    target = folder / shipped.name
    if target.exists():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
        parts = [p for p in shipped.parent.glob(f"{shipped.stem}_*")
                 if p.suffix in (".png", ".pgw")]
        for source in [*parts, shipped]:  # the plan last: a copy cut
            part = folder / f".{source.name}.copying"  # short is made again
            shutil.copyfile(source, part)
            os.replace(part, folder / source.name)
    except OSError as exc:
        raise PlannerError(tr(
            "could not copy the sample to {folder}: {error}. Fix: make that "
            "folder writable, or set XDG_DATA_HOME to a folder you can "
            "write to").format(folder=folder, error=exc)) from exc
    return target
