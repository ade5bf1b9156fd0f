"""The generic spider: feeds, sitemaps and listing pages lead to articles; articles lead
to their PDF/DOCX attachments.

Incremental by design. Discovery pages (feeds, sitemaps, listings) are fetched every run;
an article the catalogue already holds is fetched again only when

* its sitemap/feed date is newer than our copy (fetched without conditions), or
* it carries an ETag/Last-Modified and was first fetched within CHIDAO_RECHECK_DAYS
  (asked conditionally: an unchanged page answers 304 with no body).

Everything else known is skipped, so a second run over an unchanged site fetches no
article body at all.
"""
from __future__ import annotations

import gzip
import re
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from crawler.items import DocumentItem, GoneItem
from crawler.middlewares import ROBOTS_UNREACHABLE
from crawler.parsers import PARSERS
from crawler.registry import Source
from crawler.state import CrawlState, canonical_url, doc_id_for
from crawler.stats import SourceStats
from crawler.text import ExtractionError, extract_document

_PAGER_TEXT = {"»", "›", ">", ">>", "tiếp", "trang sau", "sau", "next", "xem thêm"}
_PAGE_PARAMS = {"page", "p", "trang", "pageindex", "pagenum", "paged", "start", "offset"}
_SKIP_EXT = re.compile(r"\.(jpe?g|png|gif|webp|svg|ico|css|js|mp4|mp3|zip|rar|xlsx?|pptx?)$", re.I)


