"""Exports of a community map for Kumu, Gephi, Python and a reload: one audience each.

Every export starts from a projected map (an ``nx.MultiDiGraph``, views.py
convention), passes it through :func:`cosgraph.consent.apply_audience` for the
audience it is meant for, keeps the user's part of the map (the framework's own
domains, skills and behaviors appear only where a tie of the map reaches them), and
writes one of:

=========  ==================================================================
format     what is written
=========  ==================================================================
kumu       a Kumu blueprint (JSON ``{"elements": [...], "connections": [...]}``)
graphml    GraphML via networkx (lists flattened to ``"a; b"`` text)
gexf       GEXF 1.2 via networkx, for Gephi (tie type as the edge label)
json       node-link JSON: ``{"nodes": [{"id", "kind", "name", "consent", ...}],
           "links": [{"source", "target", "type", ...}]}``
csv        a folder in the layout ``cosgraph load`` reads, so an export reloads
           (cells guarded against formula injection, :mod:`cosgraph.cells`)
=========  ==================================================================

Provenance (``provenance``, ``loaded_at``) is store bookkeeping and never exported.

>>> import json, tempfile, pathlib, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("ana", kind="person", name="Ana", consent="public", sectors=["faith"])
>>> G.add_node("clinic", kind="organization", name="Clinic")
>>> _ = G.add_edge("ana", "clinic", key="MEMBER_OF", type="MEMBER_OF", role="chair")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "map.json"
>>> _ = export_map(G, "json", out)
>>> doc = json.loads(out.read_text())
>>> doc["nodes"][0]["sectors"], doc["links"][0]["type"]
(['faith'], 'MEMBER_OF')
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from cosgraph.cells import cell_text, spreadsheet_cell
from cosgraph.consent import apply_audience
from cosgraph.errors import CosgraphError
from cosgraph.formats import format_named, writable
from cosgraph.loaders.kumu import KUMU_TYPE_OF_KIND, kumu_connection_type
from cosgraph.model import FRAMEWORK_KINDS, NODE_SHEETS, NODE_TYPES, TIES_SHEET, Tie
from cosgraph.model import FRAMEWORK_TIE_TYPES as _FRAMEWORK_TIES
from cosgraph.model import SHEET_OF_KIND as _SHEET_OF_KIND
from cosgraph.overwrite import (
    GEXF_STAMP,
    GRAPHML_STAMP,
    check_output,
    load_sources,
    stamp_csv_folder,
    stamp_json,
)
from cosgraph.store.schema import PROVENANCE_COLUMNS, label_of

__all__ = [
    "ExportError",
    "export_map",
    "user_graph",
    "headed_graph",
    "kumu_blueprint",
    "node_link",
    "write_kumu",
    "write_graphml",
    "edge_ids",
    "write_gexf",
    "write_node_link",
    "write_csv_folder",
    "sheet_tables",
]


def __getattr__(name: str) -> Any:
    if name == "EXPORT_FORMATS":  # the registry's writable formats; it names our writers
        return tuple(f.name for f in writable())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ExportError(CosgraphError):
    """An export cannot be written as asked (unknown format, unwritable place)."""


def user_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A new graph of the user's map: no framework-internal ties, no provenance.

    Framework nodes (domains, skills, behaviors) stay only where a user's tie
    (``PRACTISES``, ``EXHIBITS``) reaches them.
    """
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    reached: set[Any] = set()
    edges = []
    for u, v, key, data in G.edges(keys=True, data=True):
        if key in _FRAMEWORK_TIES:
            continue
        edges.append((u, v, key, _plain(data)))
        reached.update((u, v))
    for node, data in G.nodes(data=True):
        if data.get("kind") in FRAMEWORK_KINDS and node not in reached:
            continue
        H.add_node(node, **_plain(data))
    for u, v, key, data in edges:
        if u in H and v in H:
            H.add_edge(u, v, key=key, **data)
    return H


