"""Saving extractor output into the catalogue.

`save_extraction` takes one document's result as `directive.schema.json` writes it and
spreads it over the normalised tables (directives, issuers, addressees, measures, targets,
deadlines, doc_references, evidence), plus one `extractions` row that records that this
extractor version has seen this version of the document, also when it found nothing.

The catalogue keeps one set of directives per document: saving replaces whatever an
earlier run (of this or another extractor version) stored for that document, so search
never shows the same directive twice. The `extractions` rows stay as the history.
"""
from __future__ import annotations

import codecs
import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from json.encoder import c_encode_basestring, c_make_encoder  # type: ignore[attr-defined]
from typing import Any

import sqlite_utils

from chidao.db import SEARCH_SHIFT
from chidao.filters import facet_tokens
from nlp import places
from nlp.textnorm import fold_chars, key, nfc

# Span lists of a directive and the table each one goes to.
SPAN_TABLES = {"addressees": "addressees", "targets": "targets", "deadlines": "deadlines"}

# `fold_chars` as two C codec passes for text made of the characters below (the
# Vietnamese alphabet, printable ASCII, common punctuation): each one is given a byte, and
# the byte is decoded as that character's fold. `str.translate` with a dict looks up every
# character, the largest single cost of saving a directive; being built from `fold_chars`
# itself, this gives the same string. Text with any other character goes through
# `fold_chars`. (The table must start with NUL and leave unused bytes U+FFFE, "unmapped",
# for `charmap_build` to make its fast map rather than a dict.)
_VIET = "àáảãạằắẳẵặăầấẩẫậâèéẻẽẹềếểễệêìíỉĩịòóỏõọồốổỗộôờớởỡợơùúủũụừứửữựưỳýỷỹỵđ"
_FOLD_DOMAIN = ("\x00\t\n\r" + "".join(map(chr, range(32, 127))) + _VIET + _VIET.upper()
                + "\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00b0\u00b7"
                ).ljust(256, "\ufffe")
_FOLD_ENCODE = codecs.charmap_build(_FOLD_DOMAIN)
_FOLD_DECODE = fold_chars(_FOLD_DOMAIN)


def _fold(text: str) -> str:
    try:
        encoded = codecs.charmap_encode(text, "strict", _FOLD_ENCODE)[0]
    except UnicodeEncodeError:
        return fold_chars(text)
    return codecs.charmap_decode(encoded, "strict", _FOLD_DECODE)[0]


_stamp: tuple[int, str] = (-1, "")


def _now() -> str:
    """`chidao.documents.now`, formatted once a second rather than once a document."""
    global _stamp
    second = int(time.time())
    if second != _stamp[0]:
        _stamp = (second, datetime.fromtimestamp(second, UTC).isoformat(timespec="seconds"))
    return _stamp[1]


def directive_text(d: dict[str, Any]) -> str:
    """The searchable words of a directive, one field a line.

    `search_text` is ``fold_chars`` of exactly this string, so an offset found in the
    folded column is an offset here and search can highlight the accented original.
    """
    issuer = d.get("issuer") or {}
    instrument = d.get("instrument") or {}
    lines = [
        issuer.get("text") or "",
        issuer.get("organization") or "",
        " ".join(x for x in (instrument.get("type"), instrument.get("number")) if x),
        *(d.get("addressees") or []),
        *((m.get("text") or "") for m in d.get("measures") or []),
        *(d.get("targets") or []),
        *(d.get("deadlines") or []),
        *(" ".join(x for x in (r.get("type"), r.get("number"), r.get("issuer")) if x)
          for r in d.get("references") or []),
    ]
    # One normalisation of the whole: a line break composes and reorders with nothing, so
    # this is each line normalised, joined.
    return nfc("\n".join([line for line in lines if line]))


_OFFSET_KEYS = {field: (f"{singular}_offsets", f"{field}_offsets") for field, singular in
                (("addressees", "addressee"), ("measures", "measure"), ("targets", "target"),
                 ("deadlines", "deadline"))}


def given_offsets(d: dict[str, Any], field: str) -> Any:
    """The offsets an extractor gave for the spans of ``field`` (under ``measure_offsets`` or
    ``measures_offsets``, ...), as it gave them; None when it gave none."""
    singular_key, plural_key = _OFFSET_KEYS[field]
    given = d.get(singular_key)
    return given if given else d.get(plural_key, given)  # (an empty list stays one)


