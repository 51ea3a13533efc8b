"""Scenarios in the app: propose, switch, rename, delete, undo, compare."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from plannerdesk.io.gpkg import open_plan
from plannerdesk.model.scenarios import EXISTING

from .canvas_helpers import click, spec


@pytest.fixture
def answers(monkeypatch):
    """Answers to the name and choice questions, in order."""
    queue: list = []
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: (queue.pop(0), True))
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda *a, **k: (queue.pop(0), True))
    return queue


def _village_point(window, fx: float, fy: float) -> tuple[float, float]:
    x0, y0, x1, y1 = window.plan["zones"].set_index("name").loc[
        "Internet Village", "geometry"].bounds
    return x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)


def _draw_lot(qtbot, window) -> None:
    window.use_tool(spec("Parking lot"))
    for fx, fy in ((0.4, 0.4), (0.6, 0.4), (0.6, 0.6)):
        click(qtbot, window, _village_point(window, fx, fy))
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)


def test_a_proposal_is_edited_apart_from_the_existing_layout(
        qtbot, window, answers):
    lots = len(window.plan["parking"])
    answers.append("More parking")
    window.scenarios.new_proposal()
    assert window.plan.active == "More parking"
    assert window.scenarios.picker.currentText() == "More parking"
    _draw_lot(qtbot, window)
    assert len(window.plan["parking"]) == lots + 1
    window.scenarios.picker.textActivated.emit(EXISTING)
    assert window.plan.active == EXISTING
    assert len(window.plan["parking"]) == lots
    assert len(window.layer_items["parking"].childItems()) > 0
    window.scenarios.switch("More parking")
    assert len(window.plan["parking"]) == lots + 1
    assert window.files.save()
    reopened, _ = open_plan(window.path)
    assert reopened.active == "More parking"
    assert len(reopened["parking"]) == lots + 1
    assert len(reopened.base_layers["parking"]) == lots


def test_rename_delete_and_undo(qtbot, window, answers):
    answers.extend(["Plan A", "Plan B"])
    window.scenarios.new_proposal()
    window.scenarios.rename()
    assert window.plan.active == "Plan B"
    assert [window.scenarios.picker.itemText(i) for i in
            range(window.scenarios.picker.count())] == [EXISTING, "Plan B"]
    window.scenarios.delete()
    assert window.plan.active == EXISTING and not window.plan.scenarios
    window.undo_action.trigger()
    assert window.plan.active == "Plan B"
    window.scenarios.switch(EXISTING)
    window.scenarios.rename()  # the existing layout keeps its name
    assert "keeps its name" in window.statusBar().currentMessage()


def test_compare_shows_deltas_and_draws_differences(qtbot, window, answers):

    answers.append("More parking")
    window.scenarios.new_proposal()
    _draw_lot(qtbot, window)
    answers.append(EXISTING)
    dialog = window.compare_scenarios()
    qtbot.addWidget(dialog)
    headline = dialog.comparison.headline
    unmet = headline.loc["parking.unmet"]
    assert unmet["delta"] < 0 and bool(unmet["better"])
    figures = [dialog.table.item(r, 0).text()
               for r in range(dialog.table.rowCount())]
    row = figures.index("unmet parking demand")
    delta = dialog.table.item(row, 4)
    assert delta.text().startswith("-")
    assert delta.foreground().color().green() > delta.foreground().color().red()
    key = next(k for k in window.layer_panel.keys()
               if k.startswith("comparison"))
    assert window.layer_panel.row(key).childCount() == 6  # its legend
    assert not window.layer_panel.items[key].childrenBoundingRect().isEmpty()
    # a panel beside the map, not over it; its layer stays when it closes
    assert window.dockWidgetArea(dialog) == Qt.DockWidgetArea.RightDockWidgetArea
    dialog.close()
    assert key in window.layer_panel.keys()
    item = window.layer_panel.items[key]
    window.layer_panel.drop(key)  # the row's "Remove from the map"
    assert key not in window.layer_panel.keys() and item.scene() is None


def test_two_comparisons_open_at_once_each_keep_their_overlay(
        qtbot, window, answers):

    answers.extend(["More parking", EXISTING, EXISTING])
    window.scenarios.new_proposal()
    first, second = window.compare_scenarios(), window.compare_scenarios()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    first.close()
    window.layer_panel.drop(first.key)
    rows = [k for k in window.layer_panel.keys() if k.startswith("comparison")]
    assert rows == [second.key]
    window.layer_panel.set_current(second.key)
    window.layer_panel.move(1)  # the panel still restacks
    assert window.layer_panel.keys()[1] == second.key


def test_a_refused_name_leaves_no_step_in_the_history(qtbot, window, answers,
                                                       monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    said = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text: said.append(text))
    steps = len(window.undo_stack.commands)
    answers.append("existing")
    window.scenarios.new_proposal()
    assert said and len(window.undo_stack.commands) == steps
    assert window.undo_stack.is_clean()
    answers.append("Plan A")
    window.scenarios.new_proposal()
    assert len(window.undo_stack.commands) == steps + 1  # added and shown: one step
    window.undo_action.trigger()
    assert window.plan.active == EXISTING and not window.plan.scenarios
