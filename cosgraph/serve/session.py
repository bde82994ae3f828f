"""A live session: entries come in, a facilitator decides, approved ones load as a file does.

:class:`LiveSession` keeps two files in the working folder, named after the session's
source name (``--source NAME``, by default ``serve-YYYY-MM-DD``):

* ``NAME.entries.json``: every entry with its status (pending, approved, rejected);
* ``NAME.json``: the approved entries as one map file (:func:`session_document`).

Approving (or undoing) an entry rewrites ``NAME.json`` and loads it exactly as
``cosgraph load NAME.json --source NAME`` does: read by the same reader, planned and
written by the store in one transaction, all or nothing, every row recording
``source:NAME from NAME.json``.  So ``cosgraph diff --source NAME``, ``load --prune``
and ``--source`` reloads treat the session like any other, and undoing the last
approval is a reload without it, with ``--prune``.  When the store refuses a load the
files are put back as they were.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> live = LiveSession(folder / "m.lbug", source="evening", folder=folder)
>>> entry = live.submit({"name": ["Ana Ruiz"], "consent": ["public"]})
>>> live.approve(entry.number).counts()["created"]
{'person': 1}
>>> live.provenance
'source:evening from .../evening.json'
>>> live.undo().number, [e.status for e in live.log.entries]
(1, ['pending'])
>>> live.reject(1); [e.status for e in live.log.entries]
['rejected']
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx

from cosgraph.errors import CosgraphError
from cosgraph.model import CommunityMap
from cosgraph.serve.entries import (
    Entry,
    EntryLog,
    FormData,
    Known,
    entry_from_form,
    session_document,
    write_json,
)
from cosgraph.store import GraphStore, WritePlan, open_store, shown_location

__all__ = ["LiveSession", "SessionError", "default_source", "live_map_html"]


class SessionError(CosgraphError):
    """A session that cannot start, or a decision that cannot be carried out."""


def default_source(today: dt.date | None = None) -> str:
    """The session name when none is given: ``serve-`` and the date.

    >>> default_source(dt.date(2026, 12, 3))
    'serve-2026-12-03'
    """
    return f"serve-{(today or dt.date.today()).isoformat()}"


def live_map_html(G: nx.MultiDiGraph, audience: str) -> str:
    """The live map page: the network view of ``G`` for ``audience``, as one HTML page.

    The one place the live session draws its map; the views registry draws it
    (:data:`cosgraph.visualizations.VIEWS`), so another view or the explorer is a
    change here only.

    >>> from cosgraph.model import CommunityMap, Person
    >>> G = CommunityMap(nodes=[Person(id="ana", name="Ana", consent="public"),
    ...                         Person(id="bo", name="Bo")]).to_graph()
    >>> page = live_map_html(G, "public")
    >>> '"Ana"' in page, '"Bo"' in page
    (True, False)
    """
    from cosgraph.visualizations import VIEWS, ViewOptions, build_map

    results = VIEWS["network"].compute(G, ViewOptions())
    net = build_map(G, "network", audience=audience, title="Our map, live", **results)
    return str(net.generate_html())


class LiveSession:
    """One live session on a store: its entries, and the decisions on them.

    Parameters
    ----------
    store : the store's location (a file or a Neo4j URI, as ``--store`` takes it).
    source : the session's name (:func:`cosgraph.provenance.check_source_name`).
    database : a Neo4j database name.
    folder : where the session's two files live (the working folder by default).

    Raises
    ------
    SessionError
        The store holds rows of ``source`` that this session did not approve (the
        name is in use by other loads: an undo would remove them).
    OverwriteError
        A session file exists and cosgraph did not write it.
    """

    def __init__(
        self,
        store: str | Path,
        *,
        source: str | None = None,
        database: str | None = None,
        folder: Path | None = None,
    ):
        from cosgraph.overwrite import check_output
        from cosgraph.provenance import check_source_name, provenance_of

        self.store = str(store)
        self.database = database
        self.source = check_source_name(source or default_source())
        where = folder or Path()
        self.map_path = where / f"{self.source}.json"
        self.log_path = where / f"{self.source}.entries.json"
        for path in (self.map_path, self.log_path):
            check_output(path, store=self.store)  # ours to rewrite, never a user's file
        self.provenance = provenance_of(self.map_path, source=self.source)
        self.log = EntryLog(self.log_path, self.source)
        self.version = 0
        self._lock = threading.RLock()
        self._maps: dict[tuple[int, str], str] = {}
        with self._opened(read_only=False) as s:
            s.init()
            self._check_owner(s)

    # -- the store ----------------------------------------------------------------------

    @contextmanager
    def _opened(self, *, read_only: bool = True) -> Iterator[GraphStore]:
        """The store, open for one piece of work (so other commands may read it between)."""
        s = open_store(
            self.store, database=self.database, create=not read_only, read_only=read_only
        )
        try:
            yield s
        finally:
            s.close()

    def _check_owner(self, s: GraphStore) -> None:
        from cosgraph.loaders import read_map

        cmap = read_map(self.map_path) if self.map_path.exists() else CommunityMap()
        plan = s.plan(cmap, self.provenance, prune=True)
        others = len(plan.removed_nodes) + len(plan.removed_ties)
        if others:
            raise SessionError(
                f"source {self.source!r} holds {others} rows in "
                f"{shown_location(self.store)} that this session did not approve; "
                "give the live session a --source name of its own"
            )

    def graph(self) -> nx.MultiDiGraph:
        """The store's map as it is now."""
        with self._opened() as s:
            return s.project()

    def known(self) -> Known:
        """What a new entry may meet: the store's map and every open entry."""
        return Known.of(self.graph(), self.log.entries)

    # -- entries --------------------------------------------------------------------------

    def submit(self, form: FormData) -> Entry:
        """Check a participant's form and keep it as a pending entry.

        Raises :class:`~cosgraph.serve.entries.EntryError` (one line per problem).
        """
        with self._lock:
            entry = entry_from_form(form, self.known(), number=self.log.next_number())
            return self.log.add(entry)

    def pending(self) -> list[Entry]:
        return [e for e in self.log.entries if e.status == "pending"]

    def approved(self) -> list[Entry]:
        """Approved entries, the latest first."""
        done = [e for e in self.log.entries if e.status == "approved"]
        return sorted(done, key=lambda e: e.approved or 0, reverse=True)

    def approve(self, number: int) -> WritePlan:
        """Add a pending entry to the map: load the session with it (all or nothing).

        Raises
        ------
        SessionError
            No pending entry of that number.
        LoadError
            The store refused the load (every problem); nothing changed.
        """
        with self._lock:
            entry = self._entry(number, "pending")
            return self._load(self.log.with_status(entry, "approved"), prune=False)

    def reject(self, number: int) -> None:
        """Set a pending entry aside; it never reaches the map."""
        with self._lock:
            entry = self._entry(number, "pending")
            self.log.replace(self.log.with_status(entry, "rejected"))

    def undo(self) -> Entry:
        """Take the last approved entry off the map (a reload without it, with prune);
        it waits as pending again.  Returns it."""
        with self._lock:
            entry = self.log.last_approved()
            if entry is None:
                raise SessionError("no approved entry to undo")
            entries = self.log.with_status(entry, "pending")
            self._load(entries, prune=True)
            return entry

    def _entry(self, number: int, status: str) -> Entry:
        entry = self.log.get(number)
        if entry is None or entry.status != status:
            raise SessionError(f"there is no {status} entry {number}")
        return entry

    def _load(self, entries: list[Entry], *, prune: bool) -> WritePlan:
        """Write the session file for ``entries`` and load it as ``cosgraph load`` does."""
        from cosgraph.loaders import read_map

        before = self.map_path.read_bytes() if self.map_path.exists() else None
        write_json(self.map_path, session_document(entries))
        try:
            with self._opened(read_only=False) as s:
                cmap = read_map(self.map_path, partial=True)
                plan = s.write(cmap, self.provenance, prune=prune)
        except BaseException:
            if before is None:
                self.map_path.unlink(missing_ok=True)
            else:
                self.map_path.write_bytes(before)
            raise
        self.log.replace(entries)
        self.version += 1
        return plan

    # -- what pages show ------------------------------------------------------------------

    def map_page(self, audience: str, render: Callable[[nx.MultiDiGraph, str], str]) -> str:
        """The live map for ``audience``, drawn by ``render`` (cached until the map changes)."""
        with self._lock:
            key = (self.version, audience)
            if key not in self._maps:
                self._maps = {k: v for k, v in self._maps.items() if k[0] == self.version}
                self._maps[key] = render(self.graph(), audience)
            return self._maps[key]

    def state(self) -> dict[str, Any]:
        """A small summary for pages that poll: the map's version and entry counts."""
        return {
            "version": self.version,
            "pending": len(self.pending()),
            "approved": len(self.approved()),
        }
