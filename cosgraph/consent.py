"""Consent: what an audience may see of a community map — the one rule for every output.

Every export, map, analysis, query, spread report and count takes an audience
(``public``, ``coalition`` or ``private``; ``public`` by default).  A person whose
consent is narrower than the audience (see :func:`cosgraph.model.visible_to`) is
*hidden*: their id and name never reach the output, nor any value that names them
(``director=priv``, ``learned_from``) nor any attribute value only they carry.

:class:`Audience` decides it once per output:

* each hidden person gets a placeholder (``person-`` + 10 hex digits) drawn with a
  per-output random key, so the same person has the same placeholder throughout one
  output (paths line up) but two outputs cannot be joined on it;
* placeholders come after the visible nodes, ordered by their placeholder: output
  order says nothing about a hidden id (an id's sorted position would otherwise follow
  from its neighbours, and two outputs would line up index by index);
* provenance (``provenance``, ``loaded_at``) is stripped for every audience but
  ``private``; exports and maps, which are made to be shared, strip it always.

Graphs pass through :meth:`Audience.graph`; results of analyses (anything that
dumps to JSON) pass through :meth:`Audience.mask`; error messages through
:meth:`Audience.mask_text`.  :func:`apply_audience` is the short form for graphs.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person", name="Ana", consent="public")
>>> G.add_node("cy", kind="person", name="Cy", consent="private", tripod_role="formal_leader")
>>> G.add_node("org", kind="organization", name="Org", director="cy")
>>> _ = G.add_edge("ana", "cy", key="KNOWS", type="KNOWS", strength=2.0)
>>> P = apply_audience(G, "public", salt=b"fixed")
>>> [n[:7] for n in P.nodes]
['ana', 'org', 'person-']
>>> hidden = next(n for n in P if n.startswith("person-"))
>>> P.nodes[hidden]
{'kind': 'person', 'tripod_role': 'formal_leader', 'anonymous': True}
>>> P.nodes["org"]["director"] == hidden, "cy" in G
(True, True)
>>> sorted(apply_audience(G, "public", mode="drop").nodes)
['ana', 'org']
>>> seen = Audience.of(G, "public", salt=b"fixed")
>>> seen.mask({"id": "cy", "path": ["ana", "cy"], "name": "Cy"}) == {
...     "id": hidden, "path": ["ana", hidden], "name": hidden}
True
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from cosgraph import model, vocabulary
from cosgraph.model import Consent, visible_to
from cosgraph.vocabulary import AUDIENCE_ENV, AUDIENCES, DEFAULT_AUDIENCE

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "AUDIENCES",
    "AUDIENCE_ENV",
    "DEFAULT_AUDIENCE",
    "MODES",
    "Audience",
    "apply_audience",
    "hidden_people",
]

MODES = ("pseudonymise", "drop")
#: What a placeholder keeps of a hidden person: nothing that names or locates them.
KEPT_PERSON_FIELDS = ("kind", "tripod_role")
#: What a tie touching a hidden person keeps: its type and its structural numbers.
KEPT_TIE_FIELDS = ("type", "strength", "stance", "period")
#: Person consent when none is recorded: the model's default.
DEFAULT_CONSENT = str(Consent.COALITION)

#: What an output hiding only people of the default consent adds to its notice.
RECORD_CONSENT = (
    f"all have consent {DEFAULT_CONSENT}, the default when none was recorded: "
    f"cosgraph load-network --consent {'|'.join(AUDIENCES)} records it"
)
#: Where data came from and when: never in a shared output.
PROVENANCE_FIELDS = frozenset({"provenance", "loaded_at"})
#: Data every hidden person's analysis copy loses: what names them.
NAMING_FIELDS = frozenset({"name", "label"})
#: What a value only hidden people carry becomes.
HIDDEN_VALUE = "(hidden)"
PLACEHOLDER_PREFIX = "person-"
#: Fields that are the model's vocabulary, never personal: kept even when rare.
_VOCABULARY_FIELDS = frozenset({"kind", "tripod_role", "consent", "type", "anonymous"})
#: Values of the model's enumerations (sectors, roles, stances, consent...): never personal.
_ENUM_MODULES = (model.__name__, vocabulary.__name__)
_VOCABULARY = frozenset(
    str(member)
    for enum in vars(model).values()
    if isinstance(enum, type) and issubclass(enum, StrEnum) and enum.__module__ in _ENUM_MODULES
    for member in enum
)


def hidden_people(G: nx.MultiDiGraph, audience: str) -> list[Any]:
    """Ids of the people ``audience`` may not see, in graph order.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="person", consent="public"); G.add_node("b", kind="person")
    >>> hidden_people(G, "public"), hidden_people(G, "coalition")
    (['b'], [])
    """
    return _hidden(G.nodes(data=True), check_audience(audience))


def _hidden(nodes: Iterable[tuple[Any, Mapping[str, Any]]], audience: str) -> list[Any]:
    """Ids of the people among ``(id, data)`` records that ``audience`` may not see."""
    return [
        n
        for n, d in nodes
        if d.get("kind") == "person"
        and not visible_to(d.get("consent") or DEFAULT_CONSENT, audience)
    ]


def check_audience(audience: str) -> str:
    """``audience`` if it is one; else a ValueError naming the choices."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; choose one of {', '.join(AUDIENCES)}")
    return audience


