"""The domain model: the nodes and ties of a community map.

Everything a loader reads becomes these pydantic models, and everything a store
writes comes from them.  Ids are stable strings chosen by the user's data.

Examples
--------
>>> m = CommunityMap(nodes=[Person(id="ana", name="Ana", tripod_role="lived_experience"),
...                         Organization(id="clinic", name="Clinic", sector="health_care")],
...                  ties=[Tie(type="MEMBER_OF", source="ana", target="clinic")])
>>> m.check_references()
>>> sorted(n.kind for n in m.nodes)
['organization', 'person']
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.vocabulary import (
    ACTOR_KINDS,
    COMMUNITY_CONTACT_TIE_TYPES,
    CONTACT_TIE_TYPES,
    FRAMEWORK_TIE_TYPES,
    LEVER_TIE_TYPES,
    SHEET_OF_KIND,
    SKILL_TIE_TYPES,
    SKILLS_SHEET,
    SOCIAL_TIE_TYPES,
    TIES_SHEET,
    Consent,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "TripodRole",
    "Sector",
    "Consent",
    "AssetKind",
    "LeverKind",
    "Stance",
    "LearningRole",
    "BrightSpotKind",
    "TieType",
    "canonical_term",
    "choice",
    "Score",
    "TermList",
    "Node",
    "Person",
    "Organization",
    "Asset",
    "Lever",
    "Community",
    "PeerTeam",
    "BrightSpot",
    "Domain",
    "Skill",
    "Behavior",
    "Tie",
    "CommunityMap",
    "NODE_TYPES",
    "TIE_ENDPOINTS",
    "ATTRIBUTE_NAME",
    "AttributeValue",
    "FRAMEWORK_KINDS",
    "ACTOR_KINDS",
    "FRAMEWORK_TIE_TYPES",
    "CONTACT_TIE_TYPES",
    "SOCIAL_TIE_TYPES",
    "COMMUNITY_CONTACT_TIE_TYPES",
    "LEVER_TIE_TYPES",
    "SHEET_OF_KIND",
    "NODE_SHEETS",
    "TIES_SHEET",
    "SKILLS_SHEET",
    "SKILL_TIE_TYPES",
    "with_article",
]


class TripodRole(StrEnum):
    """The three legs of a Community of Solutions leadership team."""

    FORMAL_LEADER = "formal_leader"
    COMMUNITY_CONNECTOR = "community_connector"
    LIVED_EXPERIENCE = "lived_experience"


class Sector(StrEnum):
    HEALTH_CARE = "health_care"
    PUBLIC_HEALTH = "public_health"
    EDUCATION = "education"
    SOCIAL_SERVICES = "social_services"
    BUSINESS = "business"
    GOVERNMENT = "government"
    FAITH = "faith"
    PHILANTHROPY = "philanthropy"
    COMMUNITY_BASED = "community_based"
    RESIDENT = "resident"


_CONSENT_OPENNESS = {Consent.PUBLIC: 2, Consent.COALITION: 1, Consent.PRIVATE: 0}


def visible_to(consent: Consent | str, audience: Consent | str) -> bool:
    """True when a person with ``consent`` may be named to ``audience``.

    >>> visible_to("coalition", "public"), visible_to("coalition", "coalition")
    (False, True)
    >>> visible_to("public", "private")
    True
    """
    return _CONSENT_OPENNESS[Consent(consent)] >= _CONSENT_OPENNESS[Consent(audience)]


class AssetKind(StrEnum):
    INDIVIDUAL_SKILL = "individual_skill"
    ORGANIZATIONAL_RESOURCE = "organizational_resource"
    PHYSICAL_SPACE = "physical_space"
    FINANCIAL = "financial"
    IN_KIND = "in_kind"
    INTRINSIC = "intrinsic"


class LeverKind(StrEnum):
    """Policy, system and environmental (PSE) change."""

    POLICY = "policy"
    SYSTEM = "system"
    ENVIRONMENT = "environment"


class Stance(StrEnum):
    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    OPPONENT = "opponent"


class LearningRole(StrEnum):
    """A community's role in a learning system such as SCALE."""

    PACESETTER = "pacesetter"
    MENTOR = "mentor"
    MEMBER = "member"


