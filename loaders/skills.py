"""The ``skills`` sheet: which skill domains each actor practises, which behaviors it shows.

A workbook (or a CSV folder, as ``skills.csv``) asks in plain words, one row per
person, organization or community:

======== ================================================================================
column   what it holds
======== ================================================================================
who      the id of the person, organization or community (as on its own sheet)
practises the skill domains it practises: ``Leading Together (LT)`` as the drop-down
         offers it, ``Leading Together``, ``LT``, or a skill id such as
         ``LT.collaboration``; several separated by ``;``
shows    the Community of Solutions Behaviors it shows: ``CSB 7: ...`` as the drop-down
         offers it, ``CSB 7``, ``CSB7`` or ``7``; several separated by ``;``
======== ================================================================================

Each entry becomes a tie the crosswalk analysis reads: ``PRACTISES`` from ``who`` to
the domain (or skill), ``EXHIBITS`` from ``who`` to the behavior
(:data:`cosgraph.vocabulary.SKILL_TIE_TYPES`).  :func:`skills_sheet_rows` writes such
ties back as rows, so a workbook export loads back to the same ties.

>>> from cosgraph.errors import SourceLocation
>>> where = SourceLocation("s.xlsx", 2, "skills")
>>> ties, problems = skill_ties(where, {"who": "ana", "practises": "Leading Together (LT); le",
...                                     "shows": "CSB 7: Stewards ...; 12"})
>>> [(t.type, t.source, t.target) for t, _ in ties], problems
([('PRACTISES', 'ana', 'LT'), ('PRACTISES', 'ana', 'LE'), ('EXHIBITS', 'ana', 'CSB7'), \
('EXHIBITS', 'ana', 'CSB12')], [])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from cosgraph.errors import SourceLocation
from cosgraph.model import SKILL_TIE_TYPES, Tie, canonical_term, id_as_text

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "SKILLS_COLUMNS",
    "WHO",
    "PRACTISES",
    "SHOWS",
    "domain_labels",
    "behavior_labels",
    "skill_ties",
    "unknown_columns",
    "skills_sheet_rows",
    "is_sheet_tie",
]

WHO, PRACTISES, SHOWS = "who", "practises", "shows"
#: The columns of the skills sheet, in the order the template gives them.
SKILLS_COLUMNS = [WHO, PRACTISES, SHOWS]
#: The tie type each list column writes.
_TIE_OF_COLUMN = dict(zip((PRACTISES, SHOWS), SKILL_TIE_TYPES, strict=True))

_TIE_ENDS = ("type", "source", "target")
#: ``CSB 7``, ``csb7``, ``7``, optionally followed by ``: its text`` (the drop-down label).
_BEHAVIOR = re.compile(r"^(?:CSB\s*)?(\d+)(?:\s*:.*)?$", flags=re.IGNORECASE | re.DOTALL)
_SHORT_BEHAVIOR = re.compile(r"^(?:CSB\s*)?(\d+)$", flags=re.IGNORECASE)


def domain_labels() -> list[str]:
    """The five skill domains as a drop-down offers them.

    >>> domain_labels()[0]
    'Leading from Within (LW)'
    """
    from cosgraph.framework import load_framework

    return [d.label for d in load_framework().domains]


def behavior_labels() -> list[str]:
    """The 28 behaviors as a drop-down offers them, by number.

    >>> len(behavior_labels()), behavior_labels()[13]
    (28, 'CSB 14: Co-design change with and around the person, place or population')
    """
    from cosgraph.framework import load_framework

    return [b.label for b in load_framework().behaviors]


@cache
def _practised_ids() -> dict[str, str]:
    """Every way to write a domain or a skill, folded -> its framework node id.

    Skill *names* are left out: Leading for Equity's skills are named after the
    other domains ("Leading Together"), so only their ids name them.
    """
    from cosgraph.framework import load_framework

    ids: dict[str, str] = {}
    for domain in load_framework().domains:
        for spelling in (domain.label, domain.name, domain.code):
            ids[canonical_term(spelling)] = domain.code
        for skill in domain.skills:
            ids[canonical_term(skill.id)] = skill.id
    return ids


@cache
def _behavior_ids() -> dict[str, str]:
    """Each behavior's text, folded -> its node id (``CSB7``)."""
    from cosgraph.framework import load_framework

    return {canonical_term(b.text): b.id for b in load_framework().behaviors}


def _entries(cell: Any, separators: str) -> list[str]:
    if cell is None:
        return []
    text = str(id_as_text(cell))
    return [part.strip() for part in re.split(f"[{separators}]", text) if part.strip()]


def _practised(entry: str) -> str | None:
    return _practised_ids().get(canonical_term(entry))


def _behaviors(entry: str) -> list[str] | None:
    """The behavior ids one ``;``-separated entry names, or None when it names none."""
    from cosgraph.framework import load_framework

    count = len(load_framework().behaviors)
    match = _BEHAVIOR.match(entry)
    parts = [match] if match else [_SHORT_BEHAVIOR.match(p.strip()) for p in entry.split(",")]
    if all(parts):
        numbers = [int(m.group(1)) for m in parts if m]
        if all(1 <= n <= count for n in numbers):
            return [f"CSB{n}" for n in numbers]
        return None
    by_text = _behavior_ids().get(canonical_term(entry))
    return [by_text] if by_text else None


