"""The skills-to-behaviors crosswalk: which behaviors a community's skills can support.

Table 1 of Stout (2017) tags each of the 28 Community of Solutions Behaviors with
the skill domains that support it.  Read against a community map, that crosswalk
says which behaviors a community is equipped for, which it lacks a domain for, and
— with EXHIBITS ties as evidence — where what it does and what it can do disagree.

All three functions read the framework as a graph (``kind`` domain, skill and
behavior nodes; HAS_SKILL domain → skill and SUPPORTS domain → behavior ties, as
:meth:`cosgraph.framework.Framework.graph` builds it); by default the reference
framework shipped with cosgraph.

Examples
--------
>>> [b.number for b in behaviors_for_skills(["LS.people"]).behaviors]
[4, 7, 9, 10, 11, 12]
>>> [(d.domain, len(d.skills)) for d in skills_for_behavior(7).domains]
[('LT', 5), ('LS', 4)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict

from cosgraph.analysis.result import Result, Row
from cosgraph.errors import CosgraphError

__all__ = [
    "Status",
    "Evidence",
    "BehaviorMatch",
    "BehaviorLookup",
    "DomainSkills",
    "BehaviorSkills",
    "BehaviorSupport",
    "CrosswalkResult",
    "behaviors_for_skills",
    "skills_for_behavior",
    "crosswalk_gaps",
]

Status = Literal["full", "partial", "none"]
Evidence = Literal[
    "exhibited_supported", "exhibited_unsupported", "supported_not_exhibited", "neither"
]


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class BehaviorMatch(_Result):
    """A behavior some of the given skills support: its tags, which are covered, which not."""

    id: str
    number: int
    text: str
    group: str
    domains: list[str]
    covered: list[str]
    missing: list[str]
    fully_supported: bool


class BehaviorLookup(Result, frozen=True):
    """What :func:`behaviors_for_skills` finds; ``table_rows()`` gives one row per behavior."""

    skills: list[str]
    domains: list[str]
    behaviors: list[BehaviorMatch]

    def table_rows(self) -> list[Row]:
        """One flat row per behavior; lists are joined with ``"; "``."""
        return [_flat(b) for b in self.behaviors]


class DomainSkills(_Result):
    """A domain a behavior needs, with its skill elements."""

    domain: str
    name: str | None
    skills: list[str]


class BehaviorSkills(Result, frozen=True):
    """What :func:`skills_for_behavior` finds; ``table_rows()`` gives one row per skill."""

    id: str
    number: int
    text: str
    group: str
    domains: list[DomainSkills]

    def table_rows(self) -> list[Row]:
        """One flat row per (domain, skill) the behavior needs."""
        return [
            {"behavior": self.id, "domain": d.domain, "domain_name": d.name, "skill": s}
            for d in self.domains
            for s in d.skills
        ]


class BehaviorSupport(_Result):
    """One behavior read against a community's practised domains and exhibited behaviors."""

    id: str
    number: int
    text: str
    group: str
    domains: list[str]
    practised: list[str]
    missing: list[str]
    status: Status
    exhibited: bool
    evidence: Evidence


class CrosswalkResult(Result, frozen=True):
    """What :func:`crosswalk_gaps` finds; ``table_rows()`` gives one row per behavior."""

    community: str | None
    practitioners: int
    practised_domains: list[str]
    practised_skills: list[str]
    exhibited: list[str]
    unknown: list[str]
    behaviors: list[BehaviorSupport]
    status_counts: dict[str, int]
    evidence_counts: dict[str, int]

    def table_rows(self) -> list[Row]:
        """One flat row per behavior, in rank order; lists are joined with ``"; "``."""
        return [_flat(b) for b in self.behaviors]


def _flat(model: BaseModel) -> Row:
    return {k: "; ".join(v) if isinstance(v, list) else v for k, v in model.model_dump().items()}


def _framework(framework: nx.MultiDiGraph | None) -> nx.MultiDiGraph:
    if framework is not None:
        return framework
    from cosgraph.framework import load_framework  # the reference data loads on first use

    return load_framework().graph()


def _of_kind(F: nx.MultiDiGraph, kind: str) -> list[str]:
    return [n for n, k in F.nodes(data="kind") if k == kind]


def _ends(F: nx.MultiDiGraph, node: str, tie_type: str, into: bool = True) -> list[str]:
    edges = F.in_edges(node, data="type") if into else F.out_edges(node, data="type")
    return [(u if into else v) for u, v, t in edges if t == tie_type]


def _behaviors(F: nx.MultiDiGraph) -> list[tuple[str, list[str]]]:
    """Each behavior id with the domains that SUPPORT it, in tag order, by CSB number."""
    ids = sorted(_of_kind(F, "behavior"), key=lambda b: F.nodes[b]["number"])
    return [(b, _ends(F, b, "SUPPORTS")) for b in ids]


