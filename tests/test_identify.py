"""Selecting a building shows every result that concerns it under its
attributes (walk score, walks, coverage, parking demand and the lots
serving it, drawn as lines); selecting a lot shows what it serves."""

from __future__ import annotations

from .test_live_results import wait_for_results


def _rows(window) -> dict[str, list[str]]:
    table = window.feature_results
    out: dict[str, list[str]] = {}
    for r in range(table.rowCount()):
        out.setdefault(table.item(r, 0).text(), []).append(
            table.item(r, 1).text())
    return out


def test_a_selected_building_shows_its_results_and_its_lots(qtbot, window):
    results = window.results.live.results or wait_for_results(qtbot, window)
    served = results.parking.allocation
    fid = int(served["building"].iloc[0])
    window.select("buildings", [fid])
    rows = _rows(window)
    score = results.walkability.buildings.at[fid, "walk_score"]
    assert rows["walk score"][0].startswith(f"{score:.0f} (")
    assert any(k.startswith("walk to ") for k in rows)
    demand = results.parking.buildings.at[fid, "parking_demand"]
    assert rows["parking demand"][0].startswith(f"{demand:,.1f} spaces")
    lots = served[served["building"] == fid]
    assert len(rows["served by"]) == len(lots)
    assert window.feature_results.lines.path().elementCount() == 2 * len(lots)
    window.select(None, [])
    assert window.feature_results.rowCount() == 0
    assert window.feature_results.lines.path().isEmpty()


def test_a_selected_lot_shows_what_it_serves(qtbot, window):
    results = window.results.live.results or wait_for_results(qtbot, window)
    lot = int(results.parking.allocation["lot"].iloc[0])
    window.select("parking", [lot])
    rows = _rows(window)
    buildings = results.parking.allocation.query("lot == @lot")[
        "building"].nunique()
    assert rows["serves"][0].startswith(f"{buildings} buildings")
    assert "idle at the peak" in rows and "capacity" in rows
