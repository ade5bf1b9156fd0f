"""save_extraction / pending_documents: rows, replacement, history, running totals."""
from __future__ import annotations

import sqlite_utils

from chidao.documents import add_document
from chidao.store import pending_documents, save_extraction
from tests.cataloguing.conftest import DOCS, VERSION, directive


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("directives", "measures", "addressees", "targets", "deadlines",
                      "evidence", "directive_categories", "issuers")}


def test_rows_are_spread_over_tables(db: sqlite_utils.Database) -> None:
    c = counts(db)
    assert c["directives"] == 5
    assert c["measures"] == sum(len(d["measures"]) for doc in DOCS for d in doc["directives"])
    assert c["deadlines"] == 2 and c["evidence"] == 4
    row = db.execute("SELECT instrument_number, province_legacy, province_current, year "
                     "FROM directives WHERE issuer_text LIKE '%Kiên Giang%'").fetchone()
    assert row == ("1526/UBND-NC", "Kiên Giang", "An Giang", 2023)
    # Spans without given offsets are found in the text, so `show` can place them.
    start, end, text = db.execute("SELECT start, end, text FROM deadlines WHERE "
                                  "text LIKE 'trước%'").fetchone()
    assert DOCS[0]["text"][start:end] == text


def test_resave_replaces_and_keeps_totals_consistent(db: sqlite_utils.Database) -> None:
    before = counts(db)
    doc_pk = db.execute("SELECT id FROM documents WHERE doc_id = 'bd-cat'").fetchone()[0]
    ids = save_extraction(db, doc_pk, {"doc_id": "bd-cat", "directives": DOCS[1]["directives"]},
                          VERSION)
    assert len(ids) == 2 and counts(db) == before
    # One directive fewer: its measures and its share of the running totals go too.
    save_extraction(db, doc_pk, {"doc_id": "bd-cat", "directives": DOCS[1]["directives"][:1]},
                    "test-2")
    assert counts(db)["directives"] == before["directives"] - 1
    assert db.execute("SELECT sum(directives) FROM category_counts").fetchone()[0] == \
        db.execute("SELECT count(*) FROM directive_categories").fetchone()[0]
    assert db.execute("SELECT count(*) FROM extractions WHERE document_id = ?",
                      (doc_pk,)).fetchone()[0] == 2  # history per extractor version


def test_zero_directives_and_errors_are_recorded(db: sqlite_utils.Database) -> None:
    new = add_document(db, doc_id="empty", text="Thời tiết hôm nay nắng đẹp.")
    assert [r["doc_id"] for r in pending_documents(db, VERSION)] == ["empty"]
    assert save_extraction(db, new.id, {"doc_id": "empty", "directives": []}, VERSION) == []
    assert list(pending_documents(db, VERSION)) == []
    other = add_document(db, doc_id="broken", text="Văn bản lỗi.")
    save_extraction(db, other.id, {"doc_id": "broken", "error": "timeout"}, VERSION)
    row = db.execute("SELECT directives, error FROM extractions WHERE document_id = ?",
                     (other.id,)).fetchone()
    assert row == (0, "timeout")


def test_pending_sees_new_versions_and_new_extractors(db: sqlite_utils.Database) -> None:
    assert list(pending_documents(db, VERSION)) == []
    assert len(list(pending_documents(db, "test-9"))) == len(DOCS)
    edited = add_document(db, doc_id="cm-kyluat", text=DOCS[2]["text"] + " Bổ sung.",
                          title="Cà Mau")
    assert edited.status == "updated"
    assert [r["doc_id"] for r in pending_documents(db, VERSION)] == ["cm-kyluat"]


def test_given_offsets_win_and_issuers_are_shared(db: sqlite_utils.Database) -> None:
    text = "UBND tỉnh Vĩnh Phúc yêu cầu Sở Nội vụ kiểm tra. UBND tỉnh Vĩnh Phúc giao Sở Y tế báo cáo."
    doc = add_document(db, doc_id="vp", text=text)
    d1 = directive("UBND tỉnh Vĩnh Phúc", "UBND tỉnh Vĩnh Phúc", "province", "Vĩnh Phúc",
                   "Phú Thọ", [("kiểm tra", "inspect")], addressees=["Sở Nội vụ"])
    d2 = directive("UBND tỉnh Vĩnh Phúc", "UBND tỉnh Vĩnh Phúc", "province", "Vĩnh Phúc",
                   "Phú Thọ", [("báo cáo", "report")], addressees=["Sở Y tế"])
    at = text.rindex("báo cáo")
    d2["measure_offsets"] = [[at, at + 7]]
    ids = save_extraction(db, doc.id, {"doc_id": "vp", "directives": [d1, d2]}, VERSION)
    issuers = {db.execute("SELECT issuer_id FROM directives WHERE id = ?", (i,)).fetchone()[0]
               for i in ids}
    assert len(issuers) == 1
    start, end = db.execute("SELECT start, end FROM measures WHERE directive_id = ?",
                            (ids[1],)).fetchone()
    assert (start, end) == (at, at + 7) and text[start:end] == "báo cáo"


