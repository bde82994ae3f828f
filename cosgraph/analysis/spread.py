"""How a bright spot travels: event-history analysis of who adopted a practice, and when.

The input is one :class:`AdoptionData`: a directed contact graph in which an edge
``i -> j`` means *i may learn from j* (i names j as someone it goes to, knows or
trusts), each node's community, and each node's adoption time (``None`` for a node
that never adopted).  Two builders make it: :func:`adoption_from_network` from a
researcher's network file (node attributes hold community and time), and
:func:`adoption_from_graph` from the store's projection of a community map
(ADOPTED ties to a bright spot).

Three analyses read it, each returning a pydantic result with ``table_rows()``:

* :func:`spread_summary` -- members, adopters, saturation, cumulative adoption,
  time to half, hazard rate and Rogers' adopter categories, per community and overall;
* :func:`exposure` -- each adopter's exposure at adoption (Valente's threshold) and
  its correlation with adoption time;
* :func:`cascade` -- who may have learned from whom, cascade depth, and the
  communities the practice crossed.

>>> import networkx as nx
>>> G = nx.DiGraph([("b", "a"), ("c", "b"), ("d", "b")])
>>> nx.set_node_attributes(G, {"a": "east", "b": "east", "c": "west", "d": "west"}, "town")
>>> nx.set_node_attributes(G, {"a": 1, "b": 2, "c": 3}, "month")
>>> data = adoption_from_network(G, community_attr="town", time_attr="month")
>>> [(c.community, c.adopters, c.members) for c in spread_summary(data).communities]
[('east', 2, 2), ('west', 1, 2)]
>>> [(a.node, a.exposure) for a in exposure(data).adopters]
[('a', None), ('b', 1.0), ('c', 1.0)]
>>> cascade(data).max_depth
2
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import numpy as np
from pydantic import BaseModel

from cosgraph.errors import CosgraphError
from cosgraph.model import COMMUNITY_CONTACT_TIE_TYPES, CONTACT_TIE_TYPES

__all__ = [
    "AdoptionData",
    "adoption_from_network",
    "adoption_from_graph",
    "PeriodAdoption",
    "PeriodRate",
    "CommunityAdoption",
    "SpreadSummary",
    "spread_summary",
    "AdopterExposure",
    "ExposureResult",
    "exposure",
    "CascadeAdopter",
    "CommunityReach",
    "CommunityCrossing",
    "CascadeResult",
    "cascade",
    "ROGERS_CATEGORIES",
    "ACTOR_CONTACT_TIES",
    "COMMUNITY_CONTACT_TIES",
]

TimeUnit = Literal["period", "day"]
Row = dict[str, str | int | float | bool | None]

#: Rogers' adopter categories, earliest first.
ROGERS_CATEGORIES = ("innovators", "early_adopters", "early_majority", "late_majority", "laggards")
#: Tie types between people (and organizations) that carry a practice.
ACTOR_CONTACT_TIES = CONTACT_TIE_TYPES
#: Tie types between communities that carry a practice.
COMMUNITY_CONTACT_TIES = COMMUNITY_CONTACT_TIE_TYPES
#: Symmetric tie types: a tie either way lets each side learn from the other.
_SYMMETRIC_TIES = frozenset({"PARTNERS_WITH", "PEER_OF"})
#: Tie types whose target learns from its source (the mentee learns from the mentor).
_REVERSED_TIES = frozenset({"MENTORS"})


# --------------------------------------------------------------------------- input


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
        bad_times = [
            n
            for n, t in self.time.items()
            if t is not None
            and (
                isinstance(t, bool)
                or not isinstance(t, numbers.Real)
                or not math.isfinite(float(t))
            )
        ]
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
            community[node] = _community_text(group)
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
        Id of the ``bright_spot`` node.  May be left out when the map has exactly one.
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
        When ``practice`` is missing and the map has no or several bright spots
        (the message lists them), when ``practice`` is not a bright spot, when an
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
    spots = sorted(str(n) for n, kind in G.nodes(data="kind") if kind == "bright_spot")
    if practice is None:
        if not spots:
            raise CosgraphError("this map has no bright spot (no node of kind bright_spot)")
        if len(spots) > 1:
            raise CosgraphError(f"name the practice to analyse; bright spots: {', '.join(spots)}")
        practice = spots[0]
    elif practice not in spots:
        raise CosgraphError(
            f"{practice!r} is not a bright spot; bright spots: {', '.join(spots) or 'none'}"
        )

    adopted = [
        (u, d) for u, v, d in G.edges(data=True) if v == practice and d.get("type") == "ADOPTED"
    ]
    if level is not None:
        if level not in ("actors", "communities"):
            raise CosgraphError(f"level must be 'actors' or 'communities', not {level!r}")
        keep_community = level == "communities"
        adopted = [
            (u, d) for u, d in adopted if (G.nodes[u].get("kind") == "community") == keep_community
        ]
    kinds = {G.nodes[u].get("kind") for u, _ in adopted}
    if "community" in kinds and len(kinds) > 1:
        raise CosgraphError(
            f"both communities and {', '.join(sorted(str(k) for k in kinds - {'community'}))} "
            f"adopted {practice!r}; analyse one level at a time: level 'actors' or "
            "'communities' (CLI: --level)"
        )
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


# --------------------------------------------------------------------------- summary


class PeriodAdoption(BaseModel):
    """Adoption up to one period: ``adopters`` new in it, ``cumulative`` by its end."""

    period: int | float
    date: str | None = None
    adopters: int
    cumulative: int
    share: float | None


class PeriodRate(BaseModel):
    """Hazard in one period: ``adopters`` new in it out of ``at_risk`` not yet adopted."""

    period: int | float
    date: str | None = None
    at_risk: int
    adopters: int
    rate: float | None


class CommunityAdoption(BaseModel):
    """Adoption in one community (``community`` is ``None`` for the overall row)."""

    community: str | None
    members: int
    adopters: int
    saturation: float | None
    time_to_half: int | float | None
    time_to_half_date: str | None = None
    mean_time: float | None
    sd_time: float | None
    cumulative: list[PeriodAdoption]
    rate: list[PeriodRate]
    categories: dict[str, int] | None


class SpreadSummary(BaseModel):
    """Result of :func:`spread_summary`."""

    practice: str | None
    time_unit: TimeUnit
    communities: list[CommunityAdoption]
    overall: CommunityAdoption

    def table_rows(self) -> list[Row]:
        """One row per community, then ``(all)``: counts, saturation, time to half, categories."""
        rows: list[Row] = []
        for entry in [*self.communities, self.overall]:
            row: Row = {
                "community": entry.community if entry.community is not None else "(all)",
                "members": entry.members,
                "adopters": entry.adopters,
                "saturation": entry.saturation,
                "time_to_half": entry.time_to_half,
                "mean_time": entry.mean_time,
                "sd_time": entry.sd_time,
            }
            if self.time_unit == "day":
                row["time_to_half_date"] = entry.time_to_half_date
            for name in ROGERS_CATEGORIES:
                row[name] = None if entry.categories is None else entry.categories[name]
            rows.append(row)
        return rows


def spread_summary(data: AdoptionData) -> SpreadSummary:
    """Event-history summary of one practice: how far and how fast it spread.

    Parameters
    ----------
    data : AdoptionData

    Returns
    -------
    SpreadSummary
        Per community (sorted by name) and ``overall``: members, adopters,
        saturation, cumulative adoption and hazard rate per period, time to half,
        mean and standard deviation of adoption time, Rogers' categories.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([(n, {"c": "x"}) for n in "abcd"])
    >>> data = AdoptionData(G, {n: "x" for n in "abcd"}, {"a": 1, "b": 2, "c": 2})
    >>> row = spread_summary(data).communities[0]
    >>> row.saturation, row.time_to_half
    (0.75, 2)
    >>> [(p.period, p.adopters, p.cumulative, p.share) for p in row.cumulative]
    [(1, 1, 1, 0.25), (2, 2, 3, 0.75)]
    >>> [(p.period, p.at_risk, p.rate) for p in row.rate]
    [(1, 4, 0.25), (2, 3, 0.6666666666666666)]

    Notes
    -----
    *Periods* are the distinct adoption times in the whole data set, so every
    community's curve has the same axis; a period with no adoption anywhere does
    not appear (nothing changes in it).

    *Saturation* is adopters / members.  ``share`` is cumulative adopters /
    members.  *Time to half* is the first period at which cumulative adopters
    :math:`\\ge` members / 2 (``None`` if that never happens).

    *Rate* is the discrete-time hazard: adopters in period :math:`t` divided by the
    members who had not adopted at the start of :math:`t`
    (``None`` when none were left).

    *Rogers' categories* place each adopter by its adoption time :math:`t` against
    the mean :math:`\\bar t` and the **population** standard deviation :math:`s`
    (divisor :math:`n`) of its group's adoption times: innovators
    :math:`t < \\bar t - 2s`; early adopters :math:`\\bar t - 2s \\le t < \\bar t - s`;
    early majority :math:`\\bar t - s \\le t < \\bar t`; late majority
    :math:`\\bar t \\le t < \\bar t + s`; laggards :math:`t \\ge \\bar t + s`.  When
    :math:`s = 0` (one adopter, or all at once) the categories are ``None``.

    References
    ----------
    .. [1] Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press, ch. 7.
    .. [2] Valente, T. W. (1995). *Network Models of the Diffusion of Innovations*.
       Hampton Press.
    .. [3] Allison, P. D. (1982). Discrete-time methods for the analysis of event
       histories. *Sociological Methodology*, 13, 61-98.
    """
    periods = sorted({t for t in data.time.values() if t is not None})
    by_group: dict[str, list[Hashable]] = {}
    for node in data.contacts:
        group = data.community.get(node)
        if group is not None:
            by_group.setdefault(group, []).append(node)
    communities = [
        _group_adoption(name, by_group[name], data, periods) for name in sorted(by_group)
    ]
    overall = _group_adoption(None, list(data.contacts), data, periods)
    return SpreadSummary(
        practice=data.practice,
        time_unit=data.time_unit,
        communities=communities,
        overall=overall,
    )


def _group_adoption(
    name: str | None, members: list[Hashable], data: AdoptionData, periods: list[float]
) -> CommunityAdoption:
    times = [t for n in members if (t := data.time.get(n)) is not None]
    n_members = len(members)
    new_by_period: dict[float, int] = {}
    for t in times:
        new_by_period[t] = new_by_period.get(t, 0) + 1
    cumulative: list[PeriodAdoption] = []
    rate: list[PeriodRate] = []
    total = 0
    half: float | None = None
    for period in periods:
        new = new_by_period.get(period, 0)
        at_risk = n_members - total
        total += new
        label = _date_label(period, data.time_unit)
        cumulative.append(
            PeriodAdoption(
                period=_number(period),
                date=label,
                adopters=new,
                cumulative=total,
                share=total / n_members if n_members else None,
            )
        )
        rate.append(
            PeriodRate(
                period=_number(period),
                date=label,
                at_risk=at_risk,
                adopters=new,
                rate=new / at_risk if at_risk else None,
            )
        )
        if half is None and n_members and 2 * total >= n_members:
            half = period
    mean = sd = None
    categories = None
    if times:
        arr = np.asarray(times, dtype=float)
        mean = float(arr.mean())
        sd = float(arr.std())  # population sd (ddof=0), as Rogers' categories use
        if sd > 0:
            categories = _rogers(arr, mean, sd)
    return CommunityAdoption(
        community=name,
        members=n_members,
        adopters=len(times),
        saturation=len(times) / n_members if n_members else None,
        time_to_half=None if half is None else _number(half),
        time_to_half_date=None if half is None else _date_label(half, data.time_unit),
        mean_time=mean,
        sd_time=sd,
        cumulative=cumulative,
        rate=rate,
        categories=categories,
    )


def _rogers(times: np.ndarray, mean: float, sd: float) -> dict[str, int]:
    edges = np.array([mean - 2 * sd, mean - sd, mean, mean + sd])
    # side="right": a time equal to a boundary falls in the later category
    slots = np.searchsorted(edges, times, side="right")
    counts = np.bincount(slots, minlength=len(ROGERS_CATEGORIES))
    return {name: int(c) for name, c in zip(ROGERS_CATEGORIES, counts, strict=True)}


# --------------------------------------------------------------------------- exposure


class AdopterExposure(BaseModel):
    """One adopter's exposure at adoption: ``exposed`` of its ``contacts`` adopted earlier."""

    node: str
    community: str | None
    time: int | float
    date: str | None = None
    contacts: int
    exposed: int
    exposure: float | None


