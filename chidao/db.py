"""The catalogue: one SQLite file, schema created by migrations, WAL mode.

Every writer goes through the functions here or in the modules built on them
(`chidao.documents`, `chidao.store`); readers may query the tables directly.
"""
from __future__ import annotations

import os
import re
from itertools import pairwise
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
    new = not path.exists() or path.stat().st_size == 0
    db = sqlite_utils.Database(path)
    if new:
        # 16 KB pages instead of 4 KB (only settable before the first table, and before WAL):
        # a directive row is ~1.7 KB, so a 4 KB page held two. Fewer, fuller pages: 8-15%
        # less CPU building 300,000 directives, 4,751 -> 5,532 directives/s at a million
        # (bench/search.py) and an 11% smaller file. Catalogues made before keep theirs.
        db.execute("PRAGMA page_size=16384")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=30000")
    # SQLite's default page cache is 2 MB. Saving a directive updates eight indexes on
    # `directives` at random places, and with 2 MB nearly every one of those pages was read
    # back and written out again; 256 MB (allocated only as pages are used) keeps the
    # written-to pages of a million-directive catalogue in memory: 2x faster saving.
    db.execute("PRAGMA cache_size=-262144")
    # `save_extraction` runs inside a savepoint; its journal of page images is kept in
    # memory instead of a temporary file.
    db.execute("PRAGMA temp_store=MEMORY")
    # Checkpoint (copy the WAL into the database file, with an fsync) every ~200 MB of WAL
    # rather than every 4 MB: a batch of a thousand documents' saves writes ~20 MB of pages
    # (index pages at random places among them), and a page written by several batches
    # between checkpoints is copied once. Halves the time spent committing batches.
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    db.execute(f"PRAGMA wal_autocheckpoint={200 * 2**20 // page_size}")
    # Some SQLite builds (Debian's among them) default to secure_delete=ON: every page
    # freed is zeroed and so written out, at the commit and again at the checkpoint. Each
    # batch's FTS5 merges free hundreds of pages, a tenth of all the pages a saved batch
    # wrote. FAST still zeroes deleted cells on the pages being written anyway.
    db.execute("PRAGMA secure_delete=FAST")
    # The triggers that keep `documents_pairs` current call it: a connection without it
    # cannot add or change documents (an error, never a stale index).
    db.conn.create_function("chidao_word_pairs", 1, word_pairs, deterministic=True)
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


# directives_search rowids are length(search_text) << SEARCH_SHIFT | directive id, so FTS5
# hands matches out shortest first and a search can stop after the first page (chidao.search).
SEARCH_SHIFT = 32
SEARCH_ID_MASK = (1 << SEARCH_SHIFT) - 1
# Joins two neighbouring words into one FTS token (`documents_pairs`): a letter, so
# unicode61 keeps it inside the token, that folded Vietnamese text never contains.
PAIR_SEP = "\u01c0"
_TOKEN = re.compile(r"[^\W_]+")  # unicode61's token characters: letters and digits
# ASCII letters and digits, and every byte of a non-ASCII character, kept; the rest → space.
_WORD_BYTES = bytes(b if b >= 0x80 or chr(b).isalnum() else 0x20 for b in range(256))
_PAIR_SEP_BYTES = PAIR_SEP.encode()


def word_pairs(text: str | None) -> str:
    """Each two neighbouring words of ``text`` as one token: "xu ly nghiem" → "xuǀly lyǀnghiem".

    A phrase of syllables is then a phrase of pairs, whose posting lists stay short when
    each syllable is everywhere (see `m005_fast_search`). Folded text is nearly all ASCII,
    so it is cut into words as bytes (3x faster than a regex); a word holding a non-ASCII
    character is cut again by the regex, letters joining and marks separating.
    """
    raw = (text or "").encode()
    tokens = raw.translate(_WORD_BYTES).split()
    if not raw.isascii():
        tokens = [t.encode() for token in tokens for t in
                  ((token.decode(),) if token.isascii() else _TOKEN.findall(token.decode()))]
    return b" ".join(map(_PAIR_SEP_BYTES.join, pairwise(tokens))).decode()

