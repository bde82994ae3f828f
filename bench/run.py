"""Run every benchmark in bench/ in turn: ``python bench/run.py [--quick]``.

Each prints its own timings and the ratio to a baseline measured in the same run.
bench_neo4j.py runs only when COSGRAPH_NEO4J_URI names a (throwaway) server, and
bench_maps.py only when Chromium is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    args = sys.argv[1:]
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        if script.name == "bench_neo4j.py" and not os.environ.get("COSGRAPH_NEO4J_URI"):
            print(f"== {script.name}: skipped (no COSGRAPH_NEO4J_URI)\n", flush=True)
            continue
        if script.name == "bench_maps.py" and not shutil.which("chromium"):
            print(f"== {script.name}: skipped (no chromium)\n", flush=True)
            continue
        print(f"== {script.name} {' '.join(args)}", flush=True)
        if subprocess.run([sys.executable, str(script), *args], check=False).returncode:
            failed.append(script.name)
        print(flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
