"""World files (.pgw, .jgw, .tfw, .wld): the affine placement of a raster image."""

from __future__ import annotations

from pathlib import Path

from ..model.georef import WorldFile
from ..model.language import tr
from ..model.problems import PlannerError

__all__ = ["WorldFile", "read_world_file", "world_file_path",
           "write_world_file"]

_SUFFIXES = {".png": ".pgw", ".jpg": ".jgw", ".jpeg": ".jgw", ".tif": ".tfw",
             ".tiff": ".tfw"}


def world_file_path(image: Path) -> Path:
    """The world file beside ``image`` (``site.png`` -> ``site.pgw``)."""
    for candidate in (_SUFFIXES.get(image.suffix.lower()), ".wld"):
        if candidate and image.with_suffix(candidate).exists():
            return image.with_suffix(candidate)
    return image.with_suffix(_SUFFIXES.get(image.suffix.lower(), ".wld"))


def read_world_file(path: Path) -> WorldFile:
    """Six numbers, one a line; a PlannerError naming the file otherwise."""
    try:
        values = [float(v) for v in path.read_text().split()]
    except (OSError, ValueError) as exc:
        raise PlannerError(tr(
            "{path}: cannot read the world file ({error}). Fix: it must hold "
            "six numbers, one a line").format(path=path, error=exc)) from None
    if len(values) != 6:
        raise PlannerError(tr(
            "{path}: a world file holds six numbers, this one {count}. Fix: "
            "correct or re-export it").format(path=path, count=len(values)))
    return WorldFile(*values)


def write_world_file(path: Path, world: WorldFile) -> None:
    values = (world.a, world.d, world.b, world.e, world.c, world.f)
    path.write_text("".join(f"{v:.10f}\n" for v in values))
