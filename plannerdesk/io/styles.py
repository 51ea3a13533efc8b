"""QGIS styles for the plan's layers, stored in the GeoPackage's ``layer_styles``.

QGIS applies a layer's default style from that table when it opens the
table, so the plan looks the same there as in PlannerDesk. A style the
planner has already saved for a layer is never overwritten.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from xml.sax.saxutils import quoteattr

from ..model.schema import LAYERS
from ..model.symbology import STYLES, LayerStyle
from .gpkg_sql import create_attribute_table, quote, table_names

TABLE = "layer_styles"
_COLUMNS = (("f_table_catalog", "TEXT"), ("f_table_schema", "TEXT"),
            ("f_table_name", "TEXT"), ("f_geometry_column", "TEXT"),
            ("styleName", "TEXT"), ("styleQML", "TEXT"), ("styleSLD", "TEXT"),
            ("useAsDefault", "BOOLEAN"), ("description", "TEXT"),
            ("owner", "TEXT"), ("ui", "TEXT"), ("update_time", "DATETIME"))


def write_layer_styles(db: sqlite3.Connection,
                       tables: dict[str, tuple[str, str]]) -> None:
    """Add a default QGIS style for each plan layer that has none, inside
    the save's transaction. ``tables`` maps each plan layer to its table
    and geometry column in the file; other rows of the table stay as
    they are."""
    names = table_names(db)
    if TABLE not in names:
        create_attribute_table(db, TABLE, _COLUMNS)
    table = names.get(TABLE, TABLE)
    styled = {str(name).lower() for (name,) in db.execute(
        f"SELECT f_table_name FROM {quote(table)}") if name is not None}
    missing = [(layer, *where) for layer, where in tables.items()
               if where[0].lower() not in styled]
    if not missing:
        return
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    columns = ", ".join(quote(c) for c, _ in _COLUMNS)
    db.executemany(
        f"INSERT INTO {quote(table)} ({columns}) VALUES "
        f"({', '.join('?' * len(_COLUMNS))})",
        [("", "", name, geometry, f"PlannerDesk {layer}", layer_qml(layer),
          "", 1, "PlannerDesk default style", "", "", now)
         for layer, name, geometry in missing])


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
