"""The network view: the whole community map, every node and tie."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from cosgraph.model import FRAMEWORK_KINDS

from .view_base import View, ViewSpec, kinds_of, no_results

__all__ = ["network_view", "VIEW"]


def network_view(
    G: nx.MultiDiGraph,
    *,
    kinds: Iterable[str] | None = None,
    tie_types: Iterable[str] | None = None,
) -> ViewSpec:
    """The whole community map: every node and tie.

    Parameters
    ----------
    kinds : node kinds to draw; default every kind except the framework's
        (domain, skill, behavior), which would crowd a community map.
    tie_types : tie types to draw; default all.
    """
    nodes = kinds_of(G, kinds, FRAMEWORK_KINDS)
    types = frozenset(tie_types) if tie_types is not None else None
    shown = "all ties" if types is None else "ties of type " + ", ".join(sorted(types))
    return ViewSpec(
        name="network",
        what="Who is connected to whom: the people, organizations, assets, levers and "
        "communities of the map and their ties.",
        how=f"Drawn from the community map as loaded ({shown}). Positions come from a "
        "seeded force-directed layout computed once, so the same map always looks the same.",
        nodes=nodes,
        color_by="kind",
        tie_types=types,
    )


VIEW = View("network", "the whole map", network_view, no_results)
