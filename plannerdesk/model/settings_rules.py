"""What every evaluator setting may hold: its type and valid range.

One set of rules serves the settings read from a plan file
(:meth:`plannerdesk.model.settings.Settings.from_dict`) and the values typed
in the settings dialog (:func:`plannerdesk.model.settings.with_parameter`),
so a value one accepts the other never refuses, and the evaluators never
meet a radius of ``'far'`` or a negative walk weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple

from . import standards as std
from .language import tr


class Invalid(NamedTuple):
    """A setting that breaks its rule (``must`` and ``wanted`` in the
    current language)."""

    path: str      # its key path, e.g. ``coverage.radii_m.cafe``
    value: Any     # the value found
    must: str      # what it must be, e.g. ``more than 0``
    wanted: str    # what to enter instead, e.g. ``a number more than 0``


@dataclass(frozen=True)
class Number:
    """A finite number from ``low`` (excluded when ``open_low``) to ``high``."""

    low: float = 0.0
    high: float = math.inf
    open_low: bool = True

    @property
    def range(self) -> str:
        if self.high < math.inf:
            text = tr("more than {low:g} and at most {high:g}") \
                if self.open_low else \
                tr("{low:g} or more and at most {high:g}")
        else:
            text = tr("more than {low:g}") if self.open_low else \
                tr("{low:g} or more")
        return text.format(low=self.low, high=self.high)

    @property
    def expected(self) -> str:
        return tr("a number {range}").format(range=self.range)

    def invalid(self, value: Any, path: str) -> Invalid | None:
        number = isinstance(value, (int, float)) and \
            not isinstance(value, bool) and math.isfinite(value)
        if not number:
            return Invalid(path, value, self.expected, self.expected)
        if value > self.high or value < self.low or (
                self.open_low and value == self.low):
            return Invalid(path, value, self.range, self.expected)
        return None


@dataclass(frozen=True)
class Choice:
    """One of a few words."""

    words: tuple[str, ...]

    @property
    def expected(self) -> str:
        return either(self.words)

    def invalid(self, value: Any, path: str) -> Invalid | None:
        return None if value in self.words and isinstance(value, str) else \
            Invalid(path, value, self.expected, self.expected)


@dataclass(frozen=True)
class Flag:
    """true or false."""

    @property
    def expected(self) -> str:
        return tr("true or false")

    def invalid(self, value: Any, path: str) -> Invalid | None:
        return None if isinstance(value, bool) else \
            Invalid(path, value, self.expected, self.expected)


@dataclass(frozen=True)
class Names:
    """A list of names (targets, kinds)."""

    @property
    def expected(self) -> str:
        return tr("a list of names")

    def invalid(self, value: Any, path: str) -> Invalid | None:
        ok = isinstance(value, list) and all(
            isinstance(v, str) and v.strip() for v in value)
        return None if ok else Invalid(path, value, self.expected,
                                       self.expected)


@dataclass(frozen=True)
class Numbers:
    """A list of ``length`` (or at least one) numbers, each ``item``."""

    item: Number
    length: int | None = None
    descending: bool = False

    @property
    def expected(self) -> str:
        if self.length:
            text = tr("a list of {count} numbers, each {range}, highest "
                      "first") if self.descending else \
                tr("a list of {count} numbers, each {range}")
        else:
            text = tr("a list of one or more numbers, each {range}, "
                      "highest first") if self.descending else \
                tr("a list of one or more numbers, each {range}")
        return text.format(count=self.length, range=self.item.range)

    def invalid(self, value: Any, path: str) -> Invalid | None:
        if not isinstance(value, list) or not value or (
                self.length and len(value) != self.length):
            return Invalid(path, value, self.expected, self.expected)
        for i, item in enumerate(value):
            found = self.item.invalid(item, f"{path}[{i}]")
            if found:
                return found
        if self.descending and value != sorted(value, reverse=True):
            return Invalid(path, value, self.expected, self.expected)
        return None


@dataclass(frozen=True)
class Table:
    """An object whose keys are names and whose values are each ``item``."""

    item: Any
    min_len: int = 0

    @property
    def expected(self) -> str:
        text = tr("a non-empty object of name: value pairs, each value "
                  "{item}") if self.min_len else \
            tr("an object of name: value pairs, each value {item}")
        return text.format(item=self.item.expected)

    def invalid(self, value: Any, path: str) -> Invalid | None:
        if not isinstance(value, dict) or len(value) < self.min_len:
            return Invalid(path, value, self.expected, self.expected)
        for key, item in value.items():
            found = self.item.invalid(item, f"{path}.{key}")
            if found:
                return found
        return None


POSITIVE = Number()
SHARE = Number(high=1.0)
WEIGHT = Number(open_low=False)
SHARE_OF_PEAK = Number(high=1.0, open_low=False)
COUNT = Number(low=1.0, open_low=False)

RULES: dict[str, dict[str, Any]] = {
    "coverage": {"method": Choice(("network", "straight")),
                 "cell_m": POSITIVE, "max_cells": COUNT,
                 "candidate_spacing_m": POSITIVE,
                 "radii_m": Table(POSITIVE), "groups": Table(Names()),
                 "group_min_share": SHARE},
    "walk": {
        **{key: POSITIVE for key in (
            "speed_m_per_min", "decay_full_m", "decay_zero_m",
            "ped_shed_radius_m", "intersection_density_min",
            "intersection_density_good", "block_length_good_m",
            "block_length_poor_m", "directness_max", "snap_tolerance_m",
            "tie_tolerance_m", "island_max_nodes", "island_max_length_m",
            "directness_ring_min_m", "directness_ring_max_m",
            "score_change_step")},
        "form_samples_per_zone": COUNT, "form_max_samples": COUNT,
        "syntax_radii_m": Numbers(POSITIVE),
        "ped_shed_good": SHARE,
        "weights": Table(Numbers(WEIGHT), min_len=1),
        "category_targets": Table(Names()),
        "bands": Numbers(Number(high=100.0, open_low=False), length=4,
                         descending=True),
    },
    "parking": {
        "demand_basis": Choice(("gfa", "employees")),
        "rates_per_100m2": Table(WEIGHT),
        **{key: POSITIVE for key in (
            "spaces_per_employee", "m2_per_employee", "walk_limit_m",
            "visitor_walk_m", "search_walk_m", "m2_per_space_surface",
            "m2_per_space_garage")},
        "target_occupancy": SHARE, "surplus_use": SHARE,
        "offer_idle_min": WEIGHT,
        "use_profiles": Flag(),
        "profiles": Table(Table(SHARE_OF_PEAK, min_len=1)),
        "hours": Table(Table(Numbers(SHARE_OF_PEAK, length=24), min_len=1),
                       min_len=1),
        "hour_family": Table(Choice(tuple(std.PARKING_HOURS.value))),
    },
    "exchange": {"walk_minutes": POSITIVE, "targets": Names(),
                 "encounter_minutes": POSITIVE,
                 "encounter_decay_m": POSITIVE},
}


def invalid_setting(data: Any) -> Invalid | None:
    """The first setting of ``data`` (stored settings JSON: sections of
    key: value) that breaks its rule, or None when all are valid. Keys
    PlannerDesk does not know are left alone; missing ones take defaults."""
    if not isinstance(data, dict):
        sections = tr("an object of sections (coverage, walk, parking, "
                      "exchange)")
        return Invalid("", data, sections, sections)
    for section, rules in RULES.items():
        if section not in data:
            continue
        values = data[section]
        if not isinstance(values, dict):
            pairs = tr("an object of key: value pairs")
            return Invalid(section, values, pairs, pairs)
        for key, rule in rules.items():
            if key in values:
                found = rule.invalid(values[key], f"{section}.{key}")
                if found:
                    return found
    return _unordered(data, "decay_full_m", "decay_zero_m") or \
        _unordered(data, "directness_ring_min_m", "directness_ring_max_m")


def _unordered(data: dict, low: str, high: str) -> Invalid | None:
    """The walk setting ``high`` when it is not more than ``low``."""
    walk = data.get("walk", {})
    lower, upper = walk.get(low), walk.get(high)
    if lower is not None and upper is not None and not upper > lower:
        return Invalid(f"walk.{high}", upper,
                       tr("more than {setting} ({value:g})").format(
                           setting=f"walk.{low}", value=lower),
                       tr("a number more than {value:g}").format(
                           value=lower))
    return None


def either(words: tuple[str, ...] | list[str]) -> str:
    """``a``, ``a or b``, ``a or b or c``: ``words`` as given (such as
    values to type) joined by "or" in the current language."""
    text = words[0] if words else ""
    for word in words[1:]:
        text = tr("{first} or {last}").format(first=text, last=word)
    return text


def rule_at(path: str) -> Any:
    """The rule of the setting at ``path`` (e.g. ``coverage.radii_m.cafe``)."""
    section, key, *rest = path.split(".")
    rule = RULES[section][key]
    for _ in rest:
        rule = rule.item
    return rule


def expected(path: str) -> str:
    """What to enter for the setting at ``path``, in words."""
    return rule_at(path).expected
