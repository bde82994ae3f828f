"""The power view: actors by power/interest quadrant, sized by influence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cosgraph.model import LEVER_TIE_TYPES, SOCIAL_TIE_TYPES

from .view_base import View, ViewOptions, ViewSpec, expected, mapping_table, required, rows_table
from .view_spanners import brokers

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.analysis.power import PowerResult
    from cosgraph.analysis.spanners import SpannersResult

__all__ = ["power_view", "brokers_for_power", "QUADRANTS", "LEVER_STATES", "STANCE_COLORS", "VIEW"]

#: Power quadrants, most to watch first; levers follow.
QUADRANTS = ["manage_closely", "keep_satisfied", "keep_informed", "monitor"]
LEVER_STATES = ["lever reached", "lever not reached"]
QUADRANT_COLORS = ["#D55E00", "#E69F00", "#0072B2", "#CC79A7", "#009E73", "#CC0000"]
#: Tie colour by stance toward a lever (DECIDES and INFLUENCES ties): green for, red against.
STANCE_COLORS = {
    "champion": "#1a9850",
    "supporter": "#66bd63",
    "neutral": "#7b8794",
    "skeptic": "#f46d43",
    "opponent": "#d73027",
}


def power_view(
    G: nx.MultiDiGraph,
    *,
    power: PowerResult | Mapping[str, Mapping[str, Any]] | None = None,
    spanners: SpannersResult | None = None,
) -> ViewSpec:
    """Power over the levers: actors by power/interest quadrant, sized by influence,
    ties coloured by stance, brokers marked when ``spanners`` is given.

    ``power`` is a :class:`cosgraph.analysis.power.PowerResult`, or a dict of
    ``{attribute: {node id: value}}`` with at least ``quadrant`` (and optionally
    ``influence``, ``standing``, ``reached`` per lever).
    """
    result = required(power, "power", "power", "power_map")
    from cosgraph.analysis.power import PowerResult

    unreached: set[str] = set()
    if isinstance(result, PowerResult):
        table = rows_table(result.actors)
        for name, values in rows_table(result.levers).items():
            table.setdefault(name, {}).update(values)
        unreached = set(result.unreached_levers)
    elif isinstance(result, Mapping):
        table = mapping_table(result)
    else:
        raise expected("power", "power", result, "a PowerResult or a dict")
    quadrant = table.get("quadrant", {})
    reached = table.get("reached", {})
    nodes = [n for n, kind in G.nodes(data="kind") if kind in ("person", "organization", "lever")]
    for node in nodes:
        if G.nodes[node].get("kind") == "lever":
            ok = reached.get(node, node not in unreached)
            quadrant[node] = LEVER_STATES[0] if ok else LEVER_STATES[1]
    table["quadrant"] = quadrant
    return ViewSpec(
        name="power",
        what="Who holds power over the levers: each actor's place on the power/interest "
        "grid, and the decide, influence and trust ties that reach each lever.",
        how="Quadrant from declared power and interest (0–5; 3 or more is high); influence "
        "blends declared power with network standing (PageRank of the KNOWS, TRUSTS and "
        "PARTNERS_WITH ties taken both ways; cosgraph.analysis.power.standing). A lever "
        "is reached when a resident with lived experience has a short trust path to one "
        "of its deciders (cosgraph.analysis.power.power_map). Each lever sits at the centre "
        "of its deciders; tie colour is the stance toward the lever.",
        nodes=nodes,
        color_by="quadrant",
        size_by="influence" if "influence" in table else None,
        tie_types=frozenset(SOCIAL_TIE_TYPES + LEVER_TIE_TYPES),
        derived=table,
        color_order={"quadrant": QUADRANTS + LEVER_STATES},
        fixed_colors={
            "quadrant": dict(zip(QUADRANTS + LEVER_STATES, QUADRANT_COLORS, strict=True))
        },
        marks={"broker": brokers(spanners)} if spanners is not None else {},
        tie_colors={"stance": STANCE_COLORS},
        centre_of={
            lever: [u for u, _, t in G.in_edges(lever, data="type") if t == "DECIDES"]
            for lever in nodes
            if G.nodes[lever].get("kind") == "lever"
        },
    )


def _compute(G: nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    from cosgraph.analysis.power import power_map

    return {"power": power_map(G, k=options.k)}


def brokers_for_power(G: nx.MultiDiGraph, options: ViewOptions) -> SpannersResult | None:
    """The spanners result whose brokers the power view marks (None with no ties to
    broker); :mod:`cosgraph.maps` passes it as ``spanners=``, from the spanners view's
    own result when it has one, so betweenness is computed once."""
    from cosgraph.analysis.spanners import boundary_spanners
    from cosgraph.analysis.views import tie_graph

    ties = tie_graph(G)
    return boundary_spanners(ties, by=options.by) if ties.number_of_edges() else None


VIEW = View("power", "power over the levers", power_view, _compute, ("k", "by"))
