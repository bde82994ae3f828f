"""Independent cascade: cosgraph's vectorised simulation against ndlib's, same graph and settings.

Run ``python bench/bench_spread.py`` (or ``--quick`` for a few seconds).  Both
simulate the same seeded random directed graph, the same seed set, the same edge
probability and the same number of runs; the script prints each one's time and mean
reach, the ratio of times (ours / baseline) and how far apart the means are in
standard errors.  The baseline is ndlib's ``IndependentCascadesModel``
(``pip install ndlib six``); without ndlib, a plain-Python independent cascade
written here stands in and the output says so.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from collections.abc import Hashable

import networkx as nx

from cosgraph.analysis.simulation import celf_seeds, independent_cascade


def ndlib_reach(G: nx.DiGraph, seeds: list[Hashable], p: float, runs: int, seed: int) -> list[int]:
    """Final active-set sizes of ``runs`` ndlib IC runs (every edge's threshold set to ``p``)."""
    import ndlib.models.epidemics as ep
    import ndlib.models.ModelConfig as mc

    model = ep.IndependentCascadesModel(G, seed=seed)
    config = mc.Configuration()
    config.add_model_initial_configuration("Infected", list(seeds))
    for edge in G.edges:
        config.add_edge_configuration("threshold", edge, p)
    model.set_initial_status(config)
    sizes = []
    for _ in range(runs):
        model.reset(infected_nodes=list(seeds))
        while True:
            step = model.iteration(node_status=False)
            if step["node_count"][1] == 0:  # no node still infected: the cascade is over
                break
        sizes.append(step["node_count"][2])  # removed = ever activated
    return sizes


def python_reach(G: nx.DiGraph, seeds: list[Hashable], p: float, runs: int, seed: int) -> list[int]:
    """Plain-Python independent cascade, one run at a time."""
    rng = random.Random(seed)
    sizes = []
    for _ in range(runs):
        active = set(seeds)
        frontier = list(seeds)
        while frontier:
            fresh = []
            for u in frontier:
                for v in G.successors(u):
                    if v not in active and rng.random() < p:
                        active.add(v)
                        fresh.append(v)
            frontier = fresh
        sizes.append(len(active))
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few seconds")
    args = parser.parse_args()
    n, runs, celf_k, celf_runs = (500, 40, 3, 50) if args.quick else (2000, 300, 10, 200)
    probabilities = (0.1,) if args.quick else (0.1, 0.3)
    mean_degree, n_seeds, seed = 5.0, 10, 20240611

    G = nx.gnp_random_graph(n, mean_degree / n, seed=seed, directed=True)
    seeds = random.Random(seed).sample(sorted(G), n_seeds)
    print(f"graph: {n} nodes, {G.number_of_edges()} edges; {n_seeds} seeds; runs={runs}")

    try:
        import ndlib  # noqa: F401

        baseline_name, baseline = "ndlib IndependentCascadesModel", ndlib_reach
    except ImportError:
        baseline_name, baseline = "plain-Python IC (ndlib not installed)", python_reach

    for p in probabilities:
        print(f"-- p={p}")
        start = time.perf_counter()
        ours = independent_cascade(G, seeds, p=p, runs=runs, seed=seed)
        ours_time = time.perf_counter() - start
        print(
            f"cosgraph independent_cascade: {ours_time:.4f} s, mean reach {ours.mean:.2f} "
            f"± {ours.stderr:.2f} (se)"
        )
        start = time.perf_counter()
        sizes = baseline(G, seeds, p, runs, seed)
        base_time = time.perf_counter() - start
        base_mean = statistics.mean(sizes)
        base_se = statistics.stdev(sizes) / math.sqrt(runs)
        print(
            f"{baseline_name}: {base_time:.4f} s, mean reach {base_mean:.2f} ± {base_se:.2f} (se)"
        )
        print(
            f"ratio ours/baseline (time): {ours_time / base_time:.4f}  "
            f"({base_time / ours_time:.0f}x faster)"
        )
        gap = abs(ours.mean - base_mean) / math.hypot(ours.stderr, base_se)
        print(
            f"mean reaches differ by {gap:.2f} standard errors "
            f"({'agree' if gap < 4 else 'DISAGREE'})"
        )

    p = probabilities[0]
    print(f"-- seed selection, p={p}")
    start = time.perf_counter()
    chosen = celf_seeds(G, celf_k, p=p, runs=celf_runs, seed=seed)
    celf_time = time.perf_counter() - start
    start = time.perf_counter()
    plain = celf_seeds(G, celf_k, p=p, runs=celf_runs, seed=seed, lazy=False)
    plain_time = time.perf_counter() - start
    same = [s.node for s in chosen.seeds] == [s.node for s in plain.seeds]
    print(
        f"celf_seeds k={celf_k} runs={celf_runs}: {celf_time:.4f} s, "
        f"{chosen.evaluations} evaluations, reach {chosen.reach:.2f}"
    )
    print(
        f"plain greedy (lazy=False): {plain_time:.4f} s, {plain.evaluations} evaluations; "
        f"ratio celf/greedy (time): {celf_time / plain_time:.4f}; same seeds: {same}"
    )


if __name__ == "__main__":
    main()
