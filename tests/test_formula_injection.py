"""Formula injection (OWASP "CSV Injection"): no CSV or XLSX cosgraph writes holds a
cell a spreadsheet would run, and cosgraph's own CSV export still reloads exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map

from cosgraph.cells import FORMULA_STARTS, spreadsheet_cell, unguarded
from cosgraph.cli import main
from cosgraph.cli.output import render
from cosgraph.store import open_store
from tests.conftest import write_folder

NASTY = ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "-2+3", "\t=1", "\r=1", " =1"]

# The files as cosgraph writes them: every formula-like text guarded with one '.
PEOPLE = (
    "id,name,tripod_role,consent,score,note\n"
    '\'=1+2,"\'=HYPERLINK(""http://x"",""y"")",lived_experience,public,-3.5,\'-2+3\n'
    "'@SUM(A1),'+1,lived_experience,public,2,'-3.5\n"
    "'-2+3,'@SUM(A1),lived_experience,public,1,plain\n"
)
TIES = (
    "type,source,target,strength,period\n"
    "KNOWS,'=1+2,'@SUM(A1),2,\n"
    "KNOWS,'@SUM(A1),'-2+3,1,\n"
    "ADOPTED,'=1+2,garden,,1\n"
    "ADOPTED,'@SUM(A1),garden,,2\n"
)
FILES = {"people.csv": PEOPLE, "ties.csv": TIES, "bright_spots.csv": "id,name\ngarden,Garden\n"}


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _runs_as_formula(cell: str) -> bool:
    """A spreadsheet would take ``cell`` for a formula (a plain number is fine)."""
    if cell.lstrip(" ")[:1] not in FORMULA_STARTS:
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def _check(text: str, *, has_user_text: bool = True) -> None:
    cells = _cells(text)
    assert cells, text
    assert not [c for c in cells if _runs_as_formula(c)], text
    if has_user_text:
        assert any(c.startswith("'") for c in cells), text


@pytest.mark.parametrize("text", NASTY)
def test_formula_text_is_guarded_and_read_back(text: str):
    cell = spreadsheet_cell(text)
    assert cell == "'" + text
    assert unguarded(cell) == text


def test_numbers_stay_numbers_and_plain_text_is_untouched():
    assert [spreadsheet_cell(v) for v in (-3.5, -2, 0.0, "a-b", "'x", None)] == [
        "-3.5",
        "-2",
        "0.0",
        "a-b",
        "'x",
        "",
    ]
    # text that already starts with ' before a formula gets one more, so it reloads
    assert spreadsheet_cell("'=1") == "''=1" and unguarded("''=1") == "'=1"


def test_table_and_csv_output_share_one_cell_rendering():
    rows = [{"flag": True, "share": 2 / 3, "tags": ["a", "b"], "needs": {"funding": 500.0}}]
    assert render(rows, "csv").splitlines()[1] == "true,0.6666666666666666,a; b,funding=500"
    assert render(rows, "table").splitlines()[2].split() == ["true", "0.666667", "a;", "b"] + [
        "funding=500"
    ]


@pytest.mark.parametrize("text", NASTY)
def test_csv_output_of_any_command_guards_formula_text(text: str):
    assert _cells(render([{"name": text, "score": -3.5}], "csv"))[2:] == ["'" + text, "-3.5"]


def test_formula_like_text_loads_literally_from_guarded_cells(tmp_path: Path):
    m = read_map(write_folder(tmp_path / "in", FILES))
    people = m.node_index()
    assert set(people) == {"=1+2", "@SUM(A1)", "-2+3", "garden"}
    assert people["=1+2"].name == '=HYPERLINK("http://x","y")'
    assert people["=1+2"].attributes == {"score": -3.5, "note": "-2+3"}
    assert people["@SUM(A1)"].attributes == {"score": 2, "note": "-3.5"}  # text stays text
    assert people["@SUM(A1)"].name == "+1"


def test_an_unguarded_formula_is_still_refused(tmp_path: Path):
    folder = write_folder(tmp_path / "in", {"people.csv": "id,name\nana,=1+2\n"})
    with pytest.raises(Exception, match="holds a formula"):
        read_map(folder)


def test_every_csv_cosgraph_writes_is_guarded(tmp_path: Path):
    folder = write_folder(tmp_path / "in", FILES)
    store = str(tmp_path / "s.lbug")
    run = CliRunner().invoke

    dry = run(main, ["load", str(folder), "--store", store, "--dry-run", "--format", "csv"])
    assert dry.exit_code == 0, dry.output
    _check(dry.output)
    assert run(main, ["load", str(folder), "--store", store]).exit_code == 0

    outputs = {
        "analyze metrics": ["analyze", "metrics", "--format", "csv"],
        "analyze power": ["analyze", "power", "--format", "csv"],
        "query": ["query", "people_by_tripod_role", "--param", "role=lived_experience"],
        "spread": ["spread", "exposure", "--practice", "garden", "--level", "actors"],
    }
    for what, args in outputs.items():
        result = run(main, [*args, "--format", "csv", "--store", store])
        assert result.exit_code == 0, (what, result.output)
        _check(result.output)
    stats = run(main, ["stats", "--format", "csv", "--store", store])
    _check(stats.output, has_user_text=False)

    edited = write_folder(tmp_path / "new", {**FILES, "people.csv": PEOPLE.replace("'+1", "'+2")})
    diff = run(main, ["diff", str(folder), str(edited), "--format", "csv"])
    assert diff.exit_code == 0, diff.output
    _check(diff.output)

    out = tmp_path / "export"
    exported = run(main, ["export", "--format", "csv", "-o", str(out), "--store", store])
    assert exported.exit_code == 0, exported.output
    for file in out.glob("*.csv"):
        _check(file.read_text("utf-8"), has_user_text=file.stem in ("people", "ties"))


def test_csv_export_round_trips_through_load(tmp_path: Path):
    from cosgraph.exports import export_map

    source = open_store(tmp_path / "a.lbug")
    source.init()
    source.write(read_map(write_folder(tmp_path / "in", FILES)), provenance="in")
    G = source.project()
    source.close()
    export_map(G, "csv", tmp_path / "out", audience="private")
    again = read_map(tmp_path / "out").to_graph()
    for person in ("=1+2", "@SUM(A1)", "-2+3"):
        before = {k: v for k, v in G.nodes[person].items() if k not in ("provenance", "loaded_at")}
        assert again.nodes[person] == before
    assert set(again.edges(keys=True)) == {
        (u, v, k) for u, v, k in G.edges(keys=True) if k in ("KNOWS", "ADOPTED")
    }


def test_the_workbook_template_never_writes_a_formula(tmp_path: Path, monkeypatch):
    import cosgraph.session as session

    monkeypatch.setattr(session, "INSTRUCTIONS", [("text", "=1+2"), ("text", "@cmd")])
    path = session.write_template(tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path)["Instructions"]
    cells = [sheet.cell(row=r, column=1) for r in (1, 2)]
    assert [(c.value, c.data_type) for c in cells] == [("'=1+2", "s"), ("'@cmd", "s")]
