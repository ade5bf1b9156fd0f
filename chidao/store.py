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

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import sqlite_utils

from chidao.documents import now
from chidao.filters import facet_tokens
from nlp import places
from nlp.textnorm import fold_chars, key, nfc

# Span lists of a directive and the table each one goes to.
SPAN_TABLES = {"addressees": "addressees", "targets": "targets", "deadlines": "deadlines"}


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
    return "\n".join(nfc(line) for line in lines if line)


def _offsets(d: dict[str, Any], field: str, spans: Sequence[str], text: str) -> list[tuple[int | None, int | None]]:
    """Where each span of ``field`` sits in the document text.

    Extractors may give them (``addressee_offsets``, ``measure_offsets``... as ``[start, end]``
    or ``{"start", "end"}``, null for unknown); otherwise the first occurrence of the span in
    the text is used, so `show` can still put it in context.
    """
    singular = {"addressees": "addressee", "measures": "measure", "targets": "target",
                "deadlines": "deadline"}[field]
    given = d.get(f"{singular}_offsets") or d.get(f"{field}_offsets") or []
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


def _issuer_id(conn: sqlite3.Connection, issuer: dict[str, Any], province: dict[str, Any]) -> int | None:
    text = nfc(issuer.get("text") or "").strip()
    if not text:
        return None
    k = _issuer_key(text, province.get("legacy") or province.get("current") or "")
    row = conn.execute("SELECT id FROM issuers WHERE key = ?", (k,)).fetchone()
    if row:
        return row[0]
    return conn.execute(
        "INSERT INTO issuers (key, text, role, organization, person, level, province_legacy,"
        " province_current) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (k, text, issuer.get("role"), issuer.get("organization"), issuer.get("person"),
         issuer.get("level"), province.get("legacy"), province.get("current")),
    ).lastrowid


def _province(d: dict[str, Any]) -> dict[str, str | None]:
    """Canonical spellings, so filters and the matrix group one province under one name."""
    prov = d.get("province") or {}
    legacy, current = _canonical_provinces(prov.get("legacy"), prov.get("current"))
    return {"legacy": legacy, "current": current}


@lru_cache(maxsize=4096)
def _canonical_provinces(legacy: str | None, current: str | None) -> tuple[str | None, str | None]:
    name = places.canonical_legacy(legacy) or legacy
    return name, (places.canonical_current(current)
                  or (places.legacy_to_current(name) if name else None) or current)


