"""Copy and paste of features through the system clipboard.

Features travel as JSON under PlannerDesk's own MIME type (layer by layer,
with the CRS, so a paste into another plan lands in the same place), and
as a GeoJSON FeatureCollection in plain text for other programs.
"""

from __future__ import annotations

import json

import geopandas as gpd
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

MIME = "application/x-plannerdesk-features"


def copy_features(layers: dict[str, gpd.GeoDataFrame]) -> int:
    """Put the features of ``layers`` (name -> frame) on the clipboard;
    returns how many were copied."""
    layers = {k: v for k, v in layers.items() if len(v)}
    if not layers:
        return 0
    crs = next(iter(layers.values())).crs
    payload = {"crs": crs.to_wkt(),
               "layers": {name: json.loads(frame.to_json(drop_id=True))
                          for name, frame in layers.items()}}
    text = {"type": "FeatureCollection", "features": [
        {**feature, "properties": {**feature["properties"], "layer": name}}
        for name, collection in payload["layers"].items()
        for feature in collection["features"]]}
    data = QMimeData()
    data.setData(MIME, json.dumps(payload).encode("utf-8"))
    data.setText(json.dumps(text, ensure_ascii=False))
    QGuiApplication.clipboard().setMimeData(data)
    return sum(len(v) for v in layers.values())


def pasted_features() -> dict[str, gpd.GeoDataFrame]:
    """The features PlannerDesk put on the clipboard, by layer (empty
    when the clipboard holds none)."""
    data = QGuiApplication.clipboard().mimeData()
    if data is None or not data.hasFormat(MIME):
        return {}
    payload = json.loads(bytes(data.data(MIME)).decode("utf-8"))
    return {name: gpd.GeoDataFrame.from_features(collection["features"],
                                                 crs=payload["crs"])
            for name, collection in payload["layers"].items()}
