"""Asset-to-lever matching: which assets can move which levers, as a min-cost max flow.

Assets offer capabilities up to a capacity; levers need capabilities in amounts.
:func:`match_assets` sends as much as the capacities allow from assets to levers,
and among all such matchings picks the one whose assets sit closest, in trust, to
the levers' deciders.  What is left over is the coalition's "trapped and untapped
potential": levers left short, assets left idle, and levers no asset can serve.
:func:`asset_flow_network` returns the flow network itself, for inspection.

Examples
--------
>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person"); G.add_node("mayor", kind="person")
>>> G.add_node("hall", kind="asset", asset_kind="physical_space",
...            capabilities=["meeting_space"], capacity=2.0)
>>> G.add_node("forum", kind="lever", lever_kind="system", needs={"meeting_space": 1.0})
>>> _ = G.add_edge("ana", "hall", key="HOLDS", type="HOLDS")
>>> _ = G.add_edge("ana", "mayor", key="KNOWS", type="KNOWS")
>>> _ = G.add_edge("mayor", "forum", key="DECIDES", type="DECIDES")
>>> r = match_assets(G)
>>> [(a.asset, a.lever, a.amount, a.broker_path) for a in r.assignments]
[('hall', 'forum', 1.0, ['ana', 'mayor'])]
>>> [(u.asset, u.remaining) for u in r.untapped]
[('hall', 1.0)]
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Iterable
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict

from cosgraph.analysis.power import trust_graph, trust_paths
from cosgraph.analysis.result import PATH_JOIN, Result, Row, name_path, names_of
from cosgraph.analysis.views import ACTOR_KINDS, nodes_of_kind
from cosgraph.errors import CosgraphError
from cosgraph.model import canonical_term

__all__ = [
    "CostMode",
    "SOURCE",
    "SINK",
    "MAX_DECIMALS",
    "Assignment",
    "Shortfall",
    "UntappedAsset",
    "UnmetNeed",
    "MatchingResult",
    "LeverPlan",
    "asset_flow_network",
    "match_assets",
]

CostMode = Literal["trust_distance", "uniform"]
#: The flow network's source and sink (tuples, so no map id can collide with them).
SOURCE: tuple[str] = ("source",)
SINK: tuple[str] = ("sink",)
#: Amounts are scaled by at most 10**MAX_DECIMALS to become whole numbers.
MAX_DECIMALS = 6


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class Assignment(_Result):
    """An amount of one capability sent from an asset to a lever.

    ``distance`` is the trust distance from the asset's holder to the lever's nearest
    decider (None when there is no path); ``broker_path`` runs holder → decider.
    """

    asset: str
    lever: str
    capability: str
    amount: float
    distance: int | None
    cost: int
    broker_path: list[str]


class Shortfall(_Result):
    """A lever's need for one capability that the assets could not fully meet."""

    lever: str
    capability: str
    needed: float
    matched: float
    short: float


class UnmetNeed(_Result):
    """A capability a lever needs that no asset offers at all.

    ``close`` lists capabilities assets do offer that are spelled nearly the same
    (:func:`difflib.get_close_matches`): often the same thing, typed another way.
    """

    lever: str
    capability: str
    close: list[str]

    @property
    def why(self) -> str:
        """``"no asset offers media (close: medias)"``."""
        hint = f" (close: {', '.join(self.close)})" if self.close else ""
        return f"no asset offers {self.capability}{hint}"


class UntappedAsset(_Result):
    """An asset with capacity left over; ``entirely`` when none of it was used."""

    asset: str
    capacity: float
    used: float
    remaining: float
    entirely: bool


class LeverPlan(_Result):
    """One lever as the room asks about it: what moves it, what is missing.

    ``matched`` and ``short`` are amounts by capability; ``assets`` the assets
    assigned to it; ``untapped`` the assets with capacity left that offer a
    capability it is short of, or one spelled nearly the same; ``why`` says what
    is missing in words.
    """

    lever: str
    needs: dict[str, float]
    matched: dict[str, float]
    assets: list[str]
    short: dict[str, float]
    untapped: list[str]
    why: str


