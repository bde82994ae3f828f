"""An embedded tie table has a column once a tie in it has a value for it.

Each column of a tie table costs load time for every tie, blank or not, so tables are
made with the provenance stamp and the fields named queries read
(``cosgraph.store.schema.TIE_FIELDS_UP_FRONT``), and gain the model's other tie fields
the first time a load, by either path, writes a value into one.
"""

from __future__ import annotations

from pathlib import Path

from cosgraph.loaders.network import network_options

from cosgraph.model import CommunityMap, Person, Tie
from cosgraph.network_load import write_network
from cosgraph.store import open_store
from cosgraph.store.embedded import EmbeddedStore
from cosgraph.store.schema import PROVENANCE_COLUMNS


def _store(tmp_path: Path) -> EmbeddedStore:
    store = open_store(tmp_path / "map.lbug")
    assert isinstance(store, EmbeddedStore)
    store.init()
    return store


def test_a_new_store_makes_tie_tables_with_only_the_stamp_and_what_queries_read(
    tmp_path: Path,
) -> None:
    with _store(tmp_path) as store:
        columns = store.columns()
    stamp = set(PROVENANCE_COLUMNS)
    assert set(columns["KNOWS"]) == stamp
    assert set(columns["ADOPTED"]) == stamp | {"period", "date", "learned_from"}
    assert set(columns["DECIDES"]) == set(columns["INFLUENCES"]) == stamp | {"stance"}


def test_the_queries_that_read_tie_fields_run_on_a_new_store(tmp_path: Path) -> None:
    with _store(tmp_path) as store:
        assert store.query("adoption_timeline", practice="nothing") == []
        assert store.query("adoption_cascade", practice="nothing") == []
        assert store.query("lever_decision_makers", lever="nothing") == []
        assert store.project_arrays(["person"], ["KNOWS"]).ties.num_rows == 0


def test_a_columnar_load_adds_the_tie_fields_its_file_fills_and_no_other(tmp_path: Path) -> None:
    (tmp_path / "people.csv").write_text("pid\na\nb\nc\n")
    (tmp_path / "ties.csv").write_text("src,dst,weight,role\na,b,2,chair\nb,c,,\n")
    options = network_options(
        tmp_path / "people.csv",
        tmp_path / "ties.csv",
        id_column="pid",
        from_column="src",
        to_column="dst",
    )
    with _store(tmp_path) as store:
        write_network(store, options, provenance="people.csv + ties.csv")
        assert set(store.columns()["KNOWS"]) == {*PROVENANCE_COLUMNS, "weight", "role"}
        ties = store.project_arrays(["person"], ["KNOWS"]).ties.sort_by("source")
        assert ties["weight"].to_pylist() == [2.0, None]
        assert ties["strength"].to_pylist() == [None, None]
        graph = store.project()
    assert graph.edges["a", "b", "KNOWS"]["role"] == "chair"


def test_a_row_load_adds_a_tie_field_when_a_tie_first_has_it(tmp_path: Path) -> None:
    people = [Person(id="a"), Person(id="b")]
    with _store(tmp_path) as store:
        store.write(CommunityMap(nodes=people, ties=[Tie(type="TRUSTS", source="a", target="b")]))
        assert "strength" not in store.columns()["TRUSTS"]
        tie = Tie(type="TRUSTS", source="a", target="b", strength=3)
        plan = store.write(CommunityMap(nodes=people, ties=[tie]))
        assert plan.new_columns == {"TRUSTS": {"strength": "DOUBLE"}}
        assert store.project().edges["a", "b", "TRUSTS"]["strength"] == 3.0
