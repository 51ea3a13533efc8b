"""The status bar: a message too long for it is shortened in the middle
('…'), never cut off at the edge, and the whole of it is its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar, QWidget

MARGIN_PX = 32     # the size grip and the spacing beside the widgets


class StatusBar(QStatusBar):
    """A QStatusBar whose messages always fit beside its permanent
    widgets."""

    def __init__(self) -> None:
        super().__init__()
        self._message = ""
        self._permanent: list[QWidget] = []

    def addPermanentWidget(self, widget: QWidget,  # noqa: N802 (Qt API)
                           stretch: int = 0) -> None:
        self._permanent.append(widget)
        super().addPermanentWidget(widget, stretch)

    def showMessage(self, message: str,  # noqa: N802 (Qt API)
                    timeout: int = 0) -> None:
        self._message = message
        room = self.width() - MARGIN_PX - sum(
            w.sizeHint().width() for w in self._permanent if w.isVisible())
        shown = self.fontMetrics().elidedText(
            message, Qt.TextElideMode.ElideMiddle, max(room, 80))
        self.setToolTip(message if shown != message else "")
        super().showMessage(shown, timeout)

    def currentMessage(self) -> str:  # noqa: N802 (Qt API)
        """The whole message shown now ('' once it has timed out)."""
        return self._message if super().currentMessage() else ""
