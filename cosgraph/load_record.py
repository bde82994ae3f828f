"""A load's record beside its embedded store: re-loading unchanged files costs a hash.

A coalition re-loads its files many times an evening, mostly unchanged.  Planning such a
re-load reads every stored row back to find that nothing differs.  After a load into an
embedded store, cosgraph therefore writes ``STORE.load.json`` (stamped as cosgraph's)
holding

- the load's **key**: a SHA-256 over what the load was asked (its options, the
  provenance, cosgraph's version) and the bytes of every file it read;
- the **store file as the load left it**: size, modification time (ns) and inode of the
  store and of its ``.wal``;
- what the load's report said: how many nodes and ties the files hold, all as stored.

A later load with the same key that finds the store file exactly as recorded knows that
nothing, cosgraph or any other program, wrote the store since (every write changes the
file's modification time; reading never does: read-only opens leave the file alone), so
the store holds exactly what the full plan would find: it reports "nothing to change"
without opening the store.  Anything else (a changed byte in a file, another option, a
store written since, a record missing or unreadable) takes the full plan, which is
always right; the record only ever saves work.

A record is written only for a load whose report the counts describe completely: no
rows it would remove, no notes about the files.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "ties.csv").write_text("src,dst\\na,b\\n")
>>> _ = (d / "m.lbug").write_bytes(b"a store")
>>> key = load_key("load-network", [d / "ties.csv"], {"from": "src"})
>>> record_load(d / "m.lbug", key, nodes=2, ties=1)
>>> recorded_counts(d / "m.lbug", key)
(2, 1)
>>> _ = (d / "m.lbug").write_bytes(b"a store, written since")
>>> recorded_counts(d / "m.lbug", key) is None
True
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cosgraph.store.plan import WritePlan

__all__ = [
    "RECORD_SUFFIX",
    "load_key",
    "record_path",
    "record_load",
    "recorded_counts",
    "recorded_plan",
    "record_if_complete",
]

#: Appended to the store's file name: ``coalition.lbug`` -> ``coalition.lbug.load.json``.
RECORD_SUFFIX = ".load.json"
#: Changed whenever what a record means changes: older records are then ignored.
_FORMAT = 1
_CHUNK = 1 << 20


def load_key(command: str, files: Iterable[str | os.PathLike[str]], *settings: Any) -> str:
    """A SHA-256 (hex) over ``command``, ``settings``, cosgraph's version and ``files``' bytes.

    ``settings`` may hold dataclasses, mappings, sets, paths, enums and plain values:
    each is written in one canonical form (sets sorted), so the key is the same in every
    process for the same load.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = f.write_text("a,b\\n")
    >>> load_key("x", [f], {"k": {2, 1}}) == load_key("x", [f], {"k": {1, 2}})
    True
    >>> load_key("x", [f], 1) == load_key("x", [f], 2)
    False
    """
    digest = hashlib.sha256()
    head = [_FORMAT, _version(), command, [_canonical(s) for s in settings]]
    digest.update(json.dumps(head, sort_keys=True).encode())
    for file in files:
        digest.update(b"\0file\0")
        with open(file, "rb") as handle:
            while block := handle.read(_CHUNK):
                digest.update(block)
    return digest.hexdigest()


def record_path(store: str | os.PathLike[str]) -> Path:
    """Where the record of ``store``'s last load is kept.

    >>> record_path("coalition.lbug").name
    'coalition.lbug.load.json'
    """
    path = Path(store)
    return path.with_name(path.name + RECORD_SUFFIX)


def record_load(store: str | os.PathLike[str], key: str, *, nodes: int, ties: int) -> None:
    """Record that ``store``, as its file is now, holds the load ``key`` (``nodes``, ``ties``).

    Called once the store is closed.  Writes nothing for a store that is not a local
    file, or over a file at the record's place that cosgraph did not write; a record
    that cannot be written is no loss (the next load plans in full).
    """
    from cosgraph.overwrite import cosgraph_wrote, stamp_json

    stamp = _store_stamp(Path(store))
    path = record_path(store)
    if stamp is None or (path.exists() and not cosgraph_wrote(path)):
        return
    document = stamp_json(
        {"format": _FORMAT, "key": key, "store": stamp, "nodes": nodes, "ties": ties}
    )
    try:  # a new file of its own, then renamed into place: never over anyone's file
        handle, partial = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(document, indent=1) + "\n")
        os.chmod(partial, 0o644)  # readable as the store beside it (mkstemp makes 0600)
        os.replace(partial, path)
    except OSError:
        Path(partial).unlink(missing_ok=True)


def recorded_counts(store: str | os.PathLike[str], key: str) -> tuple[int, int] | None:
    """``(nodes, ties)`` as recorded when ``store`` holds the load ``key`` unchanged, else None.

    None unless the record exists, names ``key`` and finds the store file (and its
    ``.wal``) exactly as the load left it.
    """
    try:
        record = json.loads(record_path(store).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("format") != _FORMAT:
        return None
    if record.get("key") != key or record.get("store") != _store_stamp(Path(store)):
        return None
    nodes, ties = record.get("nodes"), record.get("ties")
    if not isinstance(nodes, int) or not isinstance(ties, int):
        return None
    return nodes, ties


def recorded_plan(store: str | os.PathLike[str], key: str) -> WritePlan | None:
    """The plan of a load ``key`` that ``store`` holds unchanged (nothing to change, the
    recorded counts as unchanged), or None when the load must be planned in full."""
    from cosgraph.store.plan import WritePlan

    counts = recorded_counts(store, key)
    if counts is None:
        return None
    return WritePlan(unchanged_nodes=counts[0], unchanged_ties=counts[1])


def record_if_complete(
    store: str | os.PathLike[str], key: str, plan: WritePlan, *, notes: list[str], dry_run: bool
) -> None:
    """Record the load ``key`` that gave ``plan`` (:func:`record_load`), unless it was a
    dry run or its report says more than its counts: notes about the files, or rows
    it would remove (the next load must show them again)."""
    if dry_run or notes or plan.removed_nodes or plan.removed_ties:
        return
    nodes = plan.node_count + plan.unchanged_nodes
    record_load(store, key, nodes=nodes, ties=plan.tie_count + plan.unchanged_ties)


def _store_stamp(path: Path) -> dict[str, list[int] | None] | None:
    """Size, mtime (ns) and inode of the store file and of its ``.wal`` (None if absent)."""
    if not path.is_file():
        return None
    return {"file": _stat(path), "wal": _stat(path.with_name(path.name + ".wal"))}


def _stat(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _version() -> str:
    from cosgraph import __version__

    return __version__


def _canonical(value: Any) -> Any:
    """``value`` as JSON-ready data in one form for every process (sets sorted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return sorted([str(k), _canonical(v)] for k, v in value.items())
    if isinstance(value, set | frozenset):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, enum.Enum):
        return _canonical(value.value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return repr(value)
