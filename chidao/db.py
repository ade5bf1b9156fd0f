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


# Measure categories and issuer levels as the schema spells them; filters are checked
# against these so a typo gets a list of valid choices instead of an empty result.
CATEGORIES = (
    "inspect", "sanction", "remove_or_transfer", "comply", "resolve_tasks", "regulate",
    "report", "train_staff", "reward_protect", "coordinate", "conduct", "investigate",
    "enforce_halt", "communicate", "invest_develop", "other",
)
LEVELS = ("central", "province", "district", "commune", "other")


def _fts5(db: sqlite_utils.Database, table: str, columns: tuple[str, ...]) -> None:
    """An external-content FTS5 index on ``table`` kept current by triggers.

    Written out rather than through ``Table.enable_fts`` because that helper runs
    ``executescript``, which commits mid-migration, and its update trigger re-indexes the
    row on every UPDATE (a re-crawl that only refreshes an ETag would rewrite the index);
    here the update trigger fires only when an indexed column changes.
    """
    fts = f"{table}_fts"
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    db.execute(
        f"CREATE VIRTUAL TABLE [{fts}] USING FTS5 ({cols}, content=[{table}], "
        f"content_rowid=[id], tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
               f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.id, {new}); END")
    db.execute(f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN "
               f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES ('delete', old.id, {old}); END")
    db.execute(f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {cols} ON [{table}] BEGIN "
               f"INSERT INTO [{fts}] ([{fts}], rowid, {cols}) VALUES ('delete', old.id, {old}); "
               f"INSERT INTO [{fts}] (rowid, {cols}) VALUES (new.id, {new}); END")
    db.execute(f"INSERT INTO [{fts}] ([{fts}]) VALUES ('rebuild')")


@migrations()
def m004_search(db: sqlite_utils.Database) -> None:
    """Full-text search, facet columns, and the aggregates behind `compare`."""
    directives = db["directives"]
    # `facets` holds filter tokens (fpc<province>, fct<category>, fyr<year>...; see
    # chidao.filters). Indexed in their own FTS column, they let a filtered search intersect
    # posting lists inside FTS5 instead of ranking every match and filtering afterwards.
    directives.add_column("facets", str)
    db["documents"].add_column("facets", str)  # union of its directives' tokens
    # Both search_text columns hold fold_chars() text (tones removed, đ→d, lower case),
    # so the query is folded the same way and "xu ly nghiem" matches "xử lý nghiêm".
    _fts5(db, "documents", ("search_text", "facets"))
    _fts5(db, "directives", ("search_text", "facets"))

    directives.add_column("year", int)  # Datasette facet, and --period year
    directives.add_column("categories", str)  # JSON list of measure categories (_facet_array)
    db.execute("UPDATE directives SET year = CAST(substr(date, 1, 4) AS INTEGER) "
               "WHERE date GLOB '[0-9][0-9][0-9][0-9]*'")
    db["extractions"].add_column("document_version", int)  # re-extract edited documents

    for cols in (["province_current", "date"], ["province_legacy", "date"], ["level", "date"],
                 ["year"]):
        directives.create_index(cols, if_not_exists=True)
    db["measures"].create_index(["category", "directive_id"], if_not_exists=True)
    # Single-column indexes that the composites above now cover (same leading column):
    # each index costs every insert, and bulk extraction is insert-bound.
    for name in ("idx_directives_province_current", "idx_directives_province_legacy",
                 "idx_directives_level", "idx_measures_category"):
        db.execute(f"DROP INDEX IF EXISTS [{name}]")
    db["issuers"].create_index(["level"], if_not_exists=True)
    db["documents"].create_index(["status"], if_not_exists=True)

    # One row per (directive, category): the category filter is a primary-key probe and the
    # province x category matrix has a narrow table to count from.
    db.execute("""
        CREATE TABLE directive_categories (
            directive_id INTEGER NOT NULL REFERENCES directives(id),
            category TEXT NOT NULL,
            measures INTEGER NOT NULL DEFAULT 1,
            province_legacy TEXT NOT NULL DEFAULT '',
            province_current TEXT NOT NULL DEFAULT '',
            month TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (directive_id, category)
        ) WITHOUT ROWID""")
    db.execute("CREATE INDEX idx_directive_categories_category "
               "ON directive_categories (category, directive_id)")
    # Running totals per (province, month, category), kept by triggers, so `compare` on a
    # million directives reads a few thousand rows instead of joining millions.
    db.execute("""
        CREATE TABLE category_counts (
            province_legacy TEXT NOT NULL,
            province_current TEXT NOT NULL,
            month TEXT NOT NULL,
            category TEXT NOT NULL,
            directives INTEGER NOT NULL DEFAULT 0,
            measures INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (province_legacy, province_current, month, category)
        ) WITHOUT ROWID""")
    db.execute("""
        CREATE TRIGGER directive_categories_ai AFTER INSERT ON directive_categories BEGIN
          INSERT INTO category_counts VALUES (new.province_legacy, new.province_current,
                                              new.month, new.category, 1, new.measures)
          ON CONFLICT DO UPDATE SET directives = directives + 1,
                                    measures = measures + excluded.measures;
        END""")
    db.execute("""
        CREATE TRIGGER directive_categories_ad AFTER DELETE ON directive_categories BEGIN
          UPDATE category_counts SET directives = directives - 1,
                                     measures = measures - old.measures
          WHERE province_legacy = old.province_legacy AND province_current = old.province_current
            AND month = old.month AND category = old.category;
        END""")
    # Directives saved before this migration get their rows now.
    db.execute("""
        INSERT INTO directive_categories
        SELECT m.directive_id, m.category, count(*), coalesce(d.province_legacy, ''),
               coalesce(d.province_current, ''), coalesce(substr(d.date, 1, 7), '')
        FROM measures m JOIN directives d ON d.id = m.directive_id
        WHERE m.category IS NOT NULL GROUP BY m.directive_id, m.category""")
    db.execute("""
        UPDATE directives SET categories = (
          SELECT json_group_array(category) FROM directive_categories
          WHERE directive_id = directives.id)""")
