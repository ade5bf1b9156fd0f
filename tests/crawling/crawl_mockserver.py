"""A local HTTP server with the sites the crawler tests need, in Scrapy's mockserver style.

Run as ``python crawl_mockserver.py``: binds 127.0.0.1 port 0, prints ``PORT <n>``, serves
until killed. Every path starts with a namespace (``/<ns>/...``) that has its own state
(edits, removals, delay, request log), so tests sharing one server never see each other.

Sites under ``/<ns>/``:
  portal/   paginated listing (tin-tuc?page=N), articles with ETag, PDF and DOCX
            attachments, a utm_ duplicate link, a page robots.txt forbids
  news/     RSS feed, articles with Last-Modified
  gazette/  sitemap index -> sitemap with lastmod, articles without validators
  bad/      404, 500-then-OK, a timeout, a redirect loop, a wrong declared charset,
            windows-1258, TCVN3, binary junk served as HTML, a huge page
  bench/    N listing pages of 50 articles each, for bench/crawl.py
Control: /_ctl/{edit,remove,config,log}?ns=...&key=...; /_ctl/robots?status=...&delay=...
(host-wide)
"""
from __future__ import annotations

import hashlib
import html
import json
import random
import sys
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, str(Path(__file__).parent))
from crawl_docs import make_docx, make_pdf, to_cp1258  # noqa: E402

SITES = Path(__file__).parent / "sites"
ARTICLE = (SITES / "article.html").read_text(encoding="utf-8")
LISTING = (SITES / "listing.html").read_text(encoding="utf-8")
TEXTS = json.loads((SITES / "articles.json").read_text(encoding="utf-8"))
PORTAL_PAGES = {1: [1, 2], 2: [3, 4], 3: [5, 6]}  # listing page -> article numbers
BASE_TIME = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
TCVN3 = ("Chñ tÞch Uû ban nh©n d©n tØnh chØ ®¹o c¸c së, ngµnh xö lý nghiªm vi ph¹m; "
         "ng­êi ®øng ®Çu chÞu tr¸ch nhiÖm tr­íc Chñ tÞch Uû ban nh©n d©n tØnh.")
BENCH_PER_PAGE = 50


class Namespace:
    def __init__(self) -> None:
        self.versions: dict[str, int] = {}  # key -> version (1 unless edited)
        self.edited_at: dict[str, datetime] = {}
        self.removed: dict[str, int] = {}  # key -> status (404 / 410)
        self.delay = 0.0
        self.hits: dict[str, int] = {}
        self.log: list[dict[str, object]] = []
        self.bench_pages = 40


STATE: dict[str, Namespace] = {}
LOCK = threading.Lock()
# robots.txt belongs to the host, not to a namespace: /_ctl/robots?status=..&delay=.. sets
# how it answers for everyone (a test that changes it sets it back).
ROBOTS = {"status": 200, "delay": 0.0}


def ns_state(ns: str) -> Namespace:
    with LOCK:
        return STATE.setdefault(ns, Namespace())


def article_html(base: str, site_name: str, number: int, version: int, *, charset: str = "utf-8",
                 links: str = "", extra: str = "") -> str:
    text = TEXTS[(number - 1) % len(TEXTS)]
    paragraphs = list(text["paragraphs"])
    if version > 1:
        paragraphs.append(f"Cập nhật lần {version}: Chủ tịch Ủy ban nhân dân tỉnh yêu cầu "
                          "báo cáo kết quả thực hiện trước ngày 15 tháng 10.")
    if extra:
        paragraphs.append(extra)
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return ARTICLE.format(charset=charset, title=html.escape(text["title"]),
                          site_name=site_name, published=f"2024-05-{number:02d}", base=base,
                          paragraphs=body, links=links)