class MatchingResult(Result, frozen=True):
    """The matching :func:`match_assets` finds; ``table_rows(section)`` flattens a part."""

    cost_mode: CostMode
    scale: int
    rounded: bool
    unreachable_cost: int
    total_needed: float
    total_matched: float
    total_cost: float
    assignments: list[Assignment]
    short: list[Shortfall]
    untapped: list[UntappedAsset]
    unreached_levers: list[str]
    unbrokered_levers: list[str]
    unmet_needs: list[UnmetNeed] = []
    plan: list[LeverPlan] = []
    #: The name of each id the result mentions (the id when it has none), for tables.
    names: dict[str, str] = {}

    def table_rows(
        self,
        section: Literal["plan", "assignments", "short", "untapped", "levers"] = "plan",
    ) -> list[Row]:
        """Flat rows for a table or CSV: one row per lever by default (``plan``: what
        is matched, what is short, which untapped assets could help, and why).

        ``section`` picks another part: ``assignments`` (one row per asset → lever
        amount, with the broker path by name), ``short`` (levers left short, per capability),
        ``untapped`` (assets with capacity left) or ``levers`` (the levers no asset
        can serve, ``unreached``, or whose serving assets no trust path links to a
        decider, ``unbrokered``, each with ``why``).
        """
        return self.section_rows(section)

    def sections(self) -> dict[str, Callable[[], list[Row]]]:
        return {
            "plan": self._plan_rows,
            "assignments": self._assignment_rows,
            "short": lambda: [dict(s.model_dump()) for s in self.short],
            "untapped": lambda: [dict(u.model_dump()) for u in self.untapped],
            "levers": self._lever_rows,
        }

    def _name(self, node: str) -> str:
        return self.names.get(node, node)

    def _plan_rows(self) -> list[Row]:
        def amounts(by: dict[str, float]) -> str:
            return "; ".join(f"{c} {n:g}" for c, n in by.items())

        return [
            {
                "lever": self._name(p.lever),
                "matched": amounts(p.matched),
                "from_assets": "; ".join(self._name(a) for a in p.assets),
                "short": amounts(p.short),
                "untapped_assets": "; ".join(self._name(a) for a in p.untapped),
                "why": p.why,
                "lever_id": p.lever,
            }
            for p in self.plan
        ]

    def _assignment_rows(self) -> list[Row]:
        return [
            {
                **a.model_dump(exclude={"broker_path"}),
                "broker_path": name_path(a.broker_path, self.names),
                "broker_path_ids": PATH_JOIN.join(a.broker_path),
            }
            for a in self.assignments
        ]

    def _lever_rows(self) -> list[Row]:
        why: dict[str, list[str]] = {}
        for need in self.unmet_needs:
            why.setdefault(need.lever, []).append(need.why)
        rows: list[Row] = [
            {"lever": lv, "problem": "unreached", "why": "; ".join(why.get(lv, []))}
            for lv in self.unreached_levers
        ]
        rows += [
            {"lever": lv, "problem": "unbrokered", "why": _UNBROKERED}
            for lv in self.unbrokered_levers
        ]
        return rows


_UNBROKERED = "no trust path from an asset's holder to a decider"


def _capabilities(data: dict[str, Any]) -> list[str]:
    """An asset's capabilities in canonical form (:func:`cosgraph.model.canonical_term`)."""
    return list(dict.fromkeys(canonical_term(str(c)) for c in data.get("capabilities") or []))