class ExposureResult(BaseModel):
    """Result of :func:`exposure`."""

    practice: str | None
    directed: bool
    relation: str | None
    adopters: list[AdopterExposure]
    correlation: float | None
    n_correlated: int

    def table_rows(self) -> list[Row]:
        """One row per adopter, earliest first."""
        return [a.model_dump(mode="json") for a in self.adopters]


def exposure(
    data: AdoptionData, directed: bool = True, relation: str | None = None
) -> ExposureResult:
    """Each adopter's network exposure at the moment it adopted (Valente's threshold).

    Parameters
    ----------
    data : AdoptionData
    directed : bool, default True
        True: an adopter's contacts are its out-neighbours, the nodes it named
        (netdiffuseR's default, ``outgoing=TRUE``).  False: every neighbour, either
        direction.
    relation : str, optional
        Use only contacts whose ``relations`` include this one (e.g. ``"advice"``).

    Returns
    -------
    ExposureResult
        Per adopter (earliest first): contacts, how many adopted strictly earlier,
        and their share (``None`` for an adopter with no contacts); and the Pearson
        correlation between exposure and adoption time over the adopters with a
        defined exposure (``None`` when fewer than two, or either is constant).

    Raises
    ------
    CosgraphError
        When ``relation`` is not a relation of any contact.

    Examples
    --------
    >>> G = nx.DiGraph([("c", "a"), ("c", "b"), ("b", "a")])
    >>> data = AdoptionData(G, {}, {"a": 1, "b": 2, "c": 3})
    >>> [(a.node, a.contacts, a.exposed, a.exposure) for a in exposure(data).adopters]
    [('a', 0, 0, None), ('b', 1, 1, 1.0), ('c', 2, 2, 1.0)]
    >>> [a.exposure for a in exposure(data, directed=False).adopters]
    [0.0, 0.5, 1.0]

    Notes
    -----
    For adopter :math:`i` adopting at :math:`t_i` with contacts :math:`N(i)`,
    :math:`E_i = |\\{j \\in N(i) : t_j < t_i\\}| / |N(i)|`.  Contacts adopting in the
    same period do **not** count (netdiffuseR's ``threshold()`` reads exposure in
    the adoption period itself, so there they would).  Contacts are counted once,
    unweighted.

    References
    ----------
    .. [1] Valente, T. W. (1996). Social network thresholds in the diffusion of
       innovations. *Social Networks*, 18(1), 69-89.
    .. [2] Valente, T. W. (1995). *Network Models of the Diffusion of Innovations*.
       Hampton Press.
    """
    neighbours = _contact_sets(data, directed, relation)
    rows: list[AdopterExposure] = []
    for node in data.adopters():
        t = _adoption_time(data, node)
        contacts = neighbours[node]
        exposed = sum(1 for j in contacts if (tj := data.time.get(j)) is not None and tj < t)
        rows.append(
            AdopterExposure(
                node=str(node),
                community=data.community.get(node),
                time=_number(t),
                date=_date_label(t, data.time_unit),
                contacts=len(contacts),
                exposed=exposed,
                exposure=exposed / len(contacts) if contacts else None,
            )
        )
    pairs = [(r.exposure, float(r.time)) for r in rows if r.exposure is not None]
    return ExposureResult(
        practice=data.practice,
        directed=directed,
        relation=relation,
        adopters=rows,
        correlation=_pearson(pairs),
        n_correlated=len(pairs),
    )


