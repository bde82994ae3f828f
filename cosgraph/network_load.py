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

from collections.abc import Callable, Mapping

from cosgraph.loaders.columns import ColumnType
from cosgraph.loaders.network import NetworkOptions, network_map
from cosgraph.progress import Progress
from cosgraph.store.plan import WritePlan
from cosgraph.store.protocol import GraphStore

__all__ = ["write_network"]


def write_network(
    store: GraphStore,
    options: NetworkOptions,
    *,
    provenance: str,
    types: Mapping[str, ColumnType] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    on_notes: Callable[[list[str]], None] | None = None,
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
    from cosgraph.store.neo4j import Neo4jStore

    if isinstance(store, EmbeddedStore | Neo4jStore):
        from cosgraph.loaders.network_columns import read_network_columns
        from cosgraph.store.arrow_plan import plan_columns

        net = read_network_columns(options, types, progress=progress)
        plan = None if net is None else plan_columns(store, net, provenance)
        if plan is not None:
            if not dry_run and not plan.is_empty:
                store.apply(plan)
            return plan
    cmap = network_map(options, types, progress=progress)
    if on_notes is not None:
        on_notes(cmap.notes)
    return store.plan(cmap, provenance) if dry_run else store.write(cmap, provenance)
