"""Store what the spider fetched in the catalogue: one pipeline, one concern."""
from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from chidao.documents import add_document, mark_gone
from crawler.items import DocumentItem, GoneItem


class CataloguePipeline:
    """Documents through ``add_document`` (new / new version / unchanged), 404s and 410s
    through ``mark_gone``; then the frontier row is closed, in that order, so a kill
    between the two only means one harmless re-fetch."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CataloguePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        spider = self.crawler.spider
        state, stats = spider.state, spider.run_stats[item.source_id]  # type: ignore[union-attr]
        db = state.db
        if isinstance(item, GoneItem):
            if mark_gone(db, item.doc_id):
                stats.gone += 1
                spider.progress(item.source_id, f"gone ({item.status}) {item.canonical_url}")
            state.done(item.canonical_url, f"gone-{item.status}")
            return item
        if isinstance(item, DocumentItem):
            parent_id = None
            if item.parent_doc_id:
                row = db.execute("select id from documents where doc_id = ?",
                                 [item.parent_doc_id]).fetchone()
                parent_id = row[0] if row else None
            result = add_document(
                db, doc_id=item.doc_id, text=item.text, title=item.title, url=item.url,
                canonical_url=item.canonical_url, source_id=item.source_id,
                published=item.published, format=item.format, parent_id=parent_id,
                etag=item.etag, last_modified=item.last_modified, meta=item.meta or None)
            setattr(stats, result.status, getattr(stats, result.status) + 1)
            state.done(item.canonical_url, result.status)
            spider.progress(item.source_id, f"{result.status} {item.canonical_url}")
        return item
