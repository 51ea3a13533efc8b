"""Whole layers replaced in one step: what an import of many features
into several layers does."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd

from ..model.language import tr
from ..model.plan import Plan
from .edits import Command


@dataclass
class ReplaceLayers(Command):
    """Put ``after`` in place of those layers; undo puts back the layers
    as they were when the command was first done. ``text`` names the step
    (default: "import", in the current language)."""

    after: dict[str, gpd.GeoDataFrame]
    text: str = ""
    before: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = self.text or tr("import")

    def redo(self, plan: Plan) -> None:
        if not self.before:
            self.before = {name: plan[name] for name in self.after}
        for name, layer in self.after.items():
            plan.replace_layer(name, layer)

    def undo(self, plan: Plan) -> None:
        for name, layer in self.before.items():
            plan.replace_layer(name, layer)
