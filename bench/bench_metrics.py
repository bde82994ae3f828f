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

from stored_network import compare

IGRAPH_SIDE = """
columns = {
    "in_degree": g.indegree(),
    "out_degree": g.outdegree(),
    "betweenness": g.betweenness(directed=True),
    "closeness": g.closeness(mode="in", normalized=True),
    "pagerank": g.pagerank(damping=0.85, directed=True, weights=ties["strength"].to_pylist()),
    "eigenvector": u.eigenvector_centrality(),
    "clustering": u.transitivity_local_undirected(mode="zero"),
    "reach_2": u.neighborhood_size(order=2),
}
leiden = u.community_leiden(objective_function="modularity", n_iterations=-1)
columns["community"] = leiden.membership
"""


def main() -> None:
    compare(
        __doc__.splitlines()[0],
        ["analyze", "metrics"],
        IGRAPH_SIDE,
        (
            "cosgraph analyze metrics --format csv (whole process)",
            "igraph: same set from the ties CSV (whole process)",
        ),
    )


if __name__ == "__main__":
    main()
