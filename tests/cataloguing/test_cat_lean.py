"""m006_lean_writes: an m005 catalogue upgrades, and the faster reads give the answers a
straightforward count over the normalised tables gives."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
import sqlite_utils

from chidao import db as catalogue_db
from chidao import store
from chidao.compare import compare
from chidao.documents import add_document
from chidao.export import directives
from chidao.search import search
from chidao.store import batch, save_extraction
from tests.cataloguing.conftest import DOCS, VERSION, build, directive

DROPPED = {"idx_directives_date", "idx_directives_extractor_version", "idx_directives_issuer_id",
           "idx_measures_category_directive_id", "idx_doc_references_number"}
PROVINCES = [("Kiên Giang", "An Giang"), ("Bình Định", "Gia Lai"), ("Cà Mau", "Cà Mau"),
             ("Hà Giang", "Tuyên Quang"), (None, None)]
FOLD_DEFAULT = store.FOLD_DIRECTIVES
CATEGORIES = ["sanction", "inspect", "report", "comply", "enforce_halt"]


def _indexes(db: sqlite_utils.Database) -> set[str]:
    return {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _direct_totals(db: sqlite_utils.Database, by: str) -> dict[str, int]:
    """compare()'s totals as m005 computed them, from the directives themselves."""
    return dict(db.execute(f"SELECT province_{by}, count(*) FROM directives "
                           f"WHERE province_{by} IS NOT NULL GROUP BY 1").fetchall())


def _direct_matrix(db: sqlite_utils.Database, by: str) -> dict[str, dict[str, int]]:
    matrix: dict[str, dict[str, int]] = {}
    for province, category, n in db.execute(f"""
            SELECT d.province_{by}, m.category, count(DISTINCT d.id) FROM directives d
            JOIN measures m ON m.directive_id = d.id WHERE d.province_{by} IS NOT NULL
            GROUP BY 1, 2"""):
        matrix.setdefault(province, {})[category] = n
    return matrix


def _random_directive(rng: random.Random) -> dict:
    legacy, current = rng.choice(PROVINCES)
    date = rng.choice([None, f"{rng.randint(2019, 2024)}-{rng.randint(1, 12):02d}-"
                             f"{rng.randint(1, 28):02d}", f"{rng.randint(2019, 2024)}"])
    measures = [(f"biện pháp {rng.randint(1, 99)}", rng.choice(CATEGORIES))
                for _ in range(rng.randint(1, 4))]
    return directive("UBND tỉnh", None, rng.choice(["province", "district"]), legacy, current,
                     measures, addressees=["các sở, ngành"], date=date)


