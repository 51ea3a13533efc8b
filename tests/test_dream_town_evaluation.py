"""The evaluators on the Dream Town: the case's findings, an independent
networkx cross-check, and the command line's outputs."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pyogrio
import pytest

from plannerdesk.cli import main
from plannerdesk.evaluate.context import prepare
from plannerdesk.evaluate.run import evaluate
from plannerdesk.io.gpkg import open_plan

from .conftest import SAMPLE


@pytest.fixture(scope="module")
def results():
    return evaluate(open_plan(SAMPLE)[0])


def test_the_case_internet_village_short_yangpan_idle(results):
    zones = results.parking.zones.set_index("zone")
    assert zones.loc["Internet Village", "flag"] == "deficit"
    assert zones.loc["Yangpan Village", "flag"] == "surplus"
    assert zones.loc["Internet Village", "unmet"] > 500
    offers = results.parking.suggestions
    garage = offers[offers["lot"] == "Yangpan Village Underground Garage"]
    assert set(garage["zone"]) == {"Internet Village"}
    assert garage["idle"].iloc[0] > 1000
    assert 400 < garage["distance_m"].iloc[0] <= 800


def test_every_building_to_facility_walk_matches_networkx():
    """networkx on the same streets and connectors, a walk ending at a
    building by the nearest of its connectors and passing through no
    place (a building, lot or cell) on the way."""
    plan = open_plan(SAMPLE)[0]
    ctx = prepare(plan)
    net = ctx.net
    graph = nx.DiGraph()
    coo = net.graph.tocoo()
    graph.add_weighted_edges_from(zip(coo.row.tolist(), coo.col.tolist(),
                                      coo.data.tolist(), strict=True))
    facilities = plan["facilities"]
    checked = 0
    for category in sorted(set(facilities["category"])):
        ours = ctx.distances(category)
        theirs = nx.multi_source_dijkstra_path_length(
            graph, set(ctx.targets[category].tolist()))
        expected = np.array([min((theirs.get(int(s), np.inf) + m for s, m in
                                  zip(net.attach_street[net.attach_place == n],
                                      net.attach_m[net.attach_place == n],
                                      strict=True)), default=np.inf)
                             for n in ctx.building_node])
        np.testing.assert_allclose(ours, expected, atol=0.5)
        checked += len(ours)
    assert checked == len(plan["buildings"]) * facilities["category"].nunique()


def test_evaluate_writes_the_documented_summary_and_results(tmp_path,
                                                            capsys):
    summary, out = tmp_path / "summary.json", tmp_path / "results.gpkg"
    code = main(["evaluate", str(SAMPLE), "--json", str(summary),
                 "--out", str(out)])
    printed, progress = capsys.readouterr()
    assert code == 0
    assert "Internet Village:" in printed and "spaces short" in printed
    assert "coverage ..." in progress and "innovation exchange" in progress
    data = json.loads(summary.read_text())
    assert {"target", "radius_m", "method", "share_site_area", "share_gfa",
            "share_employees"} <= set(data["coverage"][0])
    assert {"walk_score", "band", "zones"} <= set(data["walkability"])
    assert {"intersection_density_per_km2", "mean_block_length_m",
            "ped_shed_ratio", "route_directness", "zones"} <= set(
        data["network_form"])
    parking = data["parking"]
    assert {"supply", "demand", "served", "unmet", "idle",
            "mismatch_index", "peak_period"} <= set(parking)
    assert {"zone", "supply", "demand", "reachable_supply", "unmet", "idle",
            "flag"} <= set(parking["zones"][0])
    assert {"subjects", "share_exchange_within_limit", "walk_limit_m",
            "zones"} <= set(data["exchange"])
    for evaluator in ("walkability", "network_form", "parking", "exchange"):
        assert "(site)" not in {z["zone"] for z in data[evaluator]["zones"]}
    layers = {name for name, _ in pyogrio.list_layers(out)}
    assert layers == {"building_results", "walkway_islands", "coverage_gaps",
                      "parking_results", "parking_allocation", "zone_results",
                      "space_syntax"}
    allocation = pyogrio.read_dataframe(out, layer="parking_allocation")
    assert allocation["walk_m"].max() <= 400
    served = allocation.groupby("building")["spaces"].sum()
    assert served.sum() == pytest.approx(data["parking"]["served"], rel=1e-6)
    buildings = pyogrio.read_dataframe(out, layer="building_results")
    assert len(buildings) == len(open_plan(SAMPLE)[0]["buildings"])
    assert {"name", "use", "gfa_m2", "subject", "dist_cafe_m", "walk_score",
            "parking_demand", "parking_unmet"} <= set(buildings.columns)


def test_only_runs_the_named_evaluators(tmp_path, capsys):
    summary = tmp_path / "s.json"
    assert main(["evaluate", str(SAMPLE), "--only", "parking", "--quiet",
                 "--json", str(summary)]) == 0
    data = json.loads(summary.read_text())
    assert "parking" in data and "coverage" not in data
    assert main(["evaluate", str(SAMPLE), "--only", "parkng"]) == 2
    assert "unknown evaluator parkng" in capsys.readouterr().err


def test_evaluate_refuses_a_plan_with_errors(small_plan_path, capsys):
    from .conftest import frame, pt
    bad = frame([{"name": "Lot", "capacity": -1, "geometry": pt(1, 1)}])
    pyogrio.write_dataframe(bad, small_plan_path, layer="parking")
    assert main(["evaluate", str(small_plan_path)]) == 1
    assert "'capacity' is negative" in capsys.readouterr().err


def test_a_zone_drawn_in_two_parts_counts_as_one_zone(tmp_path):
    import geopandas as gpd
    import pandas as pd
    import shapely

    from plannerdesk.jobs.outputs import write_csv

    plan, _ = open_plan(SAMPLE)
    zones = plan["zones"]
    village = zones[zones["name"] == "Internet Village"]
    x0, y0, x1, _ = village.total_bounds
    annex = village.set_axis([zones.index.max() + 1]).set_geometry(
        [shapely.box(x1 + 5, y0, x1 + 60, y0 + 60)])
    plan.layers["zones"] = gpd.GeoDataFrame(pd.concat([zones, annex]),
                                            crs=plan.crs)
    both = evaluate(plan)
    names = both.parking.per_zone["zone"].tolist()
    assert names.count("Internet Village") == 1 and len(names) == 6
    written = {p.name for p in write_csv(both, tmp_path)}
    assert "zone_results.csv" in written
