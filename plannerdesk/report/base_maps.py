"""The plan's site maps (a base-map image, reference layers such as a
river or a railway) under the report's site and locator maps, as the
window shows them; a map that cannot be read is named in the report's
notes instead."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.transforms import Affine2D

from ..io.rasters import read_site_raster
from ..io.reference import read_reference
from ..model.georef import WorldFile
from ..model.language import tr
from ..model.plan import Plan
from ..model.problems import PlannerError
from ..model.sitemaps import resolve
from .maps import PT_PER_MM, draw

MAX_PIXELS = 2400      # about 200 dpi across an A4 page
REFERENCE = "#7d7d7d"


@dataclass(frozen=True)
class Image:
    rgba: np.ndarray
    world: WorldFile
    opacity: float

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        rows, cols = self.rgba.shape[:2]
        xs, ys = self.world.to_map([-0.5, cols - 0.5, -0.5, cols - 0.5],
                                   [-0.5, -0.5, rows - 0.5, rows - 0.5])
        return xs.min(), ys.min(), xs.max(), ys.max()


@dataclass(frozen=True)
class BaseMaps:
    """The visible site maps, bottom first, read once per report."""

    images: list[Image] = field(default_factory=list)
    references: list[tuple[object, float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def draw(self, ax: Axes, scale: float = 1.0) -> None:
        """Every map under the plan's layers (below z-order 0)."""
        for image in self.images:
            _image(ax, image)
        for geoms, opacity in self.references:
            draw(ax, geoms, stroke=REFERENCE, fill="none",
                 width=0.25 * PT_PER_MM * scale, alpha=opacity, zorder=-0.5)

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """The extent of the images (what a locator map can show)."""
        if not self.images:
            return None
        b = np.array([image.bounds for image in self.images])
        return b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()


def read_base_maps(plan: Plan,
                   source: str | os.PathLike | None) -> BaseMaps:
    """The plan's visible site maps; a map that cannot be read is left
    out and named in ``problems``."""
    maps = BaseMaps()
    for site_map in (m for m in plan.site_maps if m.visible):
        path = resolve(site_map, source) if source else Path(site_map.path)
        try:
            if site_map.kind == "raster":
                raster = read_site_raster(path, plan.crs,
                                          max_pixels=MAX_PIXELS)
                maps.images.append(Image(raster.rgba, raster.world,
                                         site_map.opacity))
            else:
                frame = read_reference(path, plan.crs, layer=site_map.layer,
                                       source_crs=site_map.source_crs)
                maps.references.append((frame.geometry.to_numpy(),
                                        site_map.opacity))
        except (PlannerError, OSError) as exc:
            maps.problems.append(tr(
                "site map '{name}' ({path}) is left off the maps: {error}. "
                "Fix: relink it in the Layers panel").format(
                    name=site_map.name, path=path, error=exc))
    return maps


def _image(ax: Axes, image: Image) -> None:
    """``image`` placed by its world file (rotation included)."""
    rows, cols = image.rgba.shape[:2]
    w, limits = image.world, (ax.get_xlim(), ax.get_ylim())
    placed = Affine2D(np.array([[w.a, w.b, w.c], [w.d, w.e, w.f],
                                [0.0, 0.0, 1.0]]))
    ax.imshow(image.rgba, extent=(-0.5, cols - 0.5, rows - 0.5, -0.5),
              transform=placed + ax.transData, alpha=image.opacity,
              interpolation="antialiased", zorder=-1)
    ax.set_xlim(*limits[0])   # imshow fits the axes to the pixel grid
    ax.set_ylim(*limits[1])
