"""The main window: the map canvas, a layer list and a status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import (QDockWidget, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow)
from pyproj import Transformer

from ..model.crs import describe
from ..model.plan import Plan
from ..model.schema import LAYERS
from ..model.symbology import DRAW_ORDER
from .map_canvas import MapCanvas
from .plan_layers import add_plan, basemap_item


class MainWindow(QMainWindow):
    """Shows one plan over its base map; layers can be switched on and off."""

    def __init__(self, plan: Plan, path: Path,
                 basemap: Path | None = None) -> None:
        super().__init__()
        self.plan, self.path = plan, path
        self.setWindowTitle(f"{path.name} - PlannerDesk")
        self.canvas = MapCanvas(self)
        self.setCentralWidget(self.canvas)
        if basemap is not None:
            self.canvas.scene().addItem(basemap_item(basemap))
        self.layer_items = add_plan(self.canvas.scene(), plan)
        self._build_layer_list()
        self._to_lonlat = Transformer.from_crs(plan.crs, 4326, always_xy=True)
        self.coords = QLabel()
        self.statusBar().addPermanentWidget(self.coords)
        self.statusBar().showMessage(
            f"{describe(plan.crs)} - drag to pan, wheel to zoom")
        self.canvas.cursor_moved.connect(self._show_cursor)
        self.resize(1280, 800)

    def zoom_to_plan(self) -> None:
        x0, y0, x1, y1 = self.plan.extent()
        self.canvas.zoom_to(QRectF(x0, y0, x1 - x0, y1 - y0))

    def _build_layer_list(self) -> None:
        self.layer_list = QListWidget()
        for name in reversed(DRAW_ORDER):
            item = QListWidgetItem(f"{LAYERS[name].title} "
                                   f"({len(self.plan[name])})")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setCheckState(Qt.CheckState.Checked)
            self.layer_list.addItem(item)
        self.layer_list.itemChanged.connect(self._toggle_layer)
        dock = QDockWidget("Layers", self)
        dock.setObjectName("layers")
        dock.setWidget(self.layer_list)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def _toggle_layer(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        self.layer_items[name].setVisible(
            item.checkState() == Qt.CheckState.Checked)

    def _show_cursor(self, point: QPointF) -> None:
        lon, lat = self._to_lonlat.transform(point.x(), point.y())
        self.coords.setText(f"{point.x():,.1f}, {point.y():,.1f} m   "
                            f"{lon:.5f}°E, {lat:.5f}°N")
