"""Load benchmark: researchers' networks through `load-network` vs a raw LadybugDB COPY.

Generates a seeded network (100k people + 1M ties by default; --quick: 10k + 100k) as
two CSV files, loads it through cosgraph (parse, validate, plan, one transaction) into a
fresh embedded store, and, in the same run, COPYs the same rows straight into a bare
LadybugDB schema.  Prints rows/s for both and the ratio (cosgraph time / raw time).

    python bench/bench_load.py [--quick] [--people N] [--ties M]
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

import ladybug
import pyarrow.csv as pacsv
from cosgraph.loaders import read_network

from cosgraph.store import open_store


def make_files(folder: Path, people: int, ties: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    nodes, edges = folder / "people.csv", folder / "ties.csv"
    with nodes.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["pid", "community", "adopted"])
        for i in range(people):
            writer.writerow(
                [f"p{i}", f"c{i % 50}", rng.randint(1, 18) if rng.random() < 0.7 else ""]
            )
    seen: set[tuple[int, int]] = set()
    with edges.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["src", "dst", "weight"])
        while len(seen) < ties:
            a, b = rng.randrange(people), rng.randrange(people)
            if a != b and (a, b) not in seen:
                seen.add((a, b))
                writer.writerow([f"p{a}", f"p{b}", rng.randint(1, 5)])
    return nodes, edges


def time_cosgraph(nodes: Path, edges: Path, store_path: Path) -> float:
    start = time.perf_counter()
    cmap = read_network(nodes, edges, id_column="pid", from_column="src", to_column="dst")
    store = open_store(store_path)
    store.init()
    store.write(cmap, provenance="bench")
    store.close()
    return time.perf_counter() - start


def time_raw_copy(nodes: Path, edges: Path, db_path: Path) -> float:
    start = time.perf_counter()
    db = ladybug.Database(str(db_path))
    conn = ladybug.Connection(db)
    conn.execute(
        "CREATE NODE TABLE P(pid STRING, community STRING, adopted INT64, PRIMARY KEY(pid))"
    )
    conn.execute("CREATE REL TABLE K(FROM P TO P, weight INT64)")
    node_rows = pacsv.read_csv(nodes)
    tie_rows = pacsv.read_csv(edges)
    conn.execute("COPY P FROM $rows", {"rows": node_rows})
    conn.execute("COPY K FROM $rows", {"rows": tie_rows})
    conn.close()
    db.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k people, 100k ties")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--ties", type=int, default=1_000_000)
    args = parser.parse_args()
    people, ties = (10_000, 100_000) if args.quick else (args.people, args.ties)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        nodes, edges = make_files(folder, people, ties)
        rows = people + ties
        raw = time_raw_copy(nodes, edges, folder / "raw.lbug")
        ours = time_cosgraph(nodes, edges, folder / "cosgraph.lbug")
    print(f"rows: {people:,} people + {ties:,} ties = {rows:,}")
    print(f"raw LadybugDB COPY:       {raw:8.2f} s  {rows / raw:12,.0f} rows/s")
    print(f"cosgraph load-network:    {ours:8.2f} s  {rows / ours:12,.0f} rows/s")
    print(f"ratio cosgraph/raw:       {ours / raw:8.1f}x")


if __name__ == "__main__":
    main()
