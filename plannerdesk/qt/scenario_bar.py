"""A window's scenarios: the active one picked in a toolbar, and a
Scenario menu to add, duplicate, rename, delete and compare them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QMainWindow, QMessageBox

from ..commands.scenarios import (
    AddScenario,
    DeleteScenario,
    RenameScenario,
    SwitchScenario,
)
from ..model.problems import PlannerError
from ..model.scenarios import (
    EXISTING,
    SCENARIOS,
    scenario_label,
    scenario_names,
)
from ..session import Session
from .language import tr


def ask_name(parent, title: str, label: str, text: str) -> str | None:
    """A scenario name from the planner (None: cancelled)."""
    name, ok = QInputDialog.getText(parent, title, label, text=text)
    return name.strip() if ok else None


class ScenarioBar(QObject):
    """Keeps the scenario picker (a toolbar of ``window``) in step with the
    plan; every change is a command on the session's undo stack;
    ``compare`` runs Scenario > Compare with."""

    def __init__(self, session: Session, window: QMainWindow,
                 compare: Callable[[], object]) -> None:
        super().__init__(window)
        self.session, self.window, self.compare = session, window, compare
        bar = window.addToolBar(tr("Scenario"))  # on the overlays' row
        bar.setObjectName("scenario")
        bar.addWidget(QLabel(tr(" Scenario ")))
        self.picker = QComboBox()
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.picker.setToolTip(tr("the scenario shown and edited"))
        self.picker.textActivated.connect(
            lambda text: self.switch(self._named.get(text, text)))
        bar.addWidget(self.picker)
        menu = window.menuBar().addMenu(tr("&Scenario"))
        menu.addAction(tr("&New proposal..."), self.new_proposal)
        menu.addAction(tr("&Duplicate..."), self.duplicate)
        menu.addAction(tr("&Rename..."), self.rename)
        menu.addAction(tr("De&lete"), self.delete)
        menu.addSeparator()
        menu.addAction(tr("&Compare with..."), lambda: self.compare())
        self.menu = menu
        window.plan.listeners.append(
            lambda change: self.refresh() if change.layer == SCENARIOS
            else None)
        self.refresh()

    def refresh(self) -> None:
        """List the scenarios, the active one current."""
        names = scenario_names(self.session.plan)
        self._named = {scenario_label(n): n for n in names}
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItems(list(self._named))
        self.picker.setCurrentText(scenario_label(self.session.plan.active))
        self.picker.blockSignals(False)

    def _push(self, command) -> bool:
        try:
            self.session.push(command)
        except PlannerError as exc:
            QMessageBox.warning(self.window, "PlannerDesk", str(exc))
            self.refresh()
            return False
        return True

    def switch(self, name: str) -> None:
        if name == self.session.plan.active:
            return
        command = SwitchScenario(name)
        if self._push(command):
            self._tell(command.problems)

    def _tell(self, problems: list) -> None:
        if problems:
            QMessageBox.information(
                self.window, "PlannerDesk", tr(
                    "Some edits of this scenario no longer apply to the "
                    "existing layout:\n{problems}").format(problems="\n".join(
                        str(p) for p in problems[:10])))

    def new_proposal(self) -> None:
        name = ask_name(self.window, tr("New proposal"), tr(
            "Name of the proposal (it starts as the existing layout):"),
            tr("Proposal"))
        if name is not None:
            self._add(AddScenario(name, show=True))

    def duplicate(self) -> None:
        active = self.session.plan.active
        name = ask_name(self.window, tr("Duplicate scenario"),
                        tr("Name of the copy of {name}:").format(name=active),
                        tr("{name} copy").format(name=active))
        if name is not None:
            self._add(AddScenario(name, copy_of=active, show=True))

    def _add(self, command: AddScenario) -> None:
        """Add the scenario (shown, as one undo step)."""
        if self._push(command):
            self._tell(command.problems)

    def rename(self) -> None:
        active = self.session.plan.active
        if active == EXISTING:
            self._refuse(tr("The existing layout keeps its name; rename a "
                            "proposal instead"))
            return
        name = ask_name(self.window, tr("Rename scenario"), tr("New name:"),
                        active)
        if name is not None:
            self._push(RenameScenario(active, name))

    def delete(self) -> None:
        active = self.session.plan.active
        if active == EXISTING:
            self._refuse(tr("The existing layout cannot be deleted; switch "
                            "to a proposal to delete it"))
            return
        self._push(DeleteScenario(active))

    def _refuse(self, text: str) -> None:
        self.session.say(text, 6000)
