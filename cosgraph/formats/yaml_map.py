"""yaml: a map file with ``nodes`` (each with ``kind``) and ``ties`` (read only)."""

from __future__ import annotations

from pathlib import Path

from cosgraph.formats.format import Format
from cosgraph.loaders.mapfile import read_map_file
from cosgraph.loaders.rows import Progress
from cosgraph.model import CommunityMap


def read(path: Path, progress: Progress | None) -> CommunityMap:
    """The map a YAML (or JSON) map file holds."""
    cmap: CommunityMap = read_map_file(path)
    return cmap


FORMAT = Format(
    name="yaml",
    suffixes=(".yaml", ".yml"),
    sniff=None,
    read=read,
    write=None,
    title="YAML: `nodes` (each with a `kind`) and `ties`",
)
