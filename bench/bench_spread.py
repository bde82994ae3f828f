"""Spread simulation: the bit kernel against the reference kernel, then against ndlib.

Run ``python bench/bench_spread.py`` (or ``--quick`` for a few seconds).

1. Kernels: 1,000 independent-cascade runs (p = 0.2, about 8k of 10k people
   reached) on a seeded random directed graph of 10k nodes and 100k ties, by
   ``method="bits"`` (live-edge worlds, 64 runs to a
   machine word; the default) and by ``method="reference"`` (coins flipped step by
   step, the kernel before it).  Each side runs in a process of its own, so the
   script prints each one's time, mean reach, peak RSS (the graph included) and
   the ratio of times (bits / reference), and how far apart the means are in
   standard errors.
2. ndlib's ``IndependentCascadesModel`` (``pip install ndlib six``) on a smaller
   graph; without ndlib, a plain-Python independent cascade written here stands in
   and the output says so.
3. CELF seed selection against plain greedy.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Hashable

import networkx as nx

from cosgraph.analysis.simulation import celf_seeds, independent_cascade

GRAPH_SEED = 20240611
#: Independent cascade's edge probability in the kernel comparison (about 8k of 10k reached).
KERNEL_P = 0.2


def kernel_graph(n: int) -> tuple[nx.DiGraph, list[Hashable]]:
    """A seeded random directed graph of mean degree 10 and ten seeds."""
    G = nx.gnp_random_graph(n, 10.0 / n, seed=GRAPH_SEED, directed=True)
    return G, random.Random(GRAPH_SEED).sample(sorted(G), 10)


def run_side(method: str, n: int, runs: int) -> None:
    """One side of the kernel comparison, in this process: print its figures as JSON."""
    G, seeds = kernel_graph(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = independent_cascade(G, seeds, p=KERNEL_P, runs=runs, seed=1, method=method)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "seconds": seconds, "mean": result.mean, "stderr": result.stderr,
        "edges": G.number_of_edges(), "rss_graph_mb": before / 1024, "rss_peak_mb": peak / 1024,
    }))  # fmt: skip


def compare_kernels(n: int, runs: int) -> None:
    """Time the bit kernel and the reference kernel, each in a fresh process."""
    name = f"independent cascade, p={KERNEL_P}"
    sides = {}
    for method in ("bits", "reference"):
        out = subprocess.run(
            [sys.executable, __file__, "--side", method, str(n), str(runs)],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        sides[method] = side = json.loads(out)
        print(
            f"{name}, method={method}: {side['seconds']:.3f} s for {runs} runs on "
            f"{n} nodes / {side['edges']} ties, mean reach {side['mean']:.1f} "
            f"± {side['stderr']:.1f} (se), peak RSS {side['rss_peak_mb']:.0f} MB "
            f"(graph alone {side['rss_graph_mb']:.0f} MB)"
        )
    bits, ref = sides["bits"], sides["reference"]
    gap = abs(bits["mean"] - ref["mean"]) / math.hypot(bits["stderr"], ref["stderr"])
    print(
        f"ratio bits/reference (time): {bits['seconds'] / ref['seconds']:.3f} "
        f"({ref['seconds'] / bits['seconds']:.1f}x faster); mean reaches differ by "
        f"{gap:.2f} standard errors ({'agree' if gap < 4 else 'DISAGREE'})"
    )


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
    parser.add_argument("--side", nargs=3, help=argparse.SUPPRESS)  # method nodes runs
    args = parser.parse_args()
    if args.side:
        method, nodes, kernel_runs = args.side
        run_side(method, int(nodes), int(kernel_runs))
        return
    print("-- kernels")
    compare_kernels(*((2000, 200) if args.quick else (10_000, 1000)))

    n, runs, celf_k, celf_runs = (500, 40, 3, 50) if args.quick else (2000, 300, 10, 200)
    probabilities = (0.1,) if args.quick else (0.1, 0.3)
    mean_degree, n_seeds, seed = 5.0, 10, GRAPH_SEED

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
