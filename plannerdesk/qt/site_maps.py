"""A window's site maps: images and reference layers under the plan, kept
in step with the plan's list, added and removed from the Layer menu."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import count
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsItem,
    QGraphicsItemGroup,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from ..commands.site_maps import (
    SITE_MAPS,
    AddSiteMap,
    RelocateSiteMap,
    RemoveSiteMap,
    ShowSiteMaps,
)
from ..io.rasters import read_site_raster
from ..io.reference import needs_crs, read_reference, reference_layers
from ..model.crs import describe, parse_crs
from ..model.problems import PlannerError
from ..model.sitemaps import SiteMap, resolve
from ..session import Session
from .language import tr
from .layer_panel import LayerPanel
from .site_map_items import raster_item, reference_item

IMAGES = " (*.png *.jpg *.jpeg *.tif *.tiff)"
VECTORS = " (*.gpkg *.geojson *.json *.shp *.dxf)"


def _file(site_map: SiteMap) -> tuple[str, str | None]:
    """What a site map is known by: its file and layer."""
    return site_map.path, site_map.layer


def ask_crs(parent: QWidget | None, path: Path, default: str) -> str | None:
    """Ask which CRS a file without one was drawn in (None: cancelled)."""
    text, ok = QInputDialog.getText(
        parent, tr("Coordinate system"), tr(
            "{name} has no coordinate system.\nWhich CRS was it drawn in? "
            "(e.g. EPSG:4549)").format(name=path.name), text=default)
    return text.strip() if ok and text.strip() else None


def ask_layer(parent: QWidget | None, path: Path,
              layers: list[str]) -> str | None:
    """Which layer of a multi-layer file to show (None: cancelled)."""
    layer, ok = QInputDialog.getItem(
        parent, tr("Reference layer"),
        tr("Layer of {name} to show:").format(name=path.name), layers, 0,
        False)
    return layer if ok else None


def locate_missing(parent: QWidget | None, name: str,
                   expected: Path) -> Path | None:
    """Ask where a site map's file went (None: leave it missing)."""
    answer = QMessageBox.question(
        parent, tr("PlannerDesk"), tr(
            "The site map '{name}' is not at {path}.\nWas it moved? Locate "
            "it to show it again.").format(name=name, path=expected),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Ignore,
        QMessageBox.StandardButton.Open)
    if answer != QMessageBox.StandardButton.Open:
        return None
    found, _ = QFileDialog.getOpenFileName(
        parent, tr("Locate {name}").format(name=expected.name),
        str(expected.parent),
        f"{expected.name} (*{expected.suffix});;" + tr("All files") + " (*)")
    return Path(found) if found else None