# --------------------------------------------------------------------------- cascade


class CascadeAdopter(BaseModel):
    """One adopter in the cascade: its parents (who it may have learned from) and depth."""

    node: str
    community: str | None
    time: int | float
    date: str | None = None
    parents: list[str]
    source_known: bool
    depth: int


class CommunityReach(BaseModel):
    """A community the practice reached: when first, how many adopted, links coming in."""

    community: str
    first_time: int | float
    first_date: str | None = None
    adopters: int
    links_in: int


class CommunityCrossing(BaseModel):
    """Parent links from adopters in one community to adopters in another."""

    from_community: str
    to_community: str
    links: int


class CascadeResult(BaseModel):
    """Result of :func:`cascade`."""

    practice: str | None
    directed: bool
    relation: str | None
    adopters: list[CascadeAdopter]
    max_depth: int | None
    links: int
    cross_community_links: int
    communities: list[CommunityReach]
    crossings: list[CommunityCrossing]

    def table_rows(self) -> list[Row]:
        """One row per adopter, earliest first; parents joined with ``"; "``."""
        rows: list[Row] = []
        for a in self.adopters:
            row: Row = {k: v for k, v in a.model_dump(mode="json").items() if k != "parents"}
            row["parents"] = "; ".join(a.parents)
            rows.append(row)
        return rows


