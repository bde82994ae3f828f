"""Any column header loads: each attribute column gets a safe property name, and keeps
its header as its label.

A store property must be a plain identifier (:data:`cosgraph.model.ATTRIBUTE_NAME`:
a letter, then letters, digits and ``_``, at most 64), because property names reach
Cypher.  Researchers' headers are often not: R writes ``Grade.1`` and
``race.ethnicity``, a survey tool writes ``x y`` or ``1st choice``.  Every loader
accepts them:

- a header that is already a plain identifier is its own property name (after the
  loader's own normalising: CSV and workbook headers are matched without regard to
  case or surrounding spaces, so ``Grade`` is ``grade``);
- any other header is lower-cased, each run of characters other than letters and
  digits becomes one ``_``, ``_`` at either end is dropped, a name that would start
  with a digit gets an ``x`` in front, an empty one becomes ``column``, and the
  name is cut to 64 characters: ``Grade.1`` -> ``grade_1``, ``x y`` -> ``x_y``,
  ``1st choice`` -> ``x1st_choice``;
- a safe name already taken (by a field of the model, by a column whose header is its
  own name, or by an earlier column of the same file) gets ``_2``, ``_3``, ... — so
  names never collide, and the same header row always gives the same names.

The header as written is the column's *label*.  It travels with the map
(:attr:`cosgraph.model.CommunityMap.column_labels`), is kept in the store beside
the column's type, is shown by ``stats`` and is written back by every export, so a
file that is loaded and exported has its own headers again.

>>> property_name("Grade.1"), property_name("x y"), property_name("1st choice")
('grade_1', 'x_y', 'x1st_choice')
>>> property_names(["race.ethnicity", "race_ethnicity", "name.1"], taken={"name"})
{'race.ethnicity': 'race_ethnicity_2', 'race_ethnicity': 'race_ethnicity', 'name.1': 'name_1'}
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cosgraph.model import ATTRIBUTE_NAME

__all__ = ["property_name", "property_names", "MAX_NAME"]

#: The longest property name (as :data:`cosgraph.model.ATTRIBUTE_NAME` allows).
MAX_NAME = 64
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def property_name(header: str) -> str:
    """The safe property name of one header (before collisions are resolved).

    Parameters
    ----------
    header : str
        A column header as the loader holds it.

    Returns
    -------
    str
        ``header`` itself when it is a plain identifier, else its safe form.

    Examples
    --------
    >>> property_name("age"), property_name("Age"), property_name("race.ethnicity")
    ('age', 'Age', 'race_ethnicity')
    >>> property_name("%"), property_name("_id"), property_name("Größe (cm)")
    ('column', 'id', 'gr_e_cm')
    """
    if ATTRIBUTE_NAME.match(header):
        return header
    name = _NOT_ALNUM.sub("_", header.lower()).strip("_") or "column"
    if not name[0].isalpha():
        name = f"x{name}"
    return name[:MAX_NAME]


def property_names(headers: Iterable[str], taken: Iterable[str] = ()) -> dict[str, str]:
    """Each header's property name, none equal to another or to one in ``taken``.

    Headers that are plain identifiers keep their names first; the others are named
    in the order given, a taken name getting the first free ``_2``, ``_3``, ...

    Parameters
    ----------
    headers : iterable of str
        The attribute columns of one file, in header order.
    taken : iterable of str
        Names the columns may not have (the fields of the model).

    Returns
    -------
    dict
        Header -> property name, in the order of ``headers``.

    Examples
    --------
    >>> property_names(["Tripod.Role", "x-y", "x y"], taken={"tripod_role"})
    {'Tripod.Role': 'tripod_role_2', 'x-y': 'x_y', 'x y': 'x_y_2'}
    """
    ordered = list(dict.fromkeys(headers))
    used = set(taken)
    # a plain identifier keeps its name even when taken: the model then says why it
    # cannot be an attribute (``kind``, ``from``), as it always has
    names = {h: h for h in ordered if ATTRIBUTE_NAME.match(h)}
    used.update(names)
    for header in ordered:
        if header in names:
            continue
        base = property_name(header)
        name, count = base, 1
        while name in used:
            count += 1
            suffix = f"_{count}"
            name = base[: MAX_NAME - len(suffix)] + suffix
        names[header] = name
        used.add(name)
    return {h: names[h] for h in ordered}
