"""The start screen shown when the app opens with no plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ..io.samples import own_sample
from ..model.problems import PlannerError
from .file_actions import ask_new_plan
from .language import tr
from .recent import recent_files


class StartScreen(QDialog):
    """Start a new plan, or choose the Dream Town sample (the planner's
    own copy), a recent plan or another file; ``chosen`` holds the plan's
    path after ``exec()``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("PlannerDesk"))
        self.chosen: Path | None = None
        new = QPushButton(tr("New plan..."))
        new.clicked.connect(self._new)
        sample = QPushButton(tr("Open the Dream Town sample"))
        sample.setToolTip(tr("Your own copy of it: edit and save it freely"))
        sample.clicked.connect(self._sample)
        other = QPushButton(tr("Open another plan..."))
        other.clicked.connect(self._browse)
        self.recent = QListWidget()
        for path in recent_files():
            item = QListWidgetItem(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.recent.addItem(item)
        self.recent.itemActivated.connect(
            lambda item: self._choose(Path(item.data(
                Qt.ItemDataRole.UserRole))))
        box = QVBoxLayout(self)
        box.addWidget(QLabel(tr("<b>PlannerDesk</b> — plan and evaluate "
                                "innovation-district public spaces")))
        box.addWidget(new)
        box.addWidget(sample)
        box.addWidget(QLabel(tr("Recent plans:") if self.recent.count()
                             else tr("No recent plans yet.")))
        box.addWidget(self.recent)
        box.addWidget(other)
        self.resize(560, 360)

    def _new(self) -> None:
        path = ask_new_plan(self, Path.home())
        if path is not None:
            self._choose(path)

    def _sample(self) -> None:
        try:
            self._choose(own_sample())
        except PlannerError as exc:
            QMessageBox.warning(self, tr("PlannerDesk"), str(exc))

    def _choose(self, path: Path) -> None:
        self.chosen = path
        self.accept()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Open plan"), "", tr("Plans") + " (*.gpkg)")
        if name:
            self._choose(Path(name))
