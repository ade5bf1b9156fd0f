"""The catalogue: one SQLite file, schema created by migrations, WAL mode.

Every writer goes through the functions here or in the modules built on them
(`chidao.documents`, `chidao.store`); readers may query the tables directly.
"""
from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

DEFAULT_DB = "chidao.db"
migrations = Migrations("chidao")


def default_path() -> str:
    return os.environ.get("CHIDAO_DB") or DEFAULT_DB


def connect(path: str | os.PathLike | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (and create or upgrade) the catalogue at ``path``."""
    path = Path(path or default_path())
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=30000")
    if migrate:
        migrations.apply(db)
    return db


@migrations()
def m001_documents(db: sqlite_utils.Database) -> None:
    db["sources"].create(
        {"id": str, "name": str, "kind": str, "province": str, "config": str,
         "last_run_at": str, "health": str, "documents": int},
        pk="id", not_null={"name"}, defaults={"documents": 0, "health": "unknown"},
    )
    db["documents"].create(
        {
            "id": int,
            "doc_id": str,  # external id (corpus id, file path hash, or canonical URL hash)
            "source_id": str,
            "url": str,
            "canonical_url": str,
            "parent_id": int,  # page a PDF/DOCX attachment was linked from
            "title": str,
            "text": str,
            "search_text": str,  # fold_chars(title + "\n" + text) for accent-free FTS
            "published": str,  # ISO date or datetime
            "format": str,  # txt, html, pdf, docx, jsonl
            "content_hash": str,
            "version": int,
            "status": str,  # active, gone (404/410), error
            "etag": str,
            "last_modified": str,
            "fetched_at": str,
            "ingested_at": str,
            "meta": str,  # JSON
        },
        pk="id",
        not_null={"doc_id", "text", "content_hash"},
        defaults={"version": 1, "status": "active"},
    )
    db["documents"].create_index(["doc_id"], unique=True)
    db["documents"].create_index(["canonical_url"])
    db["documents"].create_index(["content_hash"])
    db["documents"].create_index(["source_id"])
    db["documents"].create_index(["published"])
    db["document_versions"].create(
        {"id": int, "document_id": int, "version": int, "title": str, "text": str,
         "content_hash": str, "fetched_at": str},
        pk="id", foreign_keys=[("document_id", "documents", "id")],
    )
    db["document_versions"].create_index(["document_id", "version"], unique=True)
    db["crawl_runs"].create(
        {"id": int, "source_id": str, "started_at": str, "finished_at": str, "status": str,
         "pages": int, "new_documents": int, "updated_documents": int, "unchanged": int,
         "gone": int, "errors": int, "error_log": str, "pid": int},
        pk="id",
    )
    db["crawl_runs"].create_index(["source_id", "started_at"])


@migrations()
def m002_directives(db: sqlite_utils.Database) -> None:
    db["issuers"].create(
        {"id": int, "key": str, "text": str, "role": str, "organization": str, "person": str,
         "level": str, "province_legacy": str, "province_current": str},
        pk="id",
    )
    db["issuers"].create_index(["key"], unique=True)
    db["directives"].create(
        {
            "id": int,
            "document_id": int,
            "idx": int,  # position of the directive in its document
            "issuer_id": int,
            "issuer_text": str,
            "role": str,
            "organization": str,
            "person": str,
            "level": str,
            "province_legacy": str,
            "province_current": str,
            "instrument_type": str,
            "instrument_number": str,
            "instrument_date": str,
            "date": str,  # instrument date, else the document's publication date
            "confidence": float,
            "extractor_version": str,
            "search_text": str,  # folded issuer, addressees, measures and targets
            "json": str,  # the directive as the schema writes it, evidence included
            "extracted_at": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("issuer_id", "issuers", "id")],
    )
    for cols in (["document_id"], ["province_legacy"], ["province_current"], ["level"],
                 ["date"], ["issuer_id"], ["extractor_version"]):
        db["directives"].create_index(cols)
    span = {"id": int, "directive_id": int, "idx": int, "text": str, "start": int, "end": int}
    for table in ("addressees", "targets", "deadlines"):
        db[table].create(dict(span), pk="id", foreign_keys=[("directive_id", "directives", "id")])
        db[table].create_index(["directive_id"])
    db["measures"].create(
        {**span, "category": str}, pk="id", foreign_keys=[("directive_id", "directives", "id")]
    )
    db["measures"].create_index(["directive_id"])
    db["measures"].create_index(["category"])
    db["doc_references"].create(
        {"id": int, "directive_id": int, "type": str, "number": str, "date": str, "issuer": str},
        pk="id", foreign_keys=[("directive_id", "directives", "id")],
    )
    db["doc_references"].create_index(["directive_id"])
    db["doc_references"].create_index(["number"])
    db["evidence"].create(
        {"id": int, "directive_id": int, "start": int, "end": int, "text": str},
        pk="id", foreign_keys=[("directive_id", "directives", "id")],
    )
    db["evidence"].create_index(["directive_id"])
    # Which documents each extractor version has seen, so `extract` only does new work.
    db["extractions"].create(
        {"document_id": int, "extractor_version": str, "directives": int, "error": str,
         "extracted_at": str},
        pk=("document_id", "extractor_version"),
    )


@migrations()
def m003_provinces(db: sqlite_utils.Database) -> None:
    from nlp import places

    db["provinces"].insert_all(
        [{"name": n, "era": "current", "current": n} for n in places.current_provinces()]
        + [{"name": n, "era": "legacy", "current": places.legacy_to_current(n)}
           for n in places.legacy_provinces()],
        pk=("name", "era"),
    )
