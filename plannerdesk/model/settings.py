"""The plan's settings: one typed object holding every evaluator parameter.

Defaults and their sources are in :mod:`plannerdesk.model.standards`. The
settings travel inside the plan file as JSON, one row per section.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any, NoReturn

from . import standards as std
from .language import N_, tr
from .problems import PlannerError
from .settings_rules import Invalid, expected, invalid_setting

SCHEMA_VERSION = 1
RESET = N_("delete the row 'settings' of the table 'plannerdesk_settings' "
           "(e.g. in QGIS's DB Manager or sqlite3)")
"""How to return a plan's settings to the defaults (an English key,
translated by :meth:`Settings.from_dict`)."""


def _values(table: dict[str, std.Standard]) -> dict[str, Any]:
    return {key: copy.deepcopy(s.value) for key, s in table.items()}


def _default(standard: std.Standard):
    return field(default_factory=lambda: copy.deepcopy(standard.value))


@dataclass
class CoverageSettings:
    """Service radius per target (facility category, space kind or group),
    the cells sampling the site, and the groups of facilities a district
    offers (lacking below ``group_min_share`` of employees covered)."""

    method: str = std.COVERAGE["method"].value
    cell_m: float = std.COVERAGE["cell_m"].value
    max_cells: float = std.COVERAGE["max_cells"].value
    radii_m: dict[str, float] = field(
        default_factory=lambda: _values(std.COVERAGE_RADII))
    groups: dict[str, list[str]] = _default(std.FACILITY_GROUPS)
    group_min_share: float = std.COVERAGE["group_min_share"].value
    candidate_spacing_m: float = std.COVERAGE["candidate_spacing_m"].value


@dataclass
class WalkSettings:
    """Walking speed, Walk Score decay, weights, network-form thresholds
    and what makes a walkway island."""

    speed_m_per_min: float = std.WALK["speed_m_per_min"].value
    decay_full_m: float = std.WALK["decay_full_m"].value
    decay_zero_m: float = std.WALK["decay_zero_m"].value
    ped_shed_radius_m: float = std.WALK["ped_shed_radius_m"].value
    ped_shed_good: float = std.WALK["ped_shed_good"].value
    intersection_density_min: float = std.WALK["intersection_density_min"].value
    intersection_density_good: float = std.WALK[
        "intersection_density_good"].value
    block_length_good_m: float = std.WALK["block_length_good_m"].value
    block_length_poor_m: float = std.WALK["block_length_poor_m"].value
    directness_max: float = std.WALK["directness_max"].value
    snap_tolerance_m: float = std.WALK["snap_tolerance_m"].value
    tie_tolerance_m: float = std.WALK["tie_tolerance_m"].value
    island_max_nodes: float = std.WALK["island_max_nodes"].value
    island_max_length_m: float = std.WALK["island_max_length_m"].value
    form_samples_per_zone: float = std.WALK["form_samples_per_zone"].value
    form_max_samples: float = std.WALK["form_max_samples"].value
    directness_ring_min_m: float = std.WALK["directness_ring_min_m"].value
    directness_ring_max_m: float = std.WALK["directness_ring_max_m"].value
    score_change_step: float = std.WALK["score_change_step"].value
    syntax_radii_m: list[float] = _default(std.WALK["syntax_radii_m"])
    weights: dict[str, list[float]] = _default(std.WALK_WEIGHTS)
    category_targets: dict[str, list[str]] = _default(
        std.WALK_CATEGORY_TARGETS)
    bands: list[float] = _default(std.WALK_BANDS)


@dataclass
class ParkingSettings:
    """Demand rates, walk limits, occupancy target and time-of-day profiles."""

    demand_basis: str = std.PARKING["demand_basis"].value
    rates_per_100m2: dict[str, float] = field(
        default_factory=lambda: _values(std.PARKING_RATES))
    spaces_per_employee: float = std.PARKING["spaces_per_employee"].value
    m2_per_employee: float = std.PARKING["m2_per_employee"].value
    walk_limit_m: float = std.PARKING["walk_limit_m"].value
    visitor_walk_m: float = std.PARKING["visitor_walk_m"].value
    search_walk_m: float = std.PARKING["search_walk_m"].value
    target_occupancy: float = std.PARKING["target_occupancy"].value
    m2_per_space_surface: float = std.PARKING["m2_per_space_surface"].value
    m2_per_space_garage: float = std.PARKING["m2_per_space_garage"].value
    use_profiles: bool = std.PARKING["use_profiles"].value
    surplus_use: float = std.PARKING["surplus_use"].value
    offer_idle_min: float = std.PARKING["offer_idle_min"].value
    profiles: dict[str, dict[str, float]] = _default(std.PARKING_PROFILES)
    hours: dict[str, dict[str, list[float]]] = _default(std.PARKING_HOURS)
    hour_family: dict[str, str] = _default(std.PARKING_FAMILY)


@dataclass
class ExchangeSettings:
    """Walk time for 'nearby' subjects, the spaces where exchange happens,
    and how fast the chance of meeting there falls with the walk."""

    walk_minutes: float = std.EXCHANGE["walk_minutes"].value
    targets: list[str] = _default(std.EXCHANGE["targets"])
    encounter_minutes: float = std.EXCHANGE["encounter_minutes"].value
    encounter_decay_m: float = std.EXCHANGE["encounter_decay_m"].value


_SECTIONS = {"coverage": CoverageSettings, "walk": WalkSettings,
             "parking": ParkingSettings, "exchange": ExchangeSettings}


@dataclass
class Settings:
    """Every evaluator parameter of a plan, with the plan's schema version."""

    coverage: CoverageSettings = field(default_factory=CoverageSettings)
    walk: WalkSettings = field(default_factory=WalkSettings)
    parking: ParkingSettings = field(default_factory=ParkingSettings)
    exchange: ExchangeSettings = field(default_factory=ExchangeSettings)
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any, source: str = "", *,
                  reset: str | None = None) -> "Settings":
        """Settings from stored JSON; missing keys take their defaults.

        A value of the wrong type or out of its range (see
        :mod:`plannerdesk.model.settings_rules`) raises a PlannerError naming
        ``source``, the key path and the fix; ``reset`` (translated; by
        default :data:`RESET`) says how to return to the defaults instead.
        """
        reset = tr(RESET) if reset is None else reset
        version = data.get("schema_version", SCHEMA_VERSION) \
            if isinstance(data, dict) else SCHEMA_VERSION
        if not isinstance(version, int) or isinstance(version, bool) or \
                version < 1:
            whole = tr("a whole number, at most {version}").format(
                version=SCHEMA_VERSION)
            _refuse(source, Invalid("schema_version", version, whole, whole),
                    reset)
        if version > SCHEMA_VERSION:
            raise PlannerError(tr(
                "{source}: the plan was written by a newer PlannerDesk "
                "(settings schema {version}, this one reads up to "
                "{newest}). Fix: update PlannerDesk").format(
                    source=source, version=version, newest=SCHEMA_VERSION))
        found = invalid_setting(data)
        if found:
            _refuse(source, found, reset)
        settings = cls(**{name: _section(section_cls, data.get(name, {}))
                          for name, section_cls in _SECTIONS.items()},
                       schema_version=SCHEMA_VERSION)
        found = invalid_setting(settings.to_dict())
        if found:
            _refuse(source, found, reset)
        return settings


