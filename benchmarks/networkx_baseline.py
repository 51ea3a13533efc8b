"""The evaluation benchmark's baseline: every building's walk to the
nearest cafe, as an independent networkx script would compute it.

    python benchmarks/networkx_baseline.py PLAN.gpkg

It reads the walkways, buildings and facilities, nodes the walkways where
they cross, joins every building and cafe by a straight connector to the
nearest point of the nearest segment, and runs networkx's multi-source
Dijkstra from the cafes. Prints the number of buildings reached and the
mean walk (m).
"""

from __future__ import annotations

import sys

import networkx as nx
import numpy as np
import pyogrio
import shapely


def main(path: str) -> None:
    walkways = pyogrio.read_dataframe(path, layer="walkways")
    buildings = pyogrio.read_dataframe(path, layer="buildings")
    facilities = pyogrio.read_dataframe(path, layer="facilities")
    cafes = facilities[facilities["category"] == "cafe"]
    noded = shapely.get_parts(shapely.node(shapely.union_all(
        walkways.geometry.to_numpy())))
    coords = [shapely.get_coordinates(line) for line in noded]
    segments = np.concatenate([np.stack([c[:-1], c[1:]], axis=1)
                               for c in coords])
    lines = shapely.linestrings(segments)
    tree = shapely.STRtree(lines)
    graph = nx.Graph()
    for (ax, ay), (bx, by) in segments:
        graph.add_edge((ax, ay), (bx, by), weight=float(np.hypot(bx - ax,
                                                                 by - ay)))

    def join(points: np.ndarray, tag: str) -> list[tuple]:
        nearest = tree.nearest(points)
        nodes = []
        for i, (point, seg) in enumerate(zip(points, nearest, strict=True)):
            line = lines[seg]
            foot = shapely.line_interpolate_point(line, line.project(point))
            (a, b), f = segments[seg], (foot.x, foot.y)
            if f not in graph:  # split the segment at the foot
                for end in (tuple(a), tuple(b)):
                    graph.add_edge(f, end, weight=float(np.hypot(
                        end[0] - f[0], end[1] - f[1])))
            node = (tag, i)
            graph.add_edge(node, f, weight=float(point.distance(foot)))
            nodes.append(node)
        return nodes

    centroids = shapely.centroid(buildings.geometry.to_numpy())
    building_nodes = join(centroids, "building")
    cafe_nodes = join(cafes.geometry.to_numpy(), "cafe")
    walks = nx.multi_source_dijkstra_path_length(graph, set(cafe_nodes))
    reached = [walks[n] for n in building_nodes if n in walks]
    print(len(reached), float(np.mean(reached)))


if __name__ == "__main__":
    main(sys.argv[1])
