"""What each result map shows, classified once for the app's overlays and
the report's maps, so both draw and name the same things.

Renderer-neutral: classes are integer arrays or boolean masks over the
results' rows, legends are (label, colour) pairs with colours as hex text
(:mod:`plannerdesk.model.symbology`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import shapely
from numpy.typing import ArrayLike

from ..model.language import N_, tr
from ..model.symbology import (
    ENCOUNTER_COLOURS,
    OCCUPANCY_CLASSES,
    SCORE_COLOURS,
    SYNTAX_COLOURS,
    idle_radius_m,
)

if TYPE_CHECKING:
    import pandas as pd

    from .parking_hours import ParkingHours
    from .run import Results

BAND_NAMES = (N_("walker's paradise"), N_("very walkable"),
              N_("somewhat walkable"), N_("car-dependent"),
              N_("almost all errands need a car"))
"""The bands' names, English: the results hold them (:func:`band_words`
shows one)."""
NO_SCORE = -1
"""The class of a building without a walk score: drawn in no band."""


@dataclass(frozen=True)
class Band:
    """One Walk Score band, e.g. 70-89 'very walkable' (``name`` in
    English, ``label`` in the current language)."""

    low: float
    high: float
    name: str
    colour: str

    @property
    def label(self) -> str:
        return f"{self.low:.0f}\u2013{self.high:.0f} " \
            f"{band_words(self.name)}"


def score_bands(bands: list[float]) -> list[Band]:
    """The bands of the ``walk.bands`` setting (lower bounds, best first),
    best first, with their colours."""
    lowers, uppers = [*bands, 0], [100] + [b - 1 for b in bands]
    return [Band(low, high, name, colour) for low, high, name, colour in
            zip(lowers, uppers, BAND_NAMES, SCORE_COLOURS, strict=False)]


def score_class(scores: ArrayLike, bands: list[float]) -> np.ndarray:
    """Each score's band (0 the best), :data:`NO_SCORE` where missing."""
    values = np.asarray(scores, dtype=float)
    index = (values[:, None] < np.asarray(bands, float)[None, :]).sum(axis=1)
    return np.where(np.isnan(values), NO_SCORE, index)


def band_words(name: str) -> str:
    """A band's name (one of :data:`BAND_NAMES`, or '') in the current
    language."""
    return tr(name) if name else ""


def band_name(score: float | None, bands: list[float]) -> str:
    """The band's name (English, as the results hold it: show it with
    :func:`band_words`), '' for a missing score."""
    if score is None:
        return ""
    index = int(score_class([score], bands)[0])
    return "" if index == NO_SCORE else BAND_NAMES[index]


def subjects_near(results: Results) -> np.ndarray:
    """Which subject buildings (rows of ``exchange.buildings``) are within
    the exchange walk; one with no walk at all is beyond it."""
    e = results.exchange
    return (e.buildings["walk_to_exchange_m"] <= e.limit_m).to_numpy()


def zones_flagged(results: Results, flag: str) -> np.ndarray:
    """The geometries of the zones with parking ``flag``."""
    table = results.parking.per_zone
    names = table.loc[table["flag"] == flag, "zone"]
    return results.context.zones.set_index("name").loc[names] \
        .geometry.to_numpy()


def idle_circles(results: Results) -> np.ndarray:
    """A circle at each lot growing with its idle spaces."""
    return shapely.buffer(results.context.lots["point"].to_numpy(),
                          idle_radius_m(results.parking.lots["idle"]
                                        .to_numpy()))


ENCOUNTER_NAMES = (N_("no subjects within the encounter walk"),
                   N_("low encounter potential"),
                   N_("medium encounter potential"),
                   N_("high encounter potential"))
"""The classes of exchange spaces by encounter potential (English)."""


def encounter_classes(potential: ArrayLike) -> np.ndarray:
    """Each space's class (an index of :data:`ENCOUNTER_NAMES`): none,
    then the lower, middle and upper third of the spaces with any."""
    values = np.asarray(potential, dtype=float)
    out = np.zeros(len(values), int)
    some = values > 0
    if some.any():
        low, high = np.quantile(values[some], [1 / 3, 2 / 3])
        out[some] = 1 + (values[some] > low) + (values[some] > high)
    return out


def encounter_legend() -> list[tuple[str, str]]:
    """(label, colour) of each class, in the current language."""
    return [(tr(name), colour) for name, colour in zip(
        ENCOUNTER_NAMES, ENCOUNTER_COLOURS, strict=True)]


SYNTAX_NAMES = (N_("least integrated fifth"), N_("second fifth"),
                N_("middle fifth"), N_("fourth fifth"),
                N_("most integrated fifth"))
"""The classes of street segments by angular integration (English)."""


def syntax_classes(values: ArrayLike) -> np.ndarray:
    """Each segment's fifth by value (0 the lowest; -1 for none)."""
    values = np.asarray(values, dtype=float)
    out = np.full(len(values), -1)
    known = np.isfinite(values)
    if known.any():
        edges = np.quantile(values[known], [0.2, 0.4, 0.6, 0.8])
        out[known] = np.searchsorted(edges, values[known], side="right")
    return out


def syntax_legend() -> list[tuple[str, str]]:
    """(label, colour) of each fifth, lowest first, in the current
    language."""
    return [(tr(name), colour) for name, colour in zip(
        SYNTAX_NAMES, SYNTAX_COLOURS, strict=True)]


def lots_full(hours: ParkingHours, day: str, hour: int,
              lots: pd.Index) -> np.ndarray:
    """Each of ``lots`` (feature ids) by how full it is at ``hour`` of
    ``day``: its :data:`OCCUPANCY_CLASSES` index (no capacity: empty)."""
    rows = hours.lot_hours[(hours.lot_hours["day"] == day)
                           & (hours.lot_hours["hour"] == hour)]
    rows = rows.set_index("lot").reindex(lots)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = (rows["used"] / rows["capacity"]).fillna(0).to_numpy()
    return np.array([next(i for i, (below, *_) in enumerate(
        OCCUPANCY_CLASSES) if s < below) for s in share], dtype=int)


def zones_short(hours: ParkingHours, day: str, hour: int,
                zones: pd.Series) -> np.ndarray:
    """Which of ``zones`` (names) are short of parking at ``hour``."""
    from .parking_hours import LEAST_UNMET  # light for the app's start

    unmet = hours.at(day, hour).set_index("zone")["unmet"]
    return zones.map(unmet).fillna(0).to_numpy() >= LEAST_UNMET
