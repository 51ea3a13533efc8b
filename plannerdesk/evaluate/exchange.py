"""Innovation exchange: how close innovation subjects are to the spaces where
informal exchange happens, and to each other.

For each building with an innovation subject (enterprise, university,
research institute, government service, intermediary, finance): the walk
to the nearest exchange space (squares, waterfront trails, cafes, book
bars, meeting rooms and lecture halls, per the source studies of
innovation clusters), the number of distinct subject types (its own
included) within a ``walk_minutes`` walk, and the walk between university
and enterprise buildings (each to the nearest of the other).

Exchange spaces not open to the public (``open`` false: a company's
meeting room, a members' book bar) still host exchange, so they count
here, unlike in coverage and walk scores; the walks to open and to
non-open exchange spaces are also reported apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..model.schema import SUBJECTS
from ..model.settings import ExchangeSettings, WalkSettings
from .context import Context
from .shape import SITE_ROW, ZoneTable

SUBJECT_TYPES = tuple(s for s in SUBJECTS if s != "none")
ZONE_COLUMNS = ["zone", "subjects", "mean_walk_to_exchange_m",
                "share_exchange_within_limit",
                "share_open_exchange_within_limit",
                "share_non_open_exchange_within_limit",
                "mean_subject_types_nearby", "median_university_enterprise_m"]


@dataclass(frozen=True)
class ExchangeResult(ZoneTable):
    """Per subject building, per zone and site summaries."""

    buildings: pd.DataFrame   # subject buildings only
    zones: pd.DataFrame       # ZONE_COLUMNS, with a '(site)' row first
    limit_m: float


@dataclass(frozen=True)
class SubjectReach:
    """Per building, how many subject types are within the walk limit and
    the walk between university and enterprise buildings: what depends on
    the subjects' buildings alone, not on the exchange spaces."""

    types_near: np.ndarray
    university_enterprise_m: np.ndarray


def subject_reach(ctx: Context, *, exchange: ExchangeSettings,
                  walk: WalkSettings) -> SubjectReach:
    """Subject types near each building, and university-enterprise walks."""
    limit = exchange.walk_minutes * walk.speed_m_per_min
    subject = ctx.buildings["subject"].fillna("none").to_numpy()
    node = ctx.building_node
    types_near = np.zeros(len(node), int)
    for kind in SUBJECT_TYPES:
        of_kind = node[subject == kind]
        if len(of_kind):
            types_near += ctx.nearest_walk(of_kind, limit=limit) <= limit
    uni_ent = np.full(len(node), np.nan)
    for kind, other in (("university", "enterprise"),
                        ("enterprise", "university")):
        mine, theirs = subject == kind, node[subject == other]
        if mine.any() and len(theirs):
            uni_ent[mine] = ctx.nearest_walk(theirs)[mine]
    return SubjectReach(types_near, uni_ent)


def exchange(ctx: Context, *, exchange: ExchangeSettings,
             walk: WalkSettings, subjects: SubjectReach | None = None
             ) -> ExchangeResult:
    """Exchange-space reach and subject mix for each subject building
    (``subjects``: :func:`subject_reach` of the same buildings, when
    known)."""
    limit = exchange.walk_minutes * walk.speed_m_per_min
    subject = ctx.buildings["subject"].fillna("none").to_numpy()
    is_subject = np.isin(subject, SUBJECT_TYPES)
    opened = _sources(ctx.targets, exchange.targets)
    closed = _sources(ctx.closed_targets.nodes, exchange.targets)
    to_open, to_non_open = ctx.nearest_walk(opened), ctx.nearest_walk(closed)
    to_space = np.minimum(to_open, to_non_open)
    subjects = subjects or subject_reach(ctx, exchange=exchange, walk=walk)
    types_near, uni_ent = subjects.types_near, \
        subjects.university_enterprise_m
    table = pd.DataFrame({
        "subject": subject, "zone": ctx.buildings["zone"].to_numpy(),
        "walk_to_exchange_m": _nan_inf(to_space),
        "walk_to_open_exchange_m": _nan_inf(to_open),
        "walk_to_non_open_exchange_m": _nan_inf(to_non_open),
        "subject_types_nearby": types_near,
        "walk_university_enterprise_m": _nan_inf(uni_ent)},
        index=ctx.buildings.index)[is_subject]
    kinds = {"": True, "open_": bool(len(opened)),
             "non_open_": bool(len(closed))}
    return ExchangeResult(table, _summaries(table, ctx, limit, kinds), limit)


def _sources(targets: dict[str, np.ndarray], names: list[str]) -> np.ndarray:
    found = [targets[t] for t in names if t in targets]
    return np.concatenate(found) if found else np.zeros(0, int)


def _nan_inf(values: np.ndarray) -> np.ndarray:
    return np.where(np.isfinite(values), values, np.nan)


def _summaries(table: pd.DataFrame, ctx: Context, limit: float,
               kinds: dict[str, bool]) -> pd.DataFrame:
    """Per zone and site; the share of subjects near an open, or a non-open,
    exchange space is None where the plan has none of that kind
    (``kinds``: '', 'open_', 'non_open_' to whether it has any)."""
    rows = []
    for zone in [SITE_ROW, *ctx.zones["name"]]:
        part = table if zone == SITE_ROW else table[table["zone"] == zone]
        walks = part["walk_to_exchange_m"]
        rows.append({
            "zone": zone, "subjects": len(part),
            "mean_walk_to_exchange_m": _stat(walks.mean()),
            **{f"share_{kind}exchange_within_limit":
               _stat((part[f"walk_to_{kind}exchange_m"] <= limit).mean())
               if len(part) and there else None
               for kind, there in kinds.items()},
            "mean_subject_types_nearby": _stat(
                part["subject_types_nearby"].mean()),
            "median_university_enterprise_m": _stat(
                part["walk_university_enterprise_m"].median())})
    return pd.DataFrame(rows, columns=ZONE_COLUMNS)


def _stat(value) -> float | None:
    return None if pd.isna(value) else float(value)
