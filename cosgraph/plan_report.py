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
from typing import Any

from cosgraph.store import WritePlan

__all__ = ["plan_lines", "plan_json", "SHOWN_KEPT"]

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
