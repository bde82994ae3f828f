"""What a write plan did (or, dry run, would do), as lines for people and a dict for JSON.

One report for every command that writes a map (``load``, ``load-network``, ``copy``)
and for Python callers; the CLI only prints it.  CSV output is the plan's own
:meth:`~cosgraph.store.WritePlan.summary_rows`.

>>> from cosgraph.model import CommunityMap, Person
>>> from cosgraph.store import open_store
>>> import tempfile, pathlib
>>> store = open_store(pathlib.Path(tempfile.mkdtemp()) / "m.lbug"); store.init()
>>> plan = store.plan(CommunityMap(nodes=[Person(id="ana"), Person(id="bo")]))
>>> for line in plan_lines(plan, dry_run=True):
...     print(line)
would be created: 2 person
would change 2 nodes and 0 ties; 0 nodes and 0 ties unchanged
>>> plan_json(plan, dry_run=True)["counts"]
{'created': {'person': 2}, 'updated': {}}
>>> store.close()
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from cosgraph.consent import Audience
from cosgraph.store import WritePlan
from cosgraph.store.plan import NodeChange, TieChange

if TYPE_CHECKING:
    import networkx as nx
    import pyarrow as pa

__all__ = ["plan_lines", "plan_json", "plan_people", "masked_plan", "SHOWN_KEPT"]

#: How many kept rows (no longer in the file, not pruned) the lines list one by one.
SHOWN_KEPT = 20


def plan_lines(plan: WritePlan, *, dry_run: bool = False, list_kept: bool = True) -> list[str]:
    """Counts in sentences: what was (``dry_run``: would be) created, updated, removed.

    Parameters
    ----------
    plan : WritePlan
    dry_run : bool
        The plan was only planned, not written: say "would".
    list_kept : bool
        Also list, up to :data:`SHOWN_KEPT` of them, what an earlier load of the same
        source put in and this one no longer holds, when the plan keeps it (not
        ``prune``): what ``cosgraph load --prune`` would remove.

    Returns
    -------
    list of str
        One line each, without line ends.
    """
    counts = plan.counts()
    removals = len(plan.removed_nodes) + len(plan.removed_ties)
    lines: list[str] = []
    if plan.is_empty:
        same = f"{plan.unchanged_nodes} nodes, {plan.unchanged_ties} ties as stored"
        lines.append(f"nothing to change ({same})")
    else:
        actions = ["created", "updated"] + (["removed"] if plan.prune and removals else [])
        for action in actions:
            for what, n in counts[action].items():
                lines.append(f"{'would be ' if dry_run else ''}{action}: {n} {what}")
        verb = "would change" if dry_run else "changed"
        lines.append(
            f"{verb} {plan.node_count} nodes and {plan.tie_count} ties; "
            f"{plan.unchanged_nodes} nodes and {plan.unchanged_ties} ties unchanged"
        )
        if plan.prune and removals:
            verb = "would remove" if dry_run else "removed"
            lines.append(
                f"{verb} {len(plan.removed_nodes)} nodes and {len(plan.removed_ties)} ties"
            )
    if list_kept and removals and not plan.prune:
        by_what = Counter(n.kind for n in plan.removed_nodes)  # nodes first, then ties
        by_what.update(t.type for t in plan.removed_ties)
        tally = ", ".join(f"{n} {what}" for what, n in by_what.items())
        lines.append(f"no longer in the file (kept; --prune removes them): {tally}")
        rows = [r for r in plan.summary_rows() if r["action"] == "would remove"]
        lines += [f"  {row['what']} {row['id']}" for row in rows[:SHOWN_KEPT]]
        if len(rows) > SHOWN_KEPT:
            lines.append(f"  ... and {len(rows) - SHOWN_KEPT} more (--format csv lists all)")
    return lines


def plan_json(plan: WritePlan, *, dry_run: bool = False) -> dict[str, Any]:
    """The plan's counts and every change, as JSON-ready data.

    Keys: ``dry_run``, ``prune``, ``counts`` (see :meth:`WritePlan.counts`),
    ``unchanged`` (``nodes``, ``ties``) and ``changes`` (one row per change).
    """
    return {
        "dry_run": dry_run,
        "prune": plan.prune,
        "counts": plan.counts(),
        "unchanged": {"nodes": plan.unchanged_nodes, "ties": plan.unchanged_ties},
        "changes": plan.summary_rows(),
    }


def plan_people(plan: WritePlan, *graphs: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Everyone a plan names, with their consent: ``graphs`` (later ones win) and the
    plan's own rows (new values over stored ones, removed rows as stored).

    Build the :class:`~cosgraph.consent.Audience` of a load or diff report from it:
    pass the store's projection and the file's map, so a tie to a person neither
    created nor removed still finds that person's consent.

    >>> from cosgraph.store.plan import NodeChange
    >>> plan = WritePlan(removed_nodes=[NodeChange("person", "bo", "remove",
    ...                                            {"consent": "private"})])
    >>> plan_people(plan).nodes["bo"]["consent"]
    'private'
    """
    import networkx as nx

    G = nx.MultiDiGraph()
    for graph in graphs:
        for node, data in graph.nodes(data=True):
            G.add_node(node, **data)
    for change in [*plan.removed_nodes, *plan.nodes]:
        known = dict(G.nodes[change.id]) if change.id in G else {}
        G.add_node(change.id, **{**change.old, **known, **change.properties, "kind": change.kind})
    for kind, table in plan.created_nodes.items():  # a columnar load's new nodes
        for row in table.to_pylist():
            new = {k: v for k, v in row.items() if v is not None}
            known = dict(G.nodes[row["id"]]) if row["id"] in G else {}
            G.add_node(row["id"], **{**known, **new, "kind": kind})
    return G


