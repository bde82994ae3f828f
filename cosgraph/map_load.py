"""Load a map's file or folder into a store, as ``cosgraph load`` does.

A coalition loads its workbook again and again in an evening, mostly unchanged.  As
for ``load-network`` (:mod:`cosgraph.load_record`), a load into an embedded store
that leaves nothing unsaid (no notes about the file, no rows it would remove) is
recorded beside the store; the next load of the same bytes with the same options,
into a store no one wrote since, reports "nothing to change" without reading the
workbook or opening the store.  Anything else reads and plans in full.

>>> import tempfile, pathlib
>>> from contextlib import contextmanager
>>> from cosgraph.store import open_store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "people.csv").write_text("id,name\\nana,Ana\\n")
>>> @contextmanager
... def opened():
...     store = open_store(d / "m.lbug")
...     store.init()
...     yield store
...     store.close()
>>> load_map(d / "m.lbug", opened, d, provenance="folder").counts()["created"]
{'person': 1}
>>> again = load_map(d / "m.lbug", opened, d, provenance="folder")
>>> again.is_empty, again.unchanged_nodes
(True, 1)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from cosgraph.load_record import load_key, record_if_complete, recorded_plan
from cosgraph.progress import Progress
from cosgraph.store.location import store_file
from cosgraph.store.plan import WritePlan
from cosgraph.store.protocol import GraphStore

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.loaders.shape import TieShape

__all__ = ["load_map", "map_key"]

#: Prints a load's report: given the plan and, when the store was read, the graphs
#: holding everyone's consent (the store's projection and the file's map).
Report = Callable[[WritePlan, Callable[[], Sequence["nx.MultiDiGraph"]] | None], None]


def map_key(path: Path, *, provenance: str, prune: bool, shape: TieShape | None) -> str:
    """The key of a load of ``path`` (:func:`cosgraph.load_record.load_key`): its
    options and provenance, and the names and bytes of every file it may read (a
    folder's files, in every subfolder: more than a reader reads, never less).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "people.csv").write_text("id\\nana\\n")
    >>> key = map_key(d, provenance="f", prune=False, shape=None)
    >>> _ = (d / "notes.txt").write_text("x")
    >>> key == map_key(d, provenance="f", prune=False, shape=None)
    False
    """
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    names = [str(p.relative_to(path)) if p != path else p.name for p in files]
    return load_key("load", files, names, provenance, prune, shape)


def load_map(
    location: str | Path,
    opened: Callable[[], AbstractContextManager[GraphStore]],
    path: Path,
    *,
    provenance: str,
    prune: bool = False,
    shape: TieShape | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_notes: Callable[[list[str]], None] | None = None,
    report: Report | None = None,
) -> WritePlan:
    """Load the map at ``path`` (any readable format) into the store at ``location``.

    Parameters
    ----------
    location : str or Path
        The store's location (an embedded store's file, or a Neo4j URI).
    opened : callable
        Gives a context manager holding the initialised store, closed on leaving.
    path : Path
        The file or folder to load (:func:`cosgraph.loaders.read_map`).
    provenance : str
        What the rows record as their source (:func:`cosgraph.provenance.provenance_of`).
    prune : bool
        Remove what an earlier load of this source put in and the file no longer holds.
    shape : TieShape, optional
        What the ties are (:mod:`cosgraph.loaders.shape`).
    dry_run : bool
        Only plan.
    progress : Progress, optional
        Told the rows checked.
    on_notes : callable, optional
        Given what the reader set aside or counted, one line each, before the store
        is opened.
    report : callable, optional
        Given the plan (while the store is still open) and, unless the load was
        answered from its record, the graphs holding everyone's consent.

    Returns
    -------
    WritePlan
        What the load changed (or, with ``dry_run``, would change).

    Raises
    ------
    LoadError
        Every problem of the file and against the store, with file, line, field.
    """
    from cosgraph.loaders import read_map

    key = None
    if store_file(location) is not None:
        key = map_key(path, provenance=provenance, prune=prune, shape=shape)
        recorded = recorded_plan(location, key)
        if recorded is not None:
            if report is not None:
                report(recorded, None)
            return recorded
    cmap = read_map(path, progress=progress, partial=True, shape=shape)
    if on_notes is not None:
        on_notes(cmap.notes)
    with opened() as store:
        if dry_run:
            plan = store.plan(cmap, provenance=provenance, prune=prune)
        else:
            plan = store.write(cmap, provenance=provenance, prune=prune)
        if report is not None:
            report(plan, lambda: (store.project(), cmap.to_graph()))
    if key is not None:
        record_if_complete(location, key, plan, notes=cmap.notes, dry_run=dry_run)
    return plan
