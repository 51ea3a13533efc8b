"""Undoable changes to the plan's list of site maps.

Commands find a site map by its file (path and layer), so a change of how
it is shown (visibility, opacity) in between does not lose track of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model.language import tr
from ..model.plan import Plan
from ..model.problems import PlannerError
from ..model.sitemaps import SiteMap
from .edits import Command

SITE_MAPS = "site_maps"


def _index(plan: Plan, path: str, layer: str | None) -> int:
    for i, m in enumerate(plan.site_maps):
        if (m.path, m.layer) == (path, layer):
            return i
    raise PlannerError(tr("{path} is not a site map of this plan. Fix: add "
                          "it again from the Layer menu").format(path=path))


@dataclass
class AddSiteMap(Command):
    """Put a site map under the plan (on top of the other site maps)."""

    site_map: SiteMap
    layer: str = SITE_MAPS

    @property
    def text(self) -> str:
        return tr("add site map {name}").format(name=self.site_map.name)

    def redo(self, plan: Plan) -> None:
        if any((m.path, m.layer) == (self.site_map.path, self.site_map.layer)
               for m in plan.site_maps):
            raise PlannerError(tr(
                "{path} is already a site map of this plan. Fix: show it in "
                "the layer panel instead of adding it again").format(
                path=self.site_map.path))
        plan.site_maps.append(self.site_map)
        plan.notify(SITE_MAPS)

    def undo(self, plan: Plan) -> None:
        del plan.site_maps[_index(plan, self.site_map.path,
                                  self.site_map.layer)]
        plan.notify(SITE_MAPS)


@dataclass
class RemoveSiteMap(Command):
    """Take a site map off the plan (the file itself stays)."""

    site_map: SiteMap
    index: int = -1
    layer: str = SITE_MAPS

    @property
    def text(self) -> str:
        return tr("remove site map {name}").format(name=self.site_map.name)

    def redo(self, plan: Plan) -> None:
        self.index = _index(plan, self.site_map.path, self.site_map.layer)
        self.site_map = plan.site_maps.pop(self.index)
        plan.notify(SITE_MAPS)

    def undo(self, plan: Plan) -> None:
        plan.site_maps.insert(self.index, self.site_map)
        plan.notify(SITE_MAPS)


@dataclass
class RelocateSiteMap(Command):
    """Point a site map at the file's new place."""

    site_map: SiteMap
    path: str
    layer: str = SITE_MAPS

    @property
    def text(self) -> str:
        return tr("relocate site map {name}").format(
            name=self.site_map.name)

    def _move(self, plan: Plan, old: str, new: str) -> None:
        index = _index(plan, old, self.site_map.layer)
        plan.site_maps[index] = replace(plan.site_maps[index], path=new)
        plan.notify(SITE_MAPS)

    def redo(self, plan: Plan) -> None:
        self._move(plan, self.site_map.path, self.path)

    def undo(self, plan: Plan) -> None:
        self._move(plan, self.path, self.site_map.path)


@dataclass
class ShowSiteMaps(Command):
    """Show the plan's site maps as ``shown``: the same maps, bottom first,
    each with its visibility and opacity. Consecutive changes (an opacity
    slider dragged, several maps toggled) are one step."""

    shown: list[SiteMap]
    before: list[SiteMap] | None = None
    layer: str = SITE_MAPS

    @property
    def text(self) -> str:
        return tr("show site maps")

    def redo(self, plan: Plan) -> None:
        if self.before is None:
            self.before = list(plan.site_maps)
        plan.site_maps[:] = self.shown
        plan.notify(SITE_MAPS)

    def undo(self, plan: Plan) -> None:
        plan.site_maps[:] = self.before
        plan.notify(SITE_MAPS)

    def merge_key(self) -> tuple | None:
        return ("site map display",)

    def merge(self, later: Command) -> bool:
        if not isinstance(later, ShowSiteMaps):
            return False
        self.shown = later.shown
        return True