def _fill(db: sqlite_utils.Database, n_docs: int, seed: int = 3) -> None:
    """Random documents of random directives, some saved twice (replaced) or emptied."""
    rng = random.Random(seed)
    ids = []
    with batch(db):
        for i in range(n_docs):
            doc = add_document(db, doc_id=f"r-{seed}-{i}", text=f"Văn bản {i} xử lý nghiêm.",
                               published="2022-05-01")
            ids.append(doc.id)
            save_extraction(db, doc.id, {"directives": [_random_directive(rng) for _ in
                                                        range(rng.randint(0, 3))]}, VERSION)
    for doc_id in rng.sample(ids, n_docs // 4):  # re-extracted: replaced, or now empty
        save_extraction(db, doc_id, {"directives": [_random_directive(rng) for _ in
                                                    range(rng.randint(0, 2))]}, "test-2")


def _assert_compare_is_direct(db: sqlite_utils.Database) -> None:
    for by in ("current", "legacy"):
        result = compare(db, by=by)
        assert result.totals == _direct_totals(db, by)
        assert result.matrix == _direct_matrix(db, by)
        for category in CATEGORIES:
            one = compare(db, by=by, category=category, period="month")
            assert one.totals == {p: v[category] for p, v in _direct_matrix(db, by).items()
                                  if category in v}


def test_m005_catalogue_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = catalogue_db.connect(path, migrate=False)
    catalogue_db.migrations.apply(db, stop_before="m006_lean_writes")
    assert "facets" in db["documents"].columns_dict and DROPPED <= _indexes(db)
    # Today's writer on the m005 schema: what it adds to tables m005 lacks goes to
    # temporary stand-ins, and the totals the m005 writer kept are computed at the end.
    db.execute("CREATE TEMP TABLE category_totals_mark AS SELECT 0 AS folded_through")
    db.execute("CREATE TEMP TABLE directive_counts (province_legacy, province_current, month, "
               "directives, PRIMARY KEY (province_legacy, province_current, month))")
    for doc in DOCS:
        added = add_document(db, doc_id=doc["doc_id"], text=doc["text"],
                             title=doc["text"].split("\n")[0], source_id=doc["source"],
                             published=doc["published"])
        save_extraction(db, added.id, {"directives": doc["directives"]}, VERSION)
    _fill(db, 40)
    db.execute("DELETE FROM category_counts")
    db.execute("""INSERT INTO category_counts SELECT province_legacy, province_current, month,
                  category, count(*), sum(measures) FROM directive_categories GROUP BY 1, 2, 3, 4""")
    db.conn.commit()
    db.close()

    db = catalogue_db.connect(path)  # applies m006
    assert "facets" not in db["documents"].columns_dict
    assert not DROPPED & _indexes(db) and "idx_directives_month" in _indexes(db)
    _assert_compare_is_direct(db)
    assert [h.id for h in search(db, "xu ly nghiem", province="Cà Mau")]
    _fill(db, 20, seed=4)  # and it keeps them right as it is written to
    _assert_compare_is_direct(db)


@pytest.mark.parametrize("fold_every", [FOLD_DEFAULT, 1, 7])
def test_compare_equals_direct_counts_after_saves_and_replacements(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fold_every: int) -> None:
    """Totals folded often, seldom or never, with replaced and deleted directives on both
    sides of the fold mark, sum to what the directives themselves say."""
    monkeypatch.setattr(store, "FOLD_DIRECTIVES", fold_every)
    db = build(tmp_path / "c.db")
    _fill(db, 60)
    _assert_compare_is_direct(db)
    assert db.execute("SELECT sum(directives) FROM category_counts").fetchone()[0] == \
        db.execute("SELECT count(*) FROM directive_categories").fetchone()[0]
    folded = db.execute("SELECT folded_through FROM category_totals_mark").fetchone()[0]
    assert (folded > 0) == (fold_every < FOLD_DEFAULT)
    assert db.execute("SELECT sum(directives) FROM directive_counts").fetchone()[0] == \
        db.execute("SELECT count(*) FROM directives").fetchone()[0]


@pytest.mark.parametrize("filters", [{}, {"since": "2021"}, {"since": "2021-06-15"},
                                     {"until": "2022-03"}, {"until": "2022-03-10"},
                                     {"until": "2022"}, {"since": "2020-02", "until": "2023-11-30"},
                                     {"province": "Gia Lai", "since": "2022"}])
def test_export_order_and_date_filters_are_plain_sql(tmp_path: Path, filters: dict) -> None:
    """Export walks the month index: same rows, in (date, id) order, as plain SQL gives."""
    db = build(tmp_path / "e.db")
    _fill(db, 60)
    where, params = ["1"], []
    if "since" in filters:
        where.append("date >= ?")
        params.append(filters["since"])
    if "until" in filters:
        where.append(f"substr(date, 1, {len(filters['until'])}) <= ?")
        params.append(filters["until"])
    if "province" in filters:
        where.append("province_current = ?")
        params.append(filters["province"])
    expected = [i for (i,) in db.execute(f"SELECT id FROM directives WHERE {' AND '.join(where)} "
                                         "ORDER BY date, id", params)]
    assert [r["id"] for r in directives(db, **filters)] == expected


def test_export_walks_the_month_index(db: sqlite_utils.Database) -> None:
    plan = " / ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT d.id FROM directives d "
        "ORDER BY substr(d.date, 1, 7), d.date, d.id"))
    assert "idx_directives_month" in plan and "RIGHT PART OF ORDER BY" in plan


def test_new_catalogues_use_16k_pages_and_old_ones_keep_theirs(tmp_path: Path) -> None:
    new = catalogue_db.connect(tmp_path / "new.db")
    assert new.execute("PRAGMA page_size").fetchone()[0] == 16384
    # the WAL is still checkpointed every ~200 MB, whatever the page size
    assert new.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 200 * 2**20 // 16384
    new.close()
    old_path = tmp_path / "old.db"
    old = sqlite_utils.Database(old_path)  # a 4 KB-page catalogue, as made before 0.4.0
    old["t"].insert({"a": 1})
    old.close()
    reopened = catalogue_db.connect(old_path)
    assert reopened.execute("PRAGMA page_size").fetchone()[0] == 4096
    assert reopened.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 200 * 2**20 // 4096
    assert reopened.execute("SELECT count(*) FROM directives").fetchone()[0] == 0
    reopened.close()
