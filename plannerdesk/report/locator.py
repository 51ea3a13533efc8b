"""The title page's locator map: the site outlined in what the planner's
base map shows around it (else in the plan's layers), with the latitude
and longitude of its centre."""

from __future__ import annotations

from matplotlib.figure import Figure

from ..model.language import tr
from ..model.symbology import STYLES
from .document import Document
from .maps import (
    PT_PER_MM,
    draw,
    draw_context,
    geographic,
    map_axes,
    north_arrow,
    scale_bar,
)
from .pages import Rect

SURROUND = 0.5     # of the site's size, shown on each side at least


def locator_map(doc: Document, fig: Figure, rect: Rect) -> bool:
    """The site in ``rect``; False (nothing drawn) when the plan has no
    site."""
    site = doc.plan.site_geometry()
    if site is None or site.is_empty:
        return False
    x0, y0, x1, y1 = site.bounds
    grow = SURROUND * max(x1 - x0, y1 - y0)
    wide = [x0 - grow, y0 - grow, x1 + grow, y1 + grow]
    if doc.base_maps.bounds is not None:
        b = doc.base_maps.bounds
        wide = [min(wide[0], b[0]), min(wide[1], b[1]),
                max(wide[2], b[2]), max(wide[3], b[3])]
    sheet = doc.sheet
    ax = map_axes(fig, rect, doc.plan, sheet, bounds=tuple(wide))
    doc.base_maps.draw(ax, sheet.scale)
    if not doc.base_maps.images:
        draw_context(ax, doc.plan, sheet)
    draw(ax, [site], fill=STYLES["site"].stroke, alpha=0.12,
         stroke=STYLES["site"].stroke, width=1.2 * PT_PER_MM * sheet.scale,
         zorder=10)
    scale_bar(ax, sheet)
    north_arrow(ax, doc.plan.crs, sheet)
    lon, lat = geographic(doc.plan.crs, site.centroid.x, site.centroid.y)
    north = tr("{degrees:.4f}\u00b0N") if lat >= 0 else \
        tr("{degrees:.4f}\u00b0S")
    east = tr("{degrees:.4f}\u00b0E") if lon >= 0 else \
        tr("{degrees:.4f}\u00b0W")
    ax.set_title(tr("Location: {latitude} {longitude}").format(
        latitude=north.format(degrees=abs(lat)),
        longitude=east.format(degrees=abs(lon))),
        fontsize="small", loc="left")
    return True
