"""Consent: what an audience may see of a community map.

Every export and map takes an audience (``public``, ``coalition`` or ``private``).  A
person whose consent is narrower than the audience (see
:func:`cosgraph.model.visible_to`) is either dropped with their ties, or replaced by
an anonymous placeholder that keeps the graph's shape.  The choice is explicit:
``mode="drop"`` or ``mode="pseudonymise"`` (the default).

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person", name="Ana", consent="public")
>>> G.add_node("cy", kind="person", name="Cy", consent="private", tripod_role="formal_leader")
>>> _ = G.add_edge("ana", "cy", key="KNOWS", type="KNOWS", strength=2.0)
>>> P = apply_audience(G, "public", salt=b"fixed")
>>> [n[:7] for n in sorted(P.nodes)]
['ana', 'person-']
>>> hidden = next(n for n in P if n != "ana")
>>> P.nodes[hidden]
{'kind': 'person', 'tripod_role': 'formal_leader', 'anonymous': True}
>>> [(u, v == hidden, k) for u, v, k in P.edges(keys=True)], "cy" in G
([('ana', True, 'KNOWS')], True)
>>> sorted(apply_audience(G, "public", mode="drop").nodes)
['ana']
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any, Literal

import networkx as nx

from cosgraph.model import Consent, visible_to

__all__ = ["AUDIENCES", "MODES", "apply_audience", "hidden_people", "pseudonym"]

AUDIENCES = tuple(str(c) for c in Consent)
MODES = ("pseudonymise", "drop")
#: What a placeholder keeps of a hidden person: nothing that names or locates them.
KEPT_PERSON_FIELDS = ("kind", "tripod_role")
#: What a tie touching a hidden person keeps: its type and its structural numbers.
KEPT_TIE_FIELDS = ("type", "strength", "stance", "period")
#: Person consent when none is recorded: the model's default.
DEFAULT_CONSENT = str(Consent.COALITION)


def pseudonym(node_id: str, salt: bytes) -> str:
    """The stable placeholder id of ``node_id`` under ``salt``.

    >>> pseudonym("ana", b"s") == pseudonym("ana", b"s") != pseudonym("ana", b"t")
    True
    >>> pseudonym("ana", b"s")[:7]
    'person-'
    """
    digest = hmac.new(salt, node_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return "person-" + digest[:10]


def hidden_people(G: nx.MultiDiGraph, audience: str) -> list[str]:
    """Ids of the people ``audience`` may not see, in graph order."""
    Consent(audience)  # refuse an unknown audience early
    return [
        n
        for n, d in G.nodes(data=True)
        if d.get("kind") == "person"
        and not visible_to(d.get("consent") or DEFAULT_CONSENT, audience)
    ]


def apply_audience(
    G: nx.MultiDiGraph,
    audience: str,
    *,
    mode: Literal["pseudonymise", "drop"] | str = "pseudonymise",
    salt: bytes | str | None = None,
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
        them as a placeholder: the id becomes ``person-`` + the first 10 hex digits of
        HMAC-SHA256(salt, id), and only ``kind`` and ``tripod_role`` remain (plus
        ``anonymous=True``); ties touching them keep only ``type``, ``strength``,
        ``stance`` and ``period``.
    salt : bytes or str, optional
        Key of the pseudonyms.  By default a fresh random salt per call, so the same
        person gets the same placeholder throughout one export, but two exports
        cannot be joined on it.

    Returns
    -------
    nx.MultiDiGraph
        The audience's graph.  A ``learned_from`` naming a hidden person is replaced
        by the pseudonym (or removed, when dropping).

    Raises
    ------
    ValueError
        An unknown audience or mode.

    Notes
    -----
    A person with no recorded consent counts as ``coalition``, the model's default.
    Organizations, assets, levers and the rest carry no personal consent and pass
    unchanged.  Privacy wins over detail: sectors, neighbourhood, power and every free
    attribute of a hidden person are removed, since any of them may identify someone
    in a small community.
    """
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; choose one of {', '.join(AUDIENCES)}")
    key = secrets.token_bytes(16) if salt is None else salt
    key = key.encode("utf-8") if isinstance(key, str) else key
    hidden = set(hidden_people(G, audience))
    renamed: dict[Any, Any] = {}
    if mode == "pseudonymise":
        renamed = {n: pseudonym(str(n), key) for n in hidden}
        clash = set(renamed.values()) & (set(G) - hidden)
        if clash or len(set(renamed.values())) != len(renamed):
            raise ValueError("a pseudonym collides with an id; export again (a new salt)")

    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for node, data in G.nodes(data=True):
        if node not in hidden:
            H.add_node(node, **_without_hidden_refs(data, hidden, renamed))
        elif mode == "pseudonymise":
            kept = {k: data[k] for k in KEPT_PERSON_FIELDS if data.get(k) is not None}
            H.add_node(renamed[node], **kept, anonymous=True)
    for source, target, tie_key, data in G.edges(keys=True, data=True):
        if source in hidden or target in hidden:
            if mode == "drop":
                continue
            data = {k: data[k] for k in KEPT_TIE_FIELDS if data.get(k) is not None}
        else:
            data = _without_hidden_refs(data, hidden, renamed)
        H.add_edge(renamed.get(source, source), renamed.get(target, target), key=tie_key, **data)
    return H


def _without_hidden_refs(
    data: dict[str, Any], hidden: set[Any], renamed: dict[Any, Any]
) -> dict[str, Any]:
    """``data`` with a ``learned_from`` naming a hidden person renamed or removed."""
    ref = data.get("learned_from")
    if ref is None or ref not in hidden:
        return dict(data)
    out = {k: v for k, v in data.items() if k != "learned_from"}
    if ref in renamed:
        out["learned_from"] = renamed[ref]
    return out
