"""The start screen: the sample, recent plans, or another file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton

from plannerdesk.commands import SetAttribute
from plannerdesk.io.gpkg import open_plan
from plannerdesk.io.samples import DREAM_TOWN, own_sample
from plannerdesk.qt.app import open_window
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
    assert screen.chosen == own_sample() != DREAM_TOWN


def test_the_sample_opens_as_the_planners_own_copy(qtbot, monkeypatch,
                                                   tmp_path):
    """Its edits are saved into the planner's copy (made on first use,
    with the base map, reopened after); the shipped file is untouched."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    shipped = DREAM_TOWN.read_bytes()
    copy = own_sample()
    assert tmp_path in copy.parents and copy.read_bytes() == shipped
    assert (copy.parent / "dream_town_basemap.png").exists()
    window = open_window(copy, recover=lambda _: False)
    qtbot.addWidget(window)
    fid = int(window.plan["parking"].index[0])
    window.push_command(SetAttribute("parking", fid, "capacity", 1234))
    assert window.files.save()
    window.files.may_close()
    assert own_sample() == copy  # reopened, with the edit
    assert open_plan(copy)[0]["parking"].at[fid, "capacity"] == 1234
    assert DREAM_TOWN.read_bytes() == shipped


def test_a_new_plan_can_be_started_from_the_start_screen(qtbot, monkeypatch,
                                                         tmp_path):
    target = tmp_path / "new site"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("EPSG:32650", True))
    screen = StartScreen()
    qtbot.addWidget(screen)
    new = next(b for b in screen.findChildren(QPushButton)
               if b.text().startswith("New plan"))
    qtbot.mouseClick(new, Qt.MouseButton.LeftButton)
    assert screen.chosen == target.with_suffix(".gpkg")
    assert open_plan(screen.chosen)[0].crs.to_epsg() == 32650


def test_a_recent_plan_opens_on_activation(qtbot, small_plan_path):
    remember_recent(small_plan_path)
    screen = StartScreen()
    qtbot.addWidget(screen)
    item = screen.recent.item(0)
    screen.recent.itemActivated.emit(item)
    assert screen.chosen == small_plan_path.resolve()