class BrightSpotKind(StrEnum):
    BRIGHT_SPOT = "bright_spot"
    CHANGE_IDEA = "change_idea"
    PRACTICE = "practice"


class TieType(StrEnum):
    KNOWS = "KNOWS"
    TRUSTS = "TRUSTS"
    MEMBER_OF = "MEMBER_OF"
    PARTNERS_WITH = "PARTNERS_WITH"
    HOLDS = "HOLDS"
    DECIDES = "DECIDES"
    INFLUENCES = "INFLUENCES"
    PRACTISES = "PRACTISES"
    SUPPORTS = "SUPPORTS"
    EXHIBITS = "EXHIBITS"
    PEER_OF = "PEER_OF"
    MENTORS = "MENTORS"
    VISITED = "VISITED"
    ADOPTED = "ADOPTED"
    HAS_SKILL = "HAS_SKILL"


#: Names allowed for free attributes: they become store properties, so they must be
#: plain identifiers (no quoting tricks reach Cypher).
ATTRIBUTE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")

AttributeValue = str | int | float | bool


def _split_list(value: Any) -> Any:
    """Accept ``"a; b"`` or ``"a, b"`` from a spreadsheet cell as a list."""
    if value is None:
        return []
    if isinstance(value, float) and math.isnan(value):
        return []
    if isinstance(value, str):
        parts = re.split(r"[;,|]", value)
        return [p.strip() for p in parts if p.strip()]
    return value


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def id_as_text(value: Any) -> Any:
    """Spreadsheets turn id 7 into 7.0; an id is always text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


#: A list written in one spreadsheet cell, separated by ``;`` ``,`` or ``|``.
ListCell = Annotated[list[str], BeforeValidator(_split_list)]


def canonical_term(text: str) -> str:
    """The one spelling of a word people type many ways: case, spaces, ``_`` and ``-`` folded.

    Capabilities and needs meet by it, and every enumeration reads its values
    through it, so what a page shows people (``Community Connector``) is accepted.

    >>> [canonical_term(t) for t in ("Meeting Space", " meeting-space ", "meeting_space")]
    ['meeting_space', 'meeting_space', 'meeting_space']
    >>> canonical_term("MEMBER OF")
    'member_of'
    """
    return re.sub(r"[\s_\-]+", "_", text.strip().lower()).strip("_")


def _terms(values: list[str]) -> list[str]:
    return list(dict.fromkeys(t for t in (canonical_term(v) for v in values) if t))


#: Capabilities written in one cell (``meeting space; Translation``), in canonical form.
TermList = Annotated[list[str], BeforeValidator(_split_list), AfterValidator(_terms)]


def choice(enum: type[StrEnum]) -> BeforeValidator:
    """A validator reading any spelling of ``enum``'s values (see :func:`canonical_term`).

    A value that is none of them is refused with a message quoting it and listing
    the allowed values.

    >>> from pydantic import TypeAdapter
    >>> adapter = TypeAdapter(Annotated[TripodRole, choice(TripodRole)])
    >>> adapter.validate_python("Community Connector")
    <TripodRole.COMMUNITY_CONNECTOR: 'community_connector'>
    >>> adapter.validate_python("resident")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for ...
      'resident' is not one of: formal_leader, community_connector, lived_experience [...]
    """
    by_term = {canonical_term(member.value): member.value for member in enum}
    allowed = ", ".join(member.value for member in enum)

    def read(value: Any) -> Any:
        if value is None or isinstance(value, enum):
            return value
        if isinstance(value, str) and canonical_term(value) in by_term:
            return by_term[canonical_term(value)]
        raise PydanticCustomError(
            "choice", "{value} is not one of: {allowed}", {"value": repr(value), "allowed": allowed}
        )

    return BeforeValidator(read)


def _score(value: Any) -> Any:
    """A 0-5 score (power, interest) as a whole number, or an error quoting the value."""
    number = value
    if isinstance(value, str) and re.fullmatch(r"\s*\d+(\.0*)?\s*", value):
        number = float(value)
    if isinstance(number, int | float) and not isinstance(number, bool):
        if float(number).is_integer() and 0 <= number <= 5:
            return int(number)
    raise PydanticCustomError("score", "{value} is not a whole number 0–5", {"value": repr(value)})


#: A Net-Map style 0-5 score (``power``, ``interest``).
Score = Annotated[int, BeforeValidator(_score)]


def _amount(entry: str, amount: Any) -> float:
    """A need's amount, a number above 0; an error names the ``needs`` entry."""
    try:
        number = float(amount)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(amount, bool) or not math.isfinite(number) or number <= 0:
        raise PydanticCustomError(
            "need_amount",
            "needs entry {entry}: {amount} is not an amount above 0",
            {"entry": repr(entry), "amount": repr(amount)},
        )
    return number


