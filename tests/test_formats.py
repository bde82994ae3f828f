"""The format registry: every format cosgraph writes and reads comes back whole.

Each writable and readable format is exported (audience ``private``) from a real
embedded store, read back by ``read_map`` (the format told from the file alone) and
written into a fresh store; nodes, ties and their attributes must be the same, except
for what the registry entry says the format loses, which :data:`WHAT_IS_LOST` applies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cosgraph.cli import main
from cosgraph.errors import LoadError
from cosgraph.exports import export_map, user_graph
from cosgraph.formats import Format, format_of, formats, readable, writable
from cosgraph.model import (
    FRAMEWORK_KINDS,
    Asset,
    AssetKind,
    BrightSpot,
    CommunityMap,
    Consent,
    Lever,
    LeverKind,
    Node,
    Organization,
    Person,
    Sector,
    Tie,
    TripodRole,
)
from cosgraph.store import GraphStore, open_store

README = Path(__file__).resolve().parents[1] / "README.md"
DEMO = Path(str(resources.files("cosgraph.data") / "demo"))
PROVENANCE = {"provenance", "loaded_at"}
ROUND_TRIPS = [f for f in formats() if f.reads and f.writes]

Nodes = dict[str, dict[str, Any]]
Ties = dict[tuple[str, str, str], dict[str, Any]]


def _unnamed_named_by_id(nodes: Nodes, ties: Ties) -> None:
    for node_id, data in nodes.items():
        data.setdefault("name", node_id)


#: What each format's entry says it loses, as a change to the map it was written from.
WHAT_IS_LOST: dict[str, Callable[[Nodes, Ties], None]] = {
    "kumu": _unnamed_named_by_id,
    "gexf": _unnamed_named_by_id,
}


def test_every_declared_loss_is_applied_and_no_other():
    assert set(WHAT_IS_LOST) == {f.name for f in ROUND_TRIPS if f.loses}


def _contents(G: nx.MultiDiGraph) -> tuple[Nodes, Ties]:
    """The user's nodes (not the framework's) and ties, with their data, no provenance."""
    U = user_graph(G)
    nodes = {
        str(n): {k: v for k, v in d.items() if k not in PROVENANCE}
        for n, d in U.nodes(data=True)
        if d["kind"] not in FRAMEWORK_KINDS
    }
    ties = {
        (str(u), str(v), str(k)): {a: b for a, b in d.items() if a not in PROVENANCE}
        for u, v, k, d in U.edges(keys=True, data=True)
    }
    return nodes, ties


def _stored(cmap: CommunityMap, folder: Path) -> nx.MultiDiGraph:
    store: GraphStore = open_store(folder / "store.lbug")
    try:
        store.init()
        store.write(cmap, provenance="round trip")
        return store.project()
    finally:
        store.close()


def _export_name(fmt: Format) -> str:
    return "export" + (fmt.suffixes[0] if fmt.suffixes else "")  # no suffix: a folder


def _assert_round_trip(cmap: CommunityMap, fmt: Format, folder: Path) -> None:
    G = _stored(cmap, folder / "original")
    path = export_map(G, fmt.name, folder / _export_name(fmt), audience="private")
    assert format_of(path) == fmt  # told from the file alone, as `cosgraph load` tells it
    again = _stored(read_map(path), folder / "again")
    nodes, ties = _contents(G)
    WHAT_IS_LOST.get(fmt.name, lambda n, t: None)(nodes, ties)
    assert _contents(again) == (nodes, ties)


@pytest.mark.parametrize("fmt", ROUND_TRIPS, ids=lambda f: f.name)
def test_every_written_format_reads_back_the_demo(fmt: Format, tmp_path: Path):
    _assert_round_trip(read_map(DEMO), fmt, tmp_path)


# -- a generated map ---------------------------------------------------------------------

_ID = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3})?", fullmatch=True)
_WORDS = st.lists(
    st.sampled_from(["Ana", "Ruiz", "Clinic", "Maywood", "Café", "Ñandú", "of", "the", "O'Hara"]),
    min_size=1,
    max_size=3,
).map(" ".join)
#: One column type each, as a spreadsheet column has one.
_ATTRIBUTES = st.fixed_dictionaries(
    {},
    optional={
        "age": st.integers(0, 120),
        "score": st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3)),
        "volunteer": st.booleans(),
        "note": _WORDS,
    },
)


def _person(node_id: str, draw: Any) -> Node:
    return Person(
        id=node_id,
        name=draw(st.none() | _WORDS),
        tripod_role=draw(st.none() | st.sampled_from(list(TripodRole))),
        sectors=draw(st.lists(st.sampled_from(list(Sector)), max_size=2, unique=True)),
        power=draw(st.integers(0, 5)),
        consent=draw(st.sampled_from(list(Consent))),
        attributes=draw(_ATTRIBUTES),
    )


def _organization(node_id: str, draw: Any) -> Node:
    sector = draw(st.none() | st.sampled_from(list(Sector)))
    anchor = draw(st.booleans())
    return Organization(id=node_id, name=draw(_WORDS), sector=sector, anchor=anchor)


def _asset(node_id: str, draw: Any) -> Node:
    capabilities = draw(st.lists(st.sampled_from(["funding", "meeting_space"]), unique=True))
    kind = draw(st.sampled_from(list(AssetKind)))
    return Asset(id=node_id, name=draw(_WORDS), asset_kind=kind, capabilities=capabilities)


def _lever(node_id: str, draw: Any) -> Node:
    needs = draw(
        st.dictionaries(st.sampled_from(["funding", "policy_advocacy"]), st.integers(1, 9))
    )
    kind = draw(st.sampled_from(list(LeverKind)))
    return Lever(id=node_id, name=draw(_WORDS), lever_kind=kind, needs=needs)


def _bright_spot(node_id: str, draw: Any) -> Node:
    return BrightSpot(id=node_id, name=draw(_WORDS), description=draw(st.none() | _WORDS))


_MAKERS = [_person, _person, _organization, _asset, _lever, _bright_spot]


@st.composite
def community_maps(draw: Any) -> CommunityMap:
    """A valid map: people and other kinds, with ties allowed between their kinds."""
    ids = draw(st.lists(_ID, min_size=2, max_size=10, unique=True))
    nodes = [draw(st.sampled_from(_MAKERS))(node_id, draw) for node_id in ids]
    kind = {n.id: n.kind for n in nodes}
    actors = [n.id for n in nodes if n.kind in ("person", "organization")]
    ties: dict[tuple[str, str, str], Tie] = {}
    for _ in range(draw(st.integers(0, 12))):
        source = draw(st.sampled_from(actors)) if actors else None
        target = draw(st.sampled_from(ids))
        if source is None or source == target:
            continue
        tie_type = {
            "person": "KNOWS",
            "organization": "PARTNERS_WITH",
            "asset": "HOLDS",
            "lever": "DECIDES",
            "bright_spot": "ADOPTED",
        }[kind[target]]
        extra: dict[str, Any] = {}
        if tie_type == "KNOWS":
            extra["strength"] = draw(st.integers(1, 5))
        if tie_type == "ADOPTED":
            extra["period"] = draw(st.integers(0, 9))
        tie = Tie(type=tie_type, source=source, target=target, **extra)
        ties[tie.key] = tie
    return CommunityMap(nodes=nodes, ties=list(ties.values()))


@pytest.mark.parametrize("fmt", ROUND_TRIPS, ids=lambda f: f.name)
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cmap=community_maps())
def test_every_written_format_reads_back_a_generated_map(
    fmt: Format, cmap: CommunityMap, tmp_path_factory: pytest.TempPathFactory
):
    _assert_round_trip(cmap, fmt, tmp_path_factory.mktemp(fmt.name))


@pytest.mark.parametrize("text", ["007", "NA"])
@pytest.mark.parametrize("fmt", ROUND_TRIPS, ids=lambda f: f.name)
def test_text_that_reads_as_a_number_or_a_blank_survives_a_round_trip(
    fmt: Format, text: str, tmp_path: Path
):
    people = [Person(id="a", attributes={"note": text}), Person(id="b", attributes={"note": "x"})]
    _assert_round_trip(CommunityMap(nodes=people), fmt, tmp_path)


@pytest.mark.parametrize("texts", [("12", "3"), ("true", "false"), ("1.5", "NA")])
@pytest.mark.parametrize("fmt", ROUND_TRIPS, ids=lambda f: f.name)
def test_a_text_column_whose_every_value_reads_as_a_number_survives_a_round_trip(
    fmt: Format, texts: tuple[str, str], tmp_path: Path
):
    people = [Person(id=i, attributes={"code": t}) for i, t in zip("ab", texts, strict=True)]
    _assert_round_trip(CommunityMap(nodes=people), fmt, tmp_path)


# -- the registry is where every list of formats comes from ------------------------------


def _readme_format_table() -> dict[str, list[str]]:
    """README's format table: format -> its other cells (load, export, ..., loses)."""
    text = README.read_text(encoding="utf-8")
    table = text.split("| format | `load` | `export` |", 1)[1].split("\n\n", 1)[0]
    rows = [[c.strip() for c in line.split("|")[1:-1]] for line in table.splitlines()[2:]]
    return {r[0].strip("`"): r[1:] for r in rows}


