"""Unsaved edits: the close prompt, autosave, and recovery after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from PySide6.QtWidgets import QMessageBox

from plannerdesk.io.gpkg import open_plan
from plannerdesk.io.recovery import pending_recovery, recovery_path
from plannerdesk.qt.app import open_window

from .canvas_helpers import click, site_point, spec

EDIT_AND_HANG = """
import sys, time
from PySide6.QtWidgets import QApplication
from plannerdesk.qt.app import open_window
from plannerdesk.qt.draw_actions import DRAW_SPECS
app = QApplication([])
window = open_window(sys.argv[1], recover=lambda _: False)
window.files.autosave_timer.setInterval(50)
spec = next(s for s in DRAW_SPECS if s.title == "Review note")
x0, y0, x1, y1 = window.plan.site_geometry().bounds
import shapely
window._drawn(spec, shapely.Point((x0 + x1) / 2, (y0 + y1) / 2))
print("edited", flush=True)
while True:
    app.processEvents()
    time.sleep(0.02)
"""


def test_unsaved_edits_are_recovered_after_the_app_is_killed(qtbot,
                                                             sample_copy,
                                                             tmp_path):
    notes = len(open_plan(sample_copy)[0]["review_notes"])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    proc = subprocess.Popen([sys.executable, "-c", EDIT_AND_HANG,
                             str(sample_copy)], stdout=subprocess.PIPE,
                            text=True, env=env)
    assert proc.stdout.readline().strip() == "edited"
    deadline = time.monotonic() + 30
    while pending_recovery(sample_copy) is None:
        assert time.monotonic() < deadline, "no autosave appeared"
        time.sleep(0.05)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(open_plan(sample_copy)[0]["review_notes"]) == notes
    asked = []
    window = open_window(sample_copy, recover=lambda p: asked.append(p) or True)
    qtbot.addWidget(window)
    assert asked == [sample_copy]
    assert len(window.plan["review_notes"]) == notes + 1
    assert window.windowTitle().startswith(sample_copy.name + "*")
    assert window.files.save()
    assert pending_recovery(sample_copy) is None
    assert len(open_plan(sample_copy)[0]["review_notes"]) == notes + 1


def test_declining_recovery_discards_it(qtbot, sample_copy):
    recovery_path(sample_copy).write_bytes(sample_copy.read_bytes())
    window = open_window(sample_copy, recover=lambda _: False)
    qtbot.addWidget(window)
    assert not recovery_path(sample_copy).exists()
    assert window.undo_stack.isClean()


def test_closing_with_unsaved_edits_asks_first(qtbot, window, monkeypatch):
    import plannerdesk.qt.recent as recent

    window.use_tool(spec("Point space"))
    click(qtbot, window, site_point(window, 0.5, 0.45))
    answers = iter([QMessageBox.StandardButton.Cancel,
                    QMessageBox.StandardButton.Save])
    monkeypatch.setattr(recent, "ask_unsaved", lambda _: next(answers))
    assert not window.close()
    assert window.isVisible()
    points = len(window.plan["public_points"])
    assert window.close()
    assert len(open_plan(window.path)[0]["public_points"]) == points


def test_opened_and_saved_plans_are_recent(qtbot, window, tmp_path):
    from plannerdesk.qt.recent import recent_files

    assert recent_files()[0] == window.path.resolve()
    other = tmp_path / "other.gpkg"
    window.path = other
    assert window.files.save()
    assert recent_files()[:2] == [other.resolve(), (tmp_path /
                                                     "dream_town.gpkg")
                                  .resolve()]
