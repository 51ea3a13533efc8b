"""Maps in the shared palette (model.symbology), north up, with a scale bar
of round lengths and a north arrow pointing to true north."""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch, Rectangle
from matplotlib.path import Path
from pyproj import CRS, Transformer

from ..evaluate.study_area import study_area
from ..model.language import tr
from ..model.plan import Plan
from ..model.schema import LAYERS
from ..model.symbology import DRAW_ORDER, STYLES, LayerStyle
from ..model.words import human
from .labels import Labels
from .map_names import map_names
from .pages import SIZES, Rect, Sheet
from .text import text_width

PT_PER_MM = 72 / 25.4
MARKERS = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D",
           "star": "*", "cross": "P"}
MUTED = {"site": ("none", "#555555", 0.6), "zones": ("none", "#9c88bf", 0.4),
         "buildings": ("#e4e0db", "#b9b2aa", 0.15),
         "public_areas": ("#dcefd5", "#a9cf9c", 0.2),
         "walkways": ("none", "#c4c4c4", 0.3),
         "public_lines": ("none", "#9fd3cc", 0.6)}
#: The layers a map of the plan shows: review notes are the planner's own,
#: printed only in their section (report.review_notes).
PLAN_LAYERS = tuple(n for n in DRAW_ORDER if n != "review_notes")
STRIP_IN = 0.45    # under the map, for the scale bar and north arrow
ARROW_IN = 0.32


def map_axes(fig: Figure, rect: Rect, plan: Plan, sheet: Sheet, *,
             bounds: tuple[float, float, float, float] | None = None
             ) -> Axes:
    """Axes in ``rect`` (top-centred, shrunk to the map's shape) showing
    ``bounds``, else the site, else every layer, north up, over a strip
    for the scale bar and north arrow."""
    bounds = bounds or _bounds(plan)
    if bounds is None:
        return _bare(fig.add_axes(rect))
    fig_w, fig_h = fig.get_size_inches()
    x0, y0, x1, y1 = bounds
    pad = 0.03 * max(x1 - x0, y1 - y0, 100.0)
    width, height = x1 - x0 + 2 * pad, y1 - y0 + 2 * pad
    strip = STRIP_IN * sheet.scale
    room_w, room_h = rect[2] * fig_w, rect[3] * fig_h
    per_inch = max(width / room_w, height / (room_h - strip))
    box_w, box_h = width / per_inch, height / per_inch + strip
    left = rect[0] + (rect[2] - box_w / fig_w) / 2
    top = rect[1] + rect[3]
    ax = _bare(fig.add_axes((left, top - box_h / fig_h, box_w / fig_w,
                             box_h / fig_h)))
    ax.set_xlim(x0 - pad, x1 + pad)
    ax.set_ylim(y0 - pad - strip * per_inch, y1 + pad)
    ax.set_aspect("equal", adjustable="box")
    return ax


def _bounds(plan: Plan) -> tuple[float, float, float, float] | None:
    """The study area's bounds: the site, or the extent the evaluators
    fall back on without one."""
    area = study_area(plan).geometry
    return None if area is None else area.bounds


def _bare(ax: Axes) -> Axes:
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def draw(ax: Axes, geoms, *, fill: str = "none", stroke="none",
         width: float = 0.5, alpha: float = 1.0, marker: str = "circle",
         size: float = 4.0, zorder: float = 1,
         dashes: tuple | str = "solid", hatch: str | None = None) -> None:
    """Draw the polygons, lines and points of ``geoms`` (shapely
    geometries) as one path (``hatch`` as matplotlib's), one line
    collection (``dashes`` as matplotlib's linestyle) and one scatter;
    widths and sizes in points."""
    geoms = np.asarray(geoms, dtype=object)
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    kinds = shapely.get_type_id(geoms)
    face = "none" if fill == "none" else to_rgba(fill, alpha)
    polygons = geoms[np.isin(kinds, (3, 6))]
    if len(polygons):
        ax.add_patch(PathPatch(_polygon_path(polygons), facecolor=face,
                               edgecolor=stroke, linewidth=width,
                               hatch=hatch, zorder=zorder))
    lines = shapely.get_parts(geoms[np.isin(kinds, (1, 2, 5))])
    if len(lines):
        coords, index = shapely.get_coordinates(lines, return_index=True)
        ax.add_collection(LineCollection(
            np.split(coords, np.flatnonzero(np.diff(index)) + 1),
            colors=stroke, linewidths=width, linestyles=[dashes],
            zorder=zorder))
    points = shapely.get_coordinates(geoms[np.isin(kinds, (0, 4))])
    if len(points):
        ax.scatter(points[:, 0], points[:, 1], s=size ** 2,
                   marker=MARKERS.get(marker, "o"), facecolors=face,
                   edgecolors=stroke, linewidths=width, zorder=zorder)