def _domain(F: nx.MultiDiGraph, node: str) -> str | None:
    """The domain code of a domain or skill node of ``F``; None for anything else."""
    kind = F.nodes[node].get("kind") if node in F else None
    if kind == "domain":
        return node
    if kind == "skill":
        owners = _ends(F, node, "HAS_SKILL")
        return owners[0] if owners else F.nodes[node].get("domain")
    return None


def _in_order(F: nx.MultiDiGraph, domains: Iterable[str]) -> list[str]:
    wanted = set(domains)
    return [d for d in _of_kind(F, "domain") if d in wanted]


def behaviors_for_skills(
    skills: str | Iterable[str], framework: nx.MultiDiGraph | None = None
) -> BehaviorLookup:
    """The behaviors that the given skills (or domains) help support.

    Parameters
    ----------
    skills : str or iterable of str
        Domain codes (``"LT"``) or skill ids (``"LT.collaboration"``); a skill
        stands for its domain, as Table 1 tags behaviors by domain.
    framework : networkx.MultiDiGraph, optional
        The framework graph; the reference framework by default.

    Returns
    -------
    BehaviorLookup
        The domains the skills belong to, in framework order, and every behavior
        tagged with at least one of them, by CSB number, each with the tags
        ``covered`` by the skills and those still ``missing``.

    Raises
    ------
    CosgraphError
        When a skill is neither a domain code nor a skill id of the framework.

    Examples
    --------
    >>> r = behaviors_for_skills(["LE", "LT.trust"])
    >>> [(b.number, b.missing) for b in r.behaviors if not b.fully_supported][:3]
    [(1, ['LW']), (3, ['LW']), (4, ['LO', 'LS'])]
    >>> r.domains
    ['LT', 'LE']
    """
    F = _framework(framework)
    given = [skills] if isinstance(skills, str) else list(skills)
    domains = set()
    for skill in given:
        domain = _domain(F, skill)
        if domain is None:
            raise CosgraphError(
                f"{skill!r} is neither a domain code nor a skill id of the framework "
                "(such as 'LT' or 'LT.collaboration')"
            )
        domains.add(domain)
    found = []
    for behavior, tags in _behaviors(F):
        covered = [d for d in tags if d in domains]
        if covered:
            data = F.nodes[behavior]
            found.append(
                BehaviorMatch(
                    id=behavior,
                    number=data["number"],
                    text=data["text"],
                    group=data["group"],
                    domains=tags,
                    covered=covered,
                    missing=[d for d in tags if d not in domains],
                    fully_supported=len(covered) == len(tags),
                )
            )
    return BehaviorLookup(skills=given, domains=_in_order(F, domains), behaviors=found)


def _behavior_id(F: nx.MultiDiGraph, behavior: int | str) -> str:
    text = str(behavior).strip()
    match = re.fullmatch(r"(?:CSB\s*)?(\d+)", text, flags=re.IGNORECASE)
    node = f"CSB{int(match.group(1))}" if match else text
    if F.nodes.get(node, {}).get("kind") != "behavior":
        raise CosgraphError(f"no Community of Solutions Behavior {text!r} in the framework")
    return node


def skills_for_behavior(
    behavior: int | str, framework: nx.MultiDiGraph | None = None
) -> BehaviorSkills:
    """The domains a behavior needs, each with its skill elements.

    Parameters
    ----------
    behavior : int or str
        The behavior's number (``7``) or id (``"CSB7"``, ``"CSB 7"``).
    framework : networkx.MultiDiGraph, optional
        The framework graph; the reference framework by default.

    Returns
    -------
    BehaviorSkills
        The behavior with the domains Table 1 tags it with, in Table 1's order,
        and each domain's skills (HAS_SKILL ties) in framework order.

    Raises
    ------
    CosgraphError
        When the framework has no such behavior.

    Examples
    --------
    >>> r = skills_for_behavior("CSB 8")
    >>> r.group, [d.domain for d in r.domains], r.domains[0].skills[:2]
    ('abundance', ['LT'], ['LT.trust', 'LT.teamwork'])
    """
    F = _framework(framework)
    node = _behavior_id(F, behavior)
    data = F.nodes[node]
    return BehaviorSkills(
        id=node,
        number=data["number"],
        text=data["text"],
        group=data["group"],
        domains=[
            DomainSkills(
                domain=d, name=F.nodes[d].get("name"), skills=_ends(F, d, "HAS_SKILL", into=False)
            )
            for d in _ends(F, node, "SUPPORTS")
        ],
    )


def _members(G: nx.MultiDiGraph, group: str) -> set[str]:
    """``group`` and everything with a chain of MEMBER_OF ties into it."""
    found, stack = {group}, [group]
    while stack:
        for member in _ends(G, stack.pop(), "MEMBER_OF"):
            if member not in found:
                found.add(member)
                stack.append(member)
    return found


