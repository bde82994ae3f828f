"""The source a load records on every node and tie it writes (``provenance``).

One rule for ``cosgraph load``, ``cosgraph load-network`` and the Python API: a
source is the path as given, normalised, so ``./session.xlsx`` and ``session.xlsx``
are the same source and a reload with ``--prune`` finds what the first load put in;
a renamed copy is a new source.  A map built in Python, with no file, is
:data:`PYTHON_SOURCE`.

>>> provenance_of("./session.xlsx")
'session.xlsx'
>>> provenance_of("data/physicians.csv", "data/./ties.csv")
'data/physicians.csv + data/ties.csv'
>>> provenance_of()
'<python>'
"""

from __future__ import annotations

import os

__all__ = ["provenance_of", "PYTHON_SOURCE"]

#: The source of a map written from Python without naming one.
PYTHON_SOURCE = "<python>"


def provenance_of(*paths: str | os.PathLike[str]) -> str:
    """The source name of a load from ``paths`` (several files read as one map).

    Parameters
    ----------
    *paths : str or path-like
        The files (or folder) the map was read from, as the user gave them.

    Returns
    -------
    str
        Each path normalised (:func:`os.path.normpath`: no ``./``, no doubled
        separators), joined with ``" + "``; :data:`PYTHON_SOURCE` for none.
    """
    if not paths:
        return PYTHON_SOURCE
    return " + ".join(os.path.normpath(os.fspath(path)) for path in paths)
