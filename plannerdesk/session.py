"""One plan open in the app: the plan and its file, the undo stack every
change goes through, the selection and the latest results (no Qt).

Panels and map tools take the session, not the window: they change the
plan by pushing commands, select through it, and report to the planner
with :meth:`Session.say`. What happens is announced through events; the
window relays them to its widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .commands import Command, DeleteFeatures, MoveFeatures, UndoStack
from .model.changes import Change
from .model.language import tr
from .model.plan import Plan

if TYPE_CHECKING:
    from .evaluate.run import Results


class Event:
    """Callbacks run in the order they were connected, each time the
    event is emitted (its arguments are documented where it is made)."""

    def __init__(self) -> None:
        self._slots: list[Callable[..., None]] = []

    def connect(self, slot: Callable[..., None]) -> None:
        self._slots.append(slot)

    def disconnect(self, slot: Callable[..., None]) -> None:
        if slot in self._slots:
            self._slots.remove(slot)

    def emit(self, *args) -> None:
        for slot in list(self._slots):
            slot(*args)


class Selection:
    """Fids selected per layer of one plan; ``changed()`` after each
    change."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.fids: dict[str, list[int]] = {}
        self.changed = Event()

    def set(self, layer: str | None, fids: list[int],
            add: bool = False) -> None:
        """Select ``fids`` of ``layer`` (None, []: nothing), in addition
        to what is selected when ``add``."""
        if not add:
            self.fids = {}
        if layer is not None and len(fids):
            kept = self.fids.setdefault(layer, [])
            kept.extend(f for f in fids if f not in kept)
        self.changed.emit()

    def pairs(self) -> set[tuple[str, int]]:
        return {(layer, fid) for layer, fids in self.fids.items()
                for fid in fids}

    def first(self) -> tuple[str, int] | None:
        for layer, fids in self.fids.items():
            if fids:
                return layer, fids[0]
        return None

    def prune(self) -> None:
        """Forget features that are no longer in the plan."""
        kept = {layer: [f for f in fids if f in self.plan[layer].index]
                for layer, fids in self.fids.items()}
        self.fids = {k: v for k, v in kept.items() if v}
        self.changed.emit()


class Session:
    """An open plan and what the app keeps about it.

    Events: ``layer_changed(change)`` after a plan layer (or the settings,
    site maps, scenarios) changed, with the
    :class:`~plannerdesk.model.changes.Change`; ``results_changed(results)``
    when new results arrived; ``status(message, milliseconds)`` for the
    status bar; ``renamed()`` once it is saved under another name.
    """

    def __init__(self, plan: Plan, path: Path) -> None:
        self.plan, self.path = plan, Path(path)
        self.undo = UndoStack(plan)
        self.selection = Selection(plan)
        self.results: Results | None = None
        self.layer_changed = Event()
        self.results_changed = Event()
        self.status = Event()
        self.renamed = Event()
        plan.listeners.append(self._plan_changed)

    def _plan_changed(self, change: Change) -> None:
        if change.layer in self.plan.layers and self.selection.fids:
            self.selection.prune()
        self.layer_changed.emit(change)

    def push(self, command: Command) -> None:
        """Do ``command`` as one undo step (PlannerError if refused)."""
        self.undo.push(command)

    def say(self, message: str, milliseconds: int = 0) -> None:
        """A message for the planner, shown for ``milliseconds`` (0: until
        the next one)."""
        self.status.emit(message, milliseconds)

    def set_results(self, results: Results) -> None:
        self.results = results
        self.results_changed.emit(results)

    def move_selection(self, dx: float, dy: float) -> None:
        """Move every selected feature, as one undo step."""
        self.undo.begin_macro(tr("move"))
        try:
            for layer, fids in self.selection.fids.items():
                self.undo.push(MoveFeatures(layer, fids, dx, dy))
        finally:
            self.undo.end_macro()

    def delete_selection(self) -> None:
        """Delete every selected feature, as one undo step."""
        self.undo.begin_macro(tr("delete"))
        try:
            for layer, fids in list(self.selection.fids.items()):
                self.undo.push(DeleteFeatures(layer, fids))
        finally:
            self.undo.end_macro()
