"""The crosswalk on a small hand-built framework, then a few checks on the real one.

The small framework: domains A, B, C; skills A.one, A.two, B.one, C.one; behaviors
CSB1 (A, B), CSB2 (C), CSB3 (A), CSB4 (B, A, C).

The map: clinic MEMBER_OF town, ana MEMBER_OF clinic (so a member of town through
clinic), bo outside.  town PRACTISES A; ana PRACTISES B.one; bo PRACTISES C.one.
town EXHIBITS CSB2; clinic EXHIBITS CSB3; bo EXHIBITS CSB4.

Expected real-framework values were read off Table 1 of Stout (2017),
``/work/shared/framework/002_ac0a6c0c1eb69ef5.txt``, by hand.
"""

from __future__ import annotations

import copy
import json

import networkx as nx
import pytest

from cosgraph.analysis.crosswalk import (
    BehaviorLookup,
    BehaviorSkills,
    CrosswalkResult,
    behaviors_for_skills,
    crosswalk_gaps,
    skills_for_behavior,
)
from cosgraph.errors import CosgraphError


def _tie(G: nx.MultiDiGraph, u: str, v: str, kind: str) -> None:
    G.add_edge(u, v, key=kind, type=kind)


def _small_framework() -> nx.MultiDiGraph:
    F = nx.MultiDiGraph()
    for code in "ABC":
        F.add_node(code, kind="domain", name=f"Domain {code}")
    for skill in ("A.one", "A.two", "B.one", "C.one"):
        F.add_node(skill, kind="skill", domain=skill[0])
        _tie(F, skill[0], skill, "HAS_SKILL")
    tags = {1: "AB", 2: "C", 3: "A", 4: "BAC"}
    for number, domains in tags.items():
        F.add_node(
            f"CSB{number}",
            kind="behavior",
            number=number,
            text=f"behavior {number}",
            group="relate",
        )
        for code in domains:
            _tie(F, code, f"CSB{number}", "SUPPORTS")
    return F


def _map() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("town", kind="community")
    G.add_node("clinic", kind="organization")
    G.add_node("ana", kind="person")
    G.add_node("bo", kind="person")
    _tie(G, "clinic", "town", "MEMBER_OF")
    _tie(G, "ana", "clinic", "MEMBER_OF")
    _tie(G, "town", "A", "PRACTISES")
    _tie(G, "ana", "B.one", "PRACTISES")
    _tie(G, "bo", "C.one", "PRACTISES")
    _tie(G, "town", "CSB2", "EXHIBITS")
    _tie(G, "clinic", "CSB3", "EXHIBITS")
    _tie(G, "bo", "CSB4", "EXHIBITS")
    return G


def test_community_support_counts_members_through_chains_of_membership() -> None:
    r = crosswalk_gaps(_map(), community="town", framework=_small_framework())
    assert r.practitioners == 3  # town, clinic, ana
    assert (r.practised_domains, r.practised_skills) == (["A", "B"], ["B.one"])
    assert [(b.id, b.status, b.practised, b.missing) for b in r.behaviors] == [
        ("CSB2", "none", [], ["C"]),
        ("CSB4", "partial", ["B", "A"], ["C"]),
        ("CSB1", "full", ["A", "B"], []),
        ("CSB3", "full", ["A"], []),
    ]
    assert r.status_counts == {"full": 2, "partial": 1, "none": 1}


def test_evidence_compares_exhibited_with_supported() -> None:
    r = crosswalk_gaps(_map(), community="town", framework=_small_framework())
    assert r.exhibited == ["CSB2", "CSB3"]
    assert {b.id: b.evidence for b in r.behaviors} == {
        "CSB1": "supported_not_exhibited",
        "CSB2": "exhibited_unsupported",
        "CSB3": "exhibited_supported",
        "CSB4": "neither",
    }
    assert r.evidence_counts == {
        "exhibited_supported": 1,
        "exhibited_unsupported": 1,
        "supported_not_exhibited": 1,
        "neither": 1,
    }


def test_whole_map_pools_every_practitioner() -> None:
    r = crosswalk_gaps(_map(), framework=_small_framework())
    assert r.community is None and r.practised_domains == ["A", "B", "C"]
    assert [b.status for b in r.behaviors] == ["full"] * 4
    assert [b.id for b in r.behaviors] == ["CSB1", "CSB2", "CSB3", "CSB4"]
    assert {b.id: b.evidence for b in r.behaviors}["CSB1"] == "supported_not_exhibited"
    assert r.exhibited == ["CSB2", "CSB3", "CSB4"]


def test_a_member_outside_the_chain_does_not_count() -> None:
    r = crosswalk_gaps(_map(), community="clinic", framework=_small_framework())
    # clinic and ana only: B from ana; town's A is not the clinic's.
    assert r.practised_domains == ["B"]
    assert [(b.id, b.status, b.missing) for b in r.behaviors] == [
        ("CSB4", "partial", ["A", "C"]),
        ("CSB1", "partial", ["A"]),
        ("CSB2", "none", ["C"]),
        ("CSB3", "none", ["A"]),
    ]


