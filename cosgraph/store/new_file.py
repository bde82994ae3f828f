"""A new embedded store, built beside its place and put there whole.

A store file that does not exist yet is built under a hidden name in the same folder
(``.map.lbug.<pid>.<random>.partial``) and linked into place only once the command
has written all of it and closed it: the file either appears complete or not at all,
even if the process is killed halfway (it then leaves only the hidden file).  So its
writes need no transaction of their own, and go in as LadybugDB's own ``COPY`` does
in a bare database: statement by statement (a load of 1M ties commits in a third
less time than inside one transaction; measured in ``bench/bench_load.py``).

The link never writes over a file: if something else made ``path`` meanwhile, the
built store is discarded and the command fails with one line.  What a killed build
left (its hidden name says which process made it) is removed by the next build of
the same store, once that process is gone.

>>> import tempfile, pathlib
>>> from cosgraph.model import CommunityMap, Person
>>> path = pathlib.Path(tempfile.mkdtemp()) / "map.lbug"
>>> with new_store_file(path) as store:
...     plan = store.write(CommunityMap(nodes=[Person(id="ana", name="Ana")]))
...     path.exists()
False
>>> path.exists(), sorted(p.name for p in path.parent.iterdir())
(True, ['map.lbug'])
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cosgraph.errors import StoreError
from cosgraph.store.embedded import EmbeddedStore

__all__ = ["new_store_file"]


def _beside(path: Path) -> Path:
    """A hidden name in ``path``'s folder that no other process picks."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.partial")


def _left_by_the_dead(path: Path) -> list[Path]:
    """Files a build of ``path`` left behind when its process was killed: named as
    :func:`_beside` names them (with their ``.wal``), by a process no longer running.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / ".map.lbug.999999999.0a1b2c3d.partial").write_text("")
    >>> _ = (d / ".map.lbug.0a.partial").write_text("")  # not a name cosgraph gives
    >>> [p.name for p in _left_by_the_dead(d / "map.lbug")]
    ['.map.lbug.999999999.0a1b2c3d.partial']
    """
    pattern = re.compile(re.escape(f".{path.name}.") + r"(\d+)\.[0-9a-f]{8}\.partial(\.wal)?")
    left = []
    for candidate in sorted(path.parent.glob(f".{path.name}.*.partial*")):
        match = pattern.fullmatch(candidate.name)
        if match is not None and not _running(int(match.group(1))):
            left.append(candidate)
    return left


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:  # another user's process
        pass
    return True


def _companions(path: Path) -> list[Path]:
    """The store file and the write-ahead log LadybugDB may keep beside it."""
    return [path, path.with_name(path.name + ".wal")]


@contextmanager
def new_store_file(path: Path, *, keep: bool = True) -> Iterator[EmbeddedStore]:
    """An initialised, empty store for ``path`` (which must not exist), put in place
    when the block ends without an error; any error leaves no file behind.

    Parameters
    ----------
    path : Path
        Where the store file goes.
    keep : bool
        False for a store only planned against (a dry run): it is discarded at the
        end as after an error, and ``path`` never appears.

    Yields
    ------
    EmbeddedStore
        The store being built, open for writing.

    Raises
    ------
    StoreError
        When ``path`` exists by the time the store is complete.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in _left_by_the_dead(path):  # an earlier build that was killed
        leftover.unlink(missing_ok=True)
    building = _beside(path)
    store = EmbeddedStore(building, building=True)
    try:
        store.init()
        yield store
    except BaseException:
        store.close()
        for leftover in _companions(building):
            leftover.unlink(missing_ok=True)
        raise
    store.close()
    if not keep:
        for leftover in _companions(building):
            leftover.unlink(missing_ok=True)
        return
    try:
        for made, final in zip(_companions(building), _companions(path), strict=True):
            if made.exists():
                os.link(made, final)  # unlike a rename, never replaces a file
    except FileExistsError:
        raise StoreError(
            f"{path} appeared while the store was being built; it was left as it is "
            "and nothing was loaded"
        ) from None
    finally:
        for made in _companions(building):
            made.unlink(missing_ok=True)
