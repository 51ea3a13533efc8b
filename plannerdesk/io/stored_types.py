"""Cells of a GeoPackage table whose stored value breaks its column's type.

SQLite lets any cell hold any value, so a planner who types ``lots`` into
an INTEGER column in QGIS or sqlite3 stores the text. GDAL then reads that
cell as 0 (a BOOLEAN one as false) without a word, so the number would
silently change; these checks read the raw cells, read-only, and turn each
into an error naming the file, table, feature and fix.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

import pandas as pd

from ..model.language import N_, tr
from ..model.problems import PlannerError, Problem
from ..model.validation import feature_label

_INTEGER = {"INTEGER", "INT", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT"}
_REAL = {"REAL", "FLOAT", "DOUBLE"}
# Declared type -> (SQL condition of a cell that breaks it, the type in
# words (translated where shown), what GDAL reads instead).
_RULES = {
    "integer": ("typeof({c}) NOT IN ('integer', 'null')",
                N_("a whole number"), "0"),
    "boolean": ("typeof({c}) NOT IN ('integer', 'null') OR {c} NOT IN (0, 1)",
                N_("true or false"), "false"),
    "real": ("typeof({c}) NOT IN ('integer', 'real', 'null')",
             N_("a number"), "0"),
}


def mistyped_cells(path: str | Path, table: str, columns: Iterable[str], *,
                   source: str | None = None) -> list[Problem]:
    """An error for each cell of ``columns`` in ``table`` of the GeoPackage
    at ``path`` that holds something other than its declared INTEGER,
    BOOLEAN or REAL type allows (text, a fraction in an INTEGER column, a
    BOOLEAN other than 0 / 1). Columns of other types, and names the table
    lacks, are skipped. ``source`` names the file in the messages (default:
    its name). A file SQLite cannot read raises a PlannerError."""
    path = Path(path)
    source = path.name if source is None else source
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro",
                                     uri=True)) as db:
            info = db.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
            declared = {row[1]: _kind(row[2]) for row in info}
            keys = [row[1] for row in info if row[5]]
            fid = _quote(keys[0]) if len(keys) == 1 else "rowid"
            name = ", name" if "name" in declared else ", NULL"
            problems = []
            for column in dict.fromkeys(columns):
                kind = declared.get(column)
                if kind is None:
                    continue
                where, words, read_as = _RULES[kind]
                rows = db.execute(
                    f"SELECT {fid}, {_quote(column)}{name} FROM "
                    f"{_quote(table)} WHERE "
                    + where.format(c=_quote(column))).fetchall()
                problems += _problems(rows, column, words, read_as, source,
                                      table)
            return problems
    except sqlite3.Error as exc:
        raise PlannerError(tr(
            "{path}: the table '{table}' cannot be read ({error}). Fix: "
            "check that the file is a GeoPackage and not damaged").format(
                path=path, table=table, error=exc)) from None


def _kind(declared: str) -> str | None:
    """'integer', 'boolean', 'real' or None for a declared column type
    such as ``INTEGER``, ``MEDIUMINT`` or ``DOUBLE(10)``."""
    base = re.sub(r"\(.*\)", "", declared or "").strip().upper()
    if base in _INTEGER:
        return "integer"
    if base == "BOOLEAN":
        return "boolean"
    return "real" if base in _REAL else None


def _problems(rows: list[tuple], column: str, words: str, read_as: str,
              source: str, table: str) -> list[Problem]:
    cells = pd.DataFrame(rows, columns=["fid", "value", "name"]) \
        .set_index("fid")
    return [Problem(
        "error", tr("'{column}' holds {value}, not {words} as its column "
                    "requires (GDAL and QGIS would read it as {read_as})")
        .format(column=column, value=_shown(value), words=tr(words),
                read_as=read_as),
        _fix(value, column, words), source, table, feature_label(cells, fid),
        row=fid)
        for fid, value in cells["value"].items()]


def _fix(value: object, column: str, words: str) -> str:
    """``words`` is English (from _RULES)."""
    if isinstance(value, float) and words == "a whole number":
        return tr("enter {words} in '{column}', or clear the cell, e.g. in "
                  "QGIS's attribute table (where fractions belong, as in "
                  "floors, make the column a decimal one instead: QGIS's "
                  "Refactor fields, type Decimal)").format(
                      words=tr(words), column=column)
    return tr("enter {words} in '{column}', or clear the cell, e.g. in "
              "QGIS's attribute table").format(words=tr(words),
                                               column=column)


def _shown(value: object) -> str:
    if isinstance(value, bytes):
        return tr("binary data ({count} bytes)").format(count=len(value))
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
