"""Consent: who an audience may see, and proof that hidden people never leak into an export."""

from __future__ import annotations

import copy
import zipfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map

from cosgraph.cli import main
from cosgraph.cli.session import register
from cosgraph.consent import Audience, apply_audience, hidden_people
from cosgraph.exports import EXPORT_FORMATS, export_map
from cosgraph.store import open_store

if "export" not in main.commands:  # until cosgraph.cli wires register(main) itself
    register(main)

CONSENT_MAP = Path(__file__).parent / "fixtures" / "session" / "consent_map"
#: Everything that identifies each person of the fixture, by id.
IDENTIFYING = {
    "pub-ana": ["pub-ana", "Ana Ruiz", "Maywood", "555-0101"],
    "zq-coal-bartholomew": [
        "zq-coal-bartholomew",
        "Bartholomew",
        "Quixley",
        "Quillfeather",
        "555-0199",
    ],
    "zq-priv-cordelia": ["zq-priv-cordelia", "Cordelia", "Vantablack", "Xylophone", "555-0198"],
    "zq-dflt-dagmar": ["zq-dflt-dagmar", "Dagmar", "Wolfsbane", "Yarrowmere", "555-0197"],
}
HIDDEN = {
    "public": {"zq-coal-bartholomew", "zq-priv-cordelia", "zq-dflt-dagmar"},
    "coalition": {"zq-priv-cordelia"},
    "private": set(),
}


@pytest.fixture(scope="module")
def projected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[nx.MultiDiGraph]:
    store_path = tmp_path_factory.mktemp("consent") / "map.lbug"
    store = open_store(store_path)
    try:
        store.init()
        store.write(read_map(CONSENT_MAP), provenance="consent")
        yield store.project()
    finally:
        store.close()


def _snapshot(G: nx.MultiDiGraph) -> tuple[object, ...]:
    return (
        sorted((n, sorted(d.items(), key=str)) for n, d in G.nodes(data=True)),
        sorted(
            (u, v, k, sorted(d.items(), key=str)) for u, v, k, d in G.edges(keys=True, data=True)
        ),
    )


@pytest.mark.parametrize("audience", ["public", "coalition", "private"])
def test_hidden_people_follow_consent_with_blank_as_coalition(
    projected: nx.MultiDiGraph, audience: str
):
    assert set(hidden_people(projected, audience)) == HIDDEN[audience]


@pytest.mark.parametrize("mode", ["pseudonymise", "drop"])
def test_apply_audience_never_changes_its_input(projected: nx.MultiDiGraph, mode: str):
    before = _snapshot(projected)
    kept = copy.deepcopy(projected)
    out = apply_audience(projected, "public", mode=mode)
    assert out is not projected
    assert _snapshot(projected) == before == _snapshot(kept)


def test_pseudonymised_people_keep_only_kind_and_tripod_role(projected: nx.MultiDiGraph):
    out = apply_audience(projected, "public", salt=b"k")
    pseudonym = Audience.of(projected, "public", salt=b"k").placeholders.__getitem__
    placeholder = pseudonym("zq-priv-cordelia")
    assert out.nodes[placeholder] == {
        "kind": "person",
        "tripod_role": "formal_leader",
        "anonymous": True,
    }
    assert "zq-priv-cordelia" not in out
    assert out.number_of_nodes() == projected.number_of_nodes()  # the graph keeps its shape
    assert out.number_of_edges() == projected.number_of_edges()
    # a tie touching a hidden person keeps its type and structural numbers only
    member = out.edges[placeholder, "clinic", "MEMBER_OF"]
    assert member == {"type": "MEMBER_OF"}
    trusts = out.edges[pseudonym("zq-coal-bartholomew"), placeholder, "TRUSTS"]
    assert trusts == {"type": "TRUSTS", "strength": 4.0}
    # visible people and their ties are untouched
    assert out.nodes["pub-ana"]["name"] == "Ana Ruiz"
    assert out.edges["pub-ana", "clinic", "MEMBER_OF"]["role"] == "volunteer"
    # learned_from naming a hidden person names the placeholder instead
    adopted = out.edges["pub-ana", "garden", "ADOPTED"]
    assert adopted["learned_from"] == pseudonym("zq-dflt-dagmar")


