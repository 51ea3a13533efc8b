"""The menus a desktop GIS has: Quit, Panels to bring back any closed
dock or toolbar, and Help (shortcuts, the user guide offline, About)."""

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QMessageBox, QTextBrowser

from plannerdesk.qt.help_menu import shortcuts, show_guide


def _action(window, menu_title: str, text: str):
    menu = next(a.menu() for a in window.menuBar().actions()
                if a.text().replace("&", "") == menu_title)
    for action in menu.actions():
        if action.menu() is not None:
            for inner in action.menu().actions():
                if inner.text().replace("&", "") == text:
                    return inner
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {menu_title} → {text}")


def test_a_closed_dock_comes_back_from_view_panels(qtbot, window):
    results = next(d for d in window.findChildren(QDockWidget)
                   if d.windowTitle() == "Results")
    results.close()
    assert not results.isVisible()
    _action(window, "View", "Results").trigger()
    assert results.isVisible()
    for title in ("Layers", "Attributes", "History", "Review notes",
                  "Draw", "Snapping"):
        assert _action(window, "View", title) is not None


def test_quit_closes_the_window_after_asking_about_unsaved_edits(
        qtbot, window, monkeypatch):
    from plannerdesk.commands import SetAttribute
    from plannerdesk.qt import recent

    fid = int(window.plan["parking"].index[0])
    window.push_command(SetAttribute("parking", fid, "capacity", 7))
    asked = []
    monkeypatch.setattr(recent, "ask_unsaved", lambda *_: asked.append(1)
                        or QMessageBox.StandardButton.Cancel)
    quit_action = _action(window, "File", "Quit")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    quit_action.trigger()
    assert asked and window.isVisible()  # cancelled: still open
    monkeypatch.setattr(recent, "ask_unsaved",
                        lambda *_: QMessageBox.StandardButton.Discard)
    quit_action.trigger()
    assert not window.isVisible()


def test_help_lists_the_shortcuts_and_opens_the_guide_offline(qtbot,
                                                              window):
    listed = {(action, keys) for _, action, keys in shortcuts(window)}
    assert ("Save", "Ctrl+S") in listed and ("Quit", "Ctrl+Q") in listed
    assert ("Snap", "S") in listed
    assert any(action.startswith("Undo") and keys == "Ctrl+Z"
               for action, keys in listed)
    guide = show_guide(window)
    qtbot.addWidget(guide)
    text = guide.findChild(QTextBrowser).toPlainText()
    assert "The desktop app" in text and "Benchmarks" in text


def test_every_tool_has_an_icon_and_the_category_sits_by_facility(window):
    from PySide6.QtWidgets import QToolBar

    bar = next(b for b in window.findChildren(QToolBar)
               if b.windowTitle() == "Draw")
    for title, action in window.tool_actions.items():
        assert not action.icon().isNull(), title
        assert action.toolTip(), title
    order = [a for a in bar.actions()]
    facility = order.index(window.tool_actions["Facility"])
    assert bar.widgetForAction(order[facility + 1]) is window.category


def test_no_two_entries_of_a_menu_share_an_access_key(qtbot, window):
    """Alt plus a letter reaches one entry of each menu, never two."""
    import re

    from PySide6.QtWidgets import QMenu

    for menu in [window.menuBar(), *window.findChildren(QMenu)]:
        keys = [m.group(1).lower() for action in menu.actions()
                if (m := re.search(r"&([^&])", action.text()))]
        assert len(keys) == len(set(keys)), (menu.title(), keys)
