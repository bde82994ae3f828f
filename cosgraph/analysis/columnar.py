"""A store's Arrow columns -> the compiled tie graph, with no networkx graph in between.

:func:`projected_ties` reads what :func:`cosgraph.analysis.views.tie_graph` reads of
a projection, from :meth:`project_arrays` columns (ids, kinds, tie ends and
strengths, and the attributes an analysis prints), applies the audience exactly as
:meth:`cosgraph.consent.Audience.graph` does for analyses (``keep="analysis"``), and
compiles it (:func:`cosgraph.analysis.compiled.compile_arrays`).  The compiled graph
has the nodes, ties, tie order and weights that ``compile_graph(tie_graph(G))`` has
for the same audience, so :func:`~cosgraph.analysis.metrics.compiled_metrics` and
:func:`~cosgraph.analysis.spanners.compiled_spanners` give the same numbers as the
networkx path.

>>> import pyarrow as pa
>>> from cosgraph.store.arrow_projection import combine
>>> P = combine(
...     [("person", pa.table({"id": ["ana", "bo"], "consent": ["public", None]}))],
...     [("KNOWS", pa.table({"source": ["ana", "bo"], "target": ["bo", "ana"],
...                          "strength": [2.0, None]}))],
...     attributes=AUDIENCE_COLUMNS)
>>> ties = projected_ties(P, "public", salt=b"fixed")
>>> ties.compiled.ids[0], ties.compiled.ids[1].startswith("person-"), ties.audience.hidden_count
('ana', True, 1)
>>> ties.compiled.sources.tolist(), ties.compiled.weights.tolist()
([0, 1], [2.0, 1.0])
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cosgraph.analysis.compiled import CompiledGraph, compile_arrays
from cosgraph.analysis.options import check_tie_types
from cosgraph.consent import Audience
from cosgraph.store.records import list_columns
from cosgraph.vocabulary import ACTOR_KINDS
from cosgraph.vocabulary import SOCIAL_TIE_TYPES as SOCIAL_TIES

if TYPE_CHECKING:
    from cosgraph.store.protocol import GraphStore

__all__ = [
    "AUDIENCE_COLUMNS",
    "MAKEUP_COLUMNS",
    "ProjectedTies",
    "projected_ties",
    "stored_ties",
]

#: Node columns the audience rule reads: whose consent hides them, and their names.
AUDIENCE_COLUMNS = ("consent", "name")
#: Node columns a community's make-up counts (see ``compiled_communities``).
MAKEUP_COLUMNS = ("kind", "tripod_role", "sectors", "sector")


@dataclass(frozen=True)
class ProjectedTies:
    """The compiled tie graph of a projection, as an audience sees it.

    Attributes
    ----------
    compiled : CompiledGraph
        Node ``i`` is ``compiled.ids[i]`` (a placeholder for a hidden person).
    attributes : dict
        Each attribute asked for, one value per compiled node (hidden people's values
        renamed as the analysis graph renames them).
    audience : Audience or None
        The audience applied (None: none was).
    self_loops : int
        Ties from a node to itself, set aside (the analyses read ties between two).
    """

    compiled: CompiledGraph
    attributes: dict[str, list[Any]]
    audience: Audience | None
    self_loops: int = 0

    def node_data(self, names: Sequence[str]) -> list[dict[str, Any]]:
        """Each node's data of the attributes ``names`` (asked of the projection), None
        left out, as :func:`~cosgraph.analysis.communities.compiled_communities` reads it."""
        columns = [(name, self.attributes[name]) for name in names]
        return [
            {name: values[i] for name, values in columns if values[i] is not None}
            for i in range(self.compiled.n_nodes)
        ]

    def names(self) -> dict[str, str]:
        """id -> ``name`` of each node that has one, when the projection was asked for
        ``name`` (a hidden person's placeholder has none)."""
        values = self.attributes.get("name")
        if values is None:
            return {}
        return {
            str(node): name
            for node, name in zip(self.compiled.ids, values, strict=True)
            if isinstance(name, str) and name
        }

    def groups(self, by: str) -> list[Hashable | None]:
        """Each node's group by ``by``, as :func:`~cosgraph.analysis.spanners.group_of_attribute`
        reads it; the projection was asked for ``group_columns(by)``."""
        from cosgraph.analysis.spanners import group_columns, group_of_attribute

        group_of = group_of_attribute(by)
        names = group_columns(by)
        columns = [self.attributes[name] for name in names]
        return [
            group_of(dict(zip(names, values, strict=True))) for values in zip(*columns, strict=True)
        ]


def projected_ties(
    P: Any,
    audience: str | None = None,
    *,
    attributes: Sequence[str] = (),
    salt: bytes | str | None = None,
) -> ProjectedTies | None:
    """Compile the tie graph of an :class:`~cosgraph.store.arrow_projection.ArrowProjection`.

    Parameters
    ----------
    P : ArrowProjection
        Actor nodes and the wanted tie types, from ``store.project_arrays``; with an
        ``audience``, its node columns include :data:`AUDIENCE_COLUMNS`.
    audience : str, optional
        ``public``, ``coalition`` or ``private``: hidden people become placeholders
        after the visible nodes, as :meth:`Audience.graph` orders them for analyses.
    attributes : sequence of str
        Node columns of ``P`` to return per compiled node.
    salt : bytes or str, optional
        Key of the placeholders (random by default, see :class:`Audience`).

    Returns
    -------
    ProjectedTies or None
        None when a tie read is undirected: such graphs go the networkx way
        (:func:`~cosgraph.analysis.views.tie_graph`).

    Notes
    -----
    As :func:`~cosgraph.analysis.views.tie_graph`: ties with an end outside the nodes
    and self-loops are left out (``self_loops`` counts the latter), ties of several
    types between the same ordered pair are one tie weighted by their largest weight
    (a tie's ``weight``, else its ``strength``, else 1.0), and ties are ordered by
    source, then target, in node order.
    """
    nodes = P.nodes
    ids: list[Any] = nodes.column("id").to_pylist()
    n = len(ids)
    records = _records(nodes, ids)
    seen = None if audience is None else Audience.of_records(records, [], audience, salt=salt)
    if seen is not None and seen.hidden_count:
        hidden = np.fromiter((node in seen.placeholders for node in ids), dtype=bool, count=n)
        order = np.concatenate([np.flatnonzero(~hidden), np.flatnonzero(hidden)])
    else:
        order = np.arange(n)
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    ties = _ties(P.ties, nodes.column("id"), position, n)
    if ties is None:
        return None
    sources, targets, weights, loops = ties

    ordered = [records[i] for i in order.tolist()]
    if seen is not None:  # what the analysis graph keeps of each node, under its new name
        ordered = [
            (seen.placeholders.get(node, node), seen.node_data(node, data))
            for node, data in ordered
        ]
    # The projection keeps a node's id as its key, not in its data.
    columns = {
        name: [None if name == "id" else data.get(name) for _, data in ordered]
        for name in attributes
    }
    compiled = compile_arrays([node for node, _ in ordered], sources, targets, weights)
    return ProjectedTies(compiled=compiled, attributes=columns, audience=seen, self_loops=loops)


def stored_ties(
    store: GraphStore,
    audience: str | None = None,
    *,
    types: Sequence[str] = SOCIAL_TIES,
    attributes: Sequence[str] = (),
    salt: bytes | str | None = None,
) -> ProjectedTies | None:
    """:func:`projected_ties` of a store's actors and ties of ``types`` (checked), read
    as Arrow columns (``store.project_arrays``): what ``cosgraph analyze metrics`` and
    ``spanners`` compute on.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from cosgraph.model import CommunityMap, Person, Tie
    >>> from cosgraph.store import open_store
    >>> store = open_store(pathlib.Path(tempfile.mkdtemp()) / "m.lbug")
    >>> store.init()
    >>> _ = store.write(CommunityMap(nodes=[Person(id="a"), Person(id="b")],
    ...                              ties=[Tie(type="KNOWS", source="a", target="b")]))
    >>> stored_ties(store, "private").compiled.ids
    ('a', 'b')
    >>> store.close()
    """
    wanted = list(dict.fromkeys(check_tie_types(types)))
    columns = list(dict.fromkeys([*AUDIENCE_COLUMNS, *attributes]))
    P = store.project_arrays(ACTOR_KINDS, wanted, columns)
    return projected_ties(P, audience, attributes=attributes, salt=salt)


def _records(nodes: pa.Table, ids: list[Any]) -> list[tuple[Any, dict[str, Any]]]:
    """``(id, data)`` per node as the projection holds it: ``kind`` and the non-null columns."""
    columns = {name: nodes.column(name).to_pylist() for name in nodes.column_names if name != "id"}
    lists = {kind: list_columns(kind) for kind in set(columns["kind"])}
    records = []
    for i, node in enumerate(ids):
        data = {k: v[i] for k, v in columns.items() if v[i] is not None}
        for column in lists[data["kind"]]:  # as the projection holds them
            data.setdefault(column, [])
        records.append((node, data))
    return records


def _ties(
    ties: pa.Table, ids: pa.ChunkedArray, position: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int] | None:
    """Tie ends as node positions, weights and the self-loops set aside: one tie per
    ordered pair, sorted; None when a tie between two nodes is undirected."""
    source = pc.index_in(ties.column("source"), value_set=ids)
    target = pc.index_in(ties.column("target"), value_set=ids)
    keep = pc.and_(pc.is_valid(source), pc.is_valid(target)).to_numpy(zero_copy_only=False)
    u = position[source.to_numpy(zero_copy_only=False)[keep].astype(np.int64)]
    v = position[target.to_numpy(zero_copy_only=False)[keep].astype(np.int64)]
    weight = pc.coalesce(ties.column("weight"), ties.column("strength"), pa.scalar(1.0))
    strength = weight.to_numpy(zero_copy_only=False)[keep]
    undirected = ties.column("undirected").fill_null(False).to_numpy(zero_copy_only=False)[keep]
    loop = u == v
    if np.any(undirected[~loop]):
        return None
    u, v, strength = u[~loop], v[~loop], strength[~loop].astype(np.float64)
    keys = u * max(n, 1) + v
    by_key = np.argsort(keys, kind="stable")
    keys, strength = keys[by_key], strength[by_key]
    first = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if keys.size else keys
    weights = np.maximum.reduceat(strength, first) if keys.size else strength
    unique = keys[first]
    return unique // max(n, 1), unique % max(n, 1), weights, int(loop.sum())
