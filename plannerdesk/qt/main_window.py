"""The main window: map canvas, layer list, drawing tools, undo history."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QComboBox, QDockWidget, QGraphicsItemGroup,
                               QFileDialog, QLabel, QListWidget,
                               QListWidgetItem, QMainWindow, QMessageBox,
                               QUndoView)
from pyproj import Transformer

from ..commands import (AddFeatures, DeleteFeatures, MoveFeatures,
                        SetAttribute, SetSettings)
from ..io.gpkg import save_plan
from ..io.recovery import discard_recovery, recovery_path
from ..model.crs import describe
from ..model.plan import Plan
from ..model.problems import PlannerError
from ..model.schema import FACILITY_CATEGORIES, LAYERS
from ..model.snapping import Snapper
from ..model.symbology import DRAW_ORDER
from .draw_actions import DRAW_SPECS, DrawSpec, start_attributes
from .map_canvas import MapCanvas
from .attribute_form import AttributeForm
from .evaluation import LiveEvaluation
from .map_tools import DrawTool, MeasureTool
from .overlays import OVERLAYS
from .recent import ask_unsaved, recent_files, remember_recent
from .results_dock import ResultsDock
from .plan_layers import add_plan, basemap_item, layer_item
from .select_tool import SelectTool
from .settings_dialog import SettingsDialog
from .selection import Selection
from .undo import push
from .vertex_tool import VertexTool

SELECT = "Select"
VERTICES = "Edit vertices"
MEASURE = "Measure"


def _title(spec: DrawSpec | str | None) -> str:
    return "Pan" if spec is None else spec if isinstance(spec, str) \
        else spec.title

SCALES = (500, 1000, 2000, 5000, 10000, 25000, 50000)
AUTOSAVE_MS = 2000


class MainWindow(QMainWindow):
    """One plan over its base map: view, draw, undo, save."""

    def __init__(self, plan: Plan, path: Path,
                 basemap: Path | None = None) -> None:
        super().__init__()
        self.plan, self.path = plan, path
        self.canvas = MapCanvas(self)
        self.setCentralWidget(self.canvas)
        if basemap is not None:
            self.canvas.scene().addItem(basemap_item(basemap))
        self.layer_items = add_plan(self.canvas.scene(), plan)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._show_title)
        self.selection = Selection(plan, self.canvas.scene())
        self._build_layer_list()
        self._build_attribute_dock()
        self._build_menus()
        self._build_draw_toolbar()
        self._build_status_bar()
        self._refresh_snapper()
        plan.listeners.append(self._layer_changed)
        self._build_results()
        self.zoom_to_plan()
        self._show_title()
        self.resize(1400, 860)

    # -- building the window -------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction("&Open...", self.open_other).setShortcut(
            QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        save = file_menu.addAction("&Save", self.save)
        save.setShortcut(QKeySequence.StandardKey.Save)
        file_menu.addAction("Save &as...", self.save_as).setShortcut(
            QKeySequence.StandardKey.SaveAs)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self._autosave)
        self.undo_stack.indexChanged.connect(self.autosave_timer.start)
        edit = self.menuBar().addMenu("&Edit")
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addAction("Evaluation &settings...", self.edit_settings)
        history = QDockWidget("History", self)
        history.setObjectName("history")
        history.setWidget(QUndoView(self.undo_stack))
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, history)
        view = self.menuBar().addMenu("&View")
        view.addAction("Zoom to &plan", self.zoom_to_plan).setShortcut(
            QKeySequence("Ctrl+Shift+F"))
        view.addAction("Zoom to &layer", lambda: self.zoom_to_bounds(
            self.plan[self.current_layer()].total_bounds))
        view.addAction("Zoom to &selection", self.zoom_to_selection)
        view.addSeparator()
        view.addAction(history.toggleViewAction())

    def _build_draw_toolbar(self) -> None:
        bar = self.addToolBar("Draw")
        bar.setObjectName("draw")
        group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        for spec in (None, SELECT, VERTICES, MEASURE, *DRAW_SPECS):
            title = _title(spec)
            action = bar.addAction(title, partial(self.use_tool, spec))
            action.setCheckable(True)
            group.addAction(action)
            self.tool_actions[title] = action
        self.category = QComboBox()
        self.category.addItems(FACILITY_CATEGORIES)
        self.category.setToolTip("category of new facilities")
        bar.addWidget(self.category)

    def _build_layer_list(self) -> None:
        self.layer_list = QListWidget()
        for name in reversed(DRAW_ORDER):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setCheckState(Qt.CheckState.Checked)
            self.layer_list.addItem(item)
        self._label_layers()
        self.layer_list.itemChanged.connect(self._toggle_layer)
        dock = QDockWidget("Layers", self)
        dock.setObjectName("layers")
        dock.setWidget(self.layer_list)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def _build_status_bar(self) -> None:
        self._to_lonlat = Transformer.from_crs(self.plan.crs, 4326,
                                               always_xy=True)
        self.tool_label, self.measure_label, self.coords = \
            QLabel(), QLabel(), QLabel()
        self.scale_box = QComboBox()
        self.scale_box.setEditable(True)
        self.scale_box.setToolTip("map scale: pick one or type 1:N")
        self.scale_box.addItems([f"1:{n:,}" for n in SCALES])
        self.scale_box.lineEdit().returnPressed.connect(
            lambda: self.set_scale_text(self.scale_box.currentText()))
        self.scale_box.textActivated.connect(self.set_scale_text)
        for widget in (self.tool_label, self.measure_label, self.coords,
                       self.scale_box):
            self.statusBar().addPermanentWidget(widget)
        self.canvas.cursor_moved.connect(self._show_cursor)
        self.use_tool(None)

    # -- actions ---------------------------------------------------------
    def use_tool(self, spec: DrawSpec | str | None) -> None:
        """Make a tool active: a drawing spec, SELECT, or None to pan."""
        if spec is None:
            tool = None
        elif spec == SELECT:
            tool = SelectTool(self.canvas, self)
        elif spec == VERTICES:
            tool = VertexTool(self.canvas, self)
        elif spec == MEASURE:
            tool = MeasureTool(self.canvas, self.measure_label.setText)
        else:
            tool = DrawTool(self.canvas, spec.title, spec.kind,
                            partial(self._drawn, spec))
        self.canvas.set_tool(tool)
        self.tool_actions[_title(spec)].setChecked(True)
        hint = "drag to pan, wheel to zoom" if tool is None else tool.hint
        self.tool_label.setText(f"{_title(spec)}: {hint}")

    # -- evaluation ---------------------------------------------------------
    def _build_results(self) -> None:
        self.results_panel = ResultsDock()
        dock = QDockWidget("Results", self)
        dock.setObjectName("results")
        dock.setWidget(self.results_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.overlay_items: dict[str, QGraphicsItemGroup] = {}
        self.overlay_actions: dict[str, QAction] = {}
        menu = self.menuBar().addMenu("&Overlays")
        for name in OVERLAYS:
            action = menu.addAction(name, self._redraw_overlays)
            action.setCheckable(True)
            self.overlay_actions[name] = action
        self.gap_target = QComboBox()
        self.gap_target.setToolTip("target whose coverage gaps are drawn")
        self.gap_target.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.gap_target.currentTextChanged.connect(self._redraw_overlays)
        self.addToolBar("Overlays").addWidget(self.gap_target)
        self.live = LiveEvaluation(self.plan, self)
        self.live.started.connect(self.results_panel.running)
        self.live.updated.connect(self._results_ready)
        self.live.failed.connect(self.results_panel.show_failure)
        self.live.request()

    def _results_ready(self, results) -> None:
        self.results_panel.show_results(results)
        targets = list(results.coverage.table.index)
        if targets != [self.gap_target.itemText(i)
                       for i in range(self.gap_target.count())]:
            current = self.gap_target.currentText() or "public_areas"
            self.gap_target.blockSignals(True)
            self.gap_target.clear()
            self.gap_target.addItems(targets)
            self.gap_target.setCurrentText(current)
            self.gap_target.blockSignals(False)
        self._redraw_overlays()

    def _redraw_overlays(self, *_) -> None:
        for item in self.overlay_items.values():
            self.canvas.scene().removeItem(item)
        self.overlay_items.clear()
        results = self.live.results
        if results is None:
            return
        for name, action in self.overlay_actions.items():
            if action.isChecked():
                make = OVERLAYS[name]
                item = make(results, self.gap_target.currentText()) \
                    if name == "Coverage gaps" else make(results)
                self.canvas.scene().addItem(item)
                self.overlay_items[name] = item

    # -- selection and attributes ------------------------------------------
    def _build_attribute_dock(self) -> None:
        self.attributes = AttributeForm(self.edit_attribute)
        dock = QDockWidget("Attributes", self)
        dock.setObjectName("attributes")
        dock.setWidget(self.attributes)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

    def visible_layers(self) -> list[str]:
        """Visible layers, top-most first."""
        return [n for n in reversed(DRAW_ORDER)
                if self.layer_items[n].isVisible()]

    def current_layer(self) -> str:
        item = self.layer_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "buildings"

    def selection_pairs(self) -> set[tuple[str, int]]:
        return self.selection.pairs()

    def select(self, layer: str | None, fids: list[int],
               add: bool = False) -> None:
        self.selection.set(layer, fids, add)
        self._show_attributes()

    def _show_attributes(self) -> None:
        first = self.selection.first()
        if first is None:
            self.attributes.show_feature(None, None, None)
            return
        layer, fid = first
        self.attributes.show_feature(layer, fid, self.plan[layer].loc[fid])

    def edit_settings(self) -> None:
        """Show the settings dialog; OK applies the settings undoably."""
        dialog = SettingsDialog(self.plan.settings, self)
        if dialog.exec() and dialog.result_settings is not None:
            self.push_command(SetSettings(dialog.result_settings))

    def push_command(self, command) -> None:
        """Do ``command`` on the plan, undoably (PlannerError if refused)."""
        push(self.undo_stack, self.plan, command)

    def edit_attribute(self, layer: str, fid: int, column: str,
                       value: object) -> None:
        """Set one attribute (undoable); a PlannerError says why not."""
        push(self.undo_stack, self.plan, SetAttribute(layer, fid, column,
                                                      value))

    def move_selection(self, dx: float, dy: float) -> None:
        self.undo_stack.beginMacro("move")
        for layer, fids in self.selection.fids.items():
            push(self.undo_stack, self.plan, MoveFeatures(layer, fids, dx, dy))
        self.undo_stack.endMacro()

    def delete_selection(self) -> None:
        self.undo_stack.beginMacro("delete")
        for layer, fids in list(self.selection.fids.items()):
            push(self.undo_stack, self.plan, DeleteFeatures(layer, fids))
        self.undo_stack.endMacro()

    def _drawn(self, spec: DrawSpec, geometry: shapely.Geometry) -> None:
        values = start_attributes(spec, geometry, self.plan.settings,
                                  self.category.currentText())
        features = gpd.GeoDataFrame(
            {k: [v] for k, v in values.items()}, geometry=[geometry],
            crs=self.plan.crs)
        try:
            push(self.undo_stack, self.plan, AddFeatures(spec.layer,
                                                         features))
        except PlannerError as exc:
            QMessageBox.warning(self, "PlannerDesk", str(exc))

    def save(self) -> bool:
        try:
            save_plan(self.plan, self.path)
        except PlannerError as exc:
            QMessageBox.critical(self, "PlannerDesk", str(exc))
            return False
        self.undo_stack.setClean()
        discard_recovery(self.path)
        remember_recent(self.path)
        self.statusBar().showMessage(f"Saved {self.path}", 5000)
        return True

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save plan as", str(self.path), "Plans (*.gpkg)")
        if not name:
            return False
        self.path = Path(name).with_suffix(".gpkg")
        return self.save()

    def _autosave(self) -> None:
        """Write unsaved edits to the recovery file (never over the plan)."""
        if self.undo_stack.isClean():
            return
        try:
            save_plan(self.plan, recovery_path(self.path))
        except PlannerError as exc:
            self.statusBar().showMessage(f"Autosave failed: {exc}", 10000)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.undo_stack.isClean():
            answer = ask_unsaved(self)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and
                    not self.save()):
                event.ignore()
                return
        discard_recovery(self.path)
        self.live.wait()
        super().closeEvent(event)

    def open_other(self, path: Path | None = None) -> None:
        """Open another plan in a new window (this one stays open)."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self, "Open plan", str(self.path.parent), "Plans (*.gpkg)")
            if not name:
                return
            path = Path(name)
        from .app import show_window  # the app module builds windows
        show_window(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_files():
            self.recent_menu.addAction(str(path),
                                       partial(self.open_other, path))

    def zoom_to_plan(self) -> None:
        if self.plan.extent() is not None:
            self.zoom_to_bounds(self.plan.extent())

    def zoom_to_bounds(self, bounds) -> None:
        """Fit (minx, miny, maxx, maxy) in the view; empty bounds: no-op."""
        x0, y0, x1, y1 = (float(v) for v in bounds)
        if not all(np.isfinite([x0, y0, x1, y1])):
            self.statusBar().showMessage("Nothing to zoom to", 4000)
            return
        pad = max(x1 - x0, y1 - y0, 20.0) * 0.1  # a point gets some context
        self.canvas.zoom_to(QRectF(x0 - pad, y0 - pad, x1 - x0 + 2 * pad,
                                   y1 - y0 + 2 * pad), margin=0.0)

    def zoom_to_selection(self) -> None:
        geoms = [self.plan[layer].geometry.loc[fids].to_numpy()
                 for layer, fids in self.selection.fids.items()]
        if not geoms:
            self.statusBar().showMessage("Nothing selected", 4000)
            return
        self.zoom_to_bounds(shapely.total_bounds(np.concatenate(geoms)))

    def set_scale_text(self, text: str) -> None:
        """Apply a scale typed as '1:2000', '1:2,000' or '2000'."""
        digits = text.split(":")[-1].replace(",", "").strip()
        try:
            denominator = float(digits)
        except ValueError:
            denominator = 0.0
        if denominator <= 0:
            self.statusBar().showMessage(
                f"'{text}' is not a scale; type it as 1:2000", 6000)
            return
        self.canvas.set_scale(denominator)

    # -- reacting to the plan --------------------------------------------
    def _layer_changed(self, name: str) -> None:
        if name not in self.layer_items:  # settings: nothing to redraw
            return
        old = self.layer_items[name]
        new = layer_item(self.plan, name)
        new.setZValue(old.zValue())
        new.setVisible(old.isVisible())
        self.canvas.scene().removeItem(old)
        self.canvas.scene().addItem(new)
        self.layer_items[name] = new
        self._label_layers()
        self._refresh_snapper()
        self.selection.prune()
        self._show_attributes()

    def _refresh_snapper(self) -> None:
        geoms = [self.plan[n].geometry.to_numpy() for n, item in
                 self.layer_items.items() if item.isVisible()]
        self.canvas.snapper = Snapper(np.concatenate(geoms)) if geoms \
            else None

    def _label_layers(self) -> None:
        self.layer_list.blockSignals(True)  # a new text is not a toggle
        for i in range(self.layer_list.count()):
            item = self.layer_list.item(i)
            name = item.data(Qt.ItemDataRole.UserRole)
            item.setText(f"{LAYERS[name].title} ({len(self.plan[name])})")
        self.layer_list.blockSignals(False)

    def _toggle_layer(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        self.layer_items[name].setVisible(
            item.checkState() == Qt.CheckState.Checked)
        self._refresh_snapper()

    def _show_title(self, *_) -> None:
        mark = "" if self.undo_stack.isClean() else "*"
        self.setWindowTitle(f"{self.path.name}{mark} - PlannerDesk")

    def _show_cursor(self, point: QPointF) -> None:
        lon, lat = self._to_lonlat.transform(point.x(), point.y())
        self.coords.setText(f"{point.x():,.1f}, {point.y():,.1f} "
                            f"({describe(self.plan.crs)})   "
                            f"{lon:.5f}°E, {lat:.5f}°N")
        if not self.scale_box.lineEdit().hasFocus():
            self.scale_box.setEditText(
                f"1:{self.canvas.scale_denominator():,.0f}")
