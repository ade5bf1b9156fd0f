"""Sentence and clause boundaries with character offsets.

News text has paragraphs on their own lines, sentences ending in ". " and bullets
("- ", "a) ", "1. "). Abbreviations common in the press ("TP.", "TS.") do not end a sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = re.compile(r"(?:\b(?:TP|Tp|TS|ThS|PGS|GS|BS|Th|St|Q|P|TX|TT|UB|KT|TM|Q)\.)$")
_END = re.compile(r"[.!?…]+[\"”’)]*\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9\-–•])")
# A stop glued to the next sentence after a number or a word: "Hạn báo cáo trước ngày
# 30/9/2016.Văn bản số ...", "... sớm bình phục.Theo Giám đốc ...", and headlines of linked
# articles run together ("chiều 13/7.Lãnh đạo TP ...").
# Only a capital followed by a small letter opens the sentence: "95.496", "TP.HCM" do not.
_GLUED_END = re.compile(r"(?:(?<=\d)|(?<=[a-zđà-ỹ]{2}))\.(?=[^\W\d_][^\W\d_])")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        base = para.start()
        chunk = para.group()
        cursor = 0
        for m in _stops(chunk):
            # Only the word before the stop can be an abbreviation: search a short window,
            # not the whole paragraph so far (that made long paragraphs quadratic).
            if _ABBREV.search(chunk, max(0, m.start() - 8), m.start() + 1):
                continue
            _add(out, text, base + cursor, base + m.end())
            cursor = m.end()
        _add(out, text, base + cursor, base + len(chunk))
    return out


def _stops(chunk: str) -> list[re.Match[str]]:
    glued = [m for m in _GLUED_END.finditer(chunk) if chunk[m.end()].isupper() and chunk[m.end() + 1].islower()]
    if not glued:
        return list(_END.finditer(chunk))
    return sorted([*_END.finditer(chunk), *glued], key=lambda m: m.start())


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
