"""Placing an image on the map: world-file transforms and control-point fits.

Pixel positions are (col, row) of pixel centres, rows running down the
image; map x = a*col + b*row + c, y = d*col + e*row + f, as in a world file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from .language import tr
from .problems import PlannerError

# Smallest singular value of the centred points, relative to the largest,
# below which they are taken to lie on one line.
_COLLINEAR = 1e-9


@dataclass(frozen=True)
class WorldFile:
    """Map x = a*col + b*row + c, y = d*col + e*row + f (pixel centres)."""

    a: float
    d: float
    b: float
    e: float
    c: float
    f: float

    def extent(self, width: int, height: int) -> tuple[float, float, float, float]:
        """(minx, miny, maxx, maxy) of an unrotated image's outer edges."""
        left, top = self.c - self.a / 2, self.f - self.e / 2
        right, bottom = left + self.a * width, top + self.e * height
        return (min(left, right), min(top, bottom), max(left, right),
                max(top, bottom))

    def to_map(self, col: ArrayLike, row: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Map (x, y) of pixel positions (scalars or arrays)."""
        col, row = np.asarray(col, float), np.asarray(row, float)
        return (self.a * col + self.b * row + self.c,
                self.d * col + self.e * row + self.f)


@dataclass(frozen=True)
class Fit(WorldFile):
    """A placement fitted to control points, with how well each point fits.

    ``residuals`` are the distances, in map units, between each map point
    and where its image point lands; ``rms`` is their root mean square.
    """

    kind: Literal["similarity", "affine"]
    residuals: tuple[float, ...]
    rms: float

    @property
    def world(self) -> WorldFile:
        """The placement alone, as a plain world file."""
        return WorldFile(self.a, self.d, self.b, self.e, self.c, self.f)


def fit_control_points(image_xy: ArrayLike, map_xy: ArrayLike) -> Fit:
    """Fit the image-to-map placement through control-point pairs.

    Two pairs give a similarity (scale, rotation, shift; never a mirror
    image, since rows run south), exact; three or more an affine least-
    squares fit. A PlannerError says which points are unusable.
    """
    image, world = _check_points(image_xy, map_xy)
    if len(image) == 2:
        coefficients = _similarity(image, world)
        kind = "similarity"
    else:
        coefficients = _affine(image, world)
        kind = "affine"
    placed = WorldFile(*coefficients)
    x, y = placed.to_map(image[:, 0], image[:, 1])
    residuals = np.hypot(x - world[:, 0], y - world[:, 1])
    return Fit(*coefficients, kind=kind,
               residuals=tuple(float(r) for r in residuals),
               rms=float(np.sqrt(np.mean(residuals ** 2))))


def _check_points(image_xy: ArrayLike,
                  map_xy: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    image = np.asarray(image_xy, float).reshape(-1, 2)
    world = np.asarray(map_xy, float).reshape(-1, 2)
    if len(image) != len(world):
        raise PlannerError(tr(
            "{image} image points but {map} map points. Fix: give each "
            "image point its map point").format(image=len(image),
                                                map=len(world)))
    if len(image) < 2:
        raise PlannerError(tr(
            "{count} control point(s): at least 2 are needed. Fix: pick 2 "
            "points to scale and turn the image, 3 or more to also stretch "
            "and shear it").format(count=len(image)))
    if not (np.isfinite(image).all() and np.isfinite(world).all()):
        raise PlannerError(tr("a control point has no position. Fix: pick "
                              "it again or remove it"))
    for points, where in ((image, "image"), (world, "map")):
        _refuse_coincident(points, where)
    return image, world


def _refuse_coincident(points: np.ndarray, where: str) -> None:
    distances = np.hypot(*(points[:, None, :] - points[None, :, :]).T)
    first, second = np.nonzero(np.triu(distances == 0, k=1))
    if len(first):
        text = tr("control points {first} and {second} are at the same "
                  "place on the image. Fix: move or remove one of them") \
            if where == "image" else \
            tr("control points {first} and {second} are at the same place "
               "on the map. Fix: move or remove one of them")
        raise PlannerError(text.format(first=first[0] + 1,
                                       second=second[0] + 1))


def _similarity(image: np.ndarray, world: np.ndarray) -> tuple[float, ...]:
    """Exact similarity through two pairs, in complex numbers.

    With z = col - i*row (the image seen north up) and w = x + i*y,
    w = m*z + t; m = p + iq gives a = p, b = q, d = q, e = -p.
    """
    z = image[:, 0] - 1j * image[:, 1]
    w = world[:, 0] + 1j * world[:, 1]
    m = (w[1] - w[0]) / (z[1] - z[0])
    t = w[0] - m * z[0]
    return m.real, m.imag, m.imag, -m.real, t.real, t.imag


def _affine(image: np.ndarray, world: np.ndarray) -> tuple[float, ...]:
    """Least-squares affine fit, solved on centred points for precision."""
    _refuse_collinear(image, "image")
    _refuse_collinear(world, "map")
    image_mean, world_mean = image.mean(axis=0), world.mean(axis=0)
    design = image - image_mean
    solution = np.linalg.lstsq(design, world - world_mean, rcond=None)[0]
    (a, d), (b, e) = solution
    c, f = world_mean - image_mean @ solution
    return a, d, b, e, c, f


def _refuse_collinear(points: np.ndarray, where: str) -> None:
    spread = np.linalg.svd(points - points.mean(axis=0), compute_uv=False)
    if spread[1] <= _COLLINEAR * spread[0]:
        text = tr("the {count} control points lie on one line on the "
                  "image, so the image cannot be placed. Fix: add a point "
                  "away from that line") if where == "image" else \
            tr("the {count} control points lie on one line on the map, so "
               "the image cannot be placed. Fix: add a point away from "
               "that line")
        raise PlannerError(text.format(count=len(points)))
