"""A note's photo, shown scaled to fit the screen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImageReader, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from ..model.problems import PlannerError
from .language import tr


def read_photo(path: Path, fit: QSize) -> QPixmap:
    """The photo at ``path`` turned upright (camera orientation) and scaled
    down to fit ``fit``; a PlannerError naming the file when it cannot be
    shown."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise PlannerError(tr(
            "cannot show the photo {path}: {reason}. Fix: attach a JPEG or "
            "PNG photo instead").format(path=path,
                                        reason=reader.errorString()))
    if image.width() > fit.width() or image.height() > fit.height():
        image = image.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return QPixmap.fromImage(image)


class PhotoDialog(QDialog):
    """A window showing one photo with its file name under it."""

    def __init__(self, path: Path, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        screen = QGuiApplication.primaryScreen().availableSize()
        self.image = QLabel()
        self.image.setPixmap(read_photo(path, screen * 0.8))
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(str(path))
        caption.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(caption)
