"""Power mapping: who holds power over each lever, and how far residents sit from it.

One call, :func:`power_map`, reads a projected community graph (the convention of
:mod:`cosgraph.analysis.views`) and returns four views a coalition uses when it maps
power and stakeholders ("growing abundance through collaboration → power and
stakeholder mapping" in the Community of Solutions framework):

* the power × interest grid, one quadrant per actor;
* an influence score blending declared power (a Net-Map influence tower) with the
  actor's :func:`standing` in the network of relationships;
* for each lever: its deciders, its influencers, every stance toward it, and the
  shortest trust path from each resident with lived experience to each decider;
* the tripod balance of the whole map or of one team, with each leg's distance to
  the power holders.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("rosa", kind="person", tripod_role="lived_experience", power=1, interest=5)
>>> G.add_node("kim", kind="person", tripod_role="community_connector", power=2, interest=4)
>>> G.add_node("mayor", kind="person", tripod_role="formal_leader", power=5, interest=2)
>>> G.add_node("zoning", kind="lever", lever_kind="policy")
>>> _ = G.add_edge("rosa", "kim", key="TRUSTS", type="TRUSTS")
>>> _ = G.add_edge("kim", "mayor", key="KNOWS", type="KNOWS")
>>> _ = G.add_edge("mayor", "zoning", key="DECIDES", type="DECIDES", stance="skeptic")
>>> result = power_map(G, k=1)
>>> [(a.id, a.quadrant) for a in result.actors]
[('rosa', 'keep_informed'), ('kim', 'keep_informed'), ('mayor', 'keep_satisfied')]
>>> path = result.levers[0].paths[0]
>>> path.resident, path.decider, path.length, path.path
('rosa', 'mayor', 2, ['rosa', 'kim', 'mayor'])
>>> result.unreached_levers
['zoning']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict

from cosgraph.analysis.options import check_whole
from cosgraph.analysis.result import PATH_JOIN, Result, Row, name_path, names_of
from cosgraph.analysis.views import ACTOR_KINDS, SOCIAL_TIES, nodes_of_kind, tie_graph
from cosgraph.errors import CosgraphError
from cosgraph.model import CONTACT_TIE_TYPES

__all__ = [
    "HIGH",
    "POWER_HOLDER_CUT",
    "STANDING_TIES",
    "Quadrant",
    "ActorPower",
    "LeverStance",
    "TrustPath",
    "LeverPower",
    "TripodLeg",
    "TripodBalance",
    "PowerResult",
    "quadrant",
    "trust_graph",
    "trust_paths",
    "standing",
    "power_map",
]

#: Declared power or interest at or above this (on the 0-5 scale) counts as high.
HIGH = 3
#: Declared power at or above this makes an actor a power holder, lever or not.
POWER_HOLDER_CUT = 4
#: Tie types that give standing (see :func:`standing`); MEMBER_OF is affiliation,
#: not regard, so it is left out.
STANDING_TIES = CONTACT_TIE_TYPES
TRIPOD_ROLES = ("formal_leader", "community_connector", "lived_experience")

Quadrant = Literal["manage_closely", "keep_satisfied", "keep_informed", "monitor"]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class ActorPower(_Result):
    """One actor on the power × interest grid, with its influence score."""

    id: str
    kind: str
    name: str | None
    tripod_role: str | None
    power: int
    interest: int
    quadrant: Quadrant
    standing: float
    influence: float


class LeverStance(_Result):
    """A stance toward a lever: from a DECIDES tie, an INFLUENCES tie to the lever,
    or an INFLUENCES tie to one of its deciders (then ``via`` names that decider)."""

    lever: str
    actor: str
    tie: Literal["DECIDES", "INFLUENCES"]
    via: str | None
    stance: str | None


class TrustPath(_Result):
    """The shortest trust path from a resident with lived experience to a decider.

    ``length`` is the number of ties (0 when the resident is the decider) and ``path``
    lists the nodes from resident to decider; both are empty when no path exists.
    """

    lever: str
    resident: str
    decider: str
    length: int | None
    path: list[str]


class LeverPower(_Result):
    """Who decides and who influences one lever, and how close residents come to it."""

    id: str
    name: str | None
    deciders: list[str]
    influencers: list[str]
    stances: list[LeverStance]
    paths: list[TrustPath]
    nearest_resident: str | None
    nearest_distance: int | None
    reached: bool


class TripodLeg(_Result):
    """One leg of the tripod: how many, what share, and how far from the power holders."""

    role: str
    count: int
    share: float | None
    reach_power: int
    mean_distance_to_power: float | None


class TripodBalance(_Result):
    """The tripod of the whole map (``team`` None) or of one team's members."""

    team: str | None
    members: int
    unassigned: int
    power_holders: list[str]
    legs: list[TripodLeg]