def skill_ties(
    where: SourceLocation, values: Mapping[str, Any]
) -> tuple[list[tuple[Tie, SourceLocation]], list[SourceLocation]]:
    """The PRACTISES and EXHIBITS ties one row of the skills sheet holds, each with where
    it was written, and the problems of the row (a value quoted, the allowed ones named).

    A tie's location names the ``who`` field, so a problem with the actor (an unknown
    id, a lever) is reported on the column the room typed it in.
    """
    problems: list[SourceLocation] = []
    who = id_as_text(values.get(WHO))
    entries = {
        PRACTISES: _entries(values.get(PRACTISES), ";,\n|"),
        SHOWS: _entries(values.get(SHOWS), ";\n|"),
    }
    if not who:
        if any(entries.values()):
            problems.append(
                where.with_message(
                    WHO, "is required: the id of a person, organization or community"
                )
            )
        return [], problems
    targets: dict[str, list[str]] = {PRACTISES: [], SHOWS: []}
    for entry in entries[PRACTISES]:
        found = _practised(entry)
        if found is None:
            allowed = "; ".join(domain_labels())
            problems.append(
                where.with_message(
                    PRACTISES,
                    f"{entry!r} is not a skill domain: {allowed} "
                    "(or a skill id such as LT.collaboration)",
                )
            )
        else:
            targets[PRACTISES].append(found)
    for entry in entries[SHOWS]:
        found_behaviors = _behaviors(entry)
        if found_behaviors is None:
            problems.append(
                where.with_message(
                    SHOWS, f"{entry!r} is not one of the behaviors CSB 1 to CSB 28 (e.g. CSB 7)"
                )
            )
        else:
            targets[SHOWS].extend(found_behaviors)
    ties: list[tuple[Tie, SourceLocation]] = []
    for column, found_targets in targets.items():
        for target in dict.fromkeys(found_targets):  # one cell may name a domain twice
            tie = Tie(type=_TIE_OF_COLUMN[column], source=str(who), target=target)
            ties.append((tie, where.with_message(WHO, "")))
    return ties, problems


def unknown_columns(
    rows: Iterable[tuple[SourceLocation, Mapping[str, Any]]],
) -> list[SourceLocation]:
    """One problem per column the skills sheet does not have, at the first row using it.

    >>> where = SourceLocation("skills.csv", 2)
    >>> [p.message for p in unknown_columns([(where, {"who": "ana", "skill": "LT"})])]
    ['is not a column of the skills sheet (who, practises, shows)']
    """
    problems: dict[str, SourceLocation] = {}
    for where, values in rows:
        for column, value in values.items():
            if column in SKILLS_COLUMNS or column in problems or value in (None, ""):
                continue
            message = f"is not a column of the skills sheet ({', '.join(SKILLS_COLUMNS)})"
            problems[column] = where.with_message(column, message)
    return list(problems.values())


def is_sheet_tie(data: Mapping[str, Any]) -> bool:
    """True when a tie (its edge data, or a ties-sheet row) belongs on the skills sheet:
    a PRACTISES or EXHIBITS tie with nothing but its type and ends (one with properties
    stays on the ties sheet, whole).

    >>> is_sheet_tie({"type": "PRACTISES", "source": "ana", "target": "LT"})
    True
    >>> is_sheet_tie({"type": "EXHIBITS", "date": "2024-01-01"})
    False
    """
    return data.get("type") in SKILL_TIE_TYPES and all(
        key in _TIE_ENDS or value is None for key, value in data.items()
    )


def skills_sheet_rows(G: nx.MultiDiGraph) -> list[dict[str, str]]:
    """One skills-sheet row per actor with ties :func:`is_sheet_tie` takes, in node order.

    Domains are written as their drop-down label, skills by id, behaviors as their
    drop-down label, several joined by ``"; "``: :func:`skill_ties` reads them back to
    the same ties.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("ana", "LT", key="PRACTISES", type="PRACTISES")
    >>> _ = G.add_edge("ana", "CSB19", key="EXHIBITS", type="EXHIBITS")
    >>> skills_sheet_rows(G)
    [{'who': 'ana', 'practises': 'Leading Together (LT)', 'shows': 'CSB 19: Adapt outcomes \
and measures as they learn'}]
    """
    from cosgraph.framework import load_framework

    framework = load_framework()
    labels = {d.code: d.label for d in framework.domains}
    labels.update({b.id: b.label for b in framework.behaviors})
    # the framework's order: each domain, then its skills; behaviors by number
    order = [x for d in framework.domains for x in (d.code, *(s.id for s in d.skills))]
    rank = {x: i for i, x in enumerate([*order, *(b.id for b in framework.behaviors)])}
    rows: list[dict[str, str]] = []
    for node in G.nodes:
        found: dict[str, list[str]] = {PRACTISES: [], SHOWS: []}
        targets = sorted(
            ((t, d) for _, t, d in G.out_edges(node, data=True) if is_sheet_tie(d)),
            key=lambda item: (rank.get(item[0], len(rank)), str(item[0])),
        )
        for target, data in targets:
            column = PRACTISES if data["type"] == SKILL_TIE_TYPES[0] else SHOWS
            found[column].append(labels.get(target, str(target)))
        if any(found.values()):
            rows.append({WHO: str(node), **{c: "; ".join(v) for c, v in found.items()}})
    return rows
