"""Each load's provenance and time kept once in the embedded store, as a ``stamp`` number.

Every node and tie records the source it came from and when it last changed
(``provenance`` and ``loaded_at``, :data:`~cosgraph.store.schema.PROVENANCE_COLUMNS`).
A load gives all of its rows the same two values, so the embedded store keeps each
distinct pair once, as a row of the ``Stamp`` table (``number``, ``provenance``,
``loaded_at``), and every node and tie the ``_stamp`` number of its pair.  Measured on
a million ties, LadybugDB's COPY took 0.6-0.7 s for two text columns on every row and
0.1 s for one whole-number column.

Everything the store hands out and every plan it takes still has ``provenance`` and
``loaded_at``: :class:`Stamps` turns rows and Arrow tables one way on a write and the
other way on a read, and :func:`logical_columns` is the schema the planners see.  In
Cypher of one's own, a row's source is one join away::

    MATCH (p:Person), (s:Stamp) WHERE p._stamp = s.number RETURN p.id, s.provenance

The column's leading ``_`` keeps it apart from the user's columns: an attribute name
starts with a letter (:data:`cosgraph.model.ATTRIBUTE_NAME`), so a ``stamp`` column of
one's own is an attribute like any other.

A store made by an older cosgraph keeps both text columns on every row until a write
upgrades it (:meth:`cosgraph.store.embedded.EmbeddedStore.init`); reading it needs no
upgrade, as its rows already hold the two values.

>>> stamps = Stamps([(1, "people.csv", "2026-12-03T10:00:00+00:00")])
>>> stamps.stored_row({"id": "ana", "provenance": "ties.csv", "loaded_at": "t"})
{'id': 'ana', '_stamp': 2}
>>> stamps.new
[(2, 'ties.csv', 't')]
>>> stamps.read_value({"_LABEL": "Person", "id": "ana", "_stamp": 1})["provenance"]
'people.csv'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from cosgraph.store.schema import PROVENANCE_COLUMNS

__all__ = [
    "STAMP_TABLE",
    "STAMP_COLUMN",
    "STAMP_TABLE_COLUMNS",
    "stored_columns",
    "logical_columns",
    "Stamps",
]

#: The table holding one row per distinct (provenance, loaded_at) pair.
STAMP_TABLE = "Stamp"
#: The column of every node and tie table holding its row's ``Stamp.number`` (no
#: attribute name starts with ``_``, so no user's column can meet it).
STAMP_COLUMN = "_stamp"
#: The ``Stamp`` table's columns (``number`` is its primary key).
STAMP_TABLE_COLUMNS = {"number": "INT64", **PROVENANCE_COLUMNS}
_PAIR = tuple(PROVENANCE_COLUMNS)


def stored_columns(columns: dict[str, str]) -> dict[str, str]:
    """``columns`` as an embedded table keeps them: ``_stamp`` where the pair was.

    >>> stored_columns({"id": "STRING", "provenance": "STRING", "loaded_at": "STRING"})
    {'id': 'STRING', '_stamp': 'INT64'}
    """
    out: dict[str, str] = {}
    for name, kind in columns.items():
        if name in PROVENANCE_COLUMNS:
            out[STAMP_COLUMN] = "INT64"
        else:
            out[name] = kind
    return out


def logical_columns(stored: dict[str, str]) -> dict[str, str]:
    """A table's ``stored`` columns as every planner sees them: the pair for ``_stamp``.

    >>> logical_columns({"id": "STRING", "_stamp": "INT64", "weight": "DOUBLE"})
    {'id': 'STRING', 'provenance': 'STRING', 'loaded_at': 'STRING', 'weight': 'DOUBLE'}
    """
    out: dict[str, str] = {}
    for name, kind in stored.items():
        if name == STAMP_COLUMN:
            out.update(PROVENANCE_COLUMNS)
        else:
            out[name] = kind
    return out


class Stamps:
    """The ``Stamp`` table's pairs by number, and the numbers a write adds (:attr:`new`).

    ``rows`` are the stored ``(number, provenance, loaded_at)``; a pair not among them
    gets the next number the first time a write asks for it.
    """

    def __init__(self, rows: Iterable[tuple[int, str | None, str | None]] = ()):
        self._pairs: dict[int, tuple[str | None, str | None]] = {}
        self._numbers: dict[tuple[str | None, str | None], int] = {}
        for number, provenance, loaded_at in rows:
            self._pairs[number] = (provenance, loaded_at)
            self._numbers.setdefault((provenance, loaded_at), number)
        #: ``(number, provenance, loaded_at)`` of each pair a write asked for first.
        self.new: list[tuple[int, str | None, str | None]] = []

    # -- writes ---------------------------------------------------------------------
    def number(self, provenance: str | None, loaded_at: str | None) -> int | None:
        """The number of a pair (a new one if the table lacks it); ``None`` for no pair.

        >>> s = Stamps()
        >>> s.number("a.csv", "t"), s.number("a.csv", "t"), s.number(None, None)
        (1, 1, None)
        """
        if provenance is None and loaded_at is None:
            return None
        pair = (provenance, loaded_at)
        if pair not in self._numbers:
            number = max(self._pairs, default=0) + 1
            self._pairs[number] = pair
            self._numbers[pair] = number
            self.new.append((number, provenance, loaded_at))
        return self._numbers[pair]

    def stored_row(self, props: dict[str, Any]) -> dict[str, Any]:
        """``props`` as stored: its ``provenance`` and ``loaded_at`` as one number."""
        if not any(name in props for name in _PAIR):
            return props
        row = {k: v for k, v in props.items() if k not in PROVENANCE_COLUMNS}
        row[STAMP_COLUMN] = self.number(*(props.get(name) for name in _PAIR))
        return row

    @staticmethod
    def stored_names(names: Iterable[str]) -> tuple[str, ...]:
        """Column names as stored: ``_stamp`` (once) for the pair.

        >>> Stamps.stored_names(["power", "provenance", "loaded_at"])
        ('power', '_stamp')
        """
        return tuple(stored_columns(dict.fromkeys(names, "")))

    def stored_table(self, table: pa.Table) -> pa.Table:
        """``table`` as stored: the pair's columns replaced by one ``_stamp`` column.

        >>> t = pa.table({"id": ["a", "b"], "provenance": ["f", "f"], "loaded_at": ["t", "t"]})
        >>> Stamps().stored_table(t).to_pydict()
        {'id': ['a', 'b'], '_stamp': [1, 1]}
        """
        names = [n for n in _PAIR if n in table.column_names]
        if not names:
            return table
        pair = [
            table[n] if n in table.column_names else pa.nulls(table.num_rows, pa.string())
            for n in _PAIR
        ]
        if table.num_rows and all(_constant(column) for column in pair):
            number = self.number(*(column[0].as_py() for column in pair))
            stamp = pa.repeat(pa.scalar(number, pa.int64()), table.num_rows)
        else:  # rows of several loads (a copy between stores keeps each row's)
            values = zip(*(column.to_pylist() for column in pair), strict=True)
            stamp = pa.array([self.number(p, t) for p, t in values], pa.int64())
        at = table.column_names.index(names[0])
        for name in names:
            table = table.remove_column(table.column_names.index(name))
        return table.add_column(at, STAMP_COLUMN, stamp)

    # -- reads ----------------------------------------------------------------------
    def pair(self, number: int | None) -> dict[str, str | None]:
        """``{"provenance": ..., "loaded_at": ...}`` of a number (blanks for none)."""
        provenance, loaded_at = self._pairs.get(number, (None, None)) if number else (None, None)
        return {"provenance": provenance, "loaded_at": loaded_at}

    def read_value(self, value: Any) -> Any:
        """A node or rel value as read, with its pair in place of its ``_stamp``."""
        if isinstance(value, dict) and "_LABEL" in value and STAMP_COLUMN in value:
            out = {k: v for k, v in value.items() if k != STAMP_COLUMN}
            out.update(self.pair(value[STAMP_COLUMN]))
            return out
        return value

    def read_table(self, table: pa.Table) -> pa.Table:
        """A read's ``provenance`` or ``loaded_at`` columns that hold numbers (a
        statement returned ``n._stamp AS provenance``) as the text they stand for."""
        numbers = pa.array(list(self._pairs), pa.int64())
        for position, name in enumerate(table.column_names):
            column = table.column(position)
            if name in PROVENANCE_COLUMNS and pa.types.is_integer(column.type):
                texts = pa.array([pair[_PAIR.index(name)] for pair in self._pairs.values()])
                found = pc.index_in(column, value_set=numbers)
                table = table.set_column(position, name, pc.take(texts.cast(pa.string()), found))
        return table


def _constant(column: pa.ChunkedArray) -> bool:
    """True when every value of ``column`` is the same (all blank counts).

    >>> one = pa.DictionaryArray.from_arrays(pa.array([0, 0], pa.int8()), pa.array(["f"]))
    >>> _constant(pa.chunked_array([one])), _constant(pa.chunked_array([["f", "g"]]))
    (True, False)
    """
    if column.null_count == len(column):
        return True
    if column.null_count:
        return False
    if pa.types.is_dictionary(column.type):
        if all(len(chunk.dictionary) == 1 for chunk in column.chunks):
            values = {chunk.dictionary[0].as_py() for chunk in column.chunks}
            return len(values) == 1
        column = column.cast(column.type.value_type)
    bounds = pc.min_max(column)
    return bool(bounds["min"].as_py() == bounds["max"].as_py())
