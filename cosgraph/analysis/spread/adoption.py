"""Adoption data: who could learn from whom, who belongs where, who adopted when.

:class:`AdoptionData` is the input of every spread analysis (:mod:`.summary`,
:mod:`.exposure`, :mod:`.cascade`, :mod:`.simulate`).  Its contact graph points the
way people learn: an edge ``i -> j`` means *i may learn from j* (i names j as
someone it goes to, knows or trusts).  Three builders make it:
:func:`adoption_from_network` from a researcher's network (node attributes hold
community and time), :func:`adoption_from_files` from a people CSV and a ties CSV,
and :func:`adoption_from_graph` from the store's projection of a community map
(ADOPTED ties to a bright spot).  :func:`influence_graph` turns the contacts round
for simulations, where influence flows from the one named to the one naming.

Cells are read by the loaders' rules (:func:`cosgraph.loaders.rows.typed_value`):
blank, ``NA``, ``N/A``, ``NULL`` or NaN is no value; community ids are text as the
model writes ids (a city coded ``1.0`` is community ``"1"``).

>>> G = nx.DiGraph([("b", "a")])
>>> nx.set_node_attributes(G, {"a": "east", "b": "east"}, "town")
>>> nx.set_node_attributes(G, {"a": 1, "b": "NA"}, "month")
>>> data = adoption_from_network(G, community_attr="town", time_attr="month")
>>> data.adopters(), data.time
(['a'], {'b': None, 'a': 1.0})
>>> list(influence_graph(data).edges)
[('a', 'b')]
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from cosgraph.analysis.spread.choice import practice_and_level
from cosgraph.errors import CosgraphError
from cosgraph.loaders.rows import normalise_header, typed_value
from cosgraph.model import COMMUNITY_CONTACT_TIE_TYPES, CONTACT_TIE_TYPES, id_as_text

__all__ = [
    "AdoptionData",
    "adoption_from_network",
    "adoption_from_graph",
    "adoption_from_files",
    "influence_graph",
    "time_number",
    "ACTOR_CONTACT_TIES",
    "COMMUNITY_CONTACT_TIES",
    "TimeUnit",
]

TimeUnit = Literal["period", "day"]

#: Tie types between people (and organizations) that carry a practice.
ACTOR_CONTACT_TIES = CONTACT_TIE_TYPES
#: Tie types between communities that carry a practice.
COMMUNITY_CONTACT_TIES = COMMUNITY_CONTACT_TIE_TYPES
#: Symmetric tie types: a tie either way lets each side learn from the other.
_SYMMETRIC_TIES = frozenset({"PARTNERS_WITH", "PEER_OF"})
#: Tie types whose target learns from its source (the mentee learns from the mentor).
_REVERSED_TIES = frozenset({"MENTORS"})


@dataclass(frozen=True)
class AdoptionData:
    """Who could learn from whom, who belongs where, and who adopted when.

    Parameters
    ----------
    contacts : nx.DiGraph
        The population is its node set.  An edge ``i -> j`` means *i may learn from
        j* (i named j).  An edge may carry ``relations``, a list of the relations
        (``advice``, ``KNOWS`` ...) it stands for, which ``relation=`` filters on.
    community : dict
        Node -> community name.  Nodes left out count in the overall figures only.
    time : dict
        Node -> adoption time (a finite number) or ``None`` for never adopted.
        Nodes left out never adopted.
    source : dict, optional
        Adopter -> the node it learned from, when known.  The source must be an
        adopter that adopted no later than the learner.
    practice : str, optional
        The practice (bright spot) these times are for.
    time_unit : {"period", "day"}
        ``"day"`` means times are proleptic Gregorian ordinals
        (:meth:`datetime.date.toordinal`); results then also show ISO dates.

    Raises
    ------
    CosgraphError
        When a node named in ``community``, ``time`` or ``source`` is not in
        ``contacts``, a time is not a finite number, or a source is not an earlier
        (or same-time) adopter, or sources form a cycle.
    """

    contacts: nx.DiGraph
    community: dict[Hashable, str]
    time: dict[Hashable, float | None]
    source: dict[Hashable, Hashable] = field(default_factory=dict)
    practice: str | None = None
    time_unit: TimeUnit = "period"

    def __post_init__(self) -> None:
        nodes = self.contacts
        for name, mapping in (("community", self.community), ("time", self.time)):
            stray = [n for n in mapping if n not in nodes]
            if stray:
                raise CosgraphError(
                    f"{name} names nodes that are not in the contact graph: {_listing(stray)}"
                )
        bad_times = [n for n, t in self.time.items() if t is not None and not _finite_number(t)]
        if bad_times:
            raise CosgraphError(
                f"adoption times must be finite numbers or None; bad for {_listing(bad_times)}"
            )
        problems = []
        for learner, teacher in self.source.items():
            t_learner = self.time.get(learner)
            t_teacher = self.time.get(teacher) if teacher in nodes else None
            if learner not in nodes or t_learner is None:
                problems.append(f"{learner!r} has a source but did not adopt")
            elif teacher not in nodes:
                problems.append(f"{learner!r} learned from {teacher!r}, who is not in the network")
            elif t_teacher is None:
                problems.append(f"{learner!r} learned from {teacher!r}, who never adopted")
            elif t_teacher > t_learner:
                problems.append(f"{learner!r} learned from {teacher!r}, who adopted later")
        if problems:
            raise CosgraphError("inconsistent learned-from sources: " + "; ".join(problems[:20]))
        for start in self.source:
            seen = {start}
            node = self.source[start]
            while node in self.source:
                if node in seen:
                    cycle = _listing(sorted(seen, key=str))
                    raise CosgraphError(f"learned-from sources form a cycle through {cycle}")
                seen.add(node)
                node = self.source[node]

    def adopters(self) -> list[Hashable]:
        """The nodes that adopted, earliest first (ties broken by id as text)."""
        done = [(t, str(n), n) for n, t in self.time.items() if t is not None]
        return [n for _, _, n in sorted(done, key=lambda x: (x[0], x[1]))]

    def time_of(self, adopter: Hashable) -> float:
        """The adoption time of ``adopter`` (which must have adopted)."""
        t = self.time.get(adopter)
        if t is None:
            raise CosgraphError(f"{adopter!r} did not adopt")  # callers pass adopters only
        return float(t)

    def date_label(self, t: float) -> str | None:
        """Time ``t`` as an ISO date when times are days, else ``None``."""
        if self.time_unit != "day":
            return None
        return dt.date.fromordinal(int(t)).isoformat()

    def contact_sets(
        self, directed: bool = True, relation: str | None = None
    ) -> dict[Hashable, set[Hashable]]:
        """Each node's contacts: whom it may learn from.

        ``directed`` False counts a contact either way; ``relation`` keeps only
        contacts of that relation.

        Raises
        ------
        CosgraphError
            When ``relation`` is not a relation of any contact.
        """
        C = self.contacts
        if relation is not None:
            known = {r for _, _, rs in C.edges(data="relations") for r in (rs or ())}
            if relation not in known:
                raise CosgraphError(
                    f"no contact has relation {relation!r}; relations: "
                    f"{', '.join(sorted(known)) or 'none recorded'}"
                )
        sets: dict[Hashable, set[Hashable]] = {n: set() for n in C}
        for u, v, rs in C.edges(data="relations"):
            if u == v or (relation is not None and relation not in (rs or ())):
                continue
            sets[u].add(v)
            if not directed:
                sets[v].add(u)
        return sets


def adoption_from_network(
    G: nx.DiGraph | nx.Graph,
    community_attr: str,
    time_attr: str,
    relation_attr: str | None = None,
    relations: Iterable[str] | None = None,
    *,
    source_attr: str | None = None,
    practice: str | None = None,
) -> AdoptionData:
    """Adoption data from a researcher's network: node attributes give community and time.

    Parameters
    ----------
    G : nx.DiGraph, nx.MultiDiGraph or undirected graph
        Who names whom: an edge ``i -> j`` means i named j (i may learn from j).
        An undirected edge counts both ways.  Parallel edges (one per relation)
        are merged into one contact that remembers all its relations.
    community_attr : str
        Node attribute holding the community; a node without it belongs to none.
    time_attr : str
        Node attribute holding the adoption time: a number.  Absent, ``None``,
        an empty string or NaN means never adopted.
    relation_attr : str, optional
        Edge attribute naming the relation (e.g. ``"relation"`` holding
        ``advice``, ``discussion``, ``friendship``).  Recorded on each contact so
        :func:`exposure` and :func:`cascade` can filter on it.
    relations : iterable of str, optional
        Keep only edges whose ``relation_attr`` is one of these.
    source_attr : str, optional
        Node attribute naming the node it learned from.
    practice : str, optional
        Name of the practice, carried into the results.

    Returns
    -------
    AdoptionData

    Raises
    ------
    CosgraphError
        When ``relations`` is given without ``relation_attr``, or a time is not a
        number.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", city=1, month=1); G.add_node("b", city=1, month=3.0)
    >>> G.add_node("c", city=2)
    >>> _ = G.add_edge("b", "a", relation="advice")
    >>> _ = G.add_edge("b", "a", relation="friendship")
    >>> _ = G.add_edge("c", "b", relation="friendship")
    >>> data = adoption_from_network(G, "city", "month", "relation", {"advice"})
    >>> data.community, data.time
    ({'a': '1', 'b': '1', 'c': '2'}, {'a': 1.0, 'b': 3.0, 'c': None})
    >>> list(data.contacts.edges(data=True))
    [('b', 'a', {'relations': ['advice']})]

    Notes
    -----
    Community values become text (a city coded ``1`` is community ``"1"``); times
    become floats.  Self-loops are dropped.  The input graph is not changed.
    """
    if relations is not None and relation_attr is None:
        raise CosgraphError("relations= filters on an edge attribute: give relation_attr= too")
    wanted = None if relations is None else {str(r) for r in relations}
    contacts = nx.DiGraph()
    contacts.add_nodes_from(G.nodes)
    community: dict[Hashable, str] = {}
    time: dict[Hashable, float | None] = {}
    source: dict[Hashable, Hashable] = {}
    bad: list[str] = []
    for node, attrs in G.nodes(data=True):
        group = attrs.get(community_attr)
        if not _blank(group):
            community[node] = _id_text(group)
        try:
            time[node] = _time_value(attrs.get(time_attr))
        except ValueError:
            bad.append(f"{node!r}: {attrs.get(time_attr)!r}")
        if source_attr is not None and not _blank(attrs.get(source_attr)):
            source[node] = _match_node(G, attrs[source_attr])
    if bad:
        raise CosgraphError(f"{time_attr!r} must be a number or empty; got {', '.join(bad[:20])}")
    pairs: Iterable[tuple[Any, Any, dict[str, Any]]] = G.edges(data=True)
    for u, v, attrs in pairs:
        if u == v:
            continue
        names: set[str] = set()
        if relation_attr is not None:
            names = _relation_names(attrs.get(relation_attr))
            if wanted is not None:
                names &= wanted
                if not names:
                    continue
        ends = [(u, v)] if G.is_directed() else [(u, v), (v, u)]
        for a, b in ends:
            _add_contact(contacts, a, b, names)
    # a learned-from note on a never-adopter says nothing about spread
    source = {n: s for n, s in source.items() if time.get(n) is not None}
    return AdoptionData(contacts, community, time, source, practice, "period")


def adoption_from_graph(
    G: nx.MultiDiGraph,
    practice: str | None = None,
    level: Literal["actors", "communities"] | None = None,
) -> AdoptionData:
    """Adoption data for one bright spot from the store's projection of a community map.

    Parameters
    ----------
    G : nx.MultiDiGraph
        The projection (see :mod:`cosgraph.analysis.views`): nodes with ``kind``,
        ties as edges with ``type`` and their properties.
    practice : str, optional
        Id of the ``bright_spot`` node.  May be left out when only one bright spot
        has adopters (at ``level``, when given); see
        :func:`~cosgraph.analysis.spread.choice.practice_and_level`.
    level : {"actors", "communities"}, optional
        Which adopters to analyse when both people (or organizations) and
        communities adopted the practice; may be left out when only one level did.

    Returns
    -------
    AdoptionData
        At *actor level* when people (or organizations) adopted: the population is
        every node of the adopters' kinds, grouped by the community each is
        ``MEMBER_OF``; contacts are KNOWS, TRUSTS and PARTNERS_WITH ties.  At
        *community level* when communities adopted: the population is every
        community, grouped by the peer team each is ``MEMBER_OF``; contacts are
        PEER_OF, MENTORS and VISITED ties.

    Raises
    ------
    CosgraphError
        When ``practice`` or ``level`` is missing and more than one fits (one
        message lists every open choice), when ``practice`` is not a bright spot, when an
        ADOPTED tie has neither ``period`` nor ``date`` or the ties mix the two,
        when both actors and communities adopted and ``level`` is not given, or
        when a ``learned_from`` is inconsistent.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n in ("ana", "bo"):
    ...     G.add_node(n, kind="person")
    >>> G.add_node("north", kind="community"); G.add_node("walk", kind="bright_spot")
    >>> _ = G.add_edge("ana", "north", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("bo", "ana", key="KNOWS", type="KNOWS")
    >>> _ = G.add_edge("ana", "walk", key="ADOPTED", type="ADOPTED", period=1)
    >>> _ = G.add_edge("bo", "walk", key="ADOPTED", type="ADOPTED", period=2,
    ...                learned_from="ana")
    >>> data = adoption_from_graph(G)
    >>> data.practice, data.time, data.community, data.source
    ('walk', {'ana': 1.0, 'bo': 2.0}, {'ana': 'north'}, {'bo': 'ana'})
    >>> list(data.contacts.edges(data=True))
    [('bo', 'ana', {'relations': ['KNOWS']})]

    Notes
    -----
    Contact direction follows "i may learn from j": ``KNOWS``/``TRUSTS``/``VISITED``
    ``i -> j`` give ``i -> j``; ``MENTORS`` ``m -> e`` gives ``e -> m`` (the mentee
    learns from the mentor); ``PARTNERS_WITH`` and ``PEER_OF`` count both ways.
    A ``period`` is used as is; a ``date`` (``YYYY-MM-DD``) becomes its ordinal day
    and the data's ``time_unit`` is ``"day"``.  A node that is ``MEMBER_OF`` several
    communities (a village and the township around it) is grouped in the most
    specific one, the one with the fewest members (ties broken by id).  The input
    graph is not changed.
    """
    practice, level = practice_and_level(G, practice, level)
    adopted = [
        (u, d) for u, v, d in G.edges(data=True) if v == practice and d.get("type") == "ADOPTED"
    ]
    if level is not None:
        keep_community = level == "communities"
        adopted = [
            (u, d) for u, d in adopted if (G.nodes[u].get("kind") == "community") == keep_community
        ]
    kinds = {G.nodes[u].get("kind") for u, _ in adopted}
    level_kinds = kinds or {"person"}
    community_level = level_kinds == {"community"}
    population = [n for n, kind in G.nodes(data="kind") if kind in level_kinds]
    members = set(population)

    time, unit = _adoption_times(adopted, practice)
    source = {
        u: _match_node(G, d["learned_from"])
        for u, d in adopted
        if not _blank(d.get("learned_from"))
    }

    group_kind = "peer_team" if community_level else "community"
    groups: dict[Hashable, list[str]] = {}
    for u, v, d in G.edges(data=True):
        if d.get("type") == "MEMBER_OF" and u in members and G.nodes[v].get("kind") == group_kind:
            groups.setdefault(u, []).append(str(v))
    # A member of several (nested) communities, say a village and the township around
    # it, counts in the most specific one: the one with the fewest members.
    sizes: dict[str, int] = {}
    for g in groups.values():
        for name in set(g):
            sizes[name] = sizes.get(name, 0) + 1
    community = {n: min(set(g), key=lambda c: (sizes[c], c)) for n, g in groups.items()}

    contacts = nx.DiGraph()
    contacts.add_nodes_from(population)
    tie_types = COMMUNITY_CONTACT_TIES if community_level else ACTOR_CONTACT_TIES
    for u, v, d in G.edges(data=True):
        tie_type = d.get("type")
        if tie_type not in tie_types or u == v or u not in members or v not in members:
            continue
        if tie_type in _REVERSED_TIES:
            ends = [(v, u)]
        elif tie_type in _SYMMETRIC_TIES:
            ends = [(u, v), (v, u)]
        else:
            ends = [(u, v)]
        for a, b in ends:
            _add_contact(contacts, a, b, {str(tie_type)})
    return AdoptionData(contacts, community, time, source, practice, unit)


def adoption_from_files(
    people: str | Path,
    ties: str | Path,
    *,
    id_column: str = "id",
    community_column: str = "community",
    time_column: str = "time",
    from_column: str = "from",
    to_column: str = "to",
    relation_column: str = "relation",
    practice: str | None = None,
    seen_as: Callable[[nx.MultiDiGraph], nx.MultiDiGraph] | None = None,
) -> AdoptionData:
    """Adoption data from a people CSV and a ties CSV (``cosgraph spread --people --ties``).

    The files are read as ``cosgraph load-network`` reads them
    (:func:`cosgraph.loaders.read_network`: headers matched without regard to case or
    spaces, several rows for one pair merged, relations joined ``"; "``), then as
    :func:`adoption_from_network` reads a network.

    Parameters
    ----------
    people : path
        One row per person: id, community and adoption time (empty: never adopted).
    ties : path
        One row per nomination: who names (``from_column``) whom (``to_column``),
        optionally the relation (``relation_column``; absent is fine).
    id_column, community_column, time_column, from_column, to_column, relation_column : str
        The columns holding each.
    practice : str, optional
        Name of the practice, carried into the results.
    seen_as : callable, optional
        Applied to the network before adoption is read from it: for example
        ``lambda G: Audience.of(G, "public").graph(G)`` (:mod:`cosgraph.consent`), so
        the data names nobody the audience may not see.

    Returns
    -------
    AdoptionData

    Raises
    ------
    LoadError
        When a file cannot be read, with file, line and field.
    CosgraphError
        When a time is not a number.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "people.csv").write_text("ID,City,Month\\na,1,1\\nb,1,\\n")
    >>> _ = (folder / "ties.csv").write_text("from,to,relation\\nb,a,advice\\n")
    >>> data = adoption_from_files(folder / "people.csv", folder / "ties.csv",
    ...                            id_column="ID", community_column="City",
    ...                            time_column="Month")
    >>> data.community, data.time
    ({'a': '1', 'b': '1'}, {'a': 1.0, 'b': None})
    >>> list(data.contacts.edges(data=True))
    [('b', 'a', {'relations': ['advice']})]
    """
    from cosgraph.loaders import read_network

    cmap = read_network(
        people, ties, id_column=id_column, from_column=from_column, to_column=to_column
    )
    G = cmap.to_graph()
    return adoption_from_network(
        seen_as(G) if seen_as is not None else G,
        normalise_header(community_column),
        normalise_header(time_column),
        normalise_header(relation_column),
        practice=practice,
    )


def influence_graph(data: AdoptionData) -> nx.DiGraph:
    """The contacts turned round: ``u -> v`` when *u can convince v*.

    Contacts point the way people learn (``i -> j``: i names j, i learns from j);
    the simulations (:mod:`cosgraph.analysis.simulation`,
    :mod:`cosgraph.analysis.seed_selection`) take the way influence flows, from the
    person named to the person who named them.  A new graph; the data is not changed.

    Examples
    --------
    >>> data = AdoptionData(nx.DiGraph([("learner", "teacher")]), {}, {})
    >>> list(influence_graph(data).edges)
    [('teacher', 'learner')]
    """
    flow: nx.DiGraph = data.contacts.reverse(copy=True)
    return flow


def time_number(t: float) -> int | float:
    """A time as results show it: whole times as ints (``2.0`` -> ``2``)."""
    return int(t) if float(t).is_integer() else float(t)


def _add_contact(contacts: nx.DiGraph, a: Hashable, b: Hashable, names: set[str]) -> None:
    if contacts.has_edge(a, b):
        edge = contacts.edges[a, b]
        edge["relations"] = sorted({*edge["relations"], *names})
    else:
        contacts.add_edge(a, b, relations=sorted(names))


def _relation_names(value: Any) -> set[str]:
    if _blank(value):
        return set()
    if isinstance(value, str):
        # the network loader joins the relations of one pair as "advice; friendship"
        return {part.strip() for part in value.split(";") if part.strip()}
    if isinstance(value, Iterable):
        return {str(v).strip() for v in value if not _blank(v)}
    return {str(value)}


def _adoption_times(
    adopted: list[tuple[Hashable, dict[str, Any]]], practice: str
) -> tuple[dict[Hashable, float | None], TimeUnit]:
    periods = {u: d["period"] for u, d in adopted if not _blank(d.get("period"))}
    dates = {u: d["date"] for u, d in adopted if not _blank(d.get("date")) and u not in periods}
    untimed = sorted(str(u) for u, _ in adopted if u not in periods and u not in dates)
    if untimed:
        raise CosgraphError(
            f"ADOPTED ties to {practice!r} need a period or a date; missing for {_listing(untimed)}"
        )
    if periods and dates:
        raise CosgraphError(
            f"ADOPTED ties to {practice!r} mix periods and dates; give every tie the same kind "
            f"(dates on {_listing(sorted(str(u) for u in dates))})"
        )
    if dates:
        try:
            days: dict[Hashable, float | None] = {
                u: float(dt.date.fromisoformat(str(d)).toordinal()) for u, d in dates.items()
            }
        except ValueError as err:
            raise CosgraphError(f"bad ADOPTED date: {err}") from None
        return days, "day"
    try:
        return {u: _time_value(p) for u, p in periods.items()}, "period"
    except ValueError:
        raise CosgraphError(f"ADOPTED periods to {practice!r} must be numbers") from None


def _time_value(value: Any) -> float | None:
    """A number, or None for a blank cell as the loaders read one; ValueError else."""
    number = typed_value(value)
    if number is None:
        return None
    if not _finite_number(number):
        raise ValueError(value)
    return float(number)


def _finite_number(value: Any) -> bool:
    return (
        not isinstance(value, bool)
        and isinstance(value, numbers.Real)
        and math.isfinite(float(value))
    )


def _blank(value: Any) -> bool:
    """No value, as the loaders read a cell: None, blank, NaN, ``NA``, ``NULL`` ..."""
    return typed_value(value) is None


def _id_text(value: Any) -> str:
    """A community or node id as text, as the model writes ids (``1.0`` -> ``"1"``)."""
    return str(id_as_text(value)).strip()


def _match_node(G: nx.Graph, value: Any) -> Hashable:
    """A learned-from id as the graph spells it (ids may be ints while cells are text)."""
    if value in G:
        return value  # type: ignore[no-any-return]
    text = _id_text(value)
    for node in G:
        if str(node) == text:
            return node  # type: ignore[no-any-return]
    return value  # type: ignore[no-any-return]


def _listing(items: Iterable[Any]) -> str:
    items = list(items)
    shown = ", ".join(repr(i) if not isinstance(i, str) else i for i in items[:20])
    return shown + (f" and {len(items) - 20} more" if len(items) > 20 else "")
