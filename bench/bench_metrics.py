"""Benchmark: network_metrics against igraph computing the same set, in the same run.

    python bench/bench_metrics.py            # 10,000 nodes, 100,000 ties
    python bench/bench_metrics.py --quick    # 1,000 nodes, 10,000 ties

"ours" is the whole ``network_metrics(T)`` call on an ``nx.DiGraph``: compiling it,
every kernel, Leiden, and building the result.  "igraph" builds an ``igraph.Graph``
from the same integer edge list and computes the same set directly: degrees,
betweenness, closeness (incoming), PageRank (weighted), the undirected view's
eigenvector centrality, clustering and 2-step neighbourhood, and Leiden
(modularity, iterated to convergence).  Target: ours / igraph <= 1.5.  For
context, networkx's betweenness alone runs on a smaller graph next to ours.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

from cosgraph.analysis.compiled import compile_graph, normalized_betweenness
from cosgraph.analysis.igraph_seed import seeded_igraph
from cosgraph.analysis.metrics import network_metrics


def random_tie_graph(n: int, m: int, seed: int) -> nx.DiGraph:
    """A directed G(n, m) graph with string ids and tie weights 1-3."""
    rng = np.random.default_rng(seed)
    G = nx.gnm_random_graph(n, m, seed=seed, directed=True)
    T = nx.DiGraph()
    T.add_nodes_from((f"p{v:05d}", {"kind": "person"}) for v in G)
    weights = rng.integers(1, 4, size=m).astype(float)
    T.add_edges_from(
        (f"p{u:05d}", f"p{v:05d}", {"weight": w})
        for (u, v), w in zip(G.edges, weights.tolist(), strict=True)
    )
    return T


def igraph_same_set(n: int, edges: list[tuple[int, int]], weights: list[float]) -> None:
    g = ig.Graph(n=n, edges=edges, directed=True)
    g.indegree()
    g.outdegree()
    g.betweenness(directed=True)
    g.closeness(mode="in", normalized=True)
    g.pagerank(damping=0.85, directed=True, weights=weights)
    u = g.as_undirected(mode="collapse")
    u.eigenvector_centrality()
    u.transitivity_local_undirected(mode="zero")
    u.neighborhood_size(order=2)
    with seeded_igraph(0):
        u.community_leiden(objective_function="modularity", n_iterations=-1)


def timed(label: str, run: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<52} {best:9.3f} s")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small graphs, a few seconds")
    args = parser.parse_args()
    n, m = (1_000, 10_000) if args.quick else (10_000, 100_000)
    small_n, small_m = (300, 3_000) if args.quick else (1_500, 15_000)
    repeat = 3 if args.quick else 1

    T = random_tie_graph(n, m, seed=42)
    index = {node: i for i, node in enumerate(T)}
    edges = [(index[u], index[v]) for u, v in T.edges]
    weights = [w for _, _, w in T.edges(data="weight")]
    print(f"graph: {n} nodes, {m} ties (directed G(n, m), seed 42)")

    ours = timed("ours: network_metrics(T) incl. compile", lambda: network_metrics(T), repeat)
    base = timed(
        "igraph: same set on ig.Graph from the edge list",
        lambda: igraph_same_set(n, edges, weights),
        repeat,
    )
    print(f"{'ratio ours / igraph':<52} {ours / base:9.2f} x  (target <= 1.5)")

    S = random_tie_graph(small_n, small_m, seed=7)
    print(f"context: betweenness alone on {small_n} nodes, {small_m} ties")
    nx_time = timed("networkx: betweenness_centrality(T)", lambda: nx.betweenness_centrality(S), 1)
    compiled_time = timed(
        "ours: compile + igraph betweenness",
        lambda: normalized_betweenness(compile_graph(S), directed=True),
        repeat,
    )
    print(f"{'ratio networkx / ours':<52} {nx_time / compiled_time:9.1f} x")


if __name__ == "__main__":
    main()
