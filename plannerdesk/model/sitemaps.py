"""Site maps: raster images and vector reference layers shown under a plan.

A site map's ``path`` is absolute once the plan is open; the plan file
stores it relative to the plan's folder where it can (see plan_paths), so a
plan folder can be moved or shared whole.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .language import tr
from .plan_paths import resolve_stored

KINDS = ("raster", "vector")


@dataclass(frozen=True)
class SiteMap:
    """One map under the plan, with how it is shown.

    ``source_crs``: the CRS the planner chose for a source that names none
    (e.g. ``EPSG:4549``); ``layer``: the layer of a multi-layer source.
    """

    path: str
    kind: Literal["raster", "vector"]
    name: str
    visible: bool = True
    opacity: float = 1.0
    source_crs: str | None = None
    layer: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.path, str) or not self.path:
            raise ValueError(tr("a site map needs a file path, not "
                                "{path!r}").format(path=self.path))
        if not isinstance(self.name, str):
            raise ValueError(tr("a site map needs a name, not {name!r}")
                             .format(name=self.name))
        if self.kind not in KINDS:
            raise ValueError(tr("site map kind {kind!r} is not one of "
                                "{kinds}").format(kind=self.kind,
                                                  kinds=", ".join(KINDS)))
        if not isinstance(self.visible, bool):
            raise ValueError(tr("visible must be true or false, not "
                                "{visible!r}").format(visible=self.visible))
        if not 0.0 <= self.opacity <= 1.0:
            raise ValueError(tr("opacity {opacity} is not between 0 and 1")
                             .format(opacity=self.opacity))


def resolve(site_map: SiteMap, plan_path: str | os.PathLike) -> Path:
    """The absolute path of ``site_map`` for the plan file at ``plan_path``."""
    return resolve_stored(site_map.path, plan_path)
