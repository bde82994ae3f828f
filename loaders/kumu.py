"""Read Kumu maps: JSON (a blueprint, or Kumu's own JSON export) and Kumu's spreadsheet layout.

Sources: Kumu's documentation, "JSON / Blueprints" (docs.kumu.io/guides/import/
blueprints): a blueprint is ``{"elements": [...], "connections": [...]}``; an element
has ``label`` and optionally ``id``, ``type``, ``description``, ``tags`` (a list) and
any custom fields; a connection has ``from`` and ``to`` (an element's label, or its
id when one is given), ``type``, ``direction`` and custom fields.  Kumu's JSON export
nests the fields in ``attributes`` (``label``, ``element type``, ``connection type``,
``description``, ``tags``) and identifies elements by ``_id``; both shapes are read.
The spreadsheet layout (docs.kumu.io "Excel / CSV") is a workbook with an
``Elements`` sheet (``Label``, ``Type``, ``Description``, ``Tags``, optional ``ID``,
any other columns) and a ``Connections`` sheet (``From``, ``To``, ``Type`` or
``Connection Type``, ``Description``, ``Tags``, ``Direction``); several tags in a
cell are separated by ``|`` (Kumu's convention) or ``;``.

The mapping:

=======================  ===========================================================
Kumu                      cosgraph
=======================  ===========================================================
element Type              node kind: Person, Organization (or Organisation), Asset,
                          Lever, Community, Peer Team, Bright Spot; Skill Domain,
                          Skill and Behavior are the framework's and are not loaded
                          (ties to them are).  Any other type: a person with a
                          ``kumu_type`` attribute keeping the Kumu type.  No type: a
                          person.
Label                     ``name``
ID / id / _id             ``id``; without one, a stable slug of the label
                          (``"Ana Ruiz"`` -> ``ana-ruiz``; a repeated slug gets
                          ``-2``, ``-3`` in file order)
Description               ``description`` (a field of bright spots; an attribute of
                          the other kinds)
Tags                      a ``tags`` attribute, the tags joined by ``"; "``
other fields              fields of the kind when the name matches (``Tripod Role`` ->
                          ``tripod_role``), else attributes (names made plain:
                          ``Favorite Dessert`` -> ``favorite_dessert``); list values
                          joined by ``"; "``
connection Type           tie type, written either way (``member of`` ->
                          ``MEMBER_OF``); any other type: ``KNOWS`` with a
                          ``kumu_type`` attribute; no type: ``KNOWS``
From / To                 source / target, by element id, ``_id`` or label
Direction                 ``undirected``: an undirected tie; dropped when
                          ``directed``; kept as a ``direction`` attribute otherwise
                          (``mutual``)
=======================  ===========================================================

>>> import json, tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "map.json"
>>> _ = p.write_text(json.dumps({
...     "elements": [{"label": "Ana Ruiz", "type": "Person", "tags": ["youth", "garden"]},
...                  {"label": "Clinic", "type": "Organization"}],
...     "connections": [{"from": "Ana Ruiz", "to": "Clinic", "type": "member of"}]}))
>>> m = read_kumu_json(p)
>>> [(n.id, n.kind, n.name) for n in m.nodes]
[('ana-ruiz', 'person', 'Ana Ruiz'), ('clinic', 'organization', 'Clinic')]
>>> m.nodes[0].attributes, [(t.type, t.source, t.target) for t in m.ties]
({'tags': 'youth; garden'}, [('MEMBER_OF', 'ana-ruiz', 'clinic')])
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.model import FRAMEWORK_KINDS, CommunityMap, TieType
from cosgraph.model import SHEET_OF_KIND as _SHEET_OF_KIND

from .rows import TIES_SHEET, Row, map_from_rows, normalise_header
from .shape import TieShape
from .tables import read_sheets

__all__ = [
    "KUMU_TYPE_OF_KIND",
    "kind_of_kumu_type",
    "kumu_connection_type",
    "tie_type_of_kumu",
    "slug",
    "is_kumu_json",
    "read_kumu_json",
    "read_kumu_workbook",
]

#: cosgraph node kind -> the Kumu element type written on export.
KUMU_TYPE_OF_KIND = {
    "person": "Person",
    "organization": "Organization",
    "asset": "Asset",
    "lever": "Lever",
    "community": "Community",
    "peer_team": "Peer Team",
    "bright_spot": "Bright Spot",
    "domain": "Skill Domain",
    "skill": "Skill",
    "behavior": "Behavior",
}
_KIND_OF_TYPE = {normalise_header(t): k for k, t in KUMU_TYPE_OF_KIND.items()}
_KIND_OF_TYPE.update({"organisation": "organization", "people": "person", "domain": "domain"})
_ELEMENT_KEYS = {"label", "type", "element_type", "id", "_id", "tags"}
_CONNECTION_KEYS = {"from", "to", "type", "connection_type", "id", "_id", "tags", "direction"}


def kind_of_kumu_type(kumu_type: Any) -> str | None:
    """The node kind of a Kumu element type, or None when it names none.

    >>> kind_of_kumu_type("Peer Team"), kind_of_kumu_type("organisation"), kind_of_kumu_type("X")
    ('peer_team', 'organization', None)
    """
    if kumu_type is None:
        return None
    return _KIND_OF_TYPE.get(normalise_header(kumu_type).replace("-", "_"))


def kumu_connection_type(tie_type: str) -> str:
    """How a tie type is written in Kumu: ``MEMBER_OF`` -> ``member of``."""
    return tie_type.replace("_", " ").lower()


def tie_type_of_kumu(text: Any) -> str | None:
    """The tie type a Kumu connection type names, or None.

    >>> tie_type_of_kumu("member of"), tie_type_of_kumu("Partners-With"), tie_type_of_kumu("likes")
    ('MEMBER_OF', 'PARTNERS_WITH', None)
    """
    if text is None:
        return None
    name = re.sub(r"[\s\-]+", "_", str(text).strip()).upper()
    return name if name in TieType.__members__ else None


def slug(label: str) -> str:
    """A stable id from a label: lower case, runs of other characters as ``-``.

    >>> slug("  Ana Ruiz (Maywood) "), slug("Café Ñandú")
    ('ana-ruiz-maywood', 'café-ñandú')
    """
    text = re.sub(r"[^\w]+", "-", label.strip().lower()).strip("-_")
    return text[:200] or "element"


def _field_name(key: Any) -> str:
    """A Kumu field name as a plain attribute name: ``Favorite Dessert`` -> ``favorite_dessert``."""
    name = re.sub(r"\W+", "_", str(key).strip().lower()).strip("_")
    return name or "field"


def _tags(value: Any) -> str | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else re.split(r"[|;]", str(value))
    tags = [str(t).strip() for t in items if t is not None and str(t).strip()]
    return "; ".join(tags) or None


def _value(value: Any, where: SourceLocation, field: str, problems: list[SourceLocation]) -> Any:
    if isinstance(value, list):
        if any(isinstance(v, list | dict) for v in value):
            problems.append(where.with_message(field, "a list may hold only text and numbers"))
            return None
        return "; ".join(str(v) for v in value if v is not None)
    if isinstance(value, dict):
        problems.append(where.with_message(field, "must be text, a number or a list"))
        return None
    return value


def _not_scalar(row: Row, keys: Iterable[str], problems: list[SourceLocation]) -> bool:
    """Note every one of ``keys`` that holds a list or mapping; True when any does."""
    bad = [key for key in keys if isinstance(row.values.get(key), list | dict)]
    problems.extend(row.location.with_message(key, "must be text or a number") for key in bad)
    return bool(bad)


def _first(values: Mapping[str, Any], *keys: str) -> Any:
    for key in keys:
        value = values.get(key)
        if value is not None and str(value).strip():
            return value
    return None


def _build(
    elements: Iterable[Row],
    connections: Iterable[Row],
    problems: list[SourceLocation],
    shape: TieShape | None = None,
) -> CommunityMap:
    """Elements and connections (keys already normalised) -> a checked map."""
    tables: dict[str, list[Row]] = {}
    refs: dict[str, str] = {}
    labels: dict[str, list[str]] = {}
    used: set[str] = set()
    for row in elements:
        values = dict(row.values)
        if _not_scalar(row, ("label", "id", "_id", "type", "element_type"), problems):
            continue
        label = _first(values, "label")
        given = _first(values, "id")
        kumu_id = _first(values, "_id")
        if label is None and given is None:
            problems.append(row.location.with_message("label", "an element needs a label"))
            continue
        node_id = str(given) if given is not None else slug(str(label))
        if given is None:
            base, n = node_id, 1
            while node_id in used:
                n += 1
                node_id = f"{base}-{n}"
        used.add(node_id)
        refs[node_id] = node_id
        if kumu_id is not None:
            refs[str(kumu_id)] = node_id
        if label is not None:
            labels.setdefault(str(label).strip(), []).append(node_id)
        kumu_type = _first(values, "type", "element_type")
        kind = kind_of_kumu_type(kumu_type)
        if kind in FRAMEWORK_KINDS:
            continue  # every store holds the framework; ties to it still load
        cells: dict[str, Any] = {"id": node_id}
        if label is not None:
            cells["name"] = label
        if kind is None:
            kind = "person"
            if kumu_type is not None:
                cells["kumu_type"] = str(kumu_type).strip()
        tags = _tags(values.get("tags"))
        if tags:
            cells["tags"] = tags
        for key, value in values.items():
            if key in _ELEMENT_KEYS or key == "name" and label is not None:
                continue
            cells[key] = _value(value, row.location, key, problems)
        literal = {"name" if k == "label" else k for k in row.literal}
        tables.setdefault(_SHEET_OF_KIND[kind], []).append(
            Row(row.location, cells, frozenset(literal & cells.keys()))
        )
    for label, ids in labels.items():
        if len(ids) == 1:
            refs.setdefault(label, ids[0])
    for row in connections:
        values = dict(row.values)
        if _not_scalar(row, ("from", "to", "type", "connection_type", "direction"), problems):
            continue
        cells = {}
        for end in ("from", "to"):
            ref = _first(values, end)
            if ref is None:
                problems.append(row.location.with_message(end, "is required"))
                continue
            ref = str(ref)
            if ref not in refs and ref.strip() in labels:
                ref = ref.strip()  # a label, not an id: names are trimmed
            if ref not in refs and len(labels.get(ref, [])) > 1:
                problems.append(
                    row.location.with_message(end, f"label {ref!r} names several elements; use ids")
                )
            cells["source" if end == "from" else "target"] = refs.get(ref, ref)
        kumu_type = _first(values, "type", "connection_type")
        tie_type = tie_type_of_kumu(kumu_type)
        cells["type"] = tie_type or "KNOWS"
        if tie_type is None and kumu_type is not None:
            cells["kumu_type"] = str(kumu_type).strip()
        tags = _tags(values.get("tags"))
        if tags:
            cells["tags"] = tags
        direction = _first(values, "direction")
        direction = None if direction is None else str(direction).strip().lower()
        if direction == "undirected":
            cells["undirected"] = True  # Kumu's own word for a tie both ways
        elif direction is not None and direction != "directed":
            cells["direction"] = direction
        for key, value in values.items():
            if key not in _CONNECTION_KEYS:
                cells[key] = _value(value, row.location, key, problems)
        tables.setdefault(TIES_SHEET, []).append(
            Row(row.location, cells, frozenset(row.literal & cells.keys()))
        )
    if problems:
        raise LoadError(problems)
    return map_from_rows(tables, shape=shape)


# -- JSON ---------------------------------------------------------------------------------


def is_kumu_json(path: str | Path) -> bool:
    """True when ``path`` holds a JSON object with ``elements`` (a Kumu map)."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(document, dict) and "elements" in document