class PowerResult(Result, frozen=True):
    """Everything :func:`power_map` finds; ``table_rows(section)`` flattens one part."""

    k: int
    high_cut: int
    network_weight: float
    actors: list[ActorPower]
    levers: list[LeverPower]
    unreached_levers: list[str]
    tripod: TripodBalance
    #: The name of each id the result mentions (the id when it has none), for tables.
    names: dict[str, str] = {}

    def table_rows(
        self, section: Literal["actors", "levers", "stances", "paths", "tripod"] = "actors"
    ) -> list[Row]:
        """Flat rows for a table or CSV: one row per actor by default.

        ``section`` picks another part: ``levers`` (one row per lever), ``stances``,
        ``paths`` (one row per resident-decider pair) or ``tripod`` (one row per leg).
        """
        return self.section_rows(section)

    def sections(self) -> dict[str, Callable[[], list[Row]]]:
        return {
            "actors": self._actor_rows,
            "levers": self._lever_rows,
            "stances": lambda: [dict(s.model_dump()) for lv in self.levers for s in lv.stances],
            "paths": self._path_rows,
            "tripod": self._tripod_rows,
        }

    def _name(self, node: str) -> str:
        return self.names.get(node, node)

    def _actor_rows(self) -> list[Row]:
        """Most influential first (then by name): who to see first in the room."""
        ranked = sorted(self.actors, key=lambda a: (-a.influence, self._name(a.id), a.id))
        return [
            {"name": self._name(a.id), **a.model_dump(exclude={"name"}), "id": a.id} for a in ranked
        ]

    def _lever_rows(self) -> list[Row]:
        return [
            {
                "lever": lv.id,
                "name": lv.name,
                "deciders": "; ".join(self._name(d) for d in lv.deciders),
                "influencers": "; ".join(self._name(i) for i in lv.influencers),
                "nearest_resident": None
                if lv.nearest_resident is None
                else self._name(lv.nearest_resident),
                "nearest_distance": lv.nearest_distance,
                "reached_within_k": lv.reached,
            }
            for lv in self.levers
        ]

    def _path_rows(self) -> list[Row]:
        return [
            {
                "lever": self._name(p.lever),
                "resident": self._name(p.resident),
                "decider": self._name(p.decider),
                "length": p.length,
                "path": name_path(p.path, self.names),
                "path_ids": PATH_JOIN.join(p.path),
            }
            for lv in self.levers
            for p in lv.paths
        ]

    def _tripod_rows(self) -> list[Row]:
        """One row per leg, then the people with no tripod role: the counts add up to
        everyone counted (the team's members, or every person of the map)."""
        team = {} if self.tripod.team is None else {"team": self._name(self.tripod.team)}
        rows: list[Row] = [{**team, **leg.model_dump()} for leg in self.tripod.legs]
        rows.append(
            {
                **team,
                "role": "(no tripod role)",
                "count": self.tripod.unassigned,
                **dict.fromkeys(("share", "reach_power", "mean_distance_to_power")),
            }
        )
        return rows


def quadrant(power: int, interest: int, high: int = HIGH) -> Quadrant:
    """The power × interest quadrant of declared ``power`` and ``interest`` (0-5).

    Parameters
    ----------
    power, interest : int
        Declared on the 0-5 scale.
    high : int, default 3
        Values at or above ``high`` count as high.

    Returns
    -------
    str
        ``manage_closely`` (high power, high interest), ``keep_satisfied`` (high
        power, low interest), ``keep_informed`` (low power, high interest) or
        ``monitor`` (low, low).

    Examples
    --------
    >>> quadrant(3, 3), quadrant(5, 0), quadrant(2, 3), quadrant(2, 2)
    ('manage_closely', 'keep_satisfied', 'keep_informed', 'monitor')

    References
    ----------
    .. [1] Mendelow A. Environmental scanning: the impact of the stakeholder concept.
       ICIS 1981 Proceedings, 20.
    """
    high_power, high_interest = power >= high, interest >= high
    if high_power:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