def _offsets(d: dict[str, Any], field: str, spans: Sequence[str], text: str) -> list[tuple[int | None, int | None]]:
    """Where each span of ``field`` sits in the document text.

    Extractors may give them (``addressee_offsets``, ``measure_offsets``... as ``[start, end]``
    or ``{"start", "end"}``, null for unknown); otherwise the first occurrence of the span in
    the text is used, so `show` can still put it in context.
    """
    given = given_offsets(d, field)
    if not given:  # the usual case: every span looked up, in one pass of C calls
        return _found(spans, text)
    out: list[tuple[int | None, int | None]] = []
    for i, span in enumerate(spans):
        start = end = None
        off = given[i] if i < len(given) else None
        if isinstance(off, dict):
            start, end = off.get("start"), off.get("end")
        elif isinstance(off, (list, tuple)) and len(off) == 2:
            start, end = off
        if (start is None or end is None) and span:
            found = text.find(span)
            if found >= 0:
                start, end = found, found + len(span)
        out.append((start, end))
    return out


@lru_cache(maxsize=65536)
def _issuer_key(text: str, province: str) -> str:
    # "UBND tỉnh" in Vĩnh Phúc and in Cà Mau are two issuers: the province is part of the key.
    return f"{key(text)}:{key(province)}"


def _province(d: dict[str, Any]) -> dict[str, str | None]:
    """Canonical spellings, so filters and the matrix group one province under one name."""
    prov = d.get("province") or {}
    # An empty name is no province: stored as NULL, as `directive_counts` and the
    # province indexes treat it.
    legacy, current = _canonical_provinces(prov.get("legacy") or None, prov.get("current") or None)
    return {"legacy": legacy, "current": current}


@lru_cache(maxsize=4096)
def _canonical_provinces(legacy: str | None, current: str | None) -> tuple[str | None, str | None]:
    name = places.canonical_legacy(legacy) or legacy
    return name, (places.canonical_current(current)
                  or (places.legacy_to_current(name) if name else None) or current)


_SPAN_SQL = "INSERT INTO {} (directive_id, idx, text, start, end) VALUES (?,?,?,?,?)"
# Insert statements in the order the rows are written: parents before children.
_ROW_SQL = {
    "directives": "INSERT INTO directives (id, document_id, idx, issuer_id, issuer_text, role,"
                  " organization, person, level, province_legacy, province_current,"
                  " instrument_type, instrument_number, instrument_date, date, year, confidence,"
                  " extractor_version, search_text, categories, facets, json, extracted_at)"
                  " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    **{table: _SPAN_SQL.format(table) for table in SPAN_TABLES.values()},
    "measures": "INSERT INTO measures (directive_id, idx, text, start, end, category)"
                " VALUES (?,?,?,?,?,?)",
    "doc_references": "INSERT INTO doc_references (directive_id, type, number, date, issuer)"
                      " VALUES (?,?,?,?,?)",
    "evidence": "INSERT INTO evidence (directive_id, start, end, text) VALUES (?,?,?,?)",
    "directive_categories": "INSERT INTO directive_categories (directive_id, category, measures,"
                            " province_legacy, province_current, month) VALUES (?,?,?,?,?,?)",
    "extractions": "INSERT OR REPLACE INTO extractions (document_id, extractor_version,"
                   " directives, error, extracted_at, document_version) VALUES (?,?,?,?,?,?)",
}
# Folding the directive_categories rows saved since the last fold into the totals, in key
# order (see `chidao.db.m006_lean_writes`).
_FOLD_SQL = ("INSERT INTO category_totals (province_legacy, province_current, month, category,"
             " directives, measures) SELECT province_legacy, province_current, month, category,"
             " count(*), sum(measures) FROM directive_categories"
             " WHERE directive_id > ? AND directive_id <= ? GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
             " ON CONFLICT DO UPDATE SET directives = directives + excluded.directives,"
             " measures = measures + excluded.measures")
# Directives saved between folds: readers sum at most this many directives' category rows
# on top of the totals; each fold rewrites most pages of the totals once.
FOLD_DIRECTIVES = 10_000
_TOTALS_SQL = ("INSERT INTO directive_counts (province_legacy, province_current, month, directives)"
               " VALUES (?,?,?,?) ON CONFLICT DO UPDATE SET"
               " directives = directives + excluded.directives")
