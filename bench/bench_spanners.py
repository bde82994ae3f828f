"""Benchmark: boundary_spanners against igraph's betweenness and constraint, same run.

    python bench/bench_spanners.py            # 10,000 nodes, 100,000 ties
    python bench/bench_spanners.py --quick    # 1,000 nodes, 10,000 ties

"ours" is the whole ``boundary_spanners(T, by="sector")`` call on an ``nx.DiGraph``
(compiling it, betweenness directed and undirected, constraint, effective size,
brokerage roles, articulation points, bridges, E-I index, the result).  "igraph"
builds an ``igraph.Graph`` from the same integer edge list and computes
betweenness on the directed graph and on its undirected view (ours reports both)
and Burt's constraint; it computes no brokerage, effective size or E-I index.
Brokerage alone is timed too, against a pure-Python loop over the same two-paths.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import igraph as ig
import networkx as nx
import numpy as np

from cosgraph.analysis.compiled import compile_graph
from cosgraph.analysis.spanners import _brokerage, boundary_spanners

SECTORS = (
    "health_care",
    "public_health",
    "education",
    "social_services",
    "business",
    "government",
    "faith",
    "philanthropy",
    "community_based",
    "resident",
)


def random_tie_graph(n: int, m: int, seed: int) -> nx.DiGraph:
    """A directed G(n, m) graph with string ids and a random sector per node."""
    rng = np.random.default_rng(seed)
    G = nx.gnm_random_graph(n, m, seed=seed, directed=True)
    T = nx.DiGraph()
    T.add_nodes_from(
        (f"p{v:05d}", {"kind": "person", "sector": SECTORS[s]})
        for v, s in zip(G, rng.integers(0, len(SECTORS), size=n).tolist(), strict=True)
    )
    T.add_edges_from((f"p{u:05d}", f"p{v:05d}", {"weight": 1.0}) for u, v in G.edges)
    return T


def igraph_baseline(n: int, edges: list[tuple[int, int]]) -> None:
    g = ig.Graph(n=n, edges=edges, directed=True)
    g.betweenness(directed=True)
    g.as_undirected(mode="collapse").betweenness(directed=False)
    g.constraint()


def brute_force_brokerage(T: nx.DiGraph) -> dict[str, int]:
    """Open two-paths a -> b -> c (no a -> c) classified by role, in pure Python."""
    sector = dict(T.nodes(data="sector"))
    counts = dict.fromkeys(
        ("coordinator", "itinerant", "representative", "gatekeeper", "liaison"), 0
    )
    for b in T:
        for a in T.predecessors(b):
            for c in T.successors(b):
                if a == c or T.has_edge(a, c):
                    continue
                ga, gb, gc = sector[a], sector[b], sector[c]
                if ga == gb == gc:
                    counts["coordinator"] += 1
                elif ga == gb:
                    counts["representative"] += 1
                elif gb == gc:
                    counts["gatekeeper"] += 1
                elif ga == gc:
                    counts["itinerant"] += 1
                else:
                    counts["liaison"] += 1
    return counts


def timed(label: str, run: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<56} {best:9.3f} s")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small graphs, a few seconds")
    args = parser.parse_args()
    n, m = (1_000, 10_000) if args.quick else (10_000, 100_000)
    repeat = 3 if args.quick else 1

    T = random_tie_graph(n, m, seed=42)
    index = {node: i for i, node in enumerate(T)}
    edges = [(index[u], index[v]) for u, v in T.edges]
    print(f"graph: {n} nodes, {m} ties (directed G(n, m), seed 42), 10 sectors")

    ours = timed("ours: boundary_spanners(T) incl. compile", lambda: boundary_spanners(T), repeat)
    base = timed(
        "igraph: betweenness (directed + undirected) + constraint",
        lambda: igraph_baseline(n, edges),
        repeat,
    )
    print(f"{'ratio ours / igraph':<56} {ours / base:9.2f} x")

    # Brokerage on its own, on the same graph: the sparse counts vs a pure-Python loop.
    C = compile_graph(T)
    names = sorted(set(SECTORS))
    codes = np.array([names.index(T.nodes[node]["sector"]) for node in C.ids])
    print("context: brokerage roles alone, same graph")
    counts: dict[str, Any] = {}
    python_time = timed(
        "pure Python loop over two-paths",
        lambda: counts.update(brute_force_brokerage(T)),
        1,
    )
    roles: dict[str, Any] = {}
    sparse_time = timed(
        "ours: sparse products (_brokerage)",
        lambda: roles.update(roles=_brokerage(C, codes)),
        repeat,
    )
    assert roles["roles"].sum(axis=0).tolist() == list(counts.values()), "counts differ"
    print(f"{'ratio python loop / ours (same counts)':<56} {python_time / sparse_time:9.1f} x")


if __name__ == "__main__":
    main()