def _polygon_path(polygons: np.ndarray) -> Path:
    """Every ring of ``polygons`` in one path, holes wound against their
    outlines so that they stay empty."""
    rings = shapely.get_rings(shapely.orient_polygons(
        shapely.get_parts(polygons)))
    coords, index = shapely.get_coordinates(rings, return_index=True)
    starts = np.r_[0, np.flatnonzero(np.diff(index)) + 1]
    codes = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
    codes[starts] = Path.MOVETO
    codes[np.r_[starts[1:], len(coords)] - 1] = Path.CLOSEPOLY
    return Path(coords, codes)


def draw_plan(ax: Axes, plan: Plan, sheet: Sheet) -> None:
    """Every layer of ``plan`` in the palette, in drawing order."""
    for z, name in enumerate(PLAN_LAYERS):
        style, layer = STYLES[name], plan[name]
        if style.categories and style.category_field in layer.columns:
            values = layer[style.category_field]
            for value, fill in style.categories.items():
                _styled(ax, layer.geometry[(values == value).fillna(False)
                                           .to_numpy()],
                        style, fill, sheet, z, value)
            other = ~values.isin(list(style.categories)).fillna(False)
            _styled(ax, layer.geometry[other.to_numpy()], style, style.fill,
                    sheet, z)
        else:
            _styled(ax, layer.geometry, style, style.fill, sheet, z)


def _styled(ax: Axes, geoms, style: LayerStyle, fill: str, sheet: Sheet,
            z: int, category: str | None = None) -> None:
    if len(geoms):
        draw(ax, geoms, fill=fill, stroke=style.stroke,
             width=style.width * PT_PER_MM * sheet.scale,
             alpha=style.opacity, marker=style.marker_of(category),
             size=style.size * PT_PER_MM * sheet.scale, zorder=1 + z,
             hatch=style.hatches.get(category or ""))


def draw_context(ax: Axes, plan: Plan, sheet: Sheet) -> None:
    """The plan in muted colours, under a thematic overlay."""
    for z, (name, (fill, stroke, width)) in enumerate(MUTED.items()):
        if len(plan[name]):
            draw(ax, plan[name].geometry, fill=fill, stroke=stroke,
                 width=width * PT_PER_MM * sheet.scale, zorder=0.1 * z)


def layer_handles(plan: Plan, sheet: Sheet) -> list:
    """Legend entries for every layer present, top-most first; parking by
    type and facilities by category, with their marker shapes."""
    handles = []
    for name in reversed(PLAN_LAYERS):
        style, layer = STYLES[name], plan[name]
        if not len(layer):
            continue
        kind = LAYERS[name].geom_kinds[-1]
        if style.categories and style.category_field in layer.columns:
            values = layer[style.category_field]
            areas = layer.geometry.geom_type.isin(("Polygon", "MultiPolygon"))
            for value, fill in style.categories.items():
                title = tr("{layer}: {value}").format(
                    layer=LAYERS[name].label, value=human(value))
                if (values == value).any():
                    handles.append(_handle(
                        "point", style, fill, style.marker_of(value), sheet,
                        title))
                if ((values == value) & areas).any() and value in style.hatches:
                    handles.append(Patch(
                        facecolor=to_rgba(fill, style.opacity),
                        edgecolor=style.stroke, hatch=style.hatches[value],
                        linewidth=style.width * PT_PER_MM * sheet.scale,
                        label=tr("{layer} (areas)").format(layer=title)))
            continue
        handles.append(_handle(kind, style, style.fill, style.marker, sheet,
                               LAYERS[name].label))
    return handles


def _handle(kind: str, style: LayerStyle, fill: str, marker: str,
            sheet: Sheet, label: str):
    width = style.width * PT_PER_MM * sheet.scale
    face = "none" if fill == "none" else to_rgba(fill, style.opacity)
    if kind == "polygon":
        return Patch(facecolor=face, edgecolor=style.stroke,
                     linewidth=width, label=label)
    if kind == "line":
        return Line2D([], [], color=style.stroke, linewidth=max(width, 1),
                      label=label)
    return Line2D([], [], linestyle="none", marker=MARKERS.get(marker, "o"),
                  markersize=style.size * PT_PER_MM * sheet.scale,
                  markerfacecolor=face, markeredgecolor=style.stroke,
                  markeredgewidth=width, label=label)


def nice_length(limit: float) -> float:
    """The longest 1, 2 or 5 x 10^k metres not above ``limit``."""
    base = 10 ** math.floor(math.log10(max(limit, 1e-9)))
    return max(c * base for c in (1, 2, 5) if c * base <= limit)


