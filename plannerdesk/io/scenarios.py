"""The plan's proposals as two attribute tables of the plan GeoPackage.

``plannerdesk_scenarios``: one row a proposal (``name``, ``position``,
``description``, ``active``, ``settings`` as JSON or null for the existing
layout's). ``plannerdesk_scenario_edits``: one row an edit (``scenario``,
``layer``, ``feature_fid``, ``action`` add | delete | modify, ``properties`` as a
JSON object, ``wkb`` the geometry as hex WKB). A modify row holds only the
properties it changes, and a geometry only when it changes it.

The plan's ordinary layers always hold the existing layout; reading types
the values back by the layer's schema (or the existing column's type).
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ..model.fields import coerce, reason_text
from ..model.language import N_, tr
from ..model.plan import Plan
from ..model.problems import PlannerError
from ..model.saved import StoredTable
from ..model.scenario_edits import EXISTING, Edits, LayerEdits
from ..model.scenarios import current_edits
from ..model.schema import LAYER_ORDER, FieldType, layer_spec
from ..model.settings import Settings
from .stored import flag, read_table

SCENARIOS_TABLE = "plannerdesk_scenarios"
EDITS_TABLE = "plannerdesk_scenario_edits"
ACTIONS = ("add", "delete", "modify")
_EDIT_COLUMNS = ["scenario", "layer", "feature_fid", "action", "properties",
                 "wkb"]
_SCENARIO_COLUMNS = (("name", "TEXT"), ("position", "INTEGER"),
                     ("description", "TEXT"), ("active", "BOOLEAN"),
                     ("settings", "TEXT"))
_EDIT_TYPES = tuple((c, "INTEGER" if c == "feature_fid" else "TEXT")
                    for c in _EDIT_COLUMNS)
_FIX = N_("Fix: correct that row (e.g. in QGIS), or delete the tables "
         "'{scenarios}' and '{edits}' to drop the proposals; the existing "
         "layout in the plan's layers is unaffected")


def scenario_tables(plan: Plan) -> tuple[StoredTable, StoredTable]:
    """Both tables' rows for the plan's proposals, in order."""
    edits = {name: current_edits(plan, name) for name in plan.scenarios}
    scenarios = tuple(
        (name, position, e.description, int(name == plan.active),
         None if e.settings is None else json.dumps(e.settings.to_dict()))
        for position, (name, e) in enumerate(edits.items(), 1))
    rows = [_edit_rows(name, layer, change) for name, e in edits.items()
            for layer, change in e.layers.items()]
    table = pd.concat(rows, ignore_index=True) if rows else None
    edit_rows = () if table is None else tuple(
        (str(r.scenario), str(r.layer), int(r.feature_fid), str(r.action),
         _text(r.properties), _text(r.wkb))
        for r in table.itertuples(index=False))
    return (StoredTable(SCENARIOS_TABLE, _SCENARIO_COLUMNS, scenarios),
            StoredTable(EDITS_TABLE, _EDIT_TYPES, edit_rows))


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _edit_rows(scenario: str, layer: str, change: LayerEdits) -> pd.DataFrame:
    """The rows of one layer's edits, added then deleted then modified."""
    added, modified = change.added, change.modified
    moved = change.changed[modified.geometry.name].to_numpy(bool)
    parts = [
        (added.index, "add", _properties(added),
         shapely.to_wkb(added.geometry.array, hex=True)),
        (pd.Index(change.deleted, dtype="int64"), "delete",
         [None] * len(change.deleted), [None] * len(change.deleted)),
        (modified.index, "modify", _properties(modified, change.changed),
         np.where(moved, shapely.to_wkb(modified.geometry.array, hex=True),
                  None))]
    return pd.concat([pd.DataFrame({
        "scenario": scenario, "layer": layer,
        "feature_fid": fids.to_numpy("int64"), "action": action,
        "properties": np.asarray(properties, dtype=object).reshape(-1),
        "wkb": np.asarray(wkb, dtype=object).reshape(-1)},
        columns=_EDIT_COLUMNS)
        for fids, action, properties, wkb in parts], ignore_index=True)


