"""The framework reference graph: transcribed counts, hand-checked tags, and its views.

Expected tags and groups below were copied by hand from Table 1 of Stout (2017),
``/work/shared/framework/002_ac0a6c0c1eb69ef5.txt``.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from pydantic import ValidationError

from cosgraph.framework import (
    BehaviorSpec,
    Framework,
    behaviors_supported_by,
    domain_of,
    domains_for,
    load_framework,
)

# number -> (domains in Table 1 order, group)
HAND_CHECKED = {
    1: (["LT", "LW"], "relate"),
    3: (["LW", "LT"], "relate"),
    4: (["LT", "LO", "LS"], "relate"),
    5: (["LE"], "relate"),
    6: (["LW", "LT"], "relate"),
    7: (["LT", "LS"], "abundance"),
    8: (["LT"], "abundance"),
    11: (["LS"], "abundance"),
    12: (["LE", "LT", "LS"], "abundance"),
    13: (["LO"], "change_process"),
    15: (["LT", "LO", "LE"], "change_process"),
    20: (["LO", "LW"], "change_process"),
    21: (["LW", "LO"], "change_process"),
    23: (["LT"], "change_process"),
    26: (["LE", "LT"], "change_process"),
    27: (["LE"], "change_process"),
    28: (["LO"], "change_process"),
}


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework()


def test_framework_has_five_domains_three_groups_and_28_behaviors(fw: Framework) -> None:
    assert [d.code for d in fw.domains] == ["LW", "LT", "LO", "LE", "LS"]
    assert [d.name for d in fw.domains] == [
        "Leading from Within",
        "Leading Together",
        "Leading for Outcomes",
        "Leading for Equity",
        "Leading for Sustainability",
    ]
    assert [g.code for g in fw.groups] == ["relate", "abundance", "change_process"]
    assert len(fw.behaviors) == 28
    assert sorted(b.number for b in fw.behaviors) == list(range(1, 29))


def test_groups_cover_behaviors_in_table_order(fw: Framework) -> None:
    groups = {b.number: b.group for b in fw.behaviors}
    assert [n for n in range(1, 29) if groups[n] == "relate"] == list(range(1, 7))
    assert [n for n in range(1, 29) if groups[n] == "abundance"] == list(range(7, 13))
    assert [n for n in range(1, 29) if groups[n] == "change_process"] == list(range(13, 29))
    assert fw.groups[2].name == "How the community approaches the change process"


@pytest.mark.parametrize("number", sorted(HAND_CHECKED))
def test_behavior_tags_and_group_match_table_1(fw: Framework, number: int) -> None:
    domains, group = HAND_CHECKED[number]
    behavior = fw.behavior(number)
    assert behavior.domains == domains
    assert behavior.group == group
    assert domains_for(number) == domains


def test_tag_totals_per_domain(fw: Framework) -> None:
    tags = Counter(code for b in fw.behaviors for code in b.domains)
    # counted by hand from Table 1
    assert tags == {"LT": 14, "LO": 13, "LE": 8, "LS": 6, "LW": 5}
    assert sum(tags.values()) == 46


def test_behavior_texts_are_whole_and_free_of_tags(fw: Framework) -> None:
    for b in fw.behaviors:
        assert b.text.strip() == b.text and b.text
        assert "(L" not in b.text and "  " not in b.text and not b.text.endswith(".")
    # the tag sits mid-sentence in the extracted PDF
    assert fw.behavior(13).text == (
        "Believe change is possible and create a tangible, motivating vision with concrete aims"
    )
    # lines broken by the extraction are rejoined
    assert "to co-design and drive change" in fw.behavior(2).text
    assert fw.behavior(15).text.endswith("using design methods")


def test_skill_elements_follow_the_fuller_list(fw: Framework) -> None:
    skills = {s.id: s for d in fw.domains for s in d.skills}
    assert len(skills) == 20
    assert all(s.id.startswith(f"{s.domain}.") for s in skills.values())
    assert skills["LT.collaboration"].sub_elements[-1] == "Boundary-spanning leadership skills"
    assert len(skills["LT.collaboration"].sub_elements) == 5
    assert skills["LT.growing_abundance"].sub_elements == ["Power and stakeholder mapping"]
    assert len(skills["LW.value_difference"].sub_elements) == 5
    assert [d.code for d in fw.domains for _ in d.skills] == ["LW"] * 5 + ["LT"] * 5 + [
        "LO"
    ] * 3 + ["LE"] * 3 + ["LS"] * 4


def test_community_map_has_one_supports_tie_per_tag(fw: Framework) -> None:
    cmap = fw.community_map()
    cmap.check_references()
    kinds = Counter(n.kind for n in cmap.nodes)
    assert kinds == {"domain": 5, "skill": 20, "behavior": 28}
    ties = Counter(str(t.type) for t in cmap.ties)
    assert ties == {"HAS_SKILL": 20, "SUPPORTS": sum(len(b.domains) for b in fw.behaviors)}
    assert ties["SUPPORTS"] == 46
    supports_13 = [t.source for t in cmap.ties if t.type == "SUPPORTS" and t.target == "CSB13"]
    assert supports_13 == ["LO"]
    skill = cmap.node_index()["LT.collaboration"]
    assert skill.model_dump()["elements"] == fw.domains[1].skills[2].sub_elements


def test_graph_agrees_with_the_data(fw: Framework) -> None:
    G = fw.graph()
    assert G.number_of_nodes() == 5 + 20 + 28
    assert G.number_of_edges() == 20 + 46
    assert Counter(k for _, _, k in G.edges(keys=True)) == {"HAS_SKILL": 20, "SUPPORTS": 46}
    assert all(d["type"] == k for _, _, k, d in G.edges(keys=True, data=True))
    assert G.nodes["CSB1"] == {
        "kind": "behavior",
        "name": "CSB 1",
        "number": 1,
        "text": fw.behavior(1).text,
        "group": "relate",
    }
    assert G.nodes["LE"] == {"kind": "domain", "name": "Leading for Equity"}
    assert G.nodes["LS.people"]["kind"] == "skill"
    assert G.nodes["LS.people"]["domain"] == "LS"
    for b in fw.behaviors:
        assert [u for u, _, k in G.in_edges(b.id, keys=True) if k == "SUPPORTS"] == b.domains


def test_graph_is_a_fresh_copy(fw: Framework) -> None:
    G = fw.graph()
    G.remove_node("LT")
    assert "LT" in fw.graph()


def test_to_json_dict_shape(fw: Framework) -> None:
    data = fw.to_json_dict()
    assert list(data) == ["domains", "behaviors"]
    assert [list(d) for d in data["domains"]] == [["code", "name", "skills"]] * 5
    for d in data["domains"]:
        for s in d["skills"]:
            assert list(s) == ["id", "name", "sub_elements"]
            assert isinstance(s["sub_elements"], list)
    assert data["behaviors"][0] == {
        "number": 1,
        "text": fw.behavior(1).text,
        "group": "relate",
        "domains": ["LT", "LW"],
    }
    assert [b["number"] for b in data["behaviors"]] == list(range(1, 29))
    assert json.loads(json.dumps(data)) == data


def test_domain_of_accepts_domains_and_skills() -> None:
    assert domain_of("LT") == "LT"
    assert domain_of("LT.collaboration") == "LT"
    assert domain_of("LO.improvement_science") == "LO"
    for bad in ("XX", "LT.nope", "CSB1", "lt"):
        with pytest.raises(KeyError, match="neither a domain code"):
            domain_of(bad)


def test_behaviors_supported_by_is_any_of_the_codes() -> None:
    assert [b.number for b in behaviors_supported_by("LW")] == [1, 3, 6, 20, 21]
    assert [b.number for b in behaviors_supported_by(["LT.trust"])] == [
        b.number for b in behaviors_supported_by("LT")
    ]
    assert behaviors_supported_by([]) == []
    everything = behaviors_supported_by(["LW", "LT", "LO", "LE", "LS"])
    assert len(everything) == 28
    with pytest.raises(KeyError):
        behaviors_supported_by(["LX"])


def test_unknown_behavior_number_raises() -> None:
    with pytest.raises(KeyError, match="CSB 29"):
        domains_for(29)


def test_framework_rejects_unknown_tags_and_gaps(fw: Framework) -> None:
    data = fw.model_dump()
    data["behaviors"][0]["domains"] = ["LT", "LX"]
    with pytest.raises(ValidationError, match="unknown domain"):
        Framework.model_validate(data)
    data = fw.model_dump()
    del data["behaviors"][4]
    with pytest.raises(ValidationError, match="numbered 1..27"):
        Framework.model_validate(data)
    with pytest.raises(ValidationError):
        BehaviorSpec(number=1, text="x", group="relate", domains=["LT", "LT"])


def test_reference_framework_is_frozen(fw: Framework) -> None:
    with pytest.raises(ValidationError):
        fw.behavior(1).text = "changed"  # type: ignore[misc]
