"""yaml: a map file with ``nodes`` (each with ``kind``) and ``ties`` (read only)."""

from __future__ import annotations

from cosgraph.formats.format import Format, whole_file
from cosgraph.loaders.mapfile import read_map_file

FORMAT = Format(
    name="yaml",
    suffixes=(".yaml", ".yml"),
    sniff=None,
    read=whole_file(read_map_file),
    write=None,
    title="YAML: `nodes` (each with a `kind`) and `ties`",
)
