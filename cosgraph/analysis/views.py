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
) -> nx.DiGraph | nx.Graph:
    """The tie graph between actors: the graph metrics and spanners read.

    Parallel ties of several ``types`` between the same ends become one edge
    whose ``types`` lists them and whose ``weight`` is the largest tie weight among
    them: a tie's ``weight``, else its ``strength``, else 1.0.  Every actor is kept,
    isolated or not, with its node data.  When every tie read is undirected (loaded
    with ``--undirected``, or from an undirected GraphML/GEXF) the result is an
    undirected ``nx.Graph``; otherwise a ``nx.DiGraph`` in which an undirected tie
    runs both ways.  Self-loops are set aside: ``T.graph["self_loops"]`` counts them.

    Raises
    ------
    AnalysisError
        When a name in ``types`` is not a tie type of the model.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from(["ana", "bo"], kind="person")
    >>> _ = G.add_edge("ana", "bo", key="KNOWS", type="KNOWS", weight=3.0, undirected=True)
    >>> _ = G.add_edge("bo", "bo", key="KNOWS", type="KNOWS", undirected=True)
    >>> T = tie_graph(G)
    >>> T.is_directed(), list(T.edges(data="weight")), T.graph["self_loops"]
    (False, [('ana', 'bo', 3.0)], 1)
    """
    wanted_types = set(check_tie_types(types))
    wanted_kinds = set(kinds)
    ties = []
    loops = 0
    actors = {n for n, d in G.nodes(data=True) if d.get("kind") in wanted_kinds}
    for u, v, data in G.edges(data=True):
        if data.get("type") not in wanted_types or u not in actors or v not in actors:
            continue
        if u == v:
            loops += 1
            continue
        ties.append((u, v, data))
    undirected = bool(ties) and all(data.get("undirected") is True for _, _, data in ties)
    T: nx.DiGraph | nx.Graph = nx.Graph() if undirected else nx.DiGraph()
    T.graph["self_loops"] = loops
    T.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if n in actors)
    for u, v, data in ties:
        weight = next((data[k] for k in ("weight", "strength") if data.get(k) is not None), 1.0)
        both_ways = data.get("undirected") is True and not undirected
        for a, b in ((u, v), (v, u)) if both_ways else ((u, v),):
            _add_tie(T, a, b, float(weight), data["type"])
    return T


def people_graph(G: nx.MultiDiGraph, types: Iterable[str] = SOCIAL_TIES) -> nx.DiGraph | nx.Graph:
    """The graph of people and the ties between them, nothing else.

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


def _add_tie(T: nx.DiGraph | nx.Graph, u: str, v: str, weight: float, tie_type: str) -> None:
    """Add the tie ``u -> v`` to ``T``, merged into the edge already there."""
    if T.has_edge(u, v):
        edge = T.edges[u, v]
        edge["weight"] = max(edge["weight"], weight)
        edge["types"] = sorted({*edge["types"], tie_type})
    else:
        T.add_edge(u, v, weight=weight, types=[tie_type])
