"""What a participant submits in a live session: checked as a load checks rows, kept in a log.

A participant's form (:data:`FORM_FIELDS`) becomes one :class:`Entry`: their person
node, a new organization and the assets and levers they name, and the ties between
them (``MEMBER_OF``, ``HOLDS``, ``INFLUENCES`` with stance ``champion``).  The rows go
through :func:`cosgraph.loaders.rows.map_from_rows`, the same pydantic models and
checks as every load, so a bad value is refused with the load's own message, one
line per problem, naming the part of the form (:func:`entry_from_form`).

Ids are made from names (``Ana Ruiz`` → ``ana-ruiz``, ``ana-ruiz-2`` when taken).  An
organization or lever whose name is already in use (in the store or in another
entry) is that one: the entry ties to it instead of adding a second.

Entries wait as ``pending`` until a facilitator approves or rejects them; the approved
ones, in approval order, make the session's map document (:func:`session_document`),
a map file ``cosgraph load`` reads.

>>> known = Known(taken={"ana-ruiz"})
>>> entry = entry_from_form({"name": ["Ana Ruiz"], "consent": ["public"],
...     "asset1_name": ["Church hall"], "asset1_kind": ["physical space"],
...     "asset1_capabilities": ["Meeting Space"]}, known, number=1)
>>> entry.person_id, [n["id"] for n in entry.nodes]
('ana-ruiz-2', ['ana-ruiz-2', 'ana-ruiz-2-church-hall'])
>>> entry.nodes[1]["capabilities"], entry.ties[0]["type"]
(['meeting_space'], 'HOLDS')
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, Field

from cosgraph.consent import Audience
from cosgraph.errors import CosgraphError, LoadError, SourceLocation
from cosgraph.model import CommunityMap, Node, Tie, canonical_term
from cosgraph.overwrite import stamp_json

__all__ = [
    "ASSET_SLOTS",
    "LEVER_SLOTS",
    "ASSET_PARTS",
    "LEVER_PARTS",
    "part_title",
    "CONSENT_WORDS",
    "TRIPOD_WORDS",
    "FIELD_LABELS",
    "Entry",
    "EntryError",
    "EntryLog",
    "Known",
    "entry_from_form",
    "entry_map",
    "entry_summary",
    "session_document",
    "slug",
]

#: How many "what you bring" and "what you want to change" parts the form offers.
ASSET_SLOTS = 3
LEVER_SLOTS = 2
#: Consent in the words the form shows (the workbook's Instructions say the same).
CONSENT_WORDS = {
    "public": "Anyone who sees a map of our work may see my name",
    "coalition": "Only members of our coalition may see my name",
    "private": "Only the few people who look after the map may see my name",
}
#: Tripod roles in the words the form shows.
TRIPOD_WORDS = {
    "formal_leader": "I lead or work for an institution (formal leader)",
    "community_connector": "I connect people in the community (community connector)",
    "lived_experience": "I live with the issues we want to change (resident)",
}
#: The form's name for each model field a problem can name.
FIELD_LABELS = {
    "id": "name",
    "name": "name",
    "tripod_role": "your role",
    "consent": "who may see you",
    "lived_experience": "lived experience",
    "sector": "sector",
    "role": "your role there",
    "asset_kind": "kind",
    "capabilities": "what it can do",
    "lever_kind": "kind",
    "needs": "what it needs",
}
PART_YOU = "You"
PART_ORGANIZATION = "Your organization"


def part_title(title: str, slot: int) -> str:
    """How the form names one of several parts: ``What you bring (2)``.

    >>> part_title("What you bring", 1), part_title("What you bring", 2)
    ('What you bring', 'What you bring (2)')
    """
    return title if slot == 1 else f"{title} ({slot})"


#: The form's repeated parts, as the form and its problem lines name them.
ASSET_PARTS = [part_title("What you bring", i) for i in range(1, ASSET_SLOTS + 1)]
LEVER_PARTS = [part_title("What you want to change", i) for i in range(1, LEVER_SLOTS + 1)]
_STANCE = "champion"  # someone who comes to a session to change a lever pushes for it


class EntryError(CosgraphError):
    """A participant's entry that cannot be taken; ``problems`` has one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class Entry(BaseModel):
    """One participant's submission and what became of it.

    ``nodes`` and ``ties`` are the checked rows, in the shape of a map file's
    ``nodes`` and ``ties`` (each node with its ``kind``).  ``approved`` is the
    approval's place in the session (1, 2, ...), so the last one can be undone.
    """

    number: int
    status: Literal["pending", "approved", "rejected"] = "pending"
    submitted_at: str
    decided_at: str | None = None
    approved: int | None = None
    person_id: str
    nodes: list[dict[str, Any]]
    ties: list[dict[str, Any]] = Field(default_factory=list)


