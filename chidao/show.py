"""One directive in full: its fields, the sentences that support it in context, its source."""
from __future__ import annotations

import json
import textwrap
from typing import Any

import sqlite_utils

CONTEXT = 120  # characters of document text shown either side of an evidence sentence


def _context(text: str, start: int, end: int, mark: tuple[str, str]) -> dict[str, Any]:
    before = text[max(0, start - CONTEXT):start]
    after = text[end:end + CONTEXT]
    # Cut the context at word boundaries so it never opens or closes mid-word.
    if start - CONTEXT > 0 and " " in before:
        before = "…" + before[before.index(" ") + 1:]
    if end + CONTEXT < len(text) and " " in after:
        after = after[:after.rindex(" ")] + "…"
    return {"start": start, "end": end, "sentence": text[start:end],
            "in_context": " ".join(f"{before}{mark[0]}{text[start:end]}{mark[1]}{after}".split())}


def show(db: sqlite_utils.Database, directive_id: int,
         mark: tuple[str, str] = ("«", "»")) -> dict[str, Any]:
    """Everything the catalogue knows about one directive; ValueError when there is none."""
    row = db.execute(
        "SELECT d.id, d.json, d.issuer_text, d.role, d.organization, d.person, d.level,"
        " d.province_legacy, d.province_current, d.instrument_type, d.instrument_number,"
        " d.instrument_date, d.date, d.confidence, d.extractor_version, d.categories,"
        " doc.id, doc.doc_id, doc.title, coalesce(doc.url, doc.canonical_url), doc.published,"
        " doc.source_id, doc.text"
        " FROM directives d JOIN documents doc ON doc.id = d.document_id WHERE d.id = ?",
        (directive_id,),
    ).fetchone()
    if row is None:
        raise ValueError(f"no directive with id {directive_id} "
                         "(find ids with `chidao search` or `chidao export`)")
    (did, djson, issuer, role, org, person, level, legacy, current, itype, inumber, idate,
     date, confidence, version, categories, doc_pk, doc_id, title, url, published, source,
     text) = row
    directive = json.loads(djson or "{}")

    def spans(table: str, extra: str = "") -> list[dict[str, Any]]:
        cur = db.execute(f"SELECT text, start, end{extra} FROM {table} "
                         "WHERE directive_id = ? ORDER BY idx", (did,))
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur]

    evidence = [_context(text, s, e, mark) for s, e in db.execute(
        "SELECT start, end FROM evidence WHERE directive_id = ? ORDER BY start", (did,))
        if s is not None and e is not None and 0 <= s < e <= len(text)]
    if not evidence:
        # No evidence offsets from the extractor: show where the measures sit instead.
        evidence = [_context(text, m["start"], m["end"], mark) for m in spans("measures")
                    if m["start"] is not None]
    return {
        "id": did,
        "issuer": {"text": issuer, "role": role, "organization": org, "person": person,
                   "level": level},
        "province": {"legacy": legacy, "current": current},
        "instrument": {"type": itype, "number": inumber, "date": idate},
        "date": date,
        "categories": json.loads(categories or "[]"),
        "addressees": [a["text"] for a in spans("addressees")],
        "measures": [{"text": m["text"], "category": m["category"]}
                     for m in spans("measures", ", category")],
        "targets": [t["text"] for t in spans("targets")],
        "deadlines": [t["text"] for t in spans("deadlines")],
        "references": directive.get("references") or [],
        "evidence": evidence,
        "confidence": confidence,
        "extractor_version": version,
        "document": {"id": doc_pk, "doc_id": doc_id, "title": title, "url": url,
                     "published": published, "source": source, "number": inumber},
    }


def render(detail: dict[str, Any], width: int = 100) -> str:
    """The `chidao show` text: labelled fields, then evidence in context, then the source."""
    wrap = textwrap.TextWrapper(width=width, subsequent_indent="    ")
    i, p, ins, doc = detail["issuer"], detail["province"], detail["instrument"], detail["document"]
    lines = [f"Directive {detail['id']}",
             f"  Issuer:      {i['text'] or '-'}" + (f" ({i['level']})" if i["level"] else ""),
             f"  Province:    {p['legacy'] or '-'} (legacy) → {p['current'] or '-'} (current)",
             f"  Instrument:  {' '.join(x for x in (ins['type'], ins['number']) if x) or '-'}"
             + (f", {ins['date']}" if ins["date"] else ""),
             f"  Date:        {detail['date'] or '-'}"]
    if detail["confidence"] is not None:
        lines.append(f"  Confidence:  {detail['confidence']:.2f}")

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append(f"{title}:")
            lines.extend(wrap.fill(f"  - {x}") for x in items)

    section("Addressees", detail["addressees"])
    section("Measures", [f"[{m['category']}] {m['text']}" for m in detail["measures"]])
    section("Targets", detail["targets"])
    section("Deadlines", detail["deadlines"])
    section("References", [" ".join(str(x) for x in (r.get("type"), r.get("number"),
                                                     r.get("date"), r.get("issuer")) if x)
                           for r in detail["references"]])
    section("Evidence", [e["in_context"] for e in detail["evidence"]])
    lines += ["Document:",
              f"  Title:       {doc['title'] or '-'}",
              f"  Number:      {doc['number'] or '-'}",
              f"  Published:   {doc['published'] or '-'}",
              f"  Source URL:  {doc['url'] or '-'}",
              f"  Id:          {doc['doc_id']} (source {doc['source'] or '-'})"]
    return "\n".join(lines)
