"""Scenarios: proposals stored as edits in the plan file, switched, renamed,
undone, and compared with the existing layout."""

from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from pandas.testing import assert_frame_equal

from plannerdesk.commands import (
    AddFeatures,
    DeleteFeatures,
    MoveFeatures,
    SetAttribute,
    SetSettings,
    UndoStack,
)
from plannerdesk.commands.scenarios import (
    AddScenario,
    DeleteScenario,
    RenameScenario,
    SwitchScenario,
)
from plannerdesk.evaluate.compare import compare, findings, write_comparison
from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.tables import summary
from plannerdesk.io.gpkg import open_plan, save_plan
from plannerdesk.io.scenarios import EDITS_TABLE, SCENARIOS_TABLE
from plannerdesk.model import scenarios as sc
from plannerdesk.model.problems import PlannerError
from plannerdesk.model.settings import with_parameter

from .conftest import SAMPLE, box, frame
from .microsites import building, facility, plan_of

EXISTING = sc.EXISTING


def assert_layers_equal(left: dict, right: dict) -> None:
    """Same features (by fid), attributes and geometries in every layer."""
    assert set(left) == set(right)
    for name in left:
        a, b = left[name].sort_index(), right[name].sort_index()
        assert_frame_equal(a.drop(columns=a.geometry.name),
                           b.drop(columns=b.geometry.name), obj=name)
        assert (shapely.to_wkb(a.geometry.array)
                == shapely.to_wkb(b.geometry.array)).all(), name


def zone_point(plan, zone: str) -> shapely.Point:
    zones = plan["zones"].set_index("name")
    return zones.geometry.loc[zone].representative_point()


def cafe_id(plan) -> int:
    facilities = plan["facilities"]
    return int(facilities.index[facilities["category"] == "cafe"][0])


def propose(plan, name: str = "Proposal") -> None:
    """Proposal: a 900-space garage and a cafe in Internet Village, one
    cafe elsewhere gone, one building's staff changed."""
    sc.add(plan, name)
    sc.switch(plan, name)
    centre = zone_point(plan, "Internet Village")
    plan.add_features("parking", frame([{
        "name": "Internet Village Garage", "capacity": 900,
        "type": "structure", "geometry": centre.buffer(30)}]))
    plan.add_features("facilities", frame([{
        "name": "Village Cafe", "category": "cafe", "geometry": centre}]))
    DeleteFeatures("facilities", [cafe_id(plan)]).redo(plan)
    SetAttribute("buildings", 5, "employees", 120).redo(plan)


@pytest.fixture(scope="module")
def proposed(tmp_path_factory):
    """The sample with a proposal, saved and opened again."""
    path = tmp_path_factory.mktemp("proposed") / "dream_town.gpkg"
    path.write_bytes(SAMPLE.read_bytes())
    plan, _ = open_plan(path)
    propose(plan)
    save_plan(plan, path)
    return path, plan


# -- storage ---------------------------------------------------------------

def test_a_proposal_round_trips_through_the_file(proposed):
    path, before = proposed
    plan, problems = open_plan(path)
    assert problems == []
    assert sc.scenario_names(plan) == [EXISTING, "Proposal"]
    assert plan.active == "Proposal"
    assert_layers_equal(plan.layers, before.layers)
    assert plan["buildings"]["employees"].dtype == "Int64"
    assert plan["parking"]["capacity"].dtype == "Int64"
    assert plan["facilities"]["open"].dtype == "boolean"
    sc.switch(plan, EXISTING)
    existing, _ = open_plan(SAMPLE)
    assert_layers_equal(plan.layers, existing.layers)


def test_the_files_ordinary_layers_hold_the_existing_layout(proposed):
    path, _ = proposed
    existing, _ = open_plan(SAMPLE)
    parking = pyogrio.read_dataframe(path, layer="parking")
    assert len(parking) == len(existing["parking"])
    assert "Internet Village Garage" not in set(parking["name"])
    facilities = pyogrio.read_dataframe(path, layer="facilities",
                                        fid_as_index=True)
    assert cafe_id(existing) in facilities.index
    buildings = pyogrio.read_dataframe(path, layer="buildings",
                                       fid_as_index=True)
    assert buildings.loc[5, "employees"] == existing["buildings"].loc[
        5, "employees"]
    edits = pyogrio.read_dataframe(path, layer=EDITS_TABLE)
    assert sorted(edits["action"]) == ["add", "add", "delete", "modify"]
    modify = edits[edits["action"] == "modify"].iloc[0]
    assert modify["properties"] == '{"employees": 120}'
    assert pd.isna(modify["wkb"])


