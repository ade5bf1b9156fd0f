"""First crawl, second crawl, edits, removals: the catalogue follows the sites exactly."""
from __future__ import annotations

import json

MAIN = ("test-portal", "test-news", "test-gazette")
ARTICLE_SUFFIXES = (".html", ".pdf", ".docx")


def document_fetches(entries: list[dict]) -> list[dict]:
    """Requests for article or attachment bodies (not feeds, sitemaps or listings)."""
    return [e for e in entries if e["path"].endswith(ARTICLE_SUFFIXES)
            or "/van-ban/" in e["path"]]


def test_first_crawl_stores_articles_and_attachments(site):
    summary = site.crawl(*MAIN)
    assert summary.status == "finished"
    assert {k: (s.new, s.errors) for k, s in summary.sources.items()} == {
        "test-portal": (8, 0), "test-news": (4, 0), "test-gazette": (4, 0)}
    db = site.db()
    docs = {r["doc_id"].split("/", 4)[-1]: r for r in db["documents"].rows}
    assert len(docs) == 16
    pdf, docx = docs["portal/files/qd-1.pdf"], docs["portal/files/cv-1.docx"]
    assert pdf["format"] == "pdf" and "QUYET DINH so 1/QD-UBND" in pdf["text"]
    assert docx["format"] == "docx" and "Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo" in docx["text"]
    parents = {db["documents"].get(d["parent_id"])["doc_id"].rsplit("/", 1)[-1]
               for d in (pdf, docx)}
    assert parents <= {"bai-1.html", "bai-2.html"}
    assert docx["parent_id"] == docs["portal/chi-dao-dieu-hanh/bai-1.html"]["id"]
    article = docs["portal/chi-dao-dieu-hanh/bai-1.html"]
    assert article["title"] == "Chủ tịch UBND tỉnh chỉ đạo khắc phục hậu quả mưa lũ"
    assert article["published"] == "2024-05-01" and article["source_id"] == "test-portal"
    assert "khẩn trương khắc phục hậu quả mưa lũ" in article["text"]
    assert article["etag"]  # kept for the next run's conditional request
    assert docs["news/bai-viet-2.html"]["last_modified"].endswith("GMT")

    log = site.log()
    bai1 = [e for e in log if e["path"].endswith("/portal/chi-dao-dieu-hanh/bai-1.html")]
    assert len(bai1) == 1 and bai1[0]["query"] == ""  # utm_/fbclid copy fetched as one page
    assert not any("/private/" in e["path"] for e in log)  # robots.txt obeyed
    pdfs = [e for e in log if e["path"].endswith("qd-1.pdf")]
    assert len(pdfs) == 1  # linked from two articles, fetched once

    runs = list(db.query("select * from crawl_runs order by source_id"))
    assert [(r["source_id"], r["status"], r["new_documents"]) for r in runs] == [
        ("test-gazette", "finished", 4), ("test-news", "finished", 4),
        ("test-portal", "finished", 8)]
    sources = {r["id"]: r for r in db["sources"].rows}
    assert sources["test-portal"]["health"] == "ok"
    assert sources["test-portal"]["documents"] == 8
    assert json.loads(sources["test-news"]["config"])["feeds"][0].endswith("/news/rss.xml")
    assert not list(db.query("select * from crawl_frontier where done_at is null"))


def test_second_run_over_unchanged_site_fetches_no_article(site):
    site.crawl(*MAIN)
    db = site.db()
    before = (db["documents"].count, db["document_versions"].count)
    seen = len(site.log())
    summary = site.crawl(*MAIN)
    second = site.log()[seen:]
    bodies = [e for e in document_fetches(second) if e["status"] == 200]
    assert bodies == []  # only feeds, listings, sitemaps, and 304s
    conditional = [e for e in document_fetches(second) if e["status"] == 304]
    assert conditional and all(e["if_none_match"] or e["if_modified_since"]
                               for e in conditional)
    assert (db["documents"].count, db["document_versions"].count) == before
    totals = summary.totals
    assert (totals["new"], totals["updated"], totals["errors"]) == (0, 0, 0)
    assert totals["unchanged"] + totals["skipped"] >= 14


def test_edited_articles_become_new_versions_and_keep_the_old(site):
    site.crawl(*MAIN)
    edited = {"portal/chi-dao-dieu-hanh/bai-2.html": "ETag",
              "news/bai-viet-1.html": "Last-Modified",
              "gazette/van-ban/2": "sitemap lastmod"}
    for key in edited:
        site.control("edit", key=key)
    summary = site.crawl(*MAIN)
    assert summary.totals["updated"] == 3 and summary.totals["new"] == 0
    db = site.db()
    for key in edited:
        doc = next(db["documents"].rows_where("doc_id like ?", [f"%/{key}"]))
        assert doc["version"] == 2 and "Cập nhật lần 2" in doc["text"]
        versions = list(db["document_versions"].rows_where(
            "document_id = ?", [doc["id"]], order_by="version"))
        assert [v["version"] for v in versions] == [1, 2]
        assert "Cập nhật lần 2" not in versions[0]["text"]
    assert db["documents"].count == 16


def test_removed_articles_are_marked_gone_not_deleted(site):
    site.crawl(*MAIN)
    site.control("remove", key="portal/chi-dao-dieu-hanh/bai-3.html", status="404")
    site.control("remove", key="news/bai-viet-2.html", status="410")
    summary = site.crawl(*MAIN)
    assert summary.sources["test-portal"].gone == 1
    assert summary.sources["test-news"].gone == 1
    db = site.db()
    gone = {r["doc_id"].rsplit("/", 1)[-1]: r for r in
            db["documents"].rows_where("status = 'gone'")}
    assert set(gone) == {"bai-3.html", "bai-viet-2.html"}
    assert all(r["text"] for r in gone.values())  # content kept
    assert db["documents"].count == 16


def test_since_leaves_out_older_sitemap_entries(site):
    summary = site.crawl("test-gazette", since="2024-01-01")
    assert summary.sources["test-gazette"].new == 3
    paths = {e["path"] for e in site.log()}
    assert not any(p.endswith("/van-ban/4") for p in paths)  # lastmod 2023


def test_max_pages_caps_requests_per_source(site):
    summary = site.crawl("test-portal", max_pages=3)
    stats = summary.sources["test-portal"]
    assert stats.pages <= 3
    assert 1 <= site.db()["documents"].count < 8
