"""Undoable changes to a plan's scenarios.

Switching scenario is itself a step on the undo stack, and undoing it
switches back. The stack undoes in order, so every edit is undone (and
redone) while the scenario it was made in is active: an edit made in a
proposal is undone before the switch into that proposal is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.language import tr
from ..model.plan import Plan
from ..model.problems import Problem
from ..model.scenarios import SCENARIOS, Edits, add, delete, insert, rename, switch
from .edits import Command


@dataclass
class SwitchScenario(Command):
    """Make scenario ``name`` the active one. ``problems``: edits of the
    scenario that no longer apply (show them to the planner)."""

    name: str
    before: str = ""
    problems: list[Problem] = field(default_factory=list)
    layer: str = SCENARIOS

    @property
    def text(self) -> str:
        return tr("switch to scenario {name}").format(name=self.name)

    def redo(self, plan: Plan) -> None:
        before = plan.active
        self.problems = switch(plan, self.name)
        self.before = before

    def undo(self, plan: Plan) -> None:
        switch(plan, self.before)


@dataclass
class AddScenario(Command):
    """Add a proposal, empty or a copy of scenario ``copy_of``; with
    ``show`` it also becomes the active scenario (one step to undo)."""

    name: str
    copy_of: str | None = None
    show: bool = False
    edits: Edits | None = None
    before: str = ""
    problems: list[Problem] = field(default_factory=list)
    layer: str = SCENARIOS

    @property
    def text(self) -> str:
        return tr("add scenario {name}").format(name=self.name)

    def redo(self, plan: Plan) -> None:
        if self.edits is None:
            self.name = add(plan, self.name, self.copy_of)
        else:
            insert(plan, self.name, self.edits)
        if self.show:
            self.before = plan.active
            self.problems = switch(plan, self.name)

    def undo(self, plan: Plan) -> None:
        if self.show:
            switch(plan, self.before)
        self.edits = delete(plan, self.name)


@dataclass
class RenameScenario(Command):
    """Rename a proposal."""

    old: str
    new: str
    layer: str = SCENARIOS

    @property
    def text(self) -> str:
        return tr("rename scenario {old} to {new}").format(old=self.old,
                                                           new=self.new)

    def redo(self, plan: Plan) -> None:
        self.new = rename(plan, self.old, self.new)

    def undo(self, plan: Plan) -> None:
        rename(plan, self.new, self.old)


@dataclass
class DeleteScenario(Command):
    """Delete a proposal; undo puts it back where it was, active again if
    it was active."""

    name: str
    edits: Edits | None = None
    position: int = -1
    was_active: bool = False
    layer: str = SCENARIOS

    @property
    def text(self) -> str:
        return tr("delete scenario {name}").format(name=self.name)

    def redo(self, plan: Plan) -> None:
        names, was_active = list(plan.scenarios), plan.active == self.name
        self.edits = delete(plan, self.name)
        self.position, self.was_active = names.index(self.name), was_active

    def undo(self, plan: Plan) -> None:
        insert(plan, self.name, self.edits, self.position)
        if self.was_active:
            switch(plan, self.name)