def trust_graph(G: nx.MultiDiGraph, types: Iterable[str] = SOCIAL_TIES) -> nx.Graph:
    """The undirected tie graph that trust paths travel: who can carry an ask to whom.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected community graph.  Not modified.
    types : iterable of str, default KNOWS, TRUSTS, PARTNERS_WITH, MEMBER_OF
        The tie types that count.

    Returns
    -------
    networkx.Graph
        Every actor; an edge wherever :func:`~cosgraph.analysis.views.tie_graph`
        has a tie of ``types`` in either direction.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ana", kind="person"); G.add_node("bo", kind="person")
    >>> _ = G.add_edge("bo", "ana", key="KNOWS", type="KNOWS")
    >>> list(trust_graph(G).edges("ana"))
    [('ana', 'bo')]
    """
    T = tie_graph(G, types=types)
    U = nx.Graph()
    U.add_nodes_from(T)
    U.add_edges_from(T.edges())
    return U


def trust_paths(
    U: nx.Graph, sources: Iterable[str], targets: Iterable[str] | None = None
) -> dict[str, list[str]]:
    """A shortest path from each target back to the nearest of ``sources``.

    Parameters
    ----------
    U : networkx.Graph
        An undirected graph, such as :func:`trust_graph` returns.
    sources : iterable of str
        Where the search starts; ids not in ``U`` are skipped.
    targets : iterable of str, optional
        The nodes wanted; by default every node reached.

    Returns
    -------
    dict
        ``target -> [target, ..., source]`` for each target reached: each path runs
        *toward* the nearest source, so a path from a resident ends at the decider
        it reaches.  A source maps to ``[source]``; unreached targets are left out.
        One breadth-first search, so ties break by graph order.

    Examples
    --------
    >>> U = nx.path_graph(["a", "b", "c", "d"])
    >>> trust_paths(U, ["d"], ["a"]), trust_paths(U, ["a", "d"])["b"]
    ({'a': ['a', 'b', 'c', 'd']}, ['b', 'a'])
    """
    parent: dict[str, str | None] = {}
    frontier = []
    for source in sources:
        if source in U and source not in parent:
            parent[source] = None
            frontier.append(source)
    while frontier:
        following = []
        for node in frontier:
            for neighbour in U[node]:
                if neighbour not in parent:
                    parent[neighbour] = node
                    following.append(neighbour)
        frontier = following
    paths: dict[str, list[str]] = {}
    for target in parent if targets is None else targets:
        if target in parent and target not in paths:
            path, step = [target], parent[target]
            while step is not None:
                path.append(step)
                step = parent[step]
            paths[target] = path
    return paths


