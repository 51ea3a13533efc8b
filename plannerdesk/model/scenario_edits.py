"""A proposal as edits on top of the existing layout: finding and applying them.

Per layer a proposal holds the features it adds (by their fid in the
proposal), the base features it deletes and the base features it modifies
(by base fid). A modification keeps a mask of the cells it changed, so the
proposal follows later edits of the existing layout in the columns, and the
geometry, that it left alone.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from .language import N_, tr
from .problems import Problem
from .settings import Settings

EXISTING = N_("Existing")  # stored as is; shown by scenarios.scenario_label


@dataclass
class LayerEdits:
    """The edits of one layer.

    ``changed`` is a boolean frame over ``modified`` (same index; one column
    per attribute and one named like the geometry column): only the cells it
    flags replace the base's, the others may be missing.
    """

    added: gpd.GeoDataFrame
    deleted: list[int]
    modified: gpd.GeoDataFrame
    changed: pd.DataFrame

    def is_empty(self) -> bool:
        return not (len(self.added) or self.deleted or len(self.modified))


@dataclass
class Edits:
    """A proposal: its layer edits, its own settings (None: the base's) and
    a description."""

    layers: dict[str, LayerEdits] = field(default_factory=dict)
    settings: Settings | None = None
    description: str = ""

    def is_empty(self) -> bool:
        return self.settings is None and all(
            e.is_empty() for e in self.layers.values())


def diff(base: dict[str, gpd.GeoDataFrame],
         layers: dict[str, gpd.GeoDataFrame]) -> Edits:
    """The layer edits that turn ``base`` into ``layers`` (compared by fid)."""
    found = {name: _diff_layer(base[name], layer)
             for name, layer in layers.items() if layer is not base.get(name)}
    return Edits({name: e for name, e in found.items() if not e.is_empty()})


def _diff_layer(base: gpd.GeoDataFrame, layer: gpd.GeoDataFrame) -> LayerEdits:
    geometry = layer.geometry.name
    if base.index.equals(layer.index):
        common, old, new = layer.index, base, layer
    else:
        common = layer.index.intersection(base.index)
        old, new = base.loc[common], layer.loc[common]
    changed = pd.DataFrame({
        column: _differs(old[column] if column in old else None, new[column])
        for column in layer.columns if column != geometry}, index=common)
    changed[geometry] = _moved(old.geometry.array, new.geometry.array)
    rows = changed.index[changed.any(axis=1).to_numpy()]
    return LayerEdits(added=layer.loc[layer.index.difference(base.index)],
                      deleted=base.index.difference(layer.index).tolist(),
                      modified=layer.loc[rows], changed=changed.loc[rows])


def _moved(old, new) -> np.ndarray:
    """Where two geometry arrays differ; a geometry left untouched is the
    same object, so only the others are compared (as WKB)."""
    before, after = np.asarray(old, dtype=object), np.asarray(new, dtype=object)
    moved = np.fromiter(map(operator.is_not, before, after), bool,
                        len(after))
    if moved.any():
        moved[moved] = shapely.to_wkb(before[moved]) != \
            shapely.to_wkb(after[moved])
    return moved


def _differs(old: pd.Series | None, new: pd.Series) -> np.ndarray:
    """Where two columns differ, a missing value equal to a missing one."""
    if old is not None and old.dtype == new.dtype and \
            pd.api.types.is_numeric_dtype(new.dtype):
        missing = old.isna().to_numpy(bool)
        return (old.to_numpy(na_value=0) != new.to_numpy(na_value=0)) | (
            missing != new.isna().to_numpy(bool))
    after = new.to_numpy(object, na_value=None)
    before = np.full(len(after), None) if old is None else \
        old.to_numpy(object, na_value=None)
    return np.asarray(before != after, bool)


def apply(base: dict[str, gpd.GeoDataFrame], edits: Edits, *,
          scenario: str = "") -> tuple[dict[str, gpd.GeoDataFrame],
                                       list[Problem]]:
    """The layers of scenario ``scenario``: ``edits`` applied to ``base``.

    Layers without edits are ``base``'s own frames. Edits of base features
    that are gone are dropped with a warning; added features whose fid the
    base has taken since are renumbered (reported as info).
    """
    layers, problems = dict(base), []
    for name, change in edits.layers.items():
        layers[name], found = _apply_layer(base[name], change, scenario, name)
        problems += found
    return layers, problems


def _apply_layer(base: gpd.GeoDataFrame, change: LayerEdits, scenario: str,
                 name: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    problems = _gone(base, change.deleted, "deletes", scenario, name) + \
        _gone(base, change.modified.index, "modifies", scenario, name)
    out = _modify(base.drop(index=base.index.intersection(change.deleted)),
                  change)
    added = _renumbered(out, change.added, scenario, name, problems)
    return (_append(out, added) if len(added) else out), problems


def _gone(base: gpd.GeoDataFrame, fids, verb: str, scenario: str,
          name: str) -> list[Problem]:
    """A warning for each of ``fids`` the base no longer has; ``verb`` is
    what the scenario does to it: ``deletes`` or ``modifies``."""
    message = tr("the scenario deletes feature {fid}, which the existing "
                 "layout no longer has; that edit is dropped") \
        if verb == "deletes" else \
        tr("the scenario modifies feature {fid}, which the existing layout "
           "no longer has; that edit is dropped")
    fix = tr("check layer '{layer}' of the scenario and redo the edit if it "
             "is still wanted").format(layer=name)
    where = tr("scenario '{name}'").format(name=scenario)
    return [Problem("warning", message.format(fid=fid), fix, where, name,
                    tr("feature {fid}").format(fid=fid))
            for fid in pd.Index(fids).difference(base.index)]


def _modify(out: gpd.GeoDataFrame, change: LayerEdits) -> gpd.GeoDataFrame:
    """``out`` with the changed cells of the modified rows it still has."""
    fids = change.modified.index.intersection(out.index)
    if not len(fids):
        return out
    out, mask = out.copy(), change.changed.loc[fids].astype(bool)
    new = change.modified.loc[fids]
    for column in mask.columns:
        if column == new.geometry.name:
            keep = out.geometry.loc[fids].to_numpy()
            out.loc[fids, out.geometry.name] = np.where(
                mask[column].to_numpy(), new.geometry.to_numpy(), keep)
            continue
        if column not in out:
            out[column] = pd.Series(pd.NA, index=out.index,
                                    dtype=new[column].dtype)
        out.loc[fids, column] = out.loc[fids, column].where(
            ~mask[column], new[column])
    return out


def _renumbered(out: gpd.GeoDataFrame, added: gpd.GeoDataFrame,
                scenario: str, name: str,
                problems: list[Problem]) -> gpd.GeoDataFrame:
    """``added`` with the fids the base has taken since moved past them."""
    clash = added.index.isin(out.index)
    if not clash.any():
        return added
    start = max(int(out.index.max()), int(added.index.max())) + 1
    fids = added.index.to_numpy(copy=True)
    fids[clash] = np.arange(start, start + clash.sum())
    where = tr("scenario '{name}'").format(name=scenario)
    problems += [Problem(
        "info", tr("the scenario's new feature {old} is now feature {new}, "
                   "since the existing layout has a feature {old}").format(
                       old=old, new=new), "",
        where, name, tr("feature {fid}").format(fid=old))
        for old, new in zip(added.index[clash], fids[clash], strict=True)]
    return added.set_axis(pd.Index(fids, name="fid"))


def _append(out: gpd.GeoDataFrame, added: gpd.GeoDataFrame
            ) -> gpd.GeoDataFrame:
    geometry = out.geometry.name
    if added.geometry.name != geometry:
        added = added.rename_geometry(geometry)
    merged = pd.concat([out, added]) if len(out) else added
    ordered = [c for c in out.columns if c != geometry] + [
        c for c in merged.columns if c not in out.columns] + [geometry]
    merged = gpd.GeoDataFrame(merged[ordered], geometry=geometry,
                              crs=out.crs)
    merged.index = pd.Index(merged.index.to_numpy("int64"), name="fid")
    return merged
