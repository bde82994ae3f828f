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
3. CELF seed selection (k = 10 seeds, 200 worlds, p = 0.1 for independent cascade,
   1/in-degree weights for linear threshold) on seeded random directed graphs of
   2k and 10k nodes (mean degree 5): ``method="bits"`` (blocks of candidates
   spread together, 64 runs to a machine word; the default) against
   ``method="reference"`` (one candidate at a time over ``runs x edges`` booleans,
   the kernel before it), each in a process of its own: time, peak RSS, the ratio,
   and whether both chose the same seeds (they use the same worlds, so they must).
4. CELF against plain greedy (``lazy=False``) on the graph of part 2.
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
from collections.abc import Callable, Hashable
from typing import Any

import networkx as nx

from cosgraph.analysis.seed_selection import celf_seeds
from cosgraph.analysis.simulation import independent_cascade

GRAPH_SEED = 20240611
#: Independent cascade's edge probability in the kernel comparison (about 8k of 10k reached).
KERNEL_P = 0.2
#: CELF's comparison: seeds chosen, worlds, independent cascade's edge probability.
CELF_K, CELF_RUNS, CELF_P = 10, 200, 0.1


def kernel_graph(n: int) -> tuple[nx.DiGraph, list[Hashable]]:
    """A seeded random directed graph of mean degree 10 and ten seeds."""
    G = nx.gnp_random_graph(n, 10.0 / n, seed=GRAPH_SEED, directed=True)
    return G, random.Random(GRAPH_SEED).sample(sorted(G), 10)


def measure(work: Callable[[], dict[str, Any]]) -> None:
    """Run ``work`` in this process; print its figures, seconds and peak RSS as JSON."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    figures = work()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures.update(seconds=seconds, rss_graph_mb=before / 1024, rss_peak_mb=peak / 1024)
    print(json.dumps(figures))


def both_sides(flag: str, *args: str) -> dict[str, dict[str, Any]]:
    """The figures of ``method="bits"`` and ``method="reference"``, each from a fresh
    process running ``flag METHOD *args``."""
    sides = {}
    for method in ("bits", "reference"):
        out = subprocess.run(
            [sys.executable, __file__, flag, method, *args],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        sides[method] = json.loads(out)
    return sides


def run_side(method: str, n: int, runs: int) -> None:
    """One side of the kernel comparison, in this process."""
    G, seeds = kernel_graph(n)

    def work() -> dict[str, Any]:
        result = independent_cascade(G, seeds, p=KERNEL_P, runs=runs, seed=1, method=method)  # type: ignore[arg-type]
        return {"mean": result.mean, "stderr": result.stderr, "edges": G.number_of_edges()}

    measure(work)


def compare_kernels(n: int, runs: int) -> None:
    """Time the bit kernel and the reference kernel, each in a fresh process."""
    name = f"independent cascade, p={KERNEL_P}"
    sides = both_sides("--side", str(n), str(runs))
    for method, side in sides.items():
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


def celf_graph(n: int) -> nx.DiGraph:
    """A seeded random directed graph of mean degree 5."""
    return nx.gnp_random_graph(n, 5.0 / n, seed=GRAPH_SEED, directed=True)


def run_celf_side(method: str, model: str, n: int) -> None:
    """One side of the CELF comparison, in this process."""
    G = celf_graph(n)

    def work() -> dict[str, Any]:
        chosen = celf_seeds(
            G, CELF_K, model=model, p=CELF_P, runs=CELF_RUNS, seed=GRAPH_SEED, method=method,  # type: ignore[arg-type]
        )  # fmt: skip
        return {
            "seeds": [(s.node, s.marginal_gain) for s in chosen.seeds], "reach": chosen.reach,
            "evaluations": chosen.evaluations, "edges": G.number_of_edges(),
        }  # fmt: skip

    measure(work)


def compare_celf(model: str, n: int) -> None:
    """Time CELF's bit kernel and its reference kernel, each in a fresh process."""
    sides = both_sides("--celf-side", model, str(n))
    for method, side in sides.items():
        print(
            f"celf_seeds model={model}, method={method}: {side['seconds']:.2f} s for "
            f"k={CELF_K}, {CELF_RUNS} worlds on {n} nodes / {side['edges']} ties, "
            f"{side['evaluations']} evaluations, reach {side['reach']:.1f}, peak RSS "
            f"{side['rss_peak_mb']:.0f} MB (graph alone {side['rss_graph_mb']:.0f} MB)"
        )
    bits, ref = sides["bits"], sides["reference"]
    print(
        f"ratio bits/reference (time): {bits['seconds'] / ref['seconds']:.3f} "
        f"({ref['seconds'] / bits['seconds']:.1f}x faster); same seeds and gains: "
        f"{bits['seeds'] == ref['seeds']}"
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
    parser.add_argument("--celf-side", nargs=3, help=argparse.SUPPRESS)  # method model nodes
    args = parser.parse_args()
    if args.side:
        method, nodes, kernel_runs = args.side
        run_side(method, int(nodes), int(kernel_runs))
        return
    if args.celf_side:
        method, model, nodes = args.celf_side
        run_celf_side(method, model, int(nodes))
        return
    print("-- kernels")
    compare_kernels(*((2000, 200) if args.quick else (10_000, 1000)))
    print("-- CELF seed selection: bit kernel vs reference kernel")
    for nodes in (500,) if args.quick else (2000, 10_000):
        for model in ("ic", "lt"):
            compare_celf(model, nodes)

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
        faster = base_time / ours_time
        told = f"{faster:.1f}x faster" if faster >= 1 else f"{1 / faster:.1f}x slower"
        print(f"ratio ours/baseline (time): {ours_time / base_time:.4f}  ({told})")
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