def _flat_entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A blueprint entry, or an export entry with its fields nested in ``attributes``."""
    nested = entry.get("attributes")
    flat = {k: v for k, v in entry.items() if k != "attributes"}
    if isinstance(nested, dict):
        flat = {**nested, **flat}
    return {_json_key(k): v for k, v in flat.items()}


def _json_key(key: str) -> str:
    if key == "_id":
        return key
    name = normalise_header(key)
    return name if name in _ELEMENT_KEYS | _CONNECTION_KEYS else _field_name(key)


def read_kumu_json(path: str | Path, shape: TieShape | None = None) -> CommunityMap:
    """A Kumu JSON map (blueprint or Kumu's export) as a checked community map.

    Problems name the file, the list (``elements`` or ``connections``) and the
    entry's position in it, counting from 1.
    """
    path = Path(path)
    name = str(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise LoadError(
            [SourceLocation(file=name, message=f"is not UTF-8 text ({exc.reason})")]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise LoadError([SourceLocation(file=name, message=f"bad JSON: {exc}")]) from None
    if not isinstance(document, dict):
        raise LoadError([SourceLocation(file=name, message="must be a JSON object")])
    problems: list[SourceLocation] = []
    lists: dict[str, list[Row]] = {"elements": [], "connections": []}
    for section in lists:
        entries = document.get(section)
        if entries is None:
            continue
        if not isinstance(entries, list):
            problems.append(SourceLocation(file=name, field=section, message="must be a list"))
            continue
        for index, entry in enumerate(entries, start=1):
            where = SourceLocation(file=name, sheet=section, line=index)
            if not isinstance(entry, dict):
                problems.append(where.with_message(None, "each entry must be an object"))
                continue
            lists[section].append(Row.typed(where, _flat_entry(entry)))
    return _build(lists["elements"], lists["connections"], problems, shape)


# -- spreadsheet ----------------------------------------------------------------------------


def read_kumu_workbook(path: str | Path, shape: TieShape | None = None) -> CommunityMap:
    """A workbook in Kumu's import layout (``Elements`` and ``Connections`` sheets)."""
    sheets = read_sheets(path, lambda n: normalise_header(n) in ("elements", "connections"))
    by_name = {normalise_header(k): v for k, v in sheets.items()}
    if "elements" not in by_name:
        raise LoadError([SourceLocation(file=str(path), message="has no Elements sheet")])

    def plain(rows: list[Row]) -> list[Row]:
        out = []
        for row in rows:
            names = {
                key: key if key in _ELEMENT_KEYS | _CONNECTION_KEYS else _field_name(key)
                for key in row.values
            }
            values = {names[key]: value for key, value in row.values.items()}
            out.append(Row(row.location, values, frozenset(names[k] for k in row.literal)))
        return out

    connections = plain(by_name.get("connections", []))
    return _build(plain(by_name["elements"]), connections, [], shape)
