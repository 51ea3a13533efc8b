"""Edit → Suggest places in the window: the list and the marks on the
map, a suggestion added with a click (one undo step) scoring what it
promised, and all of them as a new proposal."""

from __future__ import annotations

import pytest

from plannerdesk.model.scenarios import EXISTING


def suggested(qtbot, window, add: str, count: int):
    qtbot.waitUntil(lambda: window.results.live.results is not None,
                    timeout=20_000)
    dialog = window.suggest_places()
    qtbot.addWidget(dialog)
    dialog.what.setCurrentIndex(dialog.what.findData(add))
    dialog.count.setValue(count)
    dialog.run.click()
    qtbot.waitUntil(lambda: dialog.found is not None, timeout=60_000)
    return dialog


def staff_covered(results, category: str) -> float:
    staff = results.context.plan["buildings"]["employees"].fillna(0).sum()
    return results.coverage.table.loc[category, "share_employees"] * staff


def test_a_suggestion_added_with_a_click_scores_what_it_promised(
        qtbot, window):
    dialog = suggested(qtbot, window, "fitness", 2)
    assert dialog.table.rowCount() == 2
    assert "overlay: suggestions" in window.layer_panel.items
    assert dialog.summary.text().startswith("Where fitness would serve")
    before = staff_covered(window.results.live.results, "fitness")
    gain = dialog.found.rows.loc[0, "gain"]
    facilities = len(window.plan["facilities"])
    dialog.table.selectRow(0)
    with qtbot.waitSignal(window.results.live.updated, timeout=20_000) as got:
        dialog.add_one.click()
    assert len(window.plan["facilities"]) == facilities + 1
    assert window.plan["facilities"].iloc[-1]["category"] == "fitness"
    assert staff_covered(got.args[0], "fitness") == pytest.approx(
        before + gain)
    # added once: a second click adds nothing more
    dialog.add_one.click()
    assert len(window.plan["facilities"]) == facilities + 1
    window.undo_stack.undo()
    assert len(window.plan["facilities"]) == facilities
    dialog.close()
    assert "overlay: suggestions" not in window.layer_panel.items


def test_all_suggestions_go_into_a_new_proposal(qtbot, window):
    dialog = suggested(qtbot, window, "parking", 2)
    lots = len(window.plan["parking"])
    rows = dialog.table.rowCount()
    assert rows >= 1
    dialog.add_all.click()
    assert window.plan.active == "Suggested car parks"
    assert len(window.plan["parking"]) == lots + rows
    window.undo_stack.undo()     # one step takes both back
    assert window.plan.active == EXISTING
    assert "Suggested car parks" not in window.plan.scenarios
    assert len(window.plan["parking"]) == lots
    dialog.close()
