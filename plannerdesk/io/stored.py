"""PlannerDesk's own attribute tables read back, and their values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
from pyogrio.errors import DataLayerError, DataSourceError

from ..model.language import tr
from ..model.problems import PlannerError


def read_table(path: Path, table: str) -> pd.DataFrame:
    """The rows of attribute table ``table`` of the plan at ``path``;
    text that is not UTF-8, or a table GDAL cannot read, is a PlannerError
    naming the table and the fix."""
    try:
        return pyogrio.read_dataframe(path, layer=table)
    except UnicodeDecodeError as exc:
        reason = tr("some text is not UTF-8 (the byte {byte:#x})").format(
            byte=exc.object[exc.start])
    except (DataSourceError, DataLayerError) as exc:
        reason = str(exc).strip() or type(exc).__name__
    raise PlannerError(tr(
        "{path}: the table '{table}' cannot be read: {reason}. Fix: correct "
        "that table (e.g. in QGIS's DB Manager or sqlite3), or delete it; "
        "the plan's layers are unaffected").format(
            path=path, table=table, reason=reason)) from None


def flag(value: object, name: str) -> bool:
    """A true/false column value (GeoPackage may give 0 / 1); a ValueError
    naming the column ``name`` otherwise."""
    if isinstance(value, (bool, np.bool_)) or value in (0, 1):
        return bool(value)
    raise ValueError(tr("{name} must be true or false, not {value!r}")
                     .format(name=name, value=value))
