"""load-network in Arrow columns stores exactly what the row path stores, and plans alike."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cosgraph.loaders.network import NetworkOptions, network_map, network_options
from cosgraph.loaders.shape import TieShape

from cosgraph.consent import Audience
from cosgraph.errors import LoadError
from cosgraph.network_load import write_network
from cosgraph.plan_report import masked_plan, plan_people
from cosgraph.store import GraphStore, open_store
from tests.conftest import stored_rows

PEOPLE = (
    "pid,name,power,tripod role,sectors,ok,age,score,zip,flag,note\n"
    "a,Ana,3,Community Connector,health care; education,public,34,1.5,02139,TRUE,x\n"
    "b,Ben,,formal_leader,,,,2,10001,false,\n"
    "c,,5,,faith,private,40,,,,NA\n"
)
TIES = "src,dst,weight,relation\na,b,2,advice\nb,c,3.5,\nc,a,,friend\n"


def _options(
    folder: Path,
    people: str = PEOPLE,
    ties: str = TIES,
    shape: TieShape | None = None,
    **overrides: Any,
) -> NetworkOptions:
    (folder / "people.csv").write_text(people)
    (folder / "ties.csv").write_text(ties)
    chosen: dict[str, Any] = {"consent": "coalition", "consent_column": "ok", **overrides}
    return network_options(
        folder / "people.csv",
        folder / "ties.csv",
        id_column="pid",
        from_column="src",
        to_column="dst",
        shape=shape,
        **chosen,
    )


def test_columnar_load_stores_what_the_row_path_stores(store: GraphStore, tmp_path: Path) -> None:
    options = _options(tmp_path)
    with open_store(tmp_path / "rows.lbug") as by_rows:
        by_rows.init()
        by_rows.write(network_map(options, {"zip": "text"}), "people.csv + ties.csv")
        expected = stored_rows(by_rows)
    plan = write_network(store, options, provenance="people.csv + ties.csv", types={"zip": "text"})
    assert set(plan.created_nodes) == {"person"}  # the columnar path took it
    assert plan.counts() == {"created": {"KNOWS": 3, "person": 3}, "updated": {}}
    assert stored_rows(store) == expected


def _STAMP_OF(plan: Any) -> dict[str, str]:
    """The provenance and load time a plan's rows carry."""
    table = next(iter(plan.updated_ties.values()))
    return {c: table[c][0].as_py() for c in ("provenance", "loaded_at")}


def test_columnar_reload_updates_only_the_changed_cell(store: GraphStore, tmp_path: Path) -> None:
    options = _options(tmp_path)
    write_network(store, options, provenance="p")
    again = write_network(store, options, provenance="p")
    assert again.is_empty and (again.unchanged_nodes, again.unchanged_ties) == (3, 3)
    _options(tmp_path, PEOPLE.replace("c,,5,", "c,,4,"), TIES.replace("3.5", "4.5"))
    plan = write_network(store, options, provenance="p")
    assert [(n.id, n.action, n.changed, n.old) for n in plan.nodes] == [
        ("c", "update", ("power",), {"power": 5})
    ]
    # changed ties stay columns: one table per set of changed fields
    assert not plan.ties
    assert [(key, t.to_pylist()) for key, t in plan.updated_ties.items()] == [
        (
            ("KNOWS", "person", "person", ("weight",)),
            [{"source": "b", "target": "c", "weight": 4.5, **_STAMP_OF(plan)}],
        )
    ]
    assert (plan.unchanged_nodes, plan.unchanged_ties) == (2, 2)
    assert store.project().nodes["c"]["power"] == 4
    assert store.project().edges["b", "c", "KNOWS"]["weight"] == 4.5


def test_rows_for_one_pair_of_ends_are_merged_as_one_tie(tmp_path: Path) -> None:
    ties = "src,dst,relation\na,b,advice\na,b,friend\n"
    options = _options(tmp_path, ties=ties)
    with open_store(tmp_path / "m.lbug") as store:
        store.init()
        write_network(store, options, provenance="p")
        assert store.project().edges["a", "b", "KNOWS"]["relation"] == "advice; friend"


