"""The Review notes dock: the notes listed and filtered; selecting one
selects it on the map, a double click zooms to it; resolving, reopening,
attaching and viewing photos, and exporting the list as CSV."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TR_NOOP, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from ..commands import SetAttribute
from ..io.notes import attach_photo, missing_photos, notes_table, write_notes_csv
from ..model.notes import NOTES
from ..model.plan_paths import resolve_stored
from ..model.problems import PlannerError
from ..session import Session
from .language import tr
from .note_author import note_author, set_note_author
from .note_rows import (
    AUTHOR,
    COLUMNS,
    CREATED,
    TEXT,
    WrappedText,
    column_titles,
    note_row,
)
from .photo_dialog import PhotoDialog

PHOTOS = " (*.jpg *.jpeg *.png *.heic *.tif *.tiff *.webp)"
#: The status filter's choices (shown through tr()).
STATUSES = (QT_TR_NOOP("all"), QT_TR_NOOP("open"), QT_TR_NOOP("resolved"))


class NotesPanel(QObject):
    """The dock's widgets, kept in step with the plan's notes."""

    def __init__(self, session: Session, window: QMainWindow,
                 zoom_to_bounds: Callable[[tuple], object]) -> None:
        """``zoom_to_bounds`` fits the map to (x0, y0, x1, y1)."""
        super().__init__(window)
        self.session, self.window = session, window
        self.zoom_to_bounds = zoom_to_bounds
        self.dock = QDockWidget(tr("Review notes"), window)
        self.dock.setObjectName("review_notes")
        self.dock.setWidget(self._build())
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        history = window.findChild(QDockWidget, "history")
        window.tabifyDockWidget(history, self.dock)
        self.dock.raise_()
        window.resizeDocks([window.findChild(QDockWidget, "layers"),
                            self.dock], [380, 400], Qt.Orientation.Vertical)
        _view_menu(window).addAction(self.dock.toggleViewAction())
        session.plan.listeners.append(
            lambda change: self.refresh() if change.layer == NOTES else None)
        self.refresh()
        self._report_missing()

    # -- building --------------------------------------------------------
    def _build(self) -> QWidget:
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(tr("Filter by text or author"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.apply_filter)
        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(tr(status), status)
        self.status.setToolTip(tr("show notes of this status"))
        self.status.currentTextChanged.connect(self.apply_filter)
        self.tree = self._build_tree()
        self.author = QLineEdit(note_author())
        self.author.setToolTip(tr("author of the notes you add "
                                  "(remembered)"))
        self.author.editingFinished.connect(
            lambda: set_note_author(self.author.text()))
        buttons = self._buttons()
        layout = QVBoxLayout()
        layout.addLayout(_row(self.filter, self.status))
        layout.addWidget(self.tree, 1)
        layout.addLayout(_row(*buttons[:3]))
        layout.addLayout(_row(*buttons[3:]))
        layout.addLayout(_row(QLabel(tr("Author of new notes:")), self.author))
        widget = QWidget()
        widget.setLayout(layout)
        return widget

    def _build_tree(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setColumnCount(len(COLUMNS))
        tree.setHeaderLabels(column_titles())
        tree.setRootIsDecorated(False)
        tree.setMinimumHeight(60)
        tree.setWordWrap(True)
        tree.setItemDelegate(WrappedText(tree))
        tree.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection)
        tree.setSortingEnabled(True)
        tree.sortByColumn(CREATED, Qt.SortOrder.DescendingOrder)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(20)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(  # rewrap the notes' text
            lambda column, *_: tree.doItemsLayout() if column == TEXT
            else None)
        tree.itemSelectionChanged.connect(self._select_on_map)
        # a click selects the row's note again after the map selection
        # moved on to other features
        tree.itemClicked.connect(self._select_on_map)
        tree.itemDoubleClicked.connect(lambda *_: self.zoom_to_selected())
        return tree

    def _buttons(self) -> list[QToolButton]:
        buttons = []
        for text, tip, slot in (
                (tr("Resolve"), tr("mark the selected notes resolved"),
                 lambda: self.set_status("resolved")),
                (tr("Reopen"), tr("mark the selected notes open"),
                 lambda: self.set_status("open")),
                (tr("Export CSV..."), tr("write every note to a CSV file"),
                 self.export_csv),
                (tr("Attach photo..."),
                 tr("attach a photo to the selected note"),
                 self.attach_photo),
                (tr("View photo"), tr("show the selected note's photo"),
                 self.view_photo)):
            button = QToolButton()
            button.setText(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.append(button)
        return buttons

    # -- showing ---------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the rows from the plan, keeping the selection."""
        selected = set(self.selected_fids())
        self.tree.blockSignals(True)
        self.tree.setSortingEnabled(False)
        self.tree.clear()
        table = notes_table(self.session.plan, self.session.path)
        for note in table.to_dict("records"):
            row = note_row(note, self.tree.style())
            self.tree.addTopLevelItem(row)
            row.setSelected(note["fid"] in selected)
        self.tree.setSortingEnabled(True)
        self.tree.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Hide the rows that do not match the filter text and status."""
        words = self.filter.text().casefold().strip()
        status = self.status.currentData()
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            shown = (status == "all" or row.status == status) and (
                words in row.text(TEXT).casefold()
                or words in row.text(AUTHOR).casefold())
            row.setHidden(not shown)

    def visible_fids(self) -> list[int]:
        """The fids of the rows shown, in their order."""
        rows = (self.tree.topLevelItem(i)
                for i in range(self.tree.topLevelItemCount()))
        return [r.fid for r in rows if not r.isHidden()]

    def selected_fids(self) -> list[int]:
        return [row.fid for row in self.tree.selectedItems()
                if not row.isHidden()]

    def _select_on_map(self, *_) -> None:
        self.session.selection.set(NOTES, self.selected_fids())

    def zoom_to_selected(self) -> None:
        fids = self.selected_fids()
        if fids:
            notes = self.session.plan[NOTES].loc[fids]
            self.zoom_to_bounds(notes.total_bounds)

    def _report_missing(self) -> None:
        missing = missing_photos(self.session.plan, self.session.path)
        if missing:
            self.session.say(
                tr("{n} note photo(s) not found, e.g. {path}").format(
                    n=len(missing), path=missing[0]), 15000)

    # -- editing ---------------------------------------------------------
    def set_status(self, status: str) -> None:
        """Mark the selected notes ``status``, as one undo step."""
        fids = [f for f in self.selected_fids()
                if self.session.plan[NOTES].at[f, "status"] != status]
        if not fids:
            self._say(tr("Select notes to mark them open")
                      if status == "open"
                      else tr("Select notes to mark them resolved"))
            return
        stack = self.session.undo
        stack.begin_macro((tr("mark {n} note(s) open") if status == "open"
                           else tr("mark {n} note(s) resolved")
                           ).format(n=len(fids)))
        try:
            for fid in fids:
                self.session.push(SetAttribute(NOTES, fid, "status", status))
        finally:
            stack.end_macro()

    def attach_photo(self) -> None:
        """Ask for a photo, copy it beside the plan and attach it to the
        first selected note (undoable)."""
        fid = self._one_note(tr("Select a note to attach a photo"))
        if fid is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window, tr("Attach a photo to note {fid}").format(fid=fid),
            str(self.session.path.parent),
            tr("Photos") + PHOTOS + ";;" + tr("All files") + " (*)")
        if not name:
            return
        try:
            stored = attach_photo(self.session.path, name)
            self.session.push(SetAttribute(NOTES, fid, "photo", stored))
        except PlannerError as exc:
            QMessageBox.warning(self.window, tr("PlannerDesk"), str(exc))

    def view_photo(self) -> PhotoDialog | None:
        """Show the first selected note's photo (a message if missing)."""
        fid = self._one_note(tr("Select a note to see its photo"))
        if fid is None:
            return None
        stored = self.session.plan[NOTES].at[fid, "photo"]
        if not isinstance(stored, str) or not stored.strip():
            self._say(tr("Note {fid} has no photo; attach one with "
                         "Photo...").format(fid=fid))
            return None
        path = resolve_stored(stored, self.session.path)
        try:
            if not path.is_file():
                raise PlannerError(tr(
                    "the photo of note {fid} is not at {path}. Fix: put "
                    "the file back there, or attach the photo again").format(
                    fid=fid, path=path))
            dialog = PhotoDialog(path, tr("Note {fid}: {name}").format(
                fid=fid, name=path.name), self.window)
        except PlannerError as exc:
            QMessageBox.warning(self.window, tr("PlannerDesk"), str(exc))
            return None
        dialog.show()
        return dialog

    def export_csv(self) -> None:
        """Ask where, then write every note as CSV."""
        path = self.session.path
        name, _ = QFileDialog.getSaveFileName(
            self.window, tr("Export review notes"),
            str(path.with_name(f"{path.stem}_notes.csv")),
            tr("CSV") + " (*.csv)")
        if not name:
            return
        try:
            write_notes_csv(self.session.plan, path, name)
        except PlannerError as exc:
            QMessageBox.warning(self.window, tr("PlannerDesk"), str(exc))
            return
        self._say(tr("Wrote the notes to {path}").format(path=name))

    def _one_note(self, ask: str) -> int | None:
        """The first selected note; else ``ask`` (to select one) is said."""
        fids = self.selected_fids()
        if not fids:
            self._say(ask)
        return fids[0] if fids else None

    def _say(self, text: str) -> None:
        self.session.say(text, 5000)


def _view_menu(window: QMainWindow) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions()
                if a.text() == tr("&View"))


def _row(*widgets: QWidget) -> QHBoxLayout:
    """The widgets side by side; line edits and buttons take the width."""
    layout = QHBoxLayout()
    for widget in widgets:
        if isinstance(widget, QToolButton):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding,
                                 QSizePolicy.Policy.Fixed)
        layout.addWidget(widget, 1 if isinstance(widget, (QLineEdit,
                                                          QToolButton)) else 0)
    return layout
