"""Document references: numbers (1526/UBND-NC, 280/CĐ-TTg), types and dates."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from nlp import lexicon as lx

_TYPES = "|".join(sorted((re.escape(t) for t in lx.DOC_TYPES), key=len, reverse=True))
NUMBER = re.compile(
    r"\b\d{1,6}(?:-(?:\d{4}|[A-ZĐ]{2,}))?(?:/\d{4})?/[A-ZĐ][A-ZĐa-zđ0-9&.]*(?:-[A-ZĐ0-9][A-ZĐa-zđ0-9&.]*)*\b"
)
DOC_REF = re.compile(
    rf"(?P<type>{_TYPES})(?:\s+(?:hỏa tốc|hoả tốc|khẩn|khẩn cấp|khẩn số|hỏa tốc số))?"
    rf"(?:\s+(?:số|Số|s\u1ed1)\s*(?P<num>\d{{1,6}}(?:-(?:\d{{4}}|(?-i:[A-ZĐ]{{2,}}))(?=/))?(?:/[\wĐđ&.\-]+)*(?:\s/\s[A-ZĐ0-9][\wĐđ&.]*(?:\s-\s[A-ZĐ0-9][\wĐđ&.]*)*)?)"
    rf"|\s+(?P<num2>{NUMBER.pattern})"
    # "kế hoạch 183 / KH - UBND": a number written with spaces (the VNDS texts), its code in capitals
    r"|\s+(?P<num4>\d{1,6}(?:\s*/\s*\d{4})?\s*/\s*(?-i:[A-ZĐ])[\wĐđ&.]*(?:\s*-\s*(?-i:[A-ZĐ0-9])[\wĐđ&.]*)*)"
    # "Quyết định 6077/2017 của UBND TP": a number and its year, no code
    r"|\s+(?P<num5>\d{1,6}/(?:19|20)\d{2})(?![\d/\w])"
    # "Công văn 2091 của tỉnh": a bare number right after the type (not a date "19/5")
    rf"|\s+(?P<num3>\d{{2,6}})(?![\d/.,\-]\d|\w))?",
    re.IGNORECASE,
)
DATE_FULL = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.IGNORECASE)
DATE_SHORT = re.compile(r"\bngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\b(?!\s*[/.-]\s*\d)", re.IGNORECASE)


@dataclass
class DocRef:
    start: int
    end: int
    type: str
    number: str | None
    date: str | None
    issuer: str | None = None


def _iso(y: int | None, m: int, d: int) -> str | None:
    if not y:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(fragment: str, published: str | None = None) -> str | None:
    """First date in ``fragment`` as ISO; "ngày 19/5" takes its year from ``published``."""
    year = int(published[:4]) if published and published[:4].isdigit() else None
    m = DATE_FULL.search(fragment)
    if m:
        return _iso(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    m = DATE_WORDS.search(fragment)
    if m:
        return _iso(int(m.group(3)) if m.group(3) else year, int(m.group(2)), int(m.group(1)))
    m = DATE_SHORT.search(fragment)
    if m:
        return _iso(year, int(m.group(2)), int(m.group(1)))
    return None


# "Công văn số 1342/14-3-2019": the number, then the date it was signed
_NUMBER_AND_DATE = re.compile(r"(\d{1,6})/\d{1,2}-\d{1,2}-\d{4}")


def _number(m: re.Match[str]) -> str | None:
    number = m.group("num") or m.group("num2") or m.group("num4") or m.group("num5") or m.group("num3")
    if not number:
        return None
    number = re.sub(r"\s*([/-])\s*", r"\1", number.rstrip(".,;"))  # "183 / KH - UBND" -> "183/KH-UBND"
    dated = _NUMBER_AND_DATE.fullmatch(number)
    return dated.group(1) if dated else number


@lru_cache(maxsize=8)
def _full_numbers(text: str) -> dict[tuple[str, str], frozenset[str]]:
    """(type, leading digits) -> the full numbers written in ``text`` ("67/CP", "200/TB-UBND").
    Cached: the rules look for references sentence by sentence in the same document."""
    full: dict[tuple[str, str], set[str]] = {}
    for m in DOC_REF.finditer(text):
        typ, number = lx.DOC_TYPES.get(m.group("type").lower()), _number(m)
        if typ and number and "/" in number:
            full.setdefault((typ, number.split("/")[0]), set()).add(number)
    return {key: frozenset(numbers) for key, numbers in full.items()}


def find_refs(text: str, start: int = 0, end: int | None = None, published: str | None = None) -> list[DocRef]:
    end = len(text) if end is None else end
    out = []
    for m in DOC_REF.finditer(text, start, end):
        typ = lx.DOC_TYPES.get(m.group("type").lower())
        if not typ:
            continue
        number = _number(m)
        if typ in lx.NUMBERED_ONLY_TYPES and not (
                number and (m.group("num") or "/" in number or m.group("type")[0].isupper())):
            continue  # "Chủ tịch kết luận ...", "kết luận 20 dự án vi phạm": the verb, not "Kết luận 2889"
        if number and number.isdigit():
            # "Nghị định 67" after "Nghị định 67/CP": the number as written in full, when the
            # text writes it in full one way only
            written = _full_numbers(text).get((typ, number), frozenset())
            if len(written) == 1:
                number = next(iter(written))
        tail = text[m.end(): min(end, m.end() + 60)]
        d = None
        dm = re.match(r"\s*,?\s*(?:ban hành\s+)?(?:ngày|ký ngày)\s+[^,;()]{3,30}", tail)
        if dm:
            d = parse_date(dm.group(), published)
        issuer = None
        im = re.match(r"(?:\s*,?\s*ngày\s+[\d/.\-]+(?:\s+tháng\s+\d+)?(?:\s+năm\s+\d{4})?)?\s+của\s+((?:Thủ tướng Chính phủ|Chính phủ|Thủ tướng|UBND[^,;.]{0,30}|Bộ [^,;.]{2,40}|Tỉnh ủy[^,;.]{0,20}|Thành ủy[^,;.]{0,20}|Ban Bí thư|Bộ Chính trị|HĐND[^,;.]{0,20}))", text[m.end(): min(end, m.end() + 120)])
        if im:
            issuer = im.group(1).strip()
        out.append(DocRef(m.start(), m.end(), typ, number, d, issuer))
    return out
