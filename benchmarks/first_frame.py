"""Open a plan in the app and quit once its window has been drawn: run as
a whole process, its wall time is the app's time to first frame.

    python benchmarks/first_frame.py PLAN.gpkg

Once the event loop has laid the window out, the whole window is drawn
into an image (what the first paint draws; the offscreen platform sends
no paint events) and the process ends.
"""

from __future__ import annotations

import os
import sys

from plannerdesk.qt.app import show_window


def main(path: str) -> None:
    # PySide6 after plannerdesk.qt, as when the app starts (see there)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    window = show_window(path)

    def drawn() -> None:
        window.grab()
        app.quit()

    QTimer.singleShot(0, drawn)
    app.exec()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1])
