"""Layer > Import features and Layer > Import OpenStreetMap extract.

The same imports as ``plannerdesk import`` and ``plannerdesk import-osm``,
run on a worker thread on a frozen copy of the plan, so the window stays
responsive; what they change is applied as one undo step, and what they
found is shown, as the command line prints it.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from ..commands import ReplaceLayers
from ..io.importer import import_file, refused_file, write_refused
from ..io.osm_import import changed_layers, import_osm, summary_lines
from ..io.osm_read import hear_gdal_in_this_thread, read_extract
from ..model.crs import reproject
from ..model.problems import FeaturesRefused, PlannerError, Problem
from ..model.schema import LAYER_ORDER, LAYERS
from ..session import Session
from .evaluation import freeze, thaw
from .language import tr

SOURCES = " (*.gpkg *.geojson *.json *.shp *.csv *.gdb)"
EXTRACTS = " (*.osm.pbf *.pbf *.osm)"
ALL = " (*)"
SHOWN = 20


def _file_job(frozen: dict, source: Path, kind: str,
              skip_invalid: bool, refused: Path) -> tuple[dict, list[str]]:
    """On the worker: ``source`` into layer ``kind``; the frozen layer and
    what to tell the planner."""
    plan = thaw(frozen)
    result = import_file(plan, source, kind, skip_invalid=skip_invalid)
    lines = [tr("Imported {n} feature(s) from {source} into '{layer}' "
                "(now {total})").format(n=len(result.fids), source=source.name,
                                        layer=kind, total=len(plan[kind]))]
    if result.refused is not None:
        write_refused(result, refused)
        lines.append(tr("{n} feature(s) refused, written with their "
                        "reasons to {path}").format(n=len(result.refused),
                                                    path=refused))
    return _frozen_layers(plan, [kind]), lines + _problems(result.problems)


def _osm_job(frozen: dict, extract: Path) -> tuple[dict, list[str]]:
    """On the worker: the extract into every layer, within the plan's site
    when it has one."""
    plan = thaw(frozen)
    site = plan.site_geometry()
    result = import_osm(plan, read_extract(
        extract, area=reproject(site, plan.crs, 4326)),
                        source=extract.name, area=site)
    lines = summary_lines(result, plan, extract.name)
    if site is None:
        lines.append(tr("The plan has no site, so the whole extract was "
                        "imported: draw the site first to import a part."))
    return (_frozen_layers(plan, changed_layers(result)),
            lines + _problems(result.problems))


def _frozen_layers(plan, names: list[str]) -> dict:
    frozen = freeze(plan)
    frozen["layers"] = {n: frozen["layers"][n] for n in names}
    return frozen


def _problems(problems: list[Problem]) -> list[str]:
    shown = [str(p) for p in problems[:SHOWN]]
    more = len(problems) - len(shown)
    return shown + ([tr("... and {n} more").format(n=more)] if more
                    else [])


class ImportActions(QObject):
    """The Layer menu's imports; ``finished`` carries the text shown."""

    finished = Signal(str)
    _done = Signal(object, str)
    _failed = Signal(object, list)

    def __init__(self, session: Session, parent: QWidget, menu) -> None:
        super().__init__(parent)
        self.session, self.parent_widget = session, parent
        menu.addSeparator()
        menu.addAction(tr("&Import features..."), self.import_features)
        menu.addAction(tr("Import &OpenStreetMap extract..."),
                       self.import_osm)
        self.pool = ThreadPoolExecutor(max_workers=1,
                                       thread_name_prefix="import",
                                       initializer=hear_gdal_in_this_thread)
        self._done.connect(self._apply)
        self._failed.connect(self._refused)
        self.box: QMessageBox | None = None  # the last outcome shown

    def import_features(self, source: Path | None = None,
                        kind: str | None = None,
                        skip_invalid: bool = False) -> Future | None:
        """Ask for a file and the layer it goes into, then import it."""
        if source is None:
            name, _ = QFileDialog.getOpenFileName(
                self.parent_widget, tr("Import features"),
                str(self.session.path.parent),
                tr("Vector files") + SOURCES + ";;" + tr("All files") + ALL)
            if not name:
                return None
            source = Path(name)
        if kind is None:
            titles = [f"{LAYERS[n].label} ({n})" for n in LAYER_ORDER]
            title, ok = QInputDialog.getItem(
                self.parent_widget, tr("Import features"),
                tr("Layer for {name}:").format(name=source.name), titles, 0,
                False)
            if not ok:
                return None
            kind = LAYER_ORDER[titles.index(title)]
        return self._run(tr("import {name}").format(name=source.name),
                         (source, kind), _file_job,
                         freeze(self.session.plan), source, kind,
                         skip_invalid, refused_file(self.session.path, source))

    def import_osm(self, extract: Path | None = None) -> Future | None:
        """Ask for an extract, then fill the plan's layers from it."""
        if extract is None:
            name, _ = QFileDialog.getOpenFileName(
                self.parent_widget, tr("Import OpenStreetMap extract"),
                str(self.session.path.parent),
                tr("OpenStreetMap extracts") + EXTRACTS + ";;"
                + tr("All files") + ALL)
            if not name:
                return None
            extract = Path(name)
        return self._run(tr("import {name}").format(name=extract.name),
                         None, _osm_job,
                         freeze(self.session.plan), extract)

    def _run(self, text: str, retry, job, *args) -> Future:
        self.session.say(tr("Importing ({what}) ...").format(what=text))
        started = self._moment()
        future = self.pool.submit(job, *args)

        def done(finished: Future) -> None:  # on the worker
            error = finished.exception()
            if error is None:
                self._done.emit((finished.result(), started), text)
            elif isinstance(error, PlannerError):
                self._failed.emit(retry if isinstance(
                    error, FeaturesRefused) else None, [str(error)] +
                    _problems(error.problems))
            else:  # a bug must not take the window down: say what happened
                said = f"{type(error).__name__}: {error}"
                self._failed.emit(None, [tr("The import failed: {error}")
                                         .format(error=said)])
        future.add_done_callback(done)
        return future

    def _moment(self) -> tuple[int, str]:
        """Where the plan's history stands, to tell whether it moved."""
        return self.session.undo.index, self.session.plan.active

    def _apply(self, outcome: tuple, text: str) -> None:
        (frozen, lines), started = outcome
        if self._moment() != started:
            self.session.say(tr("Nothing was imported"), 10000)
            self._show(QMessageBox.Icon.Warning, [
                tr("The plan changed while the import was read, so nothing "
                   "was imported (it would have undone the change)."),
                tr("Import the file again.")])
            return
        after = thaw(frozen).layers
        after = {name: after[name] for name in frozen["layers"]}
        if after:
            self.session.undo.push(ReplaceLayers(after, text=text))
        self.session.say(lines[0], 10000)
        self._show(QMessageBox.Icon.Information, lines)

    def _refused(self, retry, lines: list[str]) -> None:
        """Say why nothing was imported; where some features have errors,
        offer to import the others."""
        self.session.say(tr("Nothing was imported"), 10000)
        box = self._show(QMessageBox.Icon.Warning, lines)
        if retry is not None:
            others = box.addButton(tr("Import the others"),
                                   QMessageBox.ButtonRole.AcceptRole)
            others.clicked.connect(lambda: self.import_features(
                *retry, skip_invalid=True))

    def _show(self, icon: QMessageBox.Icon, lines: list[str]) -> QMessageBox:
        """The outcome in a box that does not block the window."""
        if self.box is not None:
            self.box.close()
        self.box = QMessageBox(icon, tr("Import"), lines[0],
                               parent=self.parent_widget)
        self.box.setInformativeText("\n".join(lines[1:SHOWN]))
        if len(lines) > SHOWN:
            self.box.setDetailedText("\n".join(lines))
        self.box.addButton(QMessageBox.StandardButton.Close)
        self.box.open()
        self.finished.emit("\n".join(lines))
        return self.box

    def wait(self) -> None:
        """Let an import being read finish (the window is closing)."""
        self.pool.shutdown(wait=True)
