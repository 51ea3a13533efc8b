"""Typed columns: coercing attribute values to a field's type.

Every plan column has a pandas dtype that survives a GeoPackage round trip:
``str`` text, nullable ``Int64`` integers, ``float64`` and nullable
``boolean``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .schema import FieldType

DTYPES: dict[FieldType, str] = {
    "str": "str", "int": "Int64", "float": "float64", "bool": "boolean",
}
_TRUE = {"1", "true", "t", "yes", "y"}
_FALSE = {"0", "false", "f", "no", "n"}


def coerce(values: pd.Series, type_: FieldType) -> tuple[pd.Series, pd.Series]:
    """``values`` as ``type_`` and a mask of the values that could not be read.

    Missing values stay missing and are not counted as unreadable.
    """
    missing = values.isna() | (values.astype("str").str.strip() == "")
    if type_ == "str":
        out = values.where(~missing).astype("str")
        return out, pd.Series(False, index=values.index)
    if type_ == "bool":
        out = values.map(_to_bool).astype("boolean")
    else:
        out = pd.to_numeric(values.where(~missing, np.nan), errors="coerce")
        if type_ == "int":
            fractional = out.notna() & (out.round() != out)
            out = out.where(~fractional).round().astype("Int64")
        else:
            out = out.astype("float64")
    bad = out.isna().to_numpy() & ~missing.to_numpy()
    return out, pd.Series(bad, index=values.index)


def parse_value(text: str, type_: FieldType):
    """A single value typed on the command line; ValueError if unreadable."""
    series, bad = coerce(pd.Series([text]), type_)
    if bad.iloc[0] or series.isna().iloc[0]:
        raise ValueError(f"'{text}' is not a valid {type_} value")
    value = series.iloc[0]
    return value.item() if hasattr(value, "item") else value


def empty_column(type_: FieldType, index: pd.Index) -> pd.Series:
    """A column of missing values of ``type_``."""
    return pd.Series(pd.NA if type_ != "float" else np.nan,
                     index=index).astype(DTYPES[type_])


def _to_bool(value) -> bool | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        if np.isnan(value):
            return None
        return bool(value) if value in (0, 1) else None
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None