def cascade(
    data: AdoptionData, directed: bool = True, relation: str | None = None
) -> CascadeResult:
    """Who may have learned from whom, how deep the cascade ran, which communities it crossed.

    Parameters
    ----------
    data : AdoptionData
    directed, relation
        Which contacts count, as in :func:`exposure`.

    Returns
    -------
    CascadeResult
        Per adopter (earliest first): its parents and depth; the number of parent
        links and of those crossing communities; per community reached, the first
        adoption time, the adopters and the links coming in from other communities;
        and the community-to-community crossings.

    Raises
    ------
    CosgraphError
        When ``relation`` is not a relation of any contact.

    Examples
    --------
    >>> G = nx.DiGraph([("b", "a"), ("c", "b"), ("c", "a"), ("d", "c")])
    >>> data = AdoptionData(G, {"a": "x", "b": "x", "c": "y", "d": "y"},
    ...                     {"a": 1, "b": 2, "c": 3, "d": 4})
    >>> result = cascade(data)
    >>> [(a.node, a.parents, a.depth) for a in result.adopters]
    [('a', [], 0), ('b', ['a'], 1), ('c', ['a', 'b'], 1), ('d', ['c'], 2)]
    >>> result.links, result.cross_community_links
    (4, 2)
    >>> [(c.from_community, c.to_community, c.links) for c in result.crossings]
    [('x', 'y', 2)]

    Notes
    -----
    *Parents* of adopter :math:`i`: its known source, when ``data.source`` has one;
    otherwise its candidate parents, the contacts that adopted strictly before it
    (sorted by time, then id).

    *Depth*: :math:`d_i = 0` when :math:`i` has no parent, else
    :math:`d_i = 1 + \\min_{p} d_p` over its parents -- the shortest chain of
    plausible transmissions back to someone who adopted with no earlier-adopting
    contact (a seed, or someone reached from outside the network).

    A link is *cross-community* when both ends have a community and they differ.

    References
    ----------
    .. [1] Coleman, J. S., Katz, E., & Menzel, H. (1966). *Medical Innovation:
       A Diffusion Study*. Bobbs-Merrill.
    .. [2] Goel, S., Watts, D. J., & Goldstein, D. G. (2012). The structure of online
       diffusion networks. *Proc. 13th ACM Conference on Electronic Commerce*, 623-638.
    """
    neighbours = _contact_sets(data, directed, relation)
    order = data.adopters()
    parents: dict[Hashable, list[Hashable]] = {}
    for node in order:
        if node in data.source:
            parents[node] = [data.source[node]]
            continue
        t = _adoption_time(data, node)
        earlier = [
            (tj, str(j), j)
            for j in neighbours[node]
            if (tj := data.time.get(j)) is not None and tj < t
        ]
        parents[node] = [j for _, _, j in sorted(earlier, key=lambda x: (x[0], x[1]))]

    depth: dict[Hashable, int] = {}
    for node in order:
        _resolve_depth(node, parents, depth)

    crossings: dict[tuple[str, str], int] = {}
    links_in: dict[str, int] = {}
    links = 0
    for node in order:
        child_group = data.community.get(node)
        for parent in parents[node]:
            links += 1
            parent_group = data.community.get(parent)
            if child_group is not None and parent_group is not None and child_group != parent_group:
                key = (parent_group, child_group)
                crossings[key] = crossings.get(key, 0) + 1
                links_in[child_group] = links_in.get(child_group, 0) + 1

    reached: dict[str, list[float]] = {}
    for node in order:
        group = data.community.get(node)
        if group is not None:
            reached.setdefault(group, []).append(_adoption_time(data, node))
    communities = [
        CommunityReach(
            community=group,
            first_time=_number(min(times)),
            first_date=_date_label(min(times), data.time_unit),
            adopters=len(times),
            links_in=links_in.get(group, 0),
        )
        for group, times in sorted(reached.items(), key=lambda kv: (min(kv[1]), kv[0]))
    ]
    adopters = []
    for node in order:
        t = _adoption_time(data, node)
        adopters.append(
            CascadeAdopter(
                node=str(node),
                community=data.community.get(node),
                time=_number(t),
                date=_date_label(t, data.time_unit),
                parents=[str(p) for p in parents[node]],
                source_known=node in data.source,
                depth=depth[node],
            )
        )
    return CascadeResult(
        practice=data.practice,
        directed=directed,
        relation=relation,
        adopters=adopters,
        max_depth=max(depth.values()) if depth else None,
        links=links,
        cross_community_links=sum(crossings.values()),
        communities=communities,
        crossings=[
            CommunityCrossing(from_community=a, to_community=b, links=n)
            for (a, b), n in sorted(crossings.items())
        ],
    )


