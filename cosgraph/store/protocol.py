"""The ``GraphStore`` protocol: what every backend offers the CLI and the Python API.

Nothing outside ``cosgraph/store/`` needs to know which backend it holds.  Both
backends (:class:`~cosgraph.store.embedded.EmbeddedStore`,
:class:`~cosgraph.store.neo4j.Neo4jStore`) subclass it explicitly, and so take its
``plan`` and ``write``: every backend plans through the same named queries
(:func:`~cosgraph.store.plan.plan_against`) and writes only what changes
(:func:`~cosgraph.store.plan.write_map`); a backend supplies the reads and ``apply``.

>>> import tempfile, pathlib
>>> from cosgraph.store import open_store
>>> store = open_store(pathlib.Path(tempfile.mkdtemp()) / "m.lbug")
>>> isinstance(store, GraphStore)
True
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from cosgraph.model import CommunityMap
from cosgraph.provenance import PYTHON_SOURCE
from cosgraph.store.plan import WritePlan, plan_against, write_map

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.store.arrow_projection import ArrowProjection

__all__ = ["GraphStore"]


@runtime_checkable
class GraphStore(Protocol):
    """What every store offers; the CLI and the Python API only use this."""

    dialect: str

    def init(self) -> None:
        """Create the schema and the framework reference graph (idempotent)."""

    def plan(
        self,
        cmap: CommunityMap,
        provenance: str = PYTHON_SOURCE,
        *,
        prune: bool = False,
        allow_framework: bool = False,
    ) -> WritePlan:
        """Check ``cmap`` against the store and say what writing it would change.

        The plan always lists what an earlier load with the same ``provenance`` left
        that ``cmap`` no longer holds; with ``prune`` it removes them too.  Only
        ``init`` plans framework nodes (``allow_framework``).
        """
        return plan_against(self, cmap, provenance, prune=prune, allow_framework=allow_framework)

    def write(
        self, cmap: CommunityMap, provenance: str = PYTHON_SOURCE, *, prune: bool = False
    ) -> WritePlan:
        """Write ``cmap`` in one transaction: all of it, or nothing."""
        return write_map(self, cmap, provenance, prune=prune)

    def apply(self, plan: WritePlan) -> None:
        """Carry out a plan from :meth:`plan` in one transaction."""

    def columns(self) -> dict[str, dict[str, str]]:
        """Every node label's and tie type's stored columns with their types."""
        ...

    def column_labels(self) -> dict[str, dict[str, str]]:
        """Every node label's and tie type's column labels: the headers columns were
        read from, where they differ from the stored name (:mod:`cosgraph.loaders.headers`)."""
        ...

    def query(self, name: str, /, **params: Any) -> list[dict[str, Any]]:
        """Run a named query from ``queries/`` with ``params`` bound as parameters.

        The parameters must be exactly the ones the query takes (``name`` is one
        like any other): :class:`~cosgraph.errors.StoreError` otherwise.
        """
        ...

    def project(self) -> nx.MultiDiGraph:
        """The whole map as a networkx graph (views.py convention)."""
        ...

    def project_arrays(
        self, kinds: Sequence[str], types: Sequence[str], attributes: Sequence[str] = ()
    ) -> ArrowProjection:
        """Nodes of ``kinds`` and ties of ``types`` as Arrow columns, for analyses
        (:class:`~cosgraph.store.arrow_projection.ArrowProjection`)."""
        ...

    def ids(self) -> dict[str, str]:
        """Every node id in the store -> its kind."""
        ...

    def close(self) -> None: ...