def test_plans_without_scenario_tables_open_with_no_proposals():
    assert SCENARIOS_TABLE not in {n for n, _ in pyogrio.list_layers(SAMPLE)}
    plan, _ = open_plan(SAMPLE)
    assert plan.scenarios == {} and plan.active == EXISTING


def test_a_proposals_own_settings_are_kept_apart(small_plan_path):
    plan, _ = open_plan(small_plan_path)
    sc.add(plan, "Far walkers")
    sc.switch(plan, "Far walkers")
    SetSettings(with_parameter(plan.settings, "parking.walk_limit_m",
                               "600")).redo(plan)
    save_plan(plan, small_plan_path)
    again, _ = open_plan(small_plan_path)
    assert again.settings.parking.walk_limit_m == 600
    assert again.base_settings.parking.walk_limit_m == 400
    sc.switch(again, EXISTING)
    assert again.settings.parking.walk_limit_m == 400


def test_a_damaged_edit_row_names_the_file_table_row_and_fix(proposed,
                                                             tmp_path):
    path = tmp_path / "damaged.gpkg"
    path.write_bytes(proposed[0].read_bytes())
    actions = pyogrio.read_dataframe(path, layer=EDITS_TABLE)["action"]
    row = actions.tolist().index("delete") + 1
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE {EDITS_TABLE} SET action = 'move' "
                   "WHERE action = 'delete'")
    with pytest.raises(PlannerError) as caught:
        open_plan(path)
    message = str(caught.value)
    assert str(path) in message and EDITS_TABLE in message
    assert f"row {row} " in message and "action" in message
    assert "Fix:" in message


def test_a_damaged_scenario_row_is_reported(proposed, tmp_path):
    path = tmp_path / "damaged.gpkg"
    path.write_bytes(proposed[0].read_bytes())
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE {SCENARIOS_TABLE} SET settings = '{{oops'")
    with pytest.raises(PlannerError, match=f"row 1 of the table "
                       f"'{SCENARIOS_TABLE}' is damaged.*Fix:"):
        open_plan(path)


# -- editing the existing layout under proposals ---------------------------

def two_building_plan():
    plan = plan_of(buildings=[building(100, name="A", employees=10),
                              building(300, name="B", employees=20)],
                   facilities=[facility(50, "cafe")])
    sc.add(plan, "P")
    sc.switch(plan, "P")
    SetAttribute("buildings", 1, "employees", 99).redo(plan)
    sc.switch(plan, EXISTING)
    return plan


def test_proposals_follow_edits_of_the_existing_layout():
    plan = two_building_plan()
    SetAttribute("buildings", 1, "floors", 4).redo(plan)
    MoveFeatures("buildings", [2], 10.0, 0.0).redo(plan)
    AddFeatures("facilities", frame([facility(400, "bank")])).redo(plan)
    sc.switch(plan, "P")
    buildings = plan["buildings"]
    assert buildings.loc[1, "employees"] == 99      # the proposal's edit
    assert buildings.loc[1, "floors"] == 4          # the existing layout's
    assert buildings.geometry.loc[2].equals(
        plan.base_layers["buildings"].geometry.loc[2])
    assert set(plan["facilities"]["category"]) == {"cafe", "bank"}


def test_an_edit_of_a_feature_gone_from_the_base_is_dropped_with_a_warning():
    plan = two_building_plan()
    DeleteFeatures("buildings", [1]).redo(plan)
    stack = UndoStack(plan)
    stack.push(SwitchScenario("P"))
    [problem] = stack.commands[stack.index - 1].problems
    assert problem.severity == "warning"
    assert "'P'" in problem.source and problem.layer == "buildings"
    assert problem.feature == "feature 1" and "dropped" in problem.message
    assert plan["buildings"].index.tolist() == [2]
    assert sc.current_edits(plan).is_empty()


def test_new_features_never_take_a_proposals_fid_so_undo_holds():
    plan = two_building_plan()
    sc.switch(plan, "P")
    in_proposal = AddFeatures("facilities", frame([facility(200, "bank")]))
    in_proposal.redo(plan)
    sc.switch(plan, EXISTING)
    in_base = AddFeatures("facilities", frame([facility(600, "fitness")]))
    in_base.redo(plan)
    assert plan["facilities"].index.tolist() == [1, 3]  # 2 is the proposal's
    problems = sc.switch(plan, "P")
    facilities = plan["facilities"]
    assert facilities["category"].to_dict() == {1: "cafe", 2: "bank",
                                                3: "fitness"}
    assert problems == []  # nothing renumbered
    in_proposal.undo(plan)  # the proposal's feature is where it was added
    assert plan["facilities"]["category"].to_dict() == {1: "cafe",
                                                        3: "fitness"}