@migrations()
def m005_fast_search(db: sqlite_utils.Database) -> None:
    """Search that stops early, and saving that no longer re-indexes documents.

    Measured at a million directives (bench/search.py), FTS5's bm25() was most of a
    search's time: before ranking the first row it counts every row of the whole table
    holding each query phrase (its IDF), so a filtered search for a common phrase
    ("kiem tra" is in a quarter of all directives) read hundreds of thousands of posting
    entries whatever the filters. The search now ranks by where the query matched and by
    how short the matching text is (chidao.search), which needs no global pass:

    * `directives_search` replaces `directives_fts`: contentless (nothing is read back from
      it; `directives` holds the text) and without per-row sizes (only bm25 used them),
      with rowid = length(search_text) << 32 | id, so ``ORDER BY rowid`` walks matches
      shortest first and stops at the first page. Ids must stay below 2**32.
      FTS5 writes its pending terms out as a new segment whenever a rowid is lower than the
      one before, so new directives are indexed by `chidao.store`, a batch at a time in
      rowid order, not by an insert trigger (one row at a time would be a segment each).
      Deletes and updates are rare and keep their triggers.
    * Rows of directives are inserted by `chidao.store` only; category_counts is added to
      there, per batch, and the directive_categories insert trigger goes.
    * `documents_fts` indexes search_text only. Its `facets` column (the document's
      directives' filter tokens) made every save_extraction delete and re-insert the whole
      document text in FTS, a third of the write time; filters are now applied to the
      directives of matching documents in SQL. `documents.facets` is no longer written or
      read (dropping the column would rewrite the whole table).
    * `documents_pairs` indexes each two neighbouring words of a document as one token.
      Vietnamese words are several syllables, and a phrase of common syllables ("chuyen
      doi so": "doi" and "so" are in a third of all documents) made FTS5 walk their whole
      posting lists, ~20 ms at half a million documents; as a phrase of pairs it reads a
      few hundred entries. It is filled by triggers when documents are added (the crawl's
      cost, not saving directives'), through `chidao_word_pairs`, a function `connect`
      registers.
    * (province_current, date), (province_legacy, date) and (level, date) become
      single-column indexes. Search filters through FTS facet tokens now, and a composite
      keyed on a date puts each new directive at a random place: every saved batch of a
      thousand documents rewrote ~1,700 pages of each of them (7 MB each per commit at a
      million directives). A single-column index keeps equal keys in rowid order, so new
      directives append to a few dozen pages; `list` and `export` filter with it and sort
      the province's rows by date, and `compare` counts provinces from it.
    """
    for name in ("directives_ai", "directives_ad", "directives_au",
                 "documents_ai", "documents_ad", "documents_au"):
        db.execute(f"DROP TRIGGER IF EXISTS [{name}]")
    db.execute("DROP TABLE IF EXISTS directives_fts")
    # `chidao.store` adds to category_counts once per batch and key (a trigger upserted it
    # once per directive_categories row); deletes still go through the trigger. The
    # (category, directive_id) index served no query: the category filter probes the key.
    db.execute("DROP TRIGGER IF EXISTS directive_categories_ai")
    db.execute("DROP INDEX IF EXISTS idx_directive_categories_category")
    for col in ("province_current", "province_legacy", "level"):
        db.execute(f"DROP INDEX IF EXISTS idx_directives_{col}_date")
        db["directives"].create_index([col], if_not_exists=True)
    db.execute("DROP TABLE IF EXISTS documents_fts")
    _fts5(db, "documents", ("search_text",))
    db.execute("CREATE VIRTUAL TABLE documents_pairs USING FTS5 (pairs, content='', "
               "columnsize=0, tokenize='unicode61 remove_diacritics 2')")
    pairs = "INSERT INTO documents_pairs ({}rowid, pairs) VALUES ({}{}.id, chidao_word_pairs({}.search_text));"
    add, remove = pairs.format("", "", "new", "new"), pairs.format(
        "documents_pairs, ", "'delete', ", "old", "old")
    db.execute(f"CREATE TRIGGER documents_pairs_ai AFTER INSERT ON documents BEGIN {add} END")
    db.execute(f"CREATE TRIGGER documents_pairs_ad AFTER DELETE ON documents BEGIN {remove} END")
    db.execute("CREATE TRIGGER documents_pairs_au AFTER UPDATE OF search_text ON documents "
               f"BEGIN {remove} {add} END")
    db.execute("INSERT INTO documents_pairs (rowid, pairs) "
               "SELECT id, chidao_word_pairs(search_text) FROM documents ORDER BY id")

    db.execute("CREATE VIRTUAL TABLE directives_search USING FTS5 (search_text, facets, "
               "content='', columnsize=0, tokenize='unicode61 remove_diacritics 2')")
    rowid = f"(coalesce(length({{0}}.search_text), 0) << {SEARCH_SHIFT}) | {{0}}.id"
    values = "{0}.search_text, {0}.facets"
    insert = ("INSERT INTO directives_search (rowid, search_text, facets) "
              f"VALUES ({rowid.format('new')}, {values.format('new')});")
    # A contentless table forgets a row only when given the exact values it indexed.
    delete = ("INSERT INTO directives_search (directives_search, rowid, search_text, facets) "
              f"VALUES ('delete', {rowid.format('old')}, {values.format('old')});")
    db.execute(f"CREATE TRIGGER directives_search_ad AFTER DELETE ON directives BEGIN {delete} END")
    db.execute("CREATE TRIGGER directives_search_au AFTER UPDATE OF id, search_text, facets "
               f"ON directives BEGIN {delete} {insert} END")
    db.execute("INSERT INTO directives_search (rowid, search_text, facets) "
               f"SELECT {rowid.format('directives')}, {values.format('directives')} "
               "FROM directives ORDER BY 1")


