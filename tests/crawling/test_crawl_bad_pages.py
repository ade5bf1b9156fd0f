"""One bad page never stops a crawl, and each failure is recorded with its URL."""
from __future__ import annotations

import json


def test_bad_pages_are_recorded_and_the_rest_is_stored(site):
    summary = site.crawl("test-bad")
    assert summary.status == "finished"
    stats = summary.sources["test-bad"]
    db = site.db()
    docs = {r["doc_id"].rsplit("/", 1)[-1]: r for r in db["documents"].rows}
    # Good, retried, and re-decoded pages are all there, in clean Unicode.
    assert set(docs) == {"bai-ok.html", "bai-500.html", "bai-charset.html", "bai-1258.html",
                         "bai-tcvn3.html"}
    assert "Ủy ban nhân dân tỉnh chỉ đạo các cơ quan chấn chỉnh" in docs["bai-charset.html"]["text"]
    assert json.loads(docs["bai-charset.html"]["meta"])["encoding"] == "utf-8"
    assert "Công an tỉnh chủ trì" in docs["bai-1258.html"]["text"]  # windows-1258
    assert json.loads(docs["bai-1258.html"]["meta"])["encoding"] == "cp1258"
    assert "Chủ tịch Uỷ ban nhân dân tỉnh chỉ đạo các sở" in docs["bai-tcvn3.html"]["text"]
    statuses = [e["status"] for e in site.log() if e["path"].endswith("/bai-500.html")]
    assert statuses == [500, 200]  # retried after a backoff, then stored

    errors = "\n".join(stats.error_log)
    base = f"{site.base}/bad"
    assert f"{base}/bai-slow.html" in errors and "Timeout" in errors
    assert f"{base}/loop-a.html" in errors and "redirect" in errors.lower()
    assert f"{base}/bai-junk.html: binary data" in errors
    assert f"{base}/bai-huge.html" in errors
    assert stats.errors == 4 and stats.health == "degraded"
    # A 404 for a page never stored is not an error and creates nothing.
    assert f"{base}/bai-404.html" not in errors and "bai-404.html" not in docs

    run = next(db["crawl_runs"].rows_where("source_id = 'test-bad'"))
    assert run["status"] == "finished" and run["errors"] == 4
    assert any("bai-junk.html" in line for line in json.loads(run["error_log"]))
    assert db["sources"].get("test-bad")["health"] == "degraded"
    assert not list(db.query("select * from crawl_frontier where done_at is null"))