def test_fold_chars_preserves_length_on_odd_characters() -> None:
    from chidao.store import fold_chars

    text = "Đình chỉ, XỬ LÝ nghiêm! Thừa Thiên - Huế: ỗ ự ĩ ñ ß İ ﬁ 😀 漢字\tđ"
    folded = fold_chars(text)
    assert len(folded) == len(text)
    assert folded.startswith("dinh chi, xu ly nghiem! thua thien - hue: o u i n")
    assert folded.endswith("😀 漢字\td")


def test_batch_is_one_transaction(db: sqlite_utils.Database) -> None:
    import pytest

    from chidao.store import batch

    a = add_document(db, doc_id="b1", text="UBND tỉnh Gia Lai yêu cầu kiểm tra.")
    b = add_document(db, doc_id="b2", text="UBND tỉnh Gia Lai yêu cầu báo cáo.")
    d = directive("UBND tỉnh Gia Lai", None, "province", "Gia Lai", "Gia Lai",
                  [("kiểm tra", "inspect")], addressees=[])
    with pytest.raises(RuntimeError), batch(db):
        save_extraction(db, a.id, {"directives": [d]}, VERSION)
        raise RuntimeError("extractor crashed")
    assert db.execute("SELECT count(*) FROM directives WHERE document_id = ?",
                      (a.id,)).fetchone()[0] == 0  # rolled back with the batch
    with batch(db):
        save_extraction(db, a.id, {"directives": [d]}, VERSION)
        save_extraction(db, b.id, {"directives": [d]}, VERSION)
    assert db.execute("SELECT count(*) FROM directives WHERE document_id IN (?, ?)",
                      (a.id, b.id)).fetchone()[0] == 2


def test_fast_paths_give_what_the_originals_give() -> None:
    """`chidao.store`'s shortcuts for folding, JSON and the timestamp change nothing stored."""
    import json
    import re

    from chidao.documents import now
    from chidao.store import _categories_json, _fold, _json, _now, directive_text, fold_chars

    texts = [
        "Chủ tịch UBND tỉnh Kiên Giang\nCÔNG VĂN 1526/UBND-NC\n“xử lý nghiêm” – đình chỉ…",
        "ĐẮK LẮK: ỗ ự ĩ, \u00a0°\t\r\n~",
        "ñ ß İ ﬁ 😀 漢字 \ufffe \x00 \x7f",  # outside the fast table: through fold_chars
        "", "\x00", "a" * 5000, "".join(map(chr, range(0x250))),
    ]
    for text in texts:
        assert _fold(text) == fold_chars(text), text
    for d, _ in [(d, doc) for doc in DOCS for d in doc["directives"]]:
        assert _json(d) == json.dumps(d, ensure_ascii=False)
        assert _fold(directive_text(d)) == fold_chars(directive_text(d))
    assert _json({"x": [1.5, None, True, "đ\"\\\n"]}) == json.dumps(
        {"x": [1.5, None, True, "đ\"\\\n"]}, ensure_ascii=False)
    assert _categories_json(("inspect", "sanction")) == '["inspect", "sanction"]'
    assert _categories_json(()) == "[]"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", _now())
    assert _now()[:16] <= now()[:16]


def test_directive_text_normalises_each_line() -> None:
    from unicodedata import normalize

    from chidao.store import directive_text

    decomposed = normalize("NFD", "Sở Y tế")
    d = {"issuer": {"text": decomposed}, "addressees": ["\u0301lạ", decomposed, ""],
         "measures": [{"text": "kiểm tra"}], "references": [{"number": "5/CĐ"}]}
    assert directive_text(d) == "\n".join(normalize("NFC", line) for line in
                                          (decomposed, "\u0301lạ", decomposed, "kiểm tra",
                                           "5/CĐ"))


def test_export_carries_each_span_s_offsets_evidence_and_extractor_version(db: sqlite_utils.Database) -> None:
    """JSON and JSON Lines exports let a researcher check every span against its document."""
    from chidao.export import directives

    text = "UBND tỉnh Vĩnh Phúc yêu cầu Sở Nội vụ kiểm tra việc chấp hành giờ giấc."
    doc = add_document(db, doc_id="vp-export", text=text)
    d = directive("UBND tỉnh Vĩnh Phúc", "UBND tỉnh Vĩnh Phúc", "province", "Vĩnh Phúc", "Phú Thọ",
                  [("kiểm tra việc chấp hành giờ giấc", "inspect")], addressees=["Sở Nội vụ"], text=text)
    at = text.index("kiểm tra")
    d["measure_offsets"] = [[at, len(text) - 1]]
    d["issuer_offsets"] = [0, len("UBND tỉnh Vĩnh Phúc")]
    save_extraction(db, doc.id, {"doc_id": "vp-export", "directives": [d]}, VERSION)
    (r,) = [r for r in directives(db) if r["doc_id"] == "vp-export"]
    assert r["extractor_version"] == VERSION and r["organization"] == "UBND tỉnh Vĩnh Phúc"
    assert r["evidence"] and all(0 <= e["start"] < e["end"] <= len(text) for e in r["evidence"])
    (s, e), = r["offsets"]["measures"]
    assert text[s:e] == r["measures"][0]["text"]
    assert text[slice(*r["offsets"]["issuer"])] == r["issuer"]
