"""Accent-insensitive full-text search over directives and the documents they come from.

Two FTS5 indexes answer a query: `directives_search` (the directive's own words: issuer,
addressees, measures, targets, deadlines, references) and `documents_fts` (title and text).
Both index `fold_chars` text, so the query is folded the same way: ``"xu ly nghiem"``
finds "xử lý nghiêm" and ``"dinh chi"`` finds "đình chỉ".

Ranking: a directive found through its own words and its document's text comes first,
then one found through its own words only, then one found only through the document (the
directive's own words weigh double); within each, the shorter the text that matched, the
higher (a one-line measure that says it beats a long list that mentions it). That order
is what lets a search on a million directives stop early: `directives_search` hands out
matches shortest first (see `chidao.db.m005_fast_search`), so once a page of "both" hits
is found nothing later can outrank them. FTS5's bm25() cannot stop early: it counts every
row holding each query phrase across the whole table before ranking the first one.

The user's query is never passed to FTS5 as syntax: it is cut into words, each word
becomes a quoted FTS string, and the expression is assembled here. Double-quoted parts are
separate phrases that must all occur. The unquoted words are one phrase too, because a
Vietnamese word is several syllables ("xu ly nghiem" must not match three syllables
scattered over a page); only when that finds nothing are they relaxed to "near one another".
"""
from __future__ import annotations

import json
import re
import sqlite3
import threading
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from typing import Any

import sqlite_utils

from chidao.db import PAIR_SEP, SEARCH_ID_MASK, SEARCH_SHIFT
from chidao.filters import Filters
from chidao.store import directive_text, fold_chars
from nlp.textnorm import fold

NEAR_DISTANCE = 8  # tokens allowed between the unquoted words of a query
DIRECTIVE_WEIGHT = 2.0  # a match in the directive's own fields counts double
# Score: the weight of where the query matched, plus 1 / (1 + length / FOCUS_CHARS) of the
# matched text, a fraction, so the three kinds never interleave.
MATCH_WEIGHT = {"both": DIRECTIVE_WEIGHT + 1.0, "directive": DIRECTIVE_WEIGHT, "document": 1.0}
FOCUS_CHARS = 400
FEW = 300  # filtered directives few enough to test their documents one by one
MANY = 5_000  # document-only candidates past which the facet tokens weed them out first
_BATCH = 64  # first batch of own-word matches checked against their documents
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

    def documents_fts(self) -> tuple[str, str]:
        """(table, expression) that finds the documents matching: `documents_pairs`, which
        indexes each two neighbouring words as one token, when every part of the query is a
        phrase of two words or more (the same documents, read from short posting lists);
        `documents_fts` otherwise (single words, the relaxed NEAR)."""
        groups = self.phrases + ([self.words] if self.words else [])
        if self.near or any(len(g) < 2 for g in groups):
            return "documents_fts", self.fts()
        return "documents_pairs", " AND ".join(
            "(" + " + ".join(_quote(a + PAIR_SEP + b) for a, b in pairwise(g)) + ")"
            for g in groups)

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
    conn = db.conn
    where, params = filters.sql("d")
    both, own_only, seen, complete = _own_word_matches(conn, q, filters, where, params, limit)
    ranked = [(did, "both", n) for n, did in both]
    if complete:  # every own-word match was seen: the other two kinds can reach the page
        ranked += [(did, "directive", n) for n, did in own_only]
        if len(ranked) < limit:
            ranked += [(did, "document", n) for n, did in _document_only(
                conn, q, filters, where, params, seen, limit - len(ranked))]
    ranked = ranked[:limit]
    # Wide columns (the directive's JSON, the document text) are read only for the page of
    # results, never for every candidate.
    details: dict[int, tuple[Any, ...]] = {}
    for i in range(0, len(ranked), 10_000):  # under SQLite's limit on parameters
        ids = [r[0] for r in ranked[i:i + 10_000]]
        details.update((row[0], row) for row in conn.execute(f"""
            SELECT d.id, d.issuer_text, d.level, d.province_legacy, d.province_current, d.date,
                   d.categories, d.instrument_type, d.instrument_number, d.json, d.document_id,
                   doc.doc_id, doc.title, doc.url, doc.source_id, doc.text
            FROM directives d JOIN documents doc ON doc.id = d.document_id
            WHERE d.id IN ({",".join("?" * len(ids))})""", ids))
    return [_hit((did, MATCH_WEIGHT[how] + 1 / (1 + n / FOCUS_CHARS), how, *details[did][1:]),
                 q, mark)
            for did, how, n in ranked if did in details]


