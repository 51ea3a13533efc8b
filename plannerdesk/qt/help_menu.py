"""The Help menu (keyboard shortcuts, the user guide, About), File → Quit
and View → Panels, made once every other menu, dock and toolbar exists."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
)

from .. import __version__
from ..model import language
from .language import tr
from .language_menu import add_language_menu

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "README.md"
#: The guide in another language: the README's parts a planner reads.
GUIDES = {"zh": ROOT / "docs" / "guide_zh.md"}


def finish_menus(window: QMainWindow, file_menu: QMenu,
                 view_menu: QMenu) -> None:
    """Quit at the end of File, Panels and Language in View, and the Help
    menu."""
    file_menu.addSeparator()
    quit_action = file_menu.addAction(tr("&Quit"),
                                      QApplication.closeAllWindows)
    quit_action.setShortcuts(  # the platform's, else Ctrl+Q
        QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        or [QKeySequence("Ctrl+Q")])
    quit_action.setToolTip(tr("Close every window (each asks about "
                              "unsaved edits)"))
    panels = view_menu.addMenu(tr("Pa&nels"))
    for dock in window.findChildren(QDockWidget):
        panels.addAction(dock.toggleViewAction())
    panels.addSeparator()
    for bar in window.findChildren(QToolBar):
        panels.addAction(bar.toggleViewAction())
    add_language_menu(view_menu, window.statusBar().showMessage)
    help_menu = window.menuBar().addMenu(tr("&Help"))
    help_menu.addAction(tr("&Keyboard shortcuts"),
                        lambda: show_shortcuts(window)).setShortcut(
        QKeySequence.StandardKey.HelpContents)
    help_menu.addAction(tr("&User guide"), lambda: show_guide(window))
    help_menu.addSeparator()
    help_menu.addAction(tr("&About PlannerDesk"), lambda: show_about(window))


def shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) of every action of the window with a shortcut,
    in menu order."""
    rows = []

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{where} › {_plain(action.text())}")
            elif not action.shortcut().isEmpty():
                rows.append((where, _plain(action.text()),
                             action.shortcut().toString(
                                 QKeySequence.SequenceFormat.NativeText)))

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk(action.menu(), _plain(action.text()))
    seen = {(r[1], r[2]) for r in rows}
    for bar in window.findChildren(QToolBar):
        for action in bar.actions():
            keys = action.shortcut().toString(
                QKeySequence.SequenceFormat.NativeText)
            if keys and (_plain(action.text()), keys) not in seen:
                rows.append((bar.windowTitle(), _plain(action.text()), keys))
    return rows


def _plain(text: str) -> str:
    """A menu text without its accelerator: '&Save' 'Save', '保存(&S)'
    '保存'."""
    text = re.sub(r"\(&\w\)", "", text.replace("&&", "\0"))
    return text.replace("&", "").replace("\0", "&")


def show_shortcuts(window: QMainWindow) -> QDialog:
    """A table of every shortcut."""
    rows = shortcuts(window)
    dialog = QDialog(window)
    dialog.setWindowTitle(tr("Keyboard shortcuts"))
    table = QTableWidget(len(rows), 3)
    table.setHorizontalHeaderLabels([tr("Where"), tr("Action"),
                                     tr("Keys")])
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(text))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    QVBoxLayout(dialog).addWidget(table)
    dialog.resize(560, 480)
    dialog.show()
    return dialog


def show_guide(window: QMainWindow) -> QDialog:
    """The user guide (the README, or its translation), offline."""
    dialog = QDialog(window)
    dialog.setWindowTitle(tr("PlannerDesk user guide"))
    text = QTextBrowser()
    text.setOpenExternalLinks(True)
    guide = GUIDES.get(language.current(), GUIDE)
    if guide.exists():
        text.setMarkdown(guide.read_text(encoding="utf-8"))
    else:
        text.setPlainText(tr("The user guide was not found at {path}."
                             ).format(path=guide))
    QVBoxLayout(dialog).addWidget(text)
    dialog.resize(820, 680)
    dialog.show()
    return dialog


def show_about(window: QMainWindow) -> None:
    QMessageBox.about(
        window, tr("About PlannerDesk"),
        tr("<b>PlannerDesk {version}</b><p>A desktop GIS planning tool "
           "for innovation-space layout: draw public spaces, parking and "
           "facilities over a site, and see coverage, walkability, parking "
           "supply and demand and access between innovation subjects move "
           "as you edit.</p><p>Map data you import from OpenStreetMap is © "
           "OpenStreetMap contributors (ODbL). Tool icons: Font Awesome "
           "Free (CC BY 4.0).</p>").format(version=__version__))