def test_targets_outside_the_framework_are_listed_not_counted() -> None:
    G = _map()
    _tie(G, "town", "juggling", "PRACTISES")
    _tie(G, "town", "CSB99", "EXHIBITS")
    r = crosswalk_gaps(G, community="town", framework=_small_framework())
    assert r.unknown == ["juggling", "CSB99"]
    assert r.practised_domains == ["A", "B"]


def test_behaviors_for_skills_on_the_small_framework() -> None:
    r = behaviors_for_skills(["A.two"], framework=_small_framework())
    assert r.domains == ["A"]
    assert [(b.id, b.covered, b.missing, b.fully_supported) for b in r.behaviors] == [
        ("CSB1", ["A"], ["B"], False),
        ("CSB3", ["A"], [], True),
        ("CSB4", ["A"], ["B", "C"], False),
    ]
    assert [b.id for b in behaviors_for_skills("C", framework=_small_framework()).behaviors] == [
        "CSB2",
        "CSB4",
    ]
    with pytest.raises(CosgraphError, match="neither a domain code nor a skill id"):
        behaviors_for_skills(["A", "D.one"], framework=_small_framework())


def test_skills_for_behavior_on_the_small_framework() -> None:
    r = skills_for_behavior("CSB4", framework=_small_framework())
    assert [(d.domain, d.skills) for d in r.domains] == [
        ("B", ["B.one"]),
        ("A", ["A.one", "A.two"]),
        ("C", ["C.one"]),
    ]
    assert r.table_rows()[1] == {
        "behavior": "CSB4",
        "domain": "A",
        "domain_name": "Domain A",
        "skill": "A.one",
    }
    for spelling in (4, "4", "csb 4", "CSB4"):
        assert skills_for_behavior(spelling, framework=_small_framework()).id == "CSB4"
    with pytest.raises(CosgraphError):
        skills_for_behavior(5, framework=_small_framework())


def test_real_framework_crosswalk_from_table_1() -> None:
    # Table 1: LE tags CSB 2, 5, 12, 14, 15, 25, 26, 27.
    assert [b.number for b in behaviors_for_skills("LE.leading_together").behaviors] == [
        2,
        5,
        12,
        14,
        15,
        25,
        26,
        27,
    ]
    csb12 = skills_for_behavior(12)
    assert [d.domain for d in csb12.domains] == ["LE", "LT", "LS"]
    assert "LT.collaboration" in csb12.domains[1].skills
    G = nx.MultiDiGraph()
    G.add_node("town", kind="community")
    _tie(G, "town", "LO.improvement_science", "PRACTISES")
    r = crosswalk_gaps(G, community="town")
    # LO alone fully supports the behaviors tagged only LO: 13, 16-19, 22, 24, 28.
    assert [b.number for b in r.behaviors if b.status == "full"] == [13, 16, 17, 18, 19, 22, 24, 28]
    # Partly: 4, 14, 15 (with LT, LE or LS) and 20, 21 (with LW).
    assert sorted(b.number for b in r.behaviors if b.status == "partial") == [4, 14, 15, 20, 21]
    # Most missing first: CSB 12 lacks all three of its tags, then two-tag gaps by number.
    assert [(b.number, b.missing) for b in r.behaviors[:3]] == [
        (12, ["LE", "LT", "LS"]),
        (1, ["LT", "LW"]),
        (2, ["LT", "LE"]),
    ]


def test_results_serialise_and_flatten() -> None:
    F = _small_framework()
    results: list[CrosswalkResult | BehaviorLookup | BehaviorSkills] = [
        crosswalk_gaps(_map(), community="town", framework=F),
        behaviors_for_skills(["A"], framework=F),
        skills_for_behavior(1, framework=F),
    ]
    for result in results:
        json.dumps(result.model_dump(mode="json"))
        rows = result.table_rows()
        assert rows and len({tuple(r) for r in rows}) == 1
        for row in rows:
            assert all(v is None or isinstance(v, str | int | float | bool) for v in row.values())
    assert results[0].table_rows()[1]["practised"] == "B; A"


def test_inputs_are_not_mutated_and_unknown_community_raises() -> None:
    G, F = _map(), _small_framework()
    snapshot = [
        copy.deepcopy((list(H.nodes(data=True)), list(H.edges(keys=True, data=True))))
        for H in (G, F)
    ]
    crosswalk_gaps(G, community="town", framework=F)
    assert [
        (list(H.nodes(data=True)), list(H.edges(keys=True, data=True))) for H in (G, F)
    ] == snapshot
    with pytest.raises(CosgraphError, match="not a node"):
        crosswalk_gaps(G, community="nowhere", framework=F)
