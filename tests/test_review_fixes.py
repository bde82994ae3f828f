"""Edge cases a review found: each once ended in a traceback, a lost row or a stray file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from cosgraph.loaders import read_map, read_network
from pydantic import ValidationError

from cosgraph.cli import main
from cosgraph.errors import LoadError, StoreError
from cosgraph.model import Person, Tie
from cosgraph.store import open_store
from tests.conftest import write_folder


def test_attribute_names_must_start_with_a_letter():
    # a leading _ would be hidden by the store's own _ID/_LABEL keys and reload forever
    with pytest.raises(ValidationError):
        Person(id="a", attributes={"_note": "x"})


@pytest.mark.parametrize("name", ["from", "to"])
def test_tie_attributes_cannot_shadow_the_bulk_copy_ends(name: str):
    with pytest.raises(ValidationError):
        Tie(type="KNOWS", source="a", target="b", attributes={name: "x"})


@pytest.mark.parametrize("strength", [0, -1])
def test_tie_strength_must_be_positive(strength: float):
    with pytest.raises(ValidationError):
        Tie(type="KNOWS", source="a", target="b", strength=strength)


def test_excel_date_cells_read_as_iso_dates(tmp_path: Path):
    book = openpyxl.Workbook()
    people = book.active
    people.title = "people"
    people.append(["id"])
    people.append(["ana"])
    spots = book.create_sheet("bright_spots")
    spots.append(["id"])
    spots.append(["walk"])
    ties = book.create_sheet("ties")
    ties.append(["type", "source", "target", "date"])
    ties.append(["ADOPTED", "ana", "walk", dt.datetime(2024, 3, 5)])
    book.save(tmp_path / "s.xlsx")
    m = read_map(tmp_path / "s.xlsx")
    assert m.ties[0].date == "2024-03-05"


def test_load_network_refuses_the_same_from_and_to_column(tmp_path: Path):
    (tmp_path / "n.csv").write_text("pid\na\n")
    (tmp_path / "t.csv").write_text("a,b\nx,y\n")
    with pytest.raises(LoadError, match="must be different columns"):
        read_network(
            tmp_path / "n.csv", tmp_path / "t.csv", id_column="pid", from_column="a", to_column="a"
        )


def test_reading_commands_do_not_create_a_store(tmp_path: Path):
    missing = tmp_path / "nothere.lbug"
    for args in (["stats"], ["query", "stats_by_kind"], ["analyze", "power"]):
        result = CliRunner().invoke(main, [*args, "--store", str(missing)])
        assert result.exit_code == 1 and "no store at" in result.output, args
    assert not missing.exists()
    with pytest.raises(StoreError, match="no store at"):
        open_store(missing, create=False)


def test_a_rejected_load_into_a_new_store_leaves_no_file(tmp_path: Path):
    bad = write_folder(
        tmp_path / "bad",
        {"people.csv": "id\nana\n", "ties.csv": "type,source,target\nKNOWS,ana,ghost\n"},
    )
    target = tmp_path / "new.lbug"
    result = CliRunner().invoke(main, ["load", str(bad), "--store", str(target)])
    assert result.exit_code == 1 and "unknown id 'ghost'" in result.output
    assert not target.exists()


def test_credentials_written_into_a_uri_are_not_echoed():
    with pytest.raises(StoreError) as info:
        open_store("bolt://neo4j:hunter22secret@127.0.0.1:1")
    assert "hunter22secret" not in str(info.value)
    assert "bolt://127.0.0.1:1" in str(info.value)


def test_where_on_a_metric_computes_it(tmp_path: Path):
    runner = CliRunner()
    runner.invoke(main, ["demo", "--out", str(tmp_path)])
    store = str(tmp_path / "demo.lbug")
    import json

    steward = ["--audience", "private"]  # two outputs join on ids only for the steward
    full = json.loads(
        runner.invoke(
            main, ["analyze", "metrics", "--store", store, "--format", "json", *steward]
        ).stdout
    )
    in_two = {n["id"] for n in full["nodes"] if n["community"] == 2}
    narrowed = runner.invoke(
        main,
        ["analyze", "spanners", "--where", "community=2", "--store", store, "--format", "json"]
        + steward,
    )
    assert narrowed.exit_code == 0, narrowed.output
    assert {n["id"] for n in json.loads(narrowed.stdout)["nodes"]} == in_two
    bad = runner.invoke(main, ["analyze", "metrics", "--tie-type", "LIKES", "--store", store])
    assert bad.exit_code == 2 and "unknown tie type LIKES" in bad.output


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-1"])
def test_resolution_must_be_a_positive_finite_number(value: str, tmp_path: Path):
    runner = CliRunner()
    runner.invoke(main, ["demo", "--out", str(tmp_path)])
    result = runner.invoke(
        main,
        ["analyze", "communities", "--resolution", value, "--store", str(tmp_path / "demo.lbug")],
    )
    assert result.exit_code == 2 and "--resolution" in result.output
