"""Typed columns: coercing attribute values to a field's type.

Every plan column has a pandas dtype that survives a GeoPackage round trip:
``str`` text, nullable ``Int64`` integers, ``float64`` and nullable
``boolean``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .language import N_, tr
from .schema import FieldType

DTYPES: dict[FieldType, str] = {
    "str": "str", "int": "Int64", "float": "float64", "bool": "boolean",
}
INT_LIMIT = 2.0 ** 63
"""Whole numbers must fit in a 64-bit integer: their size stays below
2^63 (about 9.2e18), the most GeoPackage, GDAL and pandas can hold."""
WANTED: dict[FieldType, str] = {
    "str": N_("text"), "int": N_("a whole number"), "float": N_("a number"),
    "bool": N_("true or false")}
"""What a value of each type is, in words (English keys), for the fixes of
messages: :func:`wanted` gives them in the current language."""
_TRUE = {"1", "true", "t", "yes", "y"}
_FALSE = {"0", "false", "f", "no", "n"}


def coerce(values: pd.Series, type_: FieldType) -> tuple[pd.Series, pd.Series]:
    """``values`` as ``type_`` and a mask of the values that could not be read.

    Text that is no number, NaN, infinity, a fraction for a whole number and
    a whole number too large for 64 bits (see :data:`INT_LIMIT`) are all
    unreadable. Missing values stay missing and are not counted.
    """
    missing = values.isna() | _blank(values)
    if type_ == "str":
        out = values.where(~missing).astype("str")
        return out, pd.Series(False, index=values.index)
    if type_ == "bool":
        known = pd.unique(values.dropna())
        out = values.map(dict(zip(known, map(_to_bool, known),
                                  strict=True))).astype("boolean")
        bad = out.isna().to_numpy() & ~missing.to_numpy()
        return out, pd.Series(bad, index=values.index)
    numbers = pd.to_numeric(values.where(~missing, np.nan), errors="coerce")
    floats = numbers.astype("float64")
    readable = np.isfinite(floats.to_numpy())
    if type_ == "int" and pd.api.types.is_signed_integer_dtype(numbers):
        out = numbers.astype("Int64")  # whole and 64-bit already: exact
    elif type_ == "int":
        readable &= (floats.abs() < INT_LIMIT).to_numpy() & (
            floats.round() == floats).to_numpy()
        out = floats.where(readable).astype("Int64")
    else:
        out = floats.where(readable)
    return out, pd.Series(~readable & ~missing.to_numpy(), index=values.index)


def _blank(values: pd.Series) -> pd.Series:
    """Text of spaces only (judged once per distinct value)."""
    if pd.api.types.is_numeric_dtype(values) or \
            pd.api.types.is_bool_dtype(values):
        return pd.Series(False, index=values.index)
    blank = [v for v in pd.unique(values.dropna()) if not str(v).strip()]
    return values.isin(blank) if blank else pd.Series(False,
                                                      index=values.index)


def why_unreadable(values: pd.Series, type_: FieldType) -> pd.Series:
    """For values :func:`coerce` could not read, why: ``'not finite'``
    (NaN or infinite), ``'too large'`` (a whole number beyond 64 bits) or
    ``'unreadable'`` (text that is no ``type_``, or a fraction)."""
    if type_ not in ("int", "float"):
        return pd.Series("unreadable", index=values.index)
    floats = pd.to_numeric(values, errors="coerce").astype("float64")
    text = values.astype("str").str.strip().str.lower()
    not_finite = np.isinf(floats) | text.isin(("nan", "-nan", "+nan"))
    too_large = (type_ == "int") & (floats.abs() >= INT_LIMIT) & ~not_finite
    return pd.Series(np.select([not_finite, too_large],
                               ["not finite", "too large"], "unreadable"),
                     index=values.index)


def parse_value(text: str, type_: FieldType):
    """A single value typed on the command line; a ValueError says why it
    cannot be used."""
    series, bad = coerce(pd.Series([text]), type_)
    if bad.iloc[0] or series.isna().iloc[0]:
        reason = why_unreadable(pd.Series([text]), type_).iloc[0]
        raise ValueError(reason_text(reason, type_, f"'{text}'"))
    value = series.iloc[0]
    return value.item() if hasattr(value, "item") else value


REASONS = {
    "not finite": N_("{value} is not a finite number"),
    "too large": N_("{value} is too large for a whole number, which must "
                    "fit in a 64-bit integer (below 9.2e18)"),
    "unreadable": N_("{value} is not {wanted}"),
}
"""How a value is unreadable, in words, for ``parse_value`` and validation
(English keys: :func:`reason_text` translates them)."""


def wanted(type_: FieldType) -> str:
    """What a value of ``type_`` is, in the current language: 'a whole
    number'."""
    return tr(WANTED[type_])


def reason_text(reason: str, type_: FieldType, value: str = "") -> str:
    """:data:`REASONS` ``reason`` for ``value`` (as shown, e.g. in quotes)
    of ``type_``, in the current language: "'3.5' is not a whole number";
    without ``value``, what is said of it: 'is not a whole number'."""
    return tr(REASONS[reason]).format(value=value,
                                      wanted=wanted(type_)).strip()


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