class SiteMapLayers(QObject):
    """Shows ``plan.site_maps`` under the plan layers in the layer panel."""

    def __init__(self, session: Session, window: QMainWindow, canvas,
                 layer_panel: LayerPanel,
                 georeference: Callable[[Path], object]) -> None:
        """``georeference(image)`` starts georeferencing an image."""
        super().__init__(window)
        self.session, self.window = session, window
        self.canvas, self.layer_panel = canvas, layer_panel
        self.start_georeference = georeference
        menu = window.menuBar().addMenu(tr("&Layer"))
        menu.addAction(tr("&Add site map image..."), self.add_image)
        menu.addAction(tr("Add &reference layer..."), self.add_reference)
        menu.addAction(tr("&Georeference an image..."), self.georeference)
        menu.addSeparator()
        menu.addAction(tr("Re&move site map"), self.remove_current)
        self.menu = menu
        self.shown: dict[str, SiteMap] = {}  # by layer-panel key
        self._keys = (f"site map: {n}" for n in count(1))
        session.plan.listeners.append(
            lambda change: self.sync() if change.layer == SITE_MAPS
            else None)
        layer_panel.shown_as.connect(self._display_changed)
        self.sync()

    # -- adding and removing -------------------------------------------
    def add_image(self, path: Path | None = None) -> None:
        path = path or self._choose(tr("Add site map image"),
                                   tr("Images") + IMAGES)
        if path is not None:
            self._add(SiteMap(self._stored(path), "raster", path.stem))

    def add_reference(self, path: Path | None = None) -> None:
        path = path or self._choose(tr("Add reference layer"),
                                   tr("Vector layers") + VECTORS)
        if path is None:
            return
        source_crs, layer = None, None
        try:
            layers = reference_layers(path)
            if len(layers) > 1:
                layer = ask_layer(self.window, path, layers)
                if layer is None:
                    return
            if needs_crs(path, layer):
                source_crs = ask_crs(self.window, path,
                                     describe(self.session.plan.crs))
                if source_crs is None:
                    return
                parse_crs(source_crs)
        except PlannerError as exc:
            QMessageBox.warning(self.window, tr("PlannerDesk"), str(exc))
            return
        self._add(SiteMap(self._stored(path), "vector",
                          f"{path.stem}: {layer}" if layer else path.stem,
                          source_crs=source_crs, layer=layer))

    def georeference(self) -> None:
        path = self._choose(tr("Georeference an image"),
                            tr("Images") + IMAGES)
        if path is not None:
            self.start_georeference(path)

    def remove_current(self) -> None:
        key = self.layer_panel.current_key()
        if key not in self.shown:
            self.session.say(
                tr("Choose a site map in the layer panel first"), 5000)
            return
        self.session.push(RemoveSiteMap(self.shown[key]))

    def _add(self, site_map: SiteMap) -> None:
        try:
            self._load(site_map)  # refuse what cannot be shown
            self.session.push(AddSiteMap(site_map))
        except PlannerError as exc:
            QMessageBox.warning(self.window, tr("PlannerDesk"), str(exc))

    def _choose(self, title: str, kinds: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, title, str(self.session.path.parent), kinds)
        return Path(name) if name else None

    @staticmethod
    def _stored(path: Path) -> str:
        """Site-map paths are absolute in memory; the plan file stores them
        relative to itself where it can."""
        return str(Path(path).resolve())

    # -- showing ---------------------------------------------------------
    def sync(self) -> None:
        """Add, remove, show and stack the panel rows as ``plan.site_maps``
        says (a site map is known by its file and layer)."""
        wanted = list(self.session.plan.site_maps)
        panel = self.layer_panel
        files = {_file(m) for m in wanted}
        for key in [k for k, m in self.shown.items() if _file(m) not in files]:
            self.canvas.scene().removeItem(panel.items[key])
            panel.remove_layer(key)
            del self.shown[key]
        rows = {_file(m): k for k, m in self.shown.items()}
        for site_map in wanted:  # bottom first
            key = rows.get(_file(site_map))
            if key is None:
                self._show(next(self._keys), site_map)
            elif site_map != self.shown[key]:
                panel.show_as(key, site_map.visible, site_map.opacity)
                self.shown[key] = site_map
        rows = {_file(m): k for k, m in self.shown.items()}
        # (a relocation asked for while showing has synced in between)
        panel.arrange([rows[_file(m)] for m in
                       reversed(self.session.plan.site_maps)
                       if _file(m) in rows])

    def _show(self, key: str, site_map: SiteMap) -> None:
        try:
            item = self._load(site_map)
            title = tr("Site map: {name}").format(name=site_map.name)
        except PlannerError as exc:
            if not resolve(site_map, self.session.path).exists():
                found = locate_missing(self.window, site_map.name,
                                       resolve(site_map, self.session.path))
                if found is not None:  # the relocation re-syncs
                    self.session.push(RelocateSiteMap(
                        site_map, self._stored(found)))
                    return
            self.session.say(str(exc), 10000)
            if resolve(site_map, self.session.path).exists():
                title = tr("Site map: {name} (unreadable)")
            else:
                title = tr("Site map: {name} (not found)")
            item, title = QGraphicsItemGroup(), title.format(
                name=site_map.name)
        item.setVisible(site_map.visible)
        item.setOpacity(site_map.opacity)
        self.canvas.scene().addItem(item)
        panel = self.layer_panel
        keys = panel.keys()  # above the site maps shown, under the rest
        panel.add_layer(key, title, item, at=min(
            (keys.index(k) for k in self.shown), default=len(keys)))
        self.shown[key] = site_map

    def _load(self, site_map: SiteMap) -> QGraphicsItem:
        path = resolve(site_map, self.session.path)
        plan_crs = self.session.plan.crs
        if site_map.kind == "raster":
            raster = read_site_raster(path, plan_crs)
            return raster_item(raster.rgba, raster.world)
        return reference_item(read_reference(
            path, plan_crs, layer=site_map.layer,
            source_crs=site_map.source_crs))

    def _display_changed(self, key: str) -> None:
        """How the site maps are shown is saved with the plan: the
        planner's change of it is an undo step."""
        if key not in self.shown:
            return
        panel = self.layer_panel
        shown = [replace(self.shown[k], visible=panel.items[k].isVisible(),
                         opacity=round(panel.items[k].opacity(), 3))
                 for k in reversed(panel.keys()) if k in self.shown]
        if shown != self.session.plan.site_maps:
            self.session.push(ShowSiteMaps(shown))
