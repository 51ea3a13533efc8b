"""Steps of an evaluation kept for the next one: after an edit, only the
steps whose inputs changed run again.

A step's inputs are the plan's layers (the same objects: an edit replaces
the layers it changes, see :meth:`Plan.replace_layer`), other steps'
outputs (the same objects), and numbers, number arrays, settings and
geometries (equal). A step that
gets the same inputs returns the output it gave last time, so the
evaluation after an edit gives what a fresh one would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import shapely

T = TypeVar("T")


class Memo:
    """The latest output of each named step, with its inputs."""

    def __init__(self) -> None:
        self._steps: dict[str, tuple[tuple, Any]] = {}
        self.ran: list[str] = []  # the steps the latest evaluation ran

    def step(self, name: str, inputs: tuple, compute: Callable[[], T]) -> T:
        """``compute()``, or its last output when ``inputs`` are the same."""
        kept = self._steps.get(name)
        if kept is not None and _same(kept[0], inputs):
            return kept[1]
        out = compute()
        self._steps[name] = (inputs, out)
        self.ran.append(name)
        return out


    def before(self, name: str, inputs: tuple) -> Any:
        """The last output of step ``name`` if it was computed from
        ``inputs`` (the ones a feature-by-feature step cannot take
        apart), else None: such a step reuses the rows of the features
        an edit left alone."""
        kept = self._steps.get(name)
        if kept is None or len(kept[0]) < len(inputs) or \
                not _same(kept[0][:len(inputs)], inputs):
            return None
        return kept[1]


def _same(old: tuple, new: tuple) -> bool:
    return len(old) == len(new) and all(
        _same_input(a, b) for a, b in zip(old, new, strict=True))


def _same_input(a: Any, b: Any) -> bool:
    """Frames and object arrays are the same object; number arrays and
    geometries are equal value for value; anything else compares equal
    (settings) or, holding arrays, is the same object (other steps'
    outputs)."""
    if a is b:
        return True
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and \
            a.dtype != object and b.dtype != object:
        return a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, (pd.DataFrame, pd.Series, np.ndarray)) or \
            isinstance(b, (pd.DataFrame, pd.Series, np.ndarray)):
        return False
    if isinstance(a, shapely.Geometry) and isinstance(b, shapely.Geometry):
        return bool(shapely.equals_exact(a, b, tolerance=0))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return _same(a, b)
    if type(a) is not type(b):
        return False
    try:  # a step's output holding arrays is the same object or not
        return bool(a == b)
    except (ValueError, TypeError):
        return False