_SEARCH_SQL = "INSERT INTO directives_search (rowid, search_text, facets) VALUES (?,?,?)"


class _Pending:
    """The rows of the documents saved in an open transaction, written all at once.

    Writing a document's rows as it is saved cost a savepoint (every page touched first in
    it is copied to the savepoint journal) and a dozen statements each; kept here, they go
    in with one executemany per table. Directive and issuer ids are handed out here, which
    is safe because the transaction holds the write lock (``BEGIN IMMEDIATE``).

    `directive_counts` is added to per batch from here rather than by a trigger per row,
    `category_totals` folded from here every `FOLD_DIRECTIVES` directives, and
    `directives_search` is filled in rowid order (see `chidao.db.m005_fast_search`).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        # Ids only grow, also past a deleted last directive: one at or below the fold mark
        # would never be added to the category totals.
        self.folded, self.next_id = conn.execute(
            "SELECT folded_through, max(folded_through, (SELECT coalesce(max(id), 0) FROM"
            " directives)) FROM category_totals_mark").fetchone()
        self.rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in _ROW_SQL}
        self.search: list[tuple[int, str, str]] = []
        self.totals: dict[tuple[str, str, str], int] = {}  # directives per province, month
        self.documents: set[int] = set()  # documents with rows here, not yet written
        self.issuers: dict[str, int] = {}  # issuer key -> id, for this transaction

    def write(self, conn: sqlite3.Connection) -> None:
        for table, sql in _ROW_SQL.items():
            if self.rows[table]:
                conn.executemany(sql, self.rows[table])
                self.rows[table].clear()
        # In key order: each total is a random place in its table, and neighbouring keys
        # share pages that are then found where the last upsert left the cursor.
        if self.totals:
            conn.executemany(_TOTALS_SQL, [(*k, v) for k, v in sorted(self.totals.items())])
            self.totals.clear()
        if self.search:
            conn.executemany(_SEARCH_SQL, sorted(self.search))
            self.search.clear()
        if self.next_id - self.folded >= FOLD_DIRECTIVES:
            conn.execute(_FOLD_SQL, (self.folded, self.next_id))
            conn.execute("UPDATE category_totals_mark SET folded_through = ?", (self.next_id,))
            self.folded = self.next_id
        self.documents.clear()

    def issuer_id(self, conn: sqlite3.Connection, issuer: dict[str, Any],
                  province: dict[str, str | None]) -> int | None:
        text = nfc(issuer.get("text") or "").strip()
        if not text:
            return None
        k = _issuer_key(text, province["legacy"] or province["current"] or "")
        found = self.issuers.get(k)
        if found is None:
            row = conn.execute("SELECT id FROM issuers WHERE key = ?", (k,)).fetchone()
            found = row[0] if row else conn.execute(
                "INSERT INTO issuers (key, text, role, organization, person, level,"
                " province_legacy, province_current) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (k, text, issuer.get("role"), issuer.get("organization"), issuer.get("person"),
                 issuer.get("level"), province["legacy"], province["current"])).lastrowid
            self.issuers[k] = found
        return found


# The open batch of each connection (by id), see `batch`.
_pending: dict[int, _Pending] = {}


@contextmanager
def batch(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction around many `save_extraction` calls (one commit, not one each).

    Saving a thousand documents' directives in a batch is several times faster: each
    commit flushes the FTS5 index to a new segment, and the batch's rows are written
    together, one statement per table. Nothing is visible until the end. The batch takes
    the write lock when it starts (other writers wait, up to the busy timeout).
    """
    conn = db.conn
    if conn.in_transaction:  # already inside one: it decides
        yield
        return
    conn.execute("BEGIN IMMEDIATE")
    key = id(conn)
    try:
        _pending[key] = _Pending(conn)
        yield
        _pending[key].write(conn)
    except BaseException:
        conn.rollback()
        raise
    finally:
        _pending.pop(key, None)
    conn.commit()


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """A transaction holding the write lock, or a savepoint inside the caller's."""
    if not conn.in_transaction:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
        return
    conn.execute("SAVEPOINT save_extraction")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK TO save_extraction")
        conn.execute("RELEASE save_extraction")
        raise
    conn.execute("RELEASE save_extraction")


