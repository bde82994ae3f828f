"""The overwrite rule: cosgraph never writes over something it cannot give back.

Every command and function that writes an output path calls :func:`check_output`
first.  Unless ``force`` is true it refuses to write over

1. the store in use (the embedded store file and its ``.wal``),
2. a file or folder recorded as a load source in the store (a ``provenance`` value,
   resolved against the working folder), or anything inside such a folder,
3. any existing file, or non-empty folder, that cosgraph did not write.

"cosgraph wrote it" is read from the output itself, never remembered elsewhere:

=============  ===============================================================
output         stamp
=============  ===============================================================
HTML map       ``<meta name="generator" content="cosgraph">`` in the head
JSON, Kumu     a first top-level key ``"generator": "cosgraph"``
GraphML        ``<desc>cosgraph</desc>``, the first child of ``<graphml>``
GEXF           ``<creator>cosgraph</creator>`` in ``<meta>``
xlsx           workbook properties: creator and last modified by ``cosgraph``
               (Excel or LibreOffice put the user's name in "last modified by"
               when they save, so a filled-in workbook is the user's)
CSV folder     a ``.cosgraph-export`` file listing each file written with its
               size and modification time: a file changed or added since
               makes the folder the user's
=============  ===============================================================

Text stamps are looked for in the first :data:`HEAD_BYTES` of the file only, so the
check costs the same for any size of output.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> mine = d / "notes.html"
>>> _ = mine.write_text("<p>my notes</p>")
>>> check_output(mine)
Traceback (most recent call last):
...
cosgraph.errors.OverwriteError: refusing to write over ... cosgraph did not write it (--force ...)
>>> check_output(mine, force=True)
>>> _ = mine.write_text('<head><meta name="generator" content="cosgraph"></head>')
>>> check_output(mine)
"""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cosgraph.errors import OverwriteError
from cosgraph.provenance import PYTHON_SOURCE, files_of
from cosgraph.store.location import store_file

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "GENERATOR",
    "HEAD_BYTES",
    "HTML_STAMP",
    "GRAPHML_STAMP",
    "GEXF_STAMP",
    "CSV_FOLDER_MARKER",
    "check_output",
    "cosgraph_wrote",
    "load_sources",
    "stamp_json",
    "stamp_workbook",
    "stamp_csv_folder",
]

GENERATOR = "cosgraph"
#: How much of a file is read to find its stamp.
HEAD_BYTES = 4096
HTML_STAMP = f'<meta name="generator" content="{GENERATOR}">'
GRAPHML_STAMP = f"<desc>{GENERATOR}</desc>"
GEXF_STAMP = f"<creator>{GENERATOR}</creator>"
_JSON_STAMP = f'"generator": "{GENERATOR}"'
_TEXT_STAMPS = tuple(s.encode() for s in (HTML_STAMP, GRAPHML_STAMP, GEXF_STAMP, _JSON_STAMP))
#: The file in a CSV export folder saying what cosgraph wrote there.
CSV_FOLDER_MARKER = ".cosgraph-export"
_MAX_CORE_XML = 64 * 1024
#: Provenance values that name no file (the demo, the framework, copies, Python).
_NOT_FILES = {"cosgraph demo", "cosgraph framework", "cosgraph copy", PYTHON_SOURCE}