@dataclass
class Known:
    """What an entry may meet: ids in use, and organizations and levers by name.

    ``organizations`` and ``levers`` map a name (in canonical form, see
    :func:`cosgraph.model.canonical_term`) to an id; ``defined`` holds the node rows
    of those an entry defined (copied into a later entry that names them, so each
    entry stands on its own when another is undone); ``names`` holds their names as
    first written, by id; ``capabilities`` are the words the form offers.
    """

    taken: set[str] = field(default_factory=set)
    organizations: dict[str, str] = field(default_factory=dict)
    levers: dict[str, str] = field(default_factory=dict)
    defined: dict[str, dict[str, Any]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    capabilities: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, G: nx.MultiDiGraph, entries: Iterable[Entry] = ()) -> Known:
        """What the map ``G`` (a store's projection) and the ``entries`` name.

        >>> G = nx.MultiDiGraph()
        >>> G.add_node("fb", kind="organization", name="Food Bank")
        >>> G.add_node("hall", kind="asset", capabilities=["meeting_space"])
        >>> known = Known.of(G)
        >>> known.organizations, known.capabilities
        ({'food_bank': 'fb'}, ['meeting_space'])
        """
        known = cls(taken={str(n) for n in G})
        words: set[str] = set()
        for node, data in G.nodes(data=True):
            kind = data.get("kind")
            term = canonical_term(str(data.get("name") or node))
            if kind in ("organization", "lever"):
                names = known.organizations if kind == "organization" else known.levers
                names.setdefault(term, str(node))
                known.names.setdefault(str(node), str(data.get("name") or node))
            words.update(data.get("capabilities") or [])
            words.update(data.get("need_capabilities") or [])
        for entry in entries:
            if entry.status == "rejected":
                continue
            for row in entry.nodes:
                known.taken.add(row["id"])
                term = canonical_term(str(row.get("name") or row["id"]))
                if row["kind"] in ("organization", "lever"):
                    names = known.organizations if row["kind"] == "organization" else known.levers
                    names.setdefault(term, row["id"])
                    known.defined.setdefault(row["id"], row)
                    known.names.setdefault(row["id"], str(row.get("name") or row["id"]))
                if entry.status == "approved":
                    words.update(row.get("capabilities") or [])
                    words.update(row.get("needs") or {})
        known.capabilities = sorted(str(w) for w in words)
        return known

    def new_id(self, name: str, prefix: str = "") -> str:
        """A free id made from ``name`` (and ``prefix``), taken at once.

        >>> k = Known(taken={"ana"})
        >>> k.new_id("Ana"), k.new_id("Ana"), k.new_id("Hall", prefix="ana")
        ('ana-2', 'ana-3', 'ana-hall')
        """
        base = "-".join(part for part in (prefix, slug(name)) if part)
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate


def slug(name: str) -> str:
    """An id part made from a name: its canonical form with ``-`` between words.

    >>> slug("Ana Ruiz"), slug("  Food_Bank of Maywood "), slug("?")
    ('ana-ruiz', 'food-bank-of-maywood', '?')
    """
    return canonical_term(name).replace("_", "-")[:60].strip("-") or "entry"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


FormData = Mapping[str, Sequence[str]]


def _one(form: FormData, key: str) -> str:
    values = form.get(key) or [""]
    return str(values[0]).strip()


