"""Spans, drafts and the shared patterns every part of the rules reads."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from nlp import lexicon as lx
from nlp.mentions import Mention
from nlp.references import DocRef
from nlp.sentences import Sentence


@dataclass
class Span:
    start: int
    end: int
    text: str
    label: str = ""
    category: str | None = None


def overlaps_any(start: int, end: int, spans: Iterable[Span]) -> bool:
    """Whether ``[start, end)`` shares a character with any of ``spans``."""
    return any(start < x.end and x.start < end for x in spans)


@dataclass
class Draft:
    """A directive being assembled: one per (issuer, occasion)."""

    issuer: Mention
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    addressees: list[Span] = field(default_factory=list)
    measures: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)
    deadlines: list[Span] = field(default_factory=list)
    instrument: DocRef | None = None
    instrument_type: str | None = None
    references: list[DocRef] = field(default_factory=list)
    province: str | None = None
    dates: set[str] = field(default_factory=set)


_MEETINGS = ("họp", "nghị", "cuộc", "buổi", "phiên")  # "hội nghị giao ban", "buổi giao ban" ...


def _alt(words: list[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern[str]]:
    return {
        # not the "giao" of a noun: "an toàn giao thông", "giao dịch", "cuộc họp giao ban"
        # (but "giao ban cán sự đảng ...", "giao Ban Quản lý ...": a committee is told)
        "cue": re.compile(rf"(?<!\w)(?:{_alt(lx.CUES)})(?!\w)"
                          rf"(?<!giao(?=\s(?:{_alt([w for w in lx.GIAO_NOUNS if w != 'ban'])})(?!\w)))"
                          + "(?!" + "|".join(f"(?<={w} giao)" for w in _MEETINGS) + r"\sban(?!\w))"),
        "cue_any_case": re.compile(rf"(?<!\w)(?:{_alt(lx.CUES)})(?!\w)", re.IGNORECASE),
        "verb": re.compile(rf"(?<!\w)(?:{_alt(lx.MEASURE_VERBS)})(?!\w)", re.IGNORECASE),
        "addr_head": re.compile(rf"(?:{_alt(lx.ADDRESSEE_HEADS)})(?!\w)"),
        "prefix": re.compile(rf"^(?:{_alt(lx.MEASURE_PREFIXES)})(?!\w)[\s,:]*", re.IGNORECASE),
        "adverb": re.compile(rf"(?<!\w)(?:{_alt(lx.ADVERBS)})(?!\w)", re.IGNORECASE),
        "target_head": re.compile(rf"(?<!\w)(?:{_alt(lx.TARGET_HEADS)})(?!\w)"),
        "case_head": re.compile(rf"(?:{_alt(lx.CASE_TARGET_HEADS)})\s+(?=\w)"),
        "deadline": re.compile(f"(?=[{lx.DEADLINE_FIRST_LETTERS}])(?:"
                               + "|".join(f"(?:{p})" for p in lx.DEADLINE_PATTERNS) + ")", re.IGNORECASE),
        "meeting": re.compile(rf"(?<!\w)(?:{_alt(lx.MEETING_WORDS)})(?!\w)", re.IGNORECASE),
        "bullet": re.compile(r"^\s*(?:[-–•+*]|\d{1,2}[.)]|[a-zđ][.)])\s*"),
        "opener": re.compile(
            r"^(?:[\"“”'‘]\s*)?(?:(?:Nhất là|Đặc biệt là|Riêng)\s+)?(?:đối với|Đối với)\s+[^,]{2,60},\s*|^(?:[\"“”'‘]\s*)?(?:Đồng thời|Ngoài ra|Bên cạnh đó|Mặt khác|Trong đó|Cùng với đó|Theo đó|Đặc biệt|Cụ thể|Ngoài việc đó|Trước mắt|Sau đó|Về lâu dài|Từ đó|Trên cơ sở đó)\s*,?\s*",
            re.IGNORECASE),
        # (the passive cues too: "Sở Công thương được đề nghị quản lý ...")
        "modal": re.compile(r"(?<!\w)(?:phải|cần|có trách nhiệm|chịu trách nhiệm|chủ trì|khẩn trương|tập trung|tiếp tục|chủ động|không được|chỉ được|"
                            + _alt(_PASSIVE_CUES) + r")(?!\w)"),
    }


_PASSIVE_CUES = {"được yêu cầu", "được giao", "được chỉ đạo", "được đề nghị"}