# The month of a directive's date, as `category_counts` and `directive_counts` key it and as
# `idx_directives_month` indexes it: queries must spell the expression exactly like this
# (with their table alias) for SQLite to use that index.
MONTH_SQL = "substr({}.date, 1, 7)"


@migrations()
def m006_lean_writes(db: sqlite_utils.Database) -> None:
    """Fewer index pages written per saved batch; directive totals kept for `compare`.

    Measured at a million directives (bench/search.py), committing a batch cost more than
    building its rows: each commit writes every page the batch touched, and an index keyed
    on a value that is random in the order directives are saved touches a page per
    directive. Checked with EXPLAIN QUERY PLAN against every query in chidao/ and the
    Datasette metadata:

    * `idx_directives_date` goes: (date) is random in save order, ~1,500 of its pages were
      rewritten per batch of a thousand documents. `idx_directives_month` on
      ``substr(date, 1, 7)`` replaces it: a few hundred months, each appended to at its
      end, so a batch touches a page or two per month. `export` and the canned Datasette
      query order by (month, date, id), which is (date, id) order, so SQLite walks this
      index and sorts only within a month; `--since`/`--until` add a month bound it can seek.
    * Indexes no query uses go: (extractor_version) (`extract` reads `extractions`),
      (issuer_id), measures (category, directive_id) (the category filter and the totals
      read `directive_categories` and `category_counts`), doc_references (number).
    * `directive_counts` holds directives per (province, month), however many categories
      each has, added to by `chidao.store` once per batch like `category_counts` and taken
      from by a delete trigger. `compare` read those totals by walking a province index
      over every directive (~100 ms at a million); now it sums a few thousand rows.
    * `category_counts` becomes a view: the folded totals (`category_totals`, the old
      table) plus the `directive_categories` rows saved since they were last folded
      (`directive_id` above `category_totals_mark`), a range at the end of that table's
      key. Adding every batch's increments to the totals rewrote most of their pages per
      batch (their keys are random in save order: a third of all pages a batch wrote);
      `chidao.store` now folds the recent rows in once ~`FOLD_DIRECTIVES` directives have
      been saved. Every reader sums the view, so the answers are the same; deletes take
      from the totals only what was folded in.
    * `documents.facets`, written by nothing since m005 and read by nothing, is dropped
      (SQLite rewrites the documents table once to do it).
    """
    if "facets" in db["documents"].columns_dict:
        db.execute("ALTER TABLE documents DROP COLUMN facets")
    for name in ("idx_directives_date", "idx_directives_extractor_version",
                 "idx_directives_issuer_id", "idx_measures_category_directive_id",
                 "idx_doc_references_number"):
        db.execute(f"DROP INDEX IF EXISTS [{name}]")
    # An index expression names its columns bare; queries' ``substr(d.date, 1, 7)`` matches.
    db.execute("CREATE INDEX IF NOT EXISTS idx_directives_month ON directives (substr(date, 1, 7))")
    db.execute("""
        CREATE TABLE directive_counts (
            province_legacy TEXT NOT NULL,
            province_current TEXT NOT NULL,
            month TEXT NOT NULL,
            directives INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (province_legacy, province_current, month)
        ) WITHOUT ROWID""")
    key = ("coalesce({0}.province_legacy, ''), coalesce({0}.province_current, ''), "
           "coalesce(substr({0}.date, 1, 7), '')")
    db.execute(f"""
        CREATE TRIGGER directive_counts_ad AFTER DELETE ON directives BEGIN
          UPDATE directive_counts SET directives = directives - 1
          WHERE (province_legacy, province_current, month) = ({key.format('old')});
        END""")
    db.execute(f"INSERT INTO directive_counts SELECT {key.format('d')}, count(*) "
               "FROM directives d GROUP BY 1, 2, 3")

    db.execute("ALTER TABLE category_counts RENAME TO category_totals")
    db.execute("CREATE TABLE category_totals_mark (folded_through INTEGER NOT NULL)")
    db.execute("INSERT INTO category_totals_mark "
               "SELECT coalesce(max(directive_id), 0) FROM directive_categories")
    db.execute("DROP TRIGGER IF EXISTS directive_categories_ad")
    db.execute("""
        CREATE TRIGGER directive_categories_ad AFTER DELETE ON directive_categories
        WHEN old.directive_id <= (SELECT folded_through FROM category_totals_mark) BEGIN
          UPDATE category_totals SET directives = directives - 1,
                                     measures = measures - old.measures
          WHERE province_legacy = old.province_legacy AND province_current = old.province_current
            AND month = old.month AND category = old.category;
        END""")
    db.execute("""
        CREATE VIEW category_counts AS
        SELECT province_legacy, province_current, month, category, directives, measures
        FROM category_totals
        UNION ALL
        SELECT province_legacy, province_current, month, category, 1, measures
        FROM directive_categories
        WHERE directive_id > (SELECT folded_through FROM category_totals_mark)""")
