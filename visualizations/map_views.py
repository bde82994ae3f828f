"""Views: which nodes and ties a map draws, and which analysis values it shows.

A view is a function ``(G, **options) -> ViewSpec``.  It chooses nodes and tie
types, attaches the analysis values the map colours and sizes by (``derived``),
and says in plain words what the map shows and how it was computed.  Views never
draw and never mutate ``G``; :func:`cosgraph.visualizations.build_map` does the rest.

Analysis results are accepted as the result objects of ``cosgraph.analysis`` or
as plain dicts keyed by node id (documented per view), so a map can be drawn from
numbers computed anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from cosgraph.errors import CosgraphError
from cosgraph.model import (
    ACTOR_KINDS,
    COMMUNITY_CONTACT_TIE_TYPES,
    CONTACT_TIE_TYPES,
    FRAMEWORK_KINDS,
    LEVER_TIE_TYPES,
    SOCIAL_TIE_TYPES,
)

__all__ = [
    "MapError",
    "ViewSpec",
    "VIEWS",
    "network_view",
    "power_view",
    "spanners_view",
    "assets_view",
    "crosswalk_view",
    "spread_view",
]


class MapError(CosgraphError):
    """A map cannot be drawn as asked (unknown view, attribute or audience)."""


@dataclass
class ViewSpec:
    """What a view draws.  ``derived`` maps attribute name → node id → value."""

    name: str
    what: str
    how: str
    nodes: list[str]
    color_by: str
    size_by: str | None = None
    tie_types: frozenset[str] | None = None
    derived: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Attributes whose legend follows a fixed order (e.g. roles), by attribute.
    color_order: dict[str, list[Any]] = field(default_factory=dict)
    #: Attributes coloured on the sequential ramp (ordered values such as periods).
    sequential: frozenset[str] = frozenset()
    #: Colours that carry meaning, by attribute and value (a shortfall in red).
    fixed_colors: dict[str, dict[Any, str]] = field(default_factory=dict)
    #: Legend label of nodes without a value for the colour attribute.
    missing_label: str = "none"
    #: Node id → adoption period; gives the map a period slider.
    periods: dict[str, int] | None = None
    #: Ties the analysis adds (source, target, label), e.g. who learned from whom.
    extra_ties: list[tuple[str, str, str]] = field(default_factory=list)
    #: Data of drawn nodes that ``G`` does not hold (e.g. framework behaviors).
    extra_nodes: dict[str, dict[str, Any]] = field(default_factory=dict)


ViewFunction = Callable[..., ViewSpec]


def _kinds(G: nx.MultiDiGraph, kinds: Iterable[str] | None, default: Iterable[str]) -> list[str]:
    wanted = set(kinds) if kinds is not None else None
    skip = set(default)
    return [
        n
        for n, kind in G.nodes(data="kind")
        if (kind in wanted if wanted is not None else kind not in skip)
    ]


def network_view(
    G: nx.MultiDiGraph,
    *,
    kinds: Iterable[str] | None = None,
    tie_types: Iterable[str] | None = None,
) -> ViewSpec:
    """The whole community map: every node and tie.

    Parameters
    ----------
    kinds : node kinds to draw; default every kind except the framework's
        (domain, skill, behavior), which would crowd a community map.
    tie_types : tie types to draw; default all.
    """
    nodes = _kinds(G, kinds, FRAMEWORK_KINDS)
    types = frozenset(tie_types) if tie_types is not None else None
    shown = "all ties" if types is None else "ties of type " + ", ".join(sorted(types))
    return ViewSpec(
        name="network",
        what="Who is connected to whom: the people, organizations, assets, levers and "
        "communities of the map and their ties.",
        how=f"Drawn from the community map as loaded ({shown}). Positions come from a "
        "seeded force-directed layout computed once, so the same map always looks the same.",
        nodes=nodes,
        color_by="kind",
        tie_types=types,
    )


def _records(result: Any) -> dict[str, dict[str, Any]]:
    """Attribute → node → value from a result object or a dict of dicts.

    A dict is read as ``{attribute: {node id: value}}``.  An object (a pydantic
    result) contributes every scalar field of every list item that names a node
    through ``id`` or ``node``.
    """
    if isinstance(result, Mapping):
        table: dict[str, dict[str, Any]] = {}
        for attribute, values in result.items():
            if not isinstance(values, Mapping):
                raise MapError(
                    f"{attribute!r}: expected a dict of node id → value, "
                    f"got {type(values).__name__}"
                )
            table[str(attribute)] = {str(k): v for k, v in values.items()}
        return table
    table = {}
    for name in getattr(type(result), "model_fields", {}) or vars(result):
        items = getattr(result, name, None)
        if not isinstance(items, list):
            continue
        for item in items:
            node = getattr(item, "id", None) or getattr(item, "node", None)
            if node is None or not hasattr(item, "__dict__"):
                continue
            for key, value in vars(item).items():
                if key in ("id", "node", "name", "kind") or not isinstance(
                    value, str | int | float | bool
                ):
                    continue
                table.setdefault(key, {})[str(node)] = value
    return table


def _required(result: Any, view: str, keyword: str, builder: str) -> Any:
    if result is None:
        raise MapError(f"the {view} map needs {keyword}=…, e.g. {keyword}={builder}(G)")
    return result


#: Power quadrants, most to watch first; levers follow.
QUADRANTS = ["manage_closely", "keep_satisfied", "keep_informed", "monitor"]
LEVER_STATES = ["lever reached", "lever not reached"]
QUADRANT_COLORS = ["#D55E00", "#E69F00", "#0072B2", "#CC79A7", "#009E73", "#CC0000"]


def power_view(G: nx.MultiDiGraph, *, power: Any = None) -> ViewSpec:
    """Power over the levers: actors by power/interest quadrant, sized by influence.

    ``power`` is a :class:`cosgraph.analysis.power.PowerResult`, or a dict of
    ``{attribute: {node id: value}}`` with at least ``quadrant`` (and optionally
    ``influence``, ``pagerank``, ``standing``); levers in ``unreached_levers`` (or
    with ``reached`` False) are marked as not reached.
    """
    table = _records(_required(power, "power", "power", "power_map"))
    quadrant = table.get("quadrant", {})
    unreached = set(getattr(power, "unreached_levers", []) or [])
    reached = table.get("reached", {})
    nodes = [n for n, kind in G.nodes(data="kind") if kind in ("person", "organization", "lever")]
    for node in nodes:
        if G.nodes[node].get("kind") == "lever":
            ok = reached.get(node, node not in unreached)
            quadrant[node] = LEVER_STATES[0] if ok else LEVER_STATES[1]
    table["quadrant"] = quadrant
    return ViewSpec(
        name="power",
        what="Who holds power over the levers: each actor's place on the power/interest "
        "grid, and the decide, influence and trust ties that reach each lever.",
        how="Quadrant from declared power and interest (0–5; 3 or more is high); influence "
        "blends declared power with network standing (PageRank over KNOWS, TRUSTS and "
        "PARTNERS_WITH). A lever is reached when a resident with lived experience has a "
        "short trust path to one of its deciders (cosgraph.analysis.power.power_map).",
        nodes=nodes,
        color_by="quadrant",
        size_by="influence" if "influence" in table else None,
        tie_types=frozenset(SOCIAL_TIE_TYPES + LEVER_TIE_TYPES),
        derived=table,
        color_order={"quadrant": QUADRANTS + LEVER_STATES},
        fixed_colors={
            "quadrant": dict(zip(QUADRANTS + LEVER_STATES, QUADRANT_COLORS, strict=True))
        },
    )


def spanners_view(G: nx.MultiDiGraph, *, spanners: Any = None) -> ViewSpec:
    """Boundary spanners: actors coloured by brokerage role, sized by betweenness.

    ``spanners`` is a :class:`cosgraph.analysis.spanners.SpannersResult` — each
    actor's main brokerage ``role`` is the one with most brokered two-paths — or a
    dict ``{attribute: {node id: value}}`` with a ``role`` and optionally
    ``betweenness`` (the size) per node.
    """
    result = _required(spanners, "spanners", "spanners", "boundary_spanners")
    table = _spanner_records(result) if not isinstance(result, Mapping) else _records(result)
    color: str | None = next(
        (a for a in ("role", "brokerage_role", "primary_role") if a in table), None
    )
    order = list(BROKERAGE_ROLES)
    if color is None:
        color = next(
            (a for a, v in table.items() if any(isinstance(x, str) for x in v.values())), None
        )
    if color is None:
        raise MapError(
            f"the spanners map needs a role per node; got {', '.join(table) or 'nothing'}"
        )
    size = next((a for a in ("betweenness", "effective_size") if a in table), None)
    points = set(getattr(spanners, "articulation_points", []) or [])
    if points:
        table["articulation_point"] = {n: n in points for n in G}
    return ViewSpec(
        name="spanners",
        what="Who bridges groups that would otherwise not meet: brokers between "
        "sectors, communities and tripod legs.",
        how="Brokerage roles after Gould & Fernandez (1989) — coordinator, itinerant, "
        "representative, gatekeeper, liaison — with betweenness, Burt's constraint and "
        "effective size, on the tie graph between people and organizations "
        "(cosgraph.analysis.spanners).",
        nodes=[n for n, kind in G.nodes(data="kind") if kind in ACTOR_KINDS],
        color_by=color,
        size_by=size,
        tie_types=frozenset(SOCIAL_TIE_TYPES),
        derived=table,
        missing_label="no brokerage role",
        color_order={color: order},
    )


#: Gould & Fernandez's five roles, in their order; a tie between counts goes to the first.
BROKERAGE_ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")


def _spanner_records(result: Any) -> dict[str, dict[str, Any]]:
    """Per-node values from a ``SpannersResult``: main brokerage role, betweenness, holes."""
    table: dict[str, dict[str, Any]] = {
        "role": {},
        "betweenness": {},
        "brokerage": {},
        "constraint": {},
        "effective_size": {},
        "articulation_point": {},
        "group": {},
    }
    for node in getattr(result, "nodes", []):
        roles = getattr(node, "brokerage", None)
        counts = {r: int(getattr(roles, r, 0) or 0) for r in BROKERAGE_ROLES}
        best = max(BROKERAGE_ROLES, key=lambda r: counts[r])
        table["role"][node.id] = best if counts[best] > 0 else None
        table["brokerage"][node.id] = sum(counts.values())
        between = getattr(node, "betweenness", None)
        table["betweenness"][node.id] = getattr(between, "directed", between)
        for name in ("constraint", "effective_size", "articulation_point", "group"):
            table[name][node.id] = getattr(node, name, None)
    return table


ASSET_STATES = [
    "asset fully used",
    "asset partly used",
    "asset untapped",
    "lever fully met",
    "lever short",
    "holder or decider",
]
ASSET_COLORS = ["#009E73", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7"]


def assets_view(G: nx.MultiDiGraph, *, matching: Any = None) -> ViewSpec:
    """Assets matched to levers: which assets are used, which levers still fall short.

    ``matching`` is a :class:`cosgraph.analysis.matching.MatchingResult`, or a dict
    ``{attribute: {node id: value}}`` with a ``status`` per asset and lever (values
    as in :data:`ASSET_STATES`) plus an optional ``"matches"`` list of
    ``(asset, lever)`` pairs drawn as ties.
    """
    result = _required(matching, "assets", "matching", "match_assets")
    status: dict[str, Any] = {}
    matched: dict[str, float] = {}
    extra: list[tuple[str, str, str]] = []
    if isinstance(result, Mapping):
        pairs = result.get("matches", [])
        table = _records({k: v for k, v in result.items() if k != "matches"})
        status = table.pop("status", {})
        extra = [(str(a), str(b), "MATCHED") for a, b in pairs]
    else:
        table = {}
        for a in getattr(result, "assignments", []):
            extra.append((a.asset, a.lever, f"MATCHED {a.capability} {a.amount:g}"))
            matched[a.asset] = matched.get(a.asset, 0.0) + a.amount
            matched[a.lever] = matched.get(a.lever, 0.0) + a.amount
        untapped = {u.asset: u for u in getattr(result, "untapped", [])}
        short = {s.lever for s in getattr(result, "short", [])}
        for node, kind in G.nodes(data="kind"):
            if kind == "asset":
                left = untapped.get(node)
                status[node] = (
                    ASSET_STATES[0]
                    if left is None
                    else ASSET_STATES[2]
                    if left.entirely
                    else ASSET_STATES[1]
                )
            elif kind == "lever":
                status[node] = ASSET_STATES[4] if node in short else ASSET_STATES[3]
        table["matched"] = dict(matched)
    assets_levers = [n for n, kind in G.nodes(data="kind") if kind in ("asset", "lever")]
    around = set(assets_levers)
    people = {u for u, v, t in G.edges(data="type") if t in ("HOLDS", "DECIDES") and v in around}
    nodes = [n for n in G if n in around or n in people]
    for node in nodes:
        status.setdefault(node, ASSET_STATES[5] if node in people else None)
    table["status"] = status
    return ViewSpec(
        name="assets",
        what="Which assets can move which levers: assets and their holders, levers and "
        "their deciders, and the matches found between them.",
        how="A min-cost flow from assets (capacity) through the capabilities they offer to "
        "the levers that need them; cost grows with the trust distance between holder "
        "and decider (cosgraph.analysis.matching.match_assets). Matched pairs are drawn "
        "as MATCHED ties.",
        nodes=nodes,
        color_by="status",
        tie_types=frozenset(("HOLDS", *LEVER_TIE_TYPES)),
        derived=table,
        color_order={"status": ASSET_STATES},
        fixed_colors={"status": dict(zip(ASSET_STATES, ASSET_COLORS, strict=True))},
        extra_ties=extra,
    )


EVIDENCE = [
    "exhibited_supported",
    "exhibited_unsupported",
    "supported_not_exhibited",
    "neither",
    "domain practised",
    "domain not practised",
]
EVIDENCE_COLORS = ["#009E73", "#E69F00", "#0072B2", "#9aa5b1", "#7F3C8D", "#d9d9d9"]


def crosswalk_view(G: nx.MultiDiGraph, *, crosswalk: Any = None) -> ViewSpec:
    """Skills to behaviors: skill domains and the Community of Solutions Behaviors they support.

    ``crosswalk`` is a :class:`cosgraph.analysis.crosswalk.CrosswalkResult`, or a dict
    ``{"evidence": {behavior id: evidence}, "domains": {behavior id: [domain ids]},
    "practised": {domain id: bool}}``.
    """
    result = _required(crosswalk, "crosswalk", "crosswalk", "crosswalk_gaps")
    extra_nodes: dict[str, dict[str, Any]] = {}
    evidence: dict[str, Any] = {}
    status: dict[str, Any] = {}
    supports: list[tuple[str, str]] = []
    if isinstance(result, Mapping):
        evidence = dict(result.get("evidence", {}))
        practised = {d for d, on in dict(result.get("practised", {})).items() if on}
        for behavior, domains in dict(result.get("domains", {})).items():
            supports.extend((str(d), str(behavior)) for d in domains)
            extra_nodes.setdefault(str(behavior), {"kind": "behavior", "name": str(behavior)})
    else:
        practised = set(getattr(result, "practised_domains", []))
        for b in getattr(result, "behaviors", []):
            evidence[b.id] = b.evidence
            status[b.id] = b.status
            supports.extend((d, b.id) for d in b.domains)
            extra_nodes[b.id] = {
                "kind": "behavior",
                "name": f"CSB {b.number}",
                "text": b.text,
                "group": b.group,
                "practised_domains": list(b.practised),
                "missing_domains": list(b.missing),
            }
    domains = list(dict.fromkeys(d for d, _ in supports))
    for domain in domains:
        data = dict(G.nodes[domain]) if domain in G else {"kind": "domain", "name": domain}
        extra_nodes.setdefault(domain, data)
        evidence[domain] = EVIDENCE[4] if domain in practised else EVIDENCE[5]
    behaviors = [n for n in extra_nodes if n not in set(domains)]
    return ViewSpec(
        name="crosswalk",
        what="Which Community of Solutions Behaviors the community's practised skills "
        "support, and which it already exhibits.",
        how="Each behavior is supported by skill domains (Table 1 of the framework); a "
        "domain counts as practised when someone in the community PRACTISES it or one of "
        "its skills. Behaviors are coloured by the evidence for them "
        "(cosgraph.analysis.crosswalk.crosswalk_gaps).",
        nodes=domains + behaviors,
        color_by="evidence",
        tie_types=frozenset(),
        derived={"evidence": evidence, **({"status": status} if status else {})},
        color_order={"evidence": EVIDENCE},
        fixed_colors={"evidence": dict(zip(EVIDENCE, EVIDENCE_COLORS, strict=True))},
        extra_ties=[(d, b, "SUPPORTS") for d, b in supports],
        extra_nodes=extra_nodes,
    )


def spread_view(
    G: nx.MultiDiGraph,
    *,
    adoption: Any = None,
    periods: Mapping[str, Any] | None = None,
    practice: str | None = None,
) -> ViewSpec:
    """How a bright spot spread: adopters coloured by adoption period, with a period slider.

    Give ``adoption`` (a :class:`cosgraph.analysis.spread.AdoptionData`: population,
    times, who learned from whom), or ``periods`` (a dict node id → period, ``None``
    for never), or neither: then the periods are read from the ADOPTED ties of
    ``practice`` with :func:`cosgraph.analysis.spread.adoption_from_graph`.
    """
    sources: Mapping[Any, Any] = {}
    if periods is not None:
        times = {str(n): p for n, p in periods.items()}
        population = list(times)
        subject = practice
    else:
        if adoption is None:
            from cosgraph.analysis.spread import adoption_from_graph

            adoption = adoption_from_graph(G, practice)
        times = {str(n): t for n, t in adoption.time.items()}
        population = [str(n) for n in adoption.contacts]
        sources = adoption.source
        subject = adoption.practice
    period_of: dict[str, int | None] = {}
    for node in population:
        value = times.get(node)
        if value is not None and not (isinstance(value, int | float) and float(value).is_integer()):
            raise MapError(f"period of {node!r} must be a whole number, not {value!r}")
        period_of[node] = None if value is None else int(value)
    missing = [n for n in population if n not in G]
    if missing:
        raise MapError(f"nodes not in the graph: {', '.join(map(repr, missing[:5]))}")
    nodes = [n for n in G if n in period_of]
    kinds = {G.nodes[n].get("kind") for n in nodes}
    contact = set(CONTACT_TIE_TYPES) if kinds & set(ACTOR_KINDS) else set()
    contact |= set(COMMUNITY_CONTACT_TIE_TYPES)
    name = (G.nodes[subject].get("name") if subject in G else None) or subject
    return ViewSpec(
        name="spread",
        what=f"How {name or 'the practice'} spread: who adopted it in which period, and "
        "who learned it from whom.",
        how="Adoption periods from the ADOPTED ties (cosgraph.analysis.spread); grey nodes "
        "never adopted. LEARNED_FROM ties point from the adopter to the node it learned "
        "from. Move the slider to see the map as it stood at the end of a period.",
        nodes=nodes,
        color_by="period",
        tie_types=frozenset(contact),
        derived={"period": dict(period_of)},
        sequential=frozenset({"period"}),
        missing_label="never adopted",
        periods={n: p for n, p in period_of.items() if p is not None},
        extra_ties=[(str(a), str(b), "LEARNED_FROM") for a, b in sources.items()],
    )


VIEWS: dict[str, ViewFunction] = {
    "network": network_view,
    "power": power_view,
    "spanners": spanners_view,
    "assets": assets_view,
    "crosswalk": crosswalk_view,
    "spread": spread_view,
}
