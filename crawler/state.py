"""Crawl state kept in the catalogue, so runs are incremental and survive `kill -9`.

* Canonical URLs (tracking parameters stripped) are document ids: ``url:<canonical>``.
* Validators (ETag / Last-Modified) and content hashes live on the ``documents`` rows that
  ``chidao.documents.add_document`` writes.
* ``crawl_frontier`` holds every article or attachment a run decided to fetch, committed
  before the request leaves, and marked done once its outcome is stored. A run that was
  killed leaves rows not done; the next run fetches those first. Because documents are
  keyed by ``doc_id`` (unique), fetching one twice can only ever yield "unchanged".
  Scrapy's JOBDIR is not used for this: its disk queues are not safe against SIGKILL.
* ``CrawlLock`` is an flock on ``<db>.crawl.lock``: the kernel drops it when the process
  dies, however it dies, so a killed run never leaves a stale lock behind.
"""
from __future__ import annotations

import fcntl
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("chidao-crawl")

# Query parameters that only track where a click came from; they never change the page.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_ga", "_gl", "zarsrc", "zarsrcid", "ref_src", "cmpid", "spm",
})


def canonical_url(url: str) -> str:
    """``https://Tinh.gov.vn:443/a?utm_source=fb&id=2#top`` → ``https://tinh.gov.vn/a?id=2``.

    Lower-case scheme and host, default port and fragment dropped, tracking parameters
    (utm_*, fbclid, zarsrc ...) removed, the remaining parameters kept in their order.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith("utm_") and k.lower() not in TRACKING_PARAMS]
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def doc_id_for(url: str) -> str:
    return "url:" + canonical_url(url)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@migrations()
def m001_frontier(db: sqlite_utils.Database) -> None:
    db["crawl_frontier"].create(
        {"url": str, "source_id": str, "kind": str, "parent_doc_id": str, "depth": int,
         "run_id": int, "added_at": str, "done_at": str, "outcome": str},
        pk="url",
    )
    db["crawl_frontier"].create_index(["done_at"])


@migrations()
def m002_run_summary(db: sqlite_utils.Database) -> None:
    # Which invocation a per-source crawl_runs row belongs to, and what was asked of it.
    db["crawl_runs"].add_column("run_key", str)
    db["crawl_runs"].add_column("options", str)
    db["crawl_runs"].create_index(["run_key"])


def apply_migrations(db: sqlite_utils.Database) -> None:
    migrations.apply(db)


class CrawlLockedError(RuntimeError):
    """Another crawl holds the catalogue's lock."""


class CrawlLock:
    """Exclusive, non-blocking lock per catalogue; released by the kernel on any exit."""

    def __init__(self, db_path: str | os.PathLike[str]) -> None:
        self.path = Path(f"{db_path}.crawl.lock")
        self._fd: int | None = None

    def acquire(self) -> CrawlLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise CrawlLockedError(
                f"another crawl is running on this catalogue (pid {holder}, lock {self.path}); "
                "wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> CrawlLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class CrawlState:
    """What the catalogue already knows, asked by the spider before each request."""

    def __init__(self, db: sqlite_utils.Database, run_id: int) -> None:
        self.db = db
        self.run_id = run_id

    def known(self, doc_id: str) -> dict[str, Any] | None:
        rows = self.db.execute(
            "select id, status, etag, last_modified, fetched_at, content_hash from documents "
            "where doc_id = ?", [doc_id]).fetchall()
        if not rows:
            return None
        keys = ("id", "status", "etag", "last_modified", "fetched_at", "content_hash")
        return dict(zip(keys, rows[0], strict=True))

    def enqueue(self, url: str, source_id: str, kind: str, parent_doc_id: str | None = None,
                depth: int = 0) -> None:
        """Record the intent to fetch ``url`` before the request is scheduled."""
        with self.db.conn:
            self.db.execute(
                "insert into crawl_frontier (url, source_id, kind, parent_doc_id, depth, run_id,"
                " added_at) values (?, ?, ?, ?, ?, ?, ?) on conflict(url) do update set"
                " run_id = excluded.run_id, done_at = null, outcome = null,"
                " parent_doc_id = coalesce(excluded.parent_doc_id, parent_doc_id)",
                [url, source_id, kind, parent_doc_id, depth, self.run_id, now()])

    def done(self, url: str, outcome: str) -> None:
        with self.db.conn:
            self.db.execute("update crawl_frontier set done_at = ?, outcome = ? where url = ?",
                            [now(), outcome, url])

    def pending(self, source_ids: list[str]) -> list[dict[str, Any]]:
        """Articles and attachments a previous (killed) run scheduled but never finished."""
        marks = ",".join("?" * len(source_ids))
        return list(self.db.query(
            f"select * from crawl_frontier where done_at is null and source_id in ({marks}) "
            "order by added_at", source_ids))