_Change = TypeVar("_Change", NodeChange, TieChange)


def masked_plan(plan: WritePlan, seen: Audience) -> WritePlan:
    """``plan`` as ``seen`` may read it: ids, ends and values of hidden people under
    their placeholders, and their rows after everyone else's (by placeholder), so the
    order of a report says nothing about where a hidden id sorts.

    Counts are unchanged: a report still says how many rows a load touched.

    >>> from cosgraph.store.plan import NodeChange
    >>> plan = WritePlan(nodes=[NodeChange("person", i, "create", {}) for i in "abc"])
    >>> seen = Audience("public", {"a": "person-zz"})
    >>> [n.id for n in masked_plan(plan, seen).nodes]
    ['b', 'c', 'person-zz']
    """
    if not seen.hidden_count:
        return plan
    return replace(
        plan,
        nodes=_masked(plan.nodes, seen),
        ties=_masked(plan.ties, seen),
        removed_nodes=_masked(plan.removed_nodes, seen),
        removed_ties=_masked(plan.removed_ties, seen),
        created_nodes={k: _masked_table(t, ["id"], seen) for k, t in plan.created_nodes.items()},
        created_ties={
            k: _masked_table(t, ["source", "target"], seen) for k, t in plan.created_ties.items()
        },
        updated_ties={
            k: _masked_table(t, ["source", "target"], seen) for k, t in plan.updated_ties.items()
        },
    )


def _masked_table(table: pa.Table, ends: list[str], seen: Audience) -> pa.Table:
    """A columnar load's new or changed rows (:attr:`WritePlan.created_nodes`,
    ``created_ties`` or ``updated_ties``)
    as ``seen`` may read them: masked as :meth:`Audience.mask_rows` masks rows, those
    naming a hidden person after the others, ordered by placeholder."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not table.num_rows:
        return table
    hidden_ids = pa.array([str(p) for p in seen.placeholders], pa.string())
    named = pc.is_in(table[ends[0]], value_set=hidden_ids)
    for end in ends[1:]:
        named = pc.or_(named, pc.is_in(table[end], value_set=hidden_ids))
    if not pc.any(named).as_py():
        return table
    shown = table.filter(pc.invert(named))
    hidden = [seen.mask(row) for row in table.filter(named).to_pylist()]
    hidden.sort(key=lambda row: sorted(str(row[e]) for e in ends if seen.is_hidden(row[e])))
    return pa.concat_tables([shown, pa.Table.from_pylist(hidden, schema=table.schema)])


def _masked(changes: list[_Change], seen: Audience) -> list[_Change]:
    shown: list[_Change] = []
    hidden: list[tuple[list[str], _Change]] = []
    for change in changes:
        ends = [change.id] if isinstance(change, NodeChange) else [change.source, change.target]
        masked = replace(
            change,
            properties=seen.mask(change.properties),
            old=seen.mask(change.old),
            **(
                {"id": seen.mask(change.id)}
                if isinstance(change, NodeChange)
                else {"source": seen.mask(change.source), "target": seen.mask(change.target)}
            ),
        )
        tokens = sorted(str(seen.mask(e)) for e in ends if seen.is_hidden(e))
        if tokens:
            hidden.append((tokens, masked))
        else:
            shown.append(masked)
    hidden.sort(key=lambda pair: pair[0])
    return shown + [change for _, change in hidden]
