"""A plain undo stack for headless use and tests; the app wraps the same
commands in a QUndoStack."""

from __future__ import annotations

from ..model.plan import Plan
from .edits import Command


class UndoStack:
    """Commands done on one plan, with undo and redo."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.done: list[Command] = []
        self.undone: list[Command] = []

    def push(self, command: Command) -> None:
        """Do ``command``; merge it into the last one when they match.

        A command that fails (a PlannerError) is not recorded.
        """
        command.redo(self.plan)
        self.undone.clear()
        last = self.done[-1] if self.done else None
        if last is not None and command.merge_key() is not None and \
                last.merge(command):
            return
        self.done.append(command)

    def undo(self) -> None:
        if self.done:
            command = self.done.pop()
            command.undo(self.plan)
            self.undone.append(command)

    def redo(self) -> None:
        if self.undone:
            command = self.undone.pop()
            command.redo(self.plan)
            self.done.append(command)
