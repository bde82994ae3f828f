"""Loaders: files -> a checked :class:`~cosgraph.model.CommunityMap`, one per format.

``read_map(path)`` reads a map in any readable format of the registry
(:mod:`cosgraph.formats`), told from what the path holds or from its suffix; ``fmt``
names the format instead when the path does not tell.
The generic two-file network reader for researchers is :func:`read_network`.

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
from cosgraph.formats import format_named, format_of, listing, readable
from cosgraph.limits import file_size_problems
from cosgraph.model import CommunityMap

from .network import read_network
from .rows import Progress
from .shape import TieShape

__all__ = ["read_map", "read_network", "MAP_FORMATS", "Progress", "TieShape"]


def __getattr__(name: str) -> Any:
    if name == "MAP_FORMATS":  # the registry's readable formats, asked for when used
        return tuple(f.name for f in readable())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_map(
    path: str | Path | Any,
    *,
    fmt: str | None = None,
    progress: Progress | None = None,
    partial: bool = False,
    shape: TieShape | None = None,
) -> CommunityMap:
    """Read a map in any format cosgraph knows (see the module text).

    ``progress(done, total)`` is called while rows of a tabular file are checked.
    With ``partial``, rows that fail their field checks do not raise: the map of the
    rows that passed is returned carrying the problems (``CommunityMap.problems``), so
    planning it against a store reports them together with the reference problems,
    in one round; such a map is never written.  A file that cannot be read at all
    still raises :class:`LoadError`.  ``shape`` says what the ties are: undirected,
    which column weighs them, what repeated ties and self-loops become
    (:mod:`cosgraph.loaders.shape`); a GraphML or GEXF file's own undirected default
    is honoured either way.
    """
    path = Path(str(path))
    if not path.exists():
        raise LoadError([SourceLocation(file=str(path), message="does not exist")])
    too_large = file_size_problems(path)
    if too_large:
        raise LoadError(too_large)
    if fmt is not None:
        chosen = format_named(fmt, readable())
        if chosen is None:
            names = ", ".join(f.name for f in readable())
            message = f"unknown format {fmt!r}; choose one of {names}"
            raise LoadError([SourceLocation(file=str(path), message=message)])
    else:
        chosen = format_of(path)
        if chosen is None:
            message = f"unknown file type; cosgraph reads {listing(readable())}"
            raise LoadError([SourceLocation(file=str(path), message=message)])
    assert chosen.read is not None  # readable() holds only formats with a reader
    try:
        return chosen.read(path, progress, shape)
    except LoadError as exc:
        if partial and isinstance(exc.partial, CommunityMap):
            return exc.partial
        raise
