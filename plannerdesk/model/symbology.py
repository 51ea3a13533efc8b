"""How each layer looks: one palette shared by the canvas, QGIS styles and reports.

Colours are hex strings. A layer is drawn with one symbol, or by category
of ``category_field`` where that reads better (parking by type, facilities by
category). Point markers are named as in QGIS: circle, square, triangle,
diamond, star, cross.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from .language import N_


@dataclass(frozen=True)
class LayerStyle:
    """Fill, stroke, line width (mm in print, px x 3 on screen), marker size
    and shape; ``categories`` maps a value of ``category_field`` to a fill,
    ``markers`` to a marker shape (``marker`` where not given) and
    ``hatches`` to a hatch of its areas (matplotlib's pattern: ``////``
    diagonal, ``xxxx`` crossed, ``....`` dotted)."""

    fill: str
    stroke: str
    width: float = 0.3
    size: float = 2.4
    opacity: float = 1.0
    marker: str = "circle"
    category_field: str = ""
    categories: dict[str, str] = field(default_factory=dict)
    markers: dict[str, str] = field(default_factory=dict)
    hatches: dict[str, str] = field(default_factory=dict)

    def marker_of(self, category: str | None = None) -> str:
        """The marker shape for ``category`` (the layer's own for None)."""
        return self.markers.get(category, self.marker) if category \
            else self.marker


MARKERS = ("circle", "square", "triangle", "diamond", "star", "cross")

#: Facility categories in groups a reader can tell apart: one colour family
#: and one marker shape per group (food, shops, sport, exchange, transit,
#: services, housing).
_FACILITY_SYMBOLS = {
    "cafe": ("#e8833a", "circle"), "restaurant": ("#c4512c", "circle"),
    "convenience": ("#f2c14e", "square"), "supermarket": ("#c99a1e", "square"),
    "fitness": ("#3fa34d", "triangle"),
    "meeting_room": ("#8e5cc4", "diamond"),
    "lecture_hall": ("#5b2f91", "diamond"), "book_bar": ("#b58ad9", "diamond"),
    "coworking": ("#a0468f", "diamond"),
    "bus_stop": ("#2f7fc1", "star"), "metro_station": ("#113f7a", "star"),
    "clinic": ("#d62728", "cross"), "bank": ("#6b6b6b", "square"),
    "apartment": ("#8c564b", "triangle"),
}


STYLES: dict[str, LayerStyle] = {
    "site": LayerStyle("none", "#d62728", 0.8),
    "zones": LayerStyle("none", "#7f5fa8", 0.5),
    "buildings": LayerStyle("#c9b9a6", "#6f5f4f", 0.2),
    "public_areas": LayerStyle("#8fcf7a", "#3d8b2f", 0.3, opacity=0.85),
    "public_lines": LayerStyle("none", "#2a9d8f", 0.9),
    "public_points": LayerStyle("#3aa655", "#1f5f2f", 0.2, 2.8),
    "walkways": LayerStyle("none", "#8c8c8c", 0.35),
    "parking": LayerStyle(
        "#4a7bd0", "#1d3f7a", 0.3, 3.0, marker="square", category_field="type",
        categories={"surface": "#5b9bd5", "underground": "#1b2f6b",
                    "structure": "#7b68c8", "on_street": "#7fd3e6"},
        markers={"surface": "square", "underground": "diamond",
                 "structure": "triangle", "on_street": "circle"},
        hatches={"underground": "xxxx", "structure": "////",
                 "on_street": "...."}),
    "facilities": LayerStyle(
        "#f28e2b", "#4a2a10", 0.2, 2.6, category_field="category",
        categories={k: v[0] for k, v in _FACILITY_SYMBOLS.items()},
        markers={k: v[1] for k, v in _FACILITY_SYMBOLS.items()}),
    "review_notes": LayerStyle("#ffd400", "#7a6400", 0.3, 3.2),
}

#: Labelled layers, highest priority first: (layer, size in points, bold,
#: colour). Zone names show always; the others from the scale the planner
#: sets, on screen and in the report; a label that would overlap one
#: placed before it is left out.
LABELS: tuple[tuple[str, float, bool, str], ...] = (
    ("zones", 10.0, True, "#4b2c83"),
    ("public_areas", 8.5, False, "#2e6b30"),
    ("public_lines", 8.5, False, "#2e6b30"),
    ("public_points", 8.0, False, "#2e6b30"),
    ("facilities", 8.0, False, "#333333"),
    ("parking", 8.0, False, "#1f4e8c"))
ALWAYS_LABELLED = ("zones",)
FEATURE_LABEL_SCALE = 5000.0   # 1:N and closer, unless the planner sets N

#: Drawing order, bottom first.
DRAW_ORDER: tuple[str, ...] = (
    "site", "zones", "public_areas", "buildings", "walkways", "public_lines",
    "parking", "public_points", "facilities", "review_notes",
)

# Result colours, shared by the map overlays, the results charts and the
# report, so a colour means the same thing on screen and on paper.

#: Walk Score bands, best first (ColorBrewer RdYlGn); the thresholds are the
#: plan's ``walk.bands`` setting (90 / 70 / 50 / 25 by default).
SCORE_COLOURS: tuple[str, ...] = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59",
                                  "#d73027")
#: Parking zone flags.
FLAG_COLOURS: dict[str, str] = {"deficit": "#d62728", "surplus": "#1f77b4",
                                "balanced": "#bdbdbd"}
FLAG_ALPHA = 90 / 255          # zone fill under a flag
GAP_COLOUR = "#d62728"         # parts of the site outside a service walk
GAP_ALPHA = 80 / 255
IDLE_COLOUR = "#1f77b4"        # lots, sized by idle spaces
IDLE_ALPHA = 110 / 255
NEAR_COLOUR = "#1a9850"        # subject within the exchange walk
FAR_COLOUR = "#f28e2b"         # subject beyond it
EDGE_COLOUR = "#333333"
#: A proposal against its base, in every comparison (map, chart, table):
#: better green, worse red, the base and what did not change grey.
BETTER_COLOUR = "#1a9850"
WORSE_COLOUR = "#d73027"
BASE_COLOUR = "#9e9e9e"
ISLAND_COLOUR = "#c51b7d"      # walkway islands and the places on them
ISLAND_ALPHA = 150 / 255
SUPPLY_COLOUR = "#4d4d4d"      # parking supply in charts
ENCOUNTER_COLOURS = ("#bdbdbd", "#fdcc8a", "#fc8d59", "#d7301f")
SYNTAX_COLOURS = ("#2166ac", "#67a9cf", "#e6c229", "#ef8a62", "#b2182b")
"""Street segments by integration, least to most (space syntax's blue to
red)."""
"""Exchange spaces: none within the encounter walk, low, medium, high."""
SERVED_COLOUR = "#6baed6"      # parking demand met, in the hourly charts
USED_COLOUR = "#08519c"        # spaces used in a zone's own lots
#: A lot's occupancy at an hour: (below this share, colour, words)
OCCUPANCY_CLASSES: tuple[tuple[float, str, str], ...] = (
    (0.5, "#1f77b4", N_("under half full")),
    (0.85, "#ffd92f", N_("half full to 85%")),
    (float("inf"), "#d62728", N_("85% and over")))
COVERAGE_COLOUR = "#2a9d8f"    # coverage bars


def idle_radius_m(idle: ArrayLike) -> np.ndarray:
    """Radius (map metres) of the circle drawn for each lot's idle spaces."""
    return 8.0 + 2.5 * np.sqrt(np.clip(np.asarray(idle, float), 0, None))