def _needs(data: dict[str, Any]) -> dict[str, float]:
    """A lever's needs, from ``needs`` or from the store's two parallel lists."""
    needs = data.get("needs")
    if needs is None:
        capabilities = data.get("need_capabilities") or []
        amounts = data.get("need_amounts") or []
        if len(capabilities) != len(amounts):
            raise CosgraphError(
                "a lever lists need_capabilities and need_amounts of unequal length"
            )
        needs = dict(zip(capabilities, amounts, strict=True))
    canonical: dict[str, float] = {}
    for capability, amount in needs.items():  # a store loaded before may hold other spellings
        term = canonical_term(str(capability))
        canonical[term] = canonical.get(term, 0.0) + float(amount)
    return canonical


def _scale(amounts: Iterable[float]) -> tuple[int, bool]:
    """The least power of ten (up to 10**MAX_DECIMALS) making every amount whole."""
    values = list(amounts)
    for decimals in range(MAX_DECIMALS + 1):
        scale = 10**decimals
        if all(abs(v * scale - round(v * scale)) <= 1e-9 * max(1.0, v * scale) for v in values):
            return scale, False
    return 10**MAX_DECIMALS, True


def _sources(G: nx.MultiDiGraph, node: str, tie_type: str) -> list[str]:
    return [u for u, _, t in G.in_edges(node, data="type") if t == tie_type]


def _broker_paths(
    G: nx.MultiDiGraph, levers: list[str], holders: dict[str, list[str]]
) -> dict[tuple[str, str], list[str]]:
    """Shortest path holder → nearest decider for each (asset, lever) linked by trust."""
    reach = trust_graph(G)
    # A community is not an actor: it reaches deciders through its direct members.
    via = {
        h: [h] if h in reach else _sources(G, h, "MEMBER_OF")
        for asset_holders in holders.values()
        for h in asset_holders
    }
    starts = list(dict.fromkeys(m for members in via.values() for m in members))
    found: dict[tuple[str, str], list[str]] = {}
    for lever in levers:
        deciders = _sources(G, lever, "DECIDES")
        if not deciders:
            continue
        to_decider = trust_paths(reach, deciders, starts)
        for asset, asset_holders in holders.items():
            routes = [
                to_decider[m] if m == h else [h, *to_decider[m]]
                for h in asset_holders
                for m in via[h]
                if m in to_decider
            ]
            if routes:
                found[asset, lever] = min(routes, key=len)
    return found


