"""The undo stack: every change of a plan is a command done through it.

Headless; the app shows it through :mod:`plannerdesk.qt.undo`. Like
QGIS's (Qt's) undo stack, it merges a command into the one before when
both say they may be (``merge_key``), but never across the saved state or
inside a macro; a macro groups commands into one step; the clean index
marks the state last saved.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model.plan import Plan
from .edits import Command


class Macro(Command):
    """Commands done as one step, undone in reverse order."""

    text = ""  # its own, given (in the planner's language)

    def __init__(self, text: str) -> None:
        self.text = text
        self.children: list[Command] = []

    def redo(self, plan: Plan) -> None:
        for command in self.children:
            command.redo(plan)

    def undo(self, plan: Plan) -> None:
        for command in reversed(self.children):
            command.undo(plan)


class UndoStack:
    """Commands done on one plan, with undo, redo, macros and the saved
    state; ``listeners`` are called after every change of it."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.commands: list[Command] = []
        self.index = 0  # commands[:index] are done
        self.clean_index: int | None = 0
        self.listeners: list[Callable[[], None]] = []
        self._macros: list[Macro] = []

    # -- doing -------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do ``command`` and record it. A command that fails (a
        PlannerError) changes nothing and is not recorded."""
        command.redo(self.plan)
        if self._macros:
            self._macros[-1].children.append(command)
            return
        self._record(command)

    def begin_macro(self, text: str) -> None:
        """Group the commands pushed until :meth:`end_macro` as one step."""
        self._macros.append(Macro(text))

    def end_macro(self) -> None:
        macro = self._macros.pop()
        if not macro.children:
            return
        if self._macros:
            self._macros[-1].children.append(macro)
        else:
            self._record(macro)

    def _record(self, command: Command) -> None:
        del self.commands[self.index:]
        if self.clean_index is not None and self.clean_index > self.index:
            self.clean_index = None  # the saved state cannot come back
        last = self.commands[-1] if self.commands else None
        if last is not None and self.clean_index != self.index and \
                command.merge_key() is not None and last.merge(command):
            self._changed()
            return
        self.commands.append(command)
        self.index += 1
        self._changed()

    # -- moving in the history ------------------------------------------
    def undo(self) -> None:
        if self.index:
            self.index -= 1
            self.commands[self.index].undo(self.plan)
            self._changed()

    def redo(self) -> None:
        if self.index < len(self.commands):
            self.commands[self.index].redo(self.plan)
            self.index += 1
            self._changed()

    def set_index(self, index: int) -> None:
        """Undo or redo until ``index`` commands are done."""
        while self.index > index:
            self.undo()
        while self.index < min(index, len(self.commands)):
            self.redo()

    def undo_text(self) -> str:
        return self.commands[self.index - 1].text if self.index else ""

    def redo_text(self) -> str:
        return self.commands[self.index].text \
            if self.index < len(self.commands) else ""

    # -- the saved state -----------------------------------------------
    def is_clean(self) -> bool:
        """True when the plan is as last saved."""
        return self.clean_index == self.index

    def set_clean(self) -> None:
        """The plan was saved as it is now."""
        self.clean_index = self.index
        self._changed()

    def reset_clean(self) -> None:
        """The plan differs from its file whatever is undone (recovered
        edits, a change made outside the history)."""
        self.clean_index = None
        self._changed()

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()
