"""The start screen: the sample, recent plans, or another file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from plannerdesk.io.samples import DREAM_TOWN
from plannerdesk.qt.recent import remember_recent
from plannerdesk.qt.start_screen import StartScreen


def test_start_screen_offers_the_sample_and_recent_plans(qtbot,
                                                         small_plan_path):
    remember_recent(small_plan_path)
    screen = StartScreen()
    qtbot.addWidget(screen)
    listed = [screen.recent.item(i).text()
              for i in range(screen.recent.count())]
    assert str(small_plan_path.resolve()) in listed
    sample = next(b for b in screen.findChildren(QPushButton)
                  if "Dream Town" in b.text())
    qtbot.mouseClick(sample, Qt.MouseButton.LeftButton)
    assert screen.chosen == DREAM_TOWN


def test_a_recent_plan_opens_on_activation(qtbot, small_plan_path):
    remember_recent(small_plan_path)
    screen = StartScreen()
    qtbot.addWidget(screen)
    item = screen.recent.item(0)
    screen.recent.itemActivated.emit(item)
    assert screen.chosen == small_plan_path.resolve()