@pytest.mark.parametrize(
    ("people", "ties", "message"),
    [
        (PEOPLE.replace("a,Ana,3,", "a,Ana,9,"), TIES, "people.csv, line 2, field 'power'"),
        (PEOPLE, TIES + "a,zed,1,\n", "ties.csv, line 5, field 'target': unknown id 'zed'"),
        (PEOPLE + "a,Again,,,,,,,,,\n", TIES, "people.csv, line 5, field 'id': duplicate id"),
        # pyarrow's reader reads on after a closing quote and to the end in an open one,
        # where the row reader's strict csv refuses both: the columns did too
        (PEOPLE.replace(",x\n", ',"x"y\n'), TIES, "people.csv, line 2: bad CSV: ',' expected"),
        (PEOPLE, TIES + 'a,c,1,"advice', "ties.csv, line 5: bad CSV: unexpected end of data"),
    ],
)
def test_a_bad_file_is_reported_with_file_line_and_field(
    store: GraphStore, tmp_path: Path, people: str, ties: str, message: str
) -> None:
    options = _options(tmp_path, people, ties)
    with pytest.raises(LoadError) as caught:
        write_network(store, options, provenance="p")
    assert message in str(caught.value)
    assert store.ids().keys().isdisjoint({"a", "b", "c"})


def test_text_attributes_with_spaces_around_are_stored_as_the_model_reads_them(
    store: GraphStore, tmp_path: Path
) -> None:
    # the model strips text (str_strip_whitespace); the columns kept " x" as written
    people = "pid,city,ok\na, north ,\nb,south,\nc,  3,\n"
    ties = "src,dst,relation\na,b,advice \nb,c,\u3000kin\n"
    options = _options(tmp_path, people, ties)
    stored, in_columns = _by_load(store, options)
    assert in_columns
    assert stored == _by_rows(tmp_path, options)
    assert stored[0]["a"]["city"] == "north" and stored[0]["c"]["city"] == "3"
    assert stored[1]["b", "c", "KNOWS"]["relation"] == "kin"


def test_a_network_of_assets_loads_and_a_blank_asset_kind_is_named_by_line(
    store: GraphStore, tmp_path: Path
) -> None:
    # asset_kind is required: the columns computed the defaults without it and raised
    write_network(store, _options(tmp_path), provenance="people")  # a, b and c hold them
    holds = "src,dst\na,hall\nb,van\n"
    as_assets = {"kind": "asset", "tie_type": "HOLDS", "consent": None, "consent_column": None}
    assets = "pid,asset_kind,name\nhall,physical_space,Hall\nvan,in_kind,\n"
    write_network(store, _options(tmp_path, assets, holds, **as_assets), provenance="assets")
    nodes, ties = stored_rows(store)
    assert nodes["hall"]["asset_kind"] == "physical_space" and ("a", "hall", "HOLDS") in ties
    options = _options(tmp_path, "pid,asset_kind\nhall,physical_space\nvan,\n", holds, **as_assets)
    with pytest.raises(LoadError) as caught:
        write_network(store, options, provenance="assets")
    assert "people.csv, line 3, field 'asset_kind': is required" in str(caught.value)


def test_a_ties_file_of_only_a_header_reads_no_columns_as_the_row_path(
    store: GraphStore, tmp_path: Path
) -> None:
    # the columns looked its header up for the ends (a KeyError) and for --types
    options = _options(tmp_path, ties="a,b\n")
    stored, _ = _by_load(store, options)
    assert stored == _by_rows(tmp_path, options)
    _options(tmp_path, ties="src,dst,since\n")
    with pytest.raises(LoadError) as caught:
        write_network(store, options, provenance="p", types={"since": "int"})
    assert "--types names 'since', which is no attribute column" in str(caught.value)


def test_a_consent_column_left_out_gives_way_to_the_consent_option(
    store: GraphStore, tmp_path: Path
) -> None:
    # the columns added the --consent column beside the file's own: a KeyError
    people = "pid,consent,name\na,private,Ana\nb,,Ben\n"
    overrides = {"columns": ["name"], "consent": "public", "consent_column": None}
    options = _options(tmp_path, people, "src,dst\na,b\n", **overrides)
    stored, _ = _by_load(store, options)
    assert stored == _by_rows(tmp_path, options)
    assert stored[0]["a"]["consent"] == "public"


