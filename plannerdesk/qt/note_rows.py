"""Rows of the Review notes list: a status dot, the text (with a photo
icon), the author and when the note was made."""

from __future__ import annotations

from PySide6.QtCore import QT_TR_NOOP, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from .language import tr

FID = Qt.ItemDataRole.UserRole
SORT = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("", QT_TR_NOOP("Note"), QT_TR_NOOP("Author"),
           QT_TR_NOOP("Created"))  # shown through tr(): column_titles()
STATUS, TEXT, AUTHOR, CREATED = range(len(COLUMNS))
STATUS_COLOURS = {"open": "#e8710a", "resolved": "#34a853"}
RESOLVED_TEXT = "#80868b"
MAX_LINES = 4


def column_titles() -> list[str]:
    """:data:`COLUMNS` in the window's language (for the list's header)."""
    return [tr(c) if c else "" for c in COLUMNS]


def status_text(status: str) -> str:
    """A note's status (a key of :data:`STATUS_COLOURS`) in words."""
    return {"open": tr("open"), "resolved": tr("resolved")}.get(status,
                                                                status)


class NoteRow(QTreeWidgetItem):
    """One note; sorts by the full value behind each shown cell."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        return str(self.data(column, SORT)) < str(other.data(column, SORT))

    @property
    def fid(self) -> int:
        return self.data(STATUS, FID)

    @property
    def status(self) -> str:
        return self.data(STATUS, SORT)


def note_row(note: dict, style: QStyle) -> NoteRow:
    """The row of ``note``: a record of the notes table (io.notes)."""
    value = {k: note[k] if isinstance(note[k], str) else ""
             for k in ("status", "text", "author", "created", "photo")}
    row = NoteRow(["", value["text"], value["author"],
                   value["created"][5:16].replace("T", " ")])
    for column, key in ((STATUS, "status"), (TEXT, "text"),
                        (AUTHOR, "author"), (CREATED, "created")):
        row.setData(column, SORT, value[key])
    row.setData(STATUS, FID, int(note["fid"]))
    row.setIcon(STATUS, _dot(STATUS_COLOURS.get(value["status"], "#9e9e9e")))
    row.setToolTip(STATUS, status_text(value["status"]))
    row.setToolTip(CREATED, value["created"])
    tip = value["text"]
    if value["photo"]:
        found = bool(note["photo_exists"])
        icon = QStyle.StandardPixmap.SP_FileIcon if found \
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        row.setIcon(TEXT, style.standardIcon(icon))
        tip += "\n\n" + (tr("photo: {path}") if found else tr(
            "photo: {path} (not found)")).format(path=value["photo"])
    row.setToolTip(TEXT, tip)
    if value["status"] == "resolved":
        for column in (TEXT, AUTHOR, CREATED):
            row.setForeground(column, QBrush(QColor(RESOLVED_TEXT)))
    return row


class WrappedText(QStyledItemDelegate):
    """Rows tall enough for the note's text wrapped at its column's width
    (up to MAX_LINES lines); the view wraps it when painting."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt API)
                 index: QModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != TEXT:
            return hint
        metrics = option.fontMetrics
        width = self.tree.columnWidth(TEXT) - option.decorationSize.width() \
            - 3 * metrics.averageCharWidth()
        text = metrics.boundingRect(
            QRect(0, 0, max(width, 40), 100 * metrics.lineSpacing()),
            Qt.TextFlag.TextWordWrap, str(index.data() or ""))
        lines = min(text.height(), MAX_LINES * metrics.lineSpacing())
        return QSize(hint.width(), max(hint.height(), lines + 4))


def _dot(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)
