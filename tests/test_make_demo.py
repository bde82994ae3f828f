"""The committed demo is exactly what scripts/make_demo.py generates from scripts/demo_source/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cosgraph.demo import demo_folder

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "make_demo.py"


def test_make_demo_regenerates_the_committed_demo_byte_for_byte(tmp_path: Path):
    """Editing a demo CSV without its source (or the reverse) fails here.

    The script also loads what it wrote and checks the demo's promises with cosgraph's
    own analyses; a broken promise is a non-zero exit.
    """
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    committed = {p.name: p.read_bytes() for p in demo_folder().glob("*.csv")}
    generated = {p.name: p.read_bytes() for p in tmp_path.glob("*.csv")}
    assert sorted(generated) == sorted(committed)
    differing = [name for name in committed if generated[name] != committed[name]]
    assert differing == [], f"regenerate with: python scripts/make_demo.py ({differing})"
