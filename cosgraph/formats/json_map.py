"""json: node-link JSON, ``{"nodes": [...], "links": [...]}``; a map file's ``ties`` reads too.

Written by :func:`cosgraph.exports.write_node_link` (networkx's node-link shape, so
``nx.node_link_graph`` reads it), read by :func:`cosgraph.loaders.mapfile.read_map_file`,
which takes ``links`` for ``ties``.
"""

from __future__ import annotations

from cosgraph.exports import write_node_link
from cosgraph.formats.format import Format, whole_file
from cosgraph.loaders.mapfile import read_map_file

FORMAT = Format(
    name="json",
    suffixes=(".json",),
    sniff=None,
    read=whole_file(read_map_file),
    write=write_node_link,
    title="node-link JSON: `nodes` and `links` (or `ties`)",
)
