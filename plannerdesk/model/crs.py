"""Coordinate reference systems: parsing, the metric-CRS rule, suggestions."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS
from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info
from pyproj.exceptions import CRSError

from .language import tr
from .problems import PlannerError, UsageError


def parse_crs(text: str) -> CRS:
    """A CRS from user text such as ``EPSG:4549``; a UsageError (exit
    status 2) naming the text and the fix when no CRS has that code."""
    try:
        return CRS.from_user_input(text)
    except CRSError:
        raise UsageError(tr(
            "'{text}' is not a coordinate reference system PlannerDesk "
            "knows. Fix: give an EPSG code such as EPSG:4549 (CGCS2000 / "
            "3-degree Gauss-Kruger CM 120E) or EPSG:32651 (WGS 84 / UTM 51N)"
        ).format(text=text)) from None


def is_metric_projected(crs: CRS) -> bool:
    """True for a projected CRS whose axes are in metres."""
    if not crs.is_projected:
        return False
    return all(
        axis.unit_name in ("metre", "meter") for axis in crs.axis_info[:2]
    )


def require_plan_crs(crs: CRS, lon: float | None = None,
                     lat: float | None = None) -> CRS:
    """Check that ``crs`` can be a plan's CRS: projected and in metres.

    When it cannot, the error suggests the UTM zone at ``lon``/``lat``.
    """
    if is_metric_projected(crs):
        return crs
    utm = suggest_utm(lon, lat) if lon is not None and lat is not None \
        else None
    text = tr("{name} ({crs}) is not a projected CRS in metres; distances "
              "and areas would be wrong. Fix: use a projected CRS in "
              "metres, e.g. {utm} for this site") if utm else \
        tr("{name} ({crs}) is not a projected CRS in metres; distances "
           "and areas would be wrong. Fix: use a projected CRS in metres, "
           "e.g. EPSG:4549 for Hangzhou")
    raise PlannerError(text.format(name=crs.name, crs=describe(crs),
                                   utm=utm))


def reproject(geometry: shapely.Geometry | None, source: CRS | int | str,
              target: CRS | int | str) -> shapely.Geometry | None:
    """One geometry from CRS ``source`` to ``target`` (None stays None)."""
    if geometry is None:
        return None
    return gpd.GeoSeries([geometry], crs=source).to_crs(target).iloc[0]


def lonlat_centre(geometry: gpd.GeoSeries) -> tuple[float, float] | None:
    """The mean longitude / latitude of the finite vertices of
    ``geometry`` (which has a CRS), or None when there are none."""
    lonlat = shapely.get_coordinates(geometry.to_crs(4326).array)
    lonlat = lonlat[np.isfinite(lonlat).all(axis=1)]
    return tuple(lonlat.mean(axis=0).tolist()) if len(lonlat) else None


def suggest_utm(lon: float, lat: float) -> str | None:
    """The EPSG code of the WGS 84 UTM zone at a point, e.g. ``EPSG:32651``."""
    infos = query_utm_crs_info(
        datum_name="WGS 84",
        area_of_interest=AreaOfInterest(lon, lat, lon, lat),
    )
    return f"{infos[0].auth_name}:{infos[0].code}" if infos else None


def describe(crs: CRS | None) -> str:
    """A short label: ``EPSG:4549`` where known, else the CRS name."""
    if crs is None:
        return tr("no CRS")
    auth = crs.to_authority(min_confidence=90)
    return f"{auth[0]}:{auth[1]}" if auth else crs.name
