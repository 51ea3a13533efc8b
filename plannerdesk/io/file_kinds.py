"""Is a file the kind of file a plan says it is? A note photo must be an
image and a site map a raster, a vector source or a DXF drawing, judged
from the file's contents, not its name, so that a package never carries a
key or a password file that a plan happens to point at."""

from __future__ import annotations

import warnings
from pathlib import Path

import pyogrio
import rasterio
from rasterio.errors import RasterioError

from ..model.language import N_, tr

IMAGE_KINDS = N_("JPEG, PNG, GIF, WebP, TIFF, BMP or HEIC")
_IMAGE_STARTS = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a",
                 b"II*\x00", b"MM\x00*", b"BM")
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis",
                b"mif1", b"msf1"}


def why_not_photo(path: Path) -> str | None:
    """Why ``path`` is not a photo (its first bytes are no image format
    named in IMAGE_KINDS), or None when it is one."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        return tr("it cannot be read ({reason})").format(
            reason=exc.strerror or exc)
    if head.startswith(_IMAGE_STARTS) or _is_webp(head) or _is_heif(head):
        return None
    return tr("it is not an image ({kinds})").format(kinds=tr(IMAGE_KINDS))


def why_not_site_map(path: Path, kind: str) -> str | None:
    """Why ``path`` is not a site map of ``kind`` (a raster rasterio opens;
    a vector source pyogrio lists layers of, or a DXF drawing), or None
    when it is one."""
    if kind == "raster":
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # e.g. not georeferenced
                with rasterio.open(path):
                    return None
        except RasterioError:
            return tr("it is not a raster image PlannerDesk can read")
    if path.suffix.lower() == ".dxf":
        # ezdxf takes 0.2 s to load: only for a drawing
        from ezdxf.lldxf.validator import is_binary_dxf_file, is_dxf_file

        if is_binary_dxf_file(str(path)) or is_dxf_file(str(path)):
            return None
        return tr("it is not a DXF drawing")
    try:
        if len(pyogrio.list_layers(path)):
            return None
    except pyogrio.errors.DataSourceError:
        pass
    return tr("it is not a vector layer PlannerDesk can read")


def _is_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _is_heif(head: bytes) -> bool:
    """An ISO media file (HEIC, HEIF) whose ftyp box names a HEIF brand."""
    if head[4:8] != b"ftyp":
        return False
    size = int.from_bytes(head[:4], "big")
    brands = [head[8:12]] + [head[i:i + 4]
                             for i in range(16, min(size, len(head)), 4)]
    return bool(_HEIF_BRANDS.intersection(brands))
