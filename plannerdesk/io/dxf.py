"""CAD site plans from DXF (read with ezdxf), as reference geometries.

Model space only. Curves are flattened to lines, closed outlines stay
lines, block references are exploded (entities on layer 0 take the layer of
the reference, as in CAD), texts become points with their ``text``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import reduce
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from ezdxf import path as dxfpath
from ezdxf import recover
from ezdxf.document import Drawing
from ezdxf.entities import DXFGraphic, GeoData
from ezdxf.entities.geodata import InvalidGeoDataException
from ezdxf.lldxf.const import DXFError
from ezdxf.math import Vec3
from pyproj import CRS
from pyproj.exceptions import CRSError

from ..model.language import tr
from ..model.problems import PlannerError

CURVES = {"LINE", "LWPOLYLINE", "POLYLINE", "ARC", "CIRCLE", "ELLIPSE",
          "SPLINE"}
AREAS = {"HATCH", "SOLID", "TRACE", "3DFACE"}
TEXTS = {"TEXT", "MTEXT", "ATTRIB"}
# Curves are flattened to within this share of their own size.
FLATTENING = 1e-3
Row = tuple[str, str, str | None, shapely.Geometry]


def dxf_crs(path: str | os.PathLike) -> CRS | None:
    """The CRS named by the drawing's GEODATA, or None when it names none."""
    return _geodata_crs(_read_document(Path(path)))


def read_dxf(path: str | os.PathLike, crs: CRS | None = None) -> gpd.GeoDataFrame:
    """The drawing's model space as ``layer``, ``entity``, ``text``, geometry.

    ``crs`` is the CRS the drawing is in; None takes it from the file's
    GEODATA (whose local-grid placement is then applied).
    """
    path = Path(path)
    doc = _read_document(path)
    crs, placement = _drawing_crs(doc, crs, path)
    rows = list(_features(doc.modelspace(), ""))
    if not rows:
        raise PlannerError(tr(
            "{path}: no lines, curves, points, hatches or texts in its model "
            "space. Fix: check it is the right file, and that the plan is "
            "drawn in model space, not only in a paper-space layout").format(
                path=path))
    frame = gpd.GeoDataFrame(rows, columns=["layer", "entity", "text",
                                            "geometry"],
                             geometry="geometry", crs=crs)
    if placement is not None:
        frame.geometry = shapely.transform(
            frame.geometry.array, lambda xy: xy @ placement[:2, :2]
            + placement[3, :2])
    return frame


def _read_document(path: Path) -> Drawing:
    if not path.exists():
        raise PlannerError(tr("{path}: no such file. Fix: check the path")
                           .format(path=path))
    try:
        doc, _ = recover.readfile(path)
    except (DXFError, OSError, UnicodeError) as exc:
        raise PlannerError(tr(
            "{path}: not a DXF file PlannerDesk can read ({error}). Fix: save "
            "or export the drawing from the CAD program as DXF").format(
                path=path, error=exc)) from None
    return doc


def _geodata_crs(doc: Drawing) -> CRS | None:
    geodata = doc.modelspace().get_geodata()
    if geodata is None or geodata.dxf.coordinate_type not in (
            GeoData.LOCAL_GRID, GeoData.PROJECTED_GRID):
        return None
    try:
        epsg, east_first = geodata.get_crs()
        return CRS.from_epsg(epsg) if east_first else None
    except (InvalidGeoDataException, CRSError):
        return None


def _drawing_crs(doc: Drawing, crs: CRS | None,
                 path: Path) -> tuple[CRS, np.ndarray | None]:
    """The drawing's CRS and, when the file's is used, its placement."""
    own = _geodata_crs(doc)
    if own is None or (crs is not None and not crs.equals(own)):
        if crs is None:
            raise PlannerError(tr(
                "{name} has no coordinate system. Fix: choose the CRS it was "
                "drawn in (e.g. the plan's, if it was drawn in the same "
                "survey coordinates)").format(name=path.name))
        return crs, None
    matrix, _ = doc.modelspace().get_geodata().get_crs_transformation(
        no_checks=True)
    placement = np.array(list(matrix.rows()))
    identity = np.allclose(placement, np.eye(4))
    return own, None if identity else placement


def _features(entities: Iterable[DXFGraphic], parent_layer: str) -> Iterator[Row]:
    """Rows of drawable entities, exploding block references."""
    for entity in entities:
        layer = entity.dxf.layer
        if layer == "0" and parent_layer:
            layer = parent_layer
        if entity.dxftype() == "INSERT":  # each copy of a MINSERT grid
            for insert in entity.multi_insert() if entity.mcount > 1 \
                    else [entity]:
                yield from _features(insert.virtual_entities(), layer)
                yield from _features(insert.attribs, layer)
            continue
        row = _geometry(entity)
        if row is not None:
            yield layer, entity.dxftype(), *row


def _geometry(entity: DXFGraphic) -> tuple[str | None, shapely.Geometry] | None:
    """(text, geometry) of one entity; None when it draws nothing we keep."""
    kind = entity.dxftype()
    if kind == "POINT":
        return None, shapely.Point(_xy(entity.dxf.location))
    if kind == "MTEXT":
        return entity.plain_text(), shapely.Point(_xy(entity.dxf.insert))
    if kind in TEXTS:
        where = entity.ocs().to_wcs(entity.dxf.insert)
        return entity.plain_text(), shapely.Point(_xy(where))
    if kind in AREAS:
        paths = dxfpath.from_hatch(entity) if kind == "HATCH" else \
            [dxfpath.make_path(entity)]
        return _polygon(paths)
    if kind in CURVES and not (kind == "POLYLINE" and (
            entity.is_poly_face_mesh or entity.is_polygon_mesh)):
        points = _flatten(dxfpath.make_path(entity))
        return (None, shapely.LineString(points)) if len(points) > 1 else None
    return None


def _xy(vertex: Vec3) -> tuple[float, float]:
    return vertex.x, vertex.y


def _flatten(path: dxfpath.Path) -> np.ndarray:
    """The path as (x, y) points, within FLATTENING of its size."""
    corners = np.array([_xy(v) for v in path.control_vertices()])
    corners = corners.reshape(-1, 2)
    if not len(corners):
        return corners
    size = float(np.ptp(corners, axis=0).max())
    points = path.flattening(max(size * FLATTENING, 1e-9))
    return np.array([_xy(v) for v in points]).reshape(-1, 2)


def _polygon(paths: Iterable[dxfpath.Path]) -> tuple[None, shapely.Geometry] | None:
    """Loops filled by the even-odd rule: holes inside outlines are cut out."""
    loops = [shapely.make_valid(shapely.Polygon(points))
             for points in map(_flatten, paths) if len(points) > 2]
    if not loops:
        return None
    area = reduce(shapely.symmetric_difference, loops)
    return None if area.is_empty else (None, area)
