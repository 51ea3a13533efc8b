"""Georeferencing a plain scanned image by control points.

The planner clicks a spot on the image, then the same spot on the map (or
types its map coordinates); two points fit a similarity, three or more an
affine transform, and each point's residual shows how well it agrees.
Saving writes a world file beside the image and adds it as a site map.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TR_NOOP, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..io.rasters import PlainImage, read_plain_image, write_image_world_file
from ..model.georef import Fit, fit_control_points
from ..model.problems import PlannerError
from .language import tr
from .map_tools import PREVIEW_Z, MapTool
from .site_map_items import rgba_image

#: The table's headers (shown through tr()).
COLUMNS = (QT_TR_NOOP("image x"), QT_TR_NOOP("image y"), QT_TR_NOOP("map X"),
           QT_TR_NOOP("map Y"), QT_TR_NOOP("residual (m)"))
MARK = QColor("#e4007c")


class PickPointTool(MapTool):
    """Hands each left click on the map (snapped) to ``picked``."""

    name = "Control point"
    hint = QT_TR_NOOP("click the same place on the map as on the image")

    def __init__(self, canvas, picked: Callable[[float, float], None]) -> None:
        super().__init__(canvas)
        self.picked = picked

    def press(self, point, button, modifiers) -> None:
        if button == Qt.MouseButton.LeftButton:
            snap = self.canvas.snap(point.x(), point.y())
            self.picked(*((snap.x, snap.y) if snap else
                          (point.x(), point.y())))


class ImageView(QGraphicsView):
    """The image with pixel (0, 0) top left; a click emits the spot."""

    clicked = Signal(QPointF)

    def __init__(self, pixmap: QPixmap) -> None:
        super().__init__()
        self.setScene(QGraphicsScene(self))
        self.scene().addPixmap(pixmap)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(
            QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setMinimumSize(420, 360)

    def fit(self) -> None:
        self.fitInView(self.scene().itemsBoundingRect(),
                       Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event) -> None:  # noqa: N802 (Qt API)
        step = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(step, step)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.mapToScene(event.position().toPoint()))
        else:
            super().mousePressEvent(event)


def _mark(scene: QGraphicsScene, x: float, y: float,
          number: int) -> QGraphicsPathItem:
    """A cross and its number at (x, y), sized in screen pixels."""
    path = QPainterPath()
    for dx, dy in ((-7, 0), (0, -7)):
        path.moveTo(dx, dy)
        path.lineTo(-dx, -dy)
    cross = QGraphicsPathItem(path)
    pen = QPen(MARK, 2)
    pen.setCosmetic(True)
    cross.setPen(pen)
    label = QGraphicsSimpleTextItem(str(number))
    label.setBrush(MARK)
    label.setPos(6, -20)
    label.setParentItem(cross)
    cross.setFlag(QGraphicsPathItem.GraphicsItemFlag.ItemIgnoresTransformations)
    cross.setPos(x, y)
    cross.setZValue(PREVIEW_Z)
    scene.addItem(cross)
    return cross


class GeoreferenceDialog(QDialog):
    """Control points between an image and the map on ``canvas``;
    ``add_image(path)`` adds the georeferenced image as a site map, and
    ``done()`` follows the dialog's closing (the map's tool back to pan)."""

    def __init__(self, parent: QWidget, canvas, path: Path,
                 image: PlainImage, add_image: Callable[[Path], object],
                 done: Callable[[], object]) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Georeference {name}").format(
            name=path.name))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.canvas, self.path, self.image = canvas, path, image
        self.add_image, self.on_close = add_image, done
        self.points: list[list[float | None]] = []  # col, row, x, y
        self.fit: Fit | None = None
        self.marks: list = []
        self.view = ImageView(QPixmap.fromImage(rgba_image(image.rgba)))
        self.view.clicked.connect(self._image_clicked)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemChanged.connect(self._typed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        remove = QPushButton(tr("Remove point"))
        remove.clicked.connect(self._remove_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(tr("Save world file and add"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(self.table, 1)
        side.addWidget(remove)
        side.addWidget(self.status)
        side.addWidget(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 3)
        layout.addLayout(side, 2)
        canvas.set_tool(PickPointTool(canvas, self._map_clicked))
        self.finished.connect(self._finish)
        self._refresh()

    @classmethod
    def start(cls, parent: QWidget, canvas, path: Path,
              add_image: Callable[[Path], object],
              done: Callable[[], object]) -> GeoreferenceDialog | None:
        """Open the dialog on ``path`` (a message if it cannot be read)."""
        try:
            image = read_plain_image(path)
        except PlannerError as exc:
            QMessageBox.warning(parent, tr("PlannerDesk"), str(exc))
            return None
        dialog = cls(parent, canvas, path, image, add_image, done)
        dialog.resize(1100, 560)
        dialog.show()
        dialog.view.fit()
        return dialog

    # -- picking ---------------------------------------------------------
    def _image_clicked(self, spot: QPointF) -> None:
        if self.points and self.points[-1][2] is None:
            self.status.setText(tr("Click the map first for the last point, "
                                   "or remove it."))
            return
        rows, cols = self.image.rgba.shape[:2]
        if not (0 <= spot.x() < cols and 0 <= spot.y() < rows):
            self.status.setText(tr("That spot is off the image: click on "
                                   "it."))
            return
        col, row = self.image.file_pixel(spot.x() - 0.5, spot.y() - 0.5)
        self.points.append([col, row, None, None])
        self._refresh()

    def _map_clicked(self, x: float, y: float) -> None:
        if not self.points or self.points[-1][2] is not None:
            self.status.setText(tr("Click a spot on the image first, then "
                                   "the same spot on the map."))
            return
        self.points[-1][2:] = [x, y]
        self._refresh()

    def _typed(self, cell: QTableWidgetItem) -> None:
        if cell.column() not in (2, 3):
            return
        try:
            value = float(cell.text().replace(",", ""))
        except ValueError:
            self.status.setText(tr("'{text}' is not a coordinate: type a "
                                   "number in map units").format(
                text=cell.text()))
            return
        self.points[cell.row()][cell.column()] = value
        self._refresh()

    def _remove_current(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.points):
            del self.points[row]
            self._refresh()

    # -- fitting and showing ---------------------------------------------
    def _refresh(self) -> None:
        complete = [p for p in self.points if None not in p]
        self.fit, message = None, ""
        if len(complete) >= 2:
            try:
                self.fit = fit_control_points([p[:2] for p in complete],
                                              [p[2:] for p in complete])
                message = (tr("Affine fit from {n} points; RMS error "
                              "{rms:.2f} m.") if self.fit.kind == "affine"
                           else tr("Similarity fit from {n} points; RMS "
                                   "error {rms:.2f} m.")).format(
                    n=len(complete), rms=self.fit.rms)
            except PlannerError as exc:
                message = str(exc)
        else:
            message = tr("Click a spot on the image, then the same spot on "
                         "the map; 2 points scale and turn the image, 3 or "
                         "more also stretch it.")
        self.status.setText(message)
        self.save_button.setEnabled(self.fit is not None)
        self._fill_table()
        self._draw_marks()

    def _fill_table(self) -> None:
        residuals = iter(self.fit.residuals if self.fit else ())
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.points))
        for r, point in enumerate(self.points):
            texts = [f"{point[0]:.1f}", f"{point[1]:.1f}",
                     "" if point[2] is None else f"{point[2]:.2f}",
                     "" if point[3] is None else f"{point[3]:.2f}",
                     f"{next(residuals):.2f}" if self.fit and
                     None not in point else ""]
            for c, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                if c not in (2, 3):
                    cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, cell)
        self.table.blockSignals(False)

    def _draw_marks(self) -> None:
        for item in self.marks:
            item.scene().removeItem(item)
        self.marks = []
        scale_x = self.image.rgba.shape[1] / self.image.width
        scale_y = self.image.rgba.shape[0] / self.image.height
        for n, (col, row, x, y) in enumerate(self.points, start=1):
            self.marks.append(_mark(self.view.scene(), (col + 0.5) * scale_x,
                                    (row + 0.5) * scale_y, n))
            if x is not None:
                self.marks.append(_mark(self.canvas.scene(), x, y, n))

    def save(self) -> None:
        """Write the world file beside the image and add it as a site map."""
        if self.fit is None:
            return
        try:
            write_image_world_file(self.path, self.fit.world)
        except PlannerError as exc:
            QMessageBox.warning(self, tr("PlannerDesk"), str(exc))
            return
        self.add_image(self.path)
        self.accept()

    def _finish(self, _result: int) -> None:
        for item in self.marks:
            item.scene().removeItem(item)
        self.marks = []
        self.on_close()
