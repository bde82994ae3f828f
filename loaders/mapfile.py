"""Read a community map written as YAML or JSON, the same shape as ``CommunityMap``.

.. code-block:: yaml

    nodes:
      - {kind: person, id: ana, name: Ana, tripod_role: lived_experience}
      - {kind: organization, id: clinic, name: Clinic, sector: health_care}
    ties:
      - {type: MEMBER_OF, source: ana, target: clinic}

Fields of the kind fill the model; other keys become attributes, typed as the parser
typed them (a quoted ``"12"`` stays text; text is never read as a formula).  Errors
name the file, the line of the entry and the field.

- ``.json`` is read by Python's JSON parser, so whatever ``json.dump`` writes loads
  (tabs, escaped surrogate pairs, ``NaN``).
- YAML is read with the YAML 1.2 core schema, not PyYAML's YAML 1.1: only
  ``true``/``false`` (any case form), ``null``/``~``/blank, decimal numbers and
  ``.inf``/``.nan`` are typed; ``yes``, ``on``, ``0x1F``, ``0o17``, ``12:30`` and
  ``2024-05-01`` stay text.  Unlike YAML 1.2, a whole number written with a
  leading zero (``010``) stays text too, so codes keep their zeros.  Tags (``!!python/...``)
  are refused.
- A field the model holds as text (``id``, ``name``, ``source``, ``target``, ``role``,
  ``date``, ...) keeps its value exactly as written, in both formats: ``id: 1.50``
  is the id ``"1.50"``, never rewritten.
- Lists and mappings may nest at most :data:`MAX_DEPTH` levels.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "m.yaml"
>>> _ = p.write_text("nodes:\\n  - {kind: person, id: 010, name: 12:30, zip: 0x1F, age: 31}\\n")
>>> n = read_map_file(p).nodes[0]
>>> n.id, n.name, n.attributes
('010', '12:30', {'zip': '0x1F', 'age': 31})
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
import typing
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.model import FRAMEWORK_KINDS, NODE_TYPES, Tie
from cosgraph.model import SHEET_OF_KIND as _SHEET_OF_KIND

from .rows import TIES_SHEET, Row, map_from_rows
from .shape import TieShape

__all__ = ["read_map_file", "MAX_DEPTH"]

#: How deep lists and mappings may nest; a map needs about five levels.
MAX_DEPTH = 50

#: (line, values, text as written of each scalar value) of one ``nodes``/``ties`` entry.
_Entry = tuple[int, Any, dict[str, str]]


@cache
def _text_fields(model: type[Any]) -> frozenset[str]:
    """The fields ``model`` holds as text (``str`` or ``str | None``)."""
    return frozenset(
        name
        for name, info in model.model_fields.items()
        if info.annotation is str or set(typing.get_args(info.annotation)) == {str, type(None)}
    )


_TIE_TEXT = _text_fields(Tie)


def read_map_file(path: str | Path, shape: TieShape | None = None) -> Any:
    """Parse a YAML/JSON map file into a checked :class:`~cosgraph.model.CommunityMap`.

    ``shape`` says what the ties are (:mod:`cosgraph.loaders.shape`)."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            [SourceLocation(file=name, message=f"is not UTF-8 text ({exc.reason})")]
        ) from None
    try:
        if path.suffix.lower() == ".json":
            sections = _json_sections(text, name)
        else:
            sections = _yaml_sections(text, name)
    except RecursionError:
        raise LoadError([_too_deep(name, None)]) from None
    return _build(sections, name, shape)


def _not_a_map(name: str) -> SourceLocation:
    return SourceLocation(file=name, line=1, message="must be a mapping with nodes and ties")


def _too_deep(name: str, line: int | None) -> SourceLocation:
    return SourceLocation(
        file=name, line=line, message=f"lists and mappings nest more than {MAX_DEPTH} deep"
    )


def _top(document: Any, name: str) -> None:
    if not isinstance(document, dict):
        raise LoadError([_not_a_map(name)])
    if "links" in document and "ties" not in document:  # node-link, as `export --format json`
        document["ties"] = document.pop("links")
    unknown = set(document) - {"nodes", "ties", "generator"}  # cosgraph.overwrite.stamp_json
    if unknown:
        listed = ", ".join(sorted(str(k) for k in unknown))
        raise LoadError(
            [SourceLocation(file=name, line=1, message=f"unknown top-level key(s): {listed}")]
        )


