"""The source a load records on every node and tie it writes (``provenance``).

One rule for ``cosgraph load``, ``cosgraph load-network``, ``cosgraph diff`` and the
Python API.  A source is either

* **a file**: the path as given, normalised, so ``./session.xlsx`` and
  ``session.xlsx`` are the same source and a reload with ``--prune`` finds what the
  first load put in; a renamed copy is a new source.  Several files read as one map
  are joined with ``" + "``.
* **a named source** (``--source NAME``): ``source:NAME from FILE``.  The name, not
  the file, owns the rows (:func:`owner_of`), so dated copies of a workbook
  (``session-monday.xlsx``, ``session-friday.xlsx``) loaded under one name are one
  source: a reload reports only real edits and ``--prune`` removes what the newer
  copy no longer holds.  ``from FILE`` records the file that last changed each row,
  so the overwrite rule (:mod:`cosgraph.overwrite`) keeps protecting it.  A name is
  letters, digits, ``.``, ``_`` and ``-`` (:func:`check_source_name`), so it never
  holds the space before ``from``.

A path that itself starts ``source:`` is recorded as ``./source:...``, so a file
source is never mistaken for a named one.  A map built in Python, with no file and
no name, is :data:`PYTHON_SOURCE`.

>>> provenance_of("./session.xlsx")
'session.xlsx'
>>> provenance_of("data/physicians.csv", "data/./ties.csv")
'data/physicians.csv + data/ties.csv'
>>> provenance_of("session-friday.xlsx", source="coalition-2026")
'source:coalition-2026 from session-friday.xlsx'
>>> owner_of("source:coalition-2026 from session-friday.xlsx")
'source:coalition-2026'
>>> provenance_of()
'<python>'
"""

from __future__ import annotations

import os
import re

from cosgraph.errors import CosgraphError

__all__ = [
    "provenance_of",
    "owner_of",
    "owner_prefix",
    "files_of",
    "check_source_name",
    "PYTHON_SOURCE",
    "NAMED_PREFIX",
    "SourceNameError",
]

#: The source of a map written from Python without naming one.
PYTHON_SOURCE = "<python>"
#: How a named source's provenance starts: ``source:NAME``.
NAMED_PREFIX = "source:"
_FROM = " from "
_FILES_JOIN = " + "
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class SourceNameError(CosgraphError, ValueError):
    """A ``--source`` name that is not letters, digits, ``.``, ``_`` and ``-``."""


def check_source_name(name: str) -> str:
    """``name`` if it may name a source, else :class:`SourceNameError`.

    A name starts with a letter or digit, then letters, digits, ``.``, ``_`` or ``-``
    (at most 100 characters): it reads the same in a shell, a file name and a query.

    >>> check_source_name("coalition-2026")
    'coalition-2026'
    >>> check_source_name("my session")
    Traceback (most recent call last):
    ...
    cosgraph.provenance.SourceNameError: source name 'my session' must be letters, ...
    """
    if not _NAME.fullmatch(name):
        raise SourceNameError(
            f"source name {name!r} must be letters, digits, '.', '_' or '-', "
            "starting with a letter or digit (at most 100 characters)"
        )
    return name


def _path_source(path: str | os.PathLike[str]) -> str:
    normal = os.path.normpath(os.fspath(path))
    return f".{os.sep}{normal}" if normal.startswith(NAMED_PREFIX) else normal


def provenance_of(*paths: str | os.PathLike[str], source: str | None = None) -> str:
    """The provenance of a load from ``paths`` (several files read as one map).

    Parameters
    ----------
    *paths : str or path-like
        The files (or folder) the map was read from, as the user gave them.
    source : str, optional
        A session name (``--source``) that owns the rows whatever the file is called.

    Returns
    -------
    str
        Without ``source``: each path normalised (:func:`os.path.normpath`: no ``./``,
        no doubled separators), joined with ``" + "``; :data:`PYTHON_SOURCE` for none.
        With ``source``: ``source:NAME from PATHS`` (``source:NAME`` for no path).

    Raises
    ------
    SourceNameError
        ``source`` is not a valid name (:func:`check_source_name`).

    Examples
    --------
    >>> provenance_of("a/./people.csv")
    'a/people.csv'
    >>> provenance_of(source="coalition-2026")
    'source:coalition-2026'
    >>> provenance_of("source:notes.csv")  # a file, not a named source
    './source:notes.csv'
    """
    files = _FILES_JOIN.join(_path_source(path) for path in paths)
    if source is not None:
        named = NAMED_PREFIX + check_source_name(source)
        return f"{named}{_FROM}{files}" if files else named
    return files or PYTHON_SOURCE


def owner_of(provenance: str) -> str:
    """Who owns a row of this provenance: ``source:NAME`` for a named source, else itself.

    Two loads with the same owner are the same source: a row's provenance changing
    only in its ``from FILE`` is no change, and ``--prune`` of one removes what the
    other put in.

    >>> owner_of("source:s from monday.xlsx") == owner_of("source:s from friday.xlsx")
    True
    >>> owner_of("monday.xlsx")
    'monday.xlsx'
    """
    if provenance.startswith(NAMED_PREFIX):
        return provenance.split(_FROM, 1)[0]
    return provenance


def owner_prefix(provenance: str) -> str | None:
    """How every provenance of the same named source starts (``None`` for a file source).

    The named queries ``nodes_from_source`` and ``ties_from_source`` match a row whose
    provenance is :func:`owner_of` ``provenance`` or starts with this.

    >>> owner_prefix("source:s from friday.xlsx")
    'source:s from '
    >>> owner_prefix("friday.xlsx") is None
    True
    """
    if provenance.startswith(NAMED_PREFIX):
        return owner_of(provenance) + _FROM
    return None


def files_of(provenance: str) -> list[str]:
    """The files a provenance names (what the overwrite rule protects).

    >>> files_of("nodes.csv + ties.csv")
    ['nodes.csv', 'ties.csv']
    >>> files_of("source:s from friday.xlsx"), files_of("source:s")
    (['friday.xlsx'], [])
    """
    if provenance.startswith(NAMED_PREFIX):
        _, _, provenance = provenance.partition(_FROM)
    return [part.strip() for part in provenance.split(_FILES_JOIN) if part.strip()]