def _words(form: FormData, key: str) -> str:
    """Ticked words plus the ones typed in ``KEY_other``, as one ``;`` list."""
    ticked = [str(v) for v in form.get(key) or [] if str(v).strip()]
    typed = _one(form, f"{key}_other")
    return "; ".join([*ticked, typed] if typed else ticked)


def entry_from_form(form: FormData, known: Known, *, number: int) -> Entry:
    """Check a participant's form and make it an :class:`Entry` (``known`` takes its ids).

    Parameters
    ----------
    form : field name → values, as the form posts them (see the module text).
    known : what the store and other entries name; the new ids are added to it.
    number : the entry's number in the session.

    Raises
    ------
    EntryError
        One line per problem, each naming the part of the form and the field, with
        the same message a load gives for the same value.
    """
    problems: list[str] = []
    name = _one(form, "name")
    if not name:
        problems.append(f"{PART_YOU}, your name: is required")
    person_id = known.new_id(name or "person")
    lived = _one(form, "lived_experience")
    person: dict[str, Any] = {
        "id": person_id,
        "name": name,
        "tripod_role": _one(form, "tripod_role"),
        "consent": _one(form, "consent") or "coalition",
    }
    if lived in ("yes", "no"):
        person["lived_experience"] = lived == "yes"
    rows: list[tuple[str, str, dict[str, Any]]] = [(PART_YOU, "people", person)]
    ties: list[tuple[str, dict[str, Any]]] = []

    organization = _one(form, "organization")
    if organization:
        org_id = _meet(known, known.organizations, organization, rows, PART_ORGANIZATION)
        if org_id is None:
            org_id = known.new_id(organization)
            known.organizations[canonical_term(organization)] = org_id
            org = {"id": org_id, "name": organization, "sector": _one(form, "sector")}
            rows.append((PART_ORGANIZATION, "organizations", org))
        tie = {"type": "MEMBER_OF", "source": person_id, "target": org_id}
        ties.append((PART_ORGANIZATION, {**tie, "role": _one(form, "role")}))

    for i in range(1, ASSET_SLOTS + 1):
        part, key = ASSET_PARTS[i - 1], f"asset{i}"
        asset_name = _one(form, f"{key}_name")
        words = _words(form, f"{key}_capabilities")
        kind = _one(form, f"{key}_kind")
        if not asset_name:
            if words or _one(form, f"{key}_capabilities_other"):
                problems.append(f"{part}, name: is required")
            continue
        asset_id = known.new_id(asset_name, prefix=person_id)
        asset = {"id": asset_id, "name": asset_name, "asset_kind": kind, "capabilities": words}
        rows.append((part, "assets", asset))
        ties.append((part, {"type": "HOLDS", "source": person_id, "target": asset_id}))

    for i in range(1, LEVER_SLOTS + 1):
        part, key = LEVER_PARTS[i - 1], f"lever{i}"
        lever_name = _one(form, f"{key}_name")
        if not lever_name:
            continue
        lever_id = _meet(known, known.levers, lever_name, rows, part)
        if lever_id is None:
            lever_id = known.new_id(lever_name)
            known.levers[canonical_term(lever_name)] = lever_id
            lever = {
                "id": lever_id,
                "name": lever_name,
                "lever_kind": _one(form, f"{key}_kind"),
                "needs": _words(form, f"{key}_needs"),
            }
            rows.append((part, "levers", lever))
        tie = {"type": "INFLUENCES", "source": person_id, "target": lever_id, "stance": _STANCE}
        ties.append((part, tie))

    cmap = _checked(rows, ties, problems)
    return Entry(
        number=number,
        submitted_at=_now(),
        person_id=person_id,
        nodes=[_node_row(node) for node in cmap.nodes],
        ties=[_tie_row(tie) for tie in cmap.ties],
    )


