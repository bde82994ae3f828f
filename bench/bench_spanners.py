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

from stored_network import compare

IGRAPH_SIDE = """
cut = set(u.articulation_points())
bridges = u.bridges()
columns = {
    "betweenness_directed": g.betweenness(directed=True),
    "betweenness_undirected": u.betweenness(directed=False),
    "constraint": g.constraint(),
    "articulation_point": [i in cut for i in range(len(ids))],
}
"""


def main() -> None:
    compare(
        __doc__.splitlines()[0],
        ["analyze", "spanners", "--by", "sector"],
        IGRAPH_SIDE,
        (
            "cosgraph analyze spanners --by sector --format csv (whole)",
            "igraph: betweenness x2, constraint, cut points, bridges",
        ),
    )


if __name__ == "__main__":
    main()