def asset_flow_network(G: nx.MultiDiGraph, *, cost: CostMode = "trust_distance") -> nx.DiGraph:
    """The flow network that :func:`match_assets` solves.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected community graph (see :mod:`cosgraph.analysis.views`).  Not
        modified.
    cost : {"trust_distance", "uniform"}
        How a unit sent from an asset to a lever is priced (see Notes).

    Returns
    -------
    networkx.DiGraph
        Nodes :data:`SOURCE`, :data:`SINK`, ``("asset", a)``, ``("offer", a, cap)``
        and ``("need", lever, cap)``; edges with integer ``capacity`` (amounts times
        ``scale``) and ``weight`` (cost per unit); offer → need edges also carry
        ``distance`` and ``broker_path``.  Graph attributes: ``scale``, ``rounded``,
        ``unreachable_cost``, ``cost_mode``.

    Raises
    ------
    CosgraphError
        When ``cost`` is not a known mode, or a capacity or need is negative.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("fund", kind="asset", asset_kind="financial", capabilities=["funding"],
    ...            capacity=2.5)
    >>> G.add_node("park", kind="lever", lever_kind="environment", needs={"funding": 4})
    >>> F = asset_flow_network(G)
    >>> F.graph["scale"], F.edges[SOURCE, ("asset", "fund")]["capacity"]
    (10, 25)
    >>> F.edges[("offer", "fund", "funding"), ("need", "park", "funding")]["weight"]
    1
    >>> nx.maximum_flow_value(F, SOURCE, SINK) / F.graph["scale"]
    2.5

    Notes
    -----
    Four layers: source → asset (capacity = the asset's capacity) → offer
    ``(asset, capability)`` for each capability the asset lists (capacity = the
    asset's capacity: one capacity shared by all its capabilities, so it should be
    written in one unit) → need ``(lever, capability)`` for each lever needing that
    capability (capacity = the asset's capacity; weight = cost) → sink (capacity =
    the amount needed).  Only offers some lever needs get an edge.

    *Scaling.*  networkx's min-cost flow (network simplex) is exact only on whole
    numbers, so every capacity and need is multiplied by ``scale``, the least power
    of ten up to 10**6 that makes them all whole (within 1e-9); if none does,
    ``scale`` is 10**6, amounts are rounded to the nearest millionth and ``rounded``
    is True.  Results are divided by ``scale`` again.

    *Cost.*  With ``trust_distance``, a unit from asset ``a`` to lever ``l`` costs
    the trust distance: the fewest ties, on the tie graph of
    :func:`~cosgraph.analysis.views.tie_graph` taken as undirected, from a holder of
    ``a`` (an actor with a HOLDS tie to it; an asset held by a community is reached
    through the community's direct members, one tie further) to a decider of ``l``.
    When no holder reaches a decider (or there is no holder or no decider) the cost
    is ``unreachable_cost`` = number of actors + 1, more than any path can be, so an
    asset with a broker is always preferred but an unbrokered one is still used when
    it is the only way to meet a need.  With ``uniform`` every unit costs 0.
    """
    if cost not in ("trust_distance", "uniform"):
        raise CosgraphError(f"unknown cost {cost!r}: use 'trust_distance' or 'uniform'")
    assets = nodes_of_kind(G, "asset")
    levers = nodes_of_kind(G, "lever")
    capacity = {a: float(G.nodes[a].get("capacity", 1.0)) for a in assets}
    needs = {lv: _needs(G.nodes[lv]) for lv in levers}
    amounts = [*capacity.values(), *(x for n in needs.values() for x in n.values())]
    if any(not math.isfinite(x) or x < 0 for x in amounts):
        raise CosgraphError("asset capacities and lever needs must be finite and not negative")
    scale, rounded = _scale(amounts)
    penalty = len(nodes_of_kind(G, *ACTOR_KINDS)) + 1
    holders = {a: _sources(G, a, "HOLDS") for a in assets}
    paths = _broker_paths(G, levers, holders)

    F = nx.DiGraph(scale=scale, rounded=rounded, unreachable_cost=penalty, cost_mode=cost)
    F.add_node(SOURCE)
    F.add_node(SINK)
    needing: dict[str, list[str]] = {}
    for lever in levers:
        for capability, amount in needs[lever].items():
            needing.setdefault(capability, []).append(lever)
            F.add_edge(("need", lever, capability), SINK, capacity=round(amount * scale), weight=0)
    for asset in assets:
        whole = round(capacity[asset] * scale)
        F.add_edge(SOURCE, ("asset", asset), capacity=whole, weight=0)
        for capability in _capabilities(G.nodes[asset]):
            for lever in needing.get(capability, []):
                offer = ("offer", asset, capability)
                F.add_edge(("asset", asset), offer, capacity=whole, weight=0)
                path = paths.get((asset, lever), [])
                distance = len(path) - 1 if path else None
                F.add_edge(
                    offer,
                    ("need", lever, capability),
                    capacity=whole,
                    weight=0 if cost == "uniform" else (penalty if distance is None else distance),
                    distance=distance,
                    broker_path=path,
                )
    return F


