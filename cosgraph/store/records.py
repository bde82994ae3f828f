"""Stored records -> the projection: one builder for every networkx graph of a map.

A node record is ``{"label": store label, "props": stored properties}``; a tie record
is ``{"source", "target", "type", "props"}`` — the rows of the ``project_nodes`` and
``project_ties`` named queries.  :func:`graph_from_records` turns them into the
projection (see :mod:`cosgraph.analysis.views` for its shape); :func:`map_records`
gives the same records for a map that was never stored, so a map read from files, the
framework's reference graph and a store's projection are built by the same code.

>>> from cosgraph.model import CommunityMap, Lever, Tie
>>> cmap = CommunityMap(nodes=[Lever(id="tax", lever_kind="policy", needs="funding=5")])
>>> G = graph_from_records(*map_records(cmap))
>>> G.nodes["tax"]["needs"], G.nodes["tax"]["kind"]
({'funding': 5.0}, 'lever')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cosgraph.model import CommunityMap
from cosgraph.store.schema import kind_of_label, node_columns

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "decode_props",
    "list_columns",
    "graph_from_records",
    "map_records",
    "tie_ends",
    "TieKey",
    "TieEnds",
]

#: A tie's identity: (type, source id, target id).
TieKey = tuple[str, str, str]
#: Ends of a stored tie: (source kind, target kind).
TieEnds = tuple[str, str]


def decode_props(label: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Node kind and its non-empty properties from a stored node record.

    Parameters
    ----------
    label : str
        The node's store label (``"Person"``, ``"PeerTeam"``).
    raw : dict
        Its stored properties; keys starting with ``_`` are the store's own.

    Returns
    -------
    tuple
        ``(kind, props)``: a lever's ``need_capabilities`` and ``need_amounts`` become
        one ``needs`` dict, and list columns the record lacks become empty lists.

    Examples
    --------
    >>> decode_props("Lever", {"id": "tax", "need_capabilities": ["funding"],
    ...                        "need_amounts": [5.0], "name": None, "_ID": 3})
    ('lever', {'id': 'tax', 'needs': {'funding': 5.0}})
    >>> decode_props("Person", {"id": "ana"})
    ('person', {'id': 'ana', 'sectors': []})
    """
    kind = kind_of_label(label)
    props = {k: v for k, v in raw.items() if not k.startswith("_") and v is not None}
    if kind == "lever":
        caps = props.pop("need_capabilities", None) or []
        amounts = props.pop("need_amounts", None) or []
        props["needs"] = dict(zip(caps, amounts, strict=False))
    for column in list_columns(kind):
        if column not in props:
            props[column] = []
    return kind, props


def list_columns(kind: str) -> tuple[str, ...]:
    """The list columns a projected node of ``kind`` always holds (empty when unset).

    >>> list_columns("person"), list_columns("lever")
    (('sectors',), ())
    """
    columns = node_columns(kind)
    return tuple(c for c in ("sectors", "capabilities", "elements") if c in columns)


def graph_from_records(
    nodes: Iterable[dict[str, Any]], ties: Iterable[dict[str, Any]]
) -> nx.MultiDiGraph:
    """Build the projection from node and tie records, streaming.

    Parameters
    ----------
    nodes, ties : iterable of dict
        Records as the ``project_nodes`` and ``project_ties`` queries return them
        (or :func:`map_records` makes them); each is read once.

    Returns
    -------
    networkx.MultiDiGraph
        A node per node record keyed by id, with ``kind`` and its non-empty
        properties; an edge per tie keyed by its type, with ``type`` and its non-empty
        properties.

    Examples
    --------
    >>> G = graph_from_records(
    ...     [{"label": "Person", "props": {"id": "ana", "power": 3}},
    ...      {"label": "Organization", "props": {"id": "clinic", "anchor": True}}],
    ...     [{"source": "ana", "target": "clinic", "type": "MEMBER_OF",
    ...       "props": {"role": "chair", "strength": None}}])
    >>> G.nodes["ana"]
    {'kind': 'person', 'power': 3, 'sectors': []}
    >>> G.edges["ana", "clinic", "MEMBER_OF"]
    {'type': 'MEMBER_OF', 'role': 'chair'}
    """
    import networkx as nx

    G = nx.MultiDiGraph()
    for record in nodes:
        kind, props = decode_props(record["label"], record["props"])
        node_id = props.pop("id")
        G.add_node(node_id, kind=kind, **props)
    for record in ties:
        props = {
            k: v for k, v in record["props"].items() if not k.startswith("_") and v is not None
        }
        G.add_edge(
            record["source"], record["target"], key=record["type"], type=record["type"], **props
        )
    return G


def map_records(
    cmap: CommunityMap,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Node and tie records of a map, as a store would hold them (see :func:`graph_from_records`).

    Examples
    --------
    >>> from cosgraph.model import Person, Tie
    >>> nodes, ties = map_records(CommunityMap(
    ...     nodes=[Person(id="ana")], ties=[Tie(type="KNOWS", source="ana", target="ana")]))
    >>> nodes[0]["label"], nodes[0]["props"]["consent"], ties[0]["type"]
    ('Person', 'coalition', 'KNOWS')
    """
    nodes = [{"label": node.label, "props": node.properties()} for node in cmap.nodes]
    ties = [
        {"source": t.source, "target": t.target, "type": str(t.type), "props": t.properties()}
        for t in cmap.ties
    ]
    return nodes, ties


def tie_ends(rows: Iterable[dict[str, Any]]) -> dict[TieKey, TieEnds]:
    """Tie key -> the kinds of its ends, from rows of ``type, source, target`` and labels.

    Examples
    --------
    >>> tie_ends([{"type": "MEMBER_OF", "source": "ana", "target": "north",
    ...            "source_label": "Person", "target_label": "Community"}])
    {('MEMBER_OF', 'ana', 'north'): ('person', 'community')}
    """
    return {
        (r["type"], r["source"], r["target"]): (
            kind_of_label(r["source_label"]),
            kind_of_label(r["target_label"]),
        )
        for r in rows
    }
