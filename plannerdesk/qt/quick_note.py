"""The Quick note tool: one click on the map drops a review note; only its
text is asked for, its author and time are filled in."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import shapely
from PySide6.QtCore import QT_TR_NOOP, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QToolBar, QWidget

from ..commands import AddFeatures
from ..model.notes import NOTES
from ..model.problems import PlannerError
from ..session import Session
from .draw_actions import DrawSpec, start_attributes
from .icons import icon
from .language import tr
from .map_tools import DrawTool

# English keys (of the tool's action and icon), shown through tr()
TITLE = QT_TR_NOOP("Quick note")
SPEC = DrawSpec(TITLE, NOTES, "point", {"status": "open"})
HINT = QT_TR_NOOP("click on the map to drop a note; type its text")


class QuickNote(QObject):
    """The toolbar action (beside the other drawing tools of ``bar``,
    after the action ``anchor``) and its tool on ``canvas``; ``hint``
    shows what the active tool does."""

    def __init__(self, session: Session, parent: QWidget, canvas,
                 bar: QToolBar, anchor: QAction,
                 hint: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.session, self.parent_widget = session, parent
        self.canvas, self.hint = canvas, hint
        self.action = QAction(icon(TITLE), tr(TITLE), parent)
        self.action.setCheckable(True)
        self.action.setToolTip(
            tr("Quick note: click on the map, type the note"))
        self.action.triggered.connect(self.start)
        anchor.actionGroup().addAction(self.action)
        actions = bar.actions()
        after = actions.index(anchor) + 1
        bar.insertAction(actions[after] if after < len(actions) else None,
                         self.action)

    def start(self) -> None:
        """Make the quick-note tool the active tool."""
        tool = DrawTool(self.canvas, TITLE, "point", self.drop)
        tool.hint = HINT
        self.canvas.set_tool(tool)
        self.action.setChecked(True)
        self.hint(tr("{tool}: {hint}").format(tool=tr(TITLE),
                                              hint=tr(HINT)))

    def drop(self, point: shapely.Geometry) -> None:
        """Ask for the text and add the note at ``point`` (undoable);
        cancelling or an empty text adds nothing."""
        window, plan = self.parent_widget, self.session.plan
        text, ok = QInputDialog.getText(window, tr(TITLE), tr("Note:"))
        if not ok or not text.strip():
            self.session.say(tr("No note added"), 4000)
            return
        values = start_attributes(SPEC, point, plan.settings, "")
        values["text"] = text.strip()
        command = AddFeatures(NOTES, gpd.GeoDataFrame(
            {k: [v] for k, v in values.items()}, geometry=[point],
            crs=plan.crs))
        try:
            self.session.push(command)
        except PlannerError as exc:
            QMessageBox.warning(window, "PlannerDesk", str(exc))
            return
        self.session.selection.set(NOTES, command.fids.tolist())
