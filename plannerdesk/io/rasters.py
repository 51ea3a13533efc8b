"""Raster site maps: images placed by a world file or embedded (GeoTIFF).

Read with rasterio (GDAL), which also reads world-file sidecars (.pgw, .jgw,
.tfw, .wld). Every image comes back as RGBA bytes, at most ``max_pixels``
on its longest side, placed in the plan's CRS.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import rasterio
import rasterio.crs
from affine import Affine
from pyproj import CRS
from pyproj.exceptions import CRSError as ProjCRSError
from rasterio.enums import ColorInterp, Resampling
from rasterio.errors import CRSError, NotGeoreferencedWarning, RasterioError
from rasterio.io import DatasetReader
from rasterio.warp import calculate_default_transform, reproject

from ..model.crs import describe
from ..model.georef import WorldFile
from ..model.language import tr
from ..model.problems import PlannerError
from .worldfile import world_file_path, write_world_file

MAX_PIXELS = 8192


@dataclass(frozen=True, eq=False)
class SiteRaster:
    """An image placed in the plan's CRS.

    ``rgba``: (rows, cols, 4) uint8, first row at the top as stored.
    ``world``: where pixel centres fall in the plan's CRS.
    ``source_crs``: the file's CRS; None when it has none (the plan's is
    assumed).
    """

    rgba: np.ndarray
    world: WorldFile
    source_crs: CRS | None


@dataclass(frozen=True, eq=False)
class PlainImage:
    """An image to pick control points on, perhaps shown decimated.

    ``width`` and ``height`` are the file's own size in pixels.
    """

    rgba: np.ndarray
    width: int
    height: int

    def file_pixel(self, col: float, row: float) -> tuple[float, float]:
        """The file's pixel position of a position in ``rgba``."""
        scale_x = self.width / self.rgba.shape[1]
        scale_y = self.height / self.rgba.shape[0]
        return (col + 0.5) * scale_x - 0.5, (row + 0.5) * scale_y - 0.5


def read_site_raster(path: str | os.PathLike, plan_crs: CRS, *,
                     max_pixels: int = MAX_PIXELS) -> SiteRaster:
    """Read an image with its placement, reprojected to ``plan_crs``.

    An image with a world file and no CRS is taken to be in the plan's CRS.
    """
    path = Path(path)
    with _open(path) as src:
        if src.transform.is_identity:
            raise PlannerError(tr(
                "{path}: the image has no georeferencing, so PlannerDesk "
                "cannot tell where it lies. Fix: add a world file beside it "
                "({world_file}), or georeference it with control points")
                .format(path=path, world_file=world_file_path(path).name))
        crs = _source_crs(src, path)
        rgba, transform = _read_rgba(src, max_pixels)
    if crs is not None and not crs.equals(plan_crs, ignore_axis_order=True):
        rgba, transform = _reproject(rgba, transform, crs, plan_crs,
                                     max_pixels, path)
    return SiteRaster(rgba, _world(transform), crs)


def read_plain_image(path: str | os.PathLike, *,
                     max_pixels: int = MAX_PIXELS) -> PlainImage:
    """Read an image for georeferencing, ignoring any placement it has."""
    path = Path(path)
    with _open(path) as src:
        rgba, _ = _read_rgba(src, max_pixels)
        return PlainImage(rgba, src.width, src.height)


def write_image_world_file(image: str | os.PathLike,
                           world: WorldFile) -> Path:
    """Write ``world`` as the world file beside ``image``; return its path."""
    target = world_file_path(Path(image))
    try:
        write_world_file(target, world)
    except OSError as exc:
        raise PlannerError(tr(
            "{path}: could not write the world file ({reason}). Fix: make "
            "the image's folder writable, or copy the image to a folder you "
            "can write to").format(path=target, reason=exc.strerror)
        ) from None
    return target


