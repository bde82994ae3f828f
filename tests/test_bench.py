"""Every benchmark still runs and prints its ratio (small sizes; no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.mark.parametrize(
    ("script", "args"),
    [
        ("bench_load.py", ["--people", "2000", "--ties", "20000"]),
        ("bench_metrics.py", ["--quick"]),
        ("bench_spanners.py", ["--quick"]),
        ("bench_spread.py", ["--quick"]),
    ],
)
def test_benchmark_runs_and_prints_a_ratio(script: str, args: list[str]):
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ratio" in result.stdout.lower()
