"""Edit → Suggest places: where N facilities of a category, or N car
parks, would serve the most (:mod:`plannerdesk.evaluate.suggest`), shown
in a list and on the map; the planner adds one with a click (an undoable
step) or all of them as a new proposal, which Compare with... then sets
against the layout it came from."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import shapely
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPen, QTransform
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGraphicsItem,
    QGraphicsSimpleTextItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..commands import AddFeatures
from ..commands.scenarios import AddScenario
from ..model import language
from ..model.problems import PlannerError
from ..model.scenarios import EXISTING
from ..model.schema import FACILITY_CATEGORIES
from ..model.words import human
from ..session import Session
from .evaluation import freeze, thaw
from .geometry_paths import qcolor
from .language import tr
from .layer_panel import LayerPanel
from .overlays import OVERLAY_Z, overlay_group, tiled_item
from .tiled_layer import fit_markers

PARKING = "parking"
OVERLAY_KEY = "overlay: suggestions"
MARK = "#e7298a"     # suggested places on the map


class _Signals(QObject):
    found = Signal(object, int)      # Suggestions, request number
    failed = Signal(str, int)


class SuggestDialog(QDialog):
    """Ask what to add and how many; list and draw the suggestions."""

    def __init__(self, session: Session, parent: QWidget, scene,
                 layers: LayerPanel) -> None:
        super().__init__(parent)
        self.session, self.scene, self.layers = session, scene, layers
        self.setWindowTitle(tr("Suggest places"))
        self.found = None          # the latest Suggestions
        self.added: set[int] = set()   # its rows added to the plan
        self.asked = 0             # the latest request's number
        self.overlay = None
        self.pool = ThreadPoolExecutor(max_workers=1,
                                       thread_name_prefix="suggest")
        self.signals = _Signals()
        self.signals.found.connect(self._show)
        self.signals.failed.connect(self._failed)
        self.what = QComboBox()
        self.what.addItem(tr("parking (new car parks)"), PARKING)
        radii = session.plan.settings.coverage.radii_m
        for category in sorted((c for c in FACILITY_CATEGORIES if c in radii),
                               key=human):
            self.what.addItem(human(category), category)
        self.count = QSpinBox()
        self.count.setRange(1, 20)
        self.count.setValue(3)
        self.run = QPushButton(tr("&Suggest"))
        self.run.clicked.connect(self.start)
        form = QFormLayout()
        form.addRow(tr("Add:"), self.what)
        form.addRow(tr("How many:"), self.count)
        self.summary = QLabel(tr("Pick what to add and how many, then "
                                 "Suggest."))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(
            QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.add_one = QPushButton(tr("&Add selected"))
        self.add_one.clicked.connect(self.add_selected)
        self.add_all = QPushButton(tr("Add all as a new &proposal"))
        self.add_all.clicked.connect(self.add_as_proposal)
        for button in (self.add_one, self.add_all):
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run)
        buttons.addStretch(1)
        buttons.addWidget(self.add_one)
        buttons.addWidget(self.add_all)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.summary)
        box.addWidget(self.table, 1)
        box.addLayout(buttons)
        self.resize(620, 420)

    # -- finding -----------------------------------------------------------
    def start(self) -> None:
        """Suggest on a thread of its own, from the plan as it is now."""
        from ..evaluate.suggest import suggest  # evaluators: not at start

        self.asked += 1
        asked, add, count = self.asked, self.what.currentData(), \
            self.count.value()
        frozen, signals = freeze(self.session.plan), self.signals
        self.summary.setText(tr("Looking for the best places ..."))
        self.run.setEnabled(False)

        def job() -> None:
            try:
                found = suggest(thaw(frozen), add=add, count=count)
            except PlannerError as exc:
                signals.failed.emit(str(exc), asked)
            except Exception as exc:  # a bug must not kill the app
                signals.failed.emit(f"{type(exc).__name__}: {exc}", asked)
            else:
                signals.found.emit(found, asked)
        self.pool.submit(job)

    def _failed(self, message: str, asked: int) -> None:
        if asked == self.asked:
            self.run.setEnabled(True)
            self.summary.setText(message)

    def _show(self, found, asked: int) -> None:
        if asked != self.asked:
            return
        self.run.setEnabled(True)
        self.found = found
        self.added.clear()
        self.summary.setText("\n".join(_summary(found, self.session)))
        parking = found.add == PARKING
        unit = language.tr(found.unit)
        headers = [tr("Rank"), tr("Zone"),
                   tr("Serves more ({unit})").format(unit=unit),
                   tr("Capacity") if parking else tr("Buildings"),
                   tr("Where (x, y)")]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(found.rows))
        for r, row in enumerate(found.rows.itertuples()):
            texts = (str(row.rank), row.zone or tr("no zone"),
                     f"{row.gain:,.0f}",
                     f"{row.capacity:,.0f}" if parking else
                     f"{row.buildings:,}", f"{row.x:.0f}, {row.y:.0f}")
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if c in (0, 2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        if len(found.rows):
            self.table.selectRow(0)
        for button in (self.add_one, self.add_all):
            button.setEnabled(bool(len(found.rows)))
        self._draw()

    def _draw(self) -> None:
        self._drop_overlay()
        found = self.found
        if found is None or not len(found.rows):
            return
        points = shapely.points(found.rows[["x", "y"]].to_numpy())
        self.overlay = overlay_group([tiled_item(
            points, qcolor(MARK), qcolor("white"), radius=9.0, width=2.0,
            marker="star")])
        for row in found.rows.itertuples():   # each star's rank beside it
            self.overlay.addToGroup(_rank_label(row.rank, row.x, row.y))
        self.overlay.setZValue(OVERLAY_Z + 2)
        self.scene.addItem(self.overlay)
        fit_markers(self.scene)
        self.layers.show_overlay(OVERLAY_KEY, tr(
            "Overlay: suggested places"), self.overlay, [
            (qcolor(MARK), qcolor(MARK), tr("suggested place (see the "
                                            "list for its gain)"))])

    def _drop_overlay(self) -> None:
        if self.overlay is not None:
            self.scene.removeItem(self.overlay)
            self.overlay = None
        if OVERLAY_KEY in self.layers.items:
            self.layers.remove_layer(OVERLAY_KEY)

    # -- accepting ---------------------------------------------------------
    def add_selected(self) -> None:
        """Add the selected suggestions not added yet (one undo step)."""
        rows = sorted({i.row() for i in self.table.selectedItems()}
                      - self.added)
        if self.found is None or not rows:
            return
        if self._push(AddFeatures(self.found.layer,
                                  self.found.features.iloc[rows])):
            self._mark_added(rows)

    def add_as_proposal(self) -> None:
        """All the suggestions in a new proposal, shown (one undo step)."""
        found = self.found
        if found is None:
            return
        what = tr("car parks") if found.add == PARKING else human(found.add)
        stack = self.session.undo
        stack.begin_macro(tr("add suggested {what} as a proposal").format(
            what=what))
        try:
            active = self.session.plan.active
            stack.push(AddScenario(tr("Suggested {what}").format(what=what),
                                   copy_of=None if active == EXISTING
                                   else active, show=True))
            rest = [r for r in range(len(found.rows)) if r not in self.added]
            added = self._push(AddFeatures(found.layer,
                                           found.features.iloc[rest]))
        finally:
            stack.end_macro()
        if added:
            self._mark_added(rest)

    def _mark_added(self, rows: list[int]) -> None:
        """Grey out the rows added; once all are, the buttons too."""
        self.added |= set(rows)
        for r in rows:
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                item.setForeground(self.palette().placeholderText())
                item.setToolTip(tr("added to the plan"))
        if len(self.added) == self.table.rowCount():
            for button in (self.add_one, self.add_all):
                button.setEnabled(False)

    def _push(self, command) -> bool:
        """Do ``command`` undoably; False (said why) when refused."""
        try:
            self.session.undo.push(command)
        except PlannerError as exc:
            QMessageBox.warning(self, tr("Suggest places"), str(exc))
            return False
        return True

    def done(self, result: int) -> None:   # noqa: D401 (Qt API)
        self._drop_overlay()
        self.pool.shutdown(wait=True, cancel_futures=True)
        super().done(result)


def _rank_label(rank: int, x: float, y: float) -> QGraphicsSimpleTextItem:
    """The rank of a suggestion, beside its star, the same size at every
    scale."""
    label = QGraphicsSimpleTextItem(str(rank))
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    label.setFont(font)
    label.setBrush(qcolor(MARK))
    label.setPen(QPen(QColor("white"), 0.6))
    label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    label.setPos(x, y)
    # the map's y runs up: this lifts the label above the star
    label.setTransform(QTransform.fromTranslate(8, 4 + label.boundingRect()
                                                .height()))
    return label


def _summary(found, session: Session) -> list[str]:
    """The suggestions' sum in words, as the command line gives it."""
    from ..evaluate.suggest import suggestion_lines

    lines = suggestion_lines(found, session.plan.settings)
    return [lines[0], *lines[-2:]]
