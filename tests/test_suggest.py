"""Placement suggestions: hand-worked on a micro-site, each stated gain
equal to what the evaluators find once the suggestions are drawn (on the
sample and on random micro-sites), the greedy choice and its bound, and
the command line."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plannerdesk.cli import main
from plannerdesk.evaluate import suggest as placing
from plannerdesk.evaluate.run import evaluate
from plannerdesk.evaluate.suggest import suggest
from plannerdesk.io.gpkg import open_plan

from .conftest import SAMPLE, X0
from .microsites import building, plan_of, street


def street_site(people: dict[float, int]):
    """Buildings at x (key) with that many employees, 35 m north of one
    street from x = 0 to 1000; candidates every 25 m along it. A cafe covers a building when
    |x - X| + 35 <= 300 (its default radius)."""
    return plan_of(walkways=[street()],
                   buildings=[building(x, name=f"B{x:g}", employees=n)
                              for x, n in people.items()])


def covered_staff(plan, category: str) -> float:
    results = evaluate(plan, only=("coverage",))
    table = results.coverage.table
    if category not in table.index:
        return 0.0
    staff = plan["buildings"]["employees"].fillna(0).sum()
    return float(table.loc[category, "share_employees"] * staff)


def accepted(plan, found):
    trial = plan.snapshot()
    trial.add_features(found.layer, found.features)
    return trial


def test_one_cafe_goes_where_it_serves_two_buildings():
    """A (100) and B (10) are 400 m apart: a cafe between 235 and 365
    serves both (110); C (50), 400 m beyond B, is served by another."""
    plan = street_site({100: 100, 500: 10, 900: 50})
    one = suggest(plan, add="cafe", count=1)
    assert one.exact and one.gain == pytest.approx(110)
    assert 235 <= one.rows.loc[0, "x"] - X0 <= 365
    assert one.rows.loc[0, "buildings"] == 2
    two = suggest(plan, add="cafe", count=2)
    assert two.gain == pytest.approx(160) and two.after == pytest.approx(1.0)
    assert list(two.rows["rank"]) == [1, 2]
    assert two.rows["gain"].is_monotonic_decreasing


def test_the_stated_gains_are_what_the_evaluators_find_on_the_sample():
    plan, _ = open_plan(SAMPLE)
    fitness = suggest(plan, add="fitness", count=3)
    before = covered_staff(plan, "fitness")
    assert covered_staff(accepted(plan, fitness), "fitness") == \
        pytest.approx(before + fitness.gain)
    # one at a time: each row's gain after those above it
    trial = plan.snapshot()
    for n in range(len(fitness.rows)):
        trial.add_features("facilities", fitness.features.iloc[[n]])
        now = covered_staff(trial, "fitness")
        assert now == pytest.approx(before + fitness.rows.loc[n, "gain"])
        before = now
    parking = suggest(plan, add="parking", count=2)
    after = evaluate(accepted(plan, parking), only=("parking",)).parking
    assert after.site["unmet"] == pytest.approx(parking.after)
    assert parking.before - parking.after == pytest.approx(parking.gain)
    assert "Internet Village" in set(parking.rows["zone"])
    # a car park is sized to the unmet demand it is nearest to serve
    assert (parking.rows["capacity"] >= parking.rows["gain"] - 1).all()


@settings(max_examples=10, deadline=None)
@given(st.dictionaries(st.integers(0, 40).map(lambda k: 25.0 * k),
                       st.integers(1, 200), min_size=1, max_size=6),
       st.integers(1, 3))
def test_accepting_suggestions_never_lowers_coverage(people, count):
    plan = street_site(people)
    found = suggest(plan, add="cafe", count=count)
    before = covered_staff(plan, "cafe")
    after = covered_staff(accepted(plan, found), "cafe")
    assert after >= before
    assert after == pytest.approx(before + found.gain)


def test_beyond_the_exact_size_the_choice_is_greedy_with_its_bound(
        monkeypatch):
    plan, _ = open_plan(SAMPLE)
    exact = suggest(plan, add="cafe", count=3)
    monkeypatch.setattr(placing, "EXACT_PAIRS", 10)
    greedy = suggest(plan, add="cafe", count=3)
    assert exact.exact and not greedy.exact
    assert greedy.gain <= exact.gain + 1e-6 <= greedy.bound + 1e-6
    assert greedy.gain >= (1 - 1 / math.e) * exact.gain


def test_suggest_on_the_command_line(tmp_path, capsys):
    out = tmp_path / "cafes.json"
    assert main(["suggest", str(SAMPLE), "--add", "cafe", "--count", "2",
                 "--json", str(out)]) == 0
    printed = capsys.readouterr().out
    written = json.loads(out.read_text())
    assert written["add"] == "cafe" and len(written["suggestions"]) == 2
    first = written["suggestions"][0]
    assert f"1. at {first['x']:.0f}, {first['y']:.0f}" in printed
    assert f"{first['gain']:,.0f} more employees" in printed
    assert "No other choice of places serves more" in printed
    assert main(["suggest", str(SAMPLE), "--add", "pizza"]) == 2
    assert "not a facility category" in capsys.readouterr().err
    assert main(["suggest", str(SAMPLE), "--add", "parking",
                 "--count", "0"]) == 2
    assert "at least one" in capsys.readouterr().err


def test_the_report_marks_the_suggested_places(tmp_path):
    """The report's Suggested places page lists, for the lacking leisure
    facilities and for parking, the places suggest finds, with their
    gains."""
    from pypdf import PdfReader

    from plannerdesk.report.build import build_report

    plan, _ = open_plan(SAMPLE)
    pdf = build_report(plan, tmp_path / "r.pdf", source=SAMPLE)
    pages = [" ".join(p.extract_text().split())
             for p in PdfReader(pdf).pages]
    page = next(p for p in pages if "Where new places serve the most" in p)
    fitness = suggest(plan, add="fitness", count=2).rows
    parking = suggest(plan, add="parking", count=2).rows
    assert "A1 fitness" in page and \
        f"{fitness.loc[0, 'gain']:,.0f} employees" in page
    assert f"{parking.loc[0, 'capacity']:,.0f}" in page
    assert f"{parking.loc[0, 'x']:.0f}, {parking.loc[0, 'y']:.0f}" in page


def test_a_program_not_solved_in_time_falls_back_to_the_greedy_choice(
        monkeypatch):
    """Out of time, HiGHS gives no answer: the greedy choice is given
    with its own guarantee as the bound (it serves at least 1 - 1/e of
    the best)."""
    plan, _ = open_plan(SAMPLE)
    monkeypatch.setattr(placing, "PROGRAM_SECONDS", 1e-9)
    found = suggest(plan, add="cafe", count=2)
    assert not found.exact
    assert found.bound == pytest.approx(found.gain / (1 - 1 / math.e))