def test_switching_tells_the_views_once_per_changed_layer():
    plan = two_building_plan()
    told = []
    plan.listeners.append(told.append)
    sc.switch(plan, "P")
    assert [change.layer for change in told] == ["buildings", sc.SCENARIOS]
    assert all(change.whole for change in told)


def test_materialize_leaves_the_open_plan_alone():
    plan = two_building_plan()
    plan.listeners.append(lambda _: pytest.fail("the plan was changed"))
    proposal = sc.materialize(plan, "P")
    assert proposal["buildings"].loc[1, "employees"] == 99
    assert plan["buildings"].loc[1, "employees"] == 10
    assert proposal.listeners == [] and proposal.scenarios == {}
    assert plan.active == EXISTING


# -- names and undo ----------------------------------------------------------

@pytest.mark.parametrize(("action", "expected"), [
    (lambda p: sc.add(p, "p"), "already has a scenario 'P'"),
    (lambda p: sc.add(p, " existing "), "already has a scenario 'Existing'"),
    (lambda p: sc.add(p, "  "), "needs a name"),
    (lambda p: sc.rename(p, EXISTING, "Now"), "cannot be renamed"),
    (lambda p: sc.delete(p, EXISTING), "cannot be deleted"),
    (lambda p: sc.switch(p, "Q"), "no scenario 'Q'; its scenarios are: "
     "Existing, P"),
])
def test_scenario_names_are_checked(action, expected):
    plan = two_building_plan()
    with pytest.raises(PlannerError, match="Fix:") as caught:
        action(plan)
    assert expected in str(caught.value)


def test_duplicate_rename_and_delete():
    plan = two_building_plan()
    assert sc.add(plan, " Copy ", copy_of="P") == "Copy"
    sc.rename(plan, "P", "Original")
    sc.switch(plan, "Copy")
    assert plan["buildings"].loc[1, "employees"] == 99
    sc.delete(plan, "Copy")
    assert plan.active == EXISTING
    assert sc.scenario_names(plan) == [EXISTING, "Original"]
    assert plan["buildings"].loc[1, "employees"] == 10


def state(plan):
    return (sc.scenario_names(plan), plan.active,
            plan["buildings"]["employees"].tolist(),
            plan["facilities"].index.tolist())


def test_every_scenario_command_undoes_and_redoes():
    plan = two_building_plan()
    stack = UndoStack(plan)
    states = [state(plan)]
    for command in (AddScenario("Q", copy_of="P"), SwitchScenario("Q"),
                    SetAttribute("buildings", 2, "employees", 7),
                    DeleteFeatures("facilities", [1]),
                    RenameScenario("Q", "Q2"), SwitchScenario(EXISTING),
                    SetAttribute("buildings", 1, "employees", 11),
                    SwitchScenario("Q2"), DeleteScenario("Q2"),
                    DeleteScenario("P")):
        stack.push(command)
        states.append(state(plan))
    assert states[-1] == ([EXISTING], EXISTING, [11, 20], [1])
    for expected in reversed(states[:-1]):
        stack.undo()
        assert state(plan) == expected
    for expected in states[1:]:
        stack.redo()
        assert state(plan) == expected


# -- comparison ----------------------------------------------------------------

@pytest.fixture(scope="module")
def compared(proposed):
    _, plan = proposed
    base = evaluate(sc.materialize(plan, EXISTING))
    proposal = evaluate(sc.materialize(plan, "Proposal"))
    return plan, base, proposal, compare(base, proposal, base_name=EXISTING,
                                         proposal_name="Proposal")


def figure_values(results) -> dict[str, float]:
    """Every headline figure, read from the documented summary."""
    s = summary(results)
    values = {f"{evaluator}.{k}": v
              for evaluator in ("walkability", "network_form", "space_syntax",
                                "parking",
                                "parking_hours", "exchange", "encounter")
              for k, v in s[evaluator].items()}
    for row in s["coverage"]:
        values |= {f"coverage.{row['target']}.{k}": v for k, v in row.items()}
    return values


def test_comparison_deltas_match_two_separate_evaluations(compared):
    _, base, proposal, comparison = compared
    before, after = figure_values(base), figure_values(proposal)
    headline = comparison.headline
    assert len(headline) > 100
    for key, row in headline.iterrows():
        b = np.nan if before.get(key) is None else before[key]
        a = np.nan if after.get(key) is None else after[key]
        assert row["base"] == pytest.approx(b, nan_ok=True), key
        assert row["proposal"] == pytest.approx(a, nan_ok=True), key
        assert row["delta"] == pytest.approx(a - b, nan_ok=True), key
    unmet = headline.loc["parking.unmet"]
    assert unmet["delta"] < 0 and unmet["better"]
    assert pd.isna(headline.loc["parking.supply", "better"])