def _refuse(source: str, found: Invalid, reset: str) -> NoReturn:
    if found.path:
        text = tr("{source}: setting '{path}' is {value}, but must be "
                  "{must}. Fix: correct it to {wanted}, or {reset} to "
                  "return every setting to its default")
    else:
        text = tr("{source}: the stored settings are {value}, but must be "
                  "{must}. Fix: correct it to {wanted}, or {reset} to "
                  "return every setting to its default")
    raise PlannerError(text.format(
        source=source, path=found.path, value=_shown(found.value),
        must=found.must, wanted=found.wanted, reset=reset))


def _shown(value: Any) -> str:
    """A stored JSON value as the planner would read it: text in quotes,
    anything else as JSON (true, null, [1, 2])."""
    text = repr(value) if isinstance(value, str) else json.dumps(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _section(section_cls, data: dict[str, Any]):
    """A section from values :func:`invalid_setting` has checked."""
    default = section_cls()
    values = {f.name: float(data[f.name])
              if isinstance(getattr(default, f.name), float) else data[f.name]
              for f in fields(section_cls) if f.name in data}
    return section_cls(**values)


def _words(text: str) -> str:
    """A standard's unit or source in the current language ('' stays '')."""
    return tr(text) if text else ""


def parameter_table(settings: Settings) -> list[dict[str, Any]]:
    """Every scalar parameter with its value, unit, source and proposal flag.

    Used by the report's parameter table and the settings dialog; the unit
    and source are in the current language.
    """
    rows = []
    tables = {
        "coverage": std.COVERAGE,
        "coverage.radii_m": std.COVERAGE_RADII, "walk": std.WALK,
        "parking.rates_per_100m2": std.PARKING_RATES,
        "parking": std.PARKING, "exchange": std.EXCHANGE,
    }
    for prefix, table in tables.items():
        section, _, sub = prefix.partition(".")
        values = getattr(settings, section)
        values = getattr(values, sub) if sub else asdict(values)
        for key in values if sub else table:
            standard = table.get(key) or std.Standard(
                None, "", N_("planner's own"), True)
            if key in values:
                rows.append({"parameter": f"{prefix}.{key}",
                             "value": values[key],
                             "unit": _words(standard.unit),
                             "source": _words(standard.source),
                             "proposal": standard.proposal})
    return rows


def with_parameter(settings: Settings, name: str, text: str) -> Settings:
    """A copy of ``settings`` with parameter ``name`` (as listed by
    :func:`parameter_table`, e.g. ``walk.speed_m_per_min`` or
    ``coverage.radii_m.cafe``) set from ``text``; a PlannerError says why a
    value cannot be used."""
    out = copy.deepcopy(settings)
    *path, key = name.split(".")
    holder = out
    for part in path:
        holder = getattr(holder, part) if not isinstance(holder, dict) \
            else holder[part]
    current = holder[key] if isinstance(holder, dict) else \
        getattr(holder, key)
    value = _parse(name, text.strip(), current)
    if isinstance(holder, dict):
        holder[key] = value
    else:
        setattr(holder, key, value)
    return checked(out)


def checked(settings: Settings) -> Settings:
    """``settings`` when every value obeys its rule; else a PlannerError
    names the first that does not and what it must be."""
    found = invalid_setting(settings.to_dict())
    if found:
        raise PlannerError(tr("{path} must be {must}. Fix: enter {wanted} "
                              "for {path}").format(path=found.path,
                                                   must=found.must,
                                                   wanted=found.wanted))
    return settings


def _parse(name: str, text: str, current):
    """``text`` typed in the dialog as the type of ``current``; the range
    is checked afterwards, by the rules every setting obeys."""
    if isinstance(current, bool):
        if text.lower() not in ("true", "false", "yes", "no", "1", "0"):
            raise PlannerError(tr("'{text}' is not true or false. Fix: "
                                  "enter true or false for {name}").format(
                                      text=text, name=name))
        return text.lower() in ("true", "yes", "1")
    if isinstance(current, list):
        parts = [t.strip() for t in text.split(",") if t.strip()]
        if current and all(isinstance(v, (int, float)) for v in current):
            return [_parse(name, part, 0.0) for part in parts]
        return parts
    if isinstance(current, str):
        return text
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not math.isfinite(value):
        raise PlannerError(tr("'{text}' is not a number. Fix: enter "
                              "{wanted} for {name}").format(
                                  text=text, wanted=expected(name),
                                  name=name))
    return value