def test_a_header_cell_holding_a_line_break_adds_no_person(
    store: GraphStore, tmp_path: Path
) -> None:
    # pyarrow skipped one line, not the whole header, and read "z,public,w" as a person
    people = 'pid,ok,"note\nz,public,w"\na,public,1\nb,,2\nc,,3\n'
    options = _options(tmp_path, people)
    stored, _ = _by_load(store, options)
    assert stored == _by_rows(tmp_path, options)
    assert {"a", "b", "c"} <= set(stored[0]) and "z" not in stored[0]


def test_columnar_reload_reports_what_the_file_no_longer_holds(
    store: GraphStore, tmp_path: Path
) -> None:
    options = _options(tmp_path)
    write_network(store, options, provenance="p")
    _options(tmp_path, PEOPLE, TIES.replace("c,a,,friend\n", ""))
    plan = write_network(store, options, provenance="p")
    assert [(t.type, t.source, t.target, t.action) for t in plan.removed_ties] == [
        ("KNOWS", "c", "a", "remove")
    ]
    assert not plan.removed_nodes and plan.is_empty  # reported, kept without --prune
    assert ("c", "a", "KNOWS") in store.project().edges


def _by_rows(folder: Path, options: NetworkOptions) -> tuple[Any, ...]:
    """What the row path stores for ``options`` (nodes, ties, column labels) and its notes."""
    with open_store(folder / "rows.lbug") as by_rows:
        by_rows.init()
        cmap = network_map(options)
        by_rows.write(cmap, "people.csv + ties.csv")
        return (*stored_rows(by_rows), by_rows.column_labels(), cmap.notes)


def _by_load(store: GraphStore, options: NetworkOptions) -> tuple[tuple[Any, ...], bool]:
    """What write_network stores (as :func:`_by_rows`), and whether it went in columns."""
    notes: list[str] = []
    plan = write_network(store, options, provenance="people.csv + ties.csv", on_notes=notes.extend)
    return (*stored_rows(store), store.column_labels(), notes), bool(plan.created_nodes)


UNDIRECTED = TieShape(undirected=True, weight_column="W", parallel="sum")


def test_undirected_weighted_ties_in_columns_store_what_the_row_path_stores(
    store: GraphStore, tmp_path: Path
) -> None:
    ties = "src,dst,W,Tie Kind\na,b,2,advice\nb,c,3.5,\nc,a,,friend\n"
    options = _options(tmp_path, ties=ties, shape=UNDIRECTED)
    stored, in_columns = _by_load(store, options)
    assert in_columns
    assert stored == _by_rows(tmp_path, options)
    ties_stored = stored[1]
    assert ties_stored["a", "b", "KNOWS"]["undirected"] is True
    assert ties_stored["a", "b", "KNOWS"]["weight"] == 2
    assert stored[2]["KNOWS"] == {"tie_kind": "Tie Kind"}  # shaped rows keep their headers


@pytest.mark.parametrize(
    "ties",
    [
        "src,dst,W,relation\na,b,2,advice\nb,a,3,advice\nb,c,1,\n",  # a - b twice: summed
        "src,dst,W,relation\na,b,2,advice\nc,c,1,\n",  # a self-loop, kept with a note
    ],
)
def test_ties_the_shape_reads_take_the_row_path_and_its_notes(
    store: GraphStore, tmp_path: Path, ties: str
) -> None:
    options = _options(tmp_path, ties=ties, shape=UNDIRECTED)
    stored, in_columns = _by_load(store, options)
    assert not in_columns
    expected = _by_rows(tmp_path, options)
    assert stored == expected and expected[-1]  # the same ties, and the same notes


def test_any_header_in_columns_gets_the_row_paths_names_and_labels(
    store: GraphStore, tmp_path: Path
) -> None:
    people = "pid,Grade.1,grade_1,race.ethnicity,x y,1st choice,ok\na,9,8,w,1,p,\nb,10,,b,2,q,\n"
    ties = "src,dst,Tie Kind,Grade.1\na,b,advice,3\n"
    options = _options(tmp_path, people, ties)
    stored, in_columns = _by_load(store, options)
    assert in_columns
    assert stored == _by_rows(tmp_path, options)
    assert stored[0]["a"]["grade_1_2"] == 9 and stored[0]["a"]["grade_1"] == 8
    labels = stored[2]
    assert labels["Person"]["grade_1_2"] == "Grade.1"
    assert labels["KNOWS"] == {"grade_1": "Grade.1", "tie_kind": "Tie Kind"}


