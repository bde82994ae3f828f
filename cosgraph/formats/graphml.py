"""graphml: GraphML, as Gephi, yEd, networkx and igraph write it.

Read by :func:`cosgraph.loaders.graphml.read_graphml`, written by
:func:`cosgraph.exports.write_graphml` (node ``kind`` and edge ``type`` as data keys).
"""

from __future__ import annotations

from cosgraph.exports import write_graphml
from cosgraph.formats.format import Format, whole_file
from cosgraph.loaders.graphml import read_graphml

FORMAT = Format(
    name="graphml",
    suffixes=(".graphml",),
    sniff=None,
    read=whole_file(read_graphml),
    write=write_graphml,
    title="GraphML (Gephi, yEd, networkx, igraph)",
)
