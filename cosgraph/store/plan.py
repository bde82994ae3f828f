"""Write plans: what a load will change, worked out before anything is written.

A load is planned before anything is written: which nodes and ties are new, which
changed and which are the same.  The plan is the same whatever the backend, so a
re-load of unchanged data writes nothing, and ``load --dry-run`` shows the plan.
:func:`plan_against` reads what a store holds through named queries and
:func:`plan_write` compares; :func:`write_map` plans and applies, and is what every
backend's ``write`` does.

>>> import tempfile, pathlib
>>> from cosgraph.model import CommunityMap, Person
>>> from cosgraph.store import open_store
>>> store = open_store(pathlib.Path(tempfile.mkdtemp()) / "m.lbug"); store.init()
>>> cmap = CommunityMap(nodes=[Person(id="ana", name="Ana")])
>>> write_map(store, cmap, "people.csv").counts()
{'created': {'person': 1}, 'updated': {}}
>>> plan_against(store, cmap, "people.csv").is_empty
True
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cosgraph.errors import LoadError, SourceLocation, in_reading_order
from cosgraph.model import (
    FRAMEWORK_KINDS,
    NODE_SHEETS,
    TIES_SHEET,
    CommunityMap,
    Node,
    with_article,
)
from cosgraph.provenance import PYTHON_SOURCE, owner_of, owner_prefix
from cosgraph.store.column_types import attribute_types, missing_tie_fields
from cosgraph.store.records import TieEnds, TieKey, tie_ends
from cosgraph.store.schema import PROVENANCE_COLUMNS, kind_of_label, tie_field_columns

if TYPE_CHECKING:
    import pyarrow as pa

    from cosgraph.store.protocol import GraphStore

__all__ = [
    "WritePlan",
    "NodeChange",
    "TieChange",
    "plan_write",
    "written_columns",
    "plan_removals",
    "new_labels",
    "plan_against",
    "write_map",
]


def written_columns(properties: dict[str, Any], changed: tuple[str, ...]) -> tuple[str, ...]:
    """The columns an update of a row to ``properties`` writes: those in ``changed`` and
    the provenance stamps (every other column already holds its value); every column
    when ``changed`` does not say.

    >>> written_columns({"id": "a", "name": "A", "power": 2, "provenance": "f.csv"}, ("power",))
    ('power', 'provenance')
    """
    if not changed:
        return tuple(c for c in properties if c != "id")
    return tuple(c for c in properties if c in changed or c in PROVENANCE_COLUMNS)


@dataclass(frozen=True, slots=True)
class NodeChange:
    kind: str
    id: str
    action: str  # "create" | "update"
    properties: dict[str, Any]
    changed: tuple[str, ...] = ()
    #: The stored value of each changed field before this load (an update's only).
    old: dict[str, Any] = field(default_factory=dict)

    def written(self) -> tuple[str, ...]:
        """The columns an update writes: the changed ones and the provenance stamps
        (every other column already holds its value).

        >>> NodeChange("person", "a", "update", {"id": "a", "name": "A", "power": 2,
        ...            "provenance": "f.csv"}, changed=("power",)).written()
        ('power', 'provenance')
        """
        return written_columns(self.properties, self.changed)


@dataclass(frozen=True, slots=True)
class TieChange:
    type: str
    source: str
    target: str
    source_kind: str
    target_kind: str
    action: str
    properties: dict[str, Any]
    changed: tuple[str, ...] = ()
    #: The stored value of each changed field before this load (an update's only).
    old: dict[str, Any] = field(default_factory=dict)

    def written(self) -> tuple[str, ...]:
        """The columns an update writes (see :meth:`NodeChange.written`)."""
        return written_columns(self.properties, self.changed)


@dataclass
class WritePlan:
    """What a load will do: node and tie changes, the unchanged counts, new columns.

    ``removed_nodes`` and ``removed_ties`` (action ``"remove"``) are what an earlier
    load from the same source put in the store and this load no longer holds: a node
    of this load's source (:func:`~cosgraph.provenance.owner_of` its ``provenance``)
    whose id is absent now (with every tie touching it), and a tie of this source
    absent now.  They are deleted only
    when ``prune`` is true; otherwise the plan just reports them.
    """

    nodes: list[NodeChange] = field(default_factory=list)
    ties: list[TieChange] = field(default_factory=list)
    unchanged_nodes: int = 0
    unchanged_ties: int = 0
    new_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    removed_nodes: list[NodeChange] = field(default_factory=list)
    removed_ties: list[TieChange] = field(default_factory=list)
    prune: bool = False
    #: New rows kept as Arrow columns (a columnar load: :mod:`cosgraph.store.arrow_plan`):
    #: node kind -> its new nodes; (tie type, source kind, target kind) -> new ties
    #: (``source``, ``target`` and the tie columns).  Created like ``nodes``' creates.
    created_nodes: dict[str, pa.Table] = field(default_factory=dict)
    created_ties: dict[tuple[str, str, str], pa.Table] = field(default_factory=dict)
    #: Changed ties kept as Arrow columns (a columnar load): (tie type, source kind,
    #: target kind, changed fields) -> ``source``, ``target`` and the columns the
    #: update writes (:meth:`TieChange.written`); no Python object per changed tie,
    #: and no stored values before the change.  Updated like ``ties``' updates.
    updated_ties: dict[tuple[str, str, str, tuple[str, ...]], pa.Table] = field(
        default_factory=dict
    )
    #: Store label -> column -> the header it was read from, for columns whose stored
    #: label this load sets or changes (:mod:`cosgraph.loaders.headers`).
    column_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        """How many nodes the plan creates or updates."""
        return len(self.nodes) + int(sum(t.num_rows for t in self.created_nodes.values()))

    @property
    def tie_count(self) -> int:
        """How many ties the plan creates or updates."""
        tables = [*self.created_ties.values(), *self.updated_ties.values()]
        return len(self.ties) + int(sum(t.num_rows for t in tables))

    @property
    def is_empty(self) -> bool:
        """True when applying the plan would change nothing."""
        removals = self.prune and (self.removed_nodes or self.removed_ties)
        changes = self.node_count or self.tie_count or self.column_labels
        return not changes and not removals

    def counts(self) -> dict[str, dict[str, int]]:
        """``{"created": {kind: n}, "updated": {...}, "removed": {...}}`` by kind and tie type.

        Removals count under ``"removed"`` when the plan prunes, else under
        ``"would_remove"`` (what ``--prune`` would delete).
        """
        out: dict[str, dict[str, int]] = {"created": {}, "updated": {}}
        tally: Counter[tuple[str, str]] = Counter()
        for n in self.nodes:
            tally[(f"{n.action}d", n.kind)] += 1
        for t in self.ties:
            tally[(f"{t.action}d", t.type)] += 1
        for kind, table in self.created_nodes.items():
            tally[("created", kind)] += table.num_rows
        for (tie_type, _, _), table in self.created_ties.items():
            tally[("created", tie_type)] += table.num_rows
        for (tie_type, *_), table in self.updated_ties.items():
            tally[("updated", tie_type)] += table.num_rows
        removal = "removed" if self.prune else "would_remove"
        for n in self.removed_nodes:
            tally[(removal, n.kind)] += 1
        for t in self.removed_ties:
            tally[(removal, t.type)] += 1
        if self.removed_nodes or self.removed_ties:
            out[removal] = {}
        for (action, what), count in sorted(tally.items()):
            out[action][what] = count
        return out

    def summary_rows(self) -> list[dict[str, Any]]:
        """One row per change: action, what (kind or tie type), id, changed fields."""
        removal = "remove" if self.prune else "would remove"
        rows = [
            {"action": n.action, "what": n.kind, "id": n.id, "fields": ", ".join(n.changed)}
            for n in self.nodes
        ]
        rows += [
            {"action": "create", "what": kind, "id": node_id, "fields": ""}
            for kind, table in self.created_nodes.items()
            for node_id in table["id"].to_pylist()
        ]
        rows += [
            {
                "action": t.action,
                "what": t.type,
                "id": f"{t.source} -> {t.target}",
                "fields": ", ".join(t.changed),
            }
            for t in self.ties
        ]
        for key, table in self.created_ties.items():
            rows += _tie_rows("create", key[0], (), table)
        for (tie_type, _, _, changed), table in self.updated_ties.items():
            rows += _tie_rows("update", tie_type, changed, table)
        rows += [
            {"action": removal, "what": n.kind, "id": n.id, "fields": ""}
            for n in self.removed_nodes
        ]
        rows += [
            {"action": removal, "what": t.type, "id": f"{t.source} -> {t.target}", "fields": ""}
            for t in self.removed_ties
        ]
        return rows


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, float) and isinstance(new, int | float) and not isinstance(new, bool):
        return math.isclose(old, float(new), rel_tol=0, abs_tol=0)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(_same(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def _diff(old: dict[str, Any] | None, new: dict[str, Any]) -> tuple[str, ...] | None:
    """Changed property names, or None when nothing changed.

    The load time never counts; the source does: the source that last named a row
    owns it, so pruning another source that once named it leaves it alone.  A named
    source is one source whatever file it was loaded from (:func:`owner_of`).
    """
    if old is None:  # a new row: the fields it fills (not its empty columns)
        return tuple(
            k
            for k, v in new.items()
            if k not in PROVENANCE_COLUMNS and k != "id" and v not in (None, "", [])
        )
    changed = tuple(
        k for k, v in new.items() if k not in PROVENANCE_COLUMNS and not _same(old.get(k), v)
    )
    if owner_of(str(old.get("provenance"))) != owner_of(str(new.get("provenance"))):
        changed += ("provenance",)
    return changed or None


def plan_removals(
    present: Collection[str],
    wanted: Collection[TieKey],
    own_nodes: dict[str, str],
    own_ties: dict[TieKey, TieEnds],
    ties_touching: Callable[[set[str]], dict[TieKey, TieEnds]],
) -> tuple[list[NodeChange], list[TieChange]]:
    """What an earlier load from the same source holds that this load no longer does.

    ``present`` are the ids of this load's nodes and ``wanted`` its ties' keys;
    ``own_nodes`` maps the ids stored with this load's provenance to their kind and
    ``own_ties`` the tie keys stored with it to their ends' kinds; ``ties_touching``
    returns every stored tie touching the given ids (whatever its provenance), since
    a removed node takes its ties with it.  Framework nodes are never removed.
    """
    gone = {
        node_id: kind
        for node_id, kind in own_nodes.items()
        if node_id not in present and kind not in FRAMEWORK_KINDS
    }
    ties = {key: ends for key, ends in own_ties.items() if key not in wanted}
    if gone:
        ties.update(ties_touching(set(gone)))
    removed_nodes = [NodeChange(kind, node_id, "remove", {}) for node_id, kind in gone.items()]
    removed_ties = [
        TieChange(key[0], key[1], key[2], ends[0], ends[1], "remove", {})
        for key, ends in ties.items()
    ]
    removed_nodes.sort(key=lambda n: (n.kind, n.id))
    removed_ties.sort(key=lambda t: (t.type, t.source, t.target))
    return removed_nodes, removed_ties


def _tie_rows(
    action: str, tie_type: str, changed: tuple[str, ...], table: pa.Table
) -> list[dict[str, Any]]:
    """Summary rows (see :meth:`WritePlan.summary_rows`) of ties kept as a table."""
    ends = zip(table["source"].to_pylist(), table["target"].to_pylist(), strict=True)
    fields = ", ".join(changed)
    return [
        {"action": action, "what": tie_type, "id": f"{s} -> {t}", "fields": fields} for s, t in ends
    ]


def plan_write(
    cmap: CommunityMap,
    known: dict[str, str],
    old_nodes: dict[str, dict[str, Any]],
    old_ties: dict[TieKey, dict[str, Any]],
    provenance: str,
    loaded_at: str,
    *,
    allow_framework: bool = False,
    removals: tuple[list[NodeChange], list[TieChange]] = ([], []),
    prune: bool = False,
    problems: list[SourceLocation] | None = None,
) -> WritePlan:
    """Compare ``cmap`` with what the store holds and list the changes.

    ``known`` maps every stored id to its kind; ``old_nodes`` and ``old_ties`` hold the
    stored properties of the nodes and ties that ``cmap`` names again.  ``removals``
    (from :func:`plan_removals`) are reported, and deleted when ``prune`` is true; no
    tie of ``cmap`` may name a node it removes, pruning or not.  ``problems``
    found elsewhere (stored column types) are raised with the ones found here.

    Raises
    ------
    LoadError
        Every problem at once: those the reader found (``cmap.problems``), framework
        kinds, ids already another kind in the store, and every reference problem.
    """
    removed_nodes, removed_ties = removals
    # An id this source put in and the file no longer holds is unknown to the file's
    # ties, with or without --prune: load, load --prune and diff give the same answer.
    gone = frozenset(n.id for n in removed_nodes)
    problems = [*cmap.problems, *(problems or [])]
    named = [(node.id, node.kind) for node in cmap.nodes] + list(cmap.failed_ids.items())
    for node_id, kind in named:
        where = cmap.locations.get(node_id, SourceLocation(file="<map>"))
        if kind in FRAMEWORK_KINDS and not allow_framework:
            problems.append(
                where.with_message("id", f"{kind} nodes come from the framework, not a load")
            )
        stored = known.get(node_id)
        if stored is not None and stored != kind:
            problems.append(
                where.with_message(
                    "id", f"id {node_id!r} is already {with_article(stored)} in the store"
                )
            )
    problems += cmap.reference_problems(known, gone)
    if problems:
        raise LoadError(in_reading_order(problems, [*NODE_SHEETS, TIES_SHEET]))
    kinds = {**known, **{n.id: n.kind for n in cmap.nodes}}
    plan = WritePlan(
        removed_nodes=list(removed_nodes), removed_ties=list(removed_ties), prune=prune
    )
    stamp = {"provenance": provenance, "loaded_at": loaded_at}
    for node in cmap.nodes:
        props = {**_node_props(node), **stamp, **cmap.stamps.get(node.id, {})}
        changed = _diff(old_nodes.get(node.id), props)
        if changed is None:
            plan.unchanged_nodes += 1
            continue
        action = "update" if node.id in old_nodes else "create"
        before = _before(old_nodes.get(node.id), changed)
        plan.nodes.append(NodeChange(node.kind, node.id, action, props, changed, before))
    for tie in cmap.ties:
        props = {**tie.properties(), **stamp, **cmap.stamps.get(tie.key, {})}
        changed = _diff(old_ties.get(tie.key), props)
        if changed is None:
            plan.unchanged_ties += 1
            continue
        action = "update" if tie.key in old_ties else "create"
        plan.ties.append(
            TieChange(
                str(tie.type),
                tie.source,
                tie.target,
                kinds[tie.source],
                kinds[tie.target],
                action,
                props,
                changed,
                _before(old_ties.get(tie.key), changed),
            )
        )
    return plan


def _before(old: dict[str, Any] | None, changed: tuple[str, ...]) -> dict[str, Any]:
    """The stored values of the ``changed`` fields (empty for a new row)."""
    return {} if old is None else {k: old.get(k) for k in changed}


def _node_props(node: Node) -> dict[str, Any]:
    props = node.properties()
    props.pop("id")
    return {"id": node.id, **props}


def plan_against(
    store: GraphStore,
    cmap: CommunityMap,
    provenance: str,
    *,
    prune: bool = False,
    allow_framework: bool = False,
) -> WritePlan:
    """Plan writing ``cmap`` into ``store``, reading what it holds through named queries.

    Both backends plan this way; only their queries' dialects differ (``queries/``).
    """
    known = store.ids()
    again = [node.id for node in cmap.nodes if known.get(node.id) == node.kind]
    old_nodes: dict[str, dict[str, Any]] = {}
    if again:
        for row in store.query("stored_nodes", ids=again):
            old_nodes[row["props"]["id"]] = row["props"]
    old_ties: dict[TieKey, dict[str, Any]] = {}
    wanted = {tie.key for tie in cmap.ties}
    for tie_type in sorted({str(tie.type) for tie in cmap.ties}):
        for row in store.query("stored_ties_of_type", type=tie_type):
            key = (tie_type, row["source"], row["target"])
            if key in wanted:
                old_ties[key] = row["props"]
    stored_columns = store.columns()
    try:
        new_columns = attribute_types(cmap, stored_columns)
        column_problems: list[SourceLocation] = []
    except LoadError as exc:  # reported with every other problem, in one round
        new_columns, column_problems = {}, exc.problems
    fields = list(tie_field_columns())
    written: dict[str, set[str]] = {}
    for tie in cmap.ties:
        names = {name for name in fields if getattr(tie, name) is not None}
        written.setdefault(str(tie.type), set()).update(names)
    for table, columns in missing_tie_fields(written, stored_columns).items():
        new_columns.setdefault(table, {}).update(columns)
    source = {"provenance": owner_of(provenance), "prefix": owner_prefix(provenance)}
    own_nodes = {
        row["id"]: kind_of_label(row["label"]) for row in store.query("nodes_from_source", **source)
    }
    removals = plan_removals(
        {node.id for node in cmap.nodes},
        wanted,
        own_nodes,
        tie_ends(store.query("ties_from_source", **source)),
        lambda ids: tie_ends(store.query("ties_touching", ids=sorted(ids))),
    )
    loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    plan = plan_write(
        cmap,
        known,
        old_nodes,
        old_ties,
        provenance,
        loaded_at,
        allow_framework=allow_framework,
        removals=removals,
        prune=prune,
        problems=column_problems,
    )
    plan.new_columns = new_columns
    plan.column_labels = new_labels(
        cmap.column_labels, store.column_labels(), stored_columns, new_columns
    )
    return plan


def new_labels(
    labels: dict[str, dict[str, str]],
    stored: dict[str, dict[str, str]],
    *columns: dict[str, dict[str, str]],
) -> dict[str, dict[str, str]]:
    """The load's column ``labels`` (store label -> column -> header) that the store
    does not hold yet (``stored``), for columns it will have (any of ``columns``).

    >>> labels = {"Person": {"grade_1": "Grade.1", "gone": "Gone"}}
    >>> new_labels(labels, {"Person": {}}, {"Person": {"grade_1": "INT64"}})
    {'Person': {'grade_1': 'Grade.1'}}
    >>> new_labels(labels, {"Person": {"grade_1": "Grade.1"}}, {"Person": {"grade_1": "INT64"}})
    {}
    """
    new: dict[str, dict[str, str]] = {}
    for table, of_table in labels.items():
        have = stored.get(table, {})
        for column, label in of_table.items():
            if have.get(column) != label and any(column in c.get(table, {}) for c in columns):
                new.setdefault(table, {})[column] = label
    return new


def write_map(
    store: GraphStore,
    cmap: CommunityMap,
    provenance: str = PYTHON_SOURCE,
    *,
    prune: bool = False,
    allow_framework: bool = False,
) -> WritePlan:
    """Plan writing ``cmap`` into ``store`` and apply the plan: only what changes is written.

    This is every backend's ``write``; ``store.apply`` makes it one transaction, all of
    it or nothing.  Returns the plan that was applied (empty when nothing changed).
    """
    plan = plan_against(store, cmap, provenance, prune=prune, allow_framework=allow_framework)
    if not plan.is_empty:
        store.apply(plan)
    return plan
