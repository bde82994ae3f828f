"""The Community of Solutions framework: the reference graph every map is read against.

Five skill domains (Leading from Within ``LW``, Leading Together ``LT``, Leading for
Outcomes ``LO``, Leading for Equity ``LE``, Leading for Sustainability ``LS``), their
skill elements, and the 28 Community of Solutions Behaviors (CSB 1-28) in three groups,
each tagged with the domains that support it (Table 1 of Stout, 2017).  The data lives
in ``cosgraph/data/framework.json``, transcribed from the source documents; its
``notes`` say where the sources differ and what was chosen.

Examples
--------
>>> fw = load_framework()
>>> [d.code for d in fw.domains]
['LW', 'LT', 'LO', 'LE', 'LS']
>>> fw.behavior(13).text
'Believe change is possible and create a tangible, motivating vision with concrete aims'
>>> domains_for(1), domain_of("LT.collaboration")
(['LT', 'LW'], 'LT')
>>> [b.number for b in behaviors_supported_by(["LS"])]
[4, 7, 9, 10, 11, 12]

References
----------
.. [1] Stout S. Overview of SCALE and a Community of Solutions. SCALE 1.0 Synthesis
   Reports. Cambridge, Massachusetts: Institute for Healthcare Improvement, 2017.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from cosgraph.model import Behavior, CommunityMap, Domain, Node, Skill, Tie, TieType

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "GroupCode",
    "SkillElement",
    "SkillDomain",
    "BehaviorGroup",
    "BehaviorSpec",
    "Framework",
    "load_framework",
    "behaviors_supported_by",
    "domains_for",
    "domain_of",
]

#: The three behavior groups: how people relate, how the community creates
#: abundance, how it approaches the change process.
GroupCode = Literal["relate", "abundance", "change_process"]

_Text = Annotated[str, Field(min_length=1)]


class _Frozen(BaseModel):
    # The reference framework is shared through a cache, so nobody may change it.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class SkillElement(_Frozen):
    """A skill element of a domain, e.g. ``LT.collaboration``, with its sub-elements.

    Examples
    --------
    >>> s = SkillElement(id="LT.teamwork", name="Effective teamwork", domain="LT")
    >>> s.sub_elements
    []
    """

    id: _Text
    name: _Text
    domain: _Text
    sub_elements: list[_Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _id_names_domain(self) -> SkillElement:
        if not self.id.startswith(f"{self.domain}.") or self.id == f"{self.domain}.":
            raise ValueError(f"skill id {self.id!r} must be written '{self.domain}.<slug>'")
        return self


class SkillDomain(_Frozen):
    """One of the five skill domains; its skills inherit its ``code`` as their domain.

    Examples
    --------
    >>> d = SkillDomain(code="LT", name="Leading Together", description="...",
    ...                 skills=[{"id": "LT.teamwork", "name": "Effective teamwork"}])
    >>> d.skills[0].domain
    'LT'
    """

    code: _Text
    name: _Text
    description: str = ""
    skills: list[SkillElement] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _skills_take_domain(cls, data: Any) -> Any:
        # The JSON nests skills under their domain instead of repeating the code.
        if isinstance(data, dict) and isinstance(data.get("skills"), list):
            code = data.get("code")
            data = {
                **data,
                "skills": [
                    {"domain": code, **s} if isinstance(s, dict) else s for s in data["skills"]
                ],
            }
        return data

    @model_validator(mode="after")
    def _skills_belong_here(self) -> SkillDomain:
        for skill in self.skills:
            if skill.domain != self.code:
                raise ValueError(f"skill {skill.id!r} is listed under domain {self.code!r}")
        return self

    @property
    def label(self) -> str:
        """The domain as people read it in a workbook's drop-down: name, then code.

        >>> load_framework().domains[1].label
        'Leading Together (LT)'
        """
        return f"{self.name} ({self.code})"


class BehaviorGroup(_Frozen):
    """A group of behaviors; ``name`` is its heading in Table 1."""

    code: GroupCode
    name: _Text


class BehaviorSpec(_Frozen):
    """A Community of Solutions Behavior with the domains Table 1 tags it with, in order.

    Examples
    --------
    >>> b = BehaviorSpec(number=8, group="abundance", domains=["LT"],
    ...                  text="Leaders at all levels have the trust and governance processes "
    ...                       "in place to share resources and accountability")
    >>> b.id
    'CSB8'
    """

    number: Annotated[int, Field(ge=1, le=28)]
    text: _Text
    group: GroupCode
    domains: Annotated[list[_Text], Field(min_length=1)]

    @model_validator(mode="after")
    def _tags_once(self) -> BehaviorSpec:
        if len(set(self.domains)) != len(self.domains):
            raise ValueError(f"CSB {self.number} lists a domain twice: {self.domains}")
        return self

    @property
    def id(self) -> str:
        """The node id of this behavior in a community map: ``CSB<number>``."""
        return f"CSB{self.number}"

    @property
    def label(self) -> str:
        """The behavior as people read it in a workbook's drop-down: number, then text.

        >>> load_framework().behavior(19).label
        'CSB 19: Adapt outcomes and measures as they learn'
        """
        return f"CSB {self.number}: {self.text}"


class Framework(_Frozen):
    """The skill domains, behavior groups and behaviors of the framework.

    Validation checks that codes, skill ids and behavior numbers are unique, that the
    behaviors are numbered 1..n, and that every tag and group refers to one defined here.

    Examples
    --------
    >>> fw = load_framework()
    >>> len(fw.domains), len(fw.groups), len(fw.behaviors)
    (5, 3, 28)
    >>> sum(len(d.skills) for d in fw.domains)
    20
    """

    domains: list[SkillDomain]
    groups: list[BehaviorGroup]
    behaviors: list[BehaviorSpec]

    @model_validator(mode="after")
    def _references(self) -> Framework:
        codes = [d.code for d in self.domains]
        _unique("domain code", codes)
        _unique("skill id", [s.id for d in self.domains for s in d.skills])
        group_codes = [g.code for g in self.groups]
        _unique("group code", group_codes)
        numbers = [b.number for b in self.behaviors]
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            raise ValueError(f"behaviors must be numbered 1..{len(numbers)} once each")
        for b in self.behaviors:
            unknown = [c for c in b.domains if c not in codes]
            if unknown:
                raise ValueError(f"CSB {b.number} is tagged with unknown domain(s) {unknown}")
            if b.group not in group_codes:
                raise ValueError(f"CSB {b.number} is in unknown group {b.group!r}")
        return self

    def behavior(self, number: int) -> BehaviorSpec:
        """The behavior CSB ``number``.

        Raises
        ------
        KeyError
            When no behavior has that number.

        Examples
        --------
        >>> load_framework().behavior(28).domains
        ['LO']
        """
        for b in self.behaviors:
            if b.number == number:
                return b
        raise KeyError(f"no Community of Solutions Behavior CSB {number} (they run 1..28)")

    def to_json_dict(self) -> dict[str, Any]:
        """Domains with their skills, and behaviors with their tags, as plain JSON data.

        This is what ``cosgraph framework --format json`` prints.

        Returns
        -------
        dict
            ``{"domains": [{"code", "name", "skills": [{"id", "name", "sub_elements"}]}],
            "behaviors": [{"number", "text", "group", "domains"}]}``.

        Examples
        --------
        >>> data = load_framework().to_json_dict()
        >>> sorted(data), sorted(data["domains"][1]["skills"][2])
        (['behaviors', 'domains'], ['id', 'name', 'sub_elements'])
        >>> {k: v for k, v in data["behaviors"][0].items() if k != "text"}
        {'number': 1, 'group': 'relate', 'domains': ['LT', 'LW']}
        """
        return {
            "domains": [
                {
                    "code": d.code,
                    "name": d.name,
                    "skills": [
                        {"id": s.id, "name": s.name, "sub_elements": list(s.sub_elements)}
                        for s in d.skills
                    ],
                }
                for d in self.domains
            ],
            "behaviors": [
                {"number": b.number, "text": b.text, "group": b.group, "domains": list(b.domains)}
                for b in self.behaviors
            ],
        }

    def community_map(self) -> CommunityMap:
        """The framework as a community map: domain, skill and behavior nodes and their ties.

        Returns
        -------
        CommunityMap
            Domain nodes (id = code), Skill nodes (id = skill id, ``elements`` = its
            sub-elements), Behavior nodes (id = ``CSB<number>``, name ``CSB <number>``);
            a HAS_SKILL tie from each domain to each of its skills and a SUPPORTS tie
            from each domain to each behavior it tags, in Table 1 order.

        Examples
        --------
        >>> m = load_framework().community_map()
        >>> m.check_references()
        >>> [t.target for t in m.ties if t.type == "SUPPORTS" and t.source == "LS"]
        ['CSB4', 'CSB7', 'CSB9', 'CSB10', 'CSB11', 'CSB12']
        """
        nodes: list[Node] = []
        ties: list[Tie] = []
        for d in self.domains:
            nodes.append(Domain(id=d.code, name=d.name))
            for s in d.skills:
                nodes.append(Skill(id=s.id, name=s.name, domain=d.code, elements=s.sub_elements))
                ties.append(Tie(type=TieType.HAS_SKILL, source=d.code, target=s.id))
        for b in self.behaviors:
            nodes.append(
                Behavior(
                    id=b.id, name=f"CSB {b.number}", number=b.number, text=b.text, group=b.group
                )
            )
            ties.extend(Tie(type=TieType.SUPPORTS, source=code, target=b.id) for code in b.domains)
        return CommunityMap(nodes=nodes, ties=ties)

    def graph(self) -> nx.MultiDiGraph:
        """The framework as a projected graph, built from :meth:`community_map`.

        Returns
        -------
        networkx.MultiDiGraph
            One node per map node keyed by id, with ``kind`` (``domain``, ``skill``,
            ``behavior``) and its fields as data; one edge per tie keyed by its type,
            with ``type`` and the tie's non-empty properties as data.

        Examples
        --------
        >>> G = load_framework().graph()
        >>> G.nodes["CSB13"]["group"], G.nodes["LT.collaboration"]["domain"]
        ('change_process', 'LT')
        >>> G.edges["LO", "CSB13", "SUPPORTS"]
        {'type': 'SUPPORTS'}
        >>> sorted(u for u, _ in G.in_edges("CSB1"))
        ['LT', 'LW']
        """
        return self.community_map().to_graph()


def _unique(what: str, values: Sequence[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}")
        seen.add(value)


@cache
def load_framework() -> Framework:
    """The reference framework shipped with cosgraph, read once and cached.

    Returns
    -------
    Framework
        Validated from ``framework.json`` in the package ``cosgraph.data``; the
        file's ``source`` and ``notes`` are documentation and are not loaded.

    Examples
    --------
    >>> load_framework() is load_framework()
    True
    """
    text = resources.files("cosgraph.data").joinpath("framework.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return Framework.model_validate(
        {"domains": data["domains"], "groups": data["groups"], "behaviors": data["behaviors"]}
    )


def domain_of(skill_or_domain_id: str, framework: Framework | None = None) -> str:
    """The domain code of a domain code or a skill id.

    Parameters
    ----------
    skill_or_domain_id : str
        A domain code such as ``"LT"`` or a skill id such as ``"LT.collaboration"``.
    framework : Framework, optional
        The framework to look in; the reference framework by default.

    Returns
    -------
    str
        The domain code.

    Raises
    ------
    KeyError
        When the id is neither a domain code nor a skill id of the framework.

    Examples
    --------
    >>> domain_of("LE"), domain_of("LS.people")
    ('LE', 'LS')
    >>> domain_of("LT.juggling")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    KeyError: "'LT.juggling' is neither a domain code (LW, LT, LO, LE, LS) nor a skill id ..."
    """
    fw = framework or load_framework()
    for d in fw.domains:
        if skill_or_domain_id == d.code or any(s.id == skill_or_domain_id for s in d.skills):
            return d.code
    codes = ", ".join(d.code for d in fw.domains)
    raise KeyError(
        f"{skill_or_domain_id!r} is neither a domain code ({codes}) nor a skill id "
        "of the framework (such as 'LT.collaboration')"
    )


def domains_for(number: int, framework: Framework | None = None) -> list[str]:
    """The domain codes Table 1 tags behavior CSB ``number`` with, in its order.

    Raises
    ------
    KeyError
        When no behavior has that number.

    Examples
    --------
    >>> domains_for(12), domains_for(21)
    (['LE', 'LT', 'LS'], ['LW', 'LO'])
    """
    return list((framework or load_framework()).behavior(number).domains)


def behaviors_supported_by(
    codes: str | Iterable[str], framework: Framework | None = None
) -> list[BehaviorSpec]:
    """The behaviors tagged with at least one of the given domains, in CSB order.

    Parameters
    ----------
    codes : str or iterable of str
        Domain codes or skill ids (a skill counts as its domain), or one of them.
    framework : Framework, optional
        The framework to look in; the reference framework by default.

    Returns
    -------
    list of BehaviorSpec

    Raises
    ------
    KeyError
        When a code is neither a domain code nor a skill id (see :func:`domain_of`).

    Examples
    --------
    >>> [b.number for b in behaviors_supported_by("LE")]
    [2, 5, 12, 14, 15, 25, 26, 27]
    >>> [b.number for b in behaviors_supported_by(["LW.reflect", "LS"])]
    [1, 3, 4, 6, 7, 9, 10, 11, 12, 20, 21]
    """
    fw = framework or load_framework()
    wanted = {domain_of(c, fw) for c in ([codes] if isinstance(codes, str) else codes)}
    return [b for b in fw.behaviors if wanted.intersection(b.domains)]