class _Base(BaseModel):
    """Blank cells (empty text, NaN, None) count as absent, so field defaults apply.

    Each model builds its validator when first used (``defer_build``), not when this
    module is imported: a command pays only for the models it validates (a re-load of
    unchanged files for none).  Pydantic builds a model once even when two threads
    first use it at once (``load-network`` reads its files while the store opens).
    """

    model_config = ConfigDict(
        extra="forbid",
        use_enum_values=True,
        str_strip_whitespace=True,
        validate_default=True,
        defer_build=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if _blank_to_none(v) is not None}
        return data


class Node(_Base):
    """Fields every node has.  ``attributes`` holds the user's extra columns."""

    kind: ClassVar[str] = "node"
    label: ClassVar[str] = "Node"

    id: Annotated[str, Field(min_length=1, max_length=200)]
    name: str | None = None
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        return id_as_text(value)

    @field_validator("attributes")
    @classmethod
    def _attribute_names(cls, value: dict[str, AttributeValue]) -> dict[str, AttributeValue]:
        for key, item in value.items():
            if not ATTRIBUTE_NAME.match(key):
                raise ValueError(
                    f"attribute name {key!r} must start with a letter and hold only "
                    "letters, digits and _ (at most 64)"
                )
            if key in cls.model_fields or key == "kind":
                raise ValueError(f"attribute name {key!r} is a field of {cls.kind}")
            if isinstance(item, float) and not math.isfinite(item):
                raise ValueError(f"attribute {key!r} must be a finite number")
        return value

    def properties(self) -> dict[str, Any]:
        """Fields and attributes as one flat dict (what a store writes)."""
        data = self.model_dump(exclude={"attributes"})
        data.update(self.attributes)
        return data


class Person(Node):
    """A person: member of the tripod, holder of power, skills and assets."""

    kind: ClassVar[str] = "person"
    label: ClassVar[str] = "Person"

    tripod_role: Annotated[TripodRole | None, choice(TripodRole)] = None
    sectors: Annotated[list[Annotated[Sector, choice(Sector)]], BeforeValidator(_split_list)] = (
        Field(default_factory=list)
    )
    neighbourhood: str | None = None
    power: Score = 0
    interest: Score = 0
    consent: Annotated[Consent, choice(Consent)] = Consent.COALITION


class Organization(Node):
    """An organization; ``anchor`` marks an anchor institution (hospital, university)."""

    kind: ClassVar[str] = "organization"
    label: ClassVar[str] = "Organization"

    sector: Annotated[Sector | None, choice(Sector)] = None
    anchor: bool = False
    power: Score = 0
    interest: Score = 0


class Asset(Node):
    """Something a person or organization brings: it offers capabilities up to a capacity."""

    kind: ClassVar[str] = "asset"
    label: ClassVar[str] = "Asset"

    asset_kind: Annotated[AssetKind, choice(AssetKind)]
    capabilities: TermList = Field(default_factory=list)
    capacity: Annotated[float, Field(ge=0)] = 1.0


