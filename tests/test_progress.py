"""Long work shows a progress bar on standard error when it is a terminal, and nothing
when it is a pipe (issue 20)."""

from __future__ import annotations

import fcntl
import io
import os
import select
import struct
import sys
import termios
from pathlib import Path
from typing import TextIO

import networkx as nx
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_network

from cosgraph.analysis.metrics import network_metrics
from cosgraph.analysis.spanners import boundary_spanners
from cosgraph.analysis.spread import AdoptionData, simulate_spread
from cosgraph.cli import main


def _store(tmp_path: Path) -> str:
    T = nx.gnm_random_graph(60, 240, seed=1, directed=True)
    (tmp_path / "n.csv").write_text("pid,team\n" + "".join(f"p{i},t{i % 3}\n" for i in T))
    (tmp_path / "t.csv").write_text("src,dst\n" + "".join(f"p{u},p{v}\n" for u, v in T.edges()))
    store = str(tmp_path / "s.lbug")
    args = ["load-network", str(tmp_path / "n.csv"), str(tmp_path / "t.csv"), "--id-column"]
    args += ["pid", "--from-column", "src", "--to-column", "dst", "--store", store]
    assert CliRunner().invoke(main, args).exit_code == 0
    return store


def _run(args: list[str], stderr: TextIO, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the CLI in this process with ``stderr`` as standard error; its standard output."""
    out = io.StringIO()
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stdout", out)
        patch.setattr(sys, "stderr", stderr)
        main(args, standalone_mode=False)
        stderr.flush()
    return out.getvalue()


def _read_all(fd: int) -> str:
    """Everything written to ``fd`` so far (never blocks)."""
    chunks = []
    while select.select([fd], [], [], 0.2)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("command", "steps"), [(["metrics"], "/7"), (["spanners", "--by", "team"], "/4")]
)
def test_analyze_draws_a_bar_on_a_terminal_and_nothing_on_a_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], steps: str
):
    store = _store(tmp_path)
    bar = f"{command[0]}:"
    args = ["analyze", *command, "--format", "csv", "--audience", "private", "--store", store]
    master, slave = os.openpty()  # a pseudo-terminal of 24 x 80, as a person's
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    with open(slave, "w", encoding="utf-8") as terminal:
        stdout = _run(args, terminal, monkeypatch)
        drawn = _read_all(master)
    os.close(master)
    assert bar in drawn and steps in drawn  # tqdm's "metrics:  43%|...| 3/7"
    assert "\r" not in stdout and bar not in stdout  # the output stays clean

    read_end, write_end = os.pipe()
    with open(write_end, "w", encoding="utf-8") as pipe:
        piped = _run(args, pipe, monkeypatch)
    written = _read_all(read_end)
    os.close(read_end)
    assert piped == stdout
    assert bar not in written and "\r" not in written


def test_long_functions_report_every_step_to_the_end():
    T = nx.gnm_random_graph(40, 120, seed=3, directed=True)
    calls: list[tuple[int, int]] = []
    network_metrics(T, sample=10, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 7) for i in range(1, 8)]
    calls.clear()
    boundary_spanners(T, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 4) for i in range(1, 5)]
    calls.clear()
    data = AdoptionData(T, {}, {})
    simulate_spread(data, seeds=[0], runs=300, progress=lambda d, t: calls.append((d, t)))
    assert calls and calls[-1] == (300, 300)
    calls.clear()
    simulate_spread(data, choose=2, runs=20, progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (42, 42) and len(calls) == 42  # 40 nodes' first round, 2 seeds


def test_read_network_reports_rows(tmp_path: Path):
    (tmp_path / "n.csv").write_text("pid\na\nb\n")
    (tmp_path / "t.csv").write_text("src,dst\na,b\n")
    calls: list[tuple[int, int]] = []
    read_network(
        tmp_path / "n.csv",
        tmp_path / "t.csv",
        id_column="pid",
        from_column="src",
        to_column="dst",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(3, 3)]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_is_wiped_as_soon_as_its_work_is_done() -> None:
    # what a command prints next (a load's report) never lands on a live bar's line
    from cosgraph.progress import progress_bar

    stream = _Terminal()
    with progress_bar("rows", unit="row", stream=stream) as progress:
        progress(5, 10)
        progress(10, 10)
        drawn = stream.getvalue()
    assert "rows" in drawn
    assert stream.getvalue() == drawn  # nothing left to wipe when the block ends
