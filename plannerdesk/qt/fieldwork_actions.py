"""Fieldwork: File > Package for fieldwork."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..io.fieldwork import files_outside, package_plan
from ..model.problems import PlannerError, Problem
from ..session import Session
from .language import tr


def ask_save_first(parent: QWidget) -> bool:
    """Ask to save unsaved edits, which a package holds only once saved."""
    answer = QMessageBox.question(
        parent, tr("PlannerDesk"), tr("The plan has unsaved changes. Save "
                                      "them and package the plan?"),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
    return answer == QMessageBox.StandardButton.Save


def choose_package(parent: QWidget, plan_path: Path) -> Path | None:
    """Ask for the package to write: a .zip, or a new folder."""
    zipped, folder = tr("Zip file") + " (*.zip)", tr("Folder") + " (*)"
    name, kind = QFileDialog.getSaveFileName(
        parent, tr("Package for fieldwork"),
        str(plan_path.with_name(f"{plan_path.stem}_field.zip")),
        f"{zipped};;{folder}")
    if not name:
        return None
    path = Path(name)
    return path.with_suffix(".zip") if kind == zipped and \
        path.suffix.lower() != ".zip" else path


def ask_include_outside(parent: QWidget,
                        outside: list[tuple[str, Path]]) -> bool:
    """Ask whether files outside the plan's folder go into the package."""
    listed = "\n".join(f"- {what}: {path}" for what, path in outside)
    answer = QMessageBox.question(
        parent, tr("PlannerDesk"), tr(
            "These files lie outside the plan's folder:\n{files}\n\nInclude "
            "them in the package? (No packs the plan without them.)").format(
            files=listed), QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def packed_text(out: Path, files: list[str], problems: list[Problem]) -> str:
    """What the planner is told once a package is written."""
    if not problems:
        return tr("Packaged {n} files into {out}. Copy it to the field "
                  "computer and open it with PlannerDesk (File > Open)."
                  ).format(n=len(files), out=out)
    return tr("Packaged {n} files into {out}. Copy it to the field computer "
              "and open it with PlannerDesk (File > Open).\n\nThese could "
              "not go in:\n{problems}").format(
        n=len(files), out=out,
        problems="\n".join(f"- {p.message}" for p in problems))


class FieldworkActions(QObject):
    """File > Package for fieldwork; ``save`` saves the plan first (True
    when it did)."""

    def __init__(self, session: Session, parent: QWidget, menu,
                 save: Callable[[], bool]) -> None:
        super().__init__(parent)
        self.session, self.parent_widget, self.save = session, parent, save
        menu.addSeparator()
        menu.addAction(tr("Package for &fieldwork..."), self.package)

    def package(self, out: Path | None = None) -> bool:
        """Save if asked, then write the package; True when written."""
        window, path = self.parent_widget, self.session.path
        if not self.session.undo.is_clean() and not (
                ask_save_first(window) and self.save()):
            return False
        out = out or choose_package(window, path)
        if out is None:
            return False
        try:
            outside = files_outside(path)
            packed = package_plan(path, out, include_outside=bool(
                outside) and ask_include_outside(window, outside))
        except PlannerError as exc:
            QMessageBox.warning(window, tr("PlannerDesk"), str(exc))
            return False
        text = packed_text(out, packed.files, packed.problems)
        if packed.problems:
            QMessageBox.warning(window, tr("PlannerDesk"), text)
        else:
            QMessageBox.information(window, tr("PlannerDesk"), text)
        self.session.say(tr("Packaged into {out}").format(out=out), 8000)
        return True
