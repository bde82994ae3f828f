"""Load benchmark: the whole `cosgraph load-network` command vs a raw LadybugDB COPY.

Generates a seeded network as two CSV files: 20k people + 200k ties by default;
--quick: 10k + 100k; --large: 100k + 1M, a researcher's size, too slow for the test
suite.  Each side runs
as its own process, timed from start to exit, as a user runs it:

- cosgraph: ``cosgraph load-network`` into a new store (parse, check, plan, one
  transaction), then the same command again on the unchanged files (a re-load);
- raw: a Python process that imports LadybugDB and pyarrow, creates a bare
  two-table schema, reads the CSVs with pyarrow and COPYs them in;
- bare read: a Python process that only reads the two CSVs with pyarrow;
- cosgraph again, on a renamed copy of the ties file: every stored row's provenance
  changes, so every row is an update (the edit path at its largest).

Prints rows/s and peak RSS of each side, the speed ratio (raw time / cosgraph
time; 1.0x is LadybugDB's own speed) and the re-load time over the bare read.

    python bench/bench_load.py [--quick | --large] [--people N] [--ties M]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import stored_network

RAW_COPY = """
import sys, ladybug, pyarrow.csv as pacsv
db = ladybug.Database(sys.argv[1]); conn = ladybug.Connection(db)
conn.execute("CREATE NODE TABLE P(pid STRING, community STRING, adopted INT64, PRIMARY KEY(pid))")
conn.execute("CREATE REL TABLE K(FROM P TO P, weight INT64)")
conn.execute("COPY P FROM $rows", {"rows": pacsv.read_csv(sys.argv[2])})
conn.execute("COPY K FROM $rows", {"rows": pacsv.read_csv(sys.argv[3])})
conn.close(); db.close()
"""
BARE_READ = """
import sys, pyarrow.csv as pacsv
pacsv.read_csv(sys.argv[1]); pacsv.read_csv(sys.argv[2])
"""


def make_files(folder: Path, people: int, ties: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    nodes, edges = folder / "people.csv", folder / "ties.csv"
    stored_network.write_csv(
        nodes,
        ["pid", "community", "adopted"],
        (
            [f"p{i}", f"c{i % 50}", rng.randint(1, 18) if rng.random() < 0.7 else ""]
            for i in range(people)
        ),
    )
    stored_network.write_csv(
        edges,
        ["src", "dst", "weight"],
        (
            [f"p{a}", f"p{b}", rng.randint(1, 5)]
            for a, b in stored_network.random_ties(rng, people, ties)
        ),
    )
    return nodes, edges


def run(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one process, from start to exit."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    assert process.stderr is not None
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def cosgraph_command(nodes: Path, edges: Path, store: Path) -> list[str]:
    """``cosgraph load-network`` as this Python runs it (the console script's code,
    never another install's ``cosgraph`` that happens to be first on PATH)."""
    return [
        *stored_network.cosgraph_command("load-network", str(nodes), str(edges)),
        *("--id-column", "pid", "--from-column", "src", "--to-column", "dst"),
        *("--store", str(store)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k people, 100k ties")
    parser.add_argument("--large", action="store_true", help="100k people, 1M ties")
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--ties", type=int, default=200_000)
    args = parser.parse_args()
    people, ties = args.people, args.ties
    if args.quick or args.large:
        people, ties = (100_000, 1_000_000) if args.large else (10_000, 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        nodes, edges = make_files(folder, people, ties)
        rows = people + ties
        raw, raw_mb = run(
            [sys.executable, "-c", RAW_COPY, str(folder / "raw.lbug"), *map(str, (nodes, edges))]
        )
        read, read_mb = run([sys.executable, "-c", BARE_READ, str(nodes), str(edges)])
        command = cosgraph_command(nodes, edges, folder / "cosgraph.lbug")
        ours, ours_mb = run(command)
        again, again_mb = run(command)
        renamed = folder / "ties-renamed.csv"  # every row's provenance changes: all updated
        shutil.copyfile(edges, renamed)
        moved, moved_mb = run(cosgraph_command(nodes, renamed, folder / "cosgraph.lbug"))
    print(f"machine: {stored_network.machine()}")
    print(f"rows: {people:,} people + {ties:,} ties = {rows:,}")
    for name, seconds, mb in (
        ("raw LadybugDB COPY", raw, raw_mb),
        ("cosgraph load-network", ours, ours_mb),
        ("bare pyarrow read", read, read_mb),
        ("cosgraph re-load (same)", again, again_mb),
        ("re-load, every row updated", moved, moved_mb),
    ):
        print(f"{name + ':':26} {seconds:7.2f} s  {rows / seconds:10,.0f} rows/s  {mb:6.0f} MB")
    print(f"ratio cosgraph speed/raw:  {raw / ours:7.2f}x  (goal >= 0.7x, >= 50,000 rows/s)")
    print(f"ratio re-load/bare read:   {again / read:7.2f}x  (goal <= 2x)")


if __name__ == "__main__":
    main()
