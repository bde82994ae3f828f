"""Node positions computed in Python, once: the browser never runs physics, so a map holds
still at every size and the same graph always gets the same picture.

Small maps use networkx's ``spring_layout``; from :data:`FAST_LAYOUT_ABOVE` nodes on,
igraph's Fruchterman–Reingold (grid variant) when igraph is installed — about 0.4 s
for 5,000 nodes and 20,000 ties, where ``spring_layout`` takes over 30 s.  Both are
seeded, so the same graph always gets the same picture.

>>> import networkx as nx
>>> pos = positions(nx.path_graph(3), seed=1)
>>> sorted(pos), pos == positions(nx.path_graph(3), seed=1)
([0, 1, 2], True)
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["FAST_LAYOUT_ABOVE", "positions", "grouped_positions", "column_positions", "centred_on"]

#: Above this many nodes the compiled layout is used (and lines lose arrows and curves).
FAST_LAYOUT_ABOVE = 300
#: Average distance in pixels between neighbouring nodes on the canvas.
SPACING = 60.0
#: No two nodes closer than this (pixels): the layout pushes crowded nodes apart.
MIN_GAP = 34.0


def positions(graph: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Canvas coordinates (pixels, centred on 0) for every node of ``graph``.

    ``graph`` is read as undirected and unweighted; it is never changed.
    """
    n = graph.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(graph)): (0.0, 0.0)}
    raw = _fast_layout(graph, seed) if n > FAST_LAYOUT_ABOVE else None
    if raw is None:
        layout = nx.spring_layout(
            graph, seed=seed, iterations=100 if n <= FAST_LAYOUT_ABOVE else 30
        )
        raw = {node: (float(x), float(y)) for node, (x, y) in layout.items()}
    return _spread_out(_to_canvas(raw, n))