def _delete_document_directives(conn: sqlite3.Connection, document_id: int) -> None:
    ids = "SELECT id FROM directives WHERE document_id = ?"
    for table in ("addressees", "targets", "deadlines", "measures", "doc_references",
                  "evidence", "directive_categories"):
        conn.execute(f"DELETE FROM {table} WHERE directive_id IN ({ids})", (document_id,))
    conn.execute("DELETE FROM directives WHERE document_id = ?", (document_id,))


def save_extraction(
    db: sqlite_utils.Database, document_id: int, result: dict[str, Any], extractor_version: str
) -> list[int]:
    """Store one document's extraction; return the new directive ids.

    ``result`` follows directive.schema.json; an ``"error"`` key records a failed run (no
    directives). Saving again replaces the document's previous directives. Inside `batch`
    the rows are written when the batch ends; otherwise before this returns.
    """
    conn = db.conn
    pending = _pending.get(id(conn))
    if pending is not None:
        return _save(conn, pending, document_id, result, extractor_version)
    # One transaction: a document's directives appear all at once or not at all.
    with _transaction(conn):
        pending = _Pending(conn)
        ids = _save(conn, pending, document_id, result, extractor_version)
        pending.write(conn)
    return ids


def _save(conn: sqlite3.Connection, pending: _Pending, document_id: int,
          result: dict[str, Any], extractor_version: str) -> list[int]:
    if document_id in pending.documents:  # saved twice in one batch: replace what is written
        pending.write(conn)
    doc = conn.execute("SELECT text, published, version, source_id, EXISTS (SELECT 1 FROM"
                       " directives WHERE document_id = documents.id) FROM documents WHERE id = ?",
                       (document_id,)).fetchone()
    if doc is None:
        raise ValueError(f"no document with id {document_id}")
    text, published, doc_version, source, saved_before = doc
    if saved_before:  # most saves are of new documents
        pending.write(conn)  # the rows deleted must all be in the tables and the index
        _delete_document_directives(conn, document_id)
    stamp = _now()
    directives = [] if result.get("error") else list(result.get("directives") or [])
    # Built into lists of this document's own first, so a directive that cannot be read
    # leaves the batch as it was (only a new issuer row may stay).
    rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in _ROW_SQL}
    search: list[tuple[int, str, str]] = []
    totals: list[tuple[str, str, str]] = []
    first = pending.next_id + 1
    for idx, d in enumerate(directives):
        _directive_rows(conn, pending, first + idx, d, idx, document_id, text, published,
                        source, extractor_version, stamp, rows, search, totals)
    pending.next_id += len(directives)
    rows["extractions"].append((document_id, extractor_version, len(directives),
                                result.get("error"), stamp, doc_version))
    for table, table_rows in rows.items():
        if table_rows:
            pending.rows[table].extend(table_rows)
    pending.search.extend(search)
    for k in totals:
        pending.totals[k] = pending.totals.get(k, 0) + 1
    pending.documents.add(document_id)
    return list(range(first, first + len(directives)))


