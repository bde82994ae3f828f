"""One base for the results analyses return, and the row type they print as.

A result is a pydantic model, so it is typed, validated and JSON-serialisable as is:
``--format json`` prints ``model_dump(mode="json")``.  For a table or CSV it flattens
its main part into :data:`Row` dicts with ``table_rows()``; a result of several parts
names them in ``sections()``, and ``section_rows(name)`` gives any one of them
(``cosgraph analyze ... --section NAME``).

>>> class Tally(Result):
...     counts: dict[str, int]
...
...     def table_rows(self) -> list[Row]:
...         return [{"kind": k, "count": n} for k, n in self.counts.items()]
...
...     def sections(self):
...         return {"counts": self.table_rows, "total": lambda: [{"n": sum(self.counts.values())}]}
>>> tally = Tally(counts={"person": 3, "organization": 1})
>>> tally.table_rows()
[{'kind': 'person', 'count': 3}, {'kind': 'organization', 'count': 1}]
>>> tally.section_rows("total"), tally.model_dump(mode="json")
([{'n': 4}], {'counts': {'person': 3, 'organization': 1}})
>>> tally.section_rows("mean")
Traceback (most recent call last):
...
cosgraph.errors.AnalysisError: unknown section 'mean' of Tally; choose from counts, total
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

from cosgraph.errors import AnalysisError

__all__ = [
    "Row",
    "Result",
    "model_rows",
    "names_of",
    "name_path",
    "PATH_JOIN",
    "LEGEND",
    "legend_lines",
]

#: One flat row of a table or CSV: column -> a plain value.
Row = dict[str, str | int | float | bool | None]


class Result(BaseModel):
    """A printable analysis result: JSON is the model; ``table_rows()`` its rows."""

    def table_rows(self) -> list[Row]:
        """Flat rows of the result's main part, for a table or CSV."""
        raise NotImplementedError(f"{type(self).__name__} defines no table rows")

    def sections(self) -> dict[str, Callable[[], list[Row]]]:
        """The parts a table or CSV can show, by name, the main part first.

        Empty for a result of one part (``table_rows()`` is all there is).
        """
        return {}

    def section_rows(self, section: str | None = None) -> list[Row]:
        """Flat rows of the part named ``section`` (the main part when None).

        Raises
        ------
        AnalysisError
            When the result has no part of that name.
        """
        if section is None:
            return self.table_rows()
        parts = self.sections()
        if section not in parts:
            raise AnalysisError(
                f"unknown section {section!r} of {type(self).__name__}; "
                f"choose from {', '.join(parts) or 'none'}"
            )
        return parts[section]()

    def to_pandas(self, section: str | None = None) -> Any:
        """The rows of ``section`` (the main part by default) as a pandas DataFrame.

        pandas is imported only here, and is optional: ``pip install 'cosgraph[pandas]'``.
        Columns and values are those of ``--format csv``, at full precision.

        Raises
        ------
        AnalysisError
            When pandas is not installed, or the result has no part named ``section``.

        Examples
        --------
        >>> class Tally(Result):
        ...     counts: dict[str, int]
        ...     def table_rows(self):
        ...         return [{"kind": k, "count": n} for k, n in self.counts.items()]
        >>> Tally(counts={"person": 3, "organization": 1}).to_pandas()
                   kind  count
        0        person      3
        1  organization      1
        """
        try:
            import pandas as pd
        except ImportError:
            raise AnalysisError(
                "to_pandas() needs pandas: pip install 'cosgraph[pandas]'"
            ) from None
        return pd.DataFrame(self.section_rows(section))


#: What joins the steps of a path printed in a cell.
PATH_JOIN = " > "


def names_of(G: Any, ids: Iterable[str]) -> dict[str, str]:
    """Each id's ``name`` in ``G`` (the id itself when it has none, as a hidden
    person's placeholder has none), for printing people by name.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(); G.add_node("p1", name="Ana"); G.add_node("p2")
    >>> names_of(G, ["p1", "p2", "p1"])
    {'p1': 'Ana', 'p2': 'p2'}
    """
    out: dict[str, str] = {}
    for node in ids:
        name = G.nodes[node].get("name") if node in G else None
        out[node] = name if isinstance(name, str) and name else node
    return out


def name_path(path: Iterable[str], names: dict[str, str]) -> str:
    """A path of ids as a cell of names: ``Ana > Bo > city``.

    >>> name_path(["p1", "p2"], {"p1": "Ana"})
    'Ana > p2'
    """
    return PATH_JOIN.join(names.get(step, step) for step in path)


#: Plain words for the jargon a table's columns may use (shown under table output).
LEGEND: dict[str, str] = {
    "betweenness": "how often someone sits on the shortest way between two others",
    "constraint": "how closed-in someone's contacts are (low = a broker between groups)",
    "coordinator": "brokers inside their own group",
    "itinerant": "links two people of one group from outside it",
    "gatekeeper": "lets an outsider's contact into the broker's own group",
    "representative": "carries their own group's contact out to another group",
    "liaison": "links two groups, belonging to neither",
    "standing": "regard from the tie network (PageRank)",
    "influence": "declared power blended with standing",
    "quadrant": "power x interest grid: manage closely, keep satisfied, keep informed, monitor",
}


def legend_lines(rows: Iterable[Row]) -> str | None:
    """Lines explaining the jargon among the columns of ``rows``, one word a line
    (None when there is none).

    >>> legend_lines([{"name": "Ana", "constraint": 0.4}])
    "constraint: how closed-in someone's contacts are (low = a broker between groups)"
    >>> legend_lines([{"name": "Ana"}]) is None
    True
    """
    columns: set[str] = set()
    for row in rows:
        columns.update(row)
    words = [w for w in LEGEND if any(w == c or c.startswith(f"{w}_") for c in columns)]
    return "\n".join(f"{w}: {LEGEND[w]}" for w in words) or None


def model_rows(models: Iterable[BaseModel]) -> list[Row]:
    """One row per model of plain fields: its fields as JSON values, in field order.

    >>> class Point(BaseModel):
    ...     x: int
    ...     label: str | None = None
    >>> model_rows([Point(x=1), Point(x=2, label="b")])
    [{'x': 1, 'label': None}, {'x': 2, 'label': 'b'}]
    """
    return [model.model_dump(mode="json") for model in models]


def node_names(G: Any) -> dict[str, str]:
    """id -> ``name`` of every node of ``G`` that has one (a hidden person's placeholder
    has none in an audience's graph), for tables that name people.

    >>> import networkx as nx
    >>> G = nx.DiGraph(); G.add_node("p1", name="Ana"); G.add_node("p2")
    >>> node_names(G)
    {'p1': 'Ana'}
    """
    return {
        str(node): name for node, name in G.nodes(data="name") if isinstance(name, str) and name
    }


def with_names(rows: list[Row], names: dict[str, str]) -> list[Row]:
    """``rows`` with a ``name`` column first (the id where a node has no name), so a
    room reads people by name and the id keeps its own column; unchanged when no node
    has a name (a researcher's network of bare ids).

    >>> with_names([{"id": "p1", "x": 1}, {"id": "p2", "x": 2}], {"p1": "Ana"})
    [{'name': 'Ana', 'id': 'p1', 'x': 1}, {'name': 'p2', 'id': 'p2', 'x': 2}]
    >>> with_names([{"id": "p1"}], {})
    [{'id': 'p1'}]
    """
    if not names:
        return rows
    return [{"name": names.get(str(row["id"]), row["id"]), **row} for row in rows]
