"""Load a researcher's network (nodes CSV + ties CSV) into a store: in columns when it can.

:func:`write_network` moves clean files into a store as Arrow columns
(:mod:`cosgraph.loaders.network_columns`, :mod:`cosgraph.store.arrow_plan`): no Python
object per row; new rows are bulk-copied (Neo4j: the same Arrow batches through
``UNWIND $rows``).  Whatever that path does not vouch for (a file with a problem,
a repeated tie or a self-loop for the load's shape to read, a tie to a node of
another kind) goes the row path
(:func:`cosgraph.loaders.network.network_map` and ``store.write``), which reports
every problem with its file, line and field.  Either way the load is planned
before anything is written and applied in one transaction: all of it or nothing.

>>> import tempfile, pathlib
>>> from cosgraph.loaders.network import network_options
>>> from cosgraph.store import open_store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "n.csv").write_text("pid,city\\na,1\\nb,2\\n")
>>> _ = (d / "t.csv").write_text("src,dst\\na,b\\n")
>>> options = network_options(d / "n.csv", d / "t.csv", id_column="pid", from_column="src",
...                           to_column="dst")
>>> with open_store(d / "m.lbug") as store:
...     store.init()
...     write_network(store, options, provenance="n.csv + t.csv").counts()
{'created': {'KNOWS': 1, 'person': 2}, 'updated': {}}
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from cosgraph.load_record import load_key, record_if_complete, recorded_plan
from cosgraph.loaders.columns import ColumnType
from cosgraph.loaders.network import NetworkOptions, network_map
from cosgraph.progress import Progress
from cosgraph.store.location import store_file
from cosgraph.store.plan import WritePlan
from cosgraph.store.protocol import GraphStore

if TYPE_CHECKING:
    from cosgraph.loaders.network_columns import NetworkColumns

__all__ = ["write_network", "load_network", "network_key"]


def write_network(
    store: GraphStore,
    options: NetworkOptions,
    *,
    provenance: str,
    types: Mapping[str, ColumnType] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_notes: Callable[[list[str]], None] | None = None,
    columns: Callable[[], NetworkColumns | None] | None = None,
) -> WritePlan:
    """Plan loading the network of ``options`` into ``store`` and, unless ``dry_run``, apply it.

    Parameters
    ----------
    store : GraphStore
        An initialised store.
    options : NetworkOptions
        The load's checked options (:func:`cosgraph.loaders.network.network_options`).
    provenance : str
        What the rows record as their source (:func:`cosgraph.provenance.provenance_of`).
    types : mapping of column to type, optional
        Declared attribute column types (``--types``).
    dry_run : bool
        Only plan.
    progress : Progress, optional
        Told the rows checked (:mod:`cosgraph.progress`).
    on_notes : callable, optional
        Given, once the files are read and before the store is planned against, what
        the reader set aside or counted (self-loops, repeated ties:
        :mod:`cosgraph.loaders.shape`), one line each.  Only the row path has any:
        the columnar path takes no file with a repeated tie or a self-loop.
    columns : callable, optional
        Gives the files read into columns
        (:func:`~cosgraph.loaders.network_columns.read_network_columns` of these
        ``options``, ``types`` and ``progress``), when the caller has read them already;
        by default they are read here.

    Returns
    -------
    WritePlan
        What the load changed (or, with ``dry_run``, would change).

    Raises
    ------
    LoadError
        Every problem of both files and against the store, each with file, line, field.
    """
    from cosgraph.store.embedded import EmbeddedStore

    # a Neo4jStore exists only once its module is loaded: not imported for an embedded load
    neo4j = sys.modules.get("cosgraph.store.neo4j")
    columnar = (EmbeddedStore, *((neo4j.Neo4jStore,) if neo4j is not None else ()))
    if isinstance(store, columnar):
        from cosgraph.loaders.network_columns import read_network_columns
        from cosgraph.store.arrow_plan import plan_columns

        if columns is None:
            net = read_network_columns(options, types, progress=progress)
        else:
            net = columns()
        plan = None if net is None else plan_columns(store, net, provenance)
        if plan is not None:
            if not dry_run and not plan.is_empty:
                store.apply(plan)
            return plan
    cmap = network_map(options, types, progress=progress)
    if on_notes is not None:
        on_notes(cmap.notes)
    return store.plan(cmap, provenance) if dry_run else store.write(cmap, provenance)


def _read_columns(
    options: NetworkOptions, types: Mapping[str, ColumnType] | None, progress: Progress | None
) -> NetworkColumns | None:
    from cosgraph.loaders.network_columns import read_network_columns

    return read_network_columns(options, types, progress=progress)


def network_key(
    options: NetworkOptions, *, provenance: str, types: Mapping[str, ColumnType] | None = None
) -> str:
    """The key of a network load (:func:`cosgraph.load_record.load_key`): its options,
    provenance and declared types, and the bytes of both files."""
    files = [options.nodes_path, options.ties_path]
    return load_key("load-network", files, options, provenance, dict(types or {}))


def load_network(
    location: str | Path,
    opened: Callable[[], AbstractContextManager[GraphStore]],
    options: NetworkOptions,
    *,
    provenance: str,
    types: Mapping[str, ColumnType] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_notes: Callable[[list[str]], None] | None = None,
) -> WritePlan:
    """Load the network of ``options`` into the store at ``location``, as ``load-network`` does.

    Files an embedded store already holds exactly as they are, with nothing written
    to the store since (:mod:`cosgraph.load_record`), report "nothing to change"
    without opening it.  Otherwise the store is opened with ``opened()`` (a context
    manager giving the initialised store, closed on leaving), :func:`write_network`
    plans and applies the load, and, once the store is closed, the load is recorded
    for the next time.  Parameters as :func:`write_network`.

    >>> import tempfile, pathlib
    >>> from cosgraph.loaders.network import network_options
    >>> from cosgraph.store import open_store
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "n.csv").write_text("pid\\na\\nb\\n")
    >>> _ = (d / "t.csv").write_text("src,dst\\na,b\\n")
    >>> options = network_options(d / "n.csv", d / "t.csv", id_column="pid",
    ...                           from_column="src", to_column="dst")
    >>> def opened():
    ...     store = open_store(d / "m.lbug")
    ...     store.init()
    ...     return store
    >>> load_network(d / "m.lbug", opened, options, provenance="n + t").counts()["created"]
    {'KNOWS': 1, 'person': 2}
    >>> again = load_network(d / "m.lbug", opened, options, provenance="n + t")
    >>> again.is_empty, again.unchanged_nodes, again.unchanged_ties
    (True, 2, 1)
    """
    local = store_file(location) is not None
    key = network_key(options, provenance=provenance, types=types) if local else None
    if key is not None:
        recorded = recorded_plan(location, key)
        if recorded is not None:
            return recorded
    notes: list[str] = []

    def noted(lines: list[str]) -> None:
        notes.extend(lines)
        if on_notes is not None:
            on_notes(lines)

    with ThreadPoolExecutor(max_workers=1) as pool:
        # an embedded store's load reads its files into columns while the store opens
        # (a new store is built: its schema and the framework), on the other core
        reading = pool.submit(_read_columns, options, types, progress) if local else None
        with opened() as store:
            plan = write_network(
                store,
                options,
                provenance=provenance,
                types=types,
                dry_run=dry_run,
                progress=progress,
                on_notes=noted,
                columns=None if reading is None else reading.result,
            )
    if key is not None:
        record_if_complete(location, key, plan, notes=notes, dry_run=dry_run)
    return plan
