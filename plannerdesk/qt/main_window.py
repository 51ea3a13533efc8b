"""The main window: map canvas, layer panel, drawing tools, undo history."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from PySide6.QtCore import QT_TR_NOOP, QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QSplitter,
)

from ..commands import AddFeatures, SetAttribute, SetSettings
from ..model.changes import Change
from ..model.crs import describe
from ..model.plan import Plan
from ..model.problems import PlannerError
from ..model.schema import FACILITY_CATEGORIES, LAYERS
from ..model.snapping import Snapper
from ..model.symbology import DRAW_ORDER, FEATURE_LABEL_SCALE
from ..model.words import human
from ..session import Session
from .attribute_form import AttributeForm
from .attribute_table import AttributeTable
from .clipboard import copy_features, pasted_features
from .draw_actions import DRAW_SPECS, DrawSpec, start_attributes
from .feature_results import FeatureResults
from .fieldwork_actions import FieldworkActions
from .file_actions import FileActions
from .find_feature import FindFeature
from .georeference_dialog import GeoreferenceDialog
from .help_menu import finish_menus
from .icons import icon
from .import_actions import ImportActions
from .language import tr
from .layer_panel import LayerPanel
from .legend import category_rows, layer_swatch
from .map_canvas import MapCanvas
from .map_labels import LABELS_Z, MapLabels
from .map_tools import DrawTool, MeasureTool
from .notes_panel import NotesPanel
from .parking_clock import TITLE as FIND_PARKING
from .parking_clock import ParkingClock
from .plan_layers import add_plan
from .quick_note import TITLE as QUICK_NOTE
from .quick_note import QuickNote
from .report_actions import ReportActions
from .results_view import ResultsView
from .scenario_bar import ScenarioBar
from .select_tool import SelectTool
from .selection import SelectionHighlight
from .settings_dialog import SettingsDialog
from .site_maps import SiteMapLayers
from .status_bar import StatusBar
from .tiled_layer import fit_markers
from .undo import UndoEverywhere, UndoHistory
from .vertex_tool import VertexTool

if TYPE_CHECKING:
    from .compare_dialog import CompareDialog
    from .suggest_dialog import SuggestDialog

# tool titles are keys (of the toolbar's actions and icons), shown
# through tr()
SELECT = QT_TR_NOOP("Select")
VERTICES = QT_TR_NOOP("Edit vertices")
MEASURE = QT_TR_NOOP("Measure")
PAN = QT_TR_NOOP("Pan")
SCALES = (500, 1000, 2000, 5000, 10000, 25000, 50000)


def _title(spec: DrawSpec | str | None) -> str:
    return PAN if spec is None else spec if isinstance(spec, str) \
        else spec.title


class MainWindow(QMainWindow):
    """One plan over its base map: view, draw, undo, save."""

    def __init__(self, plan: Plan, path: Path,
                 open_plan: Callable[[Path], object]) -> None:
        """``open_plan`` opens another plan in a new window."""
        super().__init__()
        self.setStatusBar(StatusBar())
        self.session = Session(plan, path)
        self.plan = plan
        self.canvas = MapCanvas(self)
        self.setCentralWidget(self.canvas)
        self.drawings = add_plan(self.canvas.scene(), plan)
        self.labels = MapLabels(plan, float(QSettings().value(
            "labels/feature_scale", FEATURE_LABEL_SCALE)))
        self.labels.setZValue(LABELS_Z)
        self.canvas.scene().addItem(self.labels)
        self.layer_items = {n: d.group for n, d in self.drawings.items()}
        self.canvas.snapper = Snapper()
        self.undo_stack = self.session.undo
        self.history = UndoHistory(self.undo_stack, self)
        self.history.clean_changed.connect(self.show_title)
        self.session.renamed.connect(self.show_title)
        self.selection = self.session.selection
        self.highlight = SelectionHighlight(self.selection,
                                            self.canvas.scene())
        self.canvas.scale_changed.connect(self.highlight.redraw)
        self.selection.changed.connect(self._show_attributes)
        self.session.status.connect(self.statusBar().showMessage)
        self.files = FileActions(self.session, self, open_plan)
        self._build_layer_panel()
        self._build_attribute_dock()
        self._build_menus()
        self._build_draw_toolbar()
        self._build_snapping_toolbar()
        self._build_status_bar()
        self._sync_snapper()
        plan.listeners.append(self._layer_changed)
        self.results = ResultsView(self.session, self, self.canvas.scene(),
                                   self.layer_panel)
        self.scenarios = ScenarioBar(self.session, self,
                                     self.compare_scenarios)
        self.notes = NotesPanel(self.session, self, self.zoom_to_bounds)
        self.fieldwork = FieldworkActions(self.session, self, self.files.menu,
                                          self.files.save)
        self.quick_note = QuickNote(
            self.session, self, self.canvas, self.draw_bar,
            self.tool_actions["Review note"], self.tool_label.setText)
        self.tool_actions[QUICK_NOTE] = self.quick_note.action
        self.parking_clock = ParkingClock(
            self.session, self, self.canvas, self.layer_panel,
            self.results.live, self.draw_bar,
            self.tool_actions["Review note"], self.tool_label.setText,
            self.results.dock)
        self.tool_actions[FIND_PARKING] = self.parking_clock.action
        self.feature_results.hour_shown = self.parking_clock.shown
        self.parking_clock.shown_changed.connect(self.feature_results.refresh)
        hours = self.parking_clock.dock.toggleViewAction()
        hours.setText(tr("Parking &by hour"))
        self.view_menu.addAction(hours)
        self.reports = ReportActions(self.session, self, self.files.menu,
                                     self.results.live)
        self.resizeDocks([self.findChild(QDockWidget, "layers"),
                          self.results.dock], [300, 420],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.findChild(QDockWidget, "attributes"),
                          self.results.dock], [380, 480],
                         Qt.Orientation.Vertical)
        self.table = AttributeTable(self.session, self, self.zoom_to_bounds)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.table)
        self.table.hide()
        self.view_menu.addAction(tr("&Attribute table"),
                                 self.show_attribute_table).setShortcut(
            QKeySequence("F6"))
        finish_menus(self, self.files.menu, self.view_menu)
        self.zoom_to_plan()
        self.show_title()
        self.resize(1400, 860)

    @property
    def path(self) -> Path:
        """The plan's file."""
        return self.session.path

    @path.setter
    def path(self, path: Path) -> None:
        self.session.path = Path(path)

    # -- building the window -------------------------------------------
    def _build_menus(self) -> None:
        edit = self.menuBar().addMenu(tr("&Edit"))
        self.undo_action, self.redo_action = self.history.actions(self)
        edit.addActions([self.undo_action, self.redo_action])
        self.undo_everywhere = UndoEverywhere(self)
        edit.addSeparator()
        edit.addAction(tr("&Copy"), self.copy_selection).setShortcut(
            QKeySequence.StandardKey.Copy)
        edit.addAction(tr("&Paste"), self.paste).setShortcut(
            QKeySequence.StandardKey.Paste)
        edit.addAction(tr("&Find feature..."), self.find_feature).setShortcut(
            QKeySequence.StandardKey.Find)
        edit.addAction(tr("Suggest p&laces..."), self.suggest_places)
        edit.addSeparator()
        edit.addAction(tr("Evaluation &settings..."), self.edit_settings)
        history = QDockWidget(tr("History"), self)
        history.setObjectName("history")
        history.setWidget(self.history.view())
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, history)
        view = self.view_menu = self.menuBar().addMenu(tr("&View"))
        view.addAction(tr("Zoom to &plan"), self.zoom_to_plan).setShortcut(
            QKeySequence("Ctrl+Shift+F"))
        view.addAction(tr("Zoom to la&yer"), lambda: self.zoom_to_layer(
            self.layer_panel.current_key()))
        view.addAction(tr("Zoom to &selection"), self.zoom_to_selection)
        view.addSeparator()
        labels = view.addAction(tr("&Labels"))
        labels.setCheckable(True)
        labels.setChecked(True)
        labels.setShortcut(QKeySequence("L"))
        labels.toggled.connect(self.labels.setVisible)
        view.addAction(tr("Label &features from scale..."),
                       self.ask_label_scale)
        view.addSeparator()

    def _build_draw_toolbar(self) -> None:
        bar = self.draw_bar = self.addToolBar(tr("Draw"))
        bar.setObjectName("draw")
        group = QActionGroup(self)
        self.tool_actions: dict[str, QAction] = {}
        for spec in (None, SELECT, VERTICES, MEASURE, *DRAW_SPECS):
            title = _title(spec)
            action = bar.addAction(icon(title), tr(title),
                                   partial(self.use_tool, spec))
            action.setCheckable(True)
            group.addAction(action)
            self.tool_actions[title] = action
        self.category = QComboBox()
        for category in FACILITY_CATEGORIES:
            self.category.addItem(human(category), category)
        self.category.setToolTip(tr("category of new facilities"))
        bar.insertWidget(self.tool_actions["Building"], self.category)

    def _build_layer_panel(self) -> None:
        self.layer_panel = LayerPanel()
        for name in DRAW_ORDER:
            self.layer_panel.add_layer(name, "", self.layer_items[name],
                                       layer_swatch(name))
            self._label_layer(name)
        self.site_maps = SiteMapLayers(self.session, self, self.canvas,
                                       self.layer_panel, self.georeference)
        self.imports = ImportActions(self.session, self, self.site_maps.menu)
        self.layer_panel.changed.connect(self._sync_snapper)
        self.layer_panel.zoom_requested.connect(self.zoom_to_layer)
        dock = QDockWidget(tr("Layers"), self)
        dock.setObjectName("layers")
        dock.setWidget(self.layer_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)

    def find_feature(self) -> FindFeature:
        """Find a feature by name: select it and zoom to it."""
        dialog = FindFeature(self.session, self, self.zoom_to_bounds)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.activateWindow()   # what is typed next goes into the box
        dialog.text.setFocus()
        return dialog

    def show_attribute_table(self) -> None:
        """The attribute table of the layer current in the layer panel."""
        self.table.layer.setCurrentIndex(
            self.table.layer.findData(self.current_layer()))
        self.table.show()
        self.table.raise_()

    def ask_label_scale(self) -> None:
        """Ask from which scale on the names of spaces, facilities and lots
        show (zone names always do)."""
        denominator, ok = QInputDialog.getInt(
            self, tr("Labels"), tr("Show the names of spaces, facilities and "
                                   "lots at 1:N or closer; N ="),
            int(self.labels.feature_scale), 100, 10_000_000, 500)
        if ok:
            self.set_label_scale(float(denominator))

    def set_label_scale(self, denominator: float) -> None:
        self.labels.feature_scale = denominator
        self.labels.update()
        QSettings().setValue("labels/feature_scale", denominator)

    def _build_snapping_toolbar(self) -> None:
        """Snapping on or off, and how near (screen pixels), as the planner
        left them last time."""
        stored = QSettings()
        bar = self.addToolBar(tr("Snapping"))
        bar.setObjectName("snapping")
        self.snap_action = bar.addAction(icon("Snap"), tr("Snap"))
        self.snap_action.setCheckable(True)
        self.snap_action.setShortcut(QKeySequence("S"))
        self.snap_action.setToolTip(tr("Snap to vertices and edges of the "
                                       "visible layers (S)"))
        self.snap_tolerance = QSpinBox()
        self.snap_tolerance.setRange(1, 50)
        self.snap_tolerance.setSuffix(tr(" px"))
        self.snap_tolerance.setToolTip(tr("how near the pointer snaps"))
        self.snap_tolerance.setValue(int(stored.value("snapping/pixels", 10)))
        bar.addWidget(self.snap_tolerance)
        self.snap_action.setChecked(
            stored.value("snapping/on", "true") in (True, "true"))
        self.snap_action.toggled.connect(self._snapping_changed)
        self.snap_tolerance.valueChanged.connect(self._snapping_changed)
        self._snapping_changed()

    def _snapping_changed(self, *_) -> None:
        on, pixels = self.snap_action.isChecked(), self.snap_tolerance.value()
        self.canvas.snap_pixels = float(pixels) if on else 0.0
        self.snap_tolerance.setEnabled(on)
        stored = QSettings()
        stored.setValue("snapping/on", on)
        stored.setValue("snapping/pixels", pixels)

    def _build_status_bar(self) -> None:
        self._to_lonlat: Transformer | None = None  # made on first use
        self.tool_label, self.measure_label, self.coords = \
            QLabel(), QLabel(), QLabel()
        self.scale_box = QComboBox()
        self.scale_box.setEditable(True)
        self.scale_box.setToolTip(tr("map scale: pick one or type 1:N"))
        self.scale_box.addItems([f"1:{n:,}" for n in SCALES])
        self.scale_box.lineEdit().returnPressed.connect(
            lambda: self.set_scale_text(self.scale_box.currentText()))
        self.scale_box.textActivated.connect(self.set_scale_text)
        for widget in (self.tool_label, self.measure_label, self.coords,
                       self.scale_box):
            self.statusBar().addPermanentWidget(widget)
        self.canvas.cursor_moved.connect(self._show_cursor)
        self.canvas.scale_changed.connect(self._show_scale)
        self.use_tool(None)

    # -- actions ---------------------------------------------------------
    def use_tool(self, spec: DrawSpec | str | None) -> None:
        """Make a tool active: a drawing spec, SELECT, or None to pan."""
        if spec is None:
            tool = None
        elif spec == SELECT:
            tool = SelectTool(self.canvas, self.session, self.visible_layers,
                              self.current_layer)
        elif spec == VERTICES:
            tool = VertexTool(self.canvas, self.session)
        elif spec == MEASURE:
            tool = MeasureTool(self.canvas, self.measure_label.setText)
        else:
            tool = DrawTool(self.canvas, spec.title, spec.kind,
                            partial(self._drawn, spec))
        self.canvas.set_tool(tool)
        self.tool_actions[_title(spec)].setChecked(True)
        hint = tr("drag to pan, wheel to zoom") if tool is None \
            else tr(tool.hint)  # tools' hints are marked English keys
        self.tool_label.setText(tr("{tool}: {hint}").format(
            tool=tr(_title(spec)), hint=hint))

    # -- selection and attributes ------------------------------------------
    def _build_attribute_dock(self) -> None:
        self.attributes = AttributeForm(self.edit_attribute)
        self.feature_results = FeatureResults(self.session,
                                              self.canvas.scene())
        body = QSplitter(Qt.Orientation.Vertical)  # the planner sizes both
        body.addWidget(self.attributes)
        body.addWidget(self.feature_results)
        body.setChildrenCollapsible(False)
        body.setStretchFactor(1, 1)
        dock = QDockWidget(tr("Attributes"), self)
        dock.setObjectName("attributes")
        dock.setWidget(body)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)

    def visible_layers(self) -> list[str]:
        """Visible plan layers, top-most first."""
        return [n for n in self.layer_panel.keys()
                if n in self.layer_items and self.layer_items[n].isVisible()]

    def current_layer(self) -> str:
        """The plan layer current in the layer panel (buildings if none)."""
        key = self.layer_panel.current_key()
        return key if key in self.layer_items else "buildings"

    def select(self, layer: str | None, fids: list[int],
               add: bool = False) -> None:
        """Select ``fids`` of ``layer`` (None, []: clear the selection)."""
        self.selection.set(layer, fids, add)

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

    def georeference(self, image: Path) -> GeoreferenceDialog | None:
        """Layer > Georeference an image: control points between the image
        and the map; the result is added as a site map."""
        return GeoreferenceDialog.start(self, self.canvas, image,
                                        self.site_maps.add_image,
                                        lambda: self.use_tool(None))

    def compare_scenarios(self) -> CompareDialog | None:
        """Scenario > Compare with: ask for the other scenario, show the
        comparison (None: cancelled or impossible)."""
        from .compare_dialog import CompareDialog, CompareView  # not at start
        return CompareDialog.start(self.session, CompareView(
            self, self.canvas.scene(), self.layer_panel, self.results.live,
            lambda base: self.reports.export_report(base)))

    def suggest_places(self) -> SuggestDialog:
        """Edit > Suggest places: the dialog (kept until closed)."""
        from .suggest_dialog import SuggestDialog  # not at start
        dialog = SuggestDialog(self.session, self, self.canvas.scene(),
                               self.layer_panel)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def push_command(self, command) -> None:
        """Do ``command`` on the plan, undoably (PlannerError if refused)."""
        self.undo_stack.push(command)

    def edit_attribute(self, layer: str, fid: int, column: str,
                       value: object) -> None:
        """Set one attribute (undoable); a PlannerError says why not."""
        self.undo_stack.push(SetAttribute(layer, fid, column, value))

    def copy_selection(self) -> None:
        """Copy the selected features to the clipboard."""
        copied = copy_features({
            layer: self.plan[layer].loc[fids]
            for layer, fids in self.selection.fids.items()})
        self.statusBar().showMessage(
            tr("Copied {n} feature(s)").format(n=copied) if copied
            else tr("Nothing selected"), 4000)

    def paste(self) -> None:
        """Paste copied features in place, into their layers, as one undo
        step; the pasted features become the selection."""
        pasted = pasted_features()
        if not pasted:
            self.statusBar().showMessage(tr("Nothing to paste"), 4000)
            return
        grouped = len(pasted) > 1  # a single layer needs no macro
        if grouped:
            self.undo_stack.begin_macro(tr("paste"))
        added: dict[str, list[int]] = {}
        try:
            for layer, features in pasted.items():
                command = AddFeatures(layer, features)
                self.undo_stack.push(command)
                added[layer] = command.fids.tolist()
        except PlannerError as exc:
            QMessageBox.warning(self, tr("PlannerDesk"), str(exc))
        finally:
            if grouped:
                self.undo_stack.end_macro()
        self.select(None, [])
        for layer, fids in added.items():
            self.select(layer, fids, add=True)

    def _drawn(self, spec: DrawSpec, geometry: shapely.Geometry) -> None:
        """Add what was drawn, select it and put the cursor in its name."""
        values = start_attributes(spec, geometry, self.plan.settings,
                                  self.category.currentData())
        features = gpd.GeoDataFrame(
            {k: [v] for k, v in values.items()}, geometry=[geometry],
            crs=self.plan.crs)
        command = AddFeatures(spec.layer, features)
        try:
            self.undo_stack.push(command)
        except PlannerError as exc:
            QMessageBox.warning(self, tr("PlannerDesk"), str(exc))
            return
        self.select(spec.layer, [int(f) for f in command.fids])
        self.attributes.focus_first(("name", "text"))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if not self.files.may_close():
            event.ignore()
            return
        self.results.live.wait()
        self.results.wait()
        self.parking_clock.wait()
        self.reports.wait()
        self.imports.wait()
        super().closeEvent(event)

    def zoom_to_plan(self) -> None:
        if self.plan.extent() is not None:
            self.zoom_to_bounds(self.plan.extent())

    def zoom_to_layer(self, key: str | None) -> None:
        """Zoom to a plan layer or site map of the layer panel."""
        if key in self.layer_items:
            self.zoom_to_bounds(self.plan[key].total_bounds)
        elif key is not None:
            rect = self.layer_panel.items[key].sceneBoundingRect()
            self.zoom_to_bounds((rect.left(), rect.top(), rect.right(),
                                 rect.bottom()))

    def zoom_to_bounds(self, bounds) -> None:
        """Fit (minx, miny, maxx, maxy) in the view; empty bounds: no-op."""
        x0, y0, x1, y1 = (float(v) for v in bounds)
        if not all(np.isfinite([x0, y0, x1, y1])):
            self.statusBar().showMessage(tr("Nothing to zoom to"), 4000)
            return
        pad = max(x1 - x0, y1 - y0, 20.0) * 0.1  # a point gets some context
        self.canvas.zoom_to(QRectF(x0 - pad, y0 - pad, x1 - x0 + 2 * pad,
                                   y1 - y0 + 2 * pad), margin=0.0)

    def zoom_to_selection(self) -> None:
        geoms = [self.plan[layer].geometry.loc[fids].to_numpy()
                 for layer, fids in self.selection.fids.items()]
        if not geoms:
            self.statusBar().showMessage(tr("Nothing selected"), 4000)
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
                tr("'{text}' is not a scale; type it as 1:2000").format(
                    text=text), 6000)
            return
        self.canvas.set_scale(denominator)

    # -- reacting to the plan --------------------------------------------
    def _layer_changed(self, change: Change) -> None:
        """Redraw and index anew only the features ``change`` names."""
        name = change.layer
        if name not in self.drawings:  # settings: nothing to redraw
            return
        self.drawings[name].update(change)
        fit_markers(self.canvas.scene())
        self.labels.refresh(name)
        if change.whole or change.added or change.removed or change.edited:
            self._label_layer(name)  # counts per category
        self.canvas.snapper.update(change, self.plan[name].geometry)
        self._show_attributes()

    def _sync_snapper(self) -> None:
        """Snap to the visible plan layers only."""
        snapper = self.canvas.snapper
        for name, item in self.layer_items.items():
            if item.isVisible() != (name in snapper.layers):
                snapper.set_layer(name, self.plan[name].geometry
                                  if item.isVisible() else None)

    def _label_layer(self, name: str) -> None:
        self.layer_panel.set_title(
            name, f"{LAYERS[name].label} ({len(self.plan[name])})",
            category_rows(name, self.plan[name]))

    def show_title(self, *_) -> None:
        """The plan file's name, with * while there are unsaved edits."""
        mark = "" if self.undo_stack.is_clean() else "*"
        self.setWindowTitle(tr("{name}{mark} - PlannerDesk").format(
            name=self.path.name, mark=mark))

    def _show_cursor(self, point: QPointF) -> None:
        if self._to_lonlat is None:
            self._to_lonlat = Transformer.from_crs(self.plan.crs, 4326,
                                                   always_xy=True)
        lon, lat = self._to_lonlat.transform(point.x(), point.y())
        self.coords.setText(tr("{x:,.1f}, {y:,.1f} ({crs})   "
                               "{lon:.5f}°E, {lat:.5f}°N").format(
            x=point.x(), y=point.y(), crs=describe(self.plan.crs), lon=lon,
            lat=lat))

    def _show_scale(self, denominator: float) -> None:
        if not self.scale_box.lineEdit().hasFocus():
            self.scale_box.setEditText(f"1:{denominator:,.0f}")
