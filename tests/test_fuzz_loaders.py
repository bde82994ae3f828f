"""Bad input, fuzzed: every workbook or CSV folder ends in a located LoadError or a valid map.

Never another exception, and a map that a store refuses leaves the store as it was.
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from cosgraph.loaders import read_map
from cosgraph.loaders.kumu import read_kumu_json
from cosgraph.loaders.tables import KNOWN_SHEETS
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from cosgraph.errors import LoadError, StoreError
from cosgraph.model import CommunityMap
from cosgraph.store import GraphStore

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

_COLUMNS = sorted(
    {
        "id",
        "name",
        "tripod_role",
        "sectors",
        "neighbourhood",
        "power",
        "interest",
        "consent",
        "sector",
        "anchor",
        "asset_kind",
        "capabilities",
        "capacity",
        "holder",
        "lever_kind",
        "needs",
        "place",
        "learning_role",
        "spot_kind",
        "description",
        "type",
        "source",
        "target",
        "strength",
        "role",
        "stance",
        "period",
        "date",
        "learned_from",
        "Tripod Role",
        "age",
        "",
        "weird name!",
        "kind",
        "attributes",
        "x" * 70,
    }
)
_SHEETS = [*KNOWN_SHEETS, "Instructions", "Lists", "volunteers", "People ", "TIES"]
_WORDS = [
    "ana",
    "bo",
    "cy",
    "7",
    "LT",
    "CSB1",
    "KNOWS",
    "member_of",
    "HOLDS",
    "ADOPTED",
    "lived_experience",
    "public",
    "private",
    "faith; resident",
    "physical_space",
    "policy",
    "funding=500; volunteers",
    "funding=abc",
    "champion",
    "2024-05-01",
    "2024-13-45",
    "=SUM(1,2)",
    "=A1",
    "NA",
    "true",
    "1.5",
    "inf",
    "nan",
    "-0",
    "x" * 201,
    "y" * 10_001,
]
_TEXT = st.one_of(
    st.sampled_from(_WORDS),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
)
_CELL = st.one_of(
    st.none(),
    _TEXT,
    _TEXT,
    st.integers(-(10**20), 10**20),
    st.floats(),
    st.booleans(),
    st.datetimes(),
)


@st.composite
def _sheets(draw: st.DrawFn, cell: st.SearchStrategy[Any] = _CELL) -> dict[str, list[list[Any]]]:
    """Sheets (some known, some not, some missing) with random headers and rows."""
    names = draw(st.lists(st.sampled_from(_SHEETS), min_size=1, max_size=4, unique=True))
    sheets = {}
    for name in names:
        header = draw(st.lists(st.sampled_from(_COLUMNS), min_size=0, max_size=6))
        rows = draw(st.lists(st.lists(cell, max_size=7), max_size=5))
        sheets[name] = [list(header), *rows]
    return sheets


def _check_outcome(path: Path, read: Any = read_map) -> CommunityMap | None:
    """Read ``path``: a map, or a LoadError whose every problem names the input."""
    try:
        cmap: CommunityMap = read(path)
    except LoadError as exc:
        assert exc.problems, "a LoadError must say what is wrong"
        for problem in exc.problems:
            assert problem.file.startswith(str(path)), problem
            assert problem.message, problem
            assert str(path) in str(problem)
        return None
    assert isinstance(cmap, CommunityMap)
    return cmap


def _snapshot(store: GraphStore) -> tuple[Any, ...]:
    G = store.project()
    return (
        sorted(repr((n, sorted(d.items(), key=str))) for n, d in G.nodes(data=True)),
        sorted(
            repr((u, v, k, sorted(d.items(), key=str)))
            for u, v, k, d in G.edges(keys=True, data=True)
        ),
    )


def _write_checked(store: GraphStore, cmap: CommunityMap) -> None:
    """Write ``cmap``: it goes in whole, or a LoadError leaves the store as it was."""
    before = _snapshot(store)
    try:
        store.write(cmap, provenance="fuzz")
    except LoadError:
        assert _snapshot(store) == before
        return
    except StoreError as exc:  # a valid map the store cannot take is a bug
        assert _snapshot(store) == before
        raise AssertionError(f"the store refused a checked map: {exc}") from exc


# -- random bytes -------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=2_000))
def test_random_bytes_as_a_csv_file(tmp_path_factory: pytest.TempPathFactory, data: bytes):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "people.csv").write_bytes(data)
    _check_outcome(folder)


@FUZZ
@given(data=st.binary(max_size=2_000))
def test_random_bytes_as_a_workbook(tmp_path_factory: pytest.TempPathFactory, data: bytes):
    path = tmp_path_factory.mktemp("bytes") / "session.xlsx"
    path.write_bytes(data)
    assert _check_outcome(path) is None


@FUZZ
@given(data=st.binary(max_size=2_000))
def test_random_bytes_as_kumu_json_and_graphml(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
):
    folder = tmp_path_factory.mktemp("bytes")
    for name in ("map.json", "map.graphml", "map.yaml"):
        (folder / name).write_bytes(data)
        _check_outcome(folder / name)
    _check_outcome(folder / "map.json", read_kumu_json)


def _template_bytes(folder: Path) -> bytes:
    from cosgraph.session import write_template

    path = write_template(folder / "t.xlsx")
    book = openpyxl.load_workbook(path)
    book["people"].append(["ana", "Ana", "lived_experience", "faith", "Maywood", 1, 5, "public"])
    book["ties"].append(["KNOWS", "ana", "ana"])
    book.save(path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def template_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _template_bytes(tmp_path_factory.mktemp("template"))


@FUZZ
@given(seed=st.integers(0, 2**32 - 1), flips=st.integers(1, 40))
def test_a_damaged_real_workbook(
    tmp_path_factory: pytest.TempPathFactory, template_bytes: bytes, seed: int, flips: int
):
    """A real workbook with some bytes changed: zip, XML and zlib layers all fail cleanly."""
    rng = random.Random(seed)
    data = bytearray(template_bytes)
    for _ in range(flips):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.3:
        data = data[: rng.randrange(len(data))]
    path = tmp_path_factory.mktemp("damaged") / "session.xlsx"
    path.write_bytes(bytes(data))
    _check_outcome(path)


# -- structured but wrong -----------------------------------------------------------------


def _save_workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    try:
        for name, rows in sheets.items():
            ws = book.create_sheet(name)
            for row in rows:
                ws.append(row)
        book.save(path)
    except (IllegalCharacterError, ValueError):
        assume(False)  # openpyxl cannot write this cell at all; no user can either


@FUZZ
@given(sheets=_sheets())
def test_wrong_workbooks_fail_located_or_load_whole(
    tmp_path_factory: pytest.TempPathFactory, store: GraphStore, sheets: dict[str, Any]
):
    path = tmp_path_factory.mktemp("book") / "session.xlsx"
    _save_workbook(path, sheets)
    cmap = _check_outcome(path)
    if cmap is not None:
        _write_checked(store, cmap)


_CSV_CELL = st.one_of(
    st.none(),
    st.sampled_from(_WORDS),
    st.text(max_size=12),  # control characters, quotes, commas and new lines too
    st.integers(-(10**6), 10**6),
)


@FUZZ
@given(
    sheets=_sheets(_CSV_CELL),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]),
)
def test_wrong_csv_folders_fail_located_or_load_whole(
    tmp_path_factory: pytest.TempPathFactory,
    store: GraphStore,
    sheets: dict[str, Any],
    encoding: str,
):
    folder = tmp_path_factory.mktemp("csv")
    for name, rows in sheets.items():
        if not encoding.startswith("utf-8"):
            rows = [*rows, ["Bó"]]  # a byte that is not UTF-8 in these encodings
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        (folder / f"{name.strip()}.csv").write_bytes(
            buffer.getvalue().encode(encoding, errors="replace")
        )
    cmap = _check_outcome(folder)
    if cmap is not None:
        _write_checked(store, cmap)


# -- named cases --------------------------------------------------------------------------


def test_non_utf8_csv_names_file_and_line(tmp_path: Path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "people.csv").write_bytes("id,name\nana,Ana\nbo,Bó\n".encode("cp1252"))
    with pytest.raises(LoadError, match=r"people.csv, line 3: is not UTF-8 text"):
        read_map(folder)


def test_formulas_huge_cells_duplicates_and_unknown_ids_are_all_reported(
    tmp_path: Path, store: GraphStore
):
    path = tmp_path / "s.xlsx"
    _save_workbook(
        path,
        {
            "people": [
                ["id", "name", "power"],
                ["ana", "Ana", 1],
                ["cy", "=UPPER(B2)", 1],
                ["bo", "x" * 10_001, 2],
                ["ana", "Ana again", 3],
            ],
            "ties": [["type", "source", "target"], ["KNOWS", "ana", "nobody"]],
        },
    )
    with pytest.raises(LoadError) as err:
        read_map(path)
    text = str(err.value)
    assert "sheet 'people', row 3, field 'name': holds a formula" in text
    assert "sheet 'people', row 4, field 'name': cell is longer than 10,000" in text
    assert "sheet 'people', row 5, field 'id': duplicate id 'ana'" in text
    _save_workbook(
        path,
        {
            "people": [["id"], ["ana"]],
            "ties": [["type", "source", "target"], ["KNOWS", "ana", "x"]],
        },
    )
    before = _snapshot(store)
    with pytest.raises(LoadError, match=r"sheet 'ties', row 2, field 'target': unknown id 'x'"):
        store.write(read_map(path))
    assert _snapshot(store) == before


def test_cells_beyond_the_header_are_refused_not_dropped(tmp_path: Path):
    path = tmp_path / "s.xlsx"
    _save_workbook(path, {"people": [["id", "name"], ["ana", "Ana", "a note"]]})
    with pytest.raises(
        LoadError,
        match=r"sheet 'people', row 2, field 'column C': holds a value but the column has no header",
    ):
        read_map(path)


def test_a_workbook_with_only_ignored_sheets_is_an_empty_map(tmp_path: Path):
    path = tmp_path / "s.xlsx"
    _save_workbook(path, {"Instructions": [["anything", "anything"]], "Lists": [["a"]]})
    assert read_map(path).nodes == []


def test_two_sheets_of_the_same_name_are_refused(tmp_path: Path):
    path = tmp_path / "s.xlsx"
    _save_workbook(path, {"People": [["id"], ["ana"]], "people ": [["id"], ["bo"]]})
    with pytest.raises(LoadError, match=r"sheet 'people ': a second 'people' sheet"):
        read_map(path)
