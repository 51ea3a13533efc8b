"""A window's File menu: new, open, recent, save, save as, autosave, close.

Autosave writes a snapshot of the plan (:meth:`Plan.snapshot`) on a
thread of its own, so the window never waits for the disk while the
planner works."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from ..io.gpkg import save_plan
from ..io.recovery import autosave, discard_recovery
from ..model.crs import describe, parse_crs, require_plan_crs
from ..model.notes import NOTES, rebased_photos
from ..model.plan import Plan
from ..model.problems import PlannerError
from ..session import Session
from . import recent
from .language import tr

AUTOSAVE_MS = 2000


def ask_save_as(parent: QWidget, reason: str) -> bool:
    """Show why a save failed; True when the planner asks for Save As."""
    box = QMessageBox(QMessageBox.Icon.Critical, tr("PlannerDesk"), reason,
                      parent=parent)
    box.setInformativeText(tr("Save a copy of the plan elsewhere?"))
    save_as = box.addButton(tr("Save As..."),
                            QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    return box.clickedButton() is save_as


def ask_new_plan(parent: QWidget | None, folder: Path,
                 crs: str = "EPSG:4549") -> Path | None:
    """Ask where and in which CRS, and write an empty plan there; its
    path, or None when the planner cancels or it could not be written (a
    message says why)."""
    name, _ = QFileDialog.getSaveFileName(parent, tr("New plan"),
                                          str(folder),
                                          tr("Plans") + " (*.gpkg)")
    if not name:
        return None
    crs_text, ok = QInputDialog.getText(
        parent, tr("New plan"), tr("Coordinate reference system (a "
                                   "projected CRS in metres):"), text=crs)
    if not ok:
        return None
    path = Path(name).with_suffix(".gpkg")
    try:
        save_plan(Plan(crs=require_plan_crs(parse_crs(crs_text))), path)
    except PlannerError as exc:
        QMessageBox.warning(parent, tr("PlannerDesk"), str(exc))
        return None
    return path


class FileActions(QObject):
    """Keeps the window's plan on disk: saving, autosaving to the recovery
    file, and asking before unsaved edits would be lost."""

    autosaved = Signal(object, object, dict)  # (future, snapshot, before)

    def __init__(self, session: Session, window: QMainWindow,
                 open_plan: Callable[[Path], object]) -> None:
        """``open_plan`` opens another plan in a window of its own."""
        super().__init__(window)
        self.session, self.window, self.open_plan = session, window, open_plan
        menu = window.menuBar().addMenu(tr("&File"))
        menu.addAction(tr("&New plan..."), self.new_plan).setShortcut(
            QKeySequence.StandardKey.New)
        menu.addAction(tr("&Open..."), self.open_other).setShortcut(
            QKeySequence.StandardKey.Open)
        self.recent_menu = menu.addMenu(tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addAction(tr("&Save"), self.save).setShortcut(
            QKeySequence.StandardKey.Save)
        menu.addAction(tr("Save &as..."), self.save_as).setShortcut(
            QKeySequence.StandardKey.SaveAs)
        self.menu = menu
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        session.undo.listeners.append(self.autosave_timer.start)
        # a Python thread: pyproj keeps its PROJ context per Python thread
        self.saver = ThreadPoolExecutor(max_workers=1,
                                        thread_name_prefix="autosave")
        self.autosaving: Future | None = None
        self.autosaved.connect(self._autosaved)  # queued: on the UI thread

    def save(self, *, replace: bool = False) -> bool:
        """Write the plan to its file (``replace``: in place of whatever
        file is there); False (with a message) if it failed."""
        self.wait_autosave()  # one writer at a time
        try:
            save_plan(self.session.plan, self.session.path, replace=replace)
        except PlannerError as exc:
            return self._offer_save_as(exc)
        self.session.undo.set_clean()
        recent.remember_recent(self.session.path)
        self.session.say(tr("Saved {path}").format(path=self.session.path),
                         5000)
        return True

    def _offer_save_as(self, exc: PlannerError) -> bool:
        """Say why the save failed and offer to save a copy elsewhere;
        True when the copy was saved."""
        return ask_save_as(self.window, str(exc)) and self.save_as()

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(
            self.window, tr("Save plan as"), str(self.session.path),
            tr("Plans") + " (*.gpkg)")
        if not name:
            return False
        return self._save_elsewhere(Path(name).with_suffix(".gpkg"))

    def _save_elsewhere(self, new: Path) -> bool:
        """Save to ``new`` with the notes' photo paths rebased; on failure
        the window keeps its file and the plan its paths."""
        old = self.session.path
        plan = self.session.plan
        notes = {id(layers): (layers, layers[NOTES])
                 for layers in (plan.layers, plan.base_layers)}
        for layers, frame in notes.values():
            layers[NOTES] = rebased_photos(frame, old, new)
        replace = new.exists() and not (old.exists() and new.samefile(old))
        self.session.path = new
        if self.save(replace=replace):  # the dialog asked before replacing
            discard_recovery(old)
            self.session.renamed.emit()
            return True
        for layers, frame in notes.values():
            layers[NOTES] = frame
        self.session.path = old
        return False

    def autosave(self) -> None:
        """Write unsaved edits to the recovery file (never over the plan),
        on the autosave thread; one autosave at a time."""
        if self.session.undo.is_clean():
            return
        if self.autosaving is not None and not self.autosaving.done():
            self.autosave_timer.start()  # again when this one is written
            return
        plan = self.session.plan.snapshot()
        before = dict(plan.saved)
        future = self.saver.submit(autosave, plan, self.session.path)
        self.autosaving = future
        future.add_done_callback(
            lambda done: self.autosaved.emit(done, plan, before))

    def _autosaved(self, done: Future, plan: Plan, before: dict) -> None:
        """Take what the autosave recorded of the file it wrote."""
        if self.autosaving is done:
            self.autosaving = None
        exc = done.exception()
        if exc is not None:  # a bug must not stop the planner: say it
            said = exc if isinstance(exc, PlannerError) else \
                f"{type(exc).__name__}: {exc}"
            self.session.say(tr("Autosave failed: {reason}").format(
                reason=said), 10000)
            return
        for key, state in plan.saved.items():
            if before.get(key) is not state:
                self.session.plan.saved[key] = state

    def wait_autosave(self) -> None:
        """Block until a running autosave has written its file."""
        if self.autosaving is not None:
            self.autosaving.exception()  # waits; failures are reported

    def may_close(self) -> bool:
        """Ask about unsaved edits; True when the window may close."""
        if not self.session.undo.is_clean():
            answer = recent.ask_unsaved(self.window)
            if answer == QMessageBox.StandardButton.Cancel or (
                    answer == QMessageBox.StandardButton.Save and
                    not self.save()):
                return False
        self.wait_autosave()
        discard_recovery(self.session.path)
        return True

    def new_plan(self) -> None:
        """Create an empty plan file in a CRS the planner names; open it."""
        path = ask_new_plan(self.window, self.session.path.parent,
                            describe(self.session.plan.crs))
        if path is not None:
            self.open_other(path)

    def open_other(self, path: Path | None = None) -> None:
        """Open another plan in a new window (this one stays open)."""
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                self.window, tr("Open plan"), str(self.session.path.parent),
                tr("Plans and field packages") + " (*.gpkg *.zip)")
            if not name:
                return
            path = Path(name)
        self.open_plan(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent.recent_files():
            self.recent_menu.addAction(str(path),
                                       partial(self.open_other, path))