def standing(G: nx.MultiDiGraph) -> dict[str, float]:
    """Each actor's standing among the others: the measure that sizes maps and
    weighs network position in :func:`power_map`'s influence.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected community graph.  Not modified.

    Returns
    -------
    dict
        Actor id -> standing in (0, 1], the best-placed actor at 1; every actor of
        ``G`` (person, organization), in graph order; empty when there is none.

    Examples
    --------
    A hub whom four people know, and a pocket: ``x`` and ``y`` name each other, and
    two of the hub's people name ``x``, but the pocket names nobody outside itself.
    Plain PageRank on the directed ties ranks the pocket first (a rank sink);
    standing ranks the hub first.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n in ("hub", "ana", "bo", "cy", "dee", "x", "y"):
    ...     G.add_node(n, kind="person")
    >>> ties = [(p, "hub") for p in ("ana", "bo", "cy", "dee")]
    >>> ties += [("hub", p) for p in ("ana", "bo", "cy", "dee")]
    >>> ties += [("ana", "x"), ("bo", "x"), ("x", "y"), ("y", "x")]
    >>> for u, v in ties:
    ...     _ = G.add_edge(u, v, key="KNOWS", type="KNOWS")
    >>> rank = nx.pagerank(nx.DiGraph(G))
    >>> sorted(rank, key=rank.get, reverse=True)[:3]
    ['x', 'y', 'hub']
    >>> {n: round(s, 2) for n, s in standing(G).items()}
    {'hub': 1.0, 'ana': 0.5, 'bo': 0.5, 'cy': 0.29, 'dee': 0.29, 'x': 0.75, 'y': 0.29}

    Notes
    -----
    Standing is ``PR(v) / max_u PR(u)``, where ``PR`` is PageRank [1]_ (damping
    0.85, unweighted) on the graph of KNOWS, TRUSTS and PARTNERS_WITH ties between
    actors taken as undirected: one edge wherever a tie runs either way, as
    ``networkx.pagerank(trust_graph(G, types=STANDING_TIES))``.

    Why undirected.  On the directed ties a group that others name but that names
    nobody outside itself keeps every bit of rank that flows in: the *rank sink* of
    [1]_ (section 2).  In the demo two residents who name only each other, each named
    by one other person, ranked 2nd and 4th of its 162 actors, above every hub.  A
    tie in a coalition survey records that two people know each other — the same
    reading :func:`trust_graph` gives a trust path — so a tie counts both ways.  On
    an undirected graph the walk returns along every edge, no group can trap it, and
    PageRank stays close to (though not exactly) proportional to degree, with the
    neighbours' own standing still counting [2]_: a pocket of a few people cannot
    outrank a hub of many ties.

    Compared on the demo and on a constructed rank sink (a three-person clique named
    by a preferential-attachment network of 60 and naming nobody back): directed
    PageRank ranks the pocket 2nd-4th in both; undirected PageRank, eigenvector and
    harmonic centrality of the undirected graph all rank it below the hubs.
    Eigenvector centrality is undefined on a disconnected map (the demo's contact
    ties form two components, its people and its organizations, which MEMBER_OF
    alone joins; the smaller would score 0), and harmonic centrality needs a
    breadth-first search from every actor, too slow for a map of 20,000 people;
    PageRank handles both.  With no ties, every actor has standing 1.

    References
    ----------
    .. [1] Page L, Brin S, Motwani R, Winograd T. The PageRank citation ranking:
       bringing order to the web. Stanford InfoLab Technical Report 1999-66 (1999).
    .. [2] Grolmusz V. A note on the PageRank of undirected graphs. Information
       Processing Letters 115(6-8), 633-634 (2015).
    """
    U = trust_graph(G, types=STANDING_TIES)
    if U.number_of_nodes() == 0:
        return {}
    rank = nx.pagerank(U, alpha=0.85, weight=None, tol=1e-10, max_iter=1000)
    top = max(rank.values())
    return {n: rank[n] / top for n in U}