def _resolve_depth(
    start: Hashable, parents: Mapping[Hashable, list[Hashable]], depth: dict[Hashable, int]
) -> None:
    """Fill ``depth`` for ``start`` and its ancestors, iteratively (no recursion limit)."""
    stack = [start]
    expanded: set[Hashable] = set()
    while stack:
        node = stack[-1]
        if node in depth:
            stack.pop()
            continue
        pending = [p for p in parents[node] if p not in depth]
        if pending:
            if node in expanded:  # cannot happen: candidates are earlier, sources are checked
                raise CosgraphError(f"parent links form a cycle through {node!r}")
            expanded.add(node)
            stack.extend(pending)
            continue
        stack.pop()
        depth[node] = 1 + min(depth[p] for p in parents[node]) if parents[node] else 0


# --------------------------------------------------------------------------- helpers


def _adoption_time(data: AdoptionData, node: Hashable) -> float:
    t = data.time.get(node)
    if t is None:
        raise CosgraphError(f"{node!r} did not adopt")  # callers pass adopters only
    return float(t)


def _contact_sets(
    data: AdoptionData, directed: bool, relation: str | None
) -> dict[Hashable, set[Hashable]]:
    C = data.contacts
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
    """A number, or None for blank; ValueError for anything else."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, numbers.Real):
        number = float(value)
    elif isinstance(value, str):
        number = float(value.strip())
    else:
        raise ValueError(value)
    if math.isnan(number):
        return None
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, int)):
        return math.isnan(float(value))
    return False


def _community_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _match_node(G: nx.Graph, value: Any) -> Hashable:
    """A learned-from id as the graph spells it (ids may be ints while cells are text)."""
    if value in G:
        return value  # type: ignore[no-any-return]
    text = _community_text(value)
    for node in G:
        if str(node) == text:
            return node  # type: ignore[no-any-return]
    return value  # type: ignore[no-any-return]


def _number(t: float) -> int | float:
    return int(t) if float(t).is_integer() else float(t)


def _date_label(t: float, unit: TimeUnit) -> str | None:
    if unit != "day":
        return None
    return dt.date.fromordinal(int(t)).isoformat()


def _pearson(pairs: list[tuple[float, float]]) -> float | None:
    if len(pairs) < 2:
        return None
    x, y = np.asarray(pairs, dtype=float).T
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])


def _listing(items: Iterable[Any]) -> str:
    items = list(items)
    shown = ", ".join(repr(i) if not isinstance(i, str) else i for i in items[:20])
    return shown + (f" and {len(items) - 20} more" if len(items) > 20 else "")