def _own_word_matches(conn: sqlite3.Connection, q: Query, filters: Filters, where: str,
                      params: list[Any], limit: int
                      ) -> tuple[list[tuple[int, int]], list[tuple[int, int]], set[int], bool]:
    """Directives whose own words match, shortest first, split by whether the document does.

    Returns ``(both, own_only, seen, complete)``, lists of (length, id). The walk stops once
    ``limit`` matched both ways: every later match is longer, or matched one way only, so
    it cannot outrank them. ``complete`` says the walk saw every own-word match.
    """
    text = q.fts()
    facets = filters.fts(years=False)
    match = text + (f" AND facets : ({facets})" if facets else "")
    # Facet tokens are exact for province, level and category; dates are tested here in SQL
    # (an OR of year tokens merges posting lists of 100,000 entries a year at a million
    # directives, slower than testing the dates of the rows the walk reaches), and so are
    # source ids (their tokens fold).
    exact = bool(filters.since or filters.until or filters.source)
    test, test_params = (f" AND {where}", params) if exact else ("", [])
    cursor = conn.execute("SELECT rowid FROM directives_search WHERE directives_search MATCH ? "
                          "ORDER BY rowid", (match,))
    both: list[tuple[int, int]] = []
    own_only: list[tuple[int, int]] = []
    seen: set[int] = set()
    matching_documents: set[int] | None = None
    probed, size = 0, _BATCH
    try:
        while len(both) < limit:
            batch = cursor.fetchmany(size)
            if not batch:
                return both, own_only, seen, True
            size = min(size * 2, 4096)
            keyed = [(r >> SEARCH_SHIFT, r & SEARCH_ID_MASK) for (r,) in batch]
            ids = [did for _, did in keyed]
            document_of = dict(conn.execute(
                f"SELECT d.id, d.document_id FROM directives d "
                f"WHERE d.id IN ({','.join('?' * len(ids))}){test}", [*ids, *test_params]))
            if matching_documents is None and probed + len(document_of) > 2000:
                # Past a few pages one pass over the documents' index beats probing it.
                table, expression = q.documents_fts()
                matching_documents = {r for (r,) in conn.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (expression,))}
            if matching_documents is not None:
                matching = matching_documents
            else:
                matching = _documents_matching(conn, text, set(document_of.values()))
                probed += len(document_of)
            for n, did in keyed:
                if did in document_of:
                    seen.add(did)
                    (both if document_of[did] in matching else own_only).append((n, did))
    finally:
        cursor.close()
    return both[:limit], own_only, seen, False


_scratch = threading.local()


