"""Directives out of the catalogue as CSV, JSON or JSON Lines, with the filters of search."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

import sqlite_utils

from chidao.db import MONTH_SQL
from chidao.filters import Filters
from chidao.store import given_offsets

FORMATS = ("csv", "json", "jsonl")
# Flat columns for CSV; lists are joined with " | " (a separator that spans never contain).
CSV_COLUMNS = ("id", "date", "province_legacy", "province_current", "level", "issuer",
               "instrument_type", "instrument_number", "categories", "addressees", "measures",
               "targets", "deadlines", "confidence", "doc_id", "title", "url", "source",
               "role", "organization", "person", "instrument_date", "extractor_version")


def directives(db: sqlite_utils.Database, query: str | None = None, *, province: str | None = None,
               by: str = "current", level: str | None = None, category: str | None = None,
               since: str | None = None, until: str | None = None, source: str | None = None,
               limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Matching directives as records (the schema's fields plus catalogue columns).

    With ``query`` the full-text ranking of `chidao.search` decides membership and order;
    without it, every directive passing the filters, by date then id, streamed.
    """
    filters = Filters.make(db, province=province, by=by, level=level, category=category,
                           since=since, until=until, source=source)
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1")
    where, params = filters.sql("d")
    if query:
        from chidao.search import search

        hits = search(db, query, province=province, by=by, level=level, category=category,
                      since=since, until=until, source=source, limit=limit or 1_000_000)
        for hit in hits:
            yield from _records(db, "d.id = ?", [hit.id], None)
        return
    yield from _records(db, where, params, limit)


def _records(db: sqlite_utils.Database, where: str, params: list[Any],
             limit: int | None) -> Iterator[dict[str, Any]]:
    sql = (f"SELECT d.id, d.date, d.province_legacy, d.province_current, d.level, d.issuer_text,"
           f" d.instrument_type, d.instrument_number, d.categories, d.confidence, d.json,"
           f" doc.doc_id, doc.title, coalesce(doc.url, doc.canonical_url), doc.source_id,"
           f" d.role, d.organization, d.person, d.instrument_date, d.extractor_version"
           f" FROM directives d JOIN documents doc ON doc.id = d.document_id WHERE {where}"
           # (date, id) order, spelled so SQLite walks the month index (chidao.db.m006).
           f" ORDER BY {MONTH_SQL.format('d')}, d.date, d.id" + (" LIMIT ?" if limit else ""))
    for row in db.execute(sql, [*params, limit] if limit else params):
        (did, date, legacy, current, level, issuer, itype, inumber, cats, conf, djson,
         doc_id, title, url, source, role, org, person, idate, version) = row
        d = json.loads(djson or "{}")
        yield {
            "id": did, "date": date, "province_legacy": legacy, "province_current": current,
            "level": level, "issuer": issuer, "instrument_type": itype,
            "instrument_number": inumber, "categories": json.loads(cats or "[]"),
            "addressees": d.get("addressees") or [], "measures": d.get("measures") or [],
            "targets": d.get("targets") or [], "deadlines": d.get("deadlines") or [],
            "references": d.get("references") or [], "confidence": conf,
            "doc_id": doc_id, "title": title, "url": url, "source": source,
            "role": role, "organization": org, "person": person, "instrument_date": idate,
            "extractor_version": version, "evidence": d.get("evidence") or [],
            "offsets": _offsets(d),
        }


def _offsets(d: dict[str, Any]) -> dict[str, Any]:
    """Where each field was read, under the keys the catalogue reads them from
    (`chidao.store.given_offsets`): JSON and JSON Lines carry them, so a researcher can check
    a span against its document; CSV, one line a directive, does not."""
    out = {"issuer": d["issuer_offsets"]} if d.get("issuer_offsets") is not None else {}
    for field in ("addressees", "measures", "targets", "deadlines"):
        given = given_offsets(d, field)
        if given is not None:
            out[field] = given
    return out


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    out = {k: record.get(k) for k in CSV_COLUMNS}
    out["measures"] = " | ".join(f"{m.get('text')} ({m.get('category')})"
                                 for m in record["measures"])
    for k in ("categories", "addressees", "targets", "deadlines"):
        out[k] = " | ".join(record[k])
    return out


def write(records: Iterator[dict[str, Any]], out: TextIO, fmt: str) -> int:
    """Write ``records`` to ``out`` as ``fmt``; return how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}. Valid choices: {', '.join(FORMATS)}")
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for r in records:
            writer.writerow(_flat(r))
            n += 1
    elif fmt == "jsonl":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    else:  # one JSON array, streamed so a large export never sits in memory
        out.write("[")
        for r in records:
            out.write(("," if n else "") + "\n" + json.dumps(r, ensure_ascii=False))
            n += 1
        out.write("\n]\n")
    return n


def export(db: sqlite_utils.Database, out: TextIO, fmt: str = "csv", query: str | None = None,
           **filters: Any) -> int:
    """`chidao export`: matching directives to ``out``; returns the count."""
    return write(directives(db, query, **filters), out, fmt)