def _key(salt: bytes | str | None) -> bytes:
    key = secrets.token_bytes(16) if salt is None else salt
    return key.encode("utf-8") if isinstance(key, str) else key


def _placeholder(key: bytes, counter: int) -> str:
    digest = hmac.new(key, str(counter).encode("ascii"), hashlib.sha256).hexdigest()
    return PLACEHOLDER_PREFIX + digest[:10]


@dataclass(frozen=True)
class Audience:
    """What one output may show: the hidden people, their placeholders, what names them.

    Build it with :meth:`Audience.of` for each output (a fresh random key each time
    unless ``salt`` is given).

    Attributes
    ----------
    name : the audience.
    placeholders : hidden id → placeholder, in output order (by placeholder).
    names : a hidden person's name → their placeholder.
    unique_values : text values that only hidden people (or their ties) carry.
    visible : ids of everyone and everything the audience may see.
    defaulted : every hidden person has the default consent (``coalition``), which is
        also what a person gets when no consent was recorded (``load-network``).
    """

    name: str
    placeholders: Mapping[Any, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)
    unique_values: frozenset[str] = frozenset()
    visible: frozenset[Any] = frozenset()
    defaulted: bool = False

    @classmethod
    def of(
        cls,
        G: nx.MultiDiGraph,
        audience: str = DEFAULT_AUDIENCE,
        *,
        salt: bytes | str | None = None,
    ) -> Audience:
        """The audience's view of ``G``.

        Parameters
        ----------
        G : a projected map (views.py convention: node ``kind``, edge ``type``).
        audience : ``public``, ``coalition`` or ``private``.
        salt : key of the placeholders; by default a fresh random key.  The i-th hidden
            person in graph order gets HMAC-SHA256(key, i): nothing of their id enters it.

        >>> import networkx as nx
        >>> G = nx.MultiDiGraph(); G.add_node("b", kind="person", name="Bo", phone="555")
        >>> seen = Audience.of(G, "public")
        >>> seen.hidden_count, seen.mask("Bo") == seen.mask("b"), seen.mask("555")
        (1, True, '(hidden)')
        """
        return cls.of_records(G.nodes(data=True), G.edges(data=True), audience, salt=salt)

    @classmethod
    def of_records(
        cls,
        nodes: Iterable[tuple[Any, Mapping[str, Any]]],
        ties: Iterable[tuple[Any, Any, Mapping[str, Any]]],
        audience: str = DEFAULT_AUDIENCE,
        *,
        salt: bytes | str | None = None,
    ) -> Audience:
        """:meth:`of` from ``(id, data)`` node records and ``(source, target, data)`` ties.

        What an analysis reads from a store's columns (ids, kinds, consent, names and the
        attributes it prints) decides its audience here, by the same rule as a graph.

        >>> seen = Audience.of_records([("ana", {"kind": "person", "consent": "public"}),
        ...                             ("bo", {"kind": "person", "name": "Bo"})], [])
        >>> list(seen.names), sorted(seen.visible)
        (['Bo'], ['ana'])
        """
        records = list(nodes)
        data_of = dict(records)
        hidden = _hidden(records, check_audience(audience))
        key = _key(salt)
        taken = {str(n) for n, _ in records}
        tokens: list[str] = []
        counter = 0
        for _ in hidden:
            token = _placeholder(key, counter)
            while token in taken:
                counter += 1
                token = _placeholder(key, counter)
            taken.add(token)
            tokens.append(token)
            counter += 1
        pairs = sorted(zip(hidden, tokens, strict=True), key=lambda pair: pair[1])
        placeholders = dict(pairs)
        hidden_set = set(placeholders)
        names = {
            str(data_of[n]["name"]): placeholders[n]
            for n in hidden
            if isinstance(data_of[n].get("name"), str) and data_of[n]["name"]
        }
        return cls(
            name=audience,
            placeholders=placeholders,
            names=names,
            unique_values=_unique_values(records, ties, hidden_set, names),
            visible=frozenset(n for n, _ in records if n not in hidden_set),
            defaulted=all(
                (data_of[n].get("consent") or DEFAULT_CONSENT) == DEFAULT_CONSENT for n in hidden
            ),
        )

    # -- facts ------------------------------------------------------------------------

    @property
    def hidden_count(self) -> int:
        """How many people this audience does not see."""
        return len(self.placeholders)

    @property
    def strips_provenance(self) -> bool:
        """Provenance stays only in what a steward (``private``) prints for themselves."""
        return self.name != Consent.PRIVATE

    def is_hidden(self, node: Any) -> bool:
        """True for a hidden person's id or placeholder.

        >>> seen = Audience("public", {"bo": "person-1"})
        >>> seen.is_hidden("bo"), seen.is_hidden("person-1"), seen.is_hidden("ana")
        (True, True, False)
        """
        return node in self.placeholders or node in self.tokens

    @cached_property
    def tokens(self) -> frozenset[str]:
        """The placeholders of this output."""
        return frozenset(self.placeholders.values())

    def original(self, node: Any) -> Any:
        """The real id behind a placeholder (for writing results back to the store).

        >>> Audience("public", {"bo": "person-1"}).original("person-1")
        'bo'
        """
        return self.originals().get(node, node)

    def originals(self) -> dict[str, Any]:
        """Placeholder -> the real id behind it, for every hidden person.

        >>> Audience("public", {"bo": "person-1"}).originals()
        {'person-1': 'bo'}
        """
        return {token: real for real, token in self.placeholders.items()}

    def shows_more(self) -> str:
        """The flag that shows more people than this audience.

        >>> Audience("public").shows_more()
        '--audience coalition'
        """
        wider = {"public": "coalition", "coalition": "private"}.get(self.name, "private")
        return f"--audience {wider}"

    def notice(self) -> dict[str, Any] | None:
        """What an output says about who it hides (``None`` when it hides nobody).

        >>> Audience("public", {"x": "person-1"}).notice()["hidden_people"]
        1
        """
        if not self.placeholders:
            return None
        note: dict[str, Any] = {
            "audience": self.name,
            "hidden_people": self.hidden_count,
            "shown_with": self.shows_more(),
        }
        if self.defaulted:
            note["consent"] = RECORD_CONSENT
        return note

    def notice_line(self) -> str | None:
        """:meth:`notice` as one line of text, for a terminal.

        >>> print(Audience("public", {"x": "person-1"}).notice_line())
        1 person not named for audience public (their consent); --audience coalition shows more
        >>> line = Audience("public", {"x": "person-1"}, defaulted=True).notice_line()
        >>> line.endswith("cosgraph load-network --consent public|coalition|private records it")
        True
        """
        note = self.notice()
        if note is None:
            return None
        n = note["hidden_people"]
        line = (
            f"{n} {'person' if n == 1 else 'people'} not named for audience {self.name} "
            f"(their consent); {note['shown_with']} shows more"
        )
        if "consent" in note:
            line += f"; {note['consent']}"
        return line

    # -- results ------------------------------------------------------------------------

    def mask(self, value: Any) -> Any:
        """``value`` with every hidden person replaced by their placeholder.

        Works on anything JSON-like (dicts, lists, strings, numbers): a string equal to
        a hidden id or name becomes the placeholder; a text value only hidden people
        carry becomes ``"(hidden)"``; a node record of a hidden person (a dict with
        their ``id`` and ``consent``) keeps only ``kind`` and ``tripod_role``;
        provenance is dropped unless the audience is ``private``.
        """
        if not (self.placeholders or self.names or self.unique_values):
            return _stripped(value, PROVENANCE_FIELDS if self.strips_provenance else frozenset())
        if isinstance(value, str):
            if value in self.placeholders:
                return self.placeholders[value]
            if value in self.names:
                return self.names[value]
            if value in self.unique_values:
                return HIDDEN_VALUE
            return value
        if isinstance(value, Mapping):
            node = value.get("id")
            if "consent" in value and isinstance(node, str) and self.is_hidden(node):
                kept = {k: value[k] for k in KEPT_PERSON_FIELDS if value.get(k) is not None}
                return {"id": self.mask(node), **kept, "anonymous": True}
            return {
                self.mask(k): self.mask(v)
                for k, v in value.items()
                if not (self.strips_provenance and k in PROVENANCE_FIELDS)
            }
        if isinstance(value, list | tuple):
            return [self.mask(v) for v in value]
        return value

    def mask_rows(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Rows a store query returned, masked; rows naming a hidden person go last.

        A query orders its rows (often by id); a masked row keeping its place would tell
        where the hidden id sorts, so those rows follow the others, by placeholder.

        >>> Audience("public", {"bo": "person-1"}).mask_rows([{"id": "bo"}, {"id": "cy"}])
        [{'id': 'cy'}, {'id': 'person-1'}]
        """
        tokens = self.tokens
        masked = [self.mask(row) for row in rows]
        shown = [r for r in masked if not _mentions(r, tokens)]
        hidden = [r for r in masked if _mentions(r, tokens)]
        hidden.sort(key=lambda r: sorted(_mentioned(r, tokens)))
        return shown + hidden

    def mask_text(self, text: str) -> str:
        """A message with hidden ids and names replaced (for errors shown to the audience).

        >>> Audience("public", {"p034": "person-ab"}, {"Bo Li": "person-ab"}).mask_text(
        ...     "unknown seed node(s): p034, Bo Li")
        'unknown seed node(s): person-ab, person-ab'
        """
        words = {**{str(k): v for k, v in self.placeholders.items()}, **self.names}
        words.update((v, HIDDEN_VALUE) for v in self.unique_values)
        for word in sorted(words, key=len, reverse=True):
            pattern = rf"(?<![\w-]){re.escape(word)}(?![\w-])"
            text = re.sub(pattern, words[word], text)
        return text

    def parameter(self, value: Any) -> Any:
        """A value a user typed (a seed, a team) as the audience's graph names it: a hidden
        id or name becomes its placeholder.

        >>> Audience("public", {"bo": "person-1"}, {"Bo": "person-1"}).parameter("Bo")
        'person-1'
        """
        return self.mask(value)

    # -- graphs -------------------------------------------------------------------------

    def graph(
        self,
        G: nx.MultiDiGraph,
        *,
        mode: Literal["pseudonymise", "drop"] | str = "pseudonymise",
        keep: Literal["placeholder", "analysis"] = "placeholder",
    ) -> nx.MultiDiGraph:
        """A new graph of what this audience sees of ``G`` (``G`` is never changed).

        Parameters
        ----------
        G : the graph this audience was made from.
        mode : ``drop`` removes hidden people with their ties; ``pseudonymise`` keeps
            them under their placeholder, after the visible nodes (in placeholder order;
            for ``keep="analysis"`` in their order in ``G``, so seeded analyses repeat).
        keep : what a placeholder keeps.  ``placeholder`` (exports): only ``kind`` and
            ``tripod_role``, and ties touching them only ``type``, ``strength``,
            ``stance`` and ``period``.  ``analysis``: everything but names and
            provenance, so a deterministic analysis gives the same numbers as on ``G``;
            its results must then go through :meth:`mask`.

        Notes
        -----
        Every value on any node or tie (lists included) that equals a hidden id or
        name is replaced by the placeholder, or removed when dropping.  Each node's
        ties follow the node order, so no tie order reflects a hidden id either.

        Examples
        --------
        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_node("bo", kind="person", name="Bo", power=4)
        >>> G.add_node("ana", kind="person", name="Ana", consent="public")
        >>> seen = Audience.of(G, "public")
        >>> A = seen.graph(G, keep="analysis")
        >>> list(A) == ["ana", seen.placeholders["bo"]], A.nodes[seen.placeholders["bo"]]
        (True, {'kind': 'person', 'power': 4, 'anonymous': True})
        """
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
        drop = mode == "drop"
        order = [n for n in G if n not in self.placeholders]
        if not drop and keep == "placeholder":
            order += list(self.placeholders)
        elif not drop:
            # Analyses seeded by node order (Leiden, Monte Carlo) must give the same
            # numbers on every run for this audience: hidden people keep their order
            # among themselves.  Their ids still say nothing: they come last, and
            # anything sorted by id sorts them by their random placeholder.
            order += [n for n in G if n in self.placeholders]
        rename = {} if drop else dict(self.placeholders)
        import networkx as nx

        H = nx.MultiDiGraph()
        H.graph.update(G.graph)
        for node in order:
            H.add_node(rename.get(node, node), **self.node_data(node, G.nodes[node], mode, keep))
        position = {node: i for i, node in enumerate(order)}
        for node in order:
            ties = sorted(
                (
                    (v, k, d)
                    for _, v, k, d in G.out_edges(node, keys=True, data=True)
                    if v in position
                ),
                key=lambda t: (position[t[0]], str(t[1])),
            )
            for target, tie_key, data in ties:
                touches = node in self.placeholders or target in self.placeholders
                if touches and keep == "placeholder":
                    data = {k: data[k] for k in KEPT_TIE_FIELDS if data.get(k) is not None}
                else:
                    data = self._data(data, drop)
                H.add_edge(rename.get(node, node), rename.get(target, target), key=tie_key, **data)
        return H

    def node_data(
        self,
        node: Any,
        data: Mapping[str, Any],
        mode: str = "pseudonymise",
        keep: Literal["placeholder", "analysis"] = "analysis",
    ) -> dict[str, Any]:
        """What :meth:`graph` keeps of one node's data (``node`` is its real id).

        >>> seen = Audience("public", {"bo": "person-1"})
        >>> seen.node_data("bo", {"kind": "person", "name": "Bo", "sector": "faith"})
        {'kind': 'person', 'sector': 'faith', 'anonymous': True}
        """
        drop = mode == "drop"
        if node not in self.placeholders:
            return self._data(data, drop)
        if keep == "placeholder":
            kept = {k: data[k] for k in KEPT_PERSON_FIELDS if data.get(k) is not None}
        else:
            kept = self._data(data, drop, omit=NAMING_FIELDS | PROVENANCE_FIELDS)
        return {**kept, "anonymous": True}

    def _data(
        self, data: Mapping[str, Any], drop: bool, omit: Iterable[str] = ()
    ) -> dict[str, Any]:
        """Node or tie data with values naming a hidden person renamed (or removed)."""
        skip = set(omit) | (PROVENANCE_FIELDS if self.strips_provenance else set())
        out: dict[str, Any] = {}
        for key, value in data.items():
            if key in skip:
                continue
            if isinstance(value, list | tuple):
                items = [v for v in value if not (drop and self._names_someone(v))]
                out[key] = type(value)(self._ref(v) for v in items)
            elif self._names_someone(value):
                if not drop:
                    out[key] = self._ref(value)
            else:
                out[key] = value
        return out

    def _names_someone(self, value: Any) -> bool:
        return isinstance(value, str) and (value in self.placeholders or value in self.names)

    def _ref(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        return self.placeholders.get(value) or self.names.get(value) or value


def _unique_values(
    nodes: list[tuple[Any, Mapping[str, Any]]],
    ties: Iterable[tuple[Any, Any, Mapping[str, Any]]],
    hidden: set[Any],
    names: Mapping[str, str],
) -> frozenset[str]:
    """Text values on hidden people and their ties that nothing visible carries."""
    if not hidden:
        return frozenset()
    theirs: set[str] = set()
    seen: set[str] = {str(n) for n, _ in nodes if n not in hidden}
    for node, data in nodes:
        _texts(data, theirs if node in hidden else seen)
    for u, v, data in ties:
        _texts(data, theirs if (u in hidden or v in hidden) else seen)
    return frozenset(theirs - seen - _VOCABULARY - set(names) - {str(n) for n in hidden})


def _texts(data: Mapping[str, Any], into: set[str]) -> None:
    for key, value in data.items():
        if key in _VOCABULARY_FIELDS or key in PROVENANCE_FIELDS:
            continue
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str) and item:
                into.add(item)


def _stripped(value: Any, drop: frozenset[str]) -> Any:
    """:meth:`Audience.mask` when nobody is hidden: copies without the ``drop`` keys.

    >>> _stripped([{"id": "a", "provenance": "x", "n": [1]}], frozenset({"provenance"}))
    [{'id': 'a', 'n': [1]}]
    """
    if isinstance(value, Mapping):
        return {
            k: _stripped(v, drop) if isinstance(v, Mapping | list | tuple) else v
            for k, v in value.items()
            if k not in drop
        }
    if isinstance(value, list | tuple):
        return [_stripped(v, drop) if isinstance(v, Mapping | list | tuple) else v for v in value]
    return value


def _mentioned(value: Any, tokens: frozenset[str]) -> set[str]:
    if isinstance(value, str):
        return {value} & tokens
    if isinstance(value, Mapping):
        return set().union(*(_mentioned(v, tokens) for v in value.values()), set())
    if isinstance(value, list | tuple):
        return set().union(*(_mentioned(v, tokens) for v in value), set())
    return set()


def _mentions(value: Any, tokens: frozenset[str]) -> bool:
    return bool(_mentioned(value, tokens))


def apply_audience(
    G: nx.MultiDiGraph,
    audience: str = DEFAULT_AUDIENCE,
    *,
    mode: Literal["pseudonymise", "drop"] | str = "pseudonymise",
    salt: bytes | str | None = None,
    keep: Literal["placeholder", "analysis"] = "placeholder",
) -> nx.MultiDiGraph:
    """A new graph holding only what ``audience`` may see of ``G`` (``G`` is never changed).

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projected map (views.py convention: node ``kind``, edge ``type``).
    audience : {"public", "coalition", "private"}
        Who will see the result.  ``private`` (the map's stewards) sees everyone.
    mode : {"pseudonymise", "drop"}
        ``drop`` removes each hidden person with their ties.  ``pseudonymise`` keeps
        them as a placeholder (see :class:`Audience`).
    salt : bytes or str, optional
        Key of the placeholders.  By default a fresh random key per call, so the same
        person gets the same placeholder throughout one output, but two outputs
        cannot be joined on it.
    keep : {"placeholder", "analysis"}
        See :meth:`Audience.graph`.

    Returns
    -------
    nx.MultiDiGraph
        The audience's graph.

    Raises
    ------
    ValueError
        An unknown audience or mode.

    Notes
    -----
    A person with no recorded consent counts as ``coalition``, the model's default.
    Organizations, assets, levers and the rest carry no personal consent and pass,
    except for values naming a hidden person.  Privacy wins over detail: sectors,
    neighbourhood, power and every free attribute of a hidden person are removed,
    since any of them may identify someone in a small community.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    return Audience.of(G, audience, salt=salt).graph(G, mode=mode, keep=keep)
