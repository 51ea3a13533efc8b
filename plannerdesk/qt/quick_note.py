"""The Quick note tool: one click on the map drops a review note; only its
text is asked for, its author and time are filled in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd
import shapely
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QToolBar

from ..commands import AddFeatures
from ..model.notes import NOTES
from ..model.problems import PlannerError
from .draw_actions import DrawSpec, start_attributes
from .map_tools import DrawTool

if TYPE_CHECKING:
    from .main_window import MainWindow

TITLE = "Quick note"
SPEC = DrawSpec(TITLE, NOTES, "point", {"status": "open"})
HINT = "click on the map to drop a note; type its text"


class QuickNote(QObject):
    """The toolbar action (beside the other drawing tools) and its tool."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction(TITLE, window)
        self.action.setCheckable(True)
        self.action.setToolTip("Quick note: click on the map, type the note")
        self.action.triggered.connect(self.start)
        anchor = window.tool_actions["Review note"]
        anchor.actionGroup().addAction(self.action)
        bar = window.findChild(QToolBar, "draw")
        actions = bar.actions()
        after = actions.index(anchor) + 1
        bar.insertAction(actions[after] if after < len(actions) else None,
                         self.action)
        window.tool_actions[TITLE] = self.action

    def start(self) -> None:
        """Make the quick-note tool the active tool."""
        tool = DrawTool(self.window.canvas, TITLE, "point", self.drop)
        tool.hint = HINT
        self.window.canvas.set_tool(tool)
        self.action.setChecked(True)
        self.window.tool_label.setText(f"{TITLE}: {HINT}")

    def drop(self, point: shapely.Geometry) -> None:
        """Ask for the text and add the note at ``point`` (undoable);
        cancelling or an empty text adds nothing."""
        window = self.window
        text, ok = QInputDialog.getText(window, TITLE, "Note:")
        if not ok or not text.strip():
            window.statusBar().showMessage("No note added", 4000)
            return
        values = start_attributes(SPEC, point, window.plan.settings, "")
        values["text"] = text.strip()
        command = AddFeatures(NOTES, gpd.GeoDataFrame(
            {k: [v] for k, v in values.items()}, geometry=[point],
            crs=window.plan.crs))
        try:
            window.push_command(command)
        except PlannerError as exc:
            QMessageBox.warning(window, "PlannerDesk", str(exc))
            return
        window.select(NOTES, command.fids.tolist())