def test_gaps_close_around_the_new_cafe(compared):
    plan, *_, comparison = compared
    cafe = zone_point(plan, "Internet Village")
    closed = comparison.gaps_closed
    cafe_gaps = closed[closed["target"] == "cafe"]
    assert len(cafe_gaps)
    assert shapely.distance(cafe, cafe_gaps.geometry.array).min() < 50
    assert (comparison.gaps_opened["target"] == "cafe").any()  # one closed
    assert (closed["area_m2"] >= 1).all()


def test_walk_scores_rise_near_the_new_cafe(compared):
    plan, *_, comparison = compared
    change = comparison.walk_score_change
    near = change[change.distance(zone_point(plan, "Internet Village"))
                  < 400]
    assert len(near) >= 5 and (near["delta"] > 0).all()
    assert (change["delta"].abs() >= 0.5).all()
    assert change["after"].sub(change["before"]).equals(change["delta"])


def test_unmet_parking_falls_in_internet_village(compared):
    *_, comparison = compared
    zone = comparison.parking_change.set_index("zone").loc[
        "Internet Village"]
    assert zone["unmet_after"] < zone["unmet_before"] - 500
    assert zone["supply_after"] == zone["supply_before"] + 900
    text = findings(comparison)
    assert any(line.startswith("Internet Village: unmet parking falls from "
                               "1,317 to") for line in text)
    assert any(line.startswith("Coverage gaps closed: cafe") for line in text)
    # hour by hour: the weekday's worst hour is 900 spaces better off
    assert zone["weekday_peak_unmet_after"] <= \
        zone["weekday_peak_unmet_before"] - 500
    assert comparison.headline.loc["parking_hours.weekday_peak_unmet",
                                   "better"]
    assert any(line.startswith("Unmet parking at the weekday's worst hour "
                               "falls from") for line in text)


def test_write_comparison(compared, tmp_path):
    *_, comparison = compared
    path = tmp_path / "comparison.gpkg"
    write_comparison(comparison, path)
    assert {n for n, _ in pyogrio.list_layers(path)} == {
        "comparison_headline", "gaps_closed", "gaps_opened",
        "walk_score_change", "parking_change"}
    table = pd.read_csv(path.with_suffix(".csv"))
    assert len(table) == len(comparison.headline)
    assert table.columns.tolist() == ["key", "group", "figure", "unit",
                                      "base", "proposal", "delta", "better"]


def test_comparing_a_scenario_with_itself_finds_nothing(compared):
    _, base, _, _ = compared
    same = compare(base, base, base_name=EXISTING, proposal_name=EXISTING)
    assert (same.headline["delta"].fillna(0) == 0).all()
    assert same.headline["better"].isna().all()
    assert len(same.gaps_closed) == len(same.walk_score_change) == 0
    assert findings(same) == ["No headline figure differs between Existing "
                              "and Existing"]


def test_a_target_new_in_the_proposal_counts_as_uncovered_before():
    plan = plan_of(site=[{"name": "Site", "geometry": box(0, 0, 500, 500)}],
                   buildings=[building(100, employees=10),
                              building(300, employees=20)],
                   facilities=[facility(50, "cafe")])
    sc.add(plan, "Bank")
    sc.switch(plan, "Bank")
    plan.add_features("facilities", frame([facility(300, "bank")]))
    base = evaluate(sc.materialize(plan, EXISTING))
    proposal = evaluate(plan)
    comparison = compare(base, proposal, base_name=EXISTING,
                         proposal_name="Bank")
    row = comparison.headline.loc["coverage.bank.share_site_area"]
    assert row["base"] == 0 and row["proposal"] > 0 and row["better"]
    closed = comparison.gaps_closed
    assert set(closed["target"]) == {"bank"}
    site = proposal.context.cells.geometry.area.sum()
    assert closed["area_m2"].sum() == pytest.approx(row["proposal"] * site)
    assert len(comparison.gaps_opened) == 0


def test_record_brings_the_active_proposals_stored_edits_up_to_date():
    plan = two_building_plan()
    sc.switch(plan, "P")
    SetAttribute("buildings", 2, "employees", 5).redo(plan)
    assert "buildings" in sc.current_edits(plan).layers
    sc.record(plan)
    modified = plan.scenarios["P"].layers["buildings"].modified
    assert modified["employees"].to_dict() == {1: 99, 2: 5}


