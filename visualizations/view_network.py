"""The network view: the whole community map, every node and tie."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from cosgraph.model import FRAMEWORK_KINDS

from .view_base import View, ViewOptions, ViewSpec, expected, kinds_of

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["network_view", "VIEW"]


def network_view(
    G: nx.MultiDiGraph,
    *,
    kinds: Iterable[str] | None = None,
    tie_types: Iterable[str] | None = None,
    standing: Mapping[str, float] | None = None,
) -> ViewSpec:
    """The whole community map: every node and tie, coloured by tripod role (by kind
    when no node has one).

    Parameters
    ----------
    kinds : node kinds to draw; default every kind except the framework's
        (domain, skill, behavior), which would crowd a community map.
    tie_types : tie types to draw; default all.
    standing : actor id → standing, as :func:`cosgraph.analysis.power.standing`
        returns; sizes the nodes (by degree when not given or empty).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ana", kind="person", tripod_role="lived_experience")
    >>> G.add_node("bo", kind="person", tripod_role="formal_leader")
    >>> _ = G.add_edge("ana", "bo", key="KNOWS", type="KNOWS")
    >>> spec = network_view(G, **VIEW.compute(G, ViewOptions()))
    >>> spec.color_by, spec.size_by, spec.derived["standing"]
    ('tripod_role', 'standing', {'ana': 1.0, 'bo': 1.0})
    """
    nodes = kinds_of(G, kinds, FRAMEWORK_KINDS)
    types = frozenset(tie_types) if tie_types is not None else None
    shown = "all ties" if types is None else "ties of type " + ", ".join(sorted(types))
    if standing is not None and not isinstance(standing, Mapping):
        raise expected("network", "standing", standing, "a dict of node id → standing")
    sized = (
        " Size is standing among the actors (PageRank of the KNOWS, TRUSTS and "
        "PARTNERS_WITH ties taken both ways; cosgraph.analysis.power.standing)."
        if standing
        else ""
    )
    # A map loaded without tripod roles (a plain network) is coloured by kind.
    roles = any(G.nodes[n].get("tripod_role") is not None for n in nodes)
    return ViewSpec(
        name="network",
        what="Who is connected to whom: the people, organizations, assets, levers and "
        "communities of the map and their ties.",
        how=f"Drawn from the community map as loaded ({shown}). Positions come from a "
        "seeded force-directed layout computed once, so the same map always looks the same."
        + sized,
        nodes=nodes,
        color_by="tripod_role" if roles else "kind",
        size_by="standing" if standing else None,
        tie_types=types,
        derived={"standing": {str(n): s for n, s in standing.items()}} if standing else {},
    )


def _compute(G: nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    from cosgraph.analysis.power import standing

    return {"standing": standing(G)}


VIEW = View("network", "the whole map", network_view, _compute)
