"""How a column of cells is typed: decided once for the whole column, never cell by cell.

A CSV or workbook column holding free attributes is read as

- whole numbers (``int``) when every non-blank cell is a plain whole number;
- numbers (``float``) when every non-blank cell is a plain number and some are not whole;
- ``true``/``false`` (``bool``) when every non-blank cell is one of them (any case);
- text otherwise, every cell exactly as written: ``02139``, ``007``, ``+1`` and `` 3``
  are not plain numbers (:func:`cosgraph.cells.text_kind`), so a column holding one of
  them is text throughout, and a column mixing ``1`` and ``01`` keeps both as written.

Blank cells, and the markers of "no value" (``NA``, ``N/A``, ``NULL``, ...:
:data:`cosgraph.cells.MISSING_MARKERS`), are no value and do not count.  A value a
typed format already typed (a GraphML or GEXF key's declared type, a JSON or YAML
number or string) keeps its type: its text is marked literal by the reader and is
text, ``"NA"`` included.  A declared type (``load-network --types zip=text``) wins
over what the cells look like.

>>> column_type(["02139", "10001", ""]), column_type(["1", "2", "NA"]), column_type(["1", "2.5"])
('text', 'int', 'float')
>>> cell_as("02139", "text"), cell_as("1", "float"), cell_as(" 3 ", "int")
('02139', 1.0, 3)
>>> parse_column_types("zip=text, Age=int")
{'zip': 'text', 'Age': 'int'}
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Literal, get_args

from cosgraph.cells import cell_text, text_kind
from cosgraph.errors import CosgraphError

__all__ = ["ColumnType", "COLUMN_TYPES", "column_type", "cell_as", "parse_column_types"]

#: The types a column may be declared (``--types col=TYPE``).
ColumnType = Literal["int", "float", "bool", "text"]
COLUMN_TYPES: tuple[str, ...] = get_args(ColumnType)


def _kind(value: Any, literal: bool = False) -> str:
    """What one cell reads as: ``blank``, ``int``, ``float``, ``bool`` or ``text``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "blank"
    if isinstance(value, str):
        if not value.strip():
            return "blank"
        return "text" if literal else text_kind(value)
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float" if math.isfinite(value) else "text"
    return "text"


def column_type(values: Iterable[Any], literal: Iterable[bool] = ()) -> ColumnType | None:
    """The type of a column holding ``values`` (``None`` when every cell is blank).

    Parameters
    ----------
    values : iterable
        The column's cells: text as a CSV holds it, or numbers and booleans as a
        workbook or a typed format gives them.
    literal : iterable of bool, optional
        For each cell, whether its text is kept as written (a guarded cell, a string a
        typed format declared); such a cell is text.

    Examples
    --------
    >>> column_type(["1", "01"]), column_type([3, 2.5]), column_type(["TRUE", "false"])
    ('text', 'float', 'bool')
    >>> column_type(["7"], [True]), column_type(["", "NA"]) is None
    ('text', True)
    """
    flags = iter(literal)
    kinds = {_kind(value, next(flags, False)) for value in values} - {"blank"}
    if not kinds:
        return None
    if kinds == {"int"}:
        return "int"
    if kinds <= {"int", "float"}:
        return "float"
    if kinds == {"bool"}:
        return "bool"
    return "text"


def cell_as(value: Any, column: ColumnType, literal: bool = False) -> Any:
    """One cell as its column's type; ``None`` when blank.

    Raises
    ------
    ValueError
        When the cell does not hold a value of a declared type (a message naming it).

    Examples
    --------
    >>> cell_as("TRUE", "bool"), cell_as(2, "text"), cell_as("NA", "text"), cell_as(2.0, "int")
    (True, '2', None, 2)
    >>> cell_as("NA", "int", literal=True)
    Traceback (most recent call last):
    ValueError: 'NA' is not a whole number
    """
    if _kind(value, literal) == "blank":
        return None
    if column == "text":
        return value if isinstance(value, str) else cell_text(value)
    text = value.strip() if isinstance(value, str) else value
    if column == "bool":
        if isinstance(text, bool):
            return text
        if isinstance(text, str) and text.lower() in ("true", "false"):
            return text.lower() == "true"
        raise ValueError(f"{value!r} is not true or false")
    if isinstance(text, bool):
        raise ValueError(f"{value!r} is not a number")
    if column == "int":
        if isinstance(text, float):
            if text.is_integer():
                return int(text)
            raise ValueError(f"{value!r} is not a whole number")
        try:
            return int(text)
        except (TypeError, ValueError):
            raise ValueError(f"{value!r} is not a whole number") from None
    try:
        number = float(text)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a finite number")
    return number


def parse_column_types(spec: str) -> dict[str, ColumnType]:
    """``"zip=text,age=int"`` -> ``{"zip": "text", "age": "int"}`` (names as written).

    Raises
    ------
    CosgraphError
        When an item is not ``column=TYPE`` or the type is not one of :data:`COLUMN_TYPES`.

    Examples
    --------
    >>> parse_column_types("zip=text,age=int")
    {'zip': 'text', 'age': 'int'}
    >>> parse_column_types("zip=string")
    Traceback (most recent call last):
    cosgraph.errors.CosgraphError: --types zip=string: the type must be one of int, ...
    """
    types: dict[str, ColumnType] = {}
    for item in spec.split(","):
        if not item.strip():
            continue
        column, sep, name = (part.strip() for part in item.partition("="))
        if not sep or not column:
            raise CosgraphError(f"--types {item.strip()}: write each column as column=TYPE")
        if name not in COLUMN_TYPES:
            choices = ", ".join(COLUMN_TYPES)
            raise CosgraphError(f"--types {item.strip()}: the type must be one of {choices}")
        types[column] = name  # type: ignore[assignment]  # checked against COLUMN_TYPES
    return types
