"""Shared fixtures: stores for every backend the machine offers, and small maps."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cosgraph.store import GraphStore, open_store


def _shared_folder() -> Path:
    """The project's shared/ folder: beside the checkout (as CI lays it out), or $COSGRAPH_SHARED."""
    if os.environ.get("COSGRAPH_SHARED"):
        return Path(os.environ["COSGRAPH_SHARED"])
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "data").is_dir():
            return parent / "shared"
    return Path("/work/shared")


SHARED = _shared_folder()
MEDICAL = SHARED / "data" / "medical_innovation"

BACKENDS = ["embedded"] + (["neo4j"] if os.environ.get("COSGRAPH_NEO4J_URI") else [])
#: The ``store`` fixture's parameters: the Neo4j one carries the ``neo4j`` marker, so
#: ``-m 'not neo4j'`` runs without a server and ``-m neo4j`` runs only what needs one.
_BACKEND_PARAMS = [
    pytest.param(b, marks=[pytest.mark.neo4j] if b == "neo4j" else []) for b in BACKENDS
]


@pytest.fixture(autouse=True)
def _outside_the_checkout(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Every test runs in a folder of its own, so nothing a command writes to the working
    folder (``cosgraph-demo/``, ``cosgraph.lbug``) lands in the checkout or meets
    another test's files (which the overwrite rule would rightly refuse)."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


def fresh_store(backend: str, tmp_path: Path) -> GraphStore:
    """An empty, initialised store of ``backend``."""
    if backend == "embedded":
        store = open_store(tmp_path / "test.lbug")
    else:
        store = open_store(os.environ["COSGRAPH_NEO4J_URI"])
        # A throwaway test server (scripts/neo4j-server): start every test from empty.
        store._driver.execute_query("MATCH (n) DETACH DELETE n")  # type: ignore[attr-defined]
    store.init()
    return store


@pytest.fixture(params=_BACKEND_PARAMS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    s = fresh_store(request.param, tmp_path)
    yield s
    s.close()


SMALL_MAP_CSV = {
    "people.csv": (
        "id,name,tripod_role,sectors,neighbourhood,power,interest,consent,age\n"
        "ana,Ana Ruiz,lived_experience,resident,Maywood,1,5,public,34\n"
        "bo,Bo Chen,community_connector,faith; social_services,Bellwood,3,4,coalition,51\n"
        "cy,Cy Okafor,formal_leader,government,,5,2,private,\n"
    ),
    "organizations.csv": "id,name,sector,anchor,power,interest\nclinic,Clinic,health_care,true,4,3\n",
    "assets.csv": (
        "id,name,asset_kind,capabilities,capacity,holder\n"
        "hall,Church hall,physical_space,meeting_space,2,bo\n"
    ),
    "levers.csv": "id,name,lever_kind,needs\nsoda-tax,Soda tax,policy,policy_advocacy=2; funding=500\n",
    "communities.csv": "id,name,place,learning_role\nmaywood,Maywood,Maywood IL,pacesetter\n",
    "bright_spots.csv": "id,name,spot_kind,description\ngarden,Garden,bright_spot,Youth garden\n",
    "ties.csv": (
        "type,source,target,strength,role,stance,period,date,learned_from\n"
        "KNOWS,ana,bo,3,,,,,\n"
        "TRUSTS,bo,cy,4,,,,,\n"
        "MEMBER_OF,cy,clinic,,board chair,,,,\n"
        "DECIDES,cy,soda-tax,,,skeptic,,,\n"
        "INFLUENCES,bo,soda-tax,,,champion,,,\n"
        "MEMBER_OF,ana,maywood,,,,,,\n"
        "PRACTISES,maywood,LT,,,,,,\n"
        "ADOPTED,ana,garden,,,,2,,\n"
        "ADOPTED,bo,garden,,,,3,2024-05-01,ana\n"
    ),
}


def stored_rows(store: GraphStore) -> tuple[dict[str, Any], dict[Any, Any]]:
    """Every stored node and tie with its properties, the load time left out: what two
    stores that hold the same map have equal."""
    graph = store.project()
    skip = {"loaded_at"}
    nodes = {n: {k: v for k, v in d.items() if k not in skip} for n, d in graph.nodes(data=True)}
    ties = {
        (a, b, k): {x: v for x, v in d.items() if x not in skip}
        for a, b, k, d in graph.edges(keys=True, data=True)
    }
    return nodes, ties


def write_folder(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def small_map_folder(tmp_path: Path) -> Path:
    return write_folder(tmp_path / "small", SMALL_MAP_CSV)
