"""Move a whole map between stores (embedded -> Neo4j and back), nothing lost.

The source is projected to networkx, turned back into the domain model and written to
the target in one transaction, keeping each node's and tie's original provenance.

>>> import tempfile, pathlib
>>> from cosgraph.model import CommunityMap, Person
>>> from cosgraph.store import open_store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> a, b = open_store(d / "a.lbug"), open_store(d / "b.lbug")
>>> a.init(); b.init()
>>> _ = a.write(CommunityMap(nodes=[Person(id="ana", name="Ana", attributes={"age": 34})]))
>>> plan = copy_map(a, b)
>>> b.project().nodes["ana"]["age"]
34
>>> a.close(); b.close()
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from cosgraph.model import FRAMEWORK_KINDS, NODE_TYPES, CommunityMap, Node, Tie
from cosgraph.model import FRAMEWORK_TIE_TYPES as _FRAMEWORK_TIES
from cosgraph.store.plan import WritePlan, write_map
from cosgraph.store.protocol import GraphStore
from cosgraph.store.schema import PROVENANCE_COLUMNS

__all__ = ["map_from_graph", "copy_map"]


def map_from_graph(G: nx.MultiDiGraph) -> tuple[CommunityMap, dict[Any, dict[str, Any]]]:
    """The user's part of a projection as a map, plus each item's stored provenance."""
    nodes: list[Node] = []
    stamps: dict[Any, dict[str, Any]] = {}
    for node_id, data in G.nodes(data=True):
        kind = data["kind"]
        if kind in FRAMEWORK_KINDS:
            continue
        model = NODE_TYPES[kind]
        fields = {k: v for k, v in data.items() if k in model.model_fields and k != "attributes"}
        stamps[node_id] = {k: data[k] for k in PROVENANCE_COLUMNS if k in data}
        rest = {
            k: v
            for k, v in data.items()
            if k not in model.model_fields and k != "kind" and k not in PROVENANCE_COLUMNS
        }
        nodes.append(model(id=node_id, **fields, attributes=rest))
    ties: list[Tie] = []
    for source, target, tie_type, data in G.edges(keys=True, data=True):
        if tie_type in _FRAMEWORK_TIES:
            continue
        fields = {k: v for k, v in data.items() if k in Tie.model_fields and k != "type"}
        rest = {
            k: v
            for k, v in data.items()
            if k not in Tie.model_fields and k not in PROVENANCE_COLUMNS
        }
        tie = Tie(type=tie_type, source=source, target=target, **fields, attributes=rest)
        stamps[tie.key] = {k: data[k] for k in PROVENANCE_COLUMNS if k in data}
        ties.append(tie)
    cmap = CommunityMap(nodes=nodes, ties=ties)
    cmap.column_labels = dict(G.graph.get("column_labels") or {})  # the headers, kept
    return cmap, stamps


def copy_map(source: GraphStore, target: GraphStore) -> WritePlan:
    """Copy every node and tie of ``source`` into ``target`` (which must be initialised)."""
    cmap, stamps = map_from_graph(source.project())
    cmap.stamps.update(stamps)
    return write_map(target, cmap, "cosgraph copy")
