"""Unsaved edits: the close prompt, autosave, and recovery after a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import shapely
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from plannerdesk.io.gpkg import open_plan
from plannerdesk.io.recovery import pending_recovery, recovery_path
from plannerdesk.qt import file_actions
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
    assert window.undo_stack.is_clean()


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


def _add_note(window) -> None:
    spec_ = spec("Review note")
    x0, y0, x1, y1 = window.plan.site_geometry().bounds
    window._drawn(spec_, shapely.Point((x0 + x1) / 2, (y0 + y1) / 2))


def test_saving_a_read_only_plan_offers_save_as(qtbot, window, monkeypatch,
                                                tmp_path):
    """Save on a read-only plan says why and offers Save As; the copy is
    saved and becomes the window's plan, the original is untouched."""
    _add_note(window)
    original = window.path
    os.chmod(original, 0o444)
    before = original.read_bytes()
    shown = []
    monkeypatch.setattr(file_actions, "ask_save_as",
                        lambda _, reason: shown.append(reason) or True)
    copy = tmp_path / "copy.gpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(copy), "Plans (*.gpkg)"))
    assert window.files.save()
    assert "read-only" in shown[0] and "Save As" in shown[0]
    assert window.path == copy
    assert original.read_bytes() == before
    notes = len(open_plan(original)[0]["review_notes"])
    assert len(open_plan(copy)[0]["review_notes"]) == notes + 1


def test_declining_save_as_keeps_the_edits_unsaved(qtbot, window,
                                                   monkeypatch):
    _add_note(window)
    os.chmod(window.path, 0o444)
    monkeypatch.setattr(file_actions, "ask_save_as", lambda *_: False)
    assert not window.files.save()
    assert not window.undo_stack.is_clean()


def _autosave(qtbot, window) -> None:
    """Autosave now and wait until it is written and taken note of."""
    window.files.autosave()
    qtbot.waitUntil(lambda: window.files.autosaving is None, timeout=20_000)


def test_autosave_writes_the_changes_into_the_recovery_file(qtbot, window):
    """The first autosave copies the plan, later ones change that copy in
    place; the plan itself is not written until Save."""
    plan_bytes = window.path.read_bytes()
    _add_note(window)
    _autosave(qtbot, window)
    recovery = recovery_path(window.path)
    inode = os.stat(recovery).st_ino
    _add_note(window)
    _autosave(qtbot, window)
    assert os.stat(recovery).st_ino == inode
    assert window.path.read_bytes() == plan_bytes
    notes = len(open_plan(window.path)[0]["review_notes"])
    assert len(open_plan(recovery)[0]["review_notes"]) == notes + 2
    assert pending_recovery(window.path) == recovery
    assert window.files.save()
    assert pending_recovery(window.path) is None


def test_autosave_runs_beside_the_window_and_loses_no_later_edit(
        qtbot, window, monkeypatch):
    """While the recovery file is written the window goes on (its event
    loop runs), and an edit made meanwhile is in the next autosave."""
    real, ran_on = file_actions.autosave, []
    released = threading.Event()

    def slow(plan, path):
        ran_on.append(threading.current_thread())
        assert released.wait(10), "the window waited for the autosave"
        real(plan, path)

    monkeypatch.setattr(file_actions, "autosave", slow)
    notes = len(window.plan["review_notes"])
    _add_note(window)
    window.files.autosave()
    _add_note(window)  # while it writes
    QTimer.singleShot(0, released.set)  # fires only if the window is free
    qtbot.waitUntil(lambda: window.files.autosaving is None, timeout=20_000)
    assert ran_on[0] is not threading.main_thread()
    recovery = recovery_path(window.path)
    assert len(open_plan(recovery)[0]["review_notes"]) == notes + 1
    _autosave(qtbot, window)
    assert len(open_plan(recovery)[0]["review_notes"]) == notes + 2


EDIT_AND_AUTOSAVE = """
import sys, time
import shapely
from PySide6.QtWidgets import QApplication
from plannerdesk.qt.app import open_window
from plannerdesk.qt.draw_actions import DRAW_SPECS
app = QApplication([])
window = open_window(sys.argv[1], recover=lambda _: False)
spec = next(s for s in DRAW_SPECS if s.title == "Review note")
x0, y0, x1, y1 = window.plan.site_geometry().bounds
print("editing", flush=True)
for i in range(100_000):
    window._drawn(spec, shapely.Point(x0 + (i % 50) * 5, y0 + (i // 50) % 50))
    window.files.autosave()
"""


def test_killed_during_autosave_leaves_a_readable_recovery(sample_copy,
                                                           tmp_path):
    """SIGKILL while the app autosaves over and over: the recovery file
    always opens, holding some prefix of the edits, and the plan itself is
    untouched."""
    before = sample_copy.read_bytes()
    notes = len(open_plan(sample_copy)[0]["review_notes"])
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    for delay in (0.5, 1.3):
        proc = subprocess.Popen([sys.executable, "-c", EDIT_AND_AUTOSAVE,
                                 str(sample_copy)], stdout=subprocess.PIPE,
                                text=True, env=env)
        assert proc.stdout.readline().strip() == "editing"
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        recovery = recovery_path(sample_copy)
        if recovery.exists():
            plan, problems = open_plan(recovery)
            assert not [p for p in problems if p.severity == "error"]
            assert len(plan["review_notes"]) >= notes
        assert sample_copy.read_bytes() == before


def test_save_as_over_a_file_the_planner_chose_to_replace(qtbot, window,
                                                         monkeypatch,
                                                         tmp_path):
    """Save As onto an existing file (the dialog has asked to replace it)
    puts the plan in its place, even when that file was no plan."""
    target = tmp_path / "old.gpkg"
    target.write_text("not a plan")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Plans (*.gpkg)"))
    assert window.files.save_as()
    assert window.path == target
    assert len(open_plan(target)[0]["buildings"]) == \
        len(window.plan["buildings"])


def test_the_failed_save_box_offers_save_as(qtbot, window):
    """The box names the reason and has a Save As button that says so."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen = {}

    def answer():
        box = QApplication.activeModalWidget()
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        next(b for b in box.buttons() if b.text() == "Save As...").click()

    QTimer.singleShot(100, answer)
    assert file_actions.ask_save_as(window, "the file is read-only")
    assert seen["text"] == "the file is read-only"
    assert "Save As..." in seen["buttons"]
