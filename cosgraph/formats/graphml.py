"""graphml: GraphML, as Gephi, yEd, networkx and igraph write it.

Read by :func:`cosgraph.loaders.graphml.read_graphml`, written by
:func:`cosgraph.exports.write_graphml` (node ``kind`` and edge ``type`` as data keys).
"""

from __future__ import annotations

from pathlib import Path

from cosgraph.exports import write_graphml
from cosgraph.formats.format import Format
from cosgraph.loaders.graphml import read_graphml
from cosgraph.loaders.rows import Progress
from cosgraph.model import CommunityMap


def read(path: Path, progress: Progress | None) -> CommunityMap:
    """The map a GraphML file holds."""
    cmap: CommunityMap = read_graphml(path)
    return cmap


FORMAT = Format(
    name="graphml",
    suffixes=(".graphml",),
    sniff=None,
    read=read,
    write=write_graphml,
    title="GraphML (Gephi, yEd, networkx, igraph)",
)
