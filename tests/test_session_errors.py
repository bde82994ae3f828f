"""A room's workbook with many mistakes: every problem in one round, in load, dry-run and diff.

Issue 19: reference problems (ties to unknown ids, duplicate ties, holders, deciders,
ids already another kind in the store) used to wait until the field problems were
fixed; a person deleted while their ties stayed gave three different answers.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map

from cosgraph.cli import main
from cosgraph.errors import LoadError
from cosgraph.session import diff_maps
from cosgraph.store import open_store
from tests.test_session import FILLED, edit_workbook, fill_template

#: FILLED with ten mistakes, field and reference problems mixed; row numbers of the
#: workbook (header is row 1) in the comments.
MISTAKES: dict[str, list[list[Any]]] = {
    **FILLED,
    "people": [
        *FILLED["people"],
        ["dee-m", "Dee M", "resident", None, None, "high", 2, None],  # row 5: role, power
        ["cy-o", "Cy again", None, None, None, None, None, None],  # row 6: duplicate id
    ],
    "organizations": [[*FILLED["organizations"][0]], ["ana-r", "Ana Org", None, None, 1, 1]],
    "assets": [
        *FILLED["assets"],
        ["van", "Van", "physical_space", "transport", 1, "nobody-x"],  # row 3: holder
    ],
    "ties": [
        *FILLED["ties"],
        ["KNOWS", "zed-q", "ana-r", None, None, None, None, None, None],  # row 7: unknown
        ["KNOWS", "ana-r", "bo-c", 2, None, None, None, None, None],  # row 8: duplicate
        ["DECIDES", "soda-tax", "bo-c", None, None, None, None, None, None],  # row 9
        ["KNOWS", "dee-m", "ana-r", "lots", None, None, None, None, None],  # row 10
    ],
}

#: Every line the one round must hold (the workbook path is added in front).
EXPECTED = [
    "sheet 'people', row 5, field 'tripod_role'",
    "sheet 'people', row 5, field 'power'",
    "sheet 'people', row 6, field 'id': duplicate id 'cy-o'",
    "sheet 'organizations', row 3, field 'id': duplicate id 'ana-r'",
    "sheet 'assets', row 3, field 'holder': unknown id 'nobody-x'",
    "sheet 'ties', row 7, field 'source': unknown id 'zed-q'",
    "sheet 'ties', row 8, field 'strength': differs from the repeated tie's row 2",
    "sheet 'ties', row 9, field 'source': a DECIDES tie cannot have a lever as source",
    "sheet 'ties', row 9, field 'target': a DECIDES tie cannot have a person as target",
    "sheet 'ties', row 10, field 'strength'",
]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _problem_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if ", sheet '" in line]


def _assert_one_round(output: str, book: Path) -> None:
    lines = _problem_lines(output)
    for expected in EXPECTED:
        assert any(line.startswith(f"{book}, {expected}") for line in lines), (expected, lines)
    assert len(lines) == len(EXPECTED), lines


def test_load_lists_field_and_reference_problems_in_one_round(
    tmp_path: Path, runner: CliRunner
) -> None:
    book = fill_template(tmp_path / "session.xlsx", MISTAKES)
    store = tmp_path / "c.lbug"
    result = runner.invoke(main, ["load", str(book), "--store", str(store)])
    assert result.exit_code == 1
    assert f"nothing was loaded: {len(EXPECTED)} problems" in result.output
    _assert_one_round(result.output, book)
    assert "Traceback" not in result.output
    assert not store.exists()  # a rejected load into a new store leaves nothing behind


def test_dry_run_lists_the_same_round(tmp_path: Path, runner: CliRunner) -> None:
    book = fill_template(tmp_path / "session.xlsx", MISTAKES)
    result = runner.invoke(main, ["load", str(book), "--dry-run", "--store", str(tmp_path / "c")])
    assert result.exit_code == 1
    _assert_one_round(result.output, book)


def test_diff_lists_the_same_round_for_the_new_version(tmp_path: Path, runner: CliRunner) -> None:
    old = fill_template(tmp_path / "monday.xlsx")
    new = fill_template(tmp_path / "friday.xlsx", MISTAKES)
    result = runner.invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 1
    assert f"cannot compare: {len(EXPECTED)} problems" in result.output
    assert "nothing was loaded" not in result.output
    _assert_one_round(result.output, new)


def test_id_of_another_kind_in_the_store_is_reported_with_field_problems(
    tmp_path: Path, runner: CliRunner
) -> None:
    store = str(tmp_path / "c.lbug")
    first = fill_template(tmp_path / "first.xlsx")
    assert runner.invoke(main, ["load", str(first), "--store", store]).exit_code == 0
    other = fill_template(
        tmp_path / "other.xlsx",
        {
            "organizations": [["bo-c", "Bo's shop", "business", None, 9, None]],
            "ties": [["KNOWS", "zed-q", "ana-r", None, None, None, None, None, None]],
        },
    )
    result = runner.invoke(main, ["load", str(other), "--store", store])
    assert result.exit_code == 1
    assert "nothing was loaded: 3 problems" in result.output
    assert f"{other}, sheet 'organizations', row 2, field 'power'" in result.output
    assert "row 2, field 'id': id 'bo-c' is already a person in the store" in result.output
    assert f"{other}, sheet 'ties', row 2, field 'source': unknown id 'zed-q'" in result.output


def test_ties_to_a_row_with_a_bad_cell_are_not_reported_as_unknown(tmp_path: Path) -> None:
    book = fill_template(
        tmp_path / "s.xlsx",
        {
            "people": [["gus-t", "Gus", None, None, None, "high", None, None]],
            "ties": [["KNOWS", "gus-t", "gus-t", None, None, None, None, None, None]],
        },
    )
    cmap = read_map(book, partial=True)
    assert [p.field for p in cmap.problems] == ["power"]
    assert cmap.reference_problems() == []
    with pytest.raises(LoadError) as caught:  # and the partial map is never written
        with open_store(tmp_path / "c.lbug") as store:
            store.init()
            store.write(cmap, provenance="s.xlsx")
    assert [p.field for p in caught.value.problems] == ["power"]


# Deleting a person but not their ties: one answer in load, load --prune and diff.

GONE = "sheet 'ties', row 7, field 'source': unknown id 'gus-t' (its row is no longer in the file)"


def _with_gus(path: Path) -> Path:
    rows = {
        **FILLED,
        "people": [*FILLED["people"], ["gus-t", "Gus T", None, None, None, 1, 1, None]],
        "ties": [*FILLED["ties"], ["KNOWS", "gus-t", "ana-r", 2, None, None, None, None, None]],
    }
    return fill_template(path, rows)


@pytest.mark.parametrize("options", [[], ["--prune"], ["--dry-run"], ["--prune", "--dry-run"]])
def test_load_of_a_file_that_deleted_a_person_but_kept_their_tie_names_the_row(
    tmp_path: Path, runner: CliRunner, options: list[str]
) -> None:
    store = str(tmp_path / "c.lbug")
    book = _with_gus(tmp_path / "session.xlsx")
    assert runner.invoke(main, ["load", str(book), "--store", store]).exit_code == 0
    edit_workbook(book, "people", "gus-t", None)
    result = runner.invoke(main, ["load", str(book), "--store", store, *options])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[-2:] == [
        "Error: nothing was loaded: 1 problem",
        f"{book}, {GONE}",
    ]
    with open_store(store, read_only=True) as s:  # the store still holds Gus and his tie
        assert s.ids()["gus-t"] == "person"


def test_diff_of_a_version_that_deleted_a_person_but_kept_their_tie_names_the_row(
    tmp_path: Path, runner: CliRunner
) -> None:
    old = _with_gus(tmp_path / "monday.xlsx")
    new = tmp_path / "friday.xlsx"
    shutil.copy(old, new)
    edit_workbook(new, "people", "gus-t", None)
    result = runner.invoke(main, ["diff", str(old), str(new)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-2:] == ["Error: cannot compare: 1 problem", f"{new}, {GONE}"]
    with pytest.raises(LoadError, match="unknown id 'gus-t'"):
        diff_maps(old, new)


# Human spelling: what people type and see is read; what cannot be read is quoted.


def test_enumerations_accept_what_people_see(tmp_path: Path) -> None:
    book = fill_template(
        tmp_path / "s.xlsx",
        {
            "people": [
                ["a", None, "Community Connector", "Health Care; faith", None, 1, 1, "Public"],
                ["b", None, "community connector", None, None, None, None, "PRIVATE"],
                ["c", None, "community-connector", None, None, None, None, None],
            ],
            "assets": [["hall", None, "Physical Space", None, None, "a"]],
            "levers": [["tax", None, "Policy", None]],
            "ties": [["member of", "a", "b", None, None, None, None, None, None]],
        },
    )
    cmap = read_map(book)  # the tie names people, not an organization
    people = {n.id: n for n in cmap.nodes if n.kind == "person"}
    assert {p.tripod_role for p in people.values()} == {"community_connector"}  # type: ignore[attr-defined]
    assert people["a"].sectors == ["health_care", "faith"]  # type: ignore[attr-defined]
    assert (people["a"].consent, people["b"].consent) == ("public", "private")  # type: ignore[attr-defined]
    assert sorted(t.type for t in cmap.ties) == ["HOLDS", "MEMBER_OF"]


def test_error_messages_quote_the_bad_value_and_list_the_allowed_ones(tmp_path: Path) -> None:
    book = fill_template(
        tmp_path / "s.xlsx",
        {
            "people": [["a", None, "boss", None, None, "high", 7, "everyone"]],
            "levers": [["tax", None, "policy", "funding=lots; meeting space=2"]],
        },
    )
    with pytest.raises(LoadError) as caught:
        read_map(book)
    lines = [f"{p.field}: {p.message}" for p in caught.value.problems]
    assert lines == [
        "tripod_role: 'boss' is not one of: formal_leader, community_connector, lived_experience",
        "power: 'high' is not a whole number 0–5",
        "interest: 7 is not a whole number 0–5",
        "consent: 'everyone' is not one of: public, coalition, private",
        "needs: needs entry 'funding=lots': 'lots' is not an amount above 0",
    ]


def test_capabilities_and_needs_meet_whatever_their_spelling(
    tmp_path: Path, runner: CliRunner
) -> None:
    book = fill_template(
        tmp_path / "s.xlsx",
        {
            "people": [["bo", None, None, None, None, 3, 3, "public"]],
            "assets": [
                ["hall", None, "physical_space", "Meeting Space", 1, "bo"],
                ["room", None, "physical_space", "meeting-space", 1, "bo"],
                ["van", None, "in_kind", "transport", 1, "bo"],
            ],
            "levers": [
                ["forum", None, "system", "meeting_space=2"],
                ["bus", None, "system", "Transports=1; media"],
            ],
        },
    )
    store = str(tmp_path / "c.lbug")
    assert runner.invoke(main, ["load", str(book), "--store", store]).exit_code == 0
    args = ["analyze", "match", "--store", store, "--format", "json"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    matched = json.loads(result.output)
    assert sorted((a["asset"], a["lever"]) for a in matched["assignments"]) == [
        ("hall", "forum"),
        ("room", "forum"),
    ]
    assert matched["unreached_levers"] == ["bus"]
    assert matched["unmet_needs"] == [
        {"lever": "bus", "capability": "transports", "close": ["transport"]},
        {"lever": "bus", "capability": "media", "close": []},
    ]
    levers = runner.invoke(main, ["analyze", "match", "--store", store, "--section", "levers"])
    assert "no asset offers transports (close: transport); no asset offers media" in levers.output


# Small things the room noticed.


def test_demo_help_shows_where_the_demo_writes_its_store(runner: CliRunner) -> None:
    text = runner.invoke(main, ["demo", "--help"]).output
    assert "[default: (cosgraph-demo/demo.lbug: demo.lbug in --out)]" in " ".join(text.split())
    assert "cosgraph.lbug" not in text


def test_analyze_help_summary_names_communities(runner: CliRunner) -> None:
    summary = runner.invoke(main, ["analyze", "--help"]).output.split("\n\n")[1]
    assert summary.strip().startswith("Analyses of the map:")
    assert "communities" in summary


def test_kind_message_reads_an_organization(tmp_path: Path, runner: CliRunner) -> None:
    book = fill_template(
        tmp_path / "s.xlsx",
        {
            "organizations": [["clinic", None, None, None, None, None]],
            "ties": [["HOLDS", "clinic", "clinic", None, None, None, None, None, None]],
        },
    )
    result = runner.invoke(main, ["load", str(book), "--store", str(tmp_path / "c")])
    assert "a HOLDS tie cannot have an organization as target" in result.output