def crosswalk_gaps(
    G: nx.MultiDiGraph,
    community: str | None = None,
    framework: nx.MultiDiGraph | None = None,
) -> CrosswalkResult:
    """Which behaviors a community's practised skills support, and which it exhibits.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A projected community graph.  Not modified.
    community : str, optional
        A community (or organization, or peer team) id.  Its skills are those it and
        its members — everything with a chain of MEMBER_OF ties into it — PRACTISE,
        and its behaviors those they EXHIBIT.  By default, the whole map.
    framework : networkx.MultiDiGraph, optional
        The framework graph; the reference framework by default.

    Returns
    -------
    CrosswalkResult
        Practised domains and skills, exhibited behaviors, the PRACTISES or EXHIBITS
        targets not found in the framework (``unknown``), and every behavior ranked
        by the number of its domains missing (most first, then by CSB number), with
        its ``status`` and ``evidence``, and counts of each.

    Raises
    ------
    CosgraphError
        When ``community`` is not a node of ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("town", kind="community"); G.add_node("ana", kind="person")
    >>> _ = G.add_edge("ana", "town", key="MEMBER_OF", type="MEMBER_OF")
    >>> _ = G.add_edge("town", "LT", key="PRACTISES", type="PRACTISES")
    >>> _ = G.add_edge("ana", "LS.people", key="PRACTISES", type="PRACTISES")
    >>> _ = G.add_edge("town", "CSB13", key="EXHIBITS", type="EXHIBITS")
    >>> r = crosswalk_gaps(G, community="town")
    >>> r.practised_domains, r.status_counts
    (['LT', 'LS'], {'full': 6, 'partial': 9, 'none': 13})
    >>> [(b.id, b.status, b.evidence) for b in r.behaviors if b.id in ("CSB7", "CSB13")]
    [('CSB13', 'none', 'exhibited_unsupported'), ('CSB7', 'full', 'supported_not_exhibited')]

    Notes
    -----
    A domain is practised when a PRACTISES tie reaches the domain itself or one of
    its skills.  A behavior is ``full`` when every domain Table 1 tags it with is
    practised, ``partial`` when some are, ``none`` when none are.  Evidence compares
    that with EXHIBITS ties: ``exhibited_supported`` (exhibited and fully supported),
    ``exhibited_unsupported`` (exhibited with a domain missing: the behavior rests
    on skills the map does not record, or is fragile), ``supported_not_exhibited``
    (the skills are there; the behavior is not yet seen) and ``neither``.

    References
    ----------
    .. [1] Stout S. Overview of SCALE and a Community of Solutions. SCALE 1.0
       Synthesis Reports. Institute for Healthcare Improvement, 2017, Table 1.
    """
    F = _framework(framework)
    if community is not None and community not in G:
        raise CosgraphError(f"community {community!r} is not a node of the map")
    actors = _members(G, community) if community is not None else set(G)

    practised_skills: set[str] = set()
    domains: set[str] = set()
    exhibited: set[str] = set()
    unknown: list[str] = []
    for u, v, tie_type in G.edges(data="type"):
        if u not in actors or tie_type not in ("PRACTISES", "EXHIBITS"):
            continue
        if tie_type == "PRACTISES":
            domain = _domain(F, v)
            if domain is None:
                unknown.append(v)
                continue
            domains.add(domain)
            if domain != v:
                practised_skills.add(v)
        elif F.nodes.get(v, {}).get("kind") == "behavior":
            exhibited.add(v)
        else:
            unknown.append(v)

    rows = []
    for behavior, tags in _behaviors(F):
        data = F.nodes[behavior]
        practised = [d for d in tags if d in domains]
        status: Status = (
            "full" if len(practised) == len(tags) else "partial" if practised else "none"
        )
        shown = behavior in exhibited
        supported = status == "full"
        evidence: Evidence = (
            ("exhibited_supported" if supported else "exhibited_unsupported")
            if shown
            else ("supported_not_exhibited" if supported else "neither")
        )
        rows.append(
            BehaviorSupport(
                id=behavior,
                number=data["number"],
                text=data["text"],
                group=data["group"],
                domains=tags,
                practised=practised,
                missing=[d for d in tags if d not in domains],
                status=status,
                exhibited=shown,
                evidence=evidence,
            )
        )
    rows.sort(key=lambda b: (-len(b.missing), b.number))
    skill_order = [s for s in _of_kind(F, "skill") if s in practised_skills]
    return CrosswalkResult(
        community=community,
        practitioners=len(actors),
        practised_domains=_in_order(F, domains),
        practised_skills=skill_order,
        exhibited=[b for b, _ in _behaviors(F) if b in exhibited],
        unknown=list(dict.fromkeys(unknown)),
        behaviors=rows,
        status_counts={s: sum(b.status == s for b in rows) for s in ("full", "partial", "none")},
        evidence_counts={
            e: sum(b.evidence == e for b in rows)
            for e in (
                "exhibited_supported",
                "exhibited_unsupported",
                "supported_not_exhibited",
                "neither",
            )
        },
    )
