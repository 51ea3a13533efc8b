"""The tools' and actions' icons: Font Awesome Free glyphs (CC BY 4.0),
rendered once into PNGs under ``plannerdesk/resources/icons`` by
``plannerdesk/resources/make_icons.py``, so starting the app loads no
icon font."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

FOLDER = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (32, 64)  # pixels: the toolbar's, and on a high-density screen
#: A tool or action's title -> its Font Awesome glyph.
GLYPHS = {
    "Pan": "fa5s.hand-paper", "Select": "fa5s.mouse-pointer",
    "Edit vertices": "fa5s.draw-polygon", "Measure": "fa5s.ruler",
    "Point space": "fa5s.map-pin", "Linear space": "fa5s.route",
    "Area space": "fa5s.vector-square", "Parking lot": "fa5s.parking",
    "Parking point": "fa5s.car", "Facility": "fa5s.store",
    "Building": "fa5s.building", "Walkway": "fa5s.walking",
    "Zone": "fa5s.object-group", "Site boundary": "fa5s.map",
    "Review note": "fa5s.sticky-note", "Quick note": "fa5s.bolt",
    "Snap": "fa5s.magnet", "Find parking": "fa5s.search-location",
}


def file_of(title: str, size: int) -> Path:
    return FOLDER / f"{title.lower().replace(' ', '_')}_{size}.png"


def icon(title: str) -> QIcon:
    """The icon of the tool or action ``title`` (none if it has none)."""
    out = QIcon()
    if title in GLYPHS:
        for size in SIZES:
            out.addFile(str(file_of(title, size)))
    return out