def test_readme_format_table_lists_exactly_the_registry():
    table = _readme_format_table()
    assert list(table) == [f.name for f in formats()]
    for fmt in formats():
        load, export, *_, loses = table[fmt.name]
        assert (load, export) == ("yes" if fmt.reads else "—", "yes" if fmt.writes else "—")
        expected = "; ".join(fmt.loses) or ("nothing" if fmt in ROUND_TRIPS else "—")
        assert loses == expected, fmt.name


def test_load_and_diff_help_list_every_readable_format():
    for command in ("load", "diff"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0
        listed = re.findall(r"^ {4}(\w+) ", result.output, flags=re.MULTILINE)
        assert listed == [f.name for f in readable()], command


def test_export_offers_exactly_the_writable_formats():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert f"[{'|'.join(f.name for f in writable())}]" in result.output


def test_a_file_of_unknown_type_is_refused_naming_the_formats(tmp_path: Path):
    path = tmp_path / "map.pdf"
    path.write_text("%PDF")
    with pytest.raises(LoadError) as caught:
        read_map(path)
    message = str(caught.value)
    assert "unknown file type" in message
    assert all(f"{f.name} ({f.told_by})" in message for f in readable())
    result = CliRunner().invoke(main, ["diff", str(path), str(path)])
    assert result.exit_code == 1 and "graphml (.graphml)" in result.output


def test_cli_loads_what_export_json_wrote(tmp_path: Path):
    runner = CliRunner()
    store, again = str(tmp_path / "a.lbug"), str(tmp_path / "b.lbug")
    assert runner.invoke(main, ["load", str(DEMO), "--store", store]).exit_code == 0
    out = str(tmp_path / "map.json")
    export = ["export", "--format", "json", "-o", out, "--store", store, "--audience", "private"]
    assert runner.invoke(main, export).exit_code == 0
    result = runner.invoke(main, ["load", out, "--store", again])
    assert result.exit_code == 0, result.output
    assert "created: 124 person" in result.output