def headed_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A new graph whose attributes are named by their labels: the headers they were
    read from (``G.graph["column_labels"]``, :mod:`cosgraph.loaders.headers`).

    Every export writes it, so a file loaded and exported has its own headers again.

    >>> G = nx.MultiDiGraph(column_labels={"Person": {"grade_1": "Grade.1"}})
    >>> G.add_node("ana", kind="person", grade_1=3)
    >>> H = headed_graph(G)
    >>> H.nodes["ana"], H.graph
    ({'kind': 'person', 'Grade.1': 3}, {})
    """
    labels: dict[str, dict[str, str]] = G.graph.get("column_labels") or {}
    H = nx.MultiDiGraph()
    H.graph.update({k: v for k, v in G.graph.items() if k != "column_labels"})
    for node, data in G.nodes(data=True):
        of_kind = labels.get(label_of(data["kind"]), {}) if data.get("kind") in NODE_TYPES else {}
        H.add_node(node, **{of_kind.get(k, k): v for k, v in data.items()})
    for u, v, key, data in G.edges(keys=True, data=True):
        of_type = labels.get(str(data.get("type", key)), {})
        H.add_edge(u, v, key=key, **{of_type.get(k, k): value for k, value in data.items()})
    return H


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in PROVENANCE_COLUMNS and v is not None}


def export_map(
    G: nx.MultiDiGraph,
    fmt: str,
    path: str | Path,
    *,
    audience: str = "public",
    mode: str = "pseudonymise",
    salt: bytes | str | None = None,
    force: bool = False,
    store: str | Path | None = None,
) -> Path:
    """Write what ``audience`` may see of ``G`` to ``path`` in format ``fmt``.

    Parameters
    ----------
    G : nx.MultiDiGraph
        A projected map (e.g. ``store.project()``); it is not changed.
    fmt : str
        A format :func:`cosgraph.formats.writable` lists; ``csv`` writes a folder at ``path``.
    audience, mode, salt
        Passed to :func:`cosgraph.consent.apply_audience`.
    force : bool
        Write over anything (see :func:`cosgraph.overwrite.check_output`).
    store : str or Path, optional
        The store ``G`` came from, never written over.

    Returns
    -------
    Path
        Where the export was written.

    Raises
    ------
    ExportError
        An unknown format or audience, or a place that cannot be written.
    OverwriteError
        ``path`` is the store, a load source of ``G`` or a file cosgraph did not write.
    """
    check_output(path, force=force, store=store, sources=load_sources(G))
    chosen = format_named(fmt, writable())
    if chosen is None or chosen.write is None:
        names = ", ".join(f.name for f in writable())
        raise ExportError(f"unknown export format {fmt!r}; choose one of {names}")
    try:
        visible = apply_audience(user_graph(G), audience, mode=mode, salt=salt)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    visible = headed_graph(visible)
    target = Path(path)
    try:
        chosen.write(visible, target)
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


# -- values -------------------------------------------------------------------------


def _text(value: Any) -> Any:
    """A list or mapping as one cell of text; scalars unchanged."""
    return cell_text(value) if isinstance(value, dict | list | tuple) else value


# -- Kumu and node-link JSON ----------------------------------------------------------


def kumu_blueprint(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """A Kumu blueprint: elements keyed by ``id`` and labelled by name, connections by ids.

    Field names are written with spaces (``tripod role``), which Kumu shows as typed
    and :mod:`cosgraph.loaders.kumu` reads back; ``tags`` (``"a; b"``) becomes a list.
    """
    elements = []
    for node, data in G.nodes(data=True):
        kind = data.get("kind", "person")
        element: dict[str, Any] = {
            "id": str(node),
            "label": str(data.get("name") or node),
            "type": KUMU_TYPE_OF_KIND.get(kind, kind),
        }
        for key, value in data.items():
            if key in ("kind", "name"):
                continue
            if key == "tags" and isinstance(value, str):
                element["tags"] = [t.strip() for t in value.split(";") if t.strip()]
            elif key == "needs":
                element["needs"] = _text(value)
            else:
                element[key.replace("_", " ")] = list(value) if isinstance(value, tuple) else value
        elements.append(element)
    connections = []
    for u, v, key, data in G.edges(keys=True, data=True):
        connection: dict[str, Any] = {
            "from": str(u),
            "to": str(v),
            "type": kumu_connection_type(str(data.get("type", key))),
            "direction": "undirected" if data.get("undirected") is True else "directed",
        }
        for name, value in data.items():
            if name in ("type", "undirected"):
                continue
            if name == "tags" and isinstance(value, str):
                connection["tags"] = [t.strip() for t in value.split(";") if t.strip()]
            else:
                connection[name.replace("_", " ")] = value
        connections.append(connection)
    return {"elements": elements, "connections": connections}


def write_kumu(G: nx.MultiDiGraph, path: Path) -> None:
    """Write :func:`kumu_blueprint` of ``G`` as JSON (import it into Kumu as a blueprint)."""
    document = stamp_json(kumu_blueprint(G))
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), "utf-8")


def node_link(G: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """``{"nodes": [...], "links": [...]}`` with ``id, kind, name, consent`` first."""
    nodes = []
    for node, data in G.nodes(data=True):
        entry = {
            "id": node,
            "kind": data.get("kind"),
            "name": data.get("name"),
            "consent": data.get("consent"),
        }
        entry.update({k: v for k, v in data.items() if k not in entry})
        nodes.append(entry)
    links = []
    for u, v, key, data in G.edges(keys=True, data=True):
        link = {"source": u, "target": v, "type": data.get("type", key)}
        link.update({k: v for k, v in data.items() if k not in link})
        links.append(link)
    return {"nodes": nodes, "links": links}


def write_node_link(G: nx.MultiDiGraph, path: Path) -> None:
    """Write :func:`node_link` of ``G`` as JSON."""
    document = stamp_json(node_link(G))
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), "utf-8")


# -- GraphML and GEXF -----------------------------------------------------------------


def _flat(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lists and mappings as text; a name whose values mix types becomes text throughout."""
    rows = [{k: _text(v) for k, v in data.items() if v is not None} for data in items]
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            kinds.setdefault(key, set()).add(type(value))
    mixed = {k for k, seen in kinds.items() if len(seen) > 1 and seen != {int, float}}
    widened = {k for k, seen in kinds.items() if seen == {int, float}}
    for row in rows:
        for key in mixed & set(row):
            row[key] = cell_text(row[key])
        for key in widened & set(row):
            row[key] = float(row[key])
    return rows


