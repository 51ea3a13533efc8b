"""File > Export report: where, on which paper, in which language, by whom,
and whether the planner's review notes go in (not on a client's copy).
The author and the choices are remembered for the next report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..model.language import LANGUAGES, current
from ..model.symbology import FEATURE_LABEL_SCALE
from .language import tr
from .preferences import preferences

#: Paper (English, shown through tr()) -> the report's paper option.
PAPERS = {QT_TR_NOOP("A4 landscape"): "a4", QT_TR_NOOP("A3 landscape"): "a3"}


@dataclass(frozen=True)
class ReportChoice:
    """What the planner chose: the PDF and ``build_report``'s options."""

    path: Path
    paper: str = "a4"
    language: str = "en"
    author: str = ""
    title: str = ""
    review_notes: bool = True
    label_scale: float = FEATURE_LABEL_SCALE

    @property
    def options(self) -> dict:
        return {"paper": self.paper, "language": self.language,
                "author": self.author or None, "title": self.title or None,
                "review_notes": self.review_notes,
                "label_scale": self.label_scale}


class ReportDialog(QDialog):
    """The report's options, filled from the last report's."""

    def __init__(self, parent: QWidget | None, plan_path: Path) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export report"))
        stored = preferences()
        self.path = QLineEdit(str(plan_path.with_name(
            f"{plan_path.stem}_report.pdf")))
        browse = QPushButton(tr("Browse..."))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.paper = QComboBox()
        for paper, code in PAPERS.items():
            self.paper.addItem(tr(paper), code)
        self.paper.setCurrentIndex(max(0, list(PAPERS.values()).index(
            str(stored.value("report/paper", "a4")))))
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(
            str(stored.value("report/language", current()))))
        self.author = QLineEdit(str(stored.value("report/author", "")))
        self.author.setPlaceholderText(tr("left blank: a line to sign"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(tr("from the site's name"))
        self.notes = QCheckBox(tr("Include the review notes (untick for a "
                                  "client's copy)"))
        self.notes.setChecked(stored.value("report/notes", True, bool))
        form = QFormLayout(self)
        form.addRow(tr("Save as:"), where)
        form.addRow(tr("Paper:"), self.paper)
        form.addRow(tr("Language:"), self.language)
        form.addRow(tr("Prepared by:"), self.author)
        form.addRow(tr("Title:"), self.title)
        form.addRow("", self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("Export"))
        export = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.path.textChanged.connect(
            lambda text: export.setEnabled(bool(text.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, tr("Export report"), self.path.text(),
            tr("PDF") + " (*.pdf)")
        if name:
            self.path.setText(name)

    def choice(self) -> ReportChoice:
        """The options as shown; remembered for the next report."""
        chosen = ReportChoice(
            Path(self.path.text().strip()).with_suffix(".pdf"),
            self.paper.currentData(), self.language.currentData(),
            self.author.text().strip(), self.title.text().strip(),
            self.notes.isChecked(), float(QSettings().value(
                "labels/feature_scale", FEATURE_LABEL_SCALE)))
        stored = preferences()
        stored.setValue("report/paper", chosen.paper)
        stored.setValue("report/language", chosen.language)
        stored.setValue("report/author", chosen.author)
        stored.setValue("report/notes", chosen.review_notes)
        return chosen


def choose_report(window: QWidget, plan_path: Path) -> ReportChoice | None:
    """Ask for the report's options (None: cancelled)."""
    dialog = ReportDialog(window, plan_path)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted \
        else None
