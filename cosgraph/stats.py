"""Counts of what a store holds: by kind, by tie type, by tripod role, by sector; and
the columns of the user's own data, each under the header it was read from.

>>> import tempfile, pathlib
>>> from cosgraph.store import open_store
>>> from cosgraph.model import CommunityMap, Person
>>> store = open_store(pathlib.Path(tempfile.mkdtemp()) / "m.lbug"); store.init()
>>> _ = store.write(CommunityMap(nodes=[Person(id="ana", tripod_role="lived_experience")]))
>>> s = store_stats(store)
>>> s.by_kind["person"], s.by_tripod_role
(1, {'lived_experience': 1})
>>> cmap = CommunityMap(nodes=[Person(id="bo", attributes={"grade_1": 3})],
...                     column_labels={"Person": {"grade_1": "Grade.1"}})
>>> _ = store.write(cmap)
>>> store_stats(store).columns
{'Person': {'grade_1': 'Grade.1'}}
>>> store.close()
"""

from __future__ import annotations

from collections import Counter

from cosgraph.analysis.result import Result, Row
from cosgraph.store import GraphStore
from cosgraph.store.schema import kind_of_label, node_columns, tie_columns

__all__ = ["StoreStats", "store_stats"]


class StoreStats(Result):
    by_kind: dict[str, int]
    by_tie_type: dict[str, int]
    by_tripod_role: dict[str, int]
    by_sector: dict[str, dict[str, int]]
    #: Store label -> attribute column -> its header as read (its name, if the same).
    columns: dict[str, dict[str, str]] = {}

    def table_rows(self) -> list[Row]:
        """One row per count: what is counted, the value, how many."""
        rows: list[Row] = []
        rows += [{"count_of": "kind", "value": k, "count": n} for k, n in self.by_kind.items()]
        rows += [
            {"count_of": "tie_type", "value": k, "count": n} for k, n in self.by_tie_type.items()
        ]
        rows += [
            {"count_of": "tripod_role", "value": k, "count": n}
            for k, n in self.by_tripod_role.items()
        ]
        rows += [
            {"count_of": f"sector ({kind})", "value": sector, "count": n}
            for sector, kinds in self.by_sector.items()
            for kind, n in kinds.items()
        ]
        rows += [
            {"count_of": f"column ({table})", "value": _shown(name, header), "count": None}
            for table, named in self.columns.items()
            for name, header in named.items()
        ]
        return rows


def _shown(name: str, header: str) -> str:
    """``Grade.1 (stored as grade_1)``, or the name alone when it is the header."""
    return header if header == name else f"{header} (stored as {name})"


def _attribute_columns(store: GraphStore) -> dict[str, dict[str, str]]:
    """Store label -> its free attribute columns -> the header each was read from."""
    labels = store.column_labels()
    out: dict[str, dict[str, str]] = {}
    for table, columns in store.columns().items():
        try:
            schema = node_columns(kind_of_label(table))
        except KeyError:  # not a node label: a tie type
            schema = tie_columns()
        free = sorted(set(columns) - set(schema))
        if free:
            out[table] = {c: labels.get(table, {}).get(c, c) for c in free}
    return out


def store_stats(store: GraphStore) -> StoreStats:
    """Count the store's nodes and ties through the named ``stats_*`` queries."""
    by_kind = {kind_of_label(r["kind"]): r["count"] for r in store.query("stats_by_kind")}
    by_tie = {r["type"]: r["count"] for r in store.query("stats_by_tie_type")}
    by_role = {r["tripod_role"]: r["count"] for r in store.query("stats_by_tripod_role")}
    sectors: dict[str, Counter[str]] = {}
    for r in store.query("stats_by_sector"):
        sectors.setdefault(r["sector"], Counter())[r["kind"]] += r["count"]
    return StoreStats(
        by_kind=dict(sorted(by_kind.items())),
        by_tie_type=dict(sorted(by_tie.items())),
        by_tripod_role=by_role,
        by_sector={s: dict(c) for s, c in sorted(sectors.items())},
        columns=_attribute_columns(store),
    )
