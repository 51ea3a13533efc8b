"""What one operation changed in a plan, down to the feature.

Views update only what a change names (the canvas the features' tiles, the
snapping index the features' outlines), as QGIS's layer signals name the
features added, deleted, moved or edited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def _fids(values: Iterable) -> frozenset[int]:
    return frozenset(int(v) for v in values)


@dataclass(frozen=True)
class Change:
    """Features of ``layer`` added, removed, moved (geometry changed) or
    edited (attributes changed). A change naming no feature is of the whole
    layer, or of a part of the plan that is not a layer (its settings, site
    maps or scenarios)."""

    layer: str
    added: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()
    moved: frozenset[int] = frozenset()
    edited: frozenset[int] = frozenset()

    @classmethod
    def of(cls, layer: str, *, added: Iterable = (), removed: Iterable = (),
           moved: Iterable = (), edited: Iterable = ()) -> Change:
        """A change from any iterables of fids (numpy or pandas ones too)."""
        return cls(layer, _fids(added), _fids(removed), _fids(moved),
                   _fids(edited))

    @property
    def whole(self) -> bool:
        """True when the change names no feature: all may have changed."""
        return not (self.added or self.removed or self.moved or self.edited)

    @property
    def fids(self) -> frozenset[int]:
        """Every feature the change names."""
        return self.added | self.removed | self.moved | self.edited

    @property
    def shapes(self) -> frozenset[int]:
        """The features whose geometry appeared, went or changed."""
        return self.added | self.removed | self.moved
