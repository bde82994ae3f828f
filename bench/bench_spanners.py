"""Benchmark: the whole `cosgraph analyze spanners --by sector` command vs igraph.

    python bench/bench_spanners.py            # 10,000 people, 100,000 ties
    python bench/bench_spanners.py --quick    # 1,000 people, 10,000 ties

Both sides are whole processes, each timed alone with its peak resident memory, on
the same seeded network (bench/stored_network.py), in the same run:

- "cosgraph": ``cosgraph analyze spanners --by sector --format csv`` on a stored map
  (loaded with ``load-network --consent public`` beforehand, not timed): Python
  start-up and imports, reading the store, the audience (public), compiling the tie
  graph, betweenness on the directed ties and on the undirected view (raw and
  scaled), Burt's constraint and effective size, Gould-Fernandez brokerage roles by
  sector, articulation points, bridges, the E-I index of every sector, and the CSV of
  10,000 rows on stdout.
- "igraph": a Python process that imports igraph, reads the ties CSV into an
  ``igraph.Graph`` (ids to integers with NumPy), computes betweenness on the directed
  graph and on its undirected view, Burt's constraint, articulation points and
  bridges, and writes the per-node columns as CSV.  igraph has no brokerage roles,
  effective size or E-I index: cosgraph computes those on top.

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
u = g.as_undirected(mode="collapse")
cut = set(u.articulation_points())
bridges = u.bridges()
columns = {
    "betweenness_directed": g.betweenness(directed=True),
    "betweenness_undirected": u.betweenness(directed=False),
    "constraint": g.constraint(),
    "articulation_point": [i in cut for i in range(len(ids))],
}
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
        print(f"network: {people:,} people, {ties:,} KNOWS ties (seed 42), 10 sectors, stored")
        command = ["analyze", "spanners", "--by", "sector", "--store", str(net.store)]
        ours = measured(cosgraph_command(*command, "--format", "csv"), folder)
        report("cosgraph analyze spanners --by sector --format csv (whole)", ours)
        base = measured([sys.executable, "-c", IGRAPH_SIDE, str(net.ties_csv)], folder)
        report("igraph: betweenness x2, constraint, cut points, bridges", base)
    print(f"{'ratio cosgraph / igraph':<60} {ours.seconds / base.seconds:8.2f} x  (target <= 1.5)")
    print(f"{'peak RSS cosgraph / igraph':<60} {ours.peak_mb / base.peak_mb:8.2f} x")


if __name__ == "__main__":
    main()
