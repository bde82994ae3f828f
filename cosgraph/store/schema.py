"""The one place that maps the domain model to store properties and column types.

Both backends read it: the embedded store turns it into node and rel tables, Neo4j
into constraints.  Free attributes from the user's data become properties too, with a
type inferred from their values.

>>> node_columns("person")["power"], node_columns("lever")["need_amounts"]
('INT64', 'DOUBLE[]')
>>> infer_type([1, 2.5]), infer_type([True]), infer_type(["a", 1])
('DOUBLE', 'BOOLEAN', 'STRING')
>>> list(tie_table_columns("KNOWS")), list(tie_table_columns("ADOPTED"))[:3]
(['provenance', 'loaded_at'], ['period', 'date', 'learned_from'])
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

from cosgraph.model import ACTOR_KINDS, NODE_TYPES, TIE_ENDPOINTS, Node, Tie

if TYPE_CHECKING:
    import pyarrow as pa

    #: The Arrow type of each store type (built on first use: see ``__getattr__``).
    ARROW_TYPES: dict[str, pa.DataType]

__all__ = [
    "ARROW_TYPES",
    "PROVENANCE_COLUMNS",
    "METRIC_COLUMNS",
    "METRIC_NAMES",
    "METRIC_PREFIX",
    "node_columns",
    "tie_columns",
    "tie_field_columns",
    "tie_table_columns",
    "TIE_FIELDS_UP_FRONT",
    "infer_type",
    "label_of",
    "kind_of_label",
    "rel_pairs",
]

#: Every node and tie records the file it came from and when it was last changed.
PROVENANCE_COLUMNS = {"provenance": "STRING", "loaded_at": "STRING"}

#: Network metrics that ``cosgraph analyze metrics --write`` stores on people and
#: organizations, as ``metric_<name>`` so they never collide with the user's own columns
#: (a ``community`` or ``degree`` column is common in researchers' data); declared up
#: front so named queries may use them on any store.
METRIC_NAMES = {
    "in_degree": "INT64",
    "out_degree": "INT64",
    "degree": "INT64",
    "betweenness": "DOUBLE",
    "closeness": "DOUBLE",
    "pagerank": "DOUBLE",
    "eigenvector": "DOUBLE",
    "clustering": "DOUBLE",
    "reach_2": "INT64",
    "community": "INT64",
}
METRIC_PREFIX = "metric_"
METRIC_COLUMNS = {METRIC_PREFIX + name: kind for name, kind in METRIC_NAMES.items()}


@cache
def _arrow_types() -> dict[str, pa.DataType]:
    """The Arrow type of each store type: bulk rows reach the store as Arrow columns.
    Built on first use, so that what only plans or reports needs no pyarrow."""
    import pyarrow as pa

    return {
        "STRING": pa.string(),
        "INT64": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "STRING[]": pa.list_(pa.string()),
        "DOUBLE[]": pa.list_(pa.float64()),
    }


def __getattr__(name: str) -> Any:
    if name == "ARROW_TYPES":
        return _arrow_types()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_SCALARS = {str: "STRING", int: "INT64", float: "DOUBLE", bool: "BOOLEAN"}


def _column_type(annotation: Any) -> str:
    """Store type of a pydantic field annotation (``str | None`` -> ``STRING``)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _column_type(typing.get_args(annotation)[0])
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _column_type(inner[0])
    if origin is list:
        return _column_type(typing.get_args(annotation)[0]) + "[]"
    if origin is typing.Literal:
        return "STRING"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "STRING"
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise TypeError(f"no store type for {annotation!r}")


def _model_columns(model: type[Node] | type[Tie], skip: Iterable[str]) -> dict[str, str]:
    columns: dict[str, str] = {}
    for name, field in model.model_fields.items():
        if name in skip:
            continue
        columns[name] = _column_type(field.annotation)
    return columns


def node_columns(kind: str) -> dict[str, str]:
    """Column name -> store type for a node kind's model fields (``id`` first)."""
    model = NODE_TYPES[kind]
    columns = _model_columns(model, skip={"attributes", "needs"})
    if kind == "lever":
        columns["need_capabilities"] = "STRING[]"
        columns["need_amounts"] = "DOUBLE[]"
    if kind in ACTOR_KINDS:
        columns.update(METRIC_COLUMNS)
    columns.update(PROVENANCE_COLUMNS)
    return columns


def tie_field_columns() -> dict[str, str]:
    """Column name -> store type for the model's tie fields (no provenance stamp).

    >>> "weight" in tie_field_columns(), "provenance" in tie_field_columns()
    (True, False)
    """
    return _model_columns(Tie, skip={"attributes", "type", "source", "target"})


def tie_columns() -> dict[str, str]:
    """Column name -> store type for tie properties (every tie type has the same)."""
    return {**tie_field_columns(), **PROVENANCE_COLUMNS}


#: The tie fields a tie table holds from the start, because named queries read them
#: (LadybugDB refuses a query naming a column its table lacks).  Every other tie
#: field, like every attribute, becomes a column the first time a load writes a value
#: into it: each column of a tie table costs its load time in both directions a tie
#: is kept in, blank or not (seven blank columns doubled the time a million ties took
#: to load), and a researcher's network seldom has more than a weight.
TIE_FIELDS_UP_FRONT: dict[str, tuple[str, ...]] = {
    "ADOPTED": ("period", "date", "learned_from"),  # adoption_timeline, adoption_cascade
    "DECIDES": ("stance",),  # lever_decision_makers
    "INFLUENCES": ("stance",),
}


def tie_table_columns(tie_type: str) -> dict[str, str]:
    """The columns a tie type's table is made with: :data:`TIE_FIELDS_UP_FRONT` and
    the provenance stamp (the model's other tie fields come on first use)."""
    columns = tie_columns()
    up_front = TIE_FIELDS_UP_FRONT.get(str(tie_type), ())
    return {
        name: kind
        for name, kind in columns.items()
        if name in up_front or name in PROVENANCE_COLUMNS
    }


def infer_type(values: Iterable[Any]) -> str:
    """The narrowest store type holding every value: BOOLEAN, INT64, DOUBLE or STRING."""
    seen = {type(v) for v in values if v is not None}
    if not seen:
        return "STRING"
    if seen == {bool}:
        return "BOOLEAN"
    if seen == {int}:
        return "INT64"
    if seen <= {int, float}:
        return "DOUBLE"
    return "STRING"


def label_of(kind: str) -> str:
    """Store label (table name) of a node kind: ``peer_team`` -> ``PeerTeam``."""
    return NODE_TYPES[kind].label


def kind_of_label(label: str) -> str:
    for kind, model in NODE_TYPES.items():
        if model.label == label:
            return kind
    raise KeyError(label)


def rel_pairs(tie_type: str) -> list[tuple[str, str]]:
    """(source label, target label) pairs a tie type may join."""
    sources, targets = TIE_ENDPOINTS[tie_type]
    return [(label_of(s), label_of(t)) for s in sources for t in targets]