class Lever(Node):
    """A policy, system or environmental change the coalition wants to move.

    ``needs`` maps a capability to the amount needed; in a spreadsheet cell it is
    written ``funding=50000; volunteers=20`` (an amount of 1 may be left out).
    """

    kind: ClassVar[str] = "lever"
    label: ClassVar[str] = "Lever"

    lever_kind: Annotated[LeverKind, choice(LeverKind)]
    needs: dict[str, Annotated[float, Field(gt=0)]] = Field(default_factory=dict)

    @field_validator("needs", mode="before")
    @classmethod
    def _parse_needs(cls, value: Any) -> Any:
        """``"Meeting Space=2; funding"`` -> ``{"meeting_space": 2.0, "funding": 1.0}``.

        Capabilities are read in canonical form (:func:`canonical_term`); a bad
        entry is refused naming it.
        """
        if isinstance(value, str):
            entries = [(part, *part.partition("=")[::2]) for part in _split_list(value)]
        elif isinstance(value, dict):
            entries = [(f"{k}={v}", str(k), v) for k, v in value.items()]
        else:
            return value
        needs: dict[str, float] = {}
        for entry, capability, amount in entries:
            term = canonical_term(capability)
            if not term:
                raise PydanticCustomError(
                    "need_name", "needs entry {entry} names no capability", {"entry": repr(entry)}
                )
            if term in needs:
                raise PydanticCustomError(
                    "need_twice",
                    "needs entry {entry}: {term} is already listed",
                    {"entry": repr(entry), "term": repr(term)},
                )
            blank = isinstance(amount, str) and not amount.strip()
            needs[term] = 1.0 if blank else _amount(entry, amount)
        return needs

    def properties(self) -> dict[str, Any]:
        data = super().properties()
        needs = data.pop("needs")
        data["need_capabilities"] = list(needs)
        data["need_amounts"] = [float(v) for v in needs.values()]
        return data


class Community(Node):
    kind: ClassVar[str] = "community"
    label: ClassVar[str] = "Community"

    place: str | None = None
    learning_role: Annotated[LearningRole | None, choice(LearningRole)] = None


class PeerTeam(Node):
    """A peer community team: communities that learn together."""

    kind: ClassVar[str] = "peer_team"
    label: ClassVar[str] = "PeerTeam"


class BrightSpot(Node):
    """A bright spot, change idea or practice that communities adopt."""

    kind: ClassVar[str] = "bright_spot"
    label: ClassVar[str] = "BrightSpot"

    spot_kind: Annotated[BrightSpotKind, choice(BrightSpotKind)] = BrightSpotKind.BRIGHT_SPOT
    description: str | None = None


class Domain(Node):
    """A skill domain of the framework (LW, LT, LO, LE, LS)."""

    kind: ClassVar[str] = "domain"
    label: ClassVar[str] = "Domain"


class Skill(Node):
    """A skill element inside a domain, e.g. ``LT.collaboration``."""

    kind: ClassVar[str] = "skill"
    label: ClassVar[str] = "Skill"

    domain: str
    elements: ListCell = Field(default_factory=list)


class Behavior(Node):
    """A Community of Solutions Behavior (CSB 1-28); its id is ``CSB<number>``."""

    kind: ClassVar[str] = "behavior"
    label: ClassVar[str] = "Behavior"

    number: Annotated[int, Field(ge=1, le=28)]
    text: str
    group: Literal["relate", "abundance", "change_process"]


NODE_TYPES: dict[str, type[Node]] = {
    cls.kind: cls
    for cls in (
        Person,
        Organization,
        Asset,
        Lever,
        Community,
        PeerTeam,
        BrightSpot,
        Domain,
        Skill,
        Behavior,
    )
}

#: Framework node kinds are written by ``cosgraph init`` and never by user loads.
FRAMEWORK_KINDS = ("domain", "skill", "behavior")
#: Sheet (or CSV file stem) -> node type.  The same names serve workbooks and folders.
NODE_SHEETS: dict[str, type[Node]] = {
    sheet: NODE_TYPES[kind] for kind, sheet in SHEET_OF_KIND.items()
}

_ACTORS = ACTOR_KINDS
#: Which node kinds each tie type may join: (allowed sources, allowed targets).
TIE_ENDPOINTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    TieType.KNOWS: (_ACTORS, _ACTORS),
    TieType.TRUSTS: (_ACTORS, _ACTORS),
    TieType.MEMBER_OF: (
        ("person", "organization", "community"),
        ("organization", "community", "peer_team"),
    ),
    TieType.PARTNERS_WITH: (_ACTORS, _ACTORS),
    TieType.HOLDS: (_ACTORS + ("community",), ("asset",)),
    TieType.DECIDES: (_ACTORS, ("lever",)),
    TieType.INFLUENCES: (_ACTORS, ("lever",) + _ACTORS),
    TieType.PRACTISES: (_ACTORS + ("community",), ("domain", "skill")),
    TieType.SUPPORTS: (("domain",), ("behavior",)),
    TieType.HAS_SKILL: (("domain",), ("skill",)),
    TieType.EXHIBITS: (_ACTORS + ("community",), ("behavior",)),
    TieType.PEER_OF: (("community",), ("community",)),
    TieType.MENTORS: (("community",), ("community",)),
    TieType.VISITED: (("community",), ("community",)),
    TieType.ADOPTED: (("person", "community", "organization"), ("bright_spot",)),
}