def power_map(
    G: nx.MultiDiGraph,
    *,
    k: int = 3,
    team: str | None = None,
    network_weight: float = 0.5,
) -> PowerResult:
    """Map power over the levers: grid, influence, stances, trust paths, tripod balance.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected community graph (see :mod:`cosgraph.analysis.views`).  Actors
        read ``power`` and ``interest`` (0-5, missing = 0) and persons
        ``tripod_role``.  Not modified.
    k : int, default 3
        A lever counts as reached when some resident with lived experience has a
        trust path of at most ``k`` ties to one of its deciders.
    team : str, optional
        An organization or community id: the tripod balance is taken over the people
        with a MEMBER_OF tie straight to it.  By default, over every person.
    network_weight : float, default 0.5
        Weight of network standing in the influence score (0 = declared power only).

    Returns
    -------
    PowerResult
        ``actors`` in graph order; ``levers`` in graph order with their deciders,
        influencers, stances and paths; ``unreached_levers``; ``tripod``.

    Raises
    ------
    CosgraphError
        When ``k`` is not a whole number of at least 0, ``network_weight`` is outside
        [0, 1], or ``team`` is not a node of ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ana", kind="person", tripod_role="lived_experience", power=0, interest=4)
    >>> G.add_node("council", kind="organization", power=5, interest=3)
    >>> G.add_node("bus", kind="lever", lever_kind="system")
    >>> _ = G.add_edge("ana", "council", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("council", "bus", key="DECIDES", type="DECIDES", stance="supporter")
    >>> r = power_map(G)
    >>> [(a.id, a.quadrant, a.influence) for a in r.actors]
    [('ana', 'keep_informed', 0.5), ('council', 'manage_closely', 1.0)]
    >>> r.levers[0].paths[0].path, r.unreached_levers
    (['ana', 'council'], [])
    >>> [(leg.role, leg.count, leg.mean_distance_to_power) for leg in r.tripod.legs]
    [('formal_leader', 0, None), ('community_connector', 0, None), ('lived_experience', 1, 1.0)]

    Notes
    -----
    *Grid.*  Power and interest are high at 3 or more on the 0-5 scale, the middle of
    the scale going up, so a "3" is never dismissed as low.

    *Influence.*  ``influence = (1 - w) * power / 5 + w * standing``, with
    ``w = network_weight`` and ``standing`` the actor's :func:`standing`: PageRank
    (damping 0.85, unweighted) on the KNOWS, TRUSTS and PARTNERS_WITH ties among
    actors taken as undirected, scaled so the best-placed actor has 1 — being
    connected to those who are themselves well connected, which a small pocket that
    others name but that names nobody back cannot win.  Net-Map [2]_ asks participants to
    stack an influence tower for each actor — declared power — and reads the network
    drawn around it separately; the blend keeps both and is additive on purpose: a
    resident whom many trust registers influence without formal power, and a powerful
    but isolated actor is not inflated.  Tie strengths are not used, because their
    scales differ between maps.  With no ties, every actor has standing 1.  Both
    terms lie in [0, 1], so influence does too.

    *Stances and influencers.*  A lever's deciders have a DECIDES tie to it; its
    influencers have an INFLUENCES tie to it or to one of its deciders (``via``).
    Each tie's ``stance`` is reported as given (None when missing).

    *Trust paths.*  Shortest paths count ties on :func:`trust_graph`: the tie graph
    (KNOWS, TRUSTS, PARTNERS_WITH, MEMBER_OF between actors) taken as undirected.  A
    tie records who named whom in a survey, not who can carry a message, and an ask
    travels both ways along an acquaintance; so reachability ignores direction.
    Each path is listed from the resident toward the decider.  A lever is
    *unreached* when no resident with lived experience is within ``k`` ties of one of
    its deciders — including when it has no deciders or the map has no such residents.

    *Tripod balance.*  Shares are over the people of the three legs (people with no
    tripod role are counted as ``unassigned``).  Power holders are the deciders of
    any lever and every actor with declared power of 4 or more.  A person's distance
    to power is the fewest ties (undirected, as above) to the nearest power holder,
    0 for a power holder; each leg's mean is over its members that reach one
    (``reach_power`` of them).  Residents far from power while formal leaders sit at
    0-1 is the "residents only at the edge" pattern the framework warns of [3]_.

    References
    ----------
    .. [1] Mendelow A. Environmental scanning: the impact of the stakeholder concept.
       ICIS 1981 Proceedings, 20.
    .. [2] Schiffer E, Hauck J. Net-Map: collecting social network data and
       facilitating network learning through participatory influence network
       mapping. Field Methods 22(3), 231-249 (2010).
    .. [3] Stout S. Overview of SCALE and a Community of Solutions. Institute for
       Healthcare Improvement, 2017 (the tripod leadership team).
    """
    k = check_whole("k", k)
    if not 0.0 <= network_weight <= 1.0:
        raise CosgraphError(f"network_weight must lie in [0, 1], not {network_weight}")
    if team is not None and team not in G:
        raise CosgraphError(f"team {team!r} is not a node of the map")

    actors = nodes_of_kind(G, *ACTOR_KINDS)
    ranks = standing(G)
    actor_rows = [_actor_power(G, a, ranks[a], network_weight) for a in actors]

    reach = trust_graph(G)
    residents = [
        n for n in nodes_of_kind(G, "person") if G.nodes[n].get("tripod_role") == "lived_experience"
    ]
    paths_from: dict[str, dict[str, list[str]]] = {}
    levers = [
        _lever_power(G, lever, reach, residents, k, paths_from)
        for lever in nodes_of_kind(G, "lever")
    ]

    deciders = {d for lv in levers for d in lv.deciders}
    holders = [
        a for a in actors if a in deciders or _level(G.nodes[a], "power") >= POWER_HOLDER_CUT
    ]
    mentioned = [*actors, *(lv.id for lv in levers)]
    mentioned += [step for lv in levers for p in lv.paths for step in p.path]
    if team is not None:
        mentioned.append(team)
    return PowerResult(
        k=k,
        high_cut=HIGH,
        network_weight=network_weight,
        actors=actor_rows,
        levers=levers,
        unreached_levers=[lv.id for lv in levers if not lv.reached],
        tripod=_tripod(G, team, reach, holders),
        names=names_of(G, mentioned),
    )