def _meet(
    known: Known,
    names: dict[str, str],
    name: str,
    rows: list[tuple[str, str, dict[str, Any]]],
    part: str,
) -> str | None:
    """The id of the organization or lever already called ``name``, or None.

    One an entry defined comes with its row, so this entry holds it too.
    """
    found = names.get(canonical_term(name))
    if found is not None and found in known.defined:
        row = dict(known.defined[found])
        kind = row.pop("kind")
        if all(r[2].get("id") != found for r in rows):
            rows.append((part, "organizations" if kind == "organization" else "levers", row))
    return found


def _checked(
    rows: list[tuple[str, str, dict[str, Any]]],
    ties: list[tuple[str, dict[str, Any]]],
    problems: list[str],
) -> CommunityMap:
    """The rows read as a load reads them (:func:`map_from_rows`); every problem at once."""
    from cosgraph.loaders.rows import TIES_SHEET, Row, map_from_rows

    tables: dict[str, list[Row]] = {}
    for part, sheet, values in rows:
        tables.setdefault(sheet, []).append(Row.typed(SourceLocation(part), _filled(values)))
    for part, values in ties:
        tables.setdefault(TIES_SHEET, []).append(Row.typed(SourceLocation(part), _filled(values)))
    try:
        cmap: CommunityMap = map_from_rows(tables)
    except LoadError as exc:
        problems += [_problem_line(p) for p in exc.problems]
        raise EntryError(problems) from None
    if problems:
        raise EntryError(problems)
    return cmap


def _filled(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v not in ("", None)}


def _problem_line(problem: SourceLocation) -> str:
    """``What you bring 1, kind: 'x' is not one of: ...``."""
    label = FIELD_LABELS.get(problem.field or "", problem.field)
    return f"{problem.file}, {label}: {problem.message}" if label else str(problem)


def _node_row(node: Node) -> dict[str, Any]:
    row = {"kind": node.kind, **node.model_dump(mode="json", exclude_none=True)}
    if not row.get("attributes"):
        row.pop("attributes", None)
    return row


def _tie_row(tie: Tie) -> dict[str, Any]:
    row = tie.model_dump(mode="json", exclude_none=True)
    if not row.get("attributes"):
        row.pop("attributes", None)
    return row


def session_document(entries: Iterable[Entry]) -> dict[str, Any]:
    """The approved entries, in approval order, as one map file (stamped as cosgraph's).

    A node or tie that several entries hold is written once, as the first approved
    entry wrote it.

    >>> a = Entry(number=1, status="approved", approved=1, submitted_at="", person_id="a",
    ...           nodes=[{"kind": "person", "id": "a"}])
    >>> b = a.model_copy(update={"status": "pending", "approved": None})
    >>> session_document([b, a])
    {'generator': 'cosgraph', 'nodes': [{'kind': 'person', 'id': 'a'}], 'ties': []}
    """
    approved = sorted((e for e in entries if e.status == "approved"), key=lambda e: e.approved or 0)
    nodes: dict[str, dict[str, Any]] = {}
    ties: dict[tuple[str, str, str], dict[str, Any]] = {}
    for entry in approved:
        for row in entry.nodes:
            nodes.setdefault(row["id"], row)
        for row in entry.ties:
            ties.setdefault((row["type"], row["source"], row["target"]), row)
    return stamp_json({"nodes": list(nodes.values()), "ties": list(ties.values())})


def entry_map(entry: Entry) -> CommunityMap:
    """The entry's rows as a map (already checked when the entry was made)."""
    from cosgraph.model import NODE_TYPES

    nodes = [
        NODE_TYPES[row["kind"]](**{k: v for k, v in row.items() if k != "kind"})
        for row in entry.nodes
    ]
    return CommunityMap(nodes=nodes, ties=[Tie(**row) for row in entry.ties])