class Tie(_Base):
    """A typed tie between two nodes, keyed by (type, source, target).

    A tie is directed unless ``undirected`` is true (``load-network --undirected``, a
    GraphML ``edgedefault="undirected"``, a GEXF ``defaultedgetype="undirected"``):
    then it runs both ways and its ``source``/``target`` are only the order its ends
    were written in.  ``weight`` is the tie's weight for weighted analyses (a
    ``weight`` column, or the column ``--weight-column`` names); without it they read
    ``strength``, and then 1.
    ``period`` (a whole number) or ``date`` (ISO ``YYYY-MM-DD``) time an ADOPTED tie;
    ``learned_from`` names the node it learned from, when known.
    """

    type: Annotated[TieType, choice(TieType)]
    source: Annotated[str, Field(min_length=1, max_length=200)]
    target: Annotated[str, Field(min_length=1, max_length=200)]
    strength: Annotated[float, Field(gt=0)] | None = None
    weight: Annotated[float, Field(gt=0)] | None = None
    undirected: bool | None = None
    role: str | None = None
    stance: Annotated[Stance | None, choice(Stance)] = None
    period: int | None = None
    date: str | None = None
    learned_from: str | None = None
    attributes: dict[str, AttributeValue] = Field(default_factory=dict)

    @field_validator("source", "target", "learned_from", mode="before")
    @classmethod
    def _ids_as_text(cls, value: Any) -> Any:
        return id_as_text(value)

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError("date must be written YYYY-MM-DD")
        return value

    @field_validator("strength", "weight")
    @classmethod
    def _finite(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError(f"{info.field_name} must be a finite number")
        return value

    @field_validator("attributes")
    @classmethod
    def _attribute_names(cls, value: dict[str, AttributeValue]) -> dict[str, AttributeValue]:
        for key in value:
            # from/to name a tie's ends when ties are bulk-copied into the store
            if not ATTRIBUTE_NAME.match(key) or key in cls.model_fields or key in ("from", "to"):
                raise ValueError(f"attribute name {key!r} is not a plain, unused identifier")
        return value

    @property
    def key(self) -> tuple[str, str, str]:
        return (str(self.type), self.source, self.target)

    def properties(self) -> dict[str, Any]:
        data = self.model_dump(exclude={"attributes", "type", "source", "target"})
        data.update(self.attributes)
        return data


def with_article(word: str) -> str:
    """``word`` after its indefinite article, for messages.

    >>> with_article("organization"), with_article("person")
    ('an organization', 'a person')
    """
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


class CommunityMap(_Base):
    """Nodes and ties of one community map, with where each came from.

    ``locations`` maps a node id, or a tie's ``(type, source, target)`` key, to the
    file and line it was read from, so reference errors can point at the input.
    """

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    nodes: list[Node] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    locations: dict[Any, SourceLocation] = Field(default_factory=dict, exclude=True)
    #: Provenance kept from elsewhere (a copy between stores): id or tie key ->
    #: {"provenance", "loaded_at"}, used instead of the load's own.
    stamps: dict[Any, dict[str, Any]] = Field(default_factory=dict, exclude=True)
    #: Problems a reader found in the rows (field checks).  A map that carries any is
    #: the checked part of a bad file: planning it reports these with the reference
    #: problems, all in one round, and it is never written.
    problems: list[SourceLocation] = Field(default_factory=list, exclude=True)
    #: id -> kind of the node rows that failed their field checks.
    failed_ids: dict[str, str] = Field(default_factory=dict, exclude=True)
    #: Store label (``"Person"``, a tie type) -> attribute -> the header it was read
    #: from, where that differs from the attribute's name (``{"grade_1": "Grade.1"}``;
    #: :mod:`cosgraph.loaders.headers`).  Kept in the store and written back by exports.
    column_labels: dict[str, dict[str, str]] = Field(default_factory=dict, exclude=True)
    #: What the reader did to the rows that the load report should say (self-loops and
    #: repeated ties set aside), one line each.
    notes: list[str] = Field(default_factory=list, exclude=True)

    def node_index(self) -> dict[str, Node]:
        return {node.id: node for node in self.nodes}

    def to_graph(self) -> nx.MultiDiGraph:
        """The map as a networkx graph in the same shape as a store's projection.

        Node data: ``kind``, every non-empty field and the attributes; edges keyed by
        tie type with ``type`` and the tie's non-empty properties.  Use it to analyse
        files without a store.

        >>> m = CommunityMap(nodes=[Person(id="ana", attributes={"age": 3})],
        ...                  ties=[Tie(type="KNOWS", source="ana", target="ana")])
        >>> G = m.to_graph()
        >>> G.nodes["ana"]["kind"], G.nodes["ana"]["age"], list(G.edges(keys=True))
        ('person', 3, [('ana', 'ana', 'KNOWS')])
        """
        # One projection builder for stored and unstored maps alike, so the two agree.
        from cosgraph.store.records import graph_from_records, map_records

        G = graph_from_records(*map_records(self))
        G.graph["column_labels"] = self.column_labels
        return G

    def check_references(
        self, known: dict[str, str] | None = None, gone: frozenset[str] = frozenset()
    ) -> None:
        """Raise :class:`LoadError` listing every duplicate id and every bad tie.

        ``known`` maps ids already in the store to their kind, so a load may tie new
        rows to nodes loaded earlier; see :meth:`reference_problems` for ``gone``.
        """
        errors = self.reference_problems(known, gone)
        if errors:
            raise LoadError(errors)

    def reference_problems(
        self, known: dict[str, str] | None = None, gone: frozenset[str] = frozenset()
    ) -> list[SourceLocation]:
        """Every duplicate id and every tie to an unknown id or to a node of a wrong kind.

        ``known`` maps ids already in the store to their kind.  ``gone`` are ids an
        earlier load of the same source put in and this map no longer holds: a tie
        to one is a tie to an unknown id, whether or not the load prunes.  Ids of
        rows that failed their field checks (``failed_ids``) are known, so a bad
        cell in a person's row is not reported again on each tie to them.

        >>> m = CommunityMap(ties=[Tie(type="KNOWS", source="gus", target="ana")])
        >>> [p.message for p in m.reference_problems({"gus": "person", "ana": "person"},
        ...                                          gone=frozenset({"gus"}))]
        ["unknown id 'gus' (its row is no longer in the file)"]
        """
        errors: list[SourceLocation] = []
        kinds = {k: v for k, v in (known or {}).items() if k not in gone}
        kinds.update(self.failed_ids)
        seen: set[str] = set()
        for node in self.nodes:
            if node.id in seen:
                errors.append(self._at(node.id).with_message("id", f"duplicate id {node.id!r}"))
            seen.add(node.id)
            kinds[node.id] = node.kind
        seen_ties: set[tuple[str, str, str]] = set()
        for tie in self.ties:
            where = self._at(tie.key)
            if tie.key in seen_ties:
                errors.append(where.with_message("source", f"duplicate {tie.type} tie"))
            seen_ties.add(tie.key)
            sources, targets = TIE_ENDPOINTS[tie.type]
            ends = [("source", tie.source, sources), ("target", tie.target, targets)]
            if tie.learned_from is not None:
                ends.append(("learned_from", tie.learned_from, tuple(NODE_TYPES)))
            for field, ref, allowed in ends:
                if field == "source" and where.field:  # a tie from a column (holder)
                    field = where.field
                if ref not in kinds:
                    why = " (its row is no longer in the file)" if ref in gone else ""
                    errors.append(where.with_message(field, f"unknown id {ref!r}{why}"))
                elif kinds[ref] not in allowed:
                    errors.append(
                        where.with_message(
                            field,
                            f"a {tie.type} tie cannot have {with_article(kinds[ref])} as {field} "
                            f"(allowed: {', '.join(allowed)})",
                        )
                    )
        return errors

    def _at(self, key: Any) -> SourceLocation:
        return self.locations.get(key, SourceLocation(file="<map>"))
