"""Old home of the store's shared parts, kept so ``from cosgraph.store.base import X`` works.

They now live in modules named for what they hold: :mod:`~cosgraph.store.protocol`
(``GraphStore``), :mod:`~cosgraph.store.plan` (``WritePlan`` and planning),
:mod:`~cosgraph.store.column_types` (type rules) and :mod:`~cosgraph.store.records`
(record decoding and the projection).  Import from those; this module only re-exports.

>>> from cosgraph.store.plan import WritePlan as Plan
>>> WritePlan is Plan
True
"""

from __future__ import annotations

from cosgraph.store.column_types import attribute_types, coerce_value
from cosgraph.store.plan import NodeChange, TieChange, WritePlan, plan_removals, plan_write
from cosgraph.store.protocol import GraphStore
from cosgraph.store.records import decode_props, graph_from_records

__all__ = [
    "GraphStore",
    "WritePlan",
    "NodeChange",
    "TieChange",
    "plan_write",
    "plan_removals",
    "attribute_types",
    "graph_from_records",
    "decode_props",
    "coerce_value",
]
