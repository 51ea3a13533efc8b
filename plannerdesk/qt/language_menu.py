"""View → Language: the system's language, English or 简体中文. The
choice is kept in the preferences and shows from the next start, as in
QGIS (every open window would otherwise need rebuilding)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from ..model.language import LANGUAGES
from .language import choose_language, chosen_language, tr

Say = Callable[[str, int], None]


def add_language_menu(view_menu: QMenu, say: Say) -> QMenu:
    """The Language submenu of ``view_menu``; ``say`` shows a message in
    the status bar."""
    menu = view_menu.addMenu(tr("Lan&guage"))
    group = QActionGroup(menu)
    group.setExclusive(True)
    chosen = chosen_language()
    for code, label in [("", tr("System language")), *LANGUAGES.items()]:
        action = menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(code == chosen)
        action.setData(code)
        group.addAction(action)
        action.triggered.connect(
            lambda _=False, code=code: _choose(code, say))
    return menu


def _choose(code: str, say: Say) -> None:
    choose_language(code)
    say(tr("The new language shows when PlannerDesk starts again"), 15000)
