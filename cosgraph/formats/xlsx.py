"""xlsx: an Excel workbook with one sheet per kind and a ``ties`` sheet (read only).

The workbook ``cosgraph template`` prints is this format; Kumu's workbook layout is
the ``kumu`` format, told apart by its ``Elements`` sheet.
"""

from __future__ import annotations

from pathlib import Path

from cosgraph.formats.format import Format
from cosgraph.loaders.rows import Progress, map_from_rows
from cosgraph.loaders.shape import TieShape
from cosgraph.loaders.tables import read_workbook
from cosgraph.model import CommunityMap


def read(path: Path, progress: Progress | None, shape: TieShape | None) -> CommunityMap:
    """The map a workbook in cosgraph's sheet layout holds."""
    cmap: CommunityMap = map_from_rows(read_workbook(path), progress=progress, shape=shape)
    return cmap


FORMAT = Format(
    name="xlsx",
    suffixes=(".xlsx",),
    sniff=None,
    read=read,
    write=None,
    title="an Excel workbook of the same sheets (`template`)",
)
