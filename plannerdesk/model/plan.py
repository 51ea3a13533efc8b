"""The Plan: typed layers in one projected CRS in metres, and its settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS

from .changes import Change
from .crs import require_plan_crs
from .fields import empty_column
from .language import tr
from .notes import NOTES
from .problems import PlannerError, Problem, errors
from .saved import SavedState
from .scenario_edits import EXISTING, Edits
from .schema import LAYER_ORDER, layer_spec
from .settings import Settings
from .sitemaps import SiteMap
from .validation import conform_layer

FID_LIMIT = 2**63 - 1
"""The largest feature id a GeoPackage (SQLite integer) holds."""


def empty_layer(name: str, crs: CRS) -> gpd.GeoDataFrame:
    """An empty layer ``name`` with its typed columns and ``fid`` index."""
    spec = layer_spec(name)
    index = pd.Index([], dtype="int64", name="fid")
    columns = {f.name: empty_column(f.type, index) for f in spec.fields}
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries([], index=index),
                            crs=crs)


@dataclass
class Layout:
    """The existing layout's layers and settings."""

    layers: dict[str, gpd.GeoDataFrame]
    settings: Settings


@dataclass
class Plan:
    """A site plan: every layer of the schema, in one metric CRS.

    Each layer is a GeoDataFrame indexed by feature id (``fid``), with the
    schema's typed columns first and any of the planner's own columns after.
    ``site_maps`` are the maps shown under the plan, bottom first.

    ``layers`` and ``settings`` are those of the ``active`` scenario, so
    everything that reads or edits a plan works on what the planner sees.
    ``scenarios`` are the proposals (edits on top of the existing layout),
    in order; while one is active, ``kept`` holds the existing layout aside
    (see :mod:`plannerdesk.model.scenarios`). ``saved`` records, per file
    (by real path), what that file holds, so a save writes only the changes.
    """

    crs: CRS
    layers: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    site_maps: list[SiteMap] = field(default_factory=list)
    listeners: list[Callable[[Change], None]] = field(
        default_factory=list, repr=False, compare=False)
    scenarios: dict[str, Edits] = field(default_factory=dict)
    active: str = EXISTING
    kept: Layout | None = field(default=None, repr=False)
    saved: dict[str, SavedState] = field(
        default_factory=dict, repr=False, compare=False)

    @property
    def base_layers(self) -> dict[str, gpd.GeoDataFrame]:
        """The existing layout's layers, whichever scenario is active."""
        return self.layers if self.kept is None else self.kept.layers

    @property
    def base_settings(self) -> Settings:
        """The existing layout's settings, whichever scenario is active."""
        return self.settings if self.kept is None else self.kept.settings

    def notify(self, change: Change | str) -> None:
        """Tell the listeners (views, autosave) what changed: a Change, or
        the name of a layer or part that changed as a whole."""
        if isinstance(change, str):
            change = Change(change)
        for listener in list(self.listeners):
            listener(change)

    def replace_layer(self, name: str, layer: gpd.GeoDataFrame,
                      change: Change | None = None) -> None:
        """Put ``layer`` in place of layer ``name`` and notify ``change``
        (by default: the whole layer changed)."""
        self.layers[name] = layer
        if name == NOTES and self.kept is not None:  # notes are the plan's,
            self.kept.layers[name] = layer  # whatever scenario is open
        self.notify(change or Change(name))

    def __post_init__(self) -> None:
        self.crs = require_plan_crs(CRS.from_user_input(self.crs))
        for name in LAYER_ORDER:
            if name not in self.layers:
                self.layers[name] = empty_layer(name, self.crs)

    def snapshot(self) -> Plan:
        """A copy to read on another thread (e.g. to save it): it shares
        the frames, which edits replace and never change, and holds its
        own containers, so later edits of this plan leave it as it is."""
        kept = None if self.kept is None else \
            Layout(dict(self.kept.layers), self.kept.settings)
        return replace(self, layers=dict(self.layers),
                       site_maps=list(self.site_maps), listeners=[],
                       scenarios=dict(self.scenarios), kept=kept,
                       saved=dict(self.saved))

    def __getitem__(self, name: str) -> gpd.GeoDataFrame:
        layer_spec(name)
        return self.layers[name]

    def site_geometry(self) -> shapely.Geometry | None:
        """The union of the site layer, or None when no site is drawn."""
        site = self.layers["site"].geometry
        site = site[~(site.is_empty | site.isna())]
        return shapely.union_all(site.array) if len(site) else None

    def extent(self) -> tuple[float, float, float, float] | None:
        """(minx, miny, maxx, maxy) over every layer, or None when empty."""
        bounds = [g.total_bounds for g in self.layers.values()
                  if len(g) and g.geometry.notna().any()]
        if not bounds:
            return None
        frame = pd.DataFrame(bounds)
        return (frame[0].min(), frame[1].min(), frame[2].max(),
                frame[3].max())

    def _next_fid(self, name: str) -> int:
        """A fid above every fid layer ``name`` has or had in any scenario,
        so a new feature never takes a proposal's feature or one a proposal
        edits (even after the existing layout deleted it)."""
        changes = [edits.layers[name] for edits in self.scenarios.values()
                   if name in edits.layers]
        used = [self[name].index, self.base_layers[name].index] + [
            pd.Index(ix) for change in changes for ix in (
                change.added.index, change.modified.index, change.deleted)]
        return max((int(ix.max()) for ix in used if len(ix)), default=0) + 1

    def add_features(self, name: str, features: gpd.GeoDataFrame, *,
                     source: str = "") -> tuple[pd.Index, list[Problem]]:
        """Conform ``features`` and append them to layer ``name``.

        Returns the new fids and the problems found. When any feature has an
        error, raises a PlannerError carrying the problems and leaves the
        plan as it was.
        """
        added, problems = self.conform_features(name, features, source=source)
        if errors(problems):
            raise PlannerError(tr(
                "{source}: {count} problem(s) stop adding features to "
                "'{layer}'; the plan is unchanged").format(
                    source=source or tr("new features"),
                    count=len(errors(problems)), layer=name), problems)
        return self.append_features(name, added), problems

    def conform_features(self, name: str, features: gpd.GeoDataFrame, *,
                         source: str = "",
                         ) -> tuple[gpd.GeoDataFrame, list[Problem]]:
        """``features`` in the plan's CRS, typed, defaulted and repaired
        for layer ``name``, and the problems found (see
        :func:`~plannerdesk.model.validation.conform_layer`)."""
        site = None if name in ("site", "zones") else self.site_geometry()
        added = features.to_crs(self.crs) if features.crs else \
            features.set_crs(self.crs)
        return conform_layer(added, layer_spec(name), source=source,
                             site=site)

    def append_features(self, name: str, added: gpd.GeoDataFrame) -> pd.Index:
        """Append conformed features to layer ``name`` under new fids."""
        layer = self[name]
        start = self._next_fid(name)
        if start + len(added) - 1 > FID_LIMIT:
            raise PlannerError(tr(
                "layer '{layer}' has a feature id of {fid}, so close to the "
                "largest a GeoPackage holds ({limit}) that {count} more "
                "cannot follow it. Fix: give that feature a smaller fid "
                "(e.g. in QGIS), then try again").format(
                    layer=name, fid=start - 1, limit=FID_LIMIT,
                    count=len(added)))
        added = added.set_axis(pd.RangeIndex(start, start + len(added),
                                             name="fid"))
        if name == NOTES:  # a note says in which scenario it was made
            added = added.assign(scenario=added["scenario"].fillna(
                self.active) if "scenario" in added else self.active)
        if added.geometry.name != layer.geometry.name:
            added = added.rename_geometry(layer.geometry.name)
        whole = [c for c in added.columns if c != added.geometry.name and
                 pd.api.types.is_integer_dtype(added[c]) and
                 not isinstance(added[c].dtype, pd.Int64Dtype)]
        # nullable, so the rows without the column keep whole numbers
        added = added.astype({c: "Int64" for c in whole})
        merged = pd.concat([layer, added]) if len(layer) else added
        geometry = layer.geometry.name
        ordered = [c for c in layer.columns if c != geometry] + [
            c for c in merged.columns if c not in layer.columns] + [geometry]
        merged = gpd.GeoDataFrame(merged[ordered], geometry=geometry,
                                  crs=self.crs)
        merged.index = pd.Index(merged.index.to_numpy("int64"), name="fid")
        self.replace_layer(name, merged, Change.of(name, added=added.index))
        return added.index