def test_the_command_line_names_the_active_proposal(sample_copy, capsys):
    from plannerdesk.cli import main

    plan, _ = open_plan(sample_copy)
    sc.add(plan, "Garage")
    sc.switch(plan, "Garage")
    save_plan(plan, sample_copy)
    assert main(["evaluate", str(sample_copy), "--quiet"]) == 0
    assert "scenario 'Garage'" in capsys.readouterr().out


def test_a_deleted_features_fid_is_not_reused_while_a_proposal_edits_it():
    plan = two_building_plan()
    sc.switch(plan, "P")
    fid = int(plan["buildings"].index.max())
    SetAttribute("buildings", fid, "floors", 9).redo(plan)
    sc.switch(plan, EXISTING)
    DeleteFeatures("buildings", [fid]).redo(plan)
    added = AddFeatures("buildings", plan["buildings"].iloc[:1].copy())
    added.redo(plan)
    assert added.fids.tolist() == [fid + 1]


def test_a_comparison_uses_the_results_it_is_given(compared, monkeypatch):
    """Comparing with results at hand (the app's live ones) evaluates the
    other scenario only, and finds what evaluating both finds."""
    from plannerdesk.jobs import scenarios as jobs

    plan, _, proposal, whole = compared
    runs = []
    evaluate_one = jobs.evaluate
    monkeypatch.setattr(jobs, "evaluate", lambda p, **kw: runs.append(1)
                        or evaluate_one(p, **kw))
    given = jobs.compare_scenarios(plan, EXISTING, "Proposal",
                                   given={"Proposal": proposal})
    assert len(runs) == 1
    assert_frame_equal(given.headline, whole.headline)
    jobs.compare_scenarios(plan, EXISTING, "Proposal")
    assert len(runs) == 3


# -- review notes belong to the plan ------------------------------------------

def _note(plan, text: str) -> int:
    centre = zone_point(plan, "Internet Village")
    fids = plan.add_features("review_notes", frame([{
        "text": text, "geometry": centre}], crs=plan.crs))[0]
    return int(fids[0])


def test_a_note_made_in_a_proposal_shows_in_every_scenario(tmp_path):
    """A note added while a proposal is open is the plan's: it stays when
    switching back to the existing layout, records the proposal, and is
    saved as the plan's own, not as an edit of the proposal."""
    path = tmp_path / "plan.gpkg"
    path.write_bytes(SAMPLE.read_bytes())
    plan, _ = open_plan(path)
    sc.add(plan, "Proposal")
    sc.switch(plan, "Proposal")
    fid = _note(plan, "Garage entrance too narrow")
    sc.switch(plan, EXISTING)
    notes = plan["review_notes"]
    assert notes.at[fid, "text"] == "Garage entrance too narrow"
    assert notes.at[fid, "scenario"] == "Proposal"
    assert "review_notes" not in sc.current_edits(plan, "Proposal").layers
    save_plan(plan, path)
    reopened, _ = open_plan(path)
    assert reopened["review_notes"].at[fid, "scenario"] == "Proposal"
    sc.switch(reopened, "Proposal")
    assert fid in reopened["review_notes"].index
    mine = _note(plan, "Made in the existing layout")
    assert plan["review_notes"].at[mine, "scenario"] == EXISTING


def test_notes_a_proposal_held_as_edits_become_the_plans(tmp_path):
    """A plan saved when notes made in a proposal were its edits opens with
    them among the plan's notes, in every scenario."""
    path = tmp_path / "plan.gpkg"
    path.write_bytes(SAMPLE.read_bytes())
    plan, _ = open_plan(path)
    sc.add(plan, "Proposal")
    before = plan["review_notes"]
    added = frame([{"text": "Kept as an edit", "status": "open",
                    "geometry": zone_point(plan, "Angel Village")}],
                  crs=plan.crs).set_axis(pd.Index([before.index.max() + 1],
                                                  name="fid"))
    added, _ = plan.conform_features("review_notes", added)
    plan.scenarios["Proposal"].layers["review_notes"] = sc.diff(
        {"review_notes": before},
        {"review_notes": pd.concat([before, added])}).layers["review_notes"]
    save_plan(plan, path)
    reopened, _ = open_plan(path)
    texts = dict(zip(reopened["review_notes"]["text"],
                     reopened["review_notes"]["scenario"], strict=True))
    assert texts["Kept as an edit"] == "Proposal"
    assert "review_notes" not in reopened.scenarios["Proposal"].layers
