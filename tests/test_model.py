"""The domain model: what it accepts, what it refuses, and how it says so."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cosgraph.errors import LoadError, SourceLocation
from cosgraph.model import (
    Asset,
    CommunityMap,
    Lever,
    Organization,
    Person,
    Tie,
    visible_to,
)


def test_blank_cells_take_the_field_defaults():
    p = Person(id="a", power="", interest=None, consent="", sectors="")
    assert (p.power, p.interest, p.consent, p.sectors) == (0, 0, "coalition", [])


def test_list_cells_split_on_semicolons_commas_and_bars():
    p = Person(id="a", sectors="faith; education, government|business")
    assert p.sectors == ["faith", "education", "government", "business"]


def test_numeric_ids_from_spreadsheets_become_text():
    assert Person(id=7.0).id == "7"
    assert Tie(type="KNOWS", source=3, target=4.0).key == ("KNOWS", "3", "4")


@pytest.mark.parametrize(
    ("field", "value"),
    [("power", 6), ("power", -1), ("interest", 9), ("tripod_role", "boss"), ("consent", "secret")],
)
def test_person_refuses_out_of_range_values(field, value):
    with pytest.raises(ValidationError) as info:
        Person(id="a", **{field: value})
    assert info.value.errors()[0]["loc"][0] == field


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        Organization(id="o", colour="red")


def test_attribute_names_must_be_plain_identifiers():
    with pytest.raises(ValidationError, match="attribute name"):
        Person(id="a", attributes={"x'}) DETACH DELETE n //": 1})
    with pytest.raises(ValidationError, match="is a field"):
        Person(id="a", attributes={"power": 1})


def test_lever_needs_parse_from_one_cell():
    lever = Lever(id="l", lever_kind="policy", needs="funding=500; volunteers")
    assert lever.needs == {"funding": 500.0, "volunteers": 1.0}
    assert lever.properties()["need_capabilities"] == ["funding", "volunteers"]
    with pytest.raises(ValidationError):
        Lever(id="l", lever_kind="policy", needs="funding=-3")


def test_asset_requires_its_kind():
    with pytest.raises(ValidationError) as info:
        Asset(id="x")
    assert info.value.errors()[0]["loc"] == ("asset_kind",)


def test_adoption_dates_must_be_iso():
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        Tie(type="ADOPTED", source="a", target="b", date="5/1/2024")


def test_reference_errors_name_every_bad_tie_with_its_location():
    m = CommunityMap(
        nodes=[Person(id="ana"), Lever(id="tax", lever_kind="policy"), Person(id="ana")],
        ties=[
            Tie(type="KNOWS", source="ana", target="ghost"),
            Tie(type="DECIDES", source="tax", target="ana"),
        ],
    )
    m.locations[("KNOWS", "ana", "ghost")] = SourceLocation("ties.csv", 2)
    m.locations[("DECIDES", "tax", "ana")] = SourceLocation("ties.csv", 3)
    with pytest.raises(LoadError) as info:
        m.check_references()
    text = str(info.value)
    assert "duplicate id 'ana'" in text
    assert "ties.csv, line 2, field 'target': unknown id 'ghost'" in text
    assert "ties.csv, line 3, field 'source': a DECIDES tie cannot have a lever as source" in text
    assert "line 3, field 'target': a DECIDES tie cannot have a person as target" in text
    assert len(info.value.problems) == 4


def test_references_may_point_at_ids_already_stored():
    m = CommunityMap(nodes=[Person(id="new")], ties=[Tie(type="KNOWS", source="new", target="old")])
    m.check_references(known={"old": "person"})
    with pytest.raises(LoadError):
        m.check_references(known={"old": "asset"})


@pytest.mark.parametrize(
    ("consent", "audience", "shown"),
    [
        ("public", "public", True),
        ("coalition", "public", False),
        ("private", "public", False),
        ("coalition", "coalition", True),
        ("private", "coalition", False),
        ("private", "private", True),
        ("public", "private", True),
    ],
)
def test_consent_levels_against_audiences(consent, audience, shown):
    assert visible_to(consent, audience) is shown


def test_shared_tie_type_groups_and_sheets_name_the_models_own_types_and_kinds():
    from cosgraph import model

    groups = (
        model.FRAMEWORK_TIE_TYPES,
        model.CONTACT_TIE_TYPES,
        model.SOCIAL_TIE_TYPES,
        model.COMMUNITY_CONTACT_TIE_TYPES,
        model.LEVER_TIE_TYPES,
    )
    for group in groups:
        assert set(group) <= {str(t) for t in model.TieType}
    # framework ties are exactly those that only join framework kinds
    framework = {
        str(t)
        for t, (sources, targets) in model.TIE_ENDPOINTS.items()
        if set(sources + targets) <= set(model.FRAMEWORK_KINDS)
    }
    assert set(model.FRAMEWORK_TIE_TYPES) == framework
    user_kinds = [k for k in model.NODE_TYPES if k not in model.FRAMEWORK_KINDS]
    assert set(model.ACTOR_KINDS) <= set(user_kinds)
    assert list(model.SHEET_OF_KIND) == user_kinds
    assert {m.kind for m in model.NODE_SHEETS.values()} == set(user_kinds)