def _section_lists(
    top: dict[Any, Any],
    name: str,
    is_list: Callable[[Any], bool],
    line_of: Callable[[Any], int],
) -> dict[str, Any]:
    """The ``nodes`` and ``ties`` lists of a parsed file; one that is not a list is a problem."""
    found: dict[str, Any] = {}
    problems: list[SourceLocation] = []
    for section in ("nodes", "ties"):
        value = top.get(section)
        if value is None:
            continue
        if is_list(value):
            found[section] = value
        else:
            problems.append(
                SourceLocation(name, line_of(value), field=section, message="must be a list")
            )
    if problems:
        raise LoadError(problems)
    return found


def _build(sections: dict[str, list[_Entry]], name: str, shape: TieShape | None) -> Any:
    """The entries of ``nodes`` and ``ties`` -> rows -> a checked map."""
    tables: dict[str, list[Row]] = {}
    problems: list[SourceLocation] = []
    for section, entries in sections.items():
        for line, value, written in entries:
            where = SourceLocation(file=name, line=line)
            if not isinstance(value, dict):
                problems.append(where.with_message(section, "each entry must be a mapping"))
                continue
            value = dict(value)  # YAML aliases may share one mapping between entries
            if section == "ties":
                value.update({k: v for k, v in written.items() if k in _TIE_TEXT})
                tables.setdefault(TIES_SHEET, []).append(Row.typed(where, value))
                continue
            kind = value.pop("kind", None)
            if kind in FRAMEWORK_KINDS:
                continue  # every store holds the framework; ties to it still load
            if not isinstance(kind, str) or kind not in NODE_TYPES or kind not in _SHEET_OF_KIND:
                choices = ", ".join(_SHEET_OF_KIND)
                problems.append(where.with_message("kind", f"{kind!r} is not one of {choices}"))
                continue
            text = _text_fields(NODE_TYPES[kind])
            value.update({k: v for k, v in written.items() if k in text})
            attributes = value.pop("attributes", None) or {}
            if not isinstance(attributes, dict):
                problems.append(where.with_message("attributes", "must be a mapping"))
                continue
            tables.setdefault(_SHEET_OF_KIND[kind], []).append(
                Row.typed(where, {**attributes, **value})
            )
    if problems:
        raise LoadError(problems)
    return map_from_rows(tables, shape=shape)


# -- YAML ---------------------------------------------------------------------------------


class _Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's plain scalars, and a depth limit."""

    yaml_implicit_resolvers: dict[Any, Any] = {}
    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_CORE_SCALARS = [
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _pattern, _first in _CORE_SCALARS:
    _Yaml12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )


class _TooDeep(Exception):
    def __init__(self, line: int | None):
        self.line = line


def _yaml_sections(text: str, name: str) -> dict[str, list[_Entry]]:
    try:
        document = yaml.compose(text, Loader=_Yaml12Loader)
    except _TooDeep as exc:
        raise LoadError([_too_deep(name, exc.line)]) from None
    except yaml.YAMLError as exc:
        raise LoadError([_yaml_problem(exc, name)]) from None
    if not isinstance(document, yaml.MappingNode):
        raise LoadError([_not_a_map(name)])
    top = {key.value: value for key, value in document.value}
    _top(top, name)
    loader = _Yaml12Loader("")
    sections: dict[str, list[_Entry]] = {}
    problems: list[SourceLocation] = []
    lists = _section_lists(
        top, name, lambda n: isinstance(n, yaml.SequenceNode), lambda n: n.start_mark.line + 1
    )
    for section, node in lists.items():
        entries = sections.setdefault(section, [])
        for entry in node.value:
            try:
                value = loader.construct_object(entry, deep=True)
            except yaml.YAMLError as exc:
                problems.append(_yaml_problem(exc, name))
                continue
            written: dict[str, str] = {}
            if isinstance(entry, yaml.MappingNode):
                for key_node, value_node in entry.value:
                    plain = isinstance(value_node, yaml.ScalarNode)
                    if plain and value_node.tag != "tag:yaml.org,2002:null":
                        written[str(key_node.value)] = value_node.value
            entries.append((entry.start_mark.line + 1, value, written))
    if problems:
        raise LoadError(problems)
    return sections