def _properties(frame: gpd.GeoDataFrame,
                changed: pd.DataFrame | None = None) -> list[str]:
    """Each row's attributes as JSON; only the ``changed`` ones if given."""
    table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
    records = table.astype(object).where(table.notna(), None).to_dict(
        "records")
    if changed is not None:
        keep = changed.drop(columns=frame.geometry.name).to_dict("records")
        records = [{k: v for k, v in r.items() if flags[k]}
                   for r, flags in zip(records, keep, strict=True)]
    return [json.dumps(r, default=_plain, ensure_ascii=False)
            for r in records]


def _plain(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be stored")


def read_scenarios(path: Path, tables: set[str],
                   base: dict[str, gpd.GeoDataFrame]
                   ) -> tuple[dict[str, Edits], str]:
    """The proposals stored in the plan at ``path`` (none in plans without
    the tables) and the name of the active scenario."""
    if SCENARIOS_TABLE not in tables:
        return {}, EXISTING
    scenarios, active = _read_list(path)
    if EDITS_TABLE in tables:
        rows = _checked_edits(path, set(scenarios))
        for (name, layer), group in rows.groupby(["scenario", "layer"],
                                                 sort=False):
            scenarios[name].layers[layer] = _layer_edits(
                _Reader(path, layer, base[layer]), group)
    return scenarios, active


def _read_list(path: Path) -> tuple[dict[str, Edits], str]:
    frame = read_table(path, SCENARIOS_TABLE)
    found: dict[str, tuple[float, Edits]] = {}
    active = EXISTING
    for number, row in enumerate(frame.to_dict("records"), 1):
        try:
            name, position, edits, is_active = _scenario(row, path)
        except PlannerError:
            raise
        except (KeyError, TypeError, ValueError, RecursionError) as exc:
            _damaged(path, SCENARIOS_TABLE, number, exc)
        taken = {n.casefold() for n in found} | {EXISTING.casefold()}
        if name.casefold() in taken:
            _damaged(path, SCENARIOS_TABLE, number,
                     tr("the name '{name}' is taken").format(name=name))
        found[name] = (position, edits)
        active = name if is_active else active
    ordered = sorted(found.items(), key=lambda item: item[1][0])
    return {name: edits for name, (_, edits) in ordered}, active


def _scenario(row: dict, path: Path) -> tuple[str, float, Edits, bool]:
    name, text, active = row["name"], row["settings"], row["active"]
    if not isinstance(name, str) or not name.strip():
        raise ValueError(tr("the name {name!r} is not a name").format(
            name=name))
    if pd.isna(row["position"]):
        raise ValueError(tr("the position is missing"))
    settings = None if pd.isna(text) else Settings.from_dict(
        json.loads(text), tr("{file}: scenario '{name}'").format(
            file=path.name, name=name),
        reset=tr("clear the 'settings' cell of scenario '{name}' in the "
                 "table '{table}' (the scenario then uses the existing "
                 "layout's settings)").format(name=name,
                                              table=SCENARIOS_TABLE))
    description = row["description"]
    return name.strip(), float(row["position"]), Edits(
        settings=settings,
        description="" if pd.isna(description) else str(description)), \
        flag(active, "active")


def _checked_edits(path: Path, names: set[str]) -> pd.DataFrame:
    """The edit rows, each checked; a damaged one raises a PlannerError."""
    frame = read_table(path, EDITS_TABLE)
    missing = [c for c in _EDIT_COLUMNS if c not in frame.columns]
    if missing:
        _damaged(path, EDITS_TABLE, 0, tr("no column {columns}").format(
            columns=", ".join(missing)))
    fid = pd.to_numeric(frame["feature_fid"], errors="coerce")
    geometry = shapely.from_wkb(frame["wkb"].to_numpy(object, na_value=None),
                                on_invalid="ignore")
    no_geometry = shapely.is_missing(geometry)
    add, delete, modify = ACTIONS
    checks = [
        (~frame["scenario"].isin(names),
         tr("names no scenario of the table '{table}'").format(
             table=SCENARIOS_TABLE)),
        (~frame["layer"].isin(LAYER_ORDER), tr("names no layer of the plan")),
        (~frame["action"].isin(ACTIONS), tr(
            "the action is not {add} or {delete} or {modify}").format(
                add=add, delete=delete, modify=modify)),
        (fid.isna() | (fid.round() != fid),
         tr("feature_fid is not a whole number")),
        (frame["wkb"].notna().to_numpy() & no_geometry,
         tr("wkb is not a geometry in hex WKB")),
        ((frame["action"] == "add").to_numpy() & no_geometry,
         tr("an added feature has no geometry")),
        (frame.duplicated(["scenario", "layer", "feature_fid"]),
         tr("a second edit of the same feature"))]
    for bad, reason in checks:
        bad = np.asarray(bad, bool)
        if bad.any():
            _damaged(path, EDITS_TABLE, int(np.argmax(bad)) + 1, reason)
    return frame.assign(fid=fid.astype("int64"), geometry=geometry,
                        row=np.arange(1, len(frame) + 1))


class _Reader:
    """Where edit rows come from: the plan file, the layer and its base."""

    def __init__(self, path: Path, layer: str, base: gpd.GeoDataFrame):
        self.path, self.base = path, base
        self.spec = layer_spec(layer)

    def field_type(self, column: str) -> FieldType | None:
        """The schema's type of ``column``, else that of the base column."""
        if column in self.spec.field_names:
            return self.spec.field(column).type
        dtype = self.base[column].dtype if column in self.base else None
        for type_, test in (("bool", pd.api.types.is_bool_dtype),
                            ("int", pd.api.types.is_integer_dtype),
                            ("float", pd.api.types.is_float_dtype),
                            ("str", pd.api.types.is_string_dtype)):
            if dtype is not None and test(dtype):
                return type_
        return None

    def damaged(self, row: int, reason: str) -> None:
        _damaged(self.path, EDITS_TABLE, row, reason)


def _layer_edits(reader: _Reader, rows: pd.DataFrame) -> LayerEdits:
    changes, changed = _features(reader, rows[rows["action"] == "modify"])
    return LayerEdits(
        added=_features(reader, rows[rows["action"] == "add"])[0],
        deleted=rows.loc[rows["action"] == "delete", "fid"].tolist(),
        modified=changes, changed=changed)


def _features(reader: _Reader, rows: pd.DataFrame
              ) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Rows as features indexed by fid, values typed like the layer's, and
    which cells (properties held, geometry given) each row sets."""
    records = [_json_object(reader, text, row) for text, row in
               zip(rows["properties"], rows["row"], strict=True)]
    index = pd.Index(rows["fid"].to_numpy("int64"), name="fid")
    table = pd.DataFrame.from_records(records, index=index) \
        if records else pd.DataFrame(index=index)
    base = reader.base
    table = table[[c for c in base.columns if c in table] +
                  [c for c in table if c not in base.columns]]
    held = pd.DataFrame([dict.fromkeys(r, True) for r in records],
                        index=index, columns=table.columns).notna()
    for column in table.columns:
        table[column] = _typed(reader, table[column], rows["row"])
    geometry = base.geometry.name
    held[geometry] = rows["geometry"].notna().to_numpy()
    return gpd.GeoDataFrame(table, geometry=gpd.GeoSeries(
        rows["geometry"].to_numpy(), index=index, name=geometry),
        crs=base.crs), held


def _json_object(reader: _Reader, text: object, row: int) -> dict:
    try:
        value = {} if pd.isna(text) else json.loads(text)
    except (TypeError, ValueError, RecursionError) as exc:
        reader.damaged(row, tr("properties are not JSON: {error}").format(
            error=exc))
    if not isinstance(value, dict):
        reader.damaged(row, tr("properties are not a JSON object"))
    return value


def _typed(reader: _Reader, values: pd.Series, rows: pd.Series) -> pd.Series:
    type_ = reader.field_type(str(values.name))
    if type_ is None:
        return values
    typed, bad = coerce(values, type_)
    if bad.any():
        reader.damaged(int(rows[bad.to_numpy()].iloc[0]),
                       f"'{values.name}' {reason_text('unreadable', type_)}")
    return typed


def _damaged(path: Path, table: str, row: int, reason: object) -> None:
    fix = tr(_FIX).format(scenarios=SCENARIOS_TABLE, edits=EDITS_TABLE)
    message = tr("{path}: row {row} of the table '{table}' is damaged "
                 "({reason}). {fix}") if row else \
        tr("{path}: the table '{table}' is damaged ({reason}). {fix}")
    raise PlannerError(message.format(path=path, row=row, table=table,
                                      reason=reason, fix=fix)) from None
