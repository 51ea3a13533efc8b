"""What a plan file holds, as PlannerDesk last read or wrote it.

A save compares the plan with this record and writes only the difference
(:func:`plannerdesk.model.scenario_edits.diff` gives the per-feature
changes), the way QGIS's edit buffer commits only what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd


@dataclass(frozen=True)
class StoredTable:
    """The rows of one of PlannerDesk's attribute tables.

    ``columns`` are (name, SQL type) pairs, each row a tuple in their order.
    With a ``key`` column, a write updates or adds the rows by key and keeps
    the file's other rows; without one, the rows replace the table's.
    """

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: tuple[tuple, ...]
    key: str | None = None


@dataclass
class SavedState:
    """One file's content in PlannerDesk's terms.

    ``layers`` are the existing layout's layers as the file holds them, in
    the plan's CRS (None where the file has no such table); ``tables`` the
    attribute tables PlannerDesk writes, by name; ``reprojected`` the layers
    stored in another CRS, whose geometries the next save rewrites;
    ``identity`` the file's (device, inode), so a file another program put
    in its place is not taken for it.

    The layers are the plan's own frames of that moment: like every frame a
    plan hands out they are replaced by edits, never changed in place, so a
    layer the plan still holds as the same object is unchanged, and so is
    a geometry that is still the same object.
    """

    layers: dict[str, gpd.GeoDataFrame | None]
    tables: dict[str, StoredTable] = field(default_factory=dict)
    reprojected: frozenset[str] = frozenset()
    identity: tuple[int, int] | None = None
