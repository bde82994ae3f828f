"""Skills gathered in a session: the workbook asks which skill domains each person,
organization or community practises and which behaviors it shows, and the crosswalk
has data after a real session (issue 19).  Also the capability drop-down, and
enumerations read as people see them.

Every test drives the CLI on a real workbook: ``cosgraph template``, filled with
openpyxl as a room would, then ``load``, ``export`` and ``analyze``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.utils import get_column_letter

from cosgraph.cli import main
from cosgraph.store import open_store
from tests.test_session import FILLED, fill_workbook

#: A 15-person coalition: the three of FILLED and twelve more.
PEOPLE = [
    *FILLED["people"],
    *[
        [f"p{i:02}", f"Person {i}", role, "resident", "Maywood", i % 6, 3, "Public"]
        for i, role in enumerate(
            ["Lived Experience", "community connector", "Formal Leader"] * 4, start=4
        )
    ],
]

#: The skills sheet as a room fills it: drop-down labels, codes, names in any case,
#: several answers in one cell, behaviors by label, number or CSB code.
SKILLS = [
    ["ana-r", "Leading Together (LT); Leading for Equity (LE)", None],  # row 2
    ["bo-c", "leading together", None],  # row 3
    ["cy-o", "LO, LS.people", None],  # row 4
    ["clinic", "Leading for Outcomes (LO)", "CSB 18: Use data and stories to drive improvement"],
    ["maywood", "Leading from Within (LW)", "CSB 7; 12, CSB13"],  # row 6
    ["p04", "LE", None],  # row 7
]

#: The ties those rows hold.
SKILL_TIES = {
    ("PRACTISES", "ana-r", "LT"),
    ("PRACTISES", "ana-r", "LE"),
    ("PRACTISES", "bo-c", "LT"),
    ("PRACTISES", "cy-o", "LO"),
    ("PRACTISES", "cy-o", "LS.people"),
    ("PRACTISES", "clinic", "LO"),
    ("EXHIBITS", "clinic", "CSB18"),
    ("PRACTISES", "maywood", "LW"),
    ("EXHIBITS", "maywood", "CSB7"),
    ("EXHIBITS", "maywood", "CSB12"),
    ("EXHIBITS", "maywood", "CSB13"),
    ("PRACTISES", "p04", "LE"),
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _template(runner: CliRunner, path: Path, *args: str) -> Path:
    result = runner.invoke(main, ["template", "-o", str(path), *args])
    assert result.exit_code == 0, result.output
    return path


def _session(runner: CliRunner, folder: Path, skills: list[list[Any]] = SKILLS) -> Path:
    book = _template(runner, folder / "session.xlsx")
    ties = [*FILLED["ties"], ["MEMBER_OF", "ana-r", "maywood"]]
    return fill_workbook(book, {**FILLED, "people": PEOPLE, "ties": ties, "skills": skills})


def _skill_ties(store: str) -> set[tuple[str, str, str]]:
    s = open_store(store, read_only=True)
    try:
        G = s.project()
    finally:
        s.close()
    return {(t, u, v) for u, v, t in G.edges(data="type") if t in ("PRACTISES", "EXHIBITS")}


def _lists(book: Any) -> dict[str, list[str]]:
    return {c[0].value: [x.value for x in c[1:] if x.value] for c in book["Lists"].columns}


def _dropdown(book: Any, sheet: str, column: str) -> Any:
    """The list validation of a column of a template sheet (its header names it)."""
    header = [c.value for c in book[sheet][1]]
    letter = get_column_letter(header.index(column) + 1)
    (found,) = [
        dv
        for dv in book[sheet].data_validations.dataValidation
        if dv.type == "list" and any(str(r).startswith(f"{letter}2:") for r in dv.sqref.ranges)
    ]
    return found


def _listed(book: Any, dv: Any) -> list[str]:
    """The values a drop-down offers, read through its range on the Lists sheet."""
    ref = dv.formula1.replace("'", "").replace("$", "").split("!")[1]
    return [c.value for (c,) in book["Lists"][ref] if c.value]


def test_template_asks_for_skills_in_plain_words(tmp_path: Path, runner: CliRunner) -> None:
    book = openpyxl.load_workbook(_template(runner, tmp_path / "s.xlsx"))
    assert [c.value for c in book["skills"][1]] == ["who", "practises", "shows"]
    practises = _dropdown(book, "skills", "practises")
    assert _listed(book, practises) == [
        "Leading from Within (LW)",
        "Leading Together (LT)",
        "Leading for Outcomes (LO)",
        "Leading for Equity (LE)",
        "Leading for Sustainability (LS)",
    ]
    shows = _dropdown(book, "skills", "shows")
    offered = _listed(book, shows)
    assert len(offered) == 28 and offered[0].startswith("CSB 1: People have gone from")
    assert not practises.showErrorMessage and not shows.showErrorMessage  # several may be typed
    guide = "\n".join(str(c.value) for (c,) in book["Instructions"].iter_rows())
    for label, words in [
        ("Leading from Within (LW)", "one’s inner journey as a leader"),
        ("Leading Together (LT)", "dynamic network of interacting people"),
        ("Leading for Outcomes (LO)", "co-create a theory of change"),
        ("Leading for Equity (LE)", "address equity at a population and structural level"),
        ("Leading for Sustainability (LS)", "ongoing process of transformation"),
    ]:
        (line,) = [x for x in guide.splitlines() if x.startswith(f"{label}: ")]
        assert words in line, label
    assert "skills: Examples: who ana-r" in guide


def test_a_filled_skills_sheet_gives_the_crosswalk_its_data(
    tmp_path: Path, runner: CliRunner
) -> None:
    book = _session(runner, tmp_path)
    store = str(tmp_path / "c.lbug")
    result = runner.invoke(main, ["load", str(book), "--source", "s-1", "--store", store])
    assert result.exit_code == 0, result.output
    assert "created: 8 PRACTISES" in result.output and "created: 4 EXHIBITS" in result.output
    assert _skill_ties(store) == SKILL_TIES

    walk = runner.invoke(
        main,
        ["analyze", "crosswalk", "--store", store, "--format", "json", "--audience", "private"],
    )
    data = json.loads(walk.output)
    assert data["practised_domains"] == ["LW", "LT", "LO", "LE", "LS"]
    assert data["exhibited"] == ["CSB7", "CSB12", "CSB13", "CSB18"]
    assert data["status_counts"]["full"] == 28  # every domain is practised by someone

    town = runner.invoke(
        main,
        [
            "analyze",
            "crosswalk",
            "--community",
            "maywood",
            "--store",
            store,
            "--format",
            "json",
            "--audience",
            "private",
        ],
    )
    town_data = json.loads(town.output)
    # maywood practises LW; ana-r, a member, practises LT and LE
    assert town_data["practised_domains"] == ["LW", "LT", "LE"]
    assert town_data["exhibited"] == ["CSB7", "CSB12", "CSB13"]


def test_skills_come_back_the_same_through_an_xlsx_export(
    tmp_path: Path, runner: CliRunner
) -> None:
    book = _session(runner, tmp_path)
    store, again = str(tmp_path / "c.lbug"), str(tmp_path / "again.lbug")
    assert runner.invoke(main, ["load", str(book), "--store", store]).exit_code == 0
    out = tmp_path / "next-session.xlsx"
    export = runner.invoke(
        main,
        ["export", "--format", "xlsx", "-o", str(out), "--audience", "private", "--store", store],
    )
    assert export.exit_code == 0, export.output
    exported = openpyxl.load_workbook(out)
    skills = {r[0]: r[1:] for r in exported["skills"].iter_rows(min_row=2, values_only=True)}
    assert skills["ana-r"] == ("Leading Together (LT); Leading for Equity (LE)", None)
    assert skills["maywood"][1].startswith("CSB 7: Stewards across sectors")
    assert not any(
        r[0] in ("PRACTISES", "EXHIBITS")
        for r in exported["ties"].iter_rows(min_row=2, values_only=True)
    )
    result = runner.invoke(main, ["load", str(out), "--store", again])
    assert result.exit_code == 0, result.output
    assert _skill_ties(again) == _skill_ties(store) == SKILL_TIES
    stats = [
        json.loads(
            runner.invoke(
                main, ["stats", "--store", s, "--format", "json", "--audience", "private"]
            ).output
        )
        for s in (store, again)
    ]
    assert stats[0] == stats[1]


def test_bad_skills_entries_are_listed_in_the_same_round_as_other_problems(
    tmp_path: Path, runner: CliRunner
) -> None:
    skills = [
        *SKILLS,
        ["dee-q", "LT", None],  # row 8: unknown id
        ["ana-r", "Leading Togeter", "CSB 31"],  # row 9: two bad entries
        ["bo-c", "LT", None],  # row 10: said already on row 3
        ["soda-tax", "LT", None],  # row 11: a lever practises nothing
        [None, "LT", None],  # row 12: who is missing
    ]
    book = _session(runner, tmp_path, skills)
    fill_workbook(book, {"people": [["zz", None, "resident"]]})  # a field problem on another sheet
    result = runner.invoke(main, ["load", str(book), "--store", str(tmp_path / "c.lbug")])
    assert result.exit_code == 1
    lines = [line.removeprefix(f"{book}, ") for line in result.output.splitlines()[1:]]
    assert lines == [
        "sheet 'people', row 17, field 'tripod_role': 'resident' is not one of: "
        "formal_leader, community_connector, lived_experience",
        "sheet 'skills', row 8, field 'who': unknown id 'dee-q'",
        "sheet 'skills', row 9, field 'practises': 'Leading Togeter' is not a skill domain: "
        "Leading from Within (LW); Leading Together (LT); Leading for Outcomes (LO); Leading "
        "for Equity (LE); Leading for Sustainability (LS) (or a skill id such as "
        "LT.collaboration)",
        "sheet 'skills', row 9, field 'shows': 'CSB 31' is not one of the behaviors CSB 1 to "
        "CSB 28 (e.g. CSB 7)",
        f"sheet 'skills', row 10, field 'who': duplicate PRACTISES tie bo-c -> LT (first at "
        f"{book}, sheet 'skills', row 3, field 'who')",
        "sheet 'skills', row 11, field 'who': a PRACTISES tie cannot have a lever as who "
        "(allowed: person, organization, community)",
        "sheet 'skills', row 12, field 'who': is required: the id of a person, organization "
        "or community",
    ]
    assert result.output.startswith("Error: nothing was loaded: 7 problems")


def test_capability_dropdowns_offer_the_words_in_use_and_take_new_ones(
    tmp_path: Path, runner: CliRunner
) -> None:
    store = str(tmp_path / "c.lbug")
    first = fill_workbook(
        _template(runner, tmp_path / "first.xlsx"),
        {
            "assets": [["hall", "Hall", "physical_space", "Meeting Space; Child Care", 2, None]],
            "levers": [["rides", "Rides", "system", "Transport=3"]],
        },
    )
    assert runner.invoke(main, ["load", str(first), "--store", store]).exit_code == 0
    book = openpyxl.load_workbook(_template(runner, tmp_path / "next.xlsx", "--store", store))
    for sheet, column in [("assets", "capabilities"), ("levers", "needs")]:
        dv = _dropdown(book, sheet, column)
        assert _listed(book, dv) == ["child_care", "meeting_space", "transport"]
        assert not dv.showErrorMessage  # a word nobody offered yet is still taken
    # no store yet (a first session): the demo's words
    fresh = openpyxl.load_workbook(_template(runner, tmp_path / "fresh.xlsx"))
    offered = _listed(fresh, _dropdown(fresh, "assets", "capabilities"))
    assert {"meeting_space", "translation", "funding"} <= set(offered)


def test_audience_is_read_as_people_write_it(tmp_path: Path, runner: CliRunner) -> None:
    book = _session(runner, tmp_path)
    store = str(tmp_path / "c.lbug")
    assert runner.invoke(main, ["load", str(book), "--store", store]).exit_code == 0
    shown = runner.invoke(main, ["stats", "--store", store, "--audience", "Public"])
    assert shown.exit_code == 0, shown.output
    assert shown.output == runner.invoke(main, ["stats", "--store", store]).output


def test_an_id_of_another_kind_reads_an_organization(tmp_path: Path, runner: CliRunner) -> None:
    store = str(tmp_path / "c.lbug")
    book = fill_workbook(_template(runner, tmp_path / "a.xlsx"), {"organizations": [["clinic"]]})
    assert runner.invoke(main, ["load", str(book), "--store", store]).exit_code == 0
    other = fill_workbook(_template(runner, tmp_path / "b.xlsx"), {"people": [["clinic"]]})
    result = runner.invoke(main, ["load", str(other), "--store", store])
    assert "id 'clinic' is already an organization in the store" in result.output


def test_a_csv_folder_takes_the_skills_sheet_as_skills_csv(
    tmp_path: Path, runner: CliRunner
) -> None:
    folder = tmp_path / "coalition"
    folder.mkdir()
    (folder / "people.csv").write_text("id,name\nana-r,Ana Ruiz\n", "utf-8")
    (folder / "skills.csv").write_text(
        'who,practises,shows\nana-r,"Leading Together; LS.people","CSB 4, CSB 9"\n', "utf-8"
    )
    store = str(tmp_path / "c.lbug")
    result = runner.invoke(main, ["load", str(folder), "--store", store])
    assert result.exit_code == 0, result.output
    assert _skill_ties(store) == {
        ("PRACTISES", "ana-r", "LT"),
        ("PRACTISES", "ana-r", "LS.people"),
        ("EXHIBITS", "ana-r", "CSB4"),
        ("EXHIBITS", "ana-r", "CSB9"),
    }
