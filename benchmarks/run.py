"""PlannerDesk benchmarks: one command, one table.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--no-baseline]

For each synthetic grid site (and the Dream Town sample) it runs every
evaluator in a fresh process and prints wall time per step and the peak
resident memory, next to a straightforward networkx implementation of the
building-to-nearest-facility walks on the same graph, timed in the same run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STEPS = ("network", "coverage", "walkability", "network_form", "parking",
         "exchange")
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


def measure(size: int | None, baseline: bool) -> dict:
    """Times (s) of each step and peak memory (MB) for one site."""
    import networkx as nx
    import numpy as np
    from synthetic import grid_site

    from plannerdesk.evaluate.context import prepare
    from plannerdesk.evaluate.run import evaluate
    from plannerdesk.io.gpkg import open_plan

    plan = open_plan(ROOT / "sample_sites" / "dream_town.gpkg")[0] \
        if size is None else grid_site(size)
    row = {"site": "Dream Town" if size is None else f"grid {size:,}",
           "buildings": len(plan["buildings"])}
    started = time.perf_counter()
    marks = {}
    evaluate(plan, progress=lambda step: marks.setdefault(
        step, time.perf_counter()))
    ended = time.perf_counter()
    row["evaluate_s"] = ended - started
    steps = [*marks.values(), ended]
    for name, start, stop in zip(STEPS, steps[:-1], steps[1:], strict=True):
        row[f"{name}_s"] = stop - start
    ctx = prepare(plan)
    categories = sorted(set(plan["facilities"]["category"]))
    repeat = 3 if size is None or size < 20_000 else 1  # best of 3 when short

    def our_walks():
        ctx.forget_walks()
        return {c: ctx.distances(c) for c in categories}

    ours, row["walks_s"] = best_of(repeat, our_walks)
    if baseline:
        # the same streets and connectors; a walk passes through no place
        # and ends at a building by the nearest of its connectors
        net = ctx.net
        graph = nx.DiGraph()
        coo = net.graph.tocoo()
        graph.add_weighted_edges_from(zip(coo.row.tolist(), coo.col.tolist(),
                                          coo.data.tolist(), strict=True))
        ends: dict[int, list[tuple[int, float]]] = {}
        for place, street, length in zip(net.attach_place.tolist(),
                                          net.attach_street.tolist(),
                                          net.attach_m.tolist(), strict=True):
            ends.setdefault(place, []).append((street, length))

        def networkx_walks():
            out = {}
            for c in categories:
                lengths = nx.multi_source_dijkstra_path_length(
                    graph, set(ctx.targets[c].tolist()))
                out[c] = [min((lengths.get(s, float("inf")) + m
                               for s, m in ends.get(int(n), [])),
                              default=float("inf"))
                          for n in ctx.building_node]
            return out

        theirs, row["nx_walks_s"] = best_of(repeat, networkx_walks)
        for c in categories:
            assert np.allclose(ours[c], theirs[c], atol=0.5), c
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def best_of(repeat: int, run):
    """The result of ``run`` and its shortest wall time over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - t)
    return result, best


def _child(size, baseline, queue) -> None:
    queue.put(measure(size, baseline))


def run_isolated(size: int | None, baseline: bool) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(size, baseline, queue))
    proc.start()
    row = queue.get()
    proc.join()
    return row


def table(rows: list[dict]) -> str:
    head = ("| site | buildings | evaluate all (s) | "
            + " | ".join(STEPS) + " | walks to facilities (s) | "
            "networkx walks (s) | speed-up | peak memory (MB) |\n"
            "|---|" + "---:|" * (len(STEPS) + 6))
    lines = [head]
    for r in rows:
        nx_s = r.get("nx_walks_s")
        lines.append(
            f"| {r['site']} | {r['buildings']:,} | {r['evaluate_s']:.2f} | "
            + " | ".join(f"{r[f'{s}_s']:.2f}" for s in STEPS) + " | "
            f"{r['walks_s']:.3f} | "
            + (f"{nx_s:.2f} | {nx_s / r['walks_s']:.0f}x" if nx_s else "- | -")
            + f" | {r['peak_mb']:,.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args()
    rows = []
    for size in [None, *[int(s) for s in args.sizes.split(",") if s]]:
        rows.append(run_isolated(size, not args.no_baseline))
        print(f"done: {rows[-1]['site']}", file=sys.stderr, flush=True)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
