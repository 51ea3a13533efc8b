"""The window shows before the evaluation stack loads: it arrives with
the first results, so the planner sees the plan first; the report stack
(matplotlib) and the CAD reader load only when asked for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EVALUATION = ("plannerdesk.evaluate.run", "scipy")
ASKED_FOR = ("matplotlib", "ezdxf")
LATER = EVALUATION + ASKED_FOR

OPEN = """
import sys
from PySide6.QtWidgets import QApplication
from plannerdesk.qt.app import open_window
app = QApplication([])
window = open_window(sys.argv[1])
window.show()
window.grab()
later = {later!r}
print("shown:", *sorted(name for name in later if name in sys.modules))
live = window.results.live
while live.results is None and live.busy():
    app.processEvents()
window.results.panel.tabs.setCurrentIndex(2)
print("results:", *sorted(name for name in later if name in sys.modules))
print("charts:", *sorted(window.results.panel.canvases))
window.undo_stack.set_clean()
"""


def test_window_shows_before_the_evaluation_stack_loads(sample_copy: Path):
    done = subprocess.run(
        [sys.executable, "-c", OPEN.format(later=LATER), str(sample_copy)],
        capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", **os.environ})
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(":", 1) for line in done.stdout.splitlines())
    assert lines["shown"].split() == []
    assert lines["results"].split() == sorted(EVALUATION)
    assert lines["charts"].split() == ["Coverage", "Parking"]