def _level(data: dict[str, Any], field: str) -> int:
    return int(data.get(field) or 0)


def _actor_power(G: nx.MultiDiGraph, actor: str, standing: float, w: float) -> ActorPower:
    data = G.nodes[actor]
    power, interest = _level(data, "power"), _level(data, "interest")
    return ActorPower(
        id=actor,
        kind=data["kind"],
        name=data.get("name"),
        tripod_role=data.get("tripod_role"),
        power=power,
        interest=interest,
        quadrant=quadrant(power, interest),
        standing=standing,
        influence=(1.0 - w) * power / 5.0 + w * standing,
    )


def _ties(G: nx.MultiDiGraph, node: str, tie_type: str) -> Iterable[tuple[str, dict[str, Any]]]:
    """(source, data) of every ``tie_type`` tie into ``node``."""
    for u, _, data in G.in_edges(node, data=True):
        if data.get("type") == tie_type:
            yield u, data


def _lever_power(
    G: nx.MultiDiGraph,
    lever: str,
    reach: nx.Graph,
    residents: list[str],
    k: int,
    paths_from: dict[str, dict[str, list[str]]],
) -> LeverPower:
    stances: list[LeverStance] = []
    deciders: list[str] = []
    for actor, data in _ties(G, lever, "DECIDES"):
        deciders.append(actor)
        stances.append(
            LeverStance(
                lever=lever, actor=actor, tie="DECIDES", via=None, stance=data.get("stance")
            )
        )
    influencers: list[str] = []
    targets: list[tuple[str, str | None]] = [(lever, None)] + [(d, d) for d in deciders]
    for target, via in targets:
        for actor, data in _ties(G, target, "INFLUENCES"):
            if actor not in influencers:
                influencers.append(actor)
            stances.append(
                LeverStance(
                    lever=lever, actor=actor, tie="INFLUENCES", via=via, stance=data.get("stance")
                )
            )

    paths: list[TrustPath] = []
    for decider in deciders:
        if decider not in paths_from:
            # From the decider outward, then reversed: one search per decider.
            paths_from[decider] = trust_paths(reach, [decider], residents)
        found = paths_from[decider]
        for resident in residents:
            route = found.get(resident)
            # Built without re-validation: a big map has residents x deciders of these.
            paths.append(
                TrustPath.model_construct(
                    lever=lever,
                    resident=resident,
                    decider=decider,
                    length=None if route is None else len(route) - 1,
                    path=[] if route is None else route,
                )
            )
    connected = [p for p in paths if p.length is not None]
    nearest = min(connected, key=lambda p: p.length or 0, default=None)
    return LeverPower(
        id=lever,
        name=G.nodes[lever].get("name"),
        deciders=deciders,
        influencers=influencers,
        stances=stances,
        paths=paths,
        nearest_resident=None if nearest is None else nearest.resident,
        nearest_distance=None if nearest is None else nearest.length,
        reached=nearest is not None and (nearest.length or 0) <= k,
    )


def _tripod(
    G: nx.MultiDiGraph, team: str | None, reach: nx.Graph, holders: list[str]
) -> TripodBalance:
    people = nodes_of_kind(G, "person")
    if team is not None:
        members = {u for u, _ in _ties(G, team, "MEMBER_OF")}
        people = [p for p in people if p in members]
    distance = {n: len(path) - 1 for n, path in trust_paths(reach, holders, people).items()}
    by_role = {
        role: [p for p in people if G.nodes[p].get("tripod_role") == role] for role in TRIPOD_ROLES
    }
    in_legs = sum(len(v) for v in by_role.values())
    legs = []
    for role, group in by_role.items():
        found = [distance[p] for p in group if p in distance]
        legs.append(
            TripodLeg(
                role=role,
                count=len(group),
                share=len(group) / in_legs if in_legs else None,
                reach_power=len(found),
                mean_distance_to_power=sum(found) / len(found) if found else None,
            )
        )
    return TripodBalance(
        team=team,
        members=len(people),
        unassigned=len(people) - in_legs,
        power_holders=holders,
        legs=legs,
    )
