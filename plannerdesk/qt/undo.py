"""The app's one undo stack: plan commands wrapped for QUndoStack."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from ..commands import Command
from ..model.plan import Plan


class _QtCommand(QUndoCommand):
    """A plan command on the QUndoStack; done once before it is pushed."""

    def __init__(self, plan: Plan, command: Command) -> None:
        super().__init__(command.text)
        self.plan, self.command = plan, command
        self._done = True

    def redo(self) -> None:
        if self._done:  # already done by push(), which checked it worked
            self._done = False
            return
        self.command.redo(self.plan)

    def undo(self) -> None:
        self.command.undo(self.plan)

    def id(self) -> int:  # noqa: A003 (Qt API)
        key = self.command.merge_key()
        return -1 if key is None else hash(key) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        return isinstance(other, _QtCommand) and \
            self.command.merge(other.command)


def push(stack: QUndoStack, plan: Plan, command: Command) -> None:
    """Do ``command`` on ``plan`` and record it; a PlannerError leaves the
    plan and the stack as they were and propagates to the caller."""
    command.redo(plan)
    stack.push(_QtCommand(plan, command))
