"""xlsx: an Excel workbook with one sheet per kind, a ``ties`` and a ``skills`` sheet.

The workbook ``cosgraph template`` prints is this format, and the export writes the
same workbook filled in (:func:`cosgraph.session.write_workbook`), drop-downs and
Instructions included, for the next session.  Kumu's workbook layout is the ``kumu``
format, told apart by its ``Elements`` sheet.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from cosgraph.formats.format import Format
from cosgraph.loaders.rows import Progress, map_from_rows
from cosgraph.loaders.shape import TieShape
from cosgraph.loaders.tables import read_workbook
from cosgraph.model import CommunityMap


def write(G: nx.MultiDiGraph, path: Path) -> None:
    """The session workbook filled with ``G`` (see :func:`cosgraph.session.write_workbook`)."""
    from cosgraph.session import write_workbook

    write_workbook(G, path)


def read(path: Path, progress: Progress | None, shape: TieShape | None) -> CommunityMap:
    """The map a workbook in cosgraph's sheet layout holds."""
    cmap: CommunityMap = map_from_rows(read_workbook(path), progress=progress, shape=shape)
    return cmap


FORMAT = Format(
    name="xlsx",
    suffixes=(".xlsx",),
    sniff=None,
    read=read,
    write=write,
    title="an Excel workbook of the same sheets (`template`), filled in",
)
