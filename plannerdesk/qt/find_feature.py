"""Edit → Find feature (Ctrl+F): type part of a name (in any of its
forms, e.g. ``name_zh``) and pick the feature from the list, its layer
beside it; the feature is selected and the map zooms to it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model.schema import LAYER_ORDER, LAYERS
from ..session import Session
from .attribute_table import zoom_to_feature
from .language import tr

SHOWN = 50     # matches listed at most
Zoom = Callable[[tuple[float, float, float, float]], None]


def matches(session: Session, text: str) -> list[tuple[str, int, str]]:
    """(layer, fid, name) of every feature with ``text`` in one of its
    names (case ignored), exact names first, in layer order."""
    wanted = text.strip().casefold()
    if not wanted:
        return []
    exact, partial = [], []
    for layer in LAYER_ORDER:
        frame = session.plan[layer]
        columns = [c for c in frame.columns if str(c).startswith("name")]
        for fid, row in frame[columns].iterrows():
            forms = [str(v) for v in row if isinstance(v, str) and v.strip()]
            found = [f for f in forms if wanted in f.casefold()]
            if found:
                shown = " ".join(dict.fromkeys(forms))
                (exact if wanted in (f.casefold() for f in forms)
                 else partial).append((layer, int(fid), shown))
    return (exact + partial)[:SHOWN]


class FindFeature(QDialog):
    """The find box and its list of matches."""

    def __init__(self, session: Session, parent: QWidget,
                 zoom_to: Zoom) -> None:
        super().__init__(parent)
        self.session, self.zoom_to = session, zoom_to
        self.setWindowTitle(tr("Find feature"))
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("Part of a name: a zone, building, "
                                        "facility, space or lot"))
        self.text.setClearButtonEnabled(True)
        self.found = QListWidget()
        self.text.textChanged.connect(self._list)
        self.text.returnPressed.connect(lambda: self._go(self.found.item(0)))
        self.found.itemActivated.connect(self._go)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addWidget(self.found)
        self.resize(420, 320)

    def _list(self, text: str) -> None:
        self.found.clear()
        for layer, fid, name in matches(self.session, text):
            item = QListWidgetItem(tr("{name} — {layer}").format(
                name=name, layer=LAYERS[layer].label))
            item.setData(Qt.ItemDataRole.UserRole, (layer, fid))
            self.found.addItem(item)
        if not self.found.count() and text.strip():
            self.found.addItem(tr("No feature has that name"))

    def _go(self, item: QListWidgetItem | None) -> None:
        chosen = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not chosen:
            return
        layer, fid = chosen
        self.session.selection.set(layer, [fid])
        zoom_to_feature(self.session, layer, fid, self.zoom_to)
        self.accept()
