"""Neo4j load benchmark: the same network through cosgraph into Neo4j and into the
embedded store, in the same run, printing rows/s and the ratio Neo4j/embedded.

Needs a server: ``scripts/neo4j-server start && set -a && . .neo4j/env && set +a``.
The Neo4j database is emptied first (use the throwaway test server, not your own).

    python bench/bench_neo4j.py [--quick] [--batch-sizes 1000,5000,20000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import make_files  # noqa: E402
from cosgraph.loaders import read_network  # noqa: E402

import cosgraph.store.neo4j as neo4j_backend  # noqa: E402
from cosgraph.model import CommunityMap  # noqa: E402
from cosgraph.store import open_store  # noqa: E402


def load_into(location: str, cmap: CommunityMap) -> float:
    store = open_store(location)
    if store.dialect == "neo4j":
        with store._driver.session() as session:  # type: ignore[attr-defined]
            # an implicit (auto-commit) transaction, as CALL ... IN TRANSACTIONS requires
            session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS").consume()
    store.init()
    start = time.perf_counter()
    store.write(cmap, provenance="bench")
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k people, 100k ties")
    parser.add_argument("--batch-sizes", default=str(neo4j_backend.BATCH_SIZE))
    args = parser.parse_args()
    uri = os.environ.get("COSGRAPH_NEO4J_URI")
    if not uri:
        sys.exit("set COSGRAPH_NEO4J_URI (scripts/neo4j-server start; . .neo4j/env)")
    people, ties = (10_000, 100_000) if args.quick else (100_000, 1_000_000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        nodes, edges = make_files(folder, people, ties)
        cmap = read_network(nodes, edges, id_column="pid", from_column="src", to_column="dst")
        rows = people + ties
        print(f"rows: {people:,} people + {ties:,} ties = {rows:,} (timing the write only)")
        embedded = load_into(str(folder / "e.lbug"), cmap)
        print(f"embedded store:           {embedded:8.2f} s  {rows / embedded:12,.0f} rows/s")
        for size in (int(s) for s in args.batch_sizes.split(",")):
            neo4j_backend.BATCH_SIZE = size
            neo = load_into(uri, cmap)
            print(
                f"neo4j (batch {size:>6,}):    {neo:8.2f} s  {rows / neo:12,.0f} rows/s"
                f"  ratio neo4j/embedded {neo / embedded:6.1f}x"
            )


if __name__ == "__main__":
    main()