def match_assets(G: nx.MultiDiGraph, *, cost: CostMode = "trust_distance") -> MatchingResult:
    """Match assets to levers by capability: the most met, at the least trust distance.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected community graph.  Assets read ``capabilities`` (list) and
        ``capacity`` (missing = 1); levers read ``needs`` (capability → amount, or the
        store's ``need_capabilities`` / ``need_amounts``).  Not modified.
    cost : {"trust_distance", "uniform"}, default "trust_distance"
        How a unit from an asset to a lever is priced (see
        :func:`asset_flow_network`).

    Returns
    -------
    MatchingResult
        ``assignments`` (asset, lever, capability, amount, distance, cost, broker
        path); ``short``: every lever capability met less than fully; ``untapped``:
        every asset with capacity left; ``unreached_levers``: levers with needs
        that no asset offers any of; ``unmet_needs``: every need no asset offers,
        with the close spellings assets do offer (why a lever is unreached);
        ``unbrokered_levers``: levers some asset could serve but none whose holder
        has a trust path to a decider; totals in the map's units (``total_cost`` =
        sum of amount × cost).  Capabilities and needs meet in canonical form
        (:func:`cosgraph.model.canonical_term`: ``Meeting Space`` = ``meeting_space``).

    Raises
    ------
    CosgraphError
        As :func:`asset_flow_network`.

    Examples
    --------
    Greedy would give the hall's one unit to the first lever asking for space and
    leave the second without; the flow sends the van to the first instead:

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("hall", kind="asset", asset_kind="physical_space",
    ...            capabilities=["space", "transport"], capacity=1)
    >>> G.add_node("van", kind="asset", asset_kind="in_kind", capabilities=["transport"],
    ...            capacity=1)
    >>> G.add_node("rides", kind="lever", lever_kind="system", needs={"transport": 1})
    >>> G.add_node("forum", kind="lever", lever_kind="system", needs={"space": 1})
    >>> r = match_assets(G)
    >>> sorted((a.asset, a.lever) for a in r.assignments), r.total_matched, r.short
    ([('hall', 'forum'), ('van', 'rides')], 2.0, [])

    A lever no asset can serve says why:

    >>> G.add_node("bus", kind="lever", lever_kind="system", needs={"transports": 1})
    >>> [n.why for n in match_assets(G).unmet_needs]
    ['no asset offers transports (close: transport)']

    Notes
    -----
    Solved by :func:`networkx.max_flow_min_cost` on :func:`asset_flow_network`:
    first the largest total amount the capacities allow, then, among all flows of
    that size, the one of least total cost.  Each unit of flow on an offer → need
    edge is one assignment row.  Amounts of different capabilities are added as
    they stand when flows are compared, so an asset offering several capabilities
    should state its capacity in one unit.  The flow matching replaces a greedy
    loop, which can strand a need that only one asset could meet [1]_.

    References
    ----------
    .. [1] Ahuja RK, Magnanti TL, Orlin JB. Network Flows: Theory, Algorithms, and
       Applications. Prentice Hall, 1993 (ch. 9-11, minimum cost flows).
    .. [2] Kretzmann JP, McKnight JL. Building Communities from the Inside Out: A Path
       Toward Finding and Mobilizing a Community's Assets. ACTA, 1993.
    """
    F = asset_flow_network(G, cost=cost)
    scale: int = F.graph["scale"]
    flow = nx.max_flow_min_cost(F, SOURCE, SINK)

    assignments: list[Assignment] = []
    matched: dict[tuple[str, str], int] = {}
    used: dict[str, int] = {}
    for u, v, data in F.edges(data=True):
        if u[0] != "offer" or not flow[u][v]:
            continue
        units = flow[u][v]
        _, asset, capability = u
        _, lever, _ = v
        matched[lever, capability] = matched.get((lever, capability), 0) + units
        used[asset] = used.get(asset, 0) + units
        assignments.append(
            Assignment(
                asset=asset,
                lever=lever,
                capability=capability,
                amount=units / scale,
                distance=data["distance"],
                cost=data["weight"],
                broker_path=data["broker_path"],
            )
        )

    short = []
    for (_, lever, capability), _, data in F.in_edges(SINK, data=True):
        got = matched.get((lever, capability), 0)
        if got < data["capacity"]:
            short.append(
                Shortfall(
                    lever=lever,
                    capability=capability,
                    needed=data["capacity"] / scale,
                    matched=got / scale,
                    short=(data["capacity"] - got) / scale,
                )
            )
    untapped = []
    for _, (_, asset), data in F.out_edges(SOURCE, data=True):
        spent = used.get(asset, 0)
        if spent < data["capacity"]:
            untapped.append(
                UntappedAsset(
                    asset=asset,
                    capacity=data["capacity"] / scale,
                    used=spent / scale,
                    remaining=(data["capacity"] - spent) / scale,
                    entirely=spent == 0,
                )
            )

    offers: dict[str, list[dict[str, Any]]] = {}
    for need, _ in F.in_edges(SINK):
        offers.setdefault(need[1], []).extend(F.edges[o, need] for o in F.predecessors(need))
    unreached, unbrokered = [], []
    offered = sorted({c for a in nodes_of_kind(G, "asset") for c in _capabilities(G.nodes[a])})
    unmet = [
        UnmetNeed(lever=lever, capability=c, close=difflib.get_close_matches(c, offered, n=3))
        for lever in nodes_of_kind(G, "lever")
        for c in _needs(G.nodes[lever])
        if c not in offered
    ]
    for lever in nodes_of_kind(G, "lever"):
        edges = offers.get(lever, [])
        if _needs(G.nodes[lever]) and not edges:
            unreached.append(lever)
        elif edges and all(e["distance"] is None for e in edges):
            unbrokered.append(lever)

    plan = _plans(G, assignments, short, untapped, unmet, unbrokered)
    mentioned = [*(p.lever for p in plan), *(u.asset for u in untapped)]
    mentioned += [n for a in assignments for n in (a.asset, *a.broker_path)]
    return MatchingResult(
        cost_mode=cost,
        scale=scale,
        rounded=F.graph["rounded"],
        unreachable_cost=F.graph["unreachable_cost"],
        total_needed=sum(d["capacity"] for _, _, d in F.in_edges(SINK, data=True)) / scale,
        total_matched=sum(used.values()) / scale,
        total_cost=nx.cost_of_flow(F, flow) / scale,
        assignments=assignments,
        short=short,
        untapped=untapped,
        unreached_levers=unreached,
        unbrokered_levers=unbrokered,
        unmet_needs=unmet,
        plan=plan,
        names=names_of(G, mentioned),
    )