def edge_ids(G: nx.MultiDiGraph) -> list[str]:
    """One unique id per edge of ``G``, in edge order: ``source|TYPE|target``.

    Made from the ids ``G`` holds, so on an audience's graph
    (:func:`cosgraph.consent.apply_audience`) a hidden person appears only under their
    placeholder.  The same graph always gets the same ids; should two edges still meet
    on one id (ids holding ``|``), the later ones get ``#2``, ``#3``, ...

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="KNOWS"); _ = G.add_edge("a", "b", key="TRUSTS")
    >>> edge_ids(G)
    ['a|KNOWS|b', 'a|TRUSTS|b']
    """
    ids: list[str] = []
    taken: set[str] = set()
    for u, v, key, data in G.edges(keys=True, data=True):
        base = f"{u}|{data.get('type', key)}|{v}"
        edge_id, count = base, 1
        while edge_id in taken:
            count += 1
            edge_id = f"{base}#{count}"
        taken.add(edge_id)
        ids.append(edge_id)
    return ids


def _xml_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph | nx.MultiGraph:
    """``G`` with flat values, each edge keyed by its :func:`edge_ids` id (the GraphML
    edge id) and holding its tie ``type``.

    When every tie is undirected the graph is undirected (GraphML writes
    ``edgedefault="undirected"``, GEXF ``defaultedgetype="undirected"``) and the edges
    drop their ``undirected`` flag; otherwise the flag stays on the ties that have it.
    """
    nodes = list(G.nodes)
    node_rows = _flat(G.nodes[n] for n in nodes)
    edges = list(G.edges(keys=True))
    edge_rows = _flat(G.edges[e] for e in edges)
    undirected = bool(edges) and all(row.get("undirected") is True for row in edge_rows)
    H: nx.MultiDiGraph | nx.MultiGraph = nx.MultiGraph() if undirected else nx.MultiDiGraph()
    if undirected:
        edge_rows = [{k: v for k, v in row.items() if k != "undirected"} for row in edge_rows]
    for node, data in zip(nodes, node_rows, strict=True):
        H.add_node(node, **data)
    for (u, v, key), edge_id, data in zip(edges, edge_ids(G), edge_rows, strict=True):
        H.add_edge(u, v, key=edge_id, **{"type": key, **data})
    return H


