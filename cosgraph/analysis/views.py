"""Views of a projected community graph that the analyses share.

A store projects a community map as an ``nx.MultiDiGraph``: one node per map node,
keyed by id, with ``kind`` (``person``, ``organization``, ``asset``, ``lever``,
``community``, ``peer_team``, ``bright_spot``, ``domain``, ``skill``, ``behavior``)
and every field and attribute as node data; one edge per tie, keyed by its type
(``KNOWS``, ``TRUSTS``, ...), with ``type`` and the tie's non-empty properties as
edge data.  The functions here derive the simpler graphs each analysis reads.
They never mutate the graph they are given.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person"); G.add_node("bo", kind="person")
>>> G.add_node("clinic", kind="organization"); G.add_node("tax", kind="lever")
>>> _ = G.add_edge("ana", "bo", key="KNOWS", type="KNOWS", strength=2.0)
>>> _ = G.add_edge("ana", "bo", key="TRUSTS", type="TRUSTS")
>>> _ = G.add_edge("bo", "clinic", key="MEMBER_OF", type="MEMBER_OF")
>>> _ = G.add_edge("clinic", "tax", key="DECIDES", type="DECIDES")
>>> T = tie_graph(G)
>>> for edge in sorted(T.edges(data=True)): print(edge)
('ana', 'bo', {'weight': 2.0, 'types': ['KNOWS', 'TRUSTS']})
('bo', 'clinic', {'weight': 1.0, 'types': ['MEMBER_OF']})
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from cosgraph.analysis.options import check_tie_types
from cosgraph.model import ACTOR_KINDS, SOCIAL_TIE_TYPES

__all__ = ["ACTOR_KINDS", "SOCIAL_TIES", "tie_graph", "people_graph", "nodes_of_kind"]

#: Tie types that carry relationships between actors.
SOCIAL_TIES = SOCIAL_TIE_TYPES


def nodes_of_kind(G: nx.MultiDiGraph, *kinds: str) -> list[str]:
    """Ids of the nodes whose ``kind`` is one of ``kinds``, in graph order."""
    return [n for n, kind in G.nodes(data="kind") if kind in kinds]


def tie_graph(
    G: nx.MultiDiGraph,
    types: Iterable[str] = SOCIAL_TIES,
    kinds: Iterable[str] = ACTOR_KINDS,
) -> nx.DiGraph:
    """The directed tie graph between actors: the graph metrics and spanners read.

    Parallel ties of several ``types`` between the same ordered pair become one edge
    whose ``types`` lists them and whose ``weight`` is the largest ``strength``
    among them (1.0 where none is given).  Every actor is kept, isolated or not,
    with its node data.

    Raises
    ------
    AnalysisError
        When a name in ``types`` is not a tie type of the model.
    """
    wanted_types = set(check_tie_types(types))
    wanted_kinds = set(kinds)
    T = nx.DiGraph()
    T.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if d.get("kind") in wanted_kinds)
    for u, v, data in G.edges(data=True):
        tie_type = data.get("type")
        if tie_type not in wanted_types or u not in T or v not in T or u == v:
            continue
        strength = data.get("strength")
        weight = 1.0 if strength is None else float(strength)
        if T.has_edge(u, v):
            edge = T.edges[u, v]
            edge["weight"] = max(edge["weight"], weight)
            edge["types"] = sorted({*edge["types"], tie_type})
        else:
            T.add_edge(u, v, weight=weight, types=[tie_type])
    return T


def people_graph(G: nx.MultiDiGraph, types: Iterable[str] = SOCIAL_TIES) -> nx.DiGraph:
    """The directed graph of people and the ties between them, nothing else.

    ``store.project()`` holds the whole map: organizations, assets, levers and the 53
    nodes of the framework (domains, skills, behaviors) every store carries.  This
    keeps the people, every one with its data (isolated people too), and the ties of
    ``types`` between two people, merged as :func:`tie_graph` merges them.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ana", kind="person", name="Ana"); G.add_node("bo", kind="person")
    >>> G.add_node("clinic", kind="organization"); G.add_node("LT", kind="domain")
    >>> _ = G.add_edge("ana", "bo", key="KNOWS", type="KNOWS")
    >>> _ = G.add_edge("ana", "clinic", key="MEMBER_OF", type="MEMBER_OF")
    >>> P = people_graph(G)
    >>> sorted(P.nodes(data="name")), list(P.edges)
    ([('ana', 'Ana'), ('bo', None)], [('ana', 'bo')])
    """
    return tie_graph(G, types=types, kinds=("person",))
