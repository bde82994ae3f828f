"""Benchmark: the whole `cosgraph analyze metrics` command vs igraph computing the same set.

    python bench/bench_metrics.py                          # 10,000 people, 100,000 ties
    python bench/bench_metrics.py --quick                  # 1,000 people, 10,000 ties
    python bench/bench_metrics.py --people 100000 --ties 1000000   # the 2 GB check

Both sides are whole processes, each timed alone with its peak resident memory, on
the same seeded network (bench/stored_network.py), in the same run:

- "cosgraph": ``cosgraph analyze metrics --format csv`` on a stored map (loaded with
  ``load-network --consent public`` beforehand, not timed): Python start-up and
  imports, reading the store, the audience (public), compiling the tie graph, in- and
  out-degree, directed betweenness, closeness (incoming, Wasserman-Faust scaled),
  weighted PageRank, eigenvector centrality of the undirected view (per component),
  clustering, 2-step reach, Leiden communities (modularity, to convergence) and their
  modularity, and the CSV of 10,000 rows on stdout.
- "igraph": a Python process that imports igraph, reads the ties CSV into an
  ``igraph.Graph`` (ids to integers with NumPy), computes in- and out-degree,
  betweenness, closeness (mode in), weighted PageRank, eigenvector centrality,
  clustering and 2-step neighbourhood of the undirected view, Leiden (modularity, to
  convergence), and writes the same columns as CSV.  It computes no audience, no
  reach scaling and no modularity.

Target: cosgraph / igraph <= 1.5.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from stored_network import cosgraph_command, machine, measured, report, stored_network

IGRAPH_SIDE = """
import csv, sys
import igraph as ig
import numpy as np
import pyarrow.csv as pacsv
ties = pacsv.read_csv(sys.argv[1])
ids, ends = np.unique(
    np.concatenate([ties["src"].to_numpy(zero_copy_only=False),
                    ties["dst"].to_numpy(zero_copy_only=False)]), return_inverse=True)
m = ties.num_rows
g = ig.Graph(n=len(ids), edges=np.column_stack([ends[:m], ends[m:]]), directed=True)
weights = ties["strength"].to_numpy().astype(float).tolist()
columns = {
    "in_degree": g.indegree(),
    "out_degree": g.outdegree(),
    "betweenness": g.betweenness(directed=True),
    "closeness": g.closeness(mode="in", normalized=True),
    "pagerank": g.pagerank(damping=0.85, directed=True, weights=weights),
}
u = g.as_undirected(mode="collapse")
columns["eigenvector"] = u.eigenvector_centrality()
columns["clustering"] = u.transitivity_local_undirected(mode="zero")
columns["reach_2"] = u.neighborhood_size(order=2)
leiden = u.community_leiden(objective_function="modularity", n_iterations=-1)
columns["community"] = leiden.membership
writer = csv.writer(sys.stdout)
writer.writerow(["id", *columns])
writer.writerows(zip(ids.tolist(), *columns.values()))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 people, 10,000 ties")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--ties", type=int, default=100_000)
    args = parser.parse_args()
    people, ties = (1_000, 10_000) if args.quick else (args.people, args.ties)
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        net = stored_network(folder, people, ties)
        print(f"network: {people:,} people, {ties:,} KNOWS ties (seed 42), stored")
        ours = measured(
            cosgraph_command("analyze", "metrics", "--store", str(net.store), "--format", "csv"),
            folder,
        )
        report("cosgraph analyze metrics --format csv (whole process)", ours)
        base = measured([sys.executable, "-c", IGRAPH_SIDE, str(net.ties_csv)], folder)
        report("igraph: same set from the ties CSV (whole process)", base)
    print(f"{'ratio cosgraph / igraph':<60} {ours.seconds / base.seconds:8.2f} x  (target <= 1.5)")
    print(f"{'peak RSS cosgraph / igraph':<60} {ours.peak_mb / base.peak_mb:8.2f} x")


if __name__ == "__main__":
    main()
