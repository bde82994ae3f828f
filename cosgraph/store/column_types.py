"""Type rules for stored columns: which values a column takes, and how they are stored.

A free attribute's column gets the narrowest type that holds its values
(:func:`~cosgraph.store.schema.infer_type`).  Once stored, a column keeps its type:
a later value must fit it (:func:`fits_column`), and is stored as the column stores it
(:func:`coerce_value`).  Both backends and the metric write-back use these rules, so a
map behaves the same on LadybugDB and on Neo4j.

>>> fits_column("DOUBLE", "INT64"), fits_column("INT64", "DOUBLE")
(True, False)
>>> coerce_value(3, "DOUBLE"), coerce_value(True, "STRING")
(3.0, 'true')
"""

from __future__ import annotations

from typing import Any

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.limits import attribute_column_problems
from cosgraph.model import CommunityMap
from cosgraph.store.schema import infer_type, kind_of_label, node_columns, tie_columns

__all__ = [
    "fits_column",
    "coerce_value",
    "attribute_types",
    "missing_tie_fields",
    "stored_attribute_counts",
]


def fits_column(stored: str, wanted: str) -> bool:
    """True when values of type ``wanted`` may go into a column stored as ``stored``.

    A column takes values of its own type, and a ``DOUBLE`` column takes whole
    numbers too (``INT64``): a column of 2.5 and 3 is a column of numbers.  Nothing
    else widens: a number never goes into a ``STRING`` column once stored, nor text
    into a number column.

    Parameters
    ----------
    stored : str
        The column's store type (``STRING``, ``INT64``, ``DOUBLE``, ``BOOLEAN``).
    wanted : str
        The type :func:`~cosgraph.store.schema.infer_type` gives the new values.

    Returns
    -------
    bool

    Examples
    --------
    >>> fits_column("STRING", "STRING"), fits_column("DOUBLE", "INT64")
    (True, True)
    >>> fits_column("INT64", "DOUBLE"), fits_column("STRING", "INT64")
    (False, False)
    """
    return stored == wanted or (stored == "DOUBLE" and wanted == "INT64")


def coerce_value(value: Any, column_type: str) -> Any:
    """A value as its column stores it (an attribute column may be wider than a value).

    Parameters
    ----------
    value : Any
        A node or tie property; ``None`` stays ``None``.
    column_type : str
        The store type of the column it goes into.

    Returns
    -------
    Any
        ``value`` as text for a ``STRING`` column (booleans as ``true``/``false``), as a
        float for a ``DOUBLE`` column given a whole number, else unchanged.

    Examples
    --------
    >>> coerce_value(2, "DOUBLE"), coerce_value(False, "STRING"), coerce_value(7, "STRING")
    (2.0, 'false', '7')
    >>> coerce_value(None, "DOUBLE") is None
    True
    """
    if value is None:
        return None
    if column_type == "STRING" and not isinstance(value, str):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if column_type == "DOUBLE" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def attribute_types(
    cmap: CommunityMap, existing: dict[str, dict[str, str]]
) -> dict[str, dict[str, str]]:
    """New attribute columns per store label (``"Person"``, or a tie type).

    Parameters
    ----------
    cmap : CommunityMap
        The map about to be written.
    existing : dict
        Store label -> its current columns and their types.

    Returns
    -------
    dict
        Store label -> {column: type} for every attribute column not stored yet.

    Raises
    ------
    LoadError
        Naming where each value was read that does not fit its stored column
        (see :func:`fits_column`), or that would pass the limits on attribute
        columns (:mod:`cosgraph.limits`, counting the stored ones).

    Examples
    --------
    >>> from cosgraph.model import Person
    >>> cmap = CommunityMap(nodes=[Person(id="ana", attributes={"age": 34, "team": "b"})])
    >>> attribute_types(cmap, {"Person": {"age": "DOUBLE"}})
    {'Person': {'team': 'STRING'}}
    >>> attribute_types(cmap, {"Person": {"age": "BOOLEAN"}})
    Traceback (most recent call last):
    ...
    cosgraph.errors.LoadError: <map>, field 'age': 34 does not fit the stored BOOLEAN column 'age'
    """
    values: dict[str, dict[str, list[tuple[Any, Any]]]] = {}
    for node in cmap.nodes:
        for key, value in node.attributes.items():
            values.setdefault(node.label, {}).setdefault(key, []).append((node.id, value))
    for tie in cmap.ties:
        for key, value in tie.attributes.items():
            values.setdefault(str(tie.type), {}).setdefault(key, []).append((tie.key, value))
    new: dict[str, dict[str, str]] = {}
    problems: list[SourceLocation] = []
    for label, columns in values.items():
        have = existing.get(label, {})
        for key, pairs in columns.items():
            wanted = infer_type(v for _, v in pairs)
            stored = have.get(key)
            if stored is None:
                new.setdefault(label, {})[key] = wanted
                continue
            if fits_column(stored, wanted):
                continue
            for where, value in pairs:
                if not fits_column(stored, infer_type([value])):
                    problems.append(
                        cmap.locations.get(where, SourceLocation(file="<map>")).with_message(
                            key, f"{value!r} does not fit the stored {stored} column {key!r}"
                        )
                    )
    first_seen = {
        label: {
            key: cmap.locations.get(values[label][key][0][0], SourceLocation(file="<map>"))
            for key in columns
        }
        for label, columns in new.items()
    }
    problems.extend(attribute_column_problems(first_seen, stored_attribute_counts(existing)))
    if problems:
        raise LoadError(problems)
    return new


def missing_tie_fields(
    written: dict[str, set[str]], existing: dict[str, dict[str, str]]
) -> dict[str, dict[str, str]]:
    """The model's tie fields a load writes a value into and whose table lacks their
    column: tie tables are made with few columns
    (:func:`~cosgraph.store.schema.tie_table_columns`) and get the others on first use.

    Parameters
    ----------
    written : dict
        Tie type -> the tie fields the load gives a value (not a blank) somewhere.
    existing : dict
        Store label -> its current columns and their types.

    Returns
    -------
    dict
        Tie type -> {field: its store type} for each column to add.

    Examples
    --------
    >>> missing_tie_fields({"KNOWS": {"weight", "strength"}}, {"KNOWS": {"weight": "DOUBLE"}})
    {'KNOWS': {'strength': 'DOUBLE'}}
    """
    fields = tie_columns()
    new: dict[str, dict[str, str]] = {}
    for tie_type, names in written.items():
        have = existing.get(tie_type, {})
        for name in sorted(names):
            if name in fields and name not in have:
                new.setdefault(tie_type, {})[name] = fields[name]
    return new


def stored_attribute_counts(existing: dict[str, dict[str, str]]) -> dict[str, int]:
    """Label -> how many of its stored columns are free attributes (not the model's)."""
    counts: dict[str, int] = {}
    for label, columns in existing.items():
        try:
            schema = node_columns(kind_of_label(label))
        except KeyError:  # not a node label: a tie type
            schema = tie_columns()
        counts[label] = len(set(columns) - set(schema))
    return counts
