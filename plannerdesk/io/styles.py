"""QGIS styles for the plan's layers, stored in the GeoPackage's ``layer_styles``.

QGIS applies a layer's default style from that table when it opens the
table, so the plan looks the same there as in PlannerDesk. A style the
planner has already saved for a layer is never overwritten.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pandas as pd
import pyogrio

from ..model.schema import LAYERS
from ..model.symbology import STYLES, LayerStyle

TABLE = "layer_styles"


def write_layer_styles(path: Path) -> None:
    """Add a default QGIS style for each plan layer that has none."""
    existing: set[str] = set()
    tables = {str(row[0]) for row in pyogrio.list_layers(path)}
    if TABLE in tables:
        existing = set(pyogrio.read_dataframe(
            path, layer=TABLE, columns=["f_table_name"])["f_table_name"])
    missing = [name for name in LAYERS if name not in existing]
    if not missing:
        return
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    frame = pd.DataFrame({
        "f_table_catalog": "", "f_table_schema": "",
        "f_table_name": missing, "f_geometry_column": "geom",
        "styleName": [f"PlannerDesk {n}" for n in missing],
        "styleQML": [layer_qml(n) for n in missing], "styleSLD": "",
        "useAsDefault": True, "description": "PlannerDesk default style",
        "owner": "", "ui": "", "update_time": now,
    })
    pyogrio.write_dataframe(frame, path, layer=TABLE, driver="GPKG",
                            append=TABLE in tables)


def layer_qml(name: str) -> str:
    """A QGIS QML document drawing layer ``name`` in PlannerDesk's palette."""
    style = STYLES[name]
    kind = LAYERS[name].geom_kinds[-1]
    if style.categories:
        cats = "".join(
            f'<category symbol="{i}" value={quoteattr(v)} '
            f'label={quoteattr(v)} render="true"/>'
            for i, v in enumerate(style.categories))
        symbols = "".join(
            _symbol(str(i), kind, style, colour, style.marker_of(value))
            for i, (value, colour) in enumerate(style.categories.items()))
        renderer = (f'<renderer-v2 type="categorizedSymbol" '
                    f'attr="{style.category_field}"><categories>{cats}'
                    f'</categories><symbols>{symbols}</symbols></renderer-v2>')
    else:
        renderer = ('<renderer-v2 type="singleSymbol"><symbols>'
                    f'{_symbol("0", kind, style, style.fill, style.marker)}</symbols>'
                    '</renderer-v2>')
    return ('<!DOCTYPE qgis PUBLIC \'http://mrcc.com/qgis.dtd\' \'SYSTEM\'>'
            f'<qgis version="3.28" styleCategories="Symbology">{renderer}'
            f'<layerOpacity>{style.opacity}</layerOpacity></qgis>')


def _rgba(colour: str) -> str:
    if colour == "none":
        return "0,0,0,0"
    return ",".join(str(int(colour[i:i + 2], 16)) for i in (1, 3, 5)) + ",255"


def _options(values: dict[str, str]) -> str:
    items = "".join(f'<Option name="{k}" type="QString" value="{v}"/>'
                    for k, v in values.items())
    return f'<Option type="Map">{items}</Option>'


def _symbol(sym_name: str, kind: str, style: LayerStyle, fill: str,
            marker: str) -> str:
    if kind == "point":
        cls, sym_type = "SimpleMarker", "marker"
        opts = {"name": marker, "color": _rgba(fill),
                "outline_color": _rgba(style.stroke), "size": str(style.size)}
    elif kind == "line":
        cls, sym_type = "SimpleLine", "line"
        opts = {"line_color": _rgba(style.stroke),
                "line_width": str(style.width)}
    else:
        cls, sym_type = "SimpleFill", "fill"
        opts = {"color": _rgba(fill), "style": "no" if fill == "none"
                else "solid", "outline_color": _rgba(style.stroke),
                "outline_width": str(style.width)}
    return (f'<symbol type="{sym_type}" name="{sym_name}" alpha="1">'
            f'<layer class="{cls}" enabled="1" pass="0" locked="0">'
            f'{_options(opts)}</layer></symbol>')
