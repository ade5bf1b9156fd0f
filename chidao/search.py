"""Accent-insensitive full-text search over directives and the documents they come from.

Two FTS5 indexes answer a query: `directives_fts` (the directive's own words: issuer,
addressees, measures, targets, deadlines, references) and `documents_fts` (title and text).
Both index `fold_chars` text, so the query is folded the same way: ``"xu ly nghiem"``
finds "xử lý nghiêm" and ``"dinh chi"`` finds "đình chỉ".

The user's query is never passed to FTS5 as syntax: it is cut into words, each word
becomes a quoted FTS string, and the expression is assembled here. Double-quoted parts are
separate phrases that must all occur. The unquoted words are one phrase too, because a
Vietnamese word is several syllables ("xu ly nghiem" must not match three syllables
scattered over a page); only when that finds nothing are they relaxed to "near one another".
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import sqlite_utils

from chidao.filters import Filters
from chidao.store import directive_text, fold_chars
from nlp.textnorm import fold

NEAR_DISTANCE = 8  # tokens allowed between the unquoted words of a query
DIRECTIVE_WEIGHT = 2.0  # a match in the directive's own fields counts double
_WORD = re.compile(r"\w+")


@dataclass
class Query:
    """A parsed user query: exact phrases and loose words, all folded."""

    phrases: list[list[str]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    near: bool = False  # relaxed: the unquoted words need only be near one another

    @classmethod
    def parse(cls, text: str) -> Query:
        q = cls()
        parts = (text or "").split('"')
        for i, part in enumerate(parts):
            tokens = _WORD.findall(fold(part).replace("_", " "))
            if i % 2 and tokens:  # inside double quotes
                q.phrases.append(tokens)
            else:
                q.words.extend(tokens)
        return q

    @property
    def empty(self) -> bool:
        return not (self.phrases or self.words)

    def fts(self, column: str = "search_text") -> str:
        """The FTS5 expression, restricted to ``column``; every token is a quoted string."""
        groups = [" + ".join(_quote(t) for t in p) for p in self.phrases]
        if self.near and len(self.words) > 1:
            groups.append(f"NEAR({' '.join(_quote(w) for w in self.words)}, {NEAR_DISTANCE})")
        elif self.words:
            groups.append(" + ".join(_quote(w) for w in self.words))
        return f"{column} : ({' AND '.join(groups)})"

    def patterns(self) -> list[re.Pattern[str]]:
        """Regexes over fold_chars text for highlighting, longest (most specific) first."""
        pats = []
        for p in self.phrases:
            pats.append(r"\W+".join(re.escape(t) for t in p))
        if len(self.words) > 1:
            pats.append(r"\W+".join(re.escape(t) for t in self.words))
        if self.words:  # every loose word at once, so a relaxed match shows them all
            pats.append("(?:" + "|".join(re.escape(w) for w in self.words) + ")")
        return [re.compile(rf"(?<!\w){p}(?!\w)") for p in pats]


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


@dataclass
class Hit:
    id: int
    score: float
    issuer: str | None
    level: str | None
    province_legacy: str | None
    province_current: str | None
    date: str | None
    categories: list[str]
    instrument: str | None
    document_id: int
    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    matched: str  # "directive", "document" or "both"
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def highlight(texts: str | list[str], query: Query, width: int = 160,
              mark: tuple[str, str] = ("[", "]")) -> str | None:
    """A window around the best match in ``texts``, matches wrapped in ``mark``.

    The most specific pattern (the whole phrase) is looked for in every text before a
    single word is. Matching runs on ``fold_chars(text)``, which has the same length, so
    the offsets found there cut the accented original. None when nothing matches.
    """
    candidates = [texts] if isinstance(texts, str) else texts
    folded = [fold_chars(t) for t in candidates]
    for pat in query.patterns():
        for original, f in zip(candidates, folded, strict=True):
            spans = [m.span() for m in pat.finditer(f)]
            if spans:
                return _window(original, spans, width, mark)
    return None


def _window(original: str, spans: list[tuple[int, int]], width: int,
            mark: tuple[str, str]) -> str:
    first = spans[0][0]
    start = max(0, first - width // 3)
    # Start the window at a word boundary so it never opens mid-syllable.
    if start > 0:
        space = original.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(original), start + width)
    out, pos = [], start
    for a, b in spans:
        if a < pos or b > end:
            continue
        out.extend([original[pos:a], mark[0], original[a:b], mark[1]])
        pos = b
    out.append(original[pos:end])
    text = " ".join("".join(out).split())
    return ("…" if start > 0 else "") + text + ("…" if end < len(original) else "")


def search(
    db: sqlite_utils.Database,
    query: str,
    province: str | None = None,
    by: str = "current",
    level: str | None = None,
    category: str | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    limit: int = 50,
    mark: tuple[str, str] = ("[", "]"),
) -> list[Hit]:
    """Directives matching ``query`` (accent-free), best first, with highlighted snippets.

    >>> [h.snippet for h in search(db, "xu ly nghiem", province="An Giang")]  # doctest: +SKIP
    ['…[xử lý nghiêm] những hành vi gây phiền hà, nhũng nhiễu…']

    Raises ValueError for an unknown province, level, category or source, or a bad date.
    """
    filters = Filters.make(db, province=province, by=by, level=level, category=category,
                           since=since, until=until, source=source)
    if limit < 1:
        raise ValueError("limit must be at least 1")
    q = Query.parse(query)
    if q.empty:
        raise ValueError("the query has no words to search for")
    hits = _run(db, q, filters, limit, mark)
    if not hits and len(q.words) > 1:
        q.near = True
        hits = _run(db, q, filters, limit, mark)
    return hits


def _run(db: sqlite_utils.Database, q: Query, filters: Filters, limit: int,
         mark: tuple[str, str]) -> list[Hit]:
    match = q.fts()
    if filters.active:
        match += f" AND facets : ({filters.fts()})"
    where, params = filters.sql("d")
    # bm25 is negative, lower is better; the facets column gets weight 0 so filter tokens
    # never change the order. A directive found both ways adds up both scores.
    sql = f"""
        WITH m AS (
            SELECT rowid AS id, {DIRECTIVE_WEIGHT} * bm25(directives_fts, 1.0, 0.0) AS score,
                   1 AS in_directive
            FROM directives_fts WHERE directives_fts MATCH ?
            UNION ALL
            SELECT d.id, bm25(documents_fts, 1.0, 0.0), 0
            FROM documents_fts JOIN directives d ON d.document_id = documents_fts.rowid
            WHERE documents_fts MATCH ?
        ), best AS (
            SELECT id, sum(score) AS score, max(in_directive) AS in_directive,
                   count(*) AS ways FROM m GROUP BY id
        )
        SELECT best.id, best.score, best.in_directive, best.ways FROM best
        {"JOIN directives d ON d.id = best.id WHERE " + where if filters.active else ""}
        ORDER BY best.score, best.id
        LIMIT ?"""
    ranked = db.execute(sql, [match, match, *params, limit]).fetchall()
    # Wide columns (the directive's JSON, the document text) are read only for the page of
    # results, never for every candidate the ranking sorts.
    marks = ",".join("?" * len(ranked))
    details = {row[0]: row for row in db.execute(f"""
        SELECT d.id, d.issuer_text, d.level, d.province_legacy, d.province_current, d.date,
               d.categories, d.instrument_type, d.instrument_number, d.json, d.document_id,
               doc.doc_id, doc.title, doc.url, doc.source_id, doc.text
        FROM directives d JOIN documents doc ON doc.id = d.document_id
        WHERE d.id IN ({marks})""", [r[0] for r in ranked])}
    rows = [(*r, *details[r[0]][1:]) for r in ranked if r[0] in details]
    return [_hit(row, q, mark) for row in rows]


def _hit(row: tuple[Any, ...], q: Query, mark: tuple[str, str]) -> Hit:
    (did, score, in_directive, ways, issuer, level, legacy, current, date, categories,
     itype, inumber, djson, document_id, doc_id, title, url, source, text) = row
    directive = json.loads(djson) if djson else {}
    snippet = None
    if in_directive:
        # The field line that matched (a measure, a target...), highlighted.
        snippet = highlight(directive_text(directive).split("\n"), q, mark=mark)
    snippet = snippet or highlight(f"{title or ''}\n{text}", q, mark=mark) or (text or "")[:160]
    return Hit(
        id=did, score=round(-score, 6), issuer=issuer, level=level, province_legacy=legacy,
        province_current=current, date=date, categories=json.loads(categories or "[]"),
        instrument=" ".join(x for x in (itype, inumber) if x) or None,
        document_id=document_id, doc_id=doc_id, title=title, url=url, source=source,
        matched="both" if ways > 1 else ("directive" if in_directive else "document"),
        snippet=snippet,
    )
