"""Render the tools' icons (Font Awesome Free glyphs, CC BY 4.0, through
qtawesome) into PNGs beside this file, so the app draws them without
loading qtawesome:

    python plannerdesk/resources/make_icons.py   (needs: pip install qtawesome)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication  # noqa: E402

from plannerdesk.qt.icons import FOLDER, GLYPHS, SIZES, file_of  # noqa: E402


def main() -> None:
    import qtawesome

    app = QApplication.instance() or QApplication([])
    FOLDER.mkdir(parents=True, exist_ok=True)
    for title, glyph in GLYPHS.items():
        icon = qtawesome.icon(glyph, color="#333333")
        for size in SIZES:
            icon.pixmap(size, size).save(str(file_of(title, size)))
    del app


if __name__ == "__main__":
    main()