def parse_when(value: str | None) -> datetime | None:
    """An aware UTC datetime from a sitemap/feed/ISO date, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime

        try:
            when = parsedate_to_datetime(value)  # RSS pubDate: RFC 822
        except (TypeError, ValueError):
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


class GenericSpider(scrapy.Spider):
    name = "chidao"
    # Answers the spider wants to see rather than have Scrapy drop as errors.
    document_statuses = [304, 404, 410]

    def __init__(
        self,
        sources: list[Source],
        state: CrawlState,
        stats: dict[str, SourceStats],
        since: date | None = None,
        max_pages: int | None = None,
        progress: Callable[[str, str], None] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.sources = {s.id: s for s in sources}
        self.allowed_domains = sorted({d for s in sources for d in s.allowed_domains})
        self.state = state
        self.run_stats = stats
        self.since = since
        self.max_pages = max_pages
        self.progress = progress or (lambda source_id, message: None)
        self.requested: dict[str, int] = {s.id: 0 for s in sources}
        self.scheduled: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> GenericSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._dropped, signal=signals.request_dropped)
        return spider

    def _dropped(self, request: scrapy.Request, **kwargs: Any) -> None:
        """The duplicate filter dropped a document request: close its frontier row.

        Within a run that only happens when a redirect leads back to a URL already
        fetched, i.e. a redirect loop; with a shared Redis filter, also when another
        worker took the page.
        """
        canon = request.meta.get("canonical")
        if not canon:
            return
        if request.meta.get("redirect_times"):
            source = self.sources[request.meta["source_id"]]
            self._error(source, f"{canon}: redirect loop (back to {request.url})")
            self.state.done(canon, "error")
        else:
            self.state.done(canon, "duplicate")

    # --- start ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        # First what a killed run had committed to fetch, then fresh discovery.
        for row in self.state.pending(list(self.sources)):
            source = self.sources[row["source_id"]]
            request = self._document_request(
                source, row["url"], kind=row["kind"], parent_doc_id=row["parent_doc_id"],
                resumed=True)
            if request is not None:
                yield request
        for source in self.sources.values():
            for url in source.feeds:
                yield self._discovery(source, url, self.parse_feed)
            for url in source.sitemaps:
                yield self._discovery(source, url, self.parse_sitemap)
            for url in source.start_urls:
                yield self._discovery(source, url, self.parse_listing, depth=0)

    def _discovery(self, source: Source, url: str, callback: Callable[..., Any],
                   depth: int = 0, dont_filter: bool = True) -> scrapy.Request:
        self.requested[source.id] += 1
        return scrapy.Request(url, callback=callback, errback=self.on_error, priority=10,
                              dont_filter=dont_filter,
                              meta={"source_id": source.id, "depth": depth, "role": "discovery"})

    def _budget_left(self, source: Source) -> bool:
        return self.max_pages is None or self.requested[source.id] < self.max_pages

    # --- discovery -----------------------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        source = self._source(response)
        self._count_page(source)
        selector = scrapy.Selector(text=self._xml_text(response), type="xml")
        selector.remove_namespaces()
        entries = []
        for item in selector.xpath("//item"):
            entries.append((item.xpath("normalize-space(link)").get(),
                            item.xpath("normalize-space(pubDate)").get()
                            or item.xpath("normalize-space(date)").get(), None))
        for entry in selector.xpath("//entry"):
            link = (entry.xpath("link[@rel='alternate']/@href").get()
                    or entry.xpath("link/@href").get())
            updated = entry.xpath("normalize-space(updated)").get()
            entries.append((link, entry.xpath("normalize-space(published)").get() or updated,
                            updated))
        for link, published, updated in entries:
            if not link:
                continue
            url = urljoin(response.url, link)
            if not source.is_article(url) or self._too_old(published):
                continue
            request = self._document_request(source, url, lastmod=updated)
            if request is not None:
                yield request

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        source = self._source(response)
        self._count_page(source)
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # noqa: BLE001 - lxml raises several types on junk
            self._error(source, f"{response.url}: not a sitemap ({exc})")
            return
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc or self._too_old(entry.get("lastmod")):
                continue
            if sitemap.type == "sitemapindex":
                if self._budget_left(source):
                    yield self._discovery(source, loc, self.parse_sitemap, dont_filter=False)
            elif source.is_article(loc):
                request = self._document_request(source, loc, lastmod=entry.get("lastmod"))
                if request is not None:
                    yield request

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        source = self._source(response)
        self._count_page(source)
        if not hasattr(response, "xpath"):
            self._error(source, f"{response.url}: listing page is not HTML")
            return
        depth = response.meta.get("depth", 0)
        for link in response.xpath("//a[@href]"):
            href = link.attrib["href"].strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            url = urljoin(response.url, href)
            if urlsplit(url).scheme not in ("http", "https") or _SKIP_EXT.search(url):
                continue
            if source.is_article(url) and not self._is_pager(link, url, response.url):
                request = self._document_request(source, url)
            elif depth < source.max_depth and (
                    source.is_listing(url) or self._is_pager(link, url, response.url)):
                request = (self._discovery(source, url, self.parse_listing, depth=depth + 1,
                                           dont_filter=False)
                           if self._budget_left(source) else None)
            else:
                continue
            if request is not None:
                yield request

    @staticmethod
    def _is_pager(link: Any, url: str, page_url: str) -> bool:
        """A "next page" link: rel=next, a pager label, or the same path with a page param."""
        if "next" in (link.attrib.get("rel") or "").lower():
            return True
        text = " ".join(link.xpath(".//text()").getall()).strip().lower()
        same_path = urlsplit(url).path == urlsplit(page_url).path
        params = {k.lower() for k, _ in parse_qsl(urlsplit(url).query)}
        return text in _PAGER_TEXT or (same_path and (text.isdigit() or bool(params & _PAGE_PARAMS)))

    def _too_old(self, when: str | None) -> bool:
        if self.since is None:
            return False
        parsed = parse_when(when)
        return parsed is not None and parsed.date() < self.since

    # --- documents -----------------------------------------------------------------------

    def _document_request(self, source: Source, url: str, *, lastmod: str | None = None,
                          kind: str = "article", parent_doc_id: str | None = None,
                          resumed: bool = False) -> scrapy.Request | None:
        canon = canonical_url(url)
        if canon in self.scheduled:
            return None  # the same page under utm_ parameters, or listed twice
        if not resumed and not self._budget_left(source):
            return None
        doc_id = doc_id_for(canon)
        headers: dict[str, str] = {}
        known = self.state.known(doc_id)
        if known is not None:
            headers_or_skip = self._revisit(known, lastmod)
            if headers_or_skip is None:
                self.scheduled.add(canon)
                self.run_stats[source.id].skipped += 1
                if resumed:
                    self.state.done(canon, "skipped")
                return None
            headers = headers_or_skip
        self.scheduled.add(canon)
        self.requested[source.id] += 1
        self.state.enqueue(canon, source.id, kind, parent_doc_id)
        return scrapy.Request(
            canon, callback=self.parse_document, errback=self.on_error, headers=headers,
            meta={"source_id": source.id, "doc_id": doc_id, "canonical": canon, "kind": kind,
                  "parent_doc_id": parent_doc_id, "role": "document",
                  "handle_httpstatus_list": self.document_statuses,
                  # attachments often sit on a file server of another domain
                  "allow_offsite": kind == "attachment"})

    def _revisit(self, known: dict[str, Any], lastmod: str | None) -> dict[str, str] | None:
        """Headers for asking about a known document again, or None to leave it alone."""
        fetched = parse_when(known["fetched_at"])
        changed = parse_when(lastmod)
        if changed is not None:
            # The site dates its pages: trust that, ask again only when it says "newer".
            return {} if fetched is None or changed > fetched else None
        if known["status"] != "active" or not (known["etag"] or known["last_modified"]):
            return None
        window = timedelta(days=self.settings.getint("CHIDAO_RECHECK_DAYS", 30))
        if fetched is not None and datetime.now(UTC) - fetched > window:
            return None
        headers = {}
        if known["etag"]:
            headers["If-None-Match"] = known["etag"]
        if known["last_modified"]:
            headers["If-Modified-Since"] = known["last_modified"]
        return headers

    def parse_document(self, response: Response) -> Iterator[Any]:
        source = self._source(response)
        self._count_page(source)
        meta = response.meta
        canon, doc_id = meta["canonical"], meta["doc_id"]
        if response.status == 304:
            self.run_stats[source.id].unchanged += 1
            self.state.done(canon, "not-modified")
            return
        if response.status in (404, 410):
            yield GoneItem(doc_id=doc_id, canonical_url=canon, source_id=source.id,
                           status=response.status)
            return
        try:
            doc = extract_document(
                response.body, url=response.url,
                content_type=response.headers.get(b"Content-Type", b"").decode("latin-1"),
                max_bytes=self.settings.getint("DOWNLOAD_MAXSIZE") or None)
            doc = PARSERS[source.parser](doc, response)
        except ExtractionError as exc:
            self._error(source, str(exc))
            self.state.done(canon, "error")
            return
        header = response.headers.get
        yield DocumentItem(
            doc_id=doc_id, url=response.url, canonical_url=canon, source_id=source.id,
            text=doc.text, title=doc.title, published=doc.published, format=doc.format,
            parent_doc_id=meta.get("parent_doc_id"),
            etag=(header(b"ETag") or b"").decode("latin-1") or None,
            last_modified=(header(b"Last-Modified") or b"").decode("latin-1") or None,
            meta={k: v for k, v in {"encoding": doc.encoding,
                                    "attachments": doc.attachments}.items() if v})
        if meta["kind"] == "article":
            for url in doc.attachments:
                request = self._document_request(source, url, kind="attachment",
                                                 parent_doc_id=doc_id)
                if request is not None:
                    yield request

    # --- errors and bookkeeping ----------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        source = self.sources[request.meta["source_id"]]
        from scrapy.exceptions import IgnoreRequest
        from scrapy.spidermiddlewares.httperror import HttpError

        if failure.check(IgnoreRequest) and str(failure.value).startswith(ROBOTS_UNREACHABLE):
            # Not sent at all: an error of this run, and the frontier row stays open so the
            # next run asks again once the site answers for its robots.txt.
            self._error(source, f"{request.url}: not fetched, {failure.value}")
            return
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        elif failure.check(IgnoreRequest) and "robots" in str(failure.value).lower():
            reason = "forbidden by robots.txt"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        if "canonical" in request.meta:
            self.state.done(request.meta["canonical"], "error")
        if reason == "forbidden by robots.txt":
            self.run_stats[source.id].skipped += 1
            return
        self._error(source, f"{request.url}: {reason}")

    def _error(self, source: Source, message: str) -> None:
        self.run_stats[source.id].error(
            message, self.settings.getint("CHIDAO_MAX_ERRORS_LOGGED", 50))
        self.logger.warning(message)
        self.progress(source.id, f"error {message}")

    def _source(self, response: Response) -> Source:
        return self.sources[response.meta["source_id"]]

    def _count_page(self, source: Source) -> None:
        self.run_stats[source.id].pages += 1

    @staticmethod
    def _xml_text(response: Response) -> str:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        text = body.decode("utf-8", errors="replace")
        # lxml refuses str input that still declares an encoding
        return re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
