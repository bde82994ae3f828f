"""Every file format cosgraph reads or writes, in one registry.

Each format is one module of this package holding a :class:`Format` named ``FORMAT``;
:data:`REGISTRY` lists those modules, one line each.  ``read_map``
(:mod:`cosgraph.loaders`), ``export_map`` (:mod:`cosgraph.exports`), the choices of
``cosgraph export --format``, what ``cosgraph load`` and ``diff`` say they read, and
README's format table all come from here.  Adding a format is one new module plus
one line in :data:`REGISTRY`.

The modules are imported on first use, so the loaders and the exports, whose
readers and writers the entries name, can themselves ask the registry.

>>> [f.name for f in readable()]
['csv', 'xlsx', 'yaml', 'json', 'kumu', 'graphml', 'gexf']
>>> [f.name for f in writable()]
['csv', 'xlsx', 'json', 'kumu', 'graphml', 'gexf']
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> format_of(folder).name, format_of(folder / "map.yml").name, format_of(folder / "x.pdf")
('csv', 'yaml', None)
"""

from __future__ import annotations

import functools
from importlib import import_module
from pathlib import Path

from cosgraph.formats.format import Format

__all__ = [
    "Format",
    "REGISTRY",
    "formats",
    "readable",
    "writable",
    "format_named",
    "format_of",
    "listing",
    "help_epilog",
]

#: The registry: the module of this package that defines each format, in the order
#: help texts and README list them.  Adding a format is one module and one line here.
REGISTRY: tuple[str, ...] = (
    "csv_folder",
    "xlsx",
    "yaml_map",
    "json_map",
    "kumu",
    "graphml",
    "gexf",
)


@functools.cache
def formats() -> tuple[Format, ...]:
    """Every registered format, in registry order.

    Raises
    ------
    TypeError
        A registered module has no ``FORMAT``, or two formats share a name.
    """
    found: list[Format] = []
    for module_name in REGISTRY:
        entry = getattr(import_module(f"{__name__}.{module_name}"), "FORMAT", None)
        if not isinstance(entry, Format):
            raise TypeError(f"{__name__}.{module_name} defines no FORMAT = Format(...)")
        if any(f.name == entry.name for f in found):
            raise TypeError(f"two formats are named {entry.name!r}")
        found.append(entry)
    return tuple(found)


def readable() -> tuple[Format, ...]:
    """The formats ``cosgraph load`` reads, in registry order."""
    return tuple(f for f in formats() if f.reads)


def writable() -> tuple[Format, ...]:
    """The formats ``cosgraph export`` writes, in registry order."""
    return tuple(f for f in formats() if f.writes)


def format_named(name: str, among: tuple[Format, ...] | None = None) -> Format | None:
    """The format called ``name`` (among ``among``, by default all), or None.

    >>> format_named("graphml").title, format_named("yaml", writable())
    ('GraphML (Gephi, yEd, networkx, igraph)', None)
    """
    return next((f for f in (formats() if among is None else among) if f.name == name), None)


def format_of(path: Path) -> Format | None:
    """The readable format a path is in, or None when neither content nor name tells.

    The first format whose ``sniff`` claims the path wins; else the first whose
    ``suffixes`` hold the path's suffix (both in registry order).
    """
    candidates = readable()
    for fmt in candidates:
        if fmt.sniff is not None and fmt.sniff(path):
            return fmt
    suffix = path.suffix.lower()
    return next((f for f in candidates if suffix in f.suffixes), None)


def listing(among: tuple[Format, ...]) -> str:
    """``among`` as one line for help texts and errors: name (told by) each.

    >>> listing(writable()[:2])
    'csv (a folder), xlsx (.xlsx)'
    """
    return ", ".join(f"{f.name} ({f.told_by})" for f in among)


def help_epilog(heading: str, among: tuple[Format, ...], *, told_by: bool = True) -> str:
    """A help-text paragraph naming each format of ``among``: name, what it is, how told.

    >>> print(help_epilog("Reads:", readable()[-2:-1]))
    Reads:
    <BLANKLINE>
    \b
      graphml  GraphML (Gephi, yEd, networkx, igraph) (.graphml)
    """
    rows = [f"  {f.name:<8} {f.title}" + (f" ({f.told_by})" if told_by else "") for f in among]
    return "\n".join([heading, "", "\b", *rows])
