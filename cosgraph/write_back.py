"""Analysis results written back onto the store's nodes, for maps and named queries.

Metrics become ``metric_<name>`` node properties (``metric_pagerank``,
``metric_community``...), so a user's own ``community`` or ``degree`` column is never
overwritten; writing again replaces the earlier values.

>>> import tempfile, pathlib
>>> from cosgraph.analysis.metrics import network_metrics
>>> from cosgraph.analysis.views import tie_graph
>>> from cosgraph.model import CommunityMap, Person, Tie
>>> from cosgraph.store import open_store
>>> store = open_store(pathlib.Path(tempfile.mkdtemp()) / "m.lbug"); store.init()
>>> _ = store.write(CommunityMap(nodes=[Person(id="ana"), Person(id="bo")],
...                              ties=[Tie(type="KNOWS", source="ana", target="bo")]))
>>> write_metrics(store, network_metrics(tie_graph(store.project())))
2
>>> store.project().nodes["bo"]["metric_in_degree"]
1
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Mapping

from cosgraph.analysis.metrics import MetricsResult
from cosgraph.store import GraphStore
from cosgraph.store.properties import write_node_properties
from cosgraph.store.schema import METRIC_PREFIX

__all__ = ["write_metrics"]


def write_metrics(
    store: GraphStore, result: MetricsResult, *, real_ids: Mapping[str, str] | None = None
) -> int:
    """Store every row of ``result`` on its node as ``metric_<name>`` properties.

    Parameters
    ----------
    store : GraphStore
        The store the metrics' graph was projected from.
    result : MetricsResult
        What :func:`cosgraph.analysis.metrics.network_metrics` returned; only its
        rows are written (with ``top``, only the top nodes).
    real_ids : mapping, optional
        Placeholder -> real id, when the metrics were computed on an audience's graph
        (:meth:`cosgraph.consent.Audience.originals`): the values land on the real nodes.

    Returns
    -------
    int
        How many nodes were written.

    Raises
    ------
    StoreError
        When a node of ``result`` is not in the store, or a value does not fit the
        type its property already has; nothing is written then.
    """
    real = real_ids or {}
    values = {
        real.get(row.id, row.id): {
            METRIC_PREFIX + name: v for name, v in row.model_dump(exclude={"id"}).items()
        }
        for row in result.nodes
    }
    write_node_properties(store, values)
    return len(values)
