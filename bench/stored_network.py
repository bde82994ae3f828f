"""Shared by bench_metrics.py and bench_spanners.py: a stored researcher's network, and
whole processes timed with their peak memory.

:func:`stored_network` writes a seeded network (people with a ``sector`` and a
``community``, directed ``KNOWS`` ties with a ``strength`` of 1-3) as two CSV files and
loads it into a fresh embedded store, as ``cosgraph load-network --consent public``
does.  :func:`measured` runs one command as its own process and returns its wall time
and peak resident memory (``wait4``), so each side of a comparison is measured alone.
"""

from __future__ import annotations

import csv
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SECTORS = (
    "health_care",
    "public_health",
    "education",
    "social_services",
    "business",
    "government",
    "faith",
    "philanthropy",
    "community_based",
    "resident",
)


@dataclass(frozen=True)
class Network:
    people_csv: Path
    ties_csv: Path
    store: Path
    people: int
    ties: int


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float


def stored_network(folder: Path, people: int, ties: int, seed: int = 42) -> Network:
    """Write the CSV files and load them into ``folder/network.lbug`` (not timed).

    Done in a child process: the benchmark's own process stays small, so the children
    it starts do not inherit its memory into their peak RSS.
    """
    here = Path(__file__).resolve()
    args = [sys.executable, str(here), str(folder), str(people), str(ties), str(seed)]
    subprocess.run(args, check=True, env=_installed_env())
    return Network(
        folder / "people.csv", folder / "ties.csv", folder / "network.lbug", people, ties
    )


def _installed_env() -> dict[str, str]:
    """The environment with bytecode caching on, as an installed cosgraph runs (pip
    compiles it); a session's ``PYTHONDONTWRITEBYTECODE`` would make every measured
    process compile cosgraph's sources again."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _write_network(folder: Path, people: int, ties: int, seed: int) -> None:
    # Compiled once here, not in the measured processes (see _installed_env).
    from cosgraph.loaders import read_network

    import cosgraph.analysis.columnar
    import cosgraph.analysis.metrics
    import cosgraph.analysis.spanners
    import cosgraph.cli  # noqa: F401
    from cosgraph.store import open_store

    rng = random.Random(seed)
    people_csv, ties_csv = folder / "people.csv", folder / "ties.csv"
    write_csv(
        people_csv,
        ["pid", "sector", "community"],
        ([f"p{i:07d}", SECTORS[rng.randrange(len(SECTORS))], f"c{i % 50}"] for i in range(people)),
    )
    write_csv(
        ties_csv,
        ["src", "dst", "strength"],
        ([f"p{a:07d}", f"p{b:07d}", rng.randint(1, 3)] for a, b in random_ties(rng, people, ties)),
    )
    cmap = read_network(
        people_csv,
        ties_csv,
        id_column="pid",
        from_column="src",
        to_column="dst",
        consent="public",
    )
    store_path = folder / "network.lbug"
    store = open_store(store_path)
    try:
        store.init()
        store.write(cmap, provenance="bench")
    finally:
        store.close()


def write_csv(path: Path, header: list[str], rows: Iterable[list[Any]]) -> None:
    """``header`` and ``rows`` as the CSV file ``path``."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def random_ties(rng: random.Random, people: int, ties: int) -> Iterator[tuple[int, int]]:
    """``ties`` distinct directed pairs of ``range(people)``, no self-loops, as drawn.

    Each pair is yielded before the next is drawn, so a caller drawing its tie's own
    values from ``rng`` in between keeps one reproducible stream.
    """
    seen: set[tuple[int, int]] = set()
    while len(seen) < ties:
        a, b = rng.randrange(people), rng.randrange(people)
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            yield a, b


def measured(args: list[str], cwd: Path) -> Run:
    """Run ``args`` as one process (output discarded); its wall time and peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen(
        args,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_installed_env(),
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{errors}")
    return Run(seconds=seconds, peak_mb=usage.ru_maxrss / 1024)  # ru_maxrss is in KiB


#: The igraph side's start: the ties CSV into ``g`` (directed) and ``u`` (its
#: undirected view), ids to integers with NumPy; ``ids[i]`` names vertex ``i``.
IGRAPH_GRAPH = """
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
"""
#: The igraph side's end: its per-node ``columns`` as CSV on stdout.
IGRAPH_CSV = """
writer = csv.writer(sys.stdout)
writer.writerow(["id", *columns])
writer.writerows(zip(ids.tolist(), *columns.values()))
"""


def compare(
    description: str, command: list[str], igraph_side: str, labels: tuple[str, str]
) -> None:
    """The benchmark's main: parse ``--quick``/``--people``/``--ties``, store the
    network, run ``cosgraph COMMAND --store S --format csv`` and the igraph side
    (``IGRAPH_GRAPH + igraph_side + IGRAPH_CSV``), print times, peak RSS and ratios."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=description)
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
        ours = measured(
            cosgraph_command(*command, "--store", str(net.store), "--format", "csv"), folder
        )
        report(labels[0], ours)
        script = IGRAPH_GRAPH + igraph_side + IGRAPH_CSV
        base = measured([sys.executable, "-c", script, str(net.ties_csv)], folder)
        report(labels[1], base)
    print(f"{'ratio cosgraph / igraph':<60} {ours.seconds / base.seconds:8.2f} x  (target <= 1.5)")
    print(f"{'peak RSS cosgraph / igraph':<60} {ours.peak_mb / base.peak_mb:8.2f} x")


def cosgraph_command(*args: str) -> list[str]:
    """``cosgraph ARGS`` run by this Python (the installed console script's code)."""
    return [sys.executable, "-c", "from cosgraph.cli.program import run; run()", *args]


def machine() -> str:
    """CPU model, cores and load now: the context every ratio is read in."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, load average {load}"


def report(label: str, run: Run, width: int = 60) -> None:
    print(f"{label:<{width}} {run.seconds:8.2f} s  peak RSS {run.peak_mb:8.0f} MB", flush=True)


if __name__ == "__main__":
    _write_network(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
