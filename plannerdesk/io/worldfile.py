"""World files (.pgw, .jgw, .tfw, .wld): the affine placement of a raster image."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model.problems import PlannerError

_SUFFIXES = {".png": ".pgw", ".jpg": ".jgw", ".jpeg": ".jgw", ".tif": ".tfw",
             ".tiff": ".tfw"}


@dataclass(frozen=True)
class WorldFile:
    """Map x = a*col + b*row + c, y = d*col + e*row + f (pixel centres)."""

    a: float
    d: float
    b: float
    e: float
    c: float
    f: float

    def extent(self, width: int, height: int) -> tuple[float, float, float, float]:
        """(minx, miny, maxx, maxy) of an unrotated image's outer edges."""
        left, top = self.c - self.a / 2, self.f - self.e / 2
        right, bottom = left + self.a * width, top + self.e * height
        return (min(left, right), min(top, bottom), max(left, right),
                max(top, bottom))


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
        raise PlannerError(f"{path}: cannot read the world file ({exc}). "
                           "Fix: it must hold six numbers, one a line") from None
    if len(values) != 6:
        raise PlannerError(f"{path}: a world file holds six numbers, this one "
                           f"{len(values)}. Fix: correct or re-export it")
    return WorldFile(*values)


def write_world_file(path: Path, world: WorldFile) -> None:
    values = (world.a, world.d, world.b, world.e, world.c, world.f)
    path.write_text("".join(f"{v:.10f}\n" for v in values))
