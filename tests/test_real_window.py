"""The map under a real mouse in a real X window (Xvfb, xdotool): what
offscreen tests cannot see, because there the view is never under the
pointer."""

from __future__ import annotations

import pytest

from .real_x import RealApp

OPEN = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication
from plannerdesk.qt.app import open_window

app = QApplication([])
window = open_window(sys.argv[1], recover=lambda _: False)
window.resize(1200, 800)
window.move(0, 0)
window.show()
canvas = window.canvas

def say(**what):
    print(json.dumps(what), flush=True)

def under_pointer(kind):
    port = canvas.viewport()
    at = canvas.mapToScene(port.mapFromGlobal(QCursor.pos()))
    shown = [item for item in canvas.items(port.rect()) if item.isVisible()]
    say(kind=kind, x=at.x(), y=at.y(), scale=canvas.scale_denominator(),
        metres_per_pixel=canvas.map_units_per_pixel(), items=len(shown))

still = QTimer()  # the pointer at rest: say what is under it
still.setSingleShot(True)
still.setInterval(150)
still.timeout.connect(lambda: under_pointer("rest"))

def ready():
    window.zoom_to_plan()
    port = canvas.viewport()
    corner = port.mapToGlobal(port.rect().topLeft())
    extent = window.plan.extent()
    # a point of the plan on screen: Internet Village, right of centre
    x = extent[0] + 0.62 * (extent[2] - extent[0])
    y = extent[1] + 0.7 * (extent[3] - extent[1])
    on = canvas.mapFromScene(x, y)
    say(ready=[corner.x() + on.x(), corner.y() + on.y()])
    canvas.scale_changed.connect(
        lambda _: QTimer.singleShot(50, lambda: under_pointer("zoom")))
    canvas.cursor_moved.connect(lambda _: still.start())
    window.session.selection.changed.connect(lambda *_: say(
        kind="selected", fids={k: [int(f) for f in v] for k, v in
                               window.session.selection.fids.items()}))

QTimer.singleShot(500, ready)
app.exec()
"""


@pytest.fixture
def app(x_display, sample_copy, tmp_path):
    running = RealApp(x_display, OPEN, str(sample_copy), home=tmp_path)
    yield running
    running.close()


def test_wheel_zoom_keeps_the_point_under_the_cursor(app):
    """Enter, move, then wheel in and out over the site: the map point
    under the pointer stays put and the map stays drawn, at every scale."""
    x, y = app.read()["ready"]
    app.xdotool("mousemove", str(x + 5), str(y + 5))
    app.xdotool("mousemove", str(x), str(y))
    app.xdotool("click", "4")
    first = app.read("zoom")
    for button in ("4",) * 5 + ("5",) * 16:
        app.xdotool("click", button)
        now = app.read("zoom")
        tolerance = 1.5 * max(now["metres_per_pixel"],
                              first["metres_per_pixel"])
        assert abs(now["x"] - first["x"]) <= tolerance, now
        assert abs(now["y"] - first["y"]) <= tolerance, now
        assert now["items"] > 0, f"a blank map at 1:{now['scale']:,.0f}"
    assert now["scale"] > first["scale"] * 10  # zoomed out well past start


def test_a_middle_drag_moves_the_map_with_the_hand(app):
    """Press the middle button, drag, release: the map point that was
    under the pointer is under it again."""
    x, y = app.read()["ready"]
    app.xdotool("mousemove", str(x), str(y))
    start = app.read("rest")
    app.xdotool("mousedown", "2")
    for step in range(1, 11):
        app.xdotool("mousemove", str(x + 12 * step), str(y + 5 * step))
    app.xdotool("mouseup", "2")
    end = app.read("rest")
    assert abs(end["x"] - start["x"]) <= 2 * start["metres_per_pixel"]
    assert abs(end["y"] - start["y"]) <= 2 * start["metres_per_pixel"]
    assert end["items"] > 0


def test_find_feature_takes_what_is_typed_at_once(app, sample_copy):
    """Ctrl+F in the window, type part of a name, Enter: the box has the
    keyboard at once, and the feature is selected."""
    import time

    import pyogrio

    x, y = app.read()["ready"]
    app.xdotool("mousemove", str(x + 5), str(y + 5))
    app.xdotool("mousemove", str(x), str(y))
    app.read("rest")
    app.xdotool("click", "1")      # the window has the keyboard
    app.xdotool("key", "ctrl+f")
    time.sleep(0.5)
    app.xdotool("type", "--delay", "50", "Angel Bistro")
    app.xdotool("key", "Return")
    time.sleep(0.5)
    app.xdotool("mousemove", str(x + 9), str(y + 9))  # says 'rest' at least
    chosen = app.read()
    assert chosen.get("kind") == "selected", "the typing went elsewhere"
    facilities = pyogrio.read_dataframe(sample_copy, layer="facilities",
                                        read_geometry=False, fid_as_index=True)
    bistro = int(facilities.index[facilities["name"] == "Angel Bistro"][0])
    assert chosen["fids"] == {"facilities": [bistro]}
