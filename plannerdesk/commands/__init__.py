"""Undoable edits of a Plan (pure Python; wrapped for QUndoStack in qt/).

Widgets and map tools never change a plan directly: they push a command.
"""

from .edits import (
                    AddFeatures,
                    Command,
                    DeleteFeatures,
                    MoveFeatures,
                    SetAttribute,
                    SetGeometry,
                    SetSettings,
)
from .layers import ReplaceLayers
from .stack import UndoStack

__all__ = ["AddFeatures", "Command", "DeleteFeatures", "MoveFeatures",
           "ReplaceLayers", "SetAttribute", "SetGeometry", "SetSettings",
           "UndoStack"]
