"""Stores: where a community map lives.  ``open_store`` picks the backend from the location.

A file path (default ``cosgraph.lbug`` in the working folder, or ``$COSGRAPH_STORE``)
opens the embedded LadybugDB store; a ``neo4j://`` or ``bolt://`` URI (and their
``+s``/``+ssc`` TLS forms) selects the Neo4j backend.  Messages name a store only
through :func:`shown_location`, which never shows credentials written in a URI.

>>> import tempfile, pathlib
>>> store = open_store(pathlib.Path(tempfile.mkdtemp()) / "m.lbug")
>>> store.dialect
'ladybug'
>>> store.close()
"""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cosgraph.errors import StoreError
from cosgraph.store.location import NEO4J_SCHEMES, is_neo4j, shown_location

if TYPE_CHECKING:
    from cosgraph.store.plan import WritePlan
    from cosgraph.store.protocol import GraphStore

__all__ = [
    "GraphStore",
    "WritePlan",
    "open_store",
    "store_location",
    "shown_location",
    "DEFAULT_STORE",
    "NEO4J_SCHEMES",
]

DEFAULT_STORE = "cosgraph.lbug"

#: Names this package re-exports from the module holding them, imported on first use:
#: the command line names the default store without importing the store's model.
_LAZY = {"GraphStore": "cosgraph.store.protocol", "WritePlan": "cosgraph.store.plan"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def store_location(location: str | Path | None = None) -> str:
    """The store to use: the given location, else ``$COSGRAPH_STORE``, else the default."""
    if location:
        return str(location)
    return os.environ.get("COSGRAPH_STORE") or DEFAULT_STORE


def open_store(
    location: str | Path | None = None,
    *,
    database: str | None = None,
    create: bool = True,
    read_only: bool = False,
) -> GraphStore:
    """Open the store at ``location`` (see :func:`store_location`).

    With ``create=False`` a missing embedded store is an error instead of a new file.
    With ``read_only=True`` an embedded store is opened read-only: no file is created
    or changed, and any number of readers may have it open at once.  A read-only Neo4j
    store refuses every write before it reaches the server (and its reads run in READ
    access mode, which the server enforces).
    """
    where = store_location(location)
    if is_neo4j(where):
        from cosgraph.store.neo4j import Neo4jStore

        return Neo4jStore(where, database=database, read_only=read_only)
    if "://" in where:
        raise StoreError(f"unknown store scheme in {where.split('://')[0]!r}://")
    from cosgraph.store.embedded import EmbeddedStore

    return EmbeddedStore(Path(where), create=create and not read_only, read_only=read_only)
