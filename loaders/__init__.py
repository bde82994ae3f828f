"""Loaders: files -> a checked :class:`~cosgraph.model.CommunityMap`, one per format.

``read_map(path)`` picks the reader from the path: a folder of CSV files, an .xlsx
workbook, or a .yaml/.yml/.json map file.  The generic two-file network reader for
researchers is :func:`read_network`.

>>> from importlib import resources
>>> demo = resources.files("cosgraph.data") / "demo"
>>> m = read_map(demo)
>>> len([n for n in m.nodes if n.kind == "person"]) >= 80
True
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.model import CommunityMap

from .mapfile import read_map_file
from .network import read_network
from .rows import build_map
from .tables import read_csv_folder, read_workbook

__all__ = ["read_map", "read_network"]


def read_map(path: str | Path | Any) -> CommunityMap:
    """Read a CSV folder, a workbook (.xlsx) or a map file (.yaml, .yml, .json)."""
    path = Path(str(path))
    if not path.exists():
        raise LoadError([SourceLocation(file=str(path), message="does not exist")])
    if path.is_dir():
        return build_map(read_csv_folder(path))
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return build_map(read_workbook(path))
    if suffix in (".yaml", ".yml", ".json"):
        cmap: CommunityMap = read_map_file(path)
        return cmap
    if suffix == ".csv":
        raise LoadError(
            [
                SourceLocation(
                    file=str(path),
                    message="load a folder of CSV files (people.csv, ties.csv, ...), "
                    "or use `cosgraph load-network` for a nodes file and a ties file",
                )
            ]
        )
    raise LoadError(
        [
            SourceLocation(
                file=str(path), message="unknown format; use a CSV folder, .xlsx, .yaml or .json"
            )
        ]
    )
