"""The bundled example coalition: load it into a fresh store and say what to try next.

The data (``cosgraph/data/demo/``) is fictional, written for this project and modelled
on the Proviso Partners for Health case in the SCALE overview (Stout, 2017).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from cosgraph.loaders import read_map
from cosgraph.model import FRAMEWORK_TIE_TYPES
from cosgraph.stats import StoreStats, store_stats
from cosgraph.store import open_store, shown_location, store_location

__all__ = ["DemoReport", "run_demo", "demo_folder"]


def demo_folder() -> Path:
    """The folder of the bundled demo CSV files."""
    return Path(str(resources.files("cosgraph.data") / "demo"))


@dataclass
class DemoReport:
    """What the demo did; ``store`` is the location as it may be shown (no credentials)."""

    store: str
    stats: StoreStats
    maps: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        s = self.stats
        people = s.by_kind.get("person", 0)
        orgs = s.by_kind.get("organization", 0)
        ties = sum(n for t, n in s.by_tie_type.items() if t not in FRAMEWORK_TIE_TYPES)
        out = [
            f"Loaded the demo coalition into {self.store}:",
            f"  {people} people, {orgs} organizations, {s.by_kind.get('asset', 0)} assets, "
            f"{s.by_kind.get('lever', 0)} levers, {s.by_kind.get('community', 0)} communities, "
            f"{ties} ties",
            "  tripod: " + ", ".join(f"{k} {v}" for k, v in s.by_tripod_role.items()),
        ]
        if self.maps:
            out.append("Maps (open in a browser; people are named only with public consent):")
        for path in self.maps:
            out.append(f"  {path}")
        store_arg = f"--store {self.store}"
        out += [
            "Try next:",
            f"  cosgraph stats {store_arg}",
            "  cosgraph query --list",
            f"  cosgraph query lever_decision_makers --param lever=soda-tax {store_arg}",
            "  cosgraph framework",
            f"  cosgraph analyze power --section levers {store_arg}",
            f"  cosgraph spread summary --practice bs-yard-gardens --level actors {store_arg}",
        ]
        return out


def run_demo(out: Path, store: str | None = None, *, database: str | None = None) -> DemoReport:
    """Load the demo into ``store`` or, when None, a fresh ``out/demo.lbug``.

    A given store keeps what it holds; the demo's rows are added or updated in it.
    """
    if store is None:
        out.mkdir(parents=True, exist_ok=True)
        path = out / "demo.lbug"
        for stale in (path, path.with_name(path.name + ".wal")):
            if stale.exists():
                stale.unlink()
        location = str(path)
    else:
        location = store_location(store)
    cmap = read_map(demo_folder())
    s = open_store(location, database=database)
    try:
        s.init()
        s.write(cmap, provenance="cosgraph demo")
        stats = store_stats(s)
        G = s.project()
    finally:
        s.close()
    out.mkdir(parents=True, exist_ok=True)
    return DemoReport(store=shown_location(location), stats=stats, maps=write_demo_maps(G, out))


#: The demo's maps: file name -> options of :func:`cosgraph.maps.write_view`.
DEMO_MAPS: dict[str, dict[str, Any]] = {
    "network.html": {"view": "network", "color_by": "tripod_role", "size_by": "pagerank"},
    "power.html": {"view": "power"},
    "spanners.html": {"view": "spanners", "by": "sector"},
    "assets.html": {"view": "assets"},
    "crosswalk.html": {"view": "crosswalk", "community": "com-proviso"},
    "spread.html": {"view": "spread", "practice": "bs-yard-gardens", "level": "actors"},
}


def write_demo_maps(G: nx.MultiDiGraph, out: Path) -> list[Path]:
    """Write the demo's maps into ``out`` for a public audience; return their paths."""
    from cosgraph.maps import write_view

    return [write_view(G, out / name, **options) for name, options in DEMO_MAPS.items()]