def listing_html(site_name: str, title: str, items: list[tuple[str, str]], pager: str) -> str:
    lis = "\n".join(f'<li><a href="{href}">{html.escape(label)}</a></li>' for href, label in items)
    return LISTING.format(site_name=site_name, title=title, items=lis, pager=pager)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # quiet: tests read /_ctl/log instead
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        segments = [s for s in parts.path.split("/") if s]
        if parts.path == "/robots.txt":
            with LOCK:
                status, delay = int(ROBOTS["status"]), float(ROBOTS["delay"])
            if delay:
                time.sleep(delay)
            if status != 200:
                return self.send(status, b"robots.txt unavailable", "text/plain")
            return self.send(200, b"User-agent: *\nDisallow: /*/portal/private/\n", "text/plain")
        if segments and segments[0] == "_ctl" and segments[1:] == ["robots"]:
            with LOCK:
                ROBOTS["status"] = int(query.get("status", 200))
                ROBOTS["delay"] = float(query.get("delay", 0))
            return self.send(200, b"ok", "text/plain")
        if segments and segments[0] == "_ctl":
            return self.control(segments[1] if len(segments) > 1 else "", query)
        if len(segments) < 2:
            return self.send(404, b"not found", "text/plain")
        ns, site, rest = segments[0], segments[1], segments[2:]
        state = ns_state(ns)
        base = f"http://{self.headers['Host']}/{ns}/{site}"
        key = f"{site}/{'/'.join(rest)}"
        with LOCK:
            state.hits[key] = state.hits.get(key, 0) + 1
            hits = state.hits[key]
        self._log = {"path": parts.path, "query": parts.query,
                     "if_none_match": self.headers.get("If-None-Match"),
                     "if_modified_since": self.headers.get("If-Modified-Since")}
        if state.delay and rest and rest[-1].endswith((".html", ".pdf", ".docx")):
            time.sleep(state.delay)
        if key in state.removed:
            return self.send(state.removed[key], b"<html><body>Gone</body></html>", "text/html",
                             state=state)
        handler = getattr(self, f"site_{site}", None)
        if handler is None:
            return self.send(404, b"no such site", "text/plain", state=state)
        return handler(state, base, rest, query, key, hits)

    # --- sites ---------------------------------------------------------------------------

    def site_portal(self, state: Namespace, base: str, rest: list[str], query: dict[str, str],
                    key: str, hits: int) -> None:
        name = "Cổng thông tin điện tử tỉnh Mẫu"
        if rest == ["tin-tuc"]:
            page = int(query.get("page", "1"))
            if page not in PORTAL_PAGES:
                return self.send(404, b"no page", "text/plain", state=state)
            items = [(f"{base}/chi-dao-dieu-hanh/bai-{n}.html", TEXTS[n - 1]["title"])
                     for n in PORTAL_PAGES[page]]
            if page == 1:
                items.append((f"{base}/chi-dao-dieu-hanh/bai-1.html?utm_source=facebook"
                              "&utm_medium=social&fbclid=abc", "Chia sẻ"))
                items.append((f"{base}/private/noi-bo.html", "Nội bộ"))
            pager = " ".join(f'<a href="{base}/tin-tuc?page={p}">{p}</a>' for p in PORTAL_PAGES)
            if page + 1 in PORTAL_PAGES:
                pager += f' <a rel="next" href="{base}/tin-tuc?page={page + 1}">Trang sau</a>'
            body = listing_html(name, "Chỉ đạo điều hành", items, pager)
            return self.send(200, body.encode(), "text/html; charset=utf-8", state=state)
        if len(rest) == 2 and rest[0] == "chi-dao-dieu-hanh" and rest[1].startswith("bai-"):
            number = int(rest[1].removeprefix("bai-").removesuffix(".html"))
            links = ""
            if number in (1, 2):  # both link the same PDF; only the first has the DOCX
                links = f'<p><a href="{base}/files/qd-1.pdf">Quyết định số 1/QĐ-UBND</a></p>'
                if number == 1:
                    links += '<p><a href="../files/cv-1.docx">Công văn số 1/UBND</a></p>'
            body = article_html(base, name, number, state.versions.get(key, 1), links=links)
            return self.send(200, body.encode(), "text/html; charset=utf-8", state=state,
                             etag=True)
        if rest == ["files", "qd-1.pdf"]:
            data = make_pdf(["QUYET DINH so 1/QD-UBND", "Chu tich UBND tinh quyet dinh",
                             "thanh lap Ban chi dao phong chong thien tai."], title="QD 1")
            return self.send(200, data, "application/pdf", state=state, etag=True)
        if rest == ["files", "cv-1.docx"]:
            data = make_docx(["CÔNG VĂN số 1/UBND-VP", "Chủ tịch Ủy ban nhân dân tỉnh chỉ đạo "
                              "các sở, ngành rà soát phương án ứng phó bão."], title="CV 1")
            return self.send(200, data, "application/vnd.openxmlformats-officedocument."
                             "wordprocessingml.document", state=state, etag=True)
        if rest and rest[0] == "private":
            return self.send(200, article_html(base, name, 6, 1).encode(), "text/html",
                             state=state)
        return self.send(404, b"not found", "text/plain", state=state)

    def site_news(self, state: Namespace, base: str, rest: list[str], query: dict[str, str],
                  key: str, hits: int) -> None:
        name = "Báo Mẫu điện tử"
        if rest == ["rss.xml"]:
            items = "".join(
                f"<item><title>{html.escape(TEXTS[n - 1]['title'])}</title>"
                f"<link>{base}/bai-viet-{n}.html?utm_source=rss</link>"
                f"<pubDate>{format_datetime(BASE_TIME.replace(day=n))}</pubDate></item>"
                for n in range(1, 5))
            body = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                    f"<title>{name}</title>{items}</channel></rss>")
            return self.send(200, body.encode(), "application/rss+xml", state=state)
        if len(rest) == 1 and rest[0].startswith("bai-viet-"):
            number = int(rest[0].removeprefix("bai-viet-").removesuffix(".html"))
            body = article_html(base, name, number, state.versions.get(key, 1))
            modified = state.edited_at.get(key, BASE_TIME.replace(day=number))
            return self.send(200, body.encode(), "text/html; charset=utf-8", state=state,
                             last_modified=modified)
        return self.send(404, b"not found", "text/plain", state=state)

    def site_gazette(self, state: Namespace, base: str, rest: list[str], query: dict[str, str],
                     key: str, hits: int) -> None:
        name = "Công báo tỉnh Mẫu"
        if rest == ["sitemap.xml"]:
            body = ('<?xml version="1.0" encoding="UTF-8"?>'
                    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<sitemap><loc>{base}/sitemap-vb.xml</loc></sitemap></sitemapindex>")
            return self.send(200, body.encode(), "application/xml", state=state)
        if rest == ["sitemap-vb.xml"]:
            urls = []
            for n in range(1, 5):
                page_key = f"gazette/van-ban/{n}"
                # Document 4 dates from 2023: --since 2024-01-01 must leave it out.
                when = state.edited_at.get(page_key, BASE_TIME.replace(day=n) if n < 4
                                           else BASE_TIME.replace(year=2023))
                urls.append(f"<url><loc>{base}/van-ban/{n}</loc>"
                            f"<lastmod>{when.isoformat()}</lastmod></url>")
            body = ('<?xml version="1.0" encoding="UTF-8"?><urlset '
                    'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    + "".join(urls) + "</urlset>")
            return self.send(200, body.encode(), "application/xml", state=state)
        if len(rest) == 2 and rest[0] == "van-ban":
            number = int(rest[1])
            body = article_html(base, name, number, state.versions.get(key, 1))
            return self.send(200, body.encode(), "text/html; charset=utf-8", state=state)
        return self.send(404, b"not found", "text/plain", state=state)

    def site_bad(self, state: Namespace, base: str, rest: list[str], query: dict[str, str],
                 key: str, hits: int) -> None:
        name = "Cổng thông tin lỗi"
        page = rest[0] if rest else ""
        if page == "tin-tuc":
            names = ["bai-ok", "bai-404", "bai-500", "bai-slow", "loop-a", "bai-charset",
                     "bai-1258", "bai-tcvn3", "bai-junk", "bai-huge"]
            items = [(f"{base}/{n}.html", n) for n in names]
            body = listing_html(name, "Tin tức", items, "")
            return self.send(200, body.encode(), "text/html; charset=utf-8", state=state)
        if page == "bai-ok.html":
            return self.send(200, article_html(base, name, 1, 1).encode(), "text/html",
                             state=state)
        if page == "bai-500.html":
            if hits == 1:
                return self.send(500, b"Internal Server Error", "text/plain", state=state)
            return self.send(200, article_html(base, name, 2, 1).encode(), "text/html",
                             state=state)
        if page == "bai-slow.html":
            time.sleep(3)  # longer than the tests' DOWNLOAD_TIMEOUT
            return self.send(200, article_html(base, name, 3, 1).encode(), "text/html",
                             state=state)
        if page in ("loop-a.html", "loop-b.html"):
            target = "loop-b.html" if page == "loop-a.html" else "loop-a.html"
            self._log["status"] = 302
            state.log.append(self._log)
            self.send_response(302)
            self.send_header("Location", f"{base}/{target}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if page == "bai-charset.html":  # UTF-8 body, server and page claim Latin-1
            body = article_html(base, name, 4, 1, charset="iso-8859-1").encode()
            return self.send(200, body, "text/html; charset=iso-8859-1", state=state)
        if page == "bai-1258.html":
            body = to_cp1258(article_html(base, name, 5, 1, charset="windows-1258"))
            return self.send(200, body, "text/html; charset=windows-1258", state=state)
        if page == "bai-tcvn3.html":
            body = article_html(base, name, 6, 1, extra=TCVN3).replace(
                "<p>" + html.escape(TEXTS[5]["paragraphs"][0]), "<p>" + TCVN3, 1)
            return self.send(200, body.encode(), "text/html; charset=utf-8", state=state)
        if page == "bai-junk.html":
            junk = random.Random(7).randbytes(4000)
            return self.send(200, junk, "text/html; charset=utf-8", state=state)
        if page == "bai-huge.html":
            body = article_html(base, name, 1, 1, extra="Lorem ipsum dolor. " * 80_000)
            return self.send(200, body.encode(), "text/html", state=state)
        return self.send(404, b"not found", "text/plain", state=state)

    def site_bench(self, state: Namespace, base: str, rest: list[str], query: dict[str, str],
                   key: str, hits: int) -> None:
        if rest == ["index"]:
            page = int(query.get("page", "0"))
            start = page * BENCH_PER_PAGE
            items = [(f"{base}/bai/{n}.html", f"Bài {n}")
                     for n in range(start, start + BENCH_PER_PAGE)]
            pager = (f'<a rel="next" href="{base}/index?page={page + 1}">Trang sau</a>'
                     if page + 1 < state.bench_pages else "")
            body = listing_html("Bench", "Tin", items, pager)
            return self.send(200, body.encode(), "text/html; charset=utf-8", state=state)
        if len(rest) == 2 and rest[0] == "bai":
            number = int(rest[1].removesuffix(".html"))
            body = article_html(base, "Bench", number % 6 + 1, 1, extra=f"Số thứ tự {number}.")
            return self.send(200, body.encode(), "text/html; charset=utf-8", state=state)
        return self.send(404, b"not found", "text/plain", state=state)

    # --- plumbing ------------------------------------------------------------------------

    def control(self, action: str, query: dict[str, str]) -> None:
        state = ns_state(query.get("ns", ""))
        key = query.get("key", "")
        with LOCK:
            if action == "edit":
                state.versions[key] = state.versions.get(key, 1) + 1
                state.edited_at[key] = datetime.now(UTC)
            elif action == "remove":
                state.removed[key] = int(query.get("status", "404"))
            elif action == "config":
                state.delay = float(query.get("delay", state.delay))
                state.bench_pages = int(query.get("bench_pages", state.bench_pages))
            elif action == "log":
                return self.send(200, json.dumps(state.log).encode(), "application/json")
            else:
                return self.send(400, b"unknown action", "text/plain")
        return self.send(200, b"ok", "text/plain")

    def send(self, status: int, body: bytes, ctype: str, *, state: Namespace | None = None,
             etag: bool = False, last_modified: datetime | None = None) -> None:
        headers = {"Content-Type": ctype}
        if etag and status == 200:
            headers["ETag"] = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == headers["ETag"]:
                status, body = 304, b""
        if last_modified is not None and status == 200:
            headers["Last-Modified"] = format_datetime(last_modified, usegmt=True)
            since = self.headers.get("If-Modified-Since")
            if since == headers["Last-Modified"]:
                status, body = 304, b""
        if state is not None:
            with LOCK:
                state.log.append({**self._log, "status": status})
        try:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, size limits): expected here


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # clients that gave up
            super().handle_error(request, client_address)


def main() -> None:
    server = Server(("127.0.0.1", 0), Handler)
    print(f"PORT {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
