"""Names on the report's maps, as the window shows them: zone names
always, the names of spaces, facilities and lots when the map is at the
planner's label scale or closer; placed by priority (model.symbology
LABELS), a name that would overlap one placed before it left out."""

from __future__ import annotations

import shapely
from matplotlib.axes import Axes
from matplotlib.patheffects import withStroke
from matplotlib.transforms import ScaledTranslation

from ..model.plan import Plan
from ..model.symbology import ALWAYS_LABELLED, LABELS
from .labels import Labels
from .pages import Sheet
from .text import line_height, text_width

Box = tuple[float, float, float, float]
LEAST_PT = 7.0       # no text on the page is smaller
LIFT_PT = 3.0        # a point's name sits this far above it


def map_scale(ax: Axes) -> float:
    """N of the map's scale 1:N."""
    (x0, x1) = ax.get_xlim()
    paper_m = ax.get_position().width * ax.figure.get_size_inches()[0] \
        * 0.0254
    return (x1 - x0) / paper_m


def map_names(ax: Axes, plan: Plan, labels: Labels, sheet: Sheet,
              feature_scale: float | None = None) -> None:
    """Zone names, and with ``feature_scale`` the features' names when
    the map is at 1:``feature_scale`` or closer."""
    near = feature_scale is not None and map_scale(ax) <= feature_scale
    placed: list[Box] = []
    for layer, size, bold, colour in LABELS:
        if layer in ALWAYS_LABELLED or near:
            _layer_names(ax, plan, layer, labels, placed,
                         max(LEAST_PT, size - 1.5) * sheet.scale, bold,
                         colour, sheet)


def _layer_names(ax: Axes, plan: Plan, layer: str, labels: Labels,
                 placed: list[Box], size: float, bold: bool, colour: str,
                 sheet: Sheet) -> None:
    frame = plan[layer]
    if "name" not in frame.columns or frame.empty:
        return
    names = frame["name"]
    geoms = frame.geometry.to_numpy()
    keep = names.notna().to_numpy() & \
        (names.astype(str).str.strip() != "").to_numpy() & \
        ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    xy = shapely.get_coordinates(shapely.point_on_surface(geoms[keep]))
    area = layer in ALWAYS_LABELLED
    to_pt = 72.0 / ax.figure.dpi
    frame_box = ax.get_window_extent()
    inside = (frame_box.x0 * to_pt, frame_box.y0 * to_pt,
              frame_box.x1 * to_pt, frame_box.y1 * to_pt)
    for (x, y), name in zip(xy, names[keep], strict=True):
        text = labels.block(name) if area else labels.line(name)
        lines = text.split("\n")
        width = max(text_width(line, size, bold) for line in lines)
        height = line_height(size) * len(lines)
        px, py = (v * to_pt for v in ax.transData.transform((x, y)))
        bottom = py - height / 2 if area else py + LIFT_PT * sheet.scale
        box = (px - width / 2, bottom, px + width / 2, bottom + height)
        if not _within(box, inside) or any(_overlap(box, b) for b in placed):
            continue
        placed.append(box)
        ax.text(x, y, text, ha="center", va="center" if area else "bottom",
                fontsize=size, fontweight="bold" if bold else "normal",
                color=colour, zorder=40, clip_on=True,
                transform=ax.transData if area else
                ax.transData + _lift(ax, LIFT_PT * sheet.scale),
                path_effects=[withStroke(linewidth=2.5 * sheet.scale,
                                         foreground="white")])


def _lift(ax: Axes, points: float) -> ScaledTranslation:
    """``points`` upwards on the page."""
    return ScaledTranslation(0, points / 72, ax.figure.dpi_scale_trans)


def _within(box: Box, frame: Box) -> bool:
    return box[0] >= frame[0] and box[1] >= frame[1] and \
        box[2] <= frame[2] and box[3] <= frame[3]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