def test_pseudonyms_line_up_within_an_export_but_not_across_exports(projected: nx.MultiDiGraph):
    one = apply_audience(projected, "public", salt=b"a")
    same = apply_audience(projected, "public", salt=b"a")
    other = apply_audience(projected, "public")  # a fresh random salt
    assert set(one) == set(same)
    assert not (set(one) - {"pub-ana"}) & (set(other) - {"pub-ana"}) - set(projected)
    hidden_ids = {n for n in other if str(n).startswith("person-")}
    assert len(hidden_ids) == 3


def test_drop_removes_hidden_people_with_their_ties(projected: nx.MultiDiGraph):
    out = apply_audience(projected, "coalition", mode="drop")
    assert "zq-priv-cordelia" not in out and "zq-coal-bartholomew" in out
    assert not out.has_edge("zq-coal-bartholomew", "zq-priv-cordelia")
    assert out.number_of_edges() == projected.number_of_edges() - 3
    public = apply_audience(projected, "public", mode="drop")
    assert "learned_from" not in public.edges["pub-ana", "garden", "ADOPTED"]


def test_private_audience_sees_everyone(projected: nx.MultiDiGraph):
    out = apply_audience(projected, "private")
    assert _snapshot(out) == _snapshot(projected)


def test_unknown_audience_or_mode_is_refused(projected: nx.MultiDiGraph):
    with pytest.raises(ValueError, match="unknown audience"):
        apply_audience(projected, "everyone")
    with pytest.raises(ValueError, match="unknown mode"):
        apply_audience(projected, "public", mode="blur")


def _export_bytes(path: Path) -> bytes:
    if path.is_dir():
        return b"".join(p.read_bytes() for p in sorted(path.iterdir()))
    if zipfile.is_zipfile(path):  # a workbook: every part of it, unzipped
        with zipfile.ZipFile(path) as book:
            return b"".join(book.read(name) for name in book.namelist())
    return path.read_bytes()


@pytest.mark.parametrize("mode", ["pseudonymise", "drop"])
@pytest.mark.parametrize("audience", ["public", "coalition", "private"])
@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_no_hidden_person_appears_in_any_export(
    projected: nx.MultiDiGraph, tmp_path: Path, fmt: str, audience: str, mode: str
):
    path = export_map(projected, fmt, tmp_path / f"out.{fmt}", audience=audience, mode=mode)
    data = _export_bytes(path)
    for person, marks in IDENTIFYING.items():
        for mark in marks:
            found = mark.encode("utf-8") in data
            if person in HIDDEN[audience]:
                assert not found, f"{mark!r} of hidden {person} in the {fmt} export"
            else:  # the search itself works: what may be shown is there
                assert found, f"{mark!r} of visible {person} missing from the {fmt} export"
    placeholders = data.count(b"person-")
    if mode == "drop" or not HIDDEN[audience]:
        assert placeholders == 0
    else:
        assert placeholders >= len(HIDDEN[audience])


@pytest.mark.parametrize("audience", ["public", "coalition"])
def test_cli_export_defaults_to_public_and_hides_people(tmp_path: Path, audience: str):
    store = str(tmp_path / "s.lbug")
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(CONSENT_MAP), "--store", store]).exit_code == 0
    args = ["export", "--format", "json", "-o", str(tmp_path / "m.json"), "--store", store]
    if audience != "public":
        args += ["--audience", audience]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"audience {audience}" in result.output
    data = (tmp_path / "m.json").read_bytes()
    for person in HIDDEN[audience]:
        assert not any(mark.encode() in data for mark in IDENTIFYING[person])
    assert b"Ana Ruiz" in data