def _open(path: Path) -> DatasetReader:
    if not path.exists():
        raise PlannerError(tr("{path}: no such file. Fix: check the path")
                           .format(path=path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            return rasterio.open(path)
    except RasterioError as exc:
        raise PlannerError(tr(
            "{path}: not an image PlannerDesk can read ({error}). Fix: give "
            "a PNG, JPEG or TIFF image, or a GeoTIFF").format(
                path=path, error=exc)) from None


def _source_crs(src: DatasetReader, path: Path) -> CRS | None:
    if src.crs is None:
        return None
    try:
        return CRS.from_wkt(src.crs.to_wkt())
    except ProjCRSError as exc:
        raise PlannerError(tr(
            "{path}: its coordinate system cannot be read ({error}). Fix: "
            "re-export it as a GeoTIFF with an EPSG coordinate system")
            .format(path=path, error=exc)) from None


def _read_rgba(src: DatasetReader,
               max_pixels: int) -> tuple[np.ndarray, Affine]:
    """The image as RGBA at most ``max_pixels`` a side, and its transform;
    a damaged file gives a PlannerError naming it."""
    try:
        return _decode(src, max_pixels)
    except RasterioError as exc:
        raise PlannerError(tr(
            "{path}: the image data cannot be read ({error}). Fix: copy or "
            "export the image again; the file looks damaged").format(
                path=src.name, error=exc)) from None


def _decode(src: DatasetReader,
            max_pixels: int) -> tuple[np.ndarray, Affine]:
    factor = max(src.width, src.height) / max_pixels
    shape = (src.height, src.width) if factor <= 1 else (
        max(1, round(src.height / factor)), max(1, round(src.width / factor)))
    palette = src.colorinterp[0] == ColorInterp.palette
    bands = src.read(out_shape=(src.count, *shape), resampling=(
        Resampling.nearest if palette else Resampling.average))
    alpha = src.dataset_mask(out_shape=shape)
    if palette:
        rgba = _palette_lookup(src.colormap(1), bands[0])
        rgba[..., 3] = np.minimum(rgba[..., 3], alpha)
    else:
        grey = src.count < 3  # grey, or grey and alpha
        colour = [_to_byte(band, alpha > 0)
                  for band in bands[:1 if grey else 3]]
        rgba = np.dstack([*(colour * 3 if grey else colour), alpha])
    return np.ascontiguousarray(rgba, np.uint8), _scaled(
        src.transform, src.width / shape[1], src.height / shape[0])


def _scaled(t: Affine, x: float, y: float) -> Affine:
    """``t`` for pixels ``x`` by ``y`` times as large (same top-left)."""
    return Affine(t.a * x, t.b * y, t.c, t.d * x, t.e * y, t.f)


def _palette_lookup(colormap: dict[int, tuple[int, ...]],
                    indices: np.ndarray) -> np.ndarray:
    table = np.zeros((max(max(colormap), int(indices.max())) + 1, 4), np.uint8)
    for index, colour in colormap.items():
        table[index] = colour
    return table[indices]


def _to_byte(band: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Bytes as they are; other values stretched from their range to 0-255."""
    if band.dtype == np.uint8:
        return band
    values = band[valid & np.isfinite(band)]
    if not values.size:
        return np.zeros(band.shape, np.uint8)
    low, high = float(values.min()), float(values.max())
    scaled = (band.astype(float) - low) * (255 / max(high - low, 1e-12))
    return np.nan_to_num(np.clip(scaled, 0, 255)).astype(np.uint8)


def _reproject(rgba: np.ndarray, transform: Affine, crs: CRS, plan_crs: CRS,
               max_pixels: int, path: Path) -> tuple[np.ndarray, Affine]:
    """Warp ``rgba`` from ``crs`` to ``plan_crs``, at most ``max_pixels``."""
    height, width = rgba.shape[:2]
    cols, rows = np.array([0, width, width, 0]), np.array([0, 0, height, height])
    xs = transform.a * cols + transform.b * rows + transform.c
    ys = transform.d * cols + transform.e * rows + transform.f
    src_crs = rasterio.crs.CRS.from_wkt(crs.to_wkt())
    dst_crs = rasterio.crs.CRS.from_wkt(plan_crs.to_wkt())
    try:
        target, out_width, out_height = calculate_default_transform(
            src_crs, dst_crs, width, height, left=xs.min(), bottom=ys.min(),
            right=xs.max(), top=ys.max())
        factor = max(1.0, max(out_width, out_height) / max_pixels)
        shape = (max(1, round(out_height / factor)),
                 max(1, round(out_width / factor)))
        target = _scaled(target, out_width / shape[1], out_height / shape[0])
        warped = np.zeros((4, *shape), np.uint8)
        reproject(np.moveaxis(rgba, -1, 0), warped, src_transform=transform,
                  src_crs=src_crs, dst_transform=target, dst_crs=dst_crs,
                  src_alpha=4, dst_alpha=4, resampling=Resampling.bilinear)
    except (CRSError, RasterioError):
        raise PlannerError(tr(
            "{path}: its coordinate system ({crs}) cannot be converted to "
            "the plan's {plan_crs}. Fix: re-export the image in the plan's "
            "coordinate system or in longitude/latitude (EPSG:4326)").format(
                path=path, crs=describe(crs), plan_crs=describe(plan_crs))
        ) from None
    return np.ascontiguousarray(np.moveaxis(warped, 0, -1)), target


def _world(transform: Affine) -> WorldFile:
    """World file of a rasterio transform (pixel corners to centres)."""
    t = transform
    return WorldFile(a=t.a, d=t.d, b=t.b, e=t.e, c=t.c + (t.a + t.b) / 2,
                     f=t.f + (t.d + t.e) / 2)
