"""ruff and mypy are part of the test suite, so a red lint is a red build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["cosgraph", "loaders", "visualizations", "tests", "bench", "scripts"]
#: What strict mypy checks: the package and the programs that run it.
TYPED = ["cosgraph", "loaders", "visualizations", "bench", "scripts"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean():
    present = [s for s in SOURCES if (ROOT / s).exists()]
    result = _run(sys.executable, "-m", "ruff", "check", *present)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    result = _run(sys.executable, "-m", "mypy", *TYPED)
    assert result.returncode == 0, result.stdout + result.stderr
