"""Named, parameterised Cypher queries shipped in ``queries/`` (package ``cosgraph.queries``).

A query lives in ``NAME.cypher``; where a dialect needs other text,
``NAME.<dialect>.cypher`` overrides it (dialects: ``ladybug``, ``neo4j``, and
``unstamped`` for an embedded store made before its ``Stamp`` table, read as it is:
:mod:`cosgraph.store.stamps`).  The first
comment lines document it: ``// what it returns`` and ``// params: name, ...``.

>>> q = get_query("stats_by_kind")
>>> q.name, q.params
('stats_by_kind', ())
>>> "label(n)" in q.text("ladybug"), "labels(n)" in q.text("neo4j")
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from cosgraph.errors import QueryNotFound, StoreError

__all__ = ["NamedQuery", "get_query", "list_queries", "DIALECTS"]

DIALECTS = ("ladybug", "neo4j", "unstamped")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[str, ...]
    texts: dict[str, str]

    def text(self, dialect: str) -> str:
        """The query text for a dialect (its override, or the shared text)."""
        return self.texts.get(dialect, self.texts[""])

    @property
    def ordered(self) -> bool:
        """True when every text of the query says its order (``ORDER BY``)."""
        return all(_ORDER_BY.search(text) for text in self.texts.values())

    def in_order(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``rows`` in the query's own order, or, for a query that sets none, sorted by
        their values: the store's order can change from run to run (parallel scans),
        and can depend on ids an output must not reveal.

        >>> get_query("ties_touching").in_order([{"source": "b"}, {"source": "a"}])
        [{'source': 'a'}, {'source': 'b'}]
        """
        if self.ordered:
            return rows
        return sorted(rows, key=lambda row: [(v is None, str(v)) for v in row.values()])

    def check_params(self, params: Mapping[str, Any]) -> None:
        """Raise :class:`StoreError` unless ``params`` are exactly the ones it takes.

        >>> get_query("lever_decision_makers").check_params({"lever": "x", "name": "y"})
        Traceback (most recent call last):
        cosgraph.errors.StoreError: query 'lever_decision_makers' takes no parameter 'name' ...
        """
        unknown = [p for p in params if p not in self.params]
        if unknown:
            names = ", ".join(repr(p) for p in unknown)
            takes = ", ".join(self.params) or "no parameters"
            raise StoreError(f"query {self.name!r} takes no parameter {names} (it takes: {takes})")
        missing = [p for p in self.params if p not in params]
        if missing:
            raise StoreError(f"query {self.name!r} needs parameter(s): {', '.join(missing)}")


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def _parse_header(text: str) -> tuple[str, tuple[str, ...]]:
    description: list[str] = []
    params: tuple[str, ...] = ()
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if body.lower().startswith("params:"):
            params = tuple(p.strip() for p in body[7:].split(",") if p.strip())
        elif body:
            description.append(body)
    return " ".join(description), params


@cache
def _all_queries() -> dict[str, NamedQuery]:
    texts: dict[str, dict[str, str]] = {}
    for entry in resources.files("cosgraph.queries").iterdir():
        if not entry.name.endswith(".cypher"):
            continue
        stem = entry.name[: -len(".cypher")]
        name, _, dialect = stem.partition(".")
        texts.setdefault(name, {})[dialect] = entry.read_text(encoding="utf-8")
    queries: dict[str, NamedQuery] = {}
    for name, by_dialect in texts.items():
        if "" not in by_dialect:
            raise QueryNotFound(f"query {name!r} has dialect overrides but no {name}.cypher")
        description, params = _parse_header(by_dialect[""])
        queries[name] = NamedQuery(name, description, params, by_dialect)
    return queries


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return sorted(_all_queries().values(), key=lambda q: q.name)


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; :class:`QueryNotFound` lists the choices otherwise."""
    queries = _all_queries()
    if not _NAME.match(name) or name not in queries:
        choices = ", ".join(sorted(queries))
        raise QueryNotFound(f"no named query {name!r}; choose one of: {choices}")
    return queries[name]