def _scratch_index() -> sqlite3.Connection:
    """This thread's in-memory FTS5 table for `_documents_matching`: a connection of its
    own, so a search never writes (nor opens a transaction) on the caller's connection."""
    conn = getattr(_scratch, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute("CREATE VIRTUAL TABLE probe USING FTS5 (search_text, content='', "
                     "columnsize=0, tokenize='unicode61 remove_diacritics 2')")
        _scratch.conn = conn
    return conn


def _documents_matching(conn: sqlite3.Connection, text: str, documents: set[int]) -> set[int]:
    """Those of ``documents`` whose text matches.

    Their texts are indexed afresh in a scratch in-memory FTS5 table and matched there: a
    rowid probe into `documents_fts` seeks every term in every segment, ~0.2 ms a document
    on a large catalogue, while tokenizing a document's text again takes a few microseconds.
    The scratch table tokenizes exactly as `documents_fts` does, so the answer is the same.
    """
    if not documents:
        return set()
    scratch = _scratch_index()
    ids = sorted(documents)
    out: set[int] = set()
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        rows = conn.execute(f"SELECT id, search_text FROM documents WHERE id IN "
                            f"({','.join('?' * len(part))}) ORDER BY id", part).fetchall()
        scratch.execute("BEGIN")
        try:
            scratch.executemany("INSERT INTO probe (rowid, search_text) VALUES (?, ?)", rows)
            out.update(r for (r,) in scratch.execute(
                "SELECT rowid FROM probe WHERE probe MATCH ?", (text,)))
        finally:
            scratch.execute("ROLLBACK")  # empties it again
    return out


def _document_only(conn: sqlite3.Connection, q: Query, filters: Filters, where: str,
                   params: list[Any], seen: set[int], need: int) -> list[tuple[int, int]]:
    """Directives found only through their document's text: (document length, id), shortest
    document first, at most ``need``; ``seen`` are the own-word matches, left out.

    Documents carry no filter tokens (see `chidao.db.m005_fast_search`), so the filters are
    met from the directives' side. When few directives pass them, their documents are
    tested in a scratch index. Otherwise the directives of every matching document are
    read from the document_id index alone; if they are many, those whose facet tokens fail
    are dropped first; the rest are tested in SQL (exact) and their lengths read.
    """
    facets = filters.fts(years=False)
    search = "SELECT rowid FROM directives_search WHERE directives_search MATCH ? LIMIT ?"
    if facets:
        few = [r & SEARCH_ID_MASK for (r,) in conn.execute(search, (f"facets : ({facets})",
                                                                     FEW + 1))]
        if len(few) <= FEW:
            rows = _lengths(conn, [did for did in few if did not in seen], where, params)
            matching = _documents_matching(conn, q.fts(), {doc for _, doc, _ in rows})
            return sorted((n, did) for did, doc, n in rows if doc in matching)[:need]
    table, expression = q.documents_fts()
    candidates = [did for did, in conn.execute(
        f"SELECT d.id FROM {table} JOIN directives d ON d.document_id = {table}.rowid "
        f"WHERE {table} MATCH ?", (expression,)) if did not in seen]
    if facets and len(candidates) > MANY:
        passing = {r & SEARCH_ID_MASK for (r,) in conn.execute(
            search, (f"facets : ({facets})", 4 * len(candidates)))}
        if len(passing) < 4 * len(candidates):  # cheaper to hold than to test each in SQL
            candidates = [did for did in candidates if did in passing]
    rows = _lengths(conn, candidates, where, params)
    return sorted((n, did) for did, _, n in rows)[:need]


def _lengths(conn: sqlite3.Connection, ids: list[int], where: str,
             params: list[Any]) -> list[tuple[int, int, int]]:
    """(id, document id, document text length) of those of ``ids`` that pass ``where``."""
    out: list[tuple[int, int, int]] = []
    for i in range(0, len(ids), 10_000):  # under SQLite's limit on parameters
        part = ids[i:i + 10_000]
        out.extend(conn.execute(
            "SELECT d.id, d.document_id, coalesce(length(doc.search_text), 0) FROM directives d "
            "JOIN documents doc ON doc.id = d.document_id "
            f"WHERE d.id IN ({','.join('?' * len(part))}) AND {where}", [*part, *params]))
    return out


def _hit(row: tuple[Any, ...], q: Query, mark: tuple[str, str]) -> Hit:
    (did, score, matched, issuer, level, legacy, current, date, categories,
     itype, inumber, djson, document_id, doc_id, title, url, source, text) = row
    directive = json.loads(djson) if djson else {}
    snippet = None
    if matched != "document":
        # The field line that matched (a measure, a target...), highlighted.
        snippet = highlight(directive_text(directive).split("\n"), q, mark=mark)
    snippet = snippet or highlight(f"{title or ''}\n{text}", q, mark=mark) or (text or "")[:160]
    return Hit(
        id=did, score=round(score, 6), issuer=issuer, level=level, province_legacy=legacy,
        province_current=current, date=date, categories=json.loads(categories or "[]"),
        instrument=" ".join(x for x in (itype, inumber) if x) or None,
        document_id=document_id, doc_id=doc_id, title=title, url=url, source=source,
        matched=matched,
        snippet=snippet,
    )