def _fast_layout(graph: nx.Graph, seed: int) -> dict[Hashable, tuple[float, float]] | None:
    try:
        import igraph
    except ImportError:  # igraph is optional: fall back to networkx, slower but equal in kind
        return None
    order = list(graph)
    index = {node: i for i, node in enumerate(order)}
    edges = {(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v}
    g = igraph.Graph(n=len(order), edges=sorted(edges))
    # Start spread over about sqrt(n) units, as igraph's own start does: the grid
    # variant's cells are unit-sized, so a tight start puts every node in one cell
    # and costs O(n^2) (17 s instead of 0.4 s at 5,000 nodes).
    half = math.sqrt(len(order)) / 2
    start = np.random.default_rng(seed).uniform(-half, half, size=(len(order), 2)).tolist()
    # igraph draws from one global generator; seed it, serialised, for a stable picture.
    from cosgraph.analysis.igraph_seed import seeded_igraph

    with seeded_igraph(seed):
        coords = g.layout_fruchterman_reingold(seed=start, niter=500, grid=True)
    return {node: (float(x), float(y)) for node, (x, y) in zip(order, coords, strict=True)}


def _to_canvas(
    raw: dict[Hashable, tuple[float, float]], n: int
) -> dict[Hashable, tuple[float, float]]:
    """Centre the layout and scale it so the drawing grows with sqrt(n)."""
    xs = np.array([p[0] for p in raw.values()])
    ys = np.array([p[1] for p in raw.values()])
    cx, cy = float(np.median(xs)), float(np.median(ys))
    # Isolated nodes drift far out in force layouts; pull stragglers in to the rim of
    # the bulk so fitting the view does not shrink the map to a dot.
    radius = np.hypot(xs - cx, ys - cy)
    rim = max(float(np.quantile(radius, 0.98)) * 1.05, 1e-9)
    pull = np.minimum(1.0, rim / np.maximum(radius, 1e-12))
    xs, ys = cx + (xs - cx) * pull, cy + (ys - cy) * pull
    raw = {node: (float(x), float(y)) for node, x, y in zip(raw, xs, ys, strict=True)}
    extent = max(float(np.ptp(xs)), float(np.ptp(ys)), 1e-9)
    scale = SPACING * max(math.sqrt(n), 2.0) * 1.5 / extent
    return {
        node: (round((x - cx) * scale, 1), round((y - cy) * scale, 1))
        for node, (x, y) in raw.items()
    }


def _spread_out(
    pos: dict[Hashable, tuple[float, float]], gap: float = MIN_GAP, rounds: int = 40
) -> dict[Hashable, tuple[float, float]]:
    """Push apart nodes closer than ``gap`` pixels, each pair half-way each round.

    Deterministic (no randomness; ties between coincident nodes broken by order), so
    a seed still fixes the picture; force layouts crowd hubs, and nodes drawn on top of
    each other can neither be read nor clicked.
    """
    from scipy.spatial import cKDTree

    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(gap, output_type="ndarray")
        if len(pairs) == 0:
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[j] - xy[i]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        same = dist < 1e-6
        # coincident nodes part along a fixed direction that depends on their index only
        angle = (i[same] * 2.399963) % (2 * math.pi)
        delta[same] = np.column_stack([np.cos(angle), np.sin(angle)])
        dist[same] = 1.0
        push = ((gap - np.minimum(dist, gap)) / 2 / dist)[:, None] * delta
        move = np.zeros_like(xy)
        np.add.at(move, i, -push)
        np.add.at(move, j, push)
        xy += move
    return {
        node: (round(float(x), 1), round(float(y), 1))
        for node, (x, y) in zip(nodes, xy, strict=True)
    }


#: Gap in pixels between neighbouring group clusters, and between columns.
GROUP_GAP = 90.0
COLUMN_WIDTH = 460.0
ROW_HEIGHT = 36.0


def grouped_positions(
    graph: nx.Graph, groups: Mapping[Any, Any], *, seed: int = 7
) -> dict[Hashable, tuple[float, float]]:
    """Each group laid out as its own cluster, clusters placed so that groups with many
    ties between them sit side by side: ties inside a group stay short, bridges cross
    between clusters.  Nodes without a group form one cluster of their own.

    >>> g = nx.Graph([(0, 1), (2, 3), (1, 2)])
    >>> pos = grouped_positions(g, {0: "a", 1: "a", 2: "b", 3: "b"}, seed=1)
    >>> import math
    >>> math.dist(pos[0], pos[1]) < math.dist(pos[0], pos[3])
    True
    """
    members: dict[Hashable, list[Hashable]] = {}
    for node in graph:
        members.setdefault(groups.get(node), []).append(node)
    if len(members) < 2:
        return positions(graph, seed=seed)
    order = sorted(members, key=lambda g: (-len(members[g]), str(g)))
    local = {g: positions(graph.subgraph(members[g]), seed=seed) for g in order}
    radius = {
        g: max((math.hypot(x, y) for x, y in local[g].values()), default=0.0) + 20.0 for g in order
    }
    between = nx.Graph()
    between.add_nodes_from(range(len(order)))
    index = {g: i for i, g in enumerate(order)}
    for u, v in graph.edges():
        a, b = index[groups.get(u)], index[groups.get(v)]
        if a != b:
            weight = between.get_edge_data(a, b, {"weight": 0})["weight"]
            between.add_edge(a, b, weight=weight + 1)
    raw = nx.spring_layout(between, seed=seed, weight="weight", iterations=200)
    span = sum(radius.values())
    centre = {g: np.array(raw[index[g]], dtype=float) * span for g in order}
    # push clusters apart, pair by pair, until none overlaps (deterministic)
    for _ in range(200):
        moved = False
        for i, first in enumerate(order):
            for second in order[i + 1 :]:
                delta = centre[second] - centre[first]
                d = float(np.linalg.norm(delta))
                need = radius[first] + radius[second] + GROUP_GAP
                if d < need:
                    direction = delta / d if d > 1e-9 else np.array([1.0, 0.0])
                    shift = direction * (need - d) / 2
                    centre[first] = centre[first] - shift
                    centre[second] = centre[second] + shift
                    moved = True
        if not moved:
            break
    # then pull them in towards the middle while nothing overlaps
    middle = sum(centre.values()) / len(order)
    for g in order:
        centre[g] = centre[g] - middle
    for _ in range(60):
        trial = {g: centre[g] * 0.97 for g in order}
        if any(
            float(np.linalg.norm(trial[a] - trial[b])) < radius[a] + radius[b] + GROUP_GAP
            for i, a in enumerate(order)
            for b in order[i + 1 :]
        ):
            break
        centre = trial
    out: dict[Hashable, tuple[float, float]] = {}
    for g in order:
        cx, cy = centre[g]
        for node, (x, y) in local[g].items():
            out[node] = (round(float(cx + x), 1), round(float(cy + y), 1))
    return out


def column_positions(
    graph: nx.Graph, columns: Mapping[Any, int], *, seed: int = 7
) -> dict[Hashable, tuple[float, float]]:
    """Nodes in columns (``columns[node]``, left to right), each column ordered so ties
    between neighbouring columns cross little (two barycentre sweeps from a seeded force
    layout's vertical order).

    >>> g = nx.Graph([("h", "a"), ("a", "l")])
    >>> pos = column_positions(g, {"h": 0, "a": 1, "l": 2})
    >>> pos["h"][0] < pos["a"][0] < pos["l"][0]
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    start = positions(graph, seed=seed)
    by_column: dict[int, list[Hashable]] = {}
    for node in graph:
        by_column.setdefault(columns.get(node, 0), []).append(node)
    rank = {node: start[node][1] for node in graph}
    ordered = sorted(by_column)
    for sweep in range(4):
        sequence = ordered if sweep % 2 == 0 else ordered[::-1]
        for col in sequence[1:]:
            for node in by_column[col]:
                near = [rank[m] for m in graph[node] if columns.get(m, 0) != col]
                if near:
                    rank[node] = sum(near) / len(near)
            by_column[col].sort(key=lambda n: (rank[n], str(n)))
            for i, node in enumerate(by_column[col]):
                rank[node] = float(i) - len(by_column[col]) / 2
    out: dict[Hashable, tuple[float, float]] = {}
    tallest = max(len(nodes) for nodes in by_column.values())
    for i, col in enumerate(ordered):
        column = sorted(by_column[col], key=lambda n: (rank[n], str(n)))
        # a short column spreads over the tallest one's height (at most 4 rows apart)
        step = min(4 * ROW_HEIGHT, ROW_HEIGHT * (tallest - 1) / max(len(column) - 1, 1))
        for j, node in enumerate(column):
            y = (j - (len(column) - 1) / 2) * step
            out[node] = (round(i * COLUMN_WIDTH, 1), round(y, 1))
    return out


def centred_on(
    pos: dict[Hashable, tuple[float, float]], anchors: Mapping[Any, list[Any]]
) -> dict[Hashable, tuple[float, float]]:
    """``pos`` with each node of ``anchors`` moved to the centre of its anchors (a lever
    among its deciders), then crowded nodes pushed apart again.

    >>> pos = {"a": (0.0, 0.0), "b": (100.0, 0.0), "l": (900.0, 900.0)}
    >>> centred_on(pos, {"l": ["a", "b"]})["l"]
    (50.0, 0.0)
    """
    moved = dict(pos)
    for node, around in anchors.items():
        placed = [pos[a] for a in around if a in pos and a != node]
        if node in moved and placed:
            moved[node] = (
                round(sum(p[0] for p in placed) / len(placed), 1),
                round(sum(p[1] for p in placed) / len(placed), 1),
            )
    return _spread_out(moved) if len(moved) > 1 else moved
