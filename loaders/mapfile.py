"""Read a community map written as YAML or JSON, the same shape as ``CommunityMap``.

.. code-block:: yaml

    nodes:
      - {kind: person, id: ana, name: Ana, tripod_role: lived_experience}
      - {kind: organization, id: clinic, name: Clinic, sector: health_care}
    ties:
      - {type: MEMBER_OF, source: ana, target: clinic}

Fields of the kind fill the model; other keys become attributes.  Errors name the
file, the line of the entry and the field.  JSON is read by the same YAML parser, so
its errors carry line numbers too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.model import FRAMEWORK_KINDS, NODE_TYPES

from .rows import NODE_SHEETS, TIES_SHEET, Row, build_map

__all__ = ["read_map_file"]

_SHEET_OF_KIND = {model.kind: sheet for sheet, model in NODE_SHEETS.items()}


def read_map_file(path: str | Path) -> Any:
    """Parse a YAML/JSON map file into a checked :class:`~cosgraph.model.CommunityMap`."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnicodeDecodeError as exc:
        raise LoadError(
            [SourceLocation(file=name, message=f"is not UTF-8 text ({exc.reason})")]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise LoadError(
            [SourceLocation(file=name, line=line, message=f"bad YAML/JSON: {exc}")]
        ) from None
    if document is None or not isinstance(document, yaml.MappingNode):
        raise LoadError(
            [SourceLocation(file=name, line=1, message="must be a mapping with nodes and ties")]
        )
    top = {key.value: value for key, value in document.value}
    if "links" in top and "ties" not in top:  # node-link JSON, as `export --format json` writes
        top["ties"] = top.pop("links")
    unknown = set(top) - {"nodes", "ties"}
    if unknown:
        raise LoadError(
            [
                SourceLocation(
                    file=name,
                    line=1,
                    message=f"unknown top-level key(s): {', '.join(sorted(unknown))}",
                )
            ]
        )
    loader = yaml.SafeLoader("")
    tables: dict[str, list[Row]] = {}
    problems: list[SourceLocation] = []
    for section in ("nodes", "ties"):
        node = top.get(section)
        if node is None:
            continue
        if not isinstance(node, yaml.SequenceNode):
            problems.append(
                SourceLocation(
                    file=name,
                    line=node.start_mark.line + 1,
                    field=section,
                    message="must be a list",
                )
            )
            continue
        for entry in node.value:
            where = SourceLocation(file=name, line=entry.start_mark.line + 1)
            value = loader.construct_object(entry, deep=True)
            if not isinstance(value, dict):
                problems.append(where.with_message(section, "each entry must be a mapping"))
                continue
            if section == "ties":
                tables.setdefault(TIES_SHEET, []).append(Row(where, value))
                continue
            kind = value.pop("kind", None)
            if kind in FRAMEWORK_KINDS:
                continue  # every store holds the framework; ties to it still load
            if kind not in NODE_TYPES or kind not in _SHEET_OF_KIND:
                choices = ", ".join(_SHEET_OF_KIND)
                problems.append(where.with_message("kind", f"{kind!r} is not one of {choices}"))
                continue
            attributes = value.pop("attributes", None) or {}
            if not isinstance(attributes, dict):
                problems.append(where.with_message("attributes", "must be a mapping"))
                continue
            tables.setdefault(_SHEET_OF_KIND[kind], []).append(Row(where, {**attributes, **value}))
    if problems:
        raise LoadError(problems)
    return build_map(tables)
