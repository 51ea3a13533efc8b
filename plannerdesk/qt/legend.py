"""Legend swatches: the symbol of a layer or category as a small icon."""

from __future__ import annotations

import geopandas as gpd
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ..model.schema import LAYERS
from ..model.symbology import STYLES, LayerStyle
from ..model.words import human
from .geometry_paths import add_marker, qcolor
from .language import tr

SWATCH_PX = 18


def swatch(kind: str, fill: QColor, stroke: QColor, width: float = 1.0,
           marker: str = "circle") -> QIcon:
    """An icon drawing one ``kind`` ('point', 'line', 'polygon') symbol with
    an outline ``width`` pixels wide."""
    pixmap = QPixmap(SWATCH_PX, SWATCH_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(stroke, max(1.0, width)))
    painter.setBrush(fill)
    middle = SWATCH_PX / 2
    if kind == "point":
        path = QPainterPath()
        add_marker(path, middle, middle, SWATCH_PX * 0.38, marker)
        painter.translate(0, SWATCH_PX)  # marker outlines are drawn y up
        painter.scale(1, -1)
        painter.drawPath(path)
    elif kind == "line":
        painter.drawLine(QPointF(2, SWATCH_PX - 4), QPointF(SWATCH_PX - 2, 4))
    else:
        painter.drawRect(QRectF(2.5, 3.5, SWATCH_PX - 5, SWATCH_PX - 7))
    painter.end()
    return QIcon(pixmap)


def _style_swatch(kind: str, style: LayerStyle, fill: str,
                  marker: str) -> QIcon:
    return swatch(kind, qcolor(fill, style.opacity), qcolor(style.stroke),
                  style.width * 3, marker)


def layer_swatch(name: str) -> QIcon:
    """The symbol of layer ``name`` as a whole (its uncategorised look)."""
    style = STYLES[name]
    return _style_swatch(LAYERS[name].geom_kinds[-1], style, style.fill,
                         style.marker)


def category_rows(name: str, layer: gpd.GeoDataFrame
                  ) -> list[tuple[QIcon, str]]:
    """(icon, 'label (count)') for each category of layer ``name`` present
    in ``layer``; empty for layers drawn with one symbol."""
    style = STYLES[name]
    if not style.categories or style.category_field not in layer.columns:
        return []
    counts = layer[style.category_field].value_counts()
    kind = LAYERS[name].geom_kinds[-1] if name != "parking" else "polygon"
    rows = []
    for value, fill in style.categories.items():
        if counts.get(value, 0):
            label = f"{human(value)} ({counts[value]})"
            rows.append((_style_swatch(kind, style, fill,
                                       style.marker_of(value)), label))
    other = len(layer) - int(counts.reindex(list(style.categories))
                             .fillna(0).sum())
    if other:
        rows.append((layer_swatch(name),
                     tr("other ({count})").format(count=other)))
    return rows
