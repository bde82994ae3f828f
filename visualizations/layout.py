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
from collections.abc import Hashable

import networkx as nx
import numpy as np

__all__ = ["FAST_LAYOUT_ABOVE", "positions"]

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
