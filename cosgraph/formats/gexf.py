"""gexf: GEXF 1.2 for Gephi, written by :func:`cosgraph.exports.write_gexf`, read back here.

Names are node labels and tie types edge labels, as Gephi shows them; the tie type
also travels as a ``tie_type`` attribute, because GEXF keeps an edge's ``type`` for
directed or undirected.  Reading turns ``tie_type`` (or else the edge's label) back
into the tie type and then reads the network as GraphML is read
(:func:`cosgraph.loaders.graphml.map_of_network`): a node's ``label`` is its name
when it has no ``name``, and an edge without a type is ``KNOWS``.

>>> import tempfile, pathlib, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person", name="Ana")
>>> G.add_node("clinic", kind="organization", name="Clinic")
>>> _ = G.add_edge("ana", "clinic", key="MEMBER_OF", type="MEMBER_OF", role="chair")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "map.gexf"
>>> write_gexf(G, path)
>>> m = read_gexf(path)
>>> [(n.id, n.kind, n.name) for n in m.nodes], [(t.type, t.role) for t in m.ties]
([('ana', 'person', 'Ana'), ('clinic', 'organization', 'Clinic')], [('MEMBER_OF', 'chair')])
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.exports import write_gexf
from cosgraph.formats.format import Format, whole_file
from cosgraph.loaders.graphml import UNREADABLE_XML, map_of_network
from cosgraph.loaders.shape import TieShape
from cosgraph.model import CommunityMap

__all__ = ["read_gexf", "write_gexf", "FORMAT"]


def read_gexf(path: Path, shape: TieShape | None = None) -> CommunityMap:
    """The map a GEXF file holds; problems name the file, ``nodes`` or ``edges``, the position."""
    try:
        parsed = nx.read_gexf(path)
    except UNREADABLE_XML as exc:
        message = f"is not readable GEXF ({exc})"
        raise LoadError([SourceLocation(file=str(path), message=message)]) from None
    # defaultedgetype="undirected" gives undirected ties
    G = nx.MultiDiGraph() if parsed.is_directed() else nx.MultiGraph()
    G.add_nodes_from(parsed.nodes(data=True))
    for source, target, data in parsed.edges(data=True):
        values = {k: v for k, v in data.items() if k not in ("id", "label", "tie_type")}
        values["type"] = data.get("tie_type") or data.get("label")
        G.add_edge(source, target, **values)
    cmap: CommunityMap = map_of_network(G, str(path), shape=shape)
    return cmap


FORMAT = Format(
    name="gexf",
    suffixes=(".gexf",),
    sniff=None,
    read=whole_file(read_gexf),
    write=write_gexf,
    title="GEXF 1.2 for Gephi (names as labels)",
    loses=("a node without a name comes back named by its id: GEXF labels every node",),
)