def _yaml_problem(exc: yaml.YAMLError, name: str) -> SourceLocation:
    """One line for a YAML error: what is wrong, and the line it is on."""
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    problem = problem.replace("tag:yaml.org,2002:", "!!")
    if "constructor" in problem:
        problem = f"{problem} (YAML tags are not allowed; write plain values)"
    return SourceLocation(file=name, line=line, message=f"bad YAML: {problem}")


# -- JSON ---------------------------------------------------------------------------------


# Python's own pure-Python JSON parts (not in typeshed): the scanner that calls back
# into the decoder's parse_object/parse_array, so lines and depth can be noted.
_py_make_scanner: Any = getattr(json.scanner, "py_make_scanner")  # noqa: B009
_json_object: Any = getattr(json.decoder, "JSONObject")  # noqa: B009
_json_array: Any = getattr(json.decoder, "JSONArray")  # noqa: B009


class _NumberText(str):
    """A JSON number as written, until its field says whether it is text or a number."""


class _LinedDict(dict[str, Any]):
    line = 1


class _LinedList(list[Any]):
    line = 1


class _LinedDecoder(json.JSONDecoder):
    """Python's JSON decoder (its pure-Python scanner), noting the line every object and
    array starts on, keeping numbers as written, and refusing to nest past MAX_DEPTH."""

    def __init__(self, text: str):
        super().__init__(parse_int=_NumberText, parse_float=_NumberText)
        self._newlines = [i for i, c in enumerate(text) if c == "\n"]
        self._depth = 0
        self.parse_object = self._object
        self.parse_array = self._array
        self.scan_once = _py_make_scanner(self)

    def _line(self, index: int) -> int:
        return bisect.bisect_left(self._newlines, index) + 1

    def _enter(self, index: int) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeep(self._line(index))

    def _object(self, s_and_end: tuple[str, int], *args: Any) -> tuple[Any, int]:
        self._enter(s_and_end[1])
        try:
            value, end = _json_object(s_and_end, *args)
        finally:
            self._depth -= 1
        lined = _LinedDict(value)
        lined.line = self._line(s_and_end[1] - 1)
        return lined, end

    def _array(self, s_and_end: tuple[str, int], scan_once: Any) -> tuple[Any, int]:
        self._enter(s_and_end[1])
        try:
            value, end = _json_array(s_and_end, scan_once)
        finally:
            self._depth -= 1
        lined = _LinedList(value)
        lined.line = self._line(s_and_end[1] - 1)
        return lined, end


def _numbers(value: Any) -> Any:
    """``value`` with every number as written turned into an int or a float."""
    if isinstance(value, _NumberText):
        text = str(value)
        return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return value


def _json_text(value: Any) -> str | None:
    """A JSON scalar's text as written (``true``, ``1.50``, the string), None for others."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):  # _NumberText included
        return str(value)
    return None


def _json_sections(text: str, name: str) -> dict[str, list[_Entry]]:
    try:
        document = _LinedDecoder(text).decode(text)
    except _TooDeep as exc:
        raise LoadError([_too_deep(name, exc.line)]) from None
    except json.JSONDecodeError as exc:
        raise LoadError(
            [
                SourceLocation(
                    file=name, line=exc.lineno, message=f"bad JSON: {exc.msg} (column {exc.colno})"
                )
            ]
        ) from None
    _top(document, name)
    sections: dict[str, list[_Entry]] = {}
    lists = _section_lists(
        document, name, lambda v: isinstance(v, list), lambda v: getattr(v, "line", 1)
    )
    for section, entries in lists.items():
        found = sections.setdefault(section, [])
        for entry in entries:
            line = getattr(entry, "line", getattr(entries, "line", 1))
            written: dict[str, str] = {}
            if isinstance(entry, dict):
                for key, value in entry.items():
                    as_written = _json_text(value)
                    if as_written is not None:
                        written[key] = as_written
            found.append((line, _numbers(entry), written))
    return sections