def entry_summary(entry: Entry, audience: str) -> dict[str, Any]:
    """What a page may show of an entry to ``audience`` (:class:`cosgraph.consent.Audience`).

    A person whose consent is narrower than the audience is not named: ``person`` is
    then ``None`` and nothing that only they carry is shown.

    >>> e = Entry(number=1, submitted_at="", person_id="bo",
    ...           nodes=[{"kind": "person", "id": "bo", "name": "Bo", "consent": "private"}])
    >>> entry_summary(e, "coalition")["person"] is None, entry_summary(e, "private")["person"]
    (True, 'Bo')
    """
    G = entry_map(entry).to_graph()
    seen = Audience.of(G, audience)
    me = G.nodes[entry.person_id]
    named = not seen.is_hidden(entry.person_id)
    parts: dict[str, list[dict[str, Any]]] = {"organization": [], "asset": [], "lever": []}
    for node, data in G.nodes(data=True):
        if data.get("kind") in parts:
            words = data.get("capabilities") or data.get("need_capabilities") or []
            parts[str(data["kind"])].append(
                {
                    "name": seen.mask(str(data.get("name") or node)),
                    "kind": data.get("asset_kind") or data.get("lever_kind") or data.get("sector"),
                    "words": [str(seen.mask(w)).replace("_", " ") for w in words],
                }
            )
    own = {row["id"] for row in entry.nodes}
    for tie in entry.ties:  # organizations and levers already in the store, by id
        part = {"MEMBER_OF": "organization", "INFLUENCES": "lever"}.get(tie["type"])
        if part is not None and tie["target"] not in own:
            parts[part].append({"name": tie["target"], "kind": "already on the map", "words": []})
    return {
        "number": entry.number,
        "status": entry.status,
        "submitted_at": entry.submitted_at,
        "person": str(me.get("name") or entry.person_id) if named else None,
        "consent": me.get("consent"),
        "tripod_role": me.get("tripod_role"),
        "lived_experience": me.get("lived_experience") if named else None,
        "organizations": parts["organization"],
        "assets": parts["asset"],
        "levers": parts["lever"],
    }


class EntryLog:
    """Every entry of a session, kept in one JSON file (stamped as cosgraph's).

    >>> import tempfile, pathlib
    >>> log = EntryLog(pathlib.Path(tempfile.mkdtemp()) / "s.entries.json", "s")
    >>> log.add(Entry(number=log.next_number(), submitted_at="", person_id="a",
    ...               nodes=[{"kind": "person", "id": "a"}])).number
    1
    >>> [e.status for e in EntryLog(log.path, "s").entries]
    ['pending']
    """

    def __init__(self, path: Path, source: str):
        self.path = path
        self.source = source
        self.entries: list[Entry] = []
        if path.exists():
            try:
                data = json.loads(path.read_text("utf-8"))
                self.entries = [Entry.model_validate(e) for e in data["entries"]]
            except (ValueError, KeyError, TypeError) as exc:
                raise CosgraphError(f"{path} is not a session's entries file: {exc}") from None

    def next_number(self) -> int:
        return max((e.number for e in self.entries), default=0) + 1

    def add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        self.save()
        return entry

    def get(self, number: int) -> Entry | None:
        return next((e for e in self.entries if e.number == number), None)

    def last_approved(self) -> Entry | None:
        approved = [e for e in self.entries if e.status == "approved"]
        return max(approved, key=lambda e: e.approved or 0, default=None)

    def with_status(self, entry: Entry, status: str) -> list[Entry]:
        """The entries as they would be with ``entry`` set to ``status`` (nothing saved)."""
        changed = entry.model_copy(update=_decision(self, status))
        return [changed if e.number == entry.number else e for e in self.entries]

    def replace(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.save()

    def save(self) -> None:
        document = stamp_json(
            {"source": self.source, "entries": [e.model_dump(mode="json") for e in self.entries]}
        )
        write_json(self.path, document)


def _decision(log: EntryLog, status: str) -> dict[str, Any]:
    if status == "approved":
        order = max((e.approved or 0 for e in log.entries), default=0) + 1
        return {"status": status, "approved": order, "decided_at": _now()}
    return {
        "status": status,
        "approved": None,
        "decided_at": _now() if status != "pending" else None,
    }


def write_json(path: Path, document: Mapping[str, Any]) -> None:
    """Write ``document`` to ``path`` whole or not at all (a new file, then renamed)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", "utf-8")
    os.replace(partial, path)
