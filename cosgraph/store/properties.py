"""Write computed values (metrics, community labels) back onto stored nodes.

Values become ordinary node properties, so maps and named Cypher queries can use them
(``ORDER BY n.metric_pagerank``).  Re-running overwrites them; a node's provenance is kept.

>>> import tempfile, pathlib
>>> from cosgraph.model import CommunityMap, Person
>>> from cosgraph.store import open_store
>>> store = open_store(pathlib.Path(tempfile.mkdtemp()) / "m.lbug"); store.init()
>>> _ = store.write(CommunityMap(nodes=[Person(id="ana")]), provenance="people.csv")
>>> _ = write_node_properties(store, {"ana": {"metric_pagerank": 0.5, "metric_community": 2}})
>>> data = store.project().nodes["ana"]
>>> data["metric_pagerank"], data["metric_community"], data["provenance"]
(0.5, 2, 'people.csv')
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cosgraph.errors import StoreError
from cosgraph.model import ATTRIBUTE_NAME, NODE_TYPES
from cosgraph.store.column_types import fits_column
from cosgraph.store.plan import NodeChange, WritePlan
from cosgraph.store.protocol import GraphStore
from cosgraph.store.schema import infer_type, label_of

__all__ = ["write_node_properties"]


def write_node_properties(store: GraphStore, values: Mapping[str, Mapping[str, Any]]) -> WritePlan:
    """Set ``values[node_id][name] = value`` on stored nodes, in one transaction.

    Raises
    ------
    StoreError
        When a node is not in the store, a name is not a plain identifier or is a
        field of the model, or a value does not fit the type a property already has.
    """
    known = store.ids()
    missing = [node for node in values if node not in known]
    if missing:
        raise StoreError(f"not in the store: {', '.join(sorted(missing)[:10])}")
    columns = store.columns()
    plan = WritePlan()
    by_label: dict[str, dict[str, list[Any]]] = {}
    for node, props in values.items():
        kind = known[node]
        for name, value in props.items():
            if not ATTRIBUTE_NAME.match(name) or name in NODE_TYPES[kind].model_fields:
                raise StoreError(f"{name!r} cannot be written as a computed property")
            by_label.setdefault(label_of(kind), {}).setdefault(name, []).append(value)
        plan.nodes.append(NodeChange(kind, node, "update", {"id": node, **props}, tuple(props)))
    for label, names in by_label.items():
        for name, seen in names.items():
            wanted = infer_type(seen)
            stored = columns.get(label, {}).get(name)
            if stored is None:
                plan.new_columns.setdefault(label, {})[name] = wanted
            elif not fits_column(stored, wanted):
                raise StoreError(
                    f"{label} property {name!r} is stored as {stored}; cannot write {wanted}"
                )
    if plan.nodes:
        store.apply(plan)
    return plan
