"""The spanners view: actors coloured by brokerage role, sized by betweenness."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cosgraph.model import ACTOR_KINDS, SOCIAL_TIE_TYPES

from .view_base import (
    MapError,
    Table,
    View,
    ViewOptions,
    ViewSpec,
    expected,
    mapping_table,
    required,
)

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.analysis.spanners import SpannersResult

__all__ = ["spanners_view", "brokers", "BROKERAGE_ROLES", "VIEW"]

#: Gould & Fernandez's five roles, in their order; a tie between counts goes to the first.
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def spanners_view(
    G: nx.MultiDiGraph,
    *,
    spanners: SpannersResult | Mapping[str, Mapping[str, Any]] | None = None,
) -> ViewSpec:
    """Boundary spanners: actors coloured by brokerage role, sized by betweenness.

    ``spanners`` is a :class:`cosgraph.analysis.spanners.SpannersResult` — each
    actor's main brokerage ``role`` is the one with most brokered two-paths — or a
    dict ``{attribute: {node id: value}}`` with a ``role`` and optionally
    ``betweenness`` (the size) per node.
    """
    from cosgraph.analysis.spanners import SpannersResult

    result = required(spanners, "spanners", "spanners", "boundary_spanners")
    if isinstance(result, SpannersResult):
        table = _spanner_table(result)
    elif isinstance(result, Mapping):
        table = mapping_table(result)
    else:
        raise expected("spanners", "spanners", result, "a SpannersResult or a dict")
    color: str | None = next(
        (a for a in ("role", "brokerage_role", "primary_role") if a in table), None
    )
    if color is None:
        color = next(
            (a for a, v in table.items() if any(isinstance(x, str) for x in v.values())), None
        )
    if color is None:
        raise MapError(
            f"the spanners map needs a role per node; got {', '.join(table) or 'nothing'}"
        )
    size = next((a for a in ("betweenness", "effective_size") if a in table), None)
    if isinstance(result, SpannersResult):
        points = {n.id for n in result.nodes if n.articulation_point}
        if points:
            table["articulation_point"] = {n: n in points for n in G}
    return ViewSpec(
        name="spanners",
        what="Who bridges groups that would otherwise not meet: brokers between "
        "sectors, communities and tripod legs.",
        how="Each group is drawn as its own cluster, so the ties between clusters are the "
        "bridges. Brokerage roles after Gould & Fernandez (1989) — coordinator, itinerant, "
        "representative, gatekeeper, liaison — with betweenness, Burt's constraint and "
        "effective size, on the tie graph between people and organizations "
        "(cosgraph.analysis.spanners).",
        nodes=[n for n, kind in G.nodes(data="kind") if kind in ACTOR_KINDS],
        color_by=color,
        size_by=size,
        tie_types=frozenset(SOCIAL_TIE_TYPES),
        derived=table,
        missing_label="no brokerage role",
        color_order={color: list(BROKERAGE_ROLES)},
        marks={"broker": brokers(result)} if isinstance(result, SpannersResult) else {},
        groups=dict(table["group"]) if isinstance(result, SpannersResult) else None,
    )


#: Share of actors marked as brokers: the most brokering tenth (and cut points).
BROKER_SHARE = 0.1


def brokers(result: SpannersResult) -> frozenset[str]:
    """The actors a map marks as brokers: those that cut the tie graph apart
    (articulation points) and the tenth with most brokered two-paths (at least one).

    >>> from cosgraph.analysis.spanners import boundary_spanners
    >>> import networkx as nx
    >>> T = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> sorted(brokers(boundary_spanners(T, by="none")))
    ['b']
    """
    ranked = sorted(result.nodes, key=lambda n: -n.brokerage.total)
    top = max(1, round(len(ranked) * BROKER_SHARE))
    cut = {n.id for n in result.nodes if n.articulation_point}
    return frozenset(cut | {n.id for n in ranked[:top] if n.brokerage.total > 0})


def _spanner_table(result: SpannersResult) -> Table:
    """Per-node values of a ``SpannersResult``: main brokerage role, betweenness, holes."""
    names = ("role", "betweenness", "brokerage", "constraint", "effective_size")
    table: Table = {name: {} for name in (*names, "articulation_point", "group")}
    for node in result.nodes:
        roles = node.brokerage.model_dump()
        counts = {r: int(roles[r]) for r in BROKERAGE_ROLES}
        best = max(BROKERAGE_ROLES, key=lambda r: counts[r])
        table["role"][node.id] = best if counts[best] > 0 else None
        table["brokerage"][node.id] = sum(counts.values())
        table["betweenness"][node.id] = node.betweenness.directed
        table["constraint"][node.id] = node.constraint
        table["effective_size"][node.id] = node.effective_size
        table["articulation_point"][node.id] = node.articulation_point
        table["group"][node.id] = node.group
    return table


def _compute(G: nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    from cosgraph.analysis.spanners import boundary_spanners
    from cosgraph.analysis.views import tie_graph

    return {"spanners": boundary_spanners(tie_graph(G), by=options.by)}


VIEW = View("spanners", "who bridges groups", spanners_view, _compute, ("by",))
