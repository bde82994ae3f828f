"""One base for the results analyses return, and the row type they print as.

A result is a pydantic model, so it is typed, validated and JSON-serialisable as is:
``--format json`` prints ``model_dump(mode="json")``.  For a table or CSV it flattens
its main part into :data:`Row` dicts with ``table_rows()`` (results with several parts
take a ``section``).

>>> class Tally(Result):
...     counts: dict[str, int]
...
...     def table_rows(self) -> list[Row]:
...         return [{"kind": k, "count": n} for k, n in self.counts.items()]
>>> Tally(counts={"person": 3}).table_rows()
[{'kind': 'person', 'count': 3}]
>>> Tally(counts={"person": 3}).model_dump(mode="json")
{'counts': {'person': 3}}
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

__all__ = ["Row", "Result", "model_rows"]

#: One flat row of a table or CSV: column -> a plain value.
Row = dict[str, str | int | float | bool | None]


class Result(BaseModel):
    """A printable analysis result: JSON is the model; ``table_rows()`` its rows."""

    def table_rows(self) -> list[Row]:
        """Flat rows of the result's main part, for a table or CSV."""
        raise NotImplementedError(f"{type(self).__name__} defines no table rows")


def model_rows(models: Iterable[BaseModel]) -> list[Row]:
    """One row per model of plain fields: its fields as JSON values, in field order.

    >>> class Point(BaseModel):
    ...     x: int
    ...     label: str | None = None
    >>> model_rows([Point(x=1), Point(x=2, label="b")])
    [{'x': 1, 'label': None}, {'x': 2, 'label': 'b'}]
    """
    return [model.model_dump(mode="json") for model in models]
