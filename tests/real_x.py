"""A real X server (Xvfb) and a real pointer (xdotool) for the tests of
what only a real window shows: the view under the mouse, wheel events,
focus. Without them those tests are skipped with a line that says so."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

MISSING = ("no X server for the real-window tests: install Debian's xvfb "
           "and xdotool (apt-get install xvfb xdotool) to run them")


def start_x_server() -> tuple[subprocess.Popen, str]:
    """An Xvfb server on a free display, and that display (':N')."""
    if not (shutil.which("Xvfb") and shutil.which("xdotool")):
        pytest.skip(MISSING)
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24",
         "-nolisten", "tcp"], pass_fds=(write,),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as shown:
        number = shown.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start: " + MISSING)
    display = f":{number}"
    probe = subprocess.run(
        [sys.executable, "-c", "from PySide6.QtWidgets import QApplication;"
         " QApplication([])"], capture_output=True, text=True,
        env=dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb"))
    if probe.returncode != 0:
        server.kill()
        reason = (probe.stderr.strip().splitlines() or ["no reason"])[-1]
        pytest.skip(f"Qt cannot open a window on Xvfb ({reason}): install "
                    "the libraries Qt's xcb platform needs, e.g. "
                    "libxcb-cursor0")
    return server, display


class RealApp:
    """The app in a process of its own on a real X display, driven by
    xdotool; ``script`` prints one JSON object per line."""

    def __init__(self, display: str, script: str, *args: str,
                 home: Path) -> None:
        self.display = display
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
                   XDG_CONFIG_HOME=str(home / "config"))
        self.proc = subprocess.Popen(
            [sys.executable, "-c", script, *args], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, env=env)

    def read(self, kind: str | None = None, timeout: float = 60.0) -> dict:
        """The next line the app printed, as JSON (of ``kind``, when
        given: lines of other kinds are passed over)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            line = self.proc.stdout.readline()
            if line.startswith("{"):
                said = json.loads(line)
                if kind is None or said.get("kind") == kind:
                    return said
            if not line and self.proc.poll() is not None:
                raise AssertionError("the app ended: " + self.proc.stderr.read())
        raise AssertionError("the app said nothing in time")

    def xdotool(self, *words: str) -> None:
        subprocess.run(["xdotool", *words], check=True,
                       env=dict(os.environ, DISPLAY=self.display))

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