def stamp_json(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with ``"generator": "cosgraph"`` as its first key (loaders ignore it).

    >>> list(stamp_json({"elements": []}))
    ['generator', 'elements']
    """
    return {"generator": GENERATOR, **document}


def stamp_workbook(book: Any) -> None:
    """Mark an openpyxl workbook as written by cosgraph (creator, last modified by)."""
    book.properties.creator = GENERATOR
    book.properties.lastModifiedBy = GENERATOR


def _file_record(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def stamp_csv_folder(folder: Path) -> None:
    """Record every file in ``folder`` (size, mtime) as cosgraph's, just after writing it.

    The folder was empty, or cosgraph's (or the user passed ``force``), before.
    """
    written = {
        path.name: _file_record(path)
        for path in sorted(folder.iterdir())
        if path.name != CSV_FOLDER_MARKER
    }
    note = {"generator": GENERATOR, "files": written}
    (folder / CSV_FOLDER_MARKER).write_text(json.dumps(note, indent=1) + "\n", "utf-8")


def _folder_is_ours(folder: Path) -> bool:
    marker = folder / CSV_FOLDER_MARKER
    try:
        if marker.stat().st_size > _MAX_CORE_XML:
            return False
        note = json.loads(marker.read_text("utf-8"))
        written = note["files"]
        present = {p.name for p in folder.iterdir()} - {CSV_FOLDER_MARKER}
        if present - set(written):
            return False  # the user added a file
        return all(
            _file_record(folder / name) == list(record)
            for name, record in written.items()
            if name in present
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _workbook_is_ours(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > _MAX_CORE_XML:
                return False
            core = archive.read(info).decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return False
    return f"<cp:lastModifiedBy>{GENERATOR}</cp:lastModifiedBy>" in core


def cosgraph_wrote(path: str | Path) -> bool:
    """True when ``path`` carries cosgraph's stamp (see the module text).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "m.json"
    >>> _ = p.write_text('{"nodes": []}')
    >>> cosgraph_wrote(p)
    False
    """
    path = Path(path)
    if path.is_dir():
        return _folder_is_ours(path)
    if path.suffix.lower() == ".xlsx":
        return _workbook_is_ours(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return False
    return any(stamp in head for stamp in _TEXT_STAMPS)


def load_sources(G: nx.MultiDiGraph) -> set[str]:
    """The load sources a projected map records: the files its provenance names.

    ``load-network`` records ``"nodes.csv + ties.csv"``: both files count; a named
    source (``--source``) records the file it was loaded from
    (:func:`cosgraph.provenance.files_of`).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", provenance="people/")
    >>> G.add_node("b", provenance="n.csv + t.csv")
    >>> G.add_node("c", provenance="source:s from friday.xlsx")
    >>> sorted(load_sources(G))
    ['friday.xlsx', 'n.csv', 'people/', 't.csv']
    """
    values: set[str] = set()
    for _, data in G.nodes(data=True):
        values.add(str(data.get("provenance") or ""))
    for _, _, data in G.edges(data=True):
        values.add(str(data.get("provenance") or ""))
    sources: set[str] = set()
    for value in values - _NOT_FILES - {""}:
        sources.update(files_of(value))
    return sources


def _resolved(path: str | Path) -> Path:
    return Path(os.path.abspath(Path(path).expanduser())).resolve()


def _store_files(store: str | Path | None) -> list[Path]:
    file = None if store is None else store_file(store)
    if file is None:
        return []
    path = _resolved(file)
    return [path, path.with_name(path.name + ".wal")]


def check_output(
    path: str | Path,
    *,
    force: bool = False,
    store: str | Path | None = None,
    sources: Iterable[str | Path] = (),
) -> None:
    """Refuse to write ``path`` over the store, a load source, or a file not cosgraph's.

    Parameters
    ----------
    path : str or Path
        The file (or, for a CSV export, the folder) about to be written.
    force : bool
        Write anyway.
    store : str or Path, optional
        The store in use (an embedded store's file; a URI protects no file).
    sources : iterable of str or Path
        Load sources recorded in the store (see :func:`load_sources`), as given,
        resolved against the working folder.

    Raises
    ------
    OverwriteError
        One line naming ``path``, why, and ``--force``.
    """
    if force:
        return
    target = _resolved(path)

    def refuse(why: str) -> OverwriteError:
        return OverwriteError(f"refusing to write over {path}: {why} (--force writes over it)")

    if target in _store_files(store):
        raise refuse("it is the store in use")
    for source in sources:
        recorded = _resolved(source)
        if target == recorded:
            raise refuse("it is a load source of the store")
        if target.is_relative_to(recorded) and recorded.is_dir():
            raise refuse(f"it is inside {source}, a load source of the store")
        if recorded.is_relative_to(target) and target.is_dir():
            raise refuse(f"it holds {source}, a load source of the store")
    if not target.exists():
        return
    if target.is_dir():
        if any(target.iterdir()) and not cosgraph_wrote(target):
            raise refuse("it is a folder cosgraph did not write, and not empty")
        return
    if not cosgraph_wrote(target):
        raise refuse("it exists and cosgraph did not write it")
