"""csv: a folder of CSV files, one per sheet (``people.csv``, ``ties.csv``, ...).

Read by :func:`cosgraph.loaders.tables.read_csv_folder`, written by
:func:`cosgraph.exports.write_csv_folder`.  A single ``.csv`` file is claimed too, so
that loading one gets a pointer to the folder layout and to ``load-network``.
"""

from __future__ import annotations

from pathlib import Path

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.exports import write_csv_folder
from cosgraph.formats.format import Format
from cosgraph.loaders.rows import Progress, map_from_rows
from cosgraph.loaders.shape import TieShape
from cosgraph.loaders.tables import read_csv_folder
from cosgraph.model import CommunityMap


def _is_csv(path: Path) -> bool:
    return path.is_dir() or path.suffix.lower() == ".csv"


def read(path: Path, progress: Progress | None, shape: TieShape | None) -> CommunityMap:
    """The map a folder of CSV files holds."""
    if not path.is_dir():
        raise LoadError(
            [
                SourceLocation(
                    file=str(path),
                    message="load a folder of CSV files (people.csv, ties.csv, ...), "
                    "or use `cosgraph load-network` for a nodes file and a ties file",
                )
            ]
        )
    cmap: CommunityMap = map_from_rows(read_csv_folder(path), progress=progress, shape=shape)
    return cmap


FORMAT = Format(
    name="csv",
    suffixes=(),
    sniff=_is_csv,
    read=read,
    write=write_csv_folder,
    title="a folder of CSV files, one per sheet",
)