def scale_bar(ax: Axes, sheet: Sheet) -> None:
    """A bar of round lengths (e.g. 0-100-200-500 m) in the strip at the
    bottom left."""
    (x0, x1), (y0, _) = ax.get_xlim(), ax.get_ylim()
    per_inch = (x1 - x0) / (ax.get_position().width
                            * ax.figure.get_size_inches()[0])
    length = nice_length(0.3 * (x1 - x0))
    label_in = text_width(f"{length:g}", sheet.size_pt * SIZES["small"]) \
        / 72 + 0.08 * sheet.scale
    ticks = next((np.array(t) for t in (
        [0, length / 5, 2 * length / 5, length], [0, length / 2, length])
        if t[1] / per_inch >= label_in), np.array([0, length]))
    left = x0 + 0.15 * sheet.scale * per_inch
    base = y0 + 0.12 * sheet.scale * per_inch
    height = 0.06 * sheet.scale * per_inch
    unit, div = ("km", 1000.0) if length >= 2000 else ("m", 1.0)
    for i, (a, b) in enumerate(zip(ticks[:-1], ticks[1:], strict=True)):
        ax.add_patch(Rectangle((left + a, base), b - a, height,
                               facecolor="black" if i % 2 == 0 else "white",
                               edgecolor="black",
                               linewidth=0.5 * sheet.scale, zorder=51))
    for tick in ticks:
        text = f"{tick / div:g}" + (f" {unit}" if tick == length else "")
        ax.text(left + tick, base + 1.5 * height, text, ha="center",
                va="bottom", fontsize="small", zorder=52)


def north_arrow(ax: Axes, crs: CRS, sheet: Sheet) -> None:
    """An arrow to true north (grid north turned by the meridian
    convergence) with an N, in the strip at the bottom right."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    angle = _true_north(crs, (x0 + x1) / 2, (y0 + y1) / 2)
    fig_w, fig_h = ax.figure.get_size_inches()
    box = ax.get_position()
    length = ARROW_IN * sheet.scale
    dx = length * math.sin(angle) / (box.width * fig_w)
    dy = length * math.cos(angle) / (box.height * fig_h)
    base_x = 1 - 0.3 * sheet.scale / (box.width * fig_w) - dx / 2
    base_y = 0.08 * sheet.scale / (box.height * fig_h)
    ax.annotate("", xy=(base_x + dx, base_y + dy), xytext=(base_x, base_y),
                xycoords="axes fraction", zorder=52,
                arrowprops={"arrowstyle": "-|>,head_width=0.3,"
                            "head_length=0.6", "color": "black",
                            "linewidth": 1.2 * sheet.scale})
    ax.text(base_x - 0.1 * sheet.scale / (box.width * fig_w),
            base_y + dy / 2, "N", transform=ax.transAxes, ha="right",
            va="center", fontweight="bold", zorder=52)


def _true_north(crs: CRS, x: float, y: float) -> float:
    """Radians clockwise from grid north (up the map) to true north."""
    to_geo, to_map = _transformers(crs)
    lon, lat = to_geo.transform(x, y)
    x2, y2 = to_map.transform(lon, min(lat + 0.01, 89.99))
    return math.atan2(x2 - x, y2 - y)


@cache
def _transformers(crs: CRS) -> tuple[Transformer, Transformer]:
    """To and from longitude / latitude (slow to make, so made once)."""
    return (Transformer.from_crs(crs, 4326, always_xy=True),
            Transformer.from_crs(4326, crs, always_xy=True))


def geographic(crs: CRS, x: float, y: float) -> tuple[float, float]:
    """(longitude, latitude) of a point of the plan."""
    return _transformers(crs)[0].transform(x, y)


def no_map(ax: Axes, message: str) -> None:
    """Say in place of a map why there is none."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True,
            transform=ax.transAxes, style="italic", color="#444444")


def furnish(ax: Axes, plan: Plan, sheet: Sheet,
            labels: Labels | None = None,
            feature_scale: float | None = None) -> None:
    """Zone names (when given ``labels``; features' names too at
    1:``feature_scale`` or closer), scale bar and north arrow; or a note
    in place of the map when the plan has nothing to draw."""
    if plan.extent() is None:
        no_map(ax, tr("Nothing to map: the plan has no site and no "
                      "features"))
        return
    ax.set_xlabel("")   # geopandas names the CRS axes; the key says it
    ax.set_ylabel("")
    if labels is not None:
        map_names(ax, plan, labels, sheet, feature_scale)
    scale_bar(ax, sheet)
    north_arrow(ax, plan.crs, sheet)


def context_handles(plan: Plan, sheet: Sheet) -> list:
    """Legend entries for the muted layers under a thematic map."""
    handles = []
    for name, (fill, stroke, width) in MUTED.items():
        if len(plan[name]):
            style = LayerStyle(fill, stroke, width)
            handles.append(_handle(LAYERS[name].geom_kinds[-1], style, fill,
                                   "circle", sheet, LAYERS[name].label))
    return handles