def test_columnar_load_tells_progress_its_rows(store: GraphStore, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    plan = write_network(
        store, _options(tmp_path), provenance="p", progress=lambda *a: calls.append(a)
    )
    assert plan.created_nodes and calls == [(6, 6)]


def test_a_masked_report_of_a_columnar_load_never_names_a_hidden_person(
    store: GraphStore, tmp_path: Path
) -> None:
    people = "pid,name,ok\nzed,Zed Ward,private\nann,Ann Lee,public\nbob,Bob Roe,public\n"
    ties = "src,dst\nzed,ann\nann,bob\n"
    options = _options(tmp_path, people, ties)
    plan = write_network(store, options, provenance="p", dry_run=True)
    assert plan.created_nodes  # the new rows are Arrow tables
    seen = Audience.of(plan_people(plan), "public")
    rows = masked_plan(plan, seen).summary_rows()
    assert not any("zed" in str(row) or "Zed" in str(row) for row in rows)
    node_ids = [row["id"] for row in rows if row["what"] == "person"]
    tie_ids = [row["id"] for row in rows if row["what"] == "KNOWS"]
    placeholder = seen.mask("zed")
    assert node_ids == ["ann", "bob", placeholder]  # the hidden person last
    assert tie_ids == ["ann -> bob", f"{placeholder} -> ann"]


def test_a_columnar_reload_editing_ties_stores_and_reports_what_the_row_path_does(
    store: GraphStore, tmp_path: Path
) -> None:
    # every kind of tie edit: a new weight, a weight cleared, an attribute changed, an
    # attribute blanked (no change), a whole number for a stored float (no change), an
    # attribute first given; and another source's provenance on the second load
    ties_1 = "src,dst,weight,relation\na,b,2,advice\nb,c,3.5,\nc,a,1,friend\nb,a,2.0,kin\n"
    ties_2 = "src,dst,weight,relation\na,b,2,mentor\nb,c,,\nc,a,4,\nb,a,2,kin\n"
    first = _options(tmp_path, PEOPLE, ties_1)
    with open_store(tmp_path / "rows.lbug") as by_rows:
        by_rows.init()
        by_rows.write(network_map(first), "first")
        write_network(store, first, provenance="first")
        second = _options(tmp_path, PEOPLE, ties_2)
        expected = by_rows.write(network_map(second), "second")
        plan = write_network(store, second, provenance="second")
        assert plan.updated_ties and not plan.ties  # the changed ties stayed columns
        assert plan.counts() == expected.counts()
        assert (plan.unchanged_nodes, plan.unchanged_ties) == (0, 0)

        def changes(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
            return sorted((r["action"], r["id"], r["fields"]) for r in rows if r["what"] == "KNOWS")

        assert changes(plan.summary_rows()) == changes(expected.summary_rows())
        assert stored_rows(store) == stored_rows(by_rows)
        write_network(store, second, provenance="second")  # and again: nothing changes
        again = write_network(store, second, provenance="second")
        assert again.is_empty and again.unchanged_ties == 4


def test_a_masked_report_of_changed_ties_in_columns_never_names_a_hidden_person(
    store: GraphStore, tmp_path: Path
) -> None:
    people = "pid,name,ok\nzed,Zed Ward,private\nann,Ann Lee,public\nbob,Bob Roe,public\n"
    first = _options(tmp_path, people, "src,dst,w\nzed,ann,1\nann,bob,1\n")
    write_network(store, first, provenance="p")
    options = _options(tmp_path, people, "src,dst,w\nzed,ann,2\nann,bob,2\n")
    plan = write_network(store, options, provenance="p", dry_run=True)
    assert plan.updated_ties
    seen = Audience.of(plan_people(plan, store.project()), "public")
    rows = masked_plan(plan, seen).summary_rows()
    assert not any("zed" in str(row) or "Zed" in str(row) for row in rows)
    placeholder = seen.mask("zed")
    assert [row["id"] for row in rows] == ["ann -> bob", f"{placeholder} -> ann"]