def _directive_rows(conn: sqlite3.Connection, pending: _Pending, did: int, d: dict[str, Any],
                    idx: int, document_id: int, text: str, published: str | None,
                    source: str | None, extractor_version: str, stamp: str,
                    rows: dict[str, list[tuple[Any, ...]]], search: list[tuple[int, str, str]],
                    totals: list[tuple[str, str, str]]) -> None:
    """Append directive ``did``'s rows to ``rows``, its index entry to ``search`` and its
    directive_counts key to ``totals``."""
    get = d.get
    issuer = get("issuer") or {}
    instrument = get("instrument") or {}
    province = _province(d)
    legacy, current = province["legacy"], province["current"]
    date = instrument.get("date") or (published[:10] if published else None)
    year = int(date[:4]) if date and date[:4].isdigit() else None
    measures = [m for m in get("measures") or () if isinstance(m, dict)]
    m_categories = [m.get("category") or "other" for m in measures]
    by_category: dict[str, int] = {}
    for cat in m_categories:
        by_category[cat] = by_category.get(cat, 0) + 1
    categories = tuple(sorted(by_category))
    level = issuer.get("level")
    facets = " ".join(facet_tokens(province_legacy=legacy, province_current=current, level=level,
                                   categories=categories, year=year, source=source))
    search_text = _fold(directive_text(d))
    rows["directives"].append((
        did, document_id, idx, pending.issuer_id(conn, issuer, province), issuer.get("text"),
        issuer.get("role"), issuer.get("organization"), issuer.get("person"), level, legacy,
        current, instrument.get("type"), instrument.get("number"), instrument.get("date"), date,
        year, get("confidence"), extractor_version, search_text, _categories_json(categories),
        facets, _json(d), stamp))
    search.append(((len(search_text) << SEARCH_SHIFT) | did, search_text, facets))

    # Without any offsets key (bench, imports) the spans are looked up directly rather than
    # through `_offsets`' two key lookups per field.
    given = not _OFFSET_NAMES.isdisjoint(d)
    for field, table in SPAN_TABLES.items():
        spans = [s for s in get(field) or () if isinstance(s, str)]
        if spans:
            rows[table] += [(did, i, s, a, b) for i, (s, (a, b)) in enumerate(zip(
                spans, _offsets(d, field, spans, text) if given else _found(spans, text),
                strict=True))]
    if measures:
        m_texts = [m.get("text") or "" for m in measures]
        rows["measures"] += [
            (did, i, m_texts[i], a, b, m_categories[i]) for i, (a, b) in enumerate(
                _offsets(d, "measures", m_texts, text) if given else _found(m_texts, text))]
    references = get("references")
    if references:
        rows["doc_references"].extend(
            (did, r.get("type"), r.get("number"), r.get("date"), r.get("issuer"))
            for r in references if isinstance(r, dict))
    evidence = get("evidence")
    if evidence:
        rows["evidence"].extend(
            (did, e["start"], e["end"], text[e["start"]:e["end"]]) for e in evidence
            if isinstance(e, dict) and isinstance(e.get("start"), int)
            and isinstance(e.get("end"), int))
    legacy, current = legacy or "", current or ""
    month = date[:7] if date else ""
    rows["directive_categories"] += [(did, cat, n, legacy, current, month)
                                     for cat, n in by_category.items()]
    totals.append((legacy, current, month))


_OFFSET_NAMES = frozenset(name for names in _OFFSET_KEYS.values() for name in names)


def _found(spans: Sequence[str], text: str) -> list[tuple[int | None, int | None]]:
    """`_offsets` when the extractor gave none: each span's first occurrence in ``text``."""
    found = [text.find(span) if span else -1 for span in spans]
    return [(f, f + len(span)) if f >= 0 else (None, None)
            for f, span in zip(found, spans, strict=True)]


def _json_encoder() -> Callable[[Any, int], list[str]] | None:
    """json.dumps(..., ensure_ascii=False) without its per-call set-up: the C encoder it
    builds, built once (None where the C accelerator is missing)."""
    if c_make_encoder is None or c_encode_basestring is None:
        return None
    try:  # the arguments `JSONEncoder.iterencode` passes it, in CPython 3.11 to 3.13
        return c_make_encoder(None, json.JSONEncoder().default, c_encode_basestring, None,
                              ": ", ", ", False, False, True)
    except TypeError:
        return None


_json_chunks = _json_encoder()


def _json(value: Any) -> str:
    if _json_chunks is None:
        return json.dumps(value, ensure_ascii=False)
    return "".join(_json_chunks(value, 0))


@lru_cache(maxsize=4096)  # sorted sets of measure categories: a few hundred in practice
def _categories_json(categories: tuple[str, ...]) -> str:
    return _json(list(categories))


def pending_documents(db: sqlite_utils.Database, extractor_version: str) -> Iterator[dict[str, Any]]:
    """Documents this extractor version has not seen, or has seen only in an older version.

    Yields rows of `documents` (id, doc_id, title, text, published, url, version) in id order.
    """
    sql = """
        SELECT d.id, d.doc_id, d.title, d.text, d.published, d.url, d.version
        FROM documents d
        WHERE NOT EXISTS (
            SELECT 1 FROM extractions e
            WHERE e.document_id = d.id AND e.extractor_version = ?
              AND coalesce(e.document_version, 1) >= coalesce(d.version, 1))
        ORDER BY d.id"""
    cursor = db.conn.execute(sql, (extractor_version,))
    names = [c[0] for c in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))
