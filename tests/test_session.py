"""The session: one open plan's undo stack, selection and messages,
without any window."""

from __future__ import annotations

from plannerdesk.commands import SetAttribute
from plannerdesk.io.gpkg import open_plan
from plannerdesk.session import Session

from .conftest import SAMPLE


def test_the_selection_follows_the_plan_and_moves_and_deletes_as_one_step():
    plan = open_plan(SAMPLE)[0]
    session = Session(plan, SAMPLE)
    changes, said = [], []
    session.selection.changed.connect(lambda: changes.append(1))
    session.status.connect(lambda text, ms: said.append(text))
    fids = [int(f) for f in plan["buildings"].index[:2]]
    session.selection.set("buildings", fids)
    assert session.selection.pairs() == {("buildings", f) for f in fids}
    before = plan["buildings"].geometry.loc[fids].copy()
    session.move_selection(5.0, 0.0)
    assert session.undo.index == 1 and session.undo.undo_text() == "move"
    moved = plan["buildings"].geometry.loc[fids]
    assert (moved.centroid.x - before.centroid.x).round(6).tolist() == [5.0] * 2
    session.delete_selection()
    assert not set(fids) & set(plan["buildings"].index)
    assert session.selection.pairs() == set()  # pruned: they are gone
    session.undo.undo()
    assert set(fids) <= set(plan["buildings"].index)
    session.push(SetAttribute("buildings", fids[0], "floors", 9))
    session.say("hello")
    assert said == ["hello"] and len(changes) >= 3

