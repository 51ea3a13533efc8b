"""Network form, per zone and for the site.

* intersection density: street nodes where three or more links meet, per
  km2 (LEED ND 2009: >= 54 prerequisite, > 116 good);
* mean block length: street length / links, a link running between two
  nodes that are not simple bends (degree other than 2) (Ewing: <= 90 m
  desirable, >= 180 m poor);
* ped-shed ratio (Dill 2004): for sample buildings, the site cells reached
  within ``ped_shed_radius_m`` over the network / the cells within that
  radius in a straight line; mean over the samples;
* route directness (Stangl 2017): for the same samples, walk / straight
  distance to site cells 300-800 m away; mean over the pairs.

Samples are up to ``walk.form_samples_per_zone`` buildings per zone (and
``walk.form_max_samples`` in all), evenly spread; directness is measured
to cells ``walk.directness_ring_min_m`` to ``_max_m`` away.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from ..model.settings import WalkSettings
from ..network import walks
from .context import NO_ZONE, Context
from .shape import SITE_ROW, ZoneTable

ON_OUTLINE_M = 0.001
COLUMNS = ["zone", "area_km2", "intersections", "intersection_density_per_km2",
           "mean_block_length_m", "ped_shed_ratio", "route_directness"]


@dataclass(frozen=True)
class FormResult(ZoneTable):
    """The network's form per zone, the site's row first (COLUMNS)."""

    zones: pd.DataFrame


@dataclass(frozen=True)
class Origins:
    """Ped-shed ratio and route directness walking from sample buildings
    at ``xy`` (a sample's figures depend on its place alone)."""

    xy: np.ndarray
    shed: np.ndarray
    direct: np.ndarray


def origin_figures(ctx: Context, samples: np.ndarray, walk: WalkSettings,
                   before: Origins | None = None) -> Origins:
    """The figures of each sample building; those of samples at a place
    ``before`` holds are taken from it (its network's lines and cells must
    be those of ``ctx``)."""
    xy = shapely.get_coordinates(ctx.buildings["point"].to_numpy()[samples])
    shed = np.full(len(samples), np.nan)
    direct = np.full(len(samples), np.nan)
    fresh = np.ones(len(samples), bool)
    if before is not None and len(before.xy) and len(xy):
        match = (xy[:, None, :] == before.xy[None, :, :]).all(axis=2)
        known = match.any(axis=1)
        at = match.argmax(axis=1)[known]
        shed[known], direct[known] = before.shed[at], before.direct[at]
        fresh = ~known
    shed[fresh], direct[fresh] = _per_origin(ctx, samples[fresh], walk)
    return Origins(xy, shed, direct)


def network_form(ctx: Context, *, walk: WalkSettings,
                 samples: np.ndarray | None = None,
                 origins: Origins | None = None) -> FormResult:
    """The network's form for the site and each zone (``samples``: the
    buildings :func:`form_samples` picks, and ``origins`` their figures,
    when known)."""
    areas = {SITE_ROW: ctx.study_area.geometry}
    areas.update(zip(ctx.zones["name"], ctx.zones.geometry, strict=True))
    rows = []
    degree = _degree(ctx.net)
    middles = ctx.net.xy[ctx.net.edges].mean(axis=1)  # of every edge
    samples = form_samples(ctx, walk) if samples is None else samples
    origins = origins or origin_figures(ctx, samples, walk)
    shed, direct = origins.shed, origins.direct
    for zone, shape in areas.items():
        picked = np.ones(len(samples), bool) if zone == SITE_ROW else \
            (ctx.buildings["zone"].to_numpy()[samples] == zone)
        rows.append({"zone": zone, **_form(ctx, shape, degree, middles),
                     "ped_shed_ratio": _mean(shed[picked]),
                     "route_directness": _mean(direct[picked])})
    return FormResult(pd.DataFrame(rows, columns=COLUMNS))


def _mean(values: np.ndarray) -> float | None:
    values = values[np.isfinite(values)]
    return float(values.mean()) if len(values) else None


def _degree(net) -> np.ndarray:
    """Street links at each street node (the links across squares are
    none). A street node's row holds street links only: connectors lead
    out of places."""
    street = net.graph.indptr[1: net.n_street + 1] - \
        net.graph.indptr[: net.n_street]
    return street - np.bincount(net.across.ravel(), minlength=net.n_street)


def _form(ctx: Context, shape, degree: np.ndarray,
          middles: np.ndarray) -> dict:
    if shape is None or not shape.area > 0 or not ctx.net.n_street:
        return {"area_km2": shape.area / 1e6 if shape is not None else None,
                "intersections": 0, "intersection_density_per_km2": None,
                "mean_block_length_m": None}
    net = ctx.net
    # in it or on its outline, give or take the millimetre to which nodes
    # are rounded: a dead end drawn on the site outline is inside
    grown = shapely.buffer(shape, ON_OUTLINE_M)
    shapely.prepare(grown)
    inside = _within(grown, net.xy[: net.n_street])
    edge_in = _within(grown, middles)
    ends = inside & (degree != 2) & (degree > 0)
    links = degree[ends].sum() / 2
    area_km2 = shape.area / 1e6
    crossings = int((inside & (degree >= 3)).sum())
    return {"area_km2": area_km2, "intersections": crossings,
            "intersection_density_per_km2": crossings / area_km2,
            "mean_block_length_m": float(net.edge_length[edge_in].sum() / links)
            if links else None}


def _within(shape, xy: np.ndarray) -> np.ndarray:
    """Which points ``xy`` the (prepared) ``shape`` covers; only those in
    its bounding box are tested."""
    x0, y0, x1, y1 = shape.bounds
    out = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & \
        (xy[:, 1] <= y1)
    out[out] = shapely.intersects_xy(shape, *xy[out].T)
    return out


def form_samples(ctx: Context, walk: WalkSettings) -> np.ndarray:
    """Building positions (row numbers), evenly spread within each zone:
    the buildings the ped-shed ratio and route directness walk from."""
    zones = ctx.buildings["zone"].to_numpy()
    names = [*ctx.zones["name"], NO_ZONE]
    each = max(1, min(int(walk.form_samples_per_zone),
                      int(walk.form_max_samples) // len(names)))
    picked = []
    for zone in names:
        rows = np.flatnonzero(zones == zone)
        step = max(1, len(rows) // each)
        picked.append(rows[::step][:each])
    return np.concatenate(picked) if picked else np.zeros(0, int)


def _per_origin(ctx: Context, samples: np.ndarray, walk: WalkSettings):
    """Ped-shed ratio and mean route directness for each sample building."""
    shed = np.full(len(samples), np.nan)
    direct = np.full(len(samples), np.nan)
    if not len(samples) or not ctx.has_network or not len(ctx.cells):
        return shed, direct
    origins = ctx.building_node[samples]
    radius = walk.ped_shed_radius_m
    near, far = walk.directness_ring_min_m, walk.directness_ring_max_m
    walked = walks(ctx.net, origins, ctx.cell_node,
                   limit=max(far * 2, radius))
    o_xy = shapely.get_coordinates(ctx.buildings["point"].to_numpy()[samples])
    c_xy = shapely.get_coordinates(ctx.cells["point"].to_numpy())
    crow = np.hypot(o_xy[:, None, 0] - c_xy[None, :, 0],
                    o_xy[:, None, 1] - c_xy[None, :, 1])
    in_circle = (crow <= radius).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shed = np.where(in_circle > 0, (walked <= radius).sum(axis=1)
                        / in_circle, np.nan)
        ring = (crow >= near) & (crow <= far) & np.isfinite(walked)
        ratio = np.where(ring, walked / np.where(ring, crow, 1.0), 0.0)
        direct = np.where(ring.any(axis=1), ratio.sum(axis=1)
                          / ring.sum(axis=1), np.nan)
    return shed, direct