def _plans(
    G: nx.MultiDiGraph,
    assignments: list[Assignment],
    short: list[Shortfall],
    untapped: list[UntappedAsset],
    unmet: list[UnmetNeed],
    unbrokered: list[str],
) -> list[LeverPlan]:
    """One :class:`LeverPlan` per lever: the matching read lever by lever."""
    spare = {u.asset: _capabilities(G.nodes[u.asset]) for u in untapped}
    plans = []
    for lever in nodes_of_kind(G, "lever"):
        needs = _needs(G.nodes[lever])
        matched: dict[str, float] = {}
        assets: list[str] = []
        for a in assignments:
            if a.lever == lever:
                matched[a.capability] = matched.get(a.capability, 0.0) + a.amount
                if a.asset not in assets:
                    assets.append(a.asset)
        lacking = {s.capability: s.short for s in short if s.lever == lever}
        unmet_here = [n for n in unmet if n.lever == lever]
        near = set(lacking) | {c for n in unmet_here for c in n.close}
        could = [a for a, caps in spare.items() if near & set(caps)]
        why = [n.why for n in unmet_here]
        offered_short = [c for c in lacking if c not in {n.capability for n in unmet_here}]
        if offered_short and not could:
            why.append(f"every asset offering {', '.join(offered_short)} is used up")
        elif could:
            why.append("untapped assets could help")
        if lever in unbrokered:
            why.append(_UNBROKERED)
        if not needs:
            why.append("it states no needs")
        elif not lacking:
            why.append("fully matched")
        plans.append(
            LeverPlan(
                lever=lever,
                needs=needs,
                matched=matched,
                assets=assets,
                short=lacking,
                untapped=could,
                why="; ".join(why),
            )
        )
    return plans
