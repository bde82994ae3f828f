"""Loaders: files -> a checked :class:`~cosgraph.model.CommunityMap`, one per format.

``read_map(path)`` picks the reader from the path: a folder of CSV files, an .xlsx
workbook (cosgraph's sheets, or Kumu's ``Elements``/``Connections`` layout), a
.yaml/.yml/.json map file (a .json holding ``elements`` is read as a Kumu map), or a
.graphml network.  ``fmt`` names the format instead when the path does not tell.  The
generic two-file network reader for researchers is :func:`read_network`.

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
from cosgraph.limits import file_size_problems
from cosgraph.model import CommunityMap

from .graphml import read_graphml
from .kumu import is_kumu_json, read_kumu_json, read_kumu_workbook
from .mapfile import read_map_file
from .network import read_network
from .rows import Progress, map_from_rows, normalise_header
from .tables import read_csv_folder, read_workbook, workbook_sheet_names

__all__ = ["read_map", "read_network", "MAP_FORMATS", "Progress"]

#: Formats ``read_map`` can be told to use (``fmt``); by default it tells from the path.
MAP_FORMATS = ("csv", "xlsx", "yaml", "json", "kumu", "graphml")


def _format_of(path: Path) -> str | None:
    if path.is_dir():
        return "csv"
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        names = {normalise_header(n) for n in workbook_sheet_names(path)}
        return "kumu" if "elements" in names else "xlsx"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".json":
        return "kumu" if is_kumu_json(path) else "json"
    if suffix == ".graphml":
        return "graphml"
    return None


def read_map(
    path: str | Path | Any, *, fmt: str | None = None, progress: Progress | None = None
) -> CommunityMap:
    """Read a map in any format cosgraph knows (see the module text).

    ``progress(done, total)`` is called while rows of a tabular file are checked.
    """
    path = Path(str(path))
    if not path.exists():
        raise LoadError([SourceLocation(file=str(path), message="does not exist")])
    if fmt is not None and fmt not in MAP_FORMATS:
        raise LoadError(
            [
                SourceLocation(
                    file=str(path),
                    message=f"unknown format {fmt!r}; choose one of {', '.join(MAP_FORMATS)}",
                )
            ]
        )
    too_large = file_size_problems(path)
    if too_large:
        raise LoadError(too_large)
    kind = fmt or _format_of(path)
    if kind == "csv" and path.is_dir():
        return map_from_rows(read_csv_folder(path), progress=progress)
    if kind == "xlsx":
        return map_from_rows(read_workbook(path), progress=progress)
    if kind in ("yaml", "json"):
        cmap: CommunityMap = read_map_file(path)
        return cmap
    if kind == "kumu":
        if path.suffix.lower() == ".xlsx":
            return read_kumu_workbook(path)
        return read_kumu_json(path)
    if kind == "graphml":
        graph: CommunityMap = read_graphml(path)
        return graph
    if path.suffix.lower() == ".csv":
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
                file=str(path),
                message="unknown format; use a CSV folder, .xlsx, .yaml, .json (a map or "
                "Kumu's) or .graphml",
            )
        ]
    )
