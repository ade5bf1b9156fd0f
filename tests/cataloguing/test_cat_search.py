"""search(): accent folding, FTS-syntax safety, filters, ranking, snippets."""
from __future__ import annotations

import pytest
import sqlite_utils

from chidao.search import Query, search


def test_accent_free_query_finds_accented_text(db: sqlite_utils.Database) -> None:
    hits = search(db, "xu ly nghiem")
    assert {h.province_current for h in hits} >= {"An Giang", "Cà Mau"}
    assert any("[xử lý nghiêm]" in h.snippet for h in hits)
    assert all("[" in h.snippet for h in hits)


def test_d_stroke_is_folded(db: sqlite_utils.Database) -> None:
    hits = search(db, "dinh chi")
    # The directive that orders it first; the other directive of the same document after,
    # found through the document text only.
    assert [(h.issuer, h.matched) for h in hits] == [
        ("Chủ tịch UBND tỉnh Bình Định Phạm Anh Tuấn", "both"), ("UBND huyện Tây Sơn", "document")]
    assert "[đình chỉ]" in hits[0].snippet and "[đình chỉ]" in hits[1].snippet
    # The accented query folds the same way.
    assert [h.id for h in search(db, "ĐÌNH CHỈ")] == [h.id for h in hits]


@pytest.mark.parametrize("query", ['"xu', "xu AND OR NOT", "NEAR(ly", "a*b:c^", "'; DROP TABLE x; --",
                                   "col : xu", "(((ly", "-xu +ly", "{search_text}: x", "facets : fyr2023"])
def test_fts_syntax_never_raises(db: sqlite_utils.Database, query: str) -> None:
    assert isinstance(search(db, query), list)
    assert db.execute("SELECT count(*) FROM directives").fetchone()[0] == 5


def test_user_cannot_reach_facet_tokens(db: sqlite_utils.Database) -> None:
    assert search(db, "fyr2023") == [] and search(db, "fpcangiang") == []


def test_query_tokens_are_quoted() -> None:
    expr = Query.parse('xử lý "OR" NEAR(').fts()
    assert expr == 'search_text : ("or" AND "xu" + "ly" + "near")'


def test_empty_query_is_a_clear_error(db: sqlite_utils.Database) -> None:
    for query in (" ?! ", '"', "((("):
        with pytest.raises(ValueError, match="no words"):
            search(db, query)


def test_phrase_first_then_near(db: sqlite_utils.Database) -> None:
    # "xu nghiem" is not a phrase anywhere; relaxed to NEAR it finds "xử lý nghiêm".
    assert search(db, "xu nghiem")
    assert not search(db, '"xu nghiem"')


def test_filters(db: sqlite_utils.Database) -> None:
    assert {h.province_current for h in search(db, "xu ly nghiem", province="an giang")} == {"An Giang"}
    legacy = search(db, "bao cao", province="Bình Định", by="legacy")
    assert {h.province_legacy for h in legacy} == {"Bình Định"} and len(legacy) == 2
    assert [h.level for h in search(db, "bao cao", level="district")] == ["district"]
    assert {h.id for h in search(db, "xu ly nghiem", category="investigate")} == \
        {h.id for h in search(db, "xu ly nghiem", level="central")}
    assert {h.date[:4] for h in search(db, "xu ly nghiem", since="2024")} == {"2024"}
    assert {h.date for h in search(db, "xu ly nghiem", until="2017-10")} == {"2017-10-30"}
    assert [h.source for h in search(db, "kiem tra", source="baocamau.vn")] == ["baocamau.vn"]
    assert search(db, "xu ly nghiem", since="2030") == []


@pytest.mark.parametrize("kwargs, message", [
    ({"province": "Atlantis"}, "Valid choices: .*An Giang"),
    ({"province": "Kiên Giang"}, "now part of An Giang"),
    ({"province": "Atlantis", "by": "legacy"}, "Valid choices: .*Kiên Giang"),
    ({"level": "national"}, "Valid choices: central, province"),
    ({"category": "punish"}, "Valid choices: inspect, sanction"),
    ({"since": "2023-13"}, "not a date"),
    ({"until": "yesterday"}, "not a date"),
    ({"since": "2024", "until": "2023"}, "after"),
    ({"source": "nowhere.vn"}, "Valid choices: .*baocamau.vn"),
    ({"by": "future"}, "--by must be one of"),
])
def test_bad_filters_list_choices(db: sqlite_utils.Database, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        search(db, "xu ly", **kwargs)


def test_ranked_best_first(db: sqlite_utils.Database) -> None:
    hits = search(db, "bao cao")
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and len(hits) == 3
    # Matches in the directive's own words outrank matches only in the document text.
    assert [h.matched for h in hits][-1] == "document"
    assert search(db, "bao cao", limit=1)[0].id == hits[0].id


def test_search_leaves_the_connection_as_it_was(db: sqlite_utils.Database) -> None:
    # Relaxed and document-only matches are checked in a scratch index: that must not open
    # a transaction on the caller's connection (a later `batch` would then never commit).
    for query, filters in (("xu nghiem", {}), ("bao cao", {"province": "Bình Định", "by": "legacy"}),
                           ("dinh chi", {"level": "district"})):
        assert search(db, query, **filters)
        assert not db.conn.in_transaction
