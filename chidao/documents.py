"""Adding documents to the catalogue: deduplicated by id and content, edits kept as versions."""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlite_utils

from nlp.textnorm import fold_chars, nfc


@dataclass(frozen=True)
class AddResult:
    id: int
    status: str  # "new", "updated" (a new version), "unchanged"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(title: str | None, text: str) -> str:
    return hashlib.sha256(f"{title or ''}\n{text}".encode()).hexdigest()


def add_document(
    db: sqlite_utils.Database,
    *,
    doc_id: str,
    text: str,
    title: str | None = None,
    url: str | None = None,
    canonical_url: str | None = None,
    source_id: str | None = None,
    published: str | None = None,
    format: str | None = None,
    parent_id: int | None = None,
    etag: str | None = None,
    last_modified: str | None = None,
    meta: dict[str, Any] | None = None,
) -> AddResult:
    """Insert a document, or record a new version when its content changed.

    Re-adding identical content changes nothing (status "unchanged"), which is what makes
    re-ingesting a folder and re-crawling a site idempotent.
    """
    text = nfc(text)
    title = nfc(title) if title else title
    digest = content_hash(title, text)
    row = {
        "doc_id": doc_id, "source_id": source_id, "url": url,
        "canonical_url": canonical_url or url, "parent_id": parent_id, "title": title,
        "text": text, "search_text": fold_chars(f"{title or ''}\n{text}"),
        "published": published, "format": format, "content_hash": digest,
        "etag": etag, "last_modified": last_modified, "fetched_at": now(),
        "meta": json.dumps(meta, ensure_ascii=False) if meta else None, "status": "active",
    }
    conn = db.conn
    existing = list(db["documents"].rows_where("doc_id = ?", [doc_id], limit=1))
    # Plain SQL inside one explicit transaction: sqlite-utils' insert() commits on its own,
    # and a crash between the document and its version row must leave neither.
    with conn:
        if not existing:
            row["ingested_at"] = row["fetched_at"]
            row["version"] = 1
            new_id = _insert(conn, "documents", row)
            _insert(conn, "document_versions", {
                "document_id": new_id, "version": 1, "title": title, "text": text,
                "content_hash": digest, "fetched_at": row["fetched_at"]})
            return AddResult(new_id, "new")
        old = existing[0]
        if old["content_hash"] == digest:
            # Same content: refresh validators and liveness only.
            conn.execute("UPDATE documents SET etag = ?, last_modified = ?, status = 'active' WHERE id = ?",
                         (etag or old["etag"], last_modified or old["last_modified"], old["id"]))
            return AddResult(old["id"], "unchanged")
        version = (old["version"] or 1) + 1
        row["version"] = version
        cols = ", ".join(f"[{k}] = ?" for k in row)
        conn.execute(f"UPDATE documents SET {cols} WHERE id = ?", [*row.values(), old["id"]])
        _insert(conn, "document_versions", {
            "document_id": old["id"], "version": version, "title": title, "text": text,
            "content_hash": digest, "fetched_at": row["fetched_at"]})
        return AddResult(old["id"], "updated")


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    cols = ", ".join(f"[{k}]" for k in row)
    marks = ", ".join("?" for _ in row)
    cur = conn.execute(f"INSERT INTO [{table}] ({cols}) VALUES ({marks})", list(row.values()))
    return int(cur.lastrowid)


def mark_gone(db: sqlite_utils.Database, doc_id: str, status: str = "gone") -> bool:
    """Mark a document that disappeared (404/410); it is never deleted."""
    rows = list(db["documents"].rows_where("doc_id = ?", [doc_id], limit=1))
    if not rows:
        return False
    db["documents"].update(rows[0]["id"], {"status": status})
    return True
