"""One small command per kind of edit (after QGIS's vector-layer undo
commands): each knows how to do and undo itself, and which layer it touches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd
import shapely

from ..model.changes import Change
from ..model.language import tr
from ..model.plan import Plan
from ..model.problems import PlannerError, errors
from ..model.schema import layer_spec
from ..model.settings import Settings
from ..model.validation import conform_layer
from ..model.words import human


class Command:
    """An undoable edit. ``merge_key`` lets consecutive edits combine;
    ``text`` names it in the Edit menu, in the current language."""

    layer: str

    @property
    def text(self) -> str:
        return tr("edit")

    def redo(self, plan: Plan) -> None:
        raise NotImplementedError

    def undo(self, plan: Plan) -> None:
        raise NotImplementedError

    def merge_key(self) -> tuple | None:
        return None

    def merge(self, later: "Command") -> bool:
        """Absorb ``later`` (same merge key); True when merged."""
        return False


@dataclass
class AddFeatures(Command):
    """Add features (conformed and validated) to a layer."""

    layer: str
    features: gpd.GeoDataFrame
    fids: pd.Index = field(default_factory=lambda: pd.Index([]))

    @property
    def text(self) -> str:
        return tr("add {n} to {layer}").format(n=len(self.features),
                                               layer=human(self.layer))

    def redo(self, plan: Plan) -> None:
        self.fids, _ = plan.add_features(self.layer, self.features)

    def undo(self, plan: Plan) -> None:
        plan.replace_layer(self.layer, plan[self.layer].drop(index=self.fids),
                           Change.of(self.layer, removed=self.fids))


@dataclass
class DeleteFeatures(Command):
    """Delete features by fid; undo puts them back with the same fids."""

    layer: str
    fids: list[int]
    removed: gpd.GeoDataFrame | None = None

    @property
    def text(self) -> str:
        return tr("delete {n} from {layer}").format(n=len(self.fids),
                                                    layer=human(self.layer))

    def redo(self, plan: Plan) -> None:
        layer = plan[self.layer]
        self.removed = layer.loc[self.fids]
        plan.replace_layer(self.layer, layer.drop(index=self.fids),
                           Change.of(self.layer, removed=self.fids))

    def undo(self, plan: Plan) -> None:
        restored = pd.concat([plan[self.layer], self.removed]).sort_index()
        plan.replace_layer(self.layer, gpd.GeoDataFrame(
            restored, geometry=self.removed.geometry.name, crs=plan.crs),
            Change.of(self.layer, added=self.fids))


@dataclass
class SetGeometry(Command):
    """Replace one feature's geometry. The moves of one vertex during one
    drag (same ``vertex`` and ``drag`` number) merge into one step."""

    layer: str
    fid: int
    geometry: shapely.Geometry
    vertex: int | None = None
    drag: int | None = None
    before: shapely.Geometry | None = None

    @property
    def text(self) -> str:
        return tr("edit geometry")

    def redo(self, plan: Plan) -> None:
        layer = plan[self.layer].copy()
        if self.before is None:
            self.before = layer.geometry.loc[self.fid]
        layer.loc[self.fid, layer.geometry.name] = self.geometry
        plan.replace_layer(self.layer, layer,
                           Change.of(self.layer, moved=[self.fid]))

    def undo(self, plan: Plan) -> None:
        layer = plan[self.layer].copy()
        layer.loc[self.fid, layer.geometry.name] = self.before
        plan.replace_layer(self.layer, layer,
                           Change.of(self.layer, moved=[self.fid]))

    def merge_key(self) -> tuple | None:
        if self.vertex is None or self.drag is None:
            return None
        return ("vertex", self.layer, self.fid, self.vertex, self.drag)

    def merge(self, later: Command) -> bool:
        if not isinstance(later, SetGeometry) or \
                later.merge_key() != self.merge_key():
            return False
        self.geometry = later.geometry
        return True


@dataclass
class MoveFeatures(Command):
    """Move features by (dx, dy) map units."""

    layer: str
    fids: list[int]
    dx: float
    dy: float

    @property
    def text(self) -> str:
        return tr("move")

    def _shift(self, plan: Plan, sign: float) -> None:
        layer = plan[self.layer].copy()
        geoms = layer.geometry.loc[self.fids].array
        moved = shapely.transform(geoms, lambda xy: xy + sign * pd.Series(
            [self.dx, self.dy]).to_numpy())
        layer.loc[self.fids, layer.geometry.name] = moved
        plan.replace_layer(self.layer, layer,
                           Change.of(self.layer, moved=self.fids))

    def redo(self, plan: Plan) -> None:
        self._shift(plan, 1.0)

    def undo(self, plan: Plan) -> None:
        self._shift(plan, -1.0)


@dataclass
class SetAttribute(Command):
    """Set one attribute of one feature; impossible values are refused."""

    layer: str
    fid: int
    column: str
    value: object
    before: object = None

    @property
    def text(self) -> str:
        return tr("set {column}").format(column=human(self.column))

    def redo(self, plan: Plan) -> None:
        layer = plan[self.layer]
        self.before = layer.at[self.fid, self.column] \
            if self.column in layer.columns else None
        row = layer.loc[[self.fid]].copy()
        row[self.column] = pd.Series([self.value], index=row.index,
                                     dtype=object)
        conformed, problems = conform_layer(row, layer_spec(self.layer))
        if errors(problems):
            raise PlannerError(str(errors(problems)[0]), problems)
        self._put(plan, conformed.at[self.fid, self.column])

    def undo(self, plan: Plan) -> None:
        self._put(plan, self.before)

    def _put(self, plan: Plan, value: object) -> None:
        layer = plan[self.layer].copy()
        layer.loc[self.fid, self.column] = value
        plan.replace_layer(self.layer, layer,
                           Change.of(self.layer, edited=[self.fid]))


@dataclass
class SetSettings(Command):
    """Replace the plan's evaluator settings."""

    settings: Settings
    before: Settings | None = None
    layer: str = "settings"

    @property
    def text(self) -> str:
        return tr("change settings")

    def redo(self, plan: Plan) -> None:
        self.before = plan.settings
        plan.settings = self.settings
        plan.notify("settings")

    def undo(self, plan: Plan) -> None:
        plan.settings = self.before
        plan.notify("settings")
