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

from cosgraph.errors import CosgraphError, StoreError
from cosgraph.loaders import read_map
from cosgraph.model import FRAMEWORK_TIE_TYPES
from cosgraph.stats import StoreStats, store_stats
from cosgraph.store import open_store, shown_location, store_location
from cosgraph.store.location import store_file

__all__ = ["DemoReport", "DemoStoreError", "run_demo", "demo_folder", "require_demo_only"]

#: The provenance of the demo's rows, and of the framework graph every store holds.
DEMO_PROVENANCE = "cosgraph demo"
_OWN_PROVENANCE = {DEMO_PROVENANCE, "cosgraph framework"}


class DemoStoreError(CosgraphError):
    """The store given to the demo holds a map of its own; the demo never merges into it."""


def demo_folder() -> Path:
    """The folder of the bundled demo CSV files."""
    return Path(str(resources.files("cosgraph.data") / "demo"))


@dataclass
class DemoReport:
    """What the demo did; ``store`` is the location as it may be shown (no credentials)."""

    store: str
    stats: StoreStats
    maps: list[Path] = field(default_factory=list)
    #: The explorer: every view in one page.
    explorer: Path | None = None

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
        if self.explorer:
            out.append("Explorer (every view in one page; open it in a browser):")
            out.append(f"  {self.explorer}")
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


def require_demo_only(location: str, *, database: str | None = None) -> None:
    """Refuse a store that holds anything but the demo's rows and the framework graph.

    A missing or empty store, or one an earlier demo filled, is fine.

    Raises
    ------
    DemoStoreError
        One line naming the store and what else it holds.
    """
    file = store_file(location)
    if file is not None and not file.exists():
        return
    s = open_store(location, database=database, create=False, read_only=True)
    try:
        G = s.project()
    except StoreError:
        return  # no cosgraph schema yet: nothing in it
    finally:
        s.close()
    others = {str(d.get("provenance")) for _, d in G.nodes(data=True)}
    others |= {str(d.get("provenance")) for _, _, d in G.edges(data=True)}
    others -= _OWN_PROVENANCE
    if others:
        named = ", ".join(sorted(others)[:3]) + (", ..." if len(others) > 3 else "")
        raise DemoStoreError(
            f"{location} holds a map of its own (loaded from {named}); the demo loads only "
            "into a store of its own: leave out --store (and $COSGRAPH_STORE) or name a new one"
        )


def run_demo(
    out: Path, store: str | None = None, *, database: str | None = None, force: bool = False
) -> DemoReport:
    """Load the demo into ``store`` or, when None, a fresh ``out/demo.lbug``.

    The store may hold nothing but an earlier demo (:func:`require_demo_only`).
    ``force`` lets the maps in ``out`` replace files cosgraph did not write
    (:func:`cosgraph.overwrite.check_output`); it never lets the demo into a real map.
    """
    from cosgraph.overwrite import check_output

    location = str(out / "demo.lbug") if store is None else store_location(store)
    require_demo_only(location, database=database)
    for name in [*DEMO_MAPS, DEMO_EXPLORER]:  # before the load: a refusal changes nothing
        check_output(out / name, force=force, store=location)
    if store is None:
        out.mkdir(parents=True, exist_ok=True)
        path = Path(location)
        for stale in (path, path.with_name(path.name + ".wal")):
            if stale.exists():
                stale.unlink()  # the demo's own store (checked above): start it afresh
    cmap = read_map(demo_folder())
    s = open_store(location, database=database)
    try:
        s.init()
        s.write(cmap, provenance=DEMO_PROVENANCE)
        stats = store_stats(s)
        G = s.project()
    finally:
        s.close()
    out.mkdir(parents=True, exist_ok=True)
    maps = write_demo_maps(G, out, force=force, store=location)
    from cosgraph.maps import write_explorer

    explorer, _ = write_explorer(
        G, out / DEMO_EXPLORER, force=force, store=location, **DEMO_EXPLORER_OPTIONS
    )
    return DemoReport(store=shown_location(location), stats=stats, maps=maps, explorer=explorer)


#: The demo's maps: file name -> options of :func:`cosgraph.maps.write_view`.  Colour,
#: size and grouping are each view's own defaults (:data:`cosgraph.visualizations.VIEWS`),
#: the same as ``cosgraph map --view``; only the demo's choice of community and bright
#: spot is named here.
DEMO_MAPS: dict[str, dict[str, Any]] = {
    "network.html": {"view": "network"},
    "power.html": {"view": "power"},
    "spanners.html": {"view": "spanners"},
    "assets.html": {"view": "assets"},
    "crosswalk.html": {"view": "crosswalk", "community": "com-proviso"},
    "spread.html": {"view": "spread", "practice": "bs-yard-gardens", "level": "actors"},
}

#: The demo's explorer (every view in one page), with the demo's community and bright spot.
DEMO_EXPLORER = "coalition.html"
DEMO_EXPLORER_OPTIONS: dict[str, Any] = {
    "community": "com-proviso",
    "practice": "bs-yard-gardens",
    "level": "actors",
    "title": "The demo coalition",
}


def write_demo_maps(
    G: nx.MultiDiGraph, out: Path, *, force: bool = False, store: str | None = None
) -> list[Path]:
    """Write the demo's maps into ``out`` for a public audience; return their paths."""
    from cosgraph.maps import write_view

    return [
        write_view(G, out / name, force=force, store=store, **options)
        for name, options in DEMO_MAPS.items()
    ]