def write_graphml(G: nx.MultiDiGraph, path: Path) -> None:
    """GraphML: node ``kind`` and edge ``type`` as data keys, every edge id unique
    (:func:`edge_ids`), a tie's ``weight`` a declared double; an undirected network
    as ``edgedefault="undirected"``; ``cosgraph load`` reads it back."""
    text = "\n".join(nx.generate_graphml(_xml_graph(G), encoding="utf-8"))
    # the stamp goes first, where cosgraph.overwrite reads it; GraphML allows a <desc> there
    start = text.index(">", text.index("<graphml")) + 1
    path.write_text(f"{text[:start]}\n  {GRAPHML_STAMP}{text[start:]}\n", "utf-8")


def write_gexf(G: nx.MultiDiGraph, path: Path) -> None:
    """GEXF for Gephi: the node's name is its label, the tie type its edge label, a
    tie's ``weight`` the edge's own weight; an undirected network as
    ``defaultedgetype="undirected"``."""
    H = _xml_graph(G)
    for node, data in H.nodes(data=True):
        data["label"] = str(data.get("name") or node)
    for _, _, data in H.edges(data=True):
        # GEXF reserves an edge's "type" for directed/undirected
        tie_type = data.pop("type")
        data["label"] = tie_type
        data["tie_type"] = tie_type
    text = "\n".join(nx.generate_gexf(H, encoding="utf-8"))
    creator = text.index("<creator>")
    end = text.index("</creator>", creator) + len("</creator>")
    path.write_text(f"{text[:creator]}{GEXF_STAMP}{text[end:]}\n", "utf-8")


# -- CSV folder -----------------------------------------------------------------------


def sheet_tables(G: nx.MultiDiGraph) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    """The rows of each sheet ``cosgraph load`` reads, from a projected map.

    Node sheets that have rows, in layout order, then ``ties`` (always): each with the
    model's fields (the columns every such sheet has) and one dict per row, whose
    other keys are attributes.  Framework nodes are left out (every store has them);
    ties to them are kept.  The CSV folder and the workbook exports write these.
    """
    by_sheet: dict[str, list[dict[str, Any]]] = {}
    for node, data in G.nodes(data=True):
        kind = data.get("kind", "person")
        if kind in FRAMEWORK_KINDS or kind not in _SHEET_OF_KIND:
            continue
        row = {"id": node, **{k: v for k, v in data.items() if k != "kind"}}
        by_sheet.setdefault(_SHEET_OF_KIND[kind], []).append(row)
    tables = {
        sheet: ([f for f in model.model_fields if f != "attributes"], by_sheet[sheet])
        for sheet, model in NODE_SHEETS.items()
        if by_sheet.get(sheet)
    }
    ties = [
        {"type": data.get("type", key), "source": u, "target": v, **data}
        for u, v, key, data in G.edges(keys=True, data=True)
    ]
    tables[TIES_SHEET] = ([f for f in Tie.model_fields if f != "attributes"], ties)
    return tables


def write_csv_folder(G: nx.MultiDiGraph, folder: Path) -> None:
    """One CSV per node sheet and ``ties.csv``, the layout ``cosgraph load`` reads.

    Framework nodes are not written (every store has them); ties to them are.  A
    ``.cosgraph-export`` file records what was written (:mod:`cosgraph.overwrite`).
    """
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, (fields, rows) in sheet_tables(G).items():
        _write_csv(folder / f"{sheet}.csv", fields, rows)
    stamp_csv_folder(folder)


def _write_csv(path: Path, fields: list[str], rows: list[dict[str, Any]]) -> None:
    columns = list(fields)
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            # attributes are typed from their text on load: text that reads as a
            # number, true/false or blank is written guarded, so it loads back as text
            writer.writerow(
                [spreadsheet_cell(row.get(c), keep_text=c not in fields) for c in columns]
            )
