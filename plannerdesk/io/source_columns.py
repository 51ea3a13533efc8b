"""Matching a source's columns to a layer's fields.

Columns named like a field (in any case) fill it; ``--map`` names others.
A column that is not used but is one slip away from a field no column
fills (``flors``, ``Capacity_``, ``no_of_floors``) gets a "did you mean",
and a field the source lacks says which default every feature takes.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd

from ..model.language import tr
from ..model.problems import Problem, UsageError
from ..model.schema import LayerSpec

REFUSED_REASON = "refused_reason"
"""The column ``--skip-invalid`` adds to the features it refuses; an import
of that file leaves it out, so a fixed file imports like any source."""


def map_fields(frame: gpd.GeoDataFrame, spec: LayerSpec,
               mapping: dict[str, str], source: Path) -> gpd.GeoDataFrame:
    """``frame`` with its columns renamed to the fields they fill."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for target, column in mapping.items():
        if target not in spec.field_names:
            raise UsageError(tr(
                "--map {field}={column}: '{layer}' has no field '{field}'. "
                "Fix: use one of {fields}").format(
                    field=target, column=column, layer=spec.name,
                    fields=", ".join(spec.field_names)))
        if column not in columns:
            raise UsageError(tr(
                "--map {field}={column}: {name} has no column '{column}'. "
                "Fix: use one of {columns}").format(
                    field=target, column=column, name=source.name,
                    columns=", ".join(columns)))
    renames = {"fid": "source_fid"} if "fid" in columns else {}
    lower = {c.lower(): c for c in columns}
    for name in spec.field_names:
        own = lower.get(name)
        if name in mapping:
            if own is not None and own != mapping[name]:
                renames[own] = f"{own}_source"
            renames[mapping[name]] = name
        elif own is not None and own != name:
            renames[own] = name
    frame = frame.drop(columns=[c for c in columns if c == REFUSED_REASON])
    frame = frame.rename(columns=renames)
    return frame.rename_geometry("geometry") \
        if frame.geometry.name != "geometry" else frame


def unfilled_fields(frame: gpd.GeoDataFrame, spec: LayerSpec,
                    source: Path) -> list[Problem]:
    """For each field no column fills: a warning naming a column that looks
    like it, and a note of the default every feature then takes."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    unused = [c for c in columns if c not in spec.field_names]
    problems = []
    for field in spec.fields:
        if field.name in columns:
            continue
        for column in unused:
            if looks_like(column, field.name):
                problems.append(Problem(
                    "warning", tr("column '{column}' looks like the field "
                                  "'{field}', which no column fills").format(
                                      column=column, field=field.name),
                    tr("if it holds {field}, import again with --map "
                       "{field}={column}").format(field=field.name,
                                                  column=column),
                    source.name, spec.name))
        if field.default is not None and len(frame):
            default = field.default
            default = f"{default:g}" if isinstance(default, float) else \
                str(default).lower() if isinstance(default, bool) else default
            problems.append(Problem(
                "info", tr("'{field}' is not in {name}: all {count} features "
                           "take the default {default}").format(
                               field=field.name, name=source.name,
                               count=len(frame), default=default),
                layer=spec.name))
    return problems


def looks_like(column: str, field: str) -> bool:
    """True when ``column`` is ``field`` but for case, separators or one
    slip (a letter missing, extra, wrong or swapped), or holds it as a
    word (``no_of_floors``)."""
    words = [w for w in re.split(r"[^0-9a-z]+", column.lower()) if w]
    joined, wanted = "".join(words), field.replace("_", "")
    field_words = field.split("_")
    return joined == wanted or (len(wanted) >= 4 and
                                _one_slip(joined, wanted)) or any(
        words[i:i + len(field_words)] == field_words
        for i in range(len(words)))


def _one_slip(a: str, b: str) -> bool:
    """At most one letter added, dropped, replaced or two swapped."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    return a[1:] == b[1:] or a[1:] == b or a == b[1:] or (
        a[:2] == b[:2][::-1] and a[2:] == b[2:])