@contextmanager
def batch(db: sqlite_utils.Database) -> Iterator[None]:
    """One transaction around many `save_extraction` calls (one commit, not one each).

    Saving a thousand documents' directives in a batch is several times faster: each
    commit flushes the FTS5 index to a new segment. Nothing is visible until the end.
    """
    conn = db.conn
    if conn.in_transaction:  # already inside one: it decides
        yield
        return
    conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """A transaction, or a savepoint inside the caller's (see `batch`)."""
    if not conn.in_transaction:
        with conn:
            yield
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
    directives). Saving again replaces the document's previous directives.
    """
    conn = db.conn
    doc = conn.execute(
        "SELECT text, published, version, source_id, facets FROM documents WHERE id = ?",
        (document_id,),
    ).fetchone()
    if doc is None:
        raise ValueError(f"no document with id {document_id}")
    text, published, doc_version, source, old_facets = doc
    stamp = now()
    directives = [] if result.get("error") else list(result.get("directives") or [])
    ids: list[int] = []
    tokens: set[str] = set()
    # One transaction: a document's directives appear all at once or not at all.
    with _transaction(conn):
        if conn.execute("SELECT 1 FROM directives WHERE document_id = ? LIMIT 1",
                        (document_id,)).fetchone():  # most saves are of new documents
            _delete_document_directives(conn, document_id)
        for idx, d in enumerate(directives):
            new_id, new_tokens = _insert_directive(conn, document_id, idx, d, text, published,
                                                   source, extractor_version, stamp)
            ids.append(new_id)
            tokens.update(new_tokens)
        facets = " ".join(sorted(tokens))
        if facets != (old_facets or ""):  # re-indexes the document text, so only on change
            conn.execute("UPDATE documents SET facets = ? WHERE id = ?", (facets, document_id))
        conn.execute(
            "INSERT OR REPLACE INTO extractions (document_id, extractor_version, directives,"
            " error, extracted_at, document_version) VALUES (?, ?, ?, ?, ?, ?)",
            (document_id, extractor_version, len(ids), result.get("error"), stamp, doc_version),
        )
    return ids


def _many(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:  # an empty executemany still prepares and steps the statement
        conn.executemany(sql, rows)


def _insert_directive(conn: sqlite3.Connection, document_id: int, idx: int, d: dict[str, Any],
                      text: str, published: str | None, source: str | None,
                      extractor_version: str, stamp: str) -> tuple[int, list[str]]:
    issuer = d.get("issuer") or {}
    instrument = d.get("instrument") or {}
    province = _province(d)
    date = instrument.get("date") or (published[:10] if published else None)
    year = int(date[:4]) if date and date[:4].isdigit() else None
    measures = [m for m in d.get("measures") or [] if isinstance(m, dict)]
    counts: dict[str, int] = {}
    for m in measures:
        cat = m.get("category") or "other"
        counts[cat] = counts.get(cat, 0) + 1
    tokens = facet_tokens(province_legacy=province["legacy"], province_current=province["current"],
                          level=issuer.get("level"), categories=sorted(counts), year=year,
                          source=source)
    directive_id = conn.execute(
        "INSERT INTO directives (document_id, idx, issuer_id, issuer_text, role, organization,"
        " person, level, province_legacy, province_current, instrument_type, instrument_number,"
        " instrument_date, date, year, confidence, extractor_version, search_text, categories,"
        " facets, json, extracted_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (document_id, idx, _issuer_id(conn, issuer, province), issuer.get("text"),
         issuer.get("role"), issuer.get("organization"), issuer.get("person"),
         issuer.get("level"), province["legacy"], province["current"], instrument.get("type"),
         instrument.get("number"), instrument.get("date"), date, year, d.get("confidence"),
         extractor_version, fold_chars(directive_text(d)),
         json.dumps(sorted(counts), ensure_ascii=False), " ".join(tokens),
         json.dumps(d, ensure_ascii=False),
         stamp),
    ).lastrowid
    assert directive_id is not None

    for field, table in SPAN_TABLES.items():
        spans = [s for s in d.get(field) or [] if isinstance(s, str)]
        _many(conn,
            f"INSERT INTO {table} (directive_id, idx, text, start, end) VALUES (?,?,?,?,?)",
            [(directive_id, i, s, a, b)
             for i, (s, (a, b)) in enumerate(zip(spans, _offsets(d, field, spans, text), strict=True))],
        )
    m_texts = [m.get("text") or "" for m in measures]
    _many(conn,
        "INSERT INTO measures (directive_id, idx, text, start, end, category) VALUES (?,?,?,?,?,?)",
        [(directive_id, i, m_texts[i], a, b, m.get("category") or "other")
         for i, (m, (a, b)) in enumerate(zip(measures, _offsets(d, "measures", m_texts, text), strict=True))],
    )
    _many(conn,
        "INSERT INTO doc_references (directive_id, type, number, date, issuer) VALUES (?,?,?,?,?)",
        [(directive_id, r.get("type"), r.get("number"), r.get("date"), r.get("issuer"))
         for r in d.get("references") or [] if isinstance(r, dict)],
    )
    _many(conn,
        "INSERT INTO evidence (directive_id, start, end, text) VALUES (?,?,?,?)",
        [(directive_id, e["start"], e["end"], text[e["start"]:e["end"]])
         for e in d.get("evidence") or []
         if isinstance(e, dict) and isinstance(e.get("start"), int) and isinstance(e.get("end"), int)],
    )
    _many(conn,
        "INSERT INTO directive_categories (directive_id, category, measures, province_legacy,"
        " province_current, month) VALUES (?,?,?,?,?,?)",
        [(directive_id, cat, n, province["legacy"] or "", province["current"] or "",
          date[:7] if date else "") for cat, n in counts.items()],
    )
    return directive_id, tokens


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
