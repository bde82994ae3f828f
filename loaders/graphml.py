"""Read a GraphML network (Gephi, yEd, networkx, igraph) into a community map.

Each GraphML node becomes a node whose id is the GraphML id; its ``kind`` data key
picks the kind (default ``person``), ``name`` (or else ``label``, as Gephi and yEd
write it) its name, and every other key fills the kind's field of that name or
becomes an attribute (named as :mod:`cosgraph.loaders.headers` says:
``Betweenness Centrality`` -> ``betweenness_centrality``, the key as written kept as
its label).  Each edge becomes a tie of its ``type`` data key
(default ``KNOWS``); an undirected graph's edges run from the first end written to
the second.  Problems name the file, ``nodes`` or ``edges``, and the position there;
a node without an id, and an edge to a node the file does not declare, are problems
(networkx would invent the node).  Values keep the type their key declares (``int``,
``long``, ``float``, ``double``, ``boolean``, ``string``): a ``string`` key's ``007``
or ``NA`` is that text.

>>> import tempfile, pathlib, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person", name="Ana", sectors="faith; resident")
>>> G.add_node("clinic", kind="organization", label="Clinic")
>>> _ = G.add_edge("ana", "clinic", key="MEMBER_OF", type="MEMBER_OF", role="chair")
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.graphml"
>>> nx.write_graphml(G, p)
>>> m = read_graphml(p)
>>> [(n.id, n.kind, n.name) for n in m.nodes], m.nodes[0].sectors
([('ana', 'person', 'Ana'), ('clinic', 'organization', 'Clinic')], ['faith', 'resident'])
>>> [(t.type, t.source, t.target, t.role) for t in m.ties]
[('MEMBER_OF', 'ana', 'clinic', 'chair')]
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import networkx as nx

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.model import FRAMEWORK_KINDS, NODE_TYPES
from cosgraph.model import SHEET_OF_KIND as _SHEET_OF_KIND

from .rows import TIES_SHEET, Row, map_from_rows, normalise_header
from .shape import TieShape

__all__ = ["read_graphml", "map_of_network", "UNREADABLE_XML"]

#: What networkx's XML readers (GraphML, GEXF) raise on a file they cannot read.
UNREADABLE_XML: tuple[type[BaseException], ...] = (
    ET.ParseError,
    nx.NetworkXError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    UnicodeDecodeError,
)


def _as_written(data: dict[Any, Any]) -> dict[str, str]:
    """Data key as matched -> as written, where they differ: its label
    (:mod:`cosgraph.loaders.headers`)."""
    return {normalise_header(k): str(k) for k in data if normalise_header(k) != str(k)}


def _declared_nodes(path: Path) -> list[str | None]:
    """The id of every ``<node>`` element, in file order (None where it has none)."""
    ids: list[str | None] = []
    for _, element in ET.iterparse(path):
        if element.tag.rpartition("}")[2] == "node":
            ids.append(element.get("id"))
    return ids


def read_graphml(path: str | Path, shape: TieShape | None = None) -> Any:
    """Parse a GraphML file into a checked :class:`~cosgraph.model.CommunityMap`.

    A graph whose ``edgedefault`` is ``undirected`` gives undirected ties; ``shape``
    says the rest (:mod:`cosgraph.loaders.shape`)."""
    path = Path(path)
    name = str(path)
    try:
        G = nx.read_graphml(path, force_multigraph=True)
    except UNREADABLE_XML as exc:
        raise LoadError(
            [SourceLocation(file=name, message=f"is not readable GraphML ({exc})")]
        ) from None
    return map_of_network(G, name, _declared_nodes(path), shape)


def map_of_network(
    G: nx.MultiGraph | nx.MultiDiGraph,
    name: str,
    declared: list[Any] | None = None,
    shape: TieShape | None = None,
) -> Any:
    """The checked map of a parsed network, read as the module text says; problems name ``name``.

    ``declared`` lists the node ids the file declares, in order (``None`` for a node without
    an id); by default every node of ``G``.  The ties of an undirected ``G`` are
    undirected; ``shape`` says the rest (:mod:`cosgraph.loaders.shape`).
    """
    declared = list(G.nodes) if declared is None else declared
    problems = [
        SourceLocation(file=name, sheet="nodes", line=index, field="id", message="is required")
        for index, node_id in enumerate(declared, start=1)
        if node_id is None
    ]
    if problems:
        raise LoadError(problems)
    known = set(declared)
    tables: dict[str, list[Row]] = {}
    for index, (node, data) in enumerate(G.nodes(data=True), start=1):
        if node not in known:
            continue  # made up by networkx for an edge's end; the edge is refused below
        where = SourceLocation(file=name, sheet="nodes", line=index)
        values = {normalise_header(k): v for k, v in data.items()}
        headers = _as_written(data)
        kind = str(values.pop("kind", None) or "person").strip().lower()
        if kind in FRAMEWORK_KINDS:
            continue  # every store holds the framework; ties to it still load
        if kind not in _SHEET_OF_KIND or kind not in NODE_TYPES:
            problems.append(
                where.with_message("kind", f"{kind!r} is not one of {', '.join(_SHEET_OF_KIND)}")
            )
            continue
        label = values.pop("label", None)
        if values.get("name") is None and label is not None:
            values["name"] = label
        elif label is not None and label != values.get("name"):
            values["label"] = label
        values.pop("id", None)
        tables.setdefault(_SHEET_OF_KIND[kind], []).append(
            Row.typed(where, {"id": node, **values}, headers)
        )
    for index, (source, target, data) in enumerate(G.edges(data=True), start=1):
        where = SourceLocation(file=name, sheet="edges", line=index)
        undeclared = [
            (f, end) for f, end in (("source", source), ("target", target)) if end not in known
        ]
        if undeclared:
            problems.extend(
                where.with_message(field, f"no node {end!r} is declared in the file")
                for field, end in undeclared
            )
            continue
        values = {normalise_header(k): v for k, v in data.items() if k not in ("id", "key")}
        headers = _as_written(data)
        values["type"] = values.get("type") or "KNOWS"
        if not G.is_directed():
            values["undirected"] = True
        tables.setdefault(TIES_SHEET, []).append(
            Row.typed(where, {**values, "source": source, "target": target}, headers)
        )
    if problems:
        raise LoadError(problems)
    return map_from_rows(tables, shape=shape)
