"""The rule-based directive finder and argument extractor.

Works on character offsets of the original text, so every span it returns is an exact
slice. The spaCy components in `nlp.pipeline` call into these functions; they are also
usable alone (`find_directives(text)`), which keeps them fast to test.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from nlp import lexicon as lx
from nlp import places
from nlp.classify import classify
from nlp.letter import Letter
from nlp.mentions import CENTRAL_CITIES, Mention, find_mentions, organization_of
from nlp.references import DocRef, find_refs, parse_date
from nlp.sentences import Sentence, split_sentences
from nlp.textnorm import key


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


def _alt(words: list[str] | set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern[str]]:
    return {
        "cue": re.compile(rf"(?<!\w)(?:{_alt(lx.CUES)})(?!\w)"),
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


# Words right before a mention that make it an object, not the subject, of its clause.
_NOT_SUBJECT = re.compile(
    # ("Thời gian tới Bộ Nội vụ yêu cầu ...": "tới" ends a time phrase, it does not send)
    r"(?:của|theo|với|cho|(?<![Tt]hời gian )(?<![Ss]ắp )tới|đến|lên|gửi|trình|đối với|từ|được|bị|tại|và|hoặc|giao|yêu cầu|đề nghị|kiến nghị|đề xuất|thành lập|chỉ đạo|(?<!về )(?<![,;:] )(?<!^)phía|thuộc|trước|(?<![Ll]ý )do|báo cáo"
    # ("từ phía Công an phường", "yêu cầu phía Công ty": a side named; but a clause that opens
    # on "(Về) phía UBND tỉnh ..." has the body for its subject)
    # "Chủ tịch UBND tỉnh, kiêm trưởng Ban ATGT tỉnh": a second title of the person before
    r"|kiêm(?:\s+(?:trưởng|phó|Trưởng|Phó))?"
    # "được Thanh tra Sở ... kết luận": the inspectorate speaks for itself, not for the body
    r"|Thanh tra"
    # "BHXH TP tham mưu UBND TP giao dự toán ...": the body advised, not the one ordering
    r"|tham mưu(?:\s+cho)?"
    # "rất mong muốn UBND TP chỉ đạo", "khiếu nại UBND xã giao đất", "sau khi UBND tỉnh chỉ
    # đạo, thành phố đã ...": a wish, a grievance, an earlier step
    r"|mong muốn|mong|khiếu nại|tố cáo|sau khi"
    # "Nguyên Bộ trưởng Đồng Sỹ Nguyên từng quyết định ...", "cựu Chủ tịch ...": no longer in office
    r"|nguyên|cựu"
    # "có văn bản gửi Thủ tướng; Bộ trưởng ...": the next name in a list of recipients
    r"|gửi\s+[^.!?]{2,60}?[;,]\s*)\s*$",
    re.IGNORECASE,
)
# "Văn bản của UBND thành phố còn yêu cầu ...": the letter speaks for its issuer (but not
# "theo Chỉ thị của Thủ tướng và chỉ đạo của UBND tỉnh", a document followed).
_LETTER_OF = re.compile(
    r"(?:^|[\s,.;:“\"])(?<![Tt]heo )(?<![Tt]hực hiện )(?<![Cc]ăn cứ )(?:[Vv]ăn bản|[Cc]ông văn|[Cc]ông điện|[Cc]hỉ thị|[Tt]hông báo|[Kk]ế hoạch)(?:\s+số\s+\S+)?(?:\s*,?\s*ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}(?:\s*[/-]\s*\d{2,4})?\s*,?)?\s+của\s+$")
# "Bộ Tư lệnh", "Bộ Chỉ huy", "Bộ đội" are military commands and troops, not ministries.
_SUPERIOR = re.compile(r"\s*(?:[Bb]ộ\s(?!Tư lệnh|Chỉ huy|chỉ huy|đội)|Chính phủ|Thủ tướng|Trung ương|Quốc hội|Văn phòng Chính phủ"
                       r"|Thanh tra Chính phủ|các [Bb]ộ)")
_GAP_OK = re.compile(r"^[\s,]*(?:(?:(?:[Cc]ông văn|[Vv]ăn bản|[Cc]ông điện|[Tt]hông báo|[Cc]hỉ thị|[Kk]ế hoạch)(?:\s+số)?\s+\d+\s*/\s*[\w.&-]+(?:\s*-\s*[\w.&]+)*|(?:đã\s+)?(?:xuống|đến|tới|thăm|đi thăm|dự|chủ trì|làm việc)\s[^.;:!?]{0,120}?,\s*đồng thời|vừa|đã|cũng|tiếp tục|có|ký|trực tiếp|đồng thời|mới đây|mới|(?:đi\s+)?(?:kiểm tra|thị sát|khảo sát|làm việc)(?:\s+thực tế)?(?:\s+(?:tại|ở|với|các)\s+[^,;.]{0,40}?)?\s+và|hôm qua|hôm nay|sáng nay|chiều nay|ngày \S+|\(\S+\)|đã ký|vừa ký|văn bản|công văn|hỏa tốc|khẩn|ban hành|thêm|kiên quyết|đặc biệt|nhấn mạnh|yêu cầu|và|lại|liên tiếp|một lần nữa|\S+ \S+ \S+,)[\s,]*)*$")


# A first verb phrase of the subject, then the order linked to it ("đồng thời yêu cầu",
# "cũng như chỉ đạo", "có mặt tại hiện trường trực tiếp chỉ đạo").
_LINKED_SPAN = 240
_LINKED = re.compile(
    # (a short quoted name on the way: 'sự hy sinh của các "Bà mẹ Việt Nam Anh hùng"; đồng thời')
    r"(?:[^.;:!?\"“”\n]|[\"“][^.;:!?\"“”\n]{1,40}[\"”]){0,220}?(?:[,;]\s*|\s+)(?:đồng thời|cũng như|một mặt|và|(?:để\s+)?trực tiếp)\s+"
    r"(?:(?:đã|cũng|có|trực tiếp)\s+)*"
    rf"(?=(?:{_alt(lx.STRONG_CUES)})(?!\w))"
    # "UBND tỉnh Đồng Nai đã đình chỉ hoạt động cây xăng này một tháng, yêu cầu ...": an act
    # of the subject's own, then, after a comma, its order.
    rf"|\s*(?:(?:đã|vừa|cũng|ngay|lập tức)\s+)*(?=(?:{_alt(lx.MEASURE_VERBS)})\s)[^.;:!?\"“”\n]{{0,120}}?,\s*"
    r"(?=(?:yêu cầu|chỉ đạo|giao)\s)")


_REPORTED_BODY = re.compile(r"(?:cho biết|cho hay|khẳng định)\s*[,:]?\s*(?:[Tt]ỉnh|TP|[Tt]hành phố|[Hh]uyện|[Ss]ở|[Đđ]ơn vị|UBND)(?!\w)")
# "Chủ tịch UBND thành phố Vinh, ông Nguyễn Hoài An cho hay, thành phố chỉ đạo ...": a
# leader telling what the body he heads ordered is the issuer (so the gold reads it).
_LEADER_SAID = re.compile(
    r"^\s*[,–-]?\s*(?:(?:ông|bà)\s+[^,.;:]{2,30}?\s*[,–-]?\s*)?(?:cũng\s+)?(?:cho biết|cho hay|khẳng định)\s*[,:]?\s*"
    # ("cho biết: Qua phản ánh của ngư dân, tỉnh đã yêu cầu ..."): an opening phrase first
    r"(?:(?:Qua|Theo|Sau|Trước|Ngay|Từ|Trong)\s[^.;:!?]{0,60}?,\s*(?=(?:tỉnh|thành phố|TP|huyện|UBND)\s))?"
    r"(?:(?:tỉnh|thành phố|TP|huyện|UBND \S+)(?:\s+này)?\s+)?(?:(?:đã|vừa|cũng|đang)\s+)*$")
_TO_SUPERIOR = re.compile(
    r"\s*(?:số\s+\S+\s+)?gửi\s+(?:Thủ tướng|Chính phủ|Bộ\s|Văn phòng Chính phủ|Quốc hội|Trung ương|Cục\s|Tổng cục\s)")


def _clause_and(text: str, sent: Sentence, m: Mention, mentions: list[Mention]) -> bool:
    """"... gây xôn xao dư luận và Tỉnh uỷ Hậu Giang đã chỉ đạo ...": "và" joins two clauses,
    not two bodies, when no authority (or a name) ends right before it."""
    joined = re.search(r"[a-zà-ỹđ]{2,}(\s+và\s+)$", text[max(sent.start, m.start - 30): m.start])
    if not joined:
        return False
    cut = m.start - len(joined.group(1))  # where the word before "và" ends
    return not any(cut - 3 <= o.end <= cut for o in mentions if o is not m)


_TOLD_BEFORE = re.compile(r"(?<!\w)(?:đề nghị|yêu cầu|giao(?: cho)?|chỉ đạo|kiến nghị)\s*$")


def _list_head(text: str, m: Mention, mentions: list[Mention]) -> Mention:
    """The first mention of the comma or "và" list that ``m`` closes (``m`` when alone)."""
    head = m
    for o in sorted((o for o in mentions if o.end <= m.start), key=lambda o: o.start, reverse=True):
        if not re.fullmatch(r"\s*(?:,|và)\s*", text[o.end:head.start]):
            break
        head = o
    return head


# "vì vậy UBND tỉnh phải chỉ đạo ...": a conclusion drawn about what a body must do
_THEREFORE = re.compile(r"(?:vì vậy|vì thế|do đó|do vậy|cho nên|đặc biệt là)\s*,?\s*$", re.IGNORECASE)


def _subject_cue(sent: Sentence, text: str, mentions: list[Mention]) -> list[tuple[Mention, re.Match[str]]]:
    """(mention, cue) pairs where the mention is the subject of the cue verb."""
    out = []
    rx = _rx()
    for m in mentions:
        before = text[max(sent.start, m.start - 25): m.start]
        head = _list_head(text, m, mentions)
        if head is not m and _TOLD_BEFORE.search(text[max(sent.start, head.start - 25):head.start]):
            continue  # "đề nghị UBND thành phố, Sở Xây dựng, Sở GTVT chỉ đạo ...": a list of those told
        # (the letter's window is sliced, not searched from a position: its "^" must also
        # match a letter that opens the sentence)
        if (_NOT_SUBJECT.search(before) and not _LETTER_OF.search(text[max(sent.start, m.start - 70):m.start])
                and not _clause_and(text, sent, m, mentions) and not _agent_of_passive(text, before, m)):
            continue
        subject_end = _coordinated_end(text, m, mentions)
        cue = rx["cue"].search(text, subject_end, min(sent.end, subject_end + 80))
        gap = text[subject_end: cue.start()] if cue else ""
        linked = False
        if cue is None or len(gap) > 30 and not _GAP_OK.match(gap) or len(gap) > 70:
            # "Chủ tịch ... đã điện thoại hỏi thăm ..., đồng thời chỉ đạo ...": the
            # subject's second verb phrase is the order, however long the first one is.
            link = _LINKED.match(text, subject_end, min(sent.end, subject_end + _LINKED_SPAN))
            if link is not None:
                cue = rx["cue"].match(text, link.end())
                gap, linked = text[subject_end: link.end()], True
        if not cue:
            continue
        said = m.role in _LEADERS and _LEADER_SAID.match(gap) is not None
        if not linked and not said and (re.search(r"[.;:!?]", gap) or " của " in f" {gap} " or len(gap) > 70):
            continue
        if m.role not in _LEADERS and _REPORTED_BODY.search(gap):
            continue  # "X, Chánh văn phòng UBND tỉnh, cho biết tỉnh đã chỉ đạo": the body orders
        if re.search(r"(?<!\w)(?:được|bị)\s*$", gap):
            continue  # "Sở Nội vụ được giao ...": the mention is ordered, not ordering
        if re.search(r"(?<!\w)có trách nhiệm\s*$", gap):
            continue  # "UBND TP có trách nhiệm chỉ đạo ...": a duty someone else assigned
        if not linked and re.search(r"(?<!\w)(?:nhận định|cho rằng)(?:\s+(?:là|rằng))?(?:\s+(?:cần|phải))?\s*$", gap):
            continue  # "Thanh tra Chính phủ nhận định cần giao ...": an opinion, not an order
        if not (m.role or m.person) and re.search(rf"(?:^|[,:]\s*)(?:ông|bà)\s+[{lx.UPPER}]", gap):
            continue  # "tại hội nghị tổng kết Sở TT&TT, ông Nguyễn Đức Chung đã giao ...": he orders
        if re.search(r"(?<!\w)(?:cần|chưa|phải(?=\s+(?:sớm|kịp thời)))(?:\s+(?:phải|sớm|kịp thời|có|tập trung))*\s*$", gap) or (
                re.search(r"(?<!\w)phải\s*$", gap) and _THEREFORE.search(before)):
            # "UBND TP cần phải có văn bản chỉ đạo", "chưa chỉ đạo", "vì vậy UBND tỉnh phải chỉ
            # đạo": what someone says a body should do, or has not done. (A bare "phải" is as
            # often what it had to do, and did: "UBND tỉnh phải ra văn bản yêu cầu ...")
            continue
        if re.search(r"(?<!\w)sẽ(?!\w)", gap):
            continue  # "khẳng định sẽ chỉ đạo ...": a promise, not an order (yet)
        if m.level != "central" and (_TO_SUPERIOR.search(gap) or _TO_SUPERIOR.match(text, cue.end())):
            continue  # "tỉnh có văn bản gửi Thủ tướng, ... đề nghị": asking a superior
        if re.search(r"(?<!\w)không(?:\s+(?:đồng ý|cho phép|chấp thuận))?\s*$", gap):
            continue  # "Sở GTVT không đồng ý cấm đường": a refusal
        if re.search(r"(?<!\w)[Bb]an\s*$", text[max(sent.start, cue.start() - 5):cue.start()]):
            continue  # "trưởng ban chỉ đạo kỳ thi": a steering committee, not an order
        if _not_an_order(m, cue, text):
            continue
        if (m.level != "central" and cue.group().lower() in {"đề nghị", "kiến nghị"}
                and rx["verb"].match(text, cue.end() + 1)):
            continue  # "UBND tỉnh đề nghị tạm dừng dự án": a proposal upwards, no one is told
        if re.match(r"\s+của\s", text[cue.end():]) and re.search(r"(?:văn bản|căn cứ|theo)\s", gap):
            continue  # "Sở căn cứ các văn bản chỉ đạo của Chính phủ": a noun, someone else's order
        # Another authority between the mention and the cue is the real subject.
        if any(o is not m and subject_end <= o.start < cue.start() for o in mentions):
            continue
        if not linked and len(gap) > 30 and not _GAP_OK.match(gap) and not said:
            continue
        out.append((_with_person(text, sent, m), cue))
    return out


# "Vụ việc đã được UBND huyện Tuy Phong yêu cầu chuyển sang ...": the body after "được"
# gives the order its sentence is passive about.
_PASSIVE_AGENT_CUE = re.compile(r"\s*(?:đã\s+)?(?:yêu cầu|chỉ đạo)(?!\w)")


def _agent_of_passive(text: str, before: str, m: Mention) -> bool:
    return bool(re.search(r"(?<!\w)được\s+$", before)) and _PASSIVE_AGENT_CUE.match(text, m.end) is not None


_CLAUSE_START = re.compile(r"(?:^|\n|[.,;:!?\"“]|Mặc dù|Tuy nhiên|Trước đó|Sau đó|Đồng thời|Theo đó)\s*$")


def _coordinated_end(text: str, m: Mention, mentions: list[Mention]) -> int:
    """End of a subject list that starts with ``m``: "UBND tỉnh Quảng Ninh, UBND TP Uông Bí đã
    có văn bản yêu cầu ..." orders from its first, highest body."""
    end = m.end
    # The opening word ends where the whitespace before the mention begins, at most 9
    # characters long: search from just before it, not from the start of the text.
    ws = m.start
    while ws and text[ws - 1].isspace():
        ws -= 1
    if not _CLAUSE_START.search(text, max(0, ws - 12), m.start) and m.start > 0:
        return end  # "cháu bí thư Huyện uỷ X, UBND tỉnh Y yêu cầu": the list does not open the clause
    for o in mentions:
        if o.start >= end and re.fullmatch(r"\s*(?:,|và|cùng)\s*", text[end:o.start]):
            end = o.end
    return end


_PERSON_BEFORE = re.compile(
    rf"(?:[Ôô]ng|[Bb]à)\s+(?P<name>[{lx.UPPER}][\w]*(?:\s+[{lx.UPPER}][\w]*){{1,3}})\s*[–-]\s*(?:[^,–;:.]{{2,60}},\s*)?$")


_SAYS = re.compile(r"(?<!\w)(?:cho biết|cho hay|khẳng định|thông tin|nói)(?!\w)")


def _with_person(text: str, sent: Sentence, m: Mention) -> Mention:
    """"Ông Nguyễn Ngọc Thưởng – Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh": the person named
    before a chain of titles belongs to the issuer."""
    if m.person:
        return m
    before = _PERSON_BEFORE.search(text, max(sent.start, m.start - 120), m.start)
    if not before or _SAYS.search(text, before.end("name"), m.start):
        return m  # ("ông X - giám đốc Sở ... cho biết, UBND TP ...": the body he speaks of orders)
    start = before.start("name")
    return replace(m, start=start, text=text[start:m.end], person=before.group("name"))


def _conveyed(sent: Sentence, text: str, m: Mention, mentions: list[Mention]) -> Mention:
    """"Văn phòng Chính phủ có công văn truyền đạt ý kiến của Phó Thủ tướng X yêu cầu ...",
    "... thông báo về chỉ đạo của Thủ tướng X": the office conveys; the order is the leader's."""
    office = m.text.startswith("Văn phòng")
    for o in mentions:
        if not (office or "truyền đạt" in text[m.end:max(m.end, o.start)]):
            continue  # an office reports its leader's orders; anyone else must say "truyền đạt"
        if o.start > m.end and o.role and re.search(r"(?:ý kiến(?:\s+chỉ đạo)?|chỉ đạo|kết luận)\s+của\s*$",
                                                    text[max(sent.start, o.start - 30):o.start]):
            return o
    return m


def _speaks_for(m: Mention, office: Mention) -> bool:
    """The (Deputy) Prime Minister whose orders the Government Office has been reporting."""
    return bool(m.person and m.role and "Thủ tướng" in m.role
                and (office.org_head or "").startswith("Văn phòng Chính phủ"))


def _not_an_order(m: Mention, cue: re.Match[str], text: str) -> bool:
    """ANNOTATION.md: inspection recommendations and penalty decisions are not directives."""
    word = cue.group().lower()
    head = f"{m.org_head or ''} {m.role or ''} {m.text}"
    if word in {"đề nghị", "kiến nghị", "kết luận"} and re.search(r"Thanh tra|Kiểm toán", head):
        return True
    after = text[cue.end(): cue.end() + 40]
    if word.endswith("ký"):  # "đã ký quyết định bổ nhiệm ...": the decision follows the verb
        decision = re.match(r"\s*(?:ban hành\s+)?quyết định(?:\s+số\s+\S+)?", after)
        if not decision:
            return False
        word, after = "quyết định", after[decision.end():]
    # penalties and personnel decisions ("ký quyết định bổ nhiệm em trai") order no one
    return word.endswith("quyết định") and bool(re.match(
        r"\s*(?:xử phạt|phạt|khởi tố|bắt|truy nã|bổ nhiệm|miễn nhiệm|điều động|nghỉ hưu|công nhận|phê duyệt)", after))


def _person_cue(sent: Sentence, text: str, drafts: list[Draft]) -> tuple[Draft, re.Match[str]] | None:
    """"ông Tuấn yêu cầu", "Chủ tịch tỉnh nhấn mạnh": a later mention of a known issuer."""
    rx = _rx()
    for d in reversed(drafts):
        names = []
        if d.issuer.person:
            parts = d.issuer.person.split()
            names += [d.issuer.person, parts[-1], " ".join(parts[-2:])]
        for name in names:
            if name not in sent.text:
                continue  # the usual case: no need to build a pattern for this name
            for pm in re.finditer(rf"(?:[Ôô]ng|[Bb]à|đồng chí|Đồng chí)\s+{re.escape(name)}(?!\w)", sent.text):
                cue = rx["cue"].search(text, sent.start + pm.end(), min(sent.end, sent.start + pm.end() + 40))
                if cue:
                    return d, cue
                said = _SAID.match(text, sent.start + pm.end(), sent.end)
                if said:
                    return d, said
        lead = re.match(r"^(?:[\"“”]\s*)?(?:người đứng đầu chính quyền (?:tỉnh|thành phố)(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3}|lãnh đạo tỉnh|ông|bà)\s+(?:cũng\s+)?", sent.text, re.IGNORECASE)
        if lead:
            cue = rx["cue"].search(text, sent.start + lead.end(), min(sent.end, sent.start + lead.end() + 20))
            if cue and cue.start() - sent.start - lead.end() < 5:
                return d, cue
            said = _SAID.match(text, sent.start + lead.end(), sent.end)
            if said:
                return d, said
    return None


# "ông Tuấn cho biết, cần rà soát ...": a speech verb whose clause is an order.
_SAID = re.compile(r"\s*(?:cũng\s+)?(?:cho biết|cho hay|nói|khẳng định|chỉ rõ|nêu rõ|phát biểu|nhấn mạnh|lưu ý)\s*[,:]?\s*(?=(?:cần|phải|cần phải)\s)")


_MODAL_NEXT = re.compile(r"\s*(?=(?:cần|phải|cần phải)\s)")
_SPEECH = re.compile(
    r"[\s,–-]*(?:(?:tỉnh|thành phố|TP\.?)\s+[^\W\d_][^,–-]{1,25}\s*[,–-]\s*)?"  # ", tỉnh Sóc Trăng -"
    r"(?:cũng\s+)?(?:cho biết|nhấn mạnh|phát biểu|khẳng định|chỉ rõ|nêu rõ|lưu ý)\s*(?:[:,]|(?=\s*(?:đã|vừa|cũng)\s))")
# "... cho biết đã yêu cầu các đoàn thể ...": the speaker reports its own order.
_REPORTED = re.compile(r"\s*(?:(?:đã|vừa|cũng)\s+)+(?=(?:yêu cầu|chỉ đạo|giao|đề nghị)(?!\w))")


# Roles whose words at a meeting are orders; a police or department deputy explaining a
# case is not directing anyone.
_LEADERS = {"Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực", "Bí thư", "Phó Bí thư",
            "Thủ tướng", "Phó Thủ tướng", "Bộ trưởng"}


def _speech_opening(sent: Sentence, text: str, mentions: list[Mention]) -> tuple[Mention, re.Match[str] | None] | None:
    """"ông Nguyễn Xuân Đường, Chủ tịch UBND tỉnh Nghệ An cho biết: ...": an authority takes
    the floor; what it orders in the next sentences ("... cần ...") is its directive."""
    for m in mentions:
        if not (m.role in _LEADERS and m.level in {"province", "district", "central"}):
            continue
        if _NOT_SUBJECT.search(text[max(sent.start, m.start - 25): m.start]):
            continue
        sp = _SPEECH.match(text, m.end, sent.end)
        if sp:
            reported = _REPORTED.match(text, sp.end(), sent.end)
            if reported:
                return m, _rx()["cue"].match(text, reported.end())
            return m, _MODAL_NEXT.match(text, sp.end(), sent.end)
    return None



_NAMED = re.compile(
    rf"(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí)\s+(?P<name>[{lx.UPPER}][\w]*(?:\s+[{lx.UPPER}][\w]*){{0,3}})"
    r"\s+(?:(?:cũng|đã|còn|tiếp tục|vừa|liên tục|trực tiếp)\s+)*(?=(?:yêu cầu|đề nghị|chỉ đạo|giao|lưu ý|quán triệt)(?!\w))")


def _named_cue(sent: Sentence, text: str, people: list[Mention]) -> list[tuple[Mention, re.Match[str]]]:
    """"ông Thắng yêu cầu ...", where "ông Dương Văn Thắng, Phó Chủ tịch UBND tỉnh" was
    named earlier without giving an order: the full mention becomes the subject."""
    for m in _NAMED.finditer(sent.text):
        name = m.group("name")
        for who in reversed(people):
            person = who.person or ""
            if person == name or person.endswith(" " + name):
                cue = _rx()["cue"].match(text, sent.start + m.end())
                if cue:
                    return [(who, cue)]
    return []


# Pieces shared by the anaphor patterns below: where a subject may start, and the aspect
# words between a subject and its order verb ("Sở đã yêu cầu", "tỉnh cũng đang chỉ đạo").
_SUBJECT_START = r"(?:^|(?<=[\s,;:“\"]))"
# "đã", "cũng", and a vehicle: "Bộ đã ra văn bản đề nghị ...", "Sở có công văn yêu cầu ..."
_ASPECT = (r"\s+(?:(?:cũng|đã|đang|còn|tiếp tục|vừa)\s+)*"
           r"(?:(?:có|ra|gửi|ban hành)\s+(?:văn bản|công văn|công điện|thông báo)\s+(?:hỏa tốc\s+|hoả tốc\s+|khẩn\s+)?)?")

_HEAD_ANAPHOR = re.compile(
    _SUBJECT_START + r"(?P<head>Sở|sở|Cục|Chi cục|Vụ|Bộ|Ủy ban|Uỷ ban|Ban)"
    + _ASPECT + r"(?=(?:yêu cầu|đề nghị|chỉ đạo|giao)(?!\w))")


def _head_cue(sent: Sentence, text: str, bodies: list[Mention]) -> list[tuple[Mention, re.Match[str]]]:
    """"Cục đã đề nghị ...", "Sở đã yêu cầu ...": the body of that kind named last."""
    m = _HEAD_ANAPHOR.search(sent.text)
    if not m or _NOT_SUBJECT.search(sent.text[max(0, m.start() - 12):m.start()]):
        return []
    head = m.group("head").lower()
    for body in reversed(bodies):
        if body.start >= sent.start + m.start():
            continue  # named after the anaphor (or as it): not the body it takes up
        org = (body.org_head or "").lower()
        if org.startswith(head) and not body.role:
            cue = _rx()["cue"].match(text, sent.start + m.end())
            return [(body, cue)] if cue else []
    return []


# "Ông X, Chánh văn phòng UBND tỉnh Quảng Nam, cho biết ... tỉnh đã giao ...", "thông tin từ
# UBND tỉnh Cà Mau cho biết, đơn vị này vừa ban hành ...": the speaker's body gives the order.
_SAID_BY = re.compile(r"\s*[,–-]?\s*(?:\([^()]{2,40}\)\s*)?[,–-]?\s*(?:cũng\s+)?(?:cho biết|cho hay|thông tin|khẳng định)\s*[,:]?\s*")
_OWN_BODY = re.compile(
    _SUBJECT_START + r"(?P<body>[Tt]ỉnh(?: này)?|TP\.?(?: này)?|[Tt]hành phố(?: này)?|[Hh]uyện(?: này)?|[Ss]ở(?: này)?"
    r"|[Đđ]ơn vị(?: này)?|UBND (?:tỉnh|TP|thành phố|huyện)(?: này)?)"
    + _ASPECT + r"(?:đang\s+|sẽ\s+)?(?=(?:yêu cầu|đề nghị|chỉ đạo|giao|ban hành)(?!\w))")
_BODY_KINDS = {"tỉnh": ("tỉnh",), "tp": ("tp", "thành phố"), "thành phố": ("tp", "thành phố"),
               "huyện": ("huyện",), "sở": ("sở",)}


def _speaker_body_cue(sent: Sentence, text: str, mentions: list[Mention]) -> list[tuple[Mention, re.Match[str]]]:
    for m in mentions:
        said = _SAID_BY.match(text, m.end, sent.end)
        if not m.org or said is None or m.role in _LEADERS:
            continue  # a leader who says "tỉnh đã chỉ đạo" is read as the issuer elsewhere
        own = _OWN_BODY.search(text, said.end(), min(sent.end, said.end() + 160))
        if own is None or " sẽ " in f" {own.group()} ":
            continue  # a promise is not an order
        if any(o is not m and said.end() <= o.start < own.start() for o in mentions):
            continue  # another body named in between may be the one meant
        kind = own.group("body").lower().replace("ubnd ", "").replace(" này", "").rstrip(".")
        org_low = m.org.lower()
        if kind in _BODY_KINDS and not any(k in org_low for k in _BODY_KINDS[kind]):
            continue  # "sở" does not take up a UBND, nor "huyện" a province
        at = text.find(m.org, m.start, m.end)
        if at < 0:
            continue
        end = at + len(m.org)
        if m.place:  # "UBND tỉnh" + "Cà Mau": the body with its place, not the person after
            named = text.find(m.place, end, m.end)
            end = named + len(m.place) if 0 <= named - end <= 2 else end
        body = Mention(at, end, text[at:end], org=m.org, org_head=m.org_head, admin=m.admin,
                       place=m.place, level=m.level, province=m.province)
        cue = _rx()["cue"].match(text, own.end())
        if cue:
            return [(body, cue)]
    return []


# "tỉnh Nghệ An chỉ đạo ...", "Thành phố cũng yêu cầu ...", "tôi đề nghị ...": the issuer
# of the directive being read, named by its place or by a pronoun.
_ANAPHOR = re.compile(
    _SUBJECT_START + r"(?:[Tt]ỉnh|[Tt]hành phố|TP\.?|[Tt]ôi|[Cc]húng tôi|[Ll]ãnh đạo tỉnh)"
    rf"(?:\s+(?:HCM|[{lx.UPPER}][\w]*)(?:\s*-\s*[{lx.UPPER}][\w]*)?){{0,3}}"
    + _ASPECT + r"(?=(?:yêu cầu|đề nghị|chỉ đạo|giao|lưu ý)(?!\w))")


# "Công văn này cũng yêu cầu ...", "Công văn hỏa tốc ... nêu rõ: ...": the vehicle speaks.
_VEHICLE_SUBJECT = re.compile(
    _SUBJECT_START + r"(?:Công văn|Văn bản|Chỉ thị|Công điện|Kế hoạch|Thông báo|Quyết định)"
    r"(?:\s+(?:này|trên|nói trên|hỏa tốc|hoả tốc|khẩn))?(?:\s+(?:do\s+[^:]{3,120}?\s+ký))?"
    r"\s+(?:(?:cũng|còn|đồng thời|cũng đồng thời)\s+)*(?:(?P<cue>yêu cầu|giao|đề nghị|chỉ đạo)(?!\w)|nêu rõ\s*:\s*)")
_AT = re.compile(r"\s*")  # an empty cue: the clause starts here
# "Ngoài ra, Hải Phòng cũng yêu cầu ...": a province by name.
_PLACE_SUBJECT = re.compile(
    rf"(?:^|(?<=,\s))(?P<place>[{lx.UPPER}][\w]*(?:\s+[{lx.UPPER}][\w]*){{0,2}})"
    + _ASPECT + r"(?=(?:yêu cầu|đề nghị|chỉ đạo|giao)(?!\w))")


def _anaphor_cue(sent: Sentence, text: str) -> re.Match[str] | None:
    v = _VEHICLE_SUBJECT.search(sent.text)
    if v and v.start() < 80:
        if v.group("cue"):
            return _rx()["cue"].match(text, sent.start + v.start("cue"))
        return _AT.match(text, sent.start + v.end())  # "nêu rõ: Tạm dừng ...; Giao ..."
    pm = _PLACE_SUBJECT.search(sent.text)
    if pm and pm.start() < 60 and places.canonical_legacy(pm.group("place")):
        return _rx()["cue"].match(text, sent.start + pm.end())
    m = _ANAPHOR.search(sent.text)
    if not m or m.start() > 120:
        return None
    before = sent.text[max(0, m.start() - 12):m.start()]
    if _NOT_SUBJECT.search(before) or re.search(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s*$", before):
        return None  # "kiến nghị UBND tỉnh chỉ đạo": a mention the subject finder has judged
    return _rx()["cue"].match(text, sent.start + m.end())


def _compatible(d: Draft, m: Mention, same_person: bool = False) -> bool:
    """Whether ``m`` can name the draft's issuer. ``same_person``: ``m`` names the issuer's
    person in full, so a bare title ("Chủ tịch Nguyễn Đức Chung", no body, no level of its
    own) takes the level of the fuller mention."""
    a = d.issuer
    if m.province and a.province and m.province != a.province:
        return False
    if m.level and a.level and m.level != a.level and not (same_person and _bare_title(a)):
        return False
    if m.person and a.person and m.person.split()[-1] != a.person.split()[-1]:
        return False
    if (m.level == a.level and m.level in {"district", "commune"} and m.place and a.place
            and key(m.place) != key(a.place)):
        return False  # "UBND quận Cầu Giấy" is not "UBND quận Hai Bà Trưng"
    if m.role and a.role and m.role != a.role and not (a.role.startswith(m.role + " ")
                                                       or m.role.startswith(a.role + " ")):
        return False  # "Phó Thủ tướng" is still "Phó Thủ tướng Thường trực" named before
    ka, km = _org_key(a), _org_key(m)
    if {ka, km} == {"ubnd", None} and any(x.role and "bí thư" in x.role.lower() for x in (a, m)):
        return False  # "Phó Bí thư thường trực tỉnh Đồng Nai" is the Party, not "UBND tỉnh Đồng Nai"
    return ka is None or km is None or ka == km or _same_department(a.org_head or "", m.org_head or "")


def _official(m: Mention) -> bool:
    return bool(m.role or m.person)


def _body_and_official(a: Mention, b: Mention) -> bool:
    """One names a body alone ("UBND TP"), the other an official of it ("Chủ tịch UBND TP
    Nguyễn Đức Chung"): the gold keeps a body's earlier act apart from its leader's orders
    (``_reported_past``, ``_new_occasion``), though not every act of the body (measured)."""
    bare_a, bare_b = bool(a.org_head) and not _official(a), bool(b.org_head) and not _official(b)
    return (bare_a and _official(b)) or (_official(a) and bare_b)


_REPORTED_BEFORE = re.compile(r"(cho biết|cho hay|thông tin|khẳng định)\s*[,:]?\s*$", re.IGNORECASE)


def _reported_past(text: str, sent: Sentence, mention: Mention, cue: re.Match[str]) -> bool:
    """"(ông Chung) cho biết, UBND TP đã giao ...": a body's earlier act, told by a speaker."""
    return bool(_REPORTED_BEFORE.search(text, sent.start, mention.start)
                and re.search(r"\bđã\b", text[mention.end:cue.start()]))


def _admin_key(admin: str) -> str:
    kind = admin.rstrip(".").casefold()
    return "tp" if kind in {"thành phố", "tp"} else kind


def _bare_title(m: Mention) -> bool:
    return bool(m.role) and not (m.org_head or m.admin or m.place)


# "Chủ tịch Chung": a title, then one capitalised word that no capitalised word follows
_GIVEN_NAME_AFTER = re.compile(rf"\s+([{lx.UPPER}]\w*)(?!\s+[{lx.UPPER}])(?!\w)")


def _same_person_draft(text: str, mention: Mention, drafts: list[Draft]) -> Draft | None:
    """The earlier directive whose issuer ``mention`` names again in a shorter or garbled form,
    where the levels and bodies ``_compatible`` compares would keep the two apart."""
    if mention.person and mention.role and len(mention.person.split()) >= 3:
        return _garbled_name_draft(mention, drafts)
    if _bare_title(mention) and not mention.person:
        return _titled_person_draft(text, mention, drafts)
    return None


def _garbled_name_draft(mention: Mention, drafts: list[Draft]) -> Draft | None:
    """"Chủ tịch UBDN TP Hà Nội Nguyễn Đức Chung": a misspelt body read into the name; the
    name still ends in the full name of an earlier issuer with the same title."""
    for d in drafts:
        person = d.issuer.person
        if (person and len(person.split()) >= 3 and person != mention.person
                and (mention.person or "").endswith(" " + person)
                and (d.issuer.role or "").lower() == (mention.role or "").lower()):
            return d
    return None


def _titled_person_draft(text: str, mention: Mention, drafts: list[Draft]) -> Draft | None:
    """"Đồng thời Chủ tịch Chung cũng yêu cầu ...": a bare title followed by the given name of
    the person who holds it in an earlier directive is that person (the press names a leader
    in full once, then by title and given name). Without a name, the title is that person
    when the article's directives name only one titled person."""
    holders = [d for d in drafts if d.issuer.person and len(d.issuer.person.split()) >= 2
               and (d.issuer.role or "").lower() == (mention.role or "").lower()]
    given = _GIVEN_NAME_AFTER.match(text, mention.end)
    if given:
        return next((d for d in holders if d.issuer.person.split()[-1] == given.group(1)), None)
    titled = {d.issuer.person for d in drafts if d.issuer.role}
    return holders[0] if len(holders) == 1 and len(titled) == 1 else None


def _prime_minister(m: Mention) -> bool:
    return bool(m.role and m.role.lower().endswith("thủ tướng") and not m.org_head)


def _ministry(m: Mention) -> bool:
    return bool(re.match(r"(?:Bộ|Cục|Tổng cục)\s", m.org_head or "", re.IGNORECASE))


def _org_key(m: Mention) -> str | None:
    head = (m.org_head or "").lower()
    if head in {"ubnd", "ubdn", "ủy ban nhân dân", "uỷ ban nhân dân", "ub nhân dân", "chính quyền"} or (
        not head and m.role in {"Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực"}):
        return "ubnd"
    return head or None


_DEPARTMENT_KEY = re.compile(r"(sở|bộ|cục|tổng cục|chi cục)\s+(.+)", re.IGNORECASE)


def _initials(name: str) -> str:
    """"Giáo dục và Đào tạo", "GD&ĐT" and "GD - ĐT" all give "gdđt"."""
    out = []
    for word in re.split(r"[\s,&/-]+", name):
        if not word or word.lower() == "và":
            continue
        out.append(word.lower() if word.isupper() and len(word) <= 5 else word[0].lower())
    return "".join(out)


def _same_department(a: str, b: str) -> bool:
    """"Sở Giáo dục" named again after "Sở Giáo dục và Đào tạo TP HCM", "Sở TN&MT" after
    "Sở Tài nguyên và Môi trường": the same kind of body whose name's initials agree, one
    shortened from the other."""
    ma, mb = _DEPARTMENT_KEY.fullmatch(a), _DEPARTMENT_KEY.fullmatch(b)
    if not (ma and mb and ma.group(1).lower() == mb.group(1).lower()):
        return False
    ia, ib = sorted((_initials(ma.group(2)), _initials(mb.group(2))), key=len)
    return len(ia) >= 2 and ib.startswith(ia)


def _doc_province(text: str, title: str) -> str | None:
    """The province a document is about: most named, the title counting three times."""
    counts: Counter[str] = Counter()
    for m in re.finditer(r"(?:tỉnh|thành phố|TP\.?|Tp\.?)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+(?:-\s+)?[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})|([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){1,3})", text):
        run = m.group(1) or m.group(2)
        words = run.split()
        for n in range(min(4, len(words)), 0, -1):
            prov = places.canonical_legacy(" ".join(words[:n]))
            if prov:
                weight = 3 if m.start() < len(title) else 1
                counts[prov] += weight
                break
    if not counts:
        # No province named: districts can still tell ("huyện Sông Lô" → Vĩnh Phúc).
        for m in re.finditer(r"(?:huyện|thị xã|quận|thành phố|TP\.?)\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,2})", text):
            words = m.group(1).split()
            for n in range(len(words), 0, -1):
                cands = places.provinces_of_district(" ".join(words[:n]))
                if len(cands) == 1:
                    counts[next(iter(cands))] += 1
                    break
    for alias in ("TP HCM", "TP.HCM", "TPHCM", "TP. HCM"):
        n = text.count(alias)
        if n:
            counts["Hồ Chí Minh"] += n
    return counts.most_common(1)[0][0] if counts else None


# Where a measure's purpose begins ("... để đảm bảo ..."): not "triệt để", nor "để" in a
# condition ("chịu trách nhiệm nếu để ...", "khi để cấp dưới vi phạm ...").
_PURPOSE = re.compile(r"(?<!không)(?<!chưa)(?<!tránh)(?<!không được)(?<!triệt)(?<!nếu)(?<!khi)(?<!nào)(?<!mà)"
                      r"\s+(?:để|nhằm|với mục đích|với mục tiêu)\s")


# A clause that turns away from the order: a condition, a contrast, a consequence.
_TURN = re.compile(r",\s*(?:khi|nếu|nhưng|song|trong khi|mặc dù|dù)\s|\s(?:nhưng|thì)\s")


def _clean_measure(text: str, start: int, end: int) -> tuple[int, int] | None:
    rx = _rx()
    # strip bullets, quotes and prefixes (phải, cần, khẩn trương, ...)
    changed = True
    while changed and start < end:
        changed = False
        seg = text[start:end]
        for pat in (rx["bullet"], rx["opener"], rx["prefix"]):
            m = pat.match(seg)
            if m and m.end() > 0:
                if pat is rx["prefix"] and re.match(r"(?:chỉ đạo|yêu cầu)\s", seg) and rx["addr_head"].match(text, start + m.end()):
                    _, inner = _scan_addressee(text, start + m.end(), end)
                    if inner > start + m.end() and rx["verb"].match(text, inner) and _has_object(text[inner:end]):
                        start = inner  # "chỉ đạo phường Tân Mai ... củng cố hồ sơ": the inner order
                        seg = text[start:end]
                        changed = True
                    break
                start += m.end()
                seg = text[start:end]
                changed = True
        lead = re.match(r"^[\s,:;\"“”'‘’(]+", seg)
        if lead:
            start += lead.end()
            changed = True
    seg = text[start:end]
    turn = _TURN.search(seg)
    if turn and turn.start() > 8:
        end = start + turn.start()  # "tổ chức thanh tra, khi có kết luận sẽ ...": the order ends
        seg = text[start:end]
    purpose = _PURPOSE.search(seg)
    if purpose and purpose.start() > 8:
        end = start + purpose.start()
        seg = text[start:end]
    # trailing punctuation, quotes, closing words
    m = re.search(r"[\s,.;:!?\"“”'’)…]+$", seg)
    if m:
        end = start + m.start()
    seg = text[start:end]
    m = re.search(r",?\s*(?:ông|bà)\s+[A-ZĐÀ-Ỹ][\w\s]*(?:yêu cầu|nhấn mạnh|chỉ đạo|lưu ý)$", seg)
    if m:
        end = start + m.start()
    m = re.search(r"[\"”]\s*[,–-]\s*(?:ông|bà|[A-ZĐÀ-Ỹ])", text[start:end])
    if m:  # '... cho người dân", ông Phạm Anh Tuấn cho hay': the quote ends the order
        end = start + m.start()
    if end - start < 6 or len(text[start:end].split()) < 2:
        return None
    if len(text[start:end].split()) <= 2 and not _has_object(text[start:end]):
        return None  # "kịp thời", "hướng dẫn" alone: a fragment, not an order
    if not rx["verb"].match(text, start):
        return None
    if re.search(r"(?<!\w)(?:cho biết|cho hay)(?!\w)", text[start:end]):
        return None  # "Trả lời ..., Phó giám đốc Sở ... cho biết": someone's report, not an order
    return start, end


def _has_object(fragment: str) -> bool:
    """Whether a clause has words beyond its verbs, prefixes and adverbs."""
    rx = _rx()
    rest = rx["prefix"].sub("", fragment.strip())
    rest = rx["verb"].sub(" ", rest)
    rest = rx["adverb"].sub(" ", rest)
    return len(re.findall(r"\w+", rest)) >= 2


# "tăng cường kiểm tra giám sát, kịp thời phát hiện và xử lý ...": a manner word opens a new
# order even when the one before has no object of its own.
_NEW_CLAUSE = re.compile(rf"(?:kịp thời|thường xuyên|chủ động|nghiêm túc|mạnh tay|quyết liệt|khẩn trương)\s+(?:{_alt(lx.MEASURE_VERBS)})(?!\w)|báo cáo\s")


def _split_measures(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a clause into measures at ';', bullets, and at ', '/' và ' before a new verb
    once the previous measure has an object (verbs sharing one object stay together)."""
    rx = _rx()
    pieces: list[tuple[int, int]] = []
    for m in re.finditer(r"[^;\n…]+", text[start:end]):
        pieces.append((start + m.start(), start + m.end()))
    out: list[tuple[int, int]] = []
    for ps, pe in pieces:
        cur = ps
        for sep in re.finditer(r",\s+|\s+và\s+|:\s+|\s+thì\s+", text[ps:pe]):
            cut = ps + sep.start()
            nxt = ps + sep.end()
            after = rx["prefix"].match(text[nxt:pe])
            vstart = nxt + (after.end() if after else 0)
            if not rx["verb"].match(text, vstart):
                continue
            if text[vstart].isupper() and sep.group().strip() in {",", "và"}:
                continue  # "Sở Xây dựng, Giao thông Vận tải": names of bodies, not verbs
            if re.search(r"phòng$", text[cur:cut]) and text.startswith("chống", vstart):
                continue  # "phòng, chống lụt bão": one verb
            if (not _has_object(text[cur:cut]) and not sep.group().strip() == "thì"
                    and not _NEW_CLAUSE.match(text, nxt, pe)):
                continue  # no object yet: "kiểm tra, giám sát ..." stays one measure
            out.append((cur, cut))
            cur = nxt
        out.append((cur, pe))
    return out


_SUBJECT_END = re.compile(r"\s(?:đang|sẽ|đã|cũng|vừa|sớm|nghiêm chỉnh|nghiêm túc|kịp thời|nhanh chóng|phải|cần)\s")


# "yêu cầu 3 đơn vị nêu trên ...", "đề nghị hai công ty Nam Triệu và Đại Nguyên Dương ...":
# bodies counted instead of listed.
_COUNTED_BODIES = re.compile(
    r"(?<![\w/])(?:\d{1,2}|[Hh]ai|[Bb]a|[Bb]ốn|[Nn]ăm)\s+(?:đơn vị|cơ quan|sở|tỉnh|huyện|ngành|công ty|doanh nghiệp"
    r"|địa phương|lực lượng|trường|bệnh viện|cơ sở|bộ)(?!\w)")


def _scan_addressee(text: str, start: int, end: int) -> tuple[Span | None, int]:
    """An addressee right after a cue ("yêu cầu giám đốc các sở ... thực hiện")."""
    rx = _rx()
    pos = start
    while pos < end and text[pos] in " ,:":
        pos += 1
    m = re.match(r"(?:cho|đối với)\s+", text[pos:end])
    if m:
        pos += m.end()
    if not (rx["addr_head"].match(text, pos) or _COUNTED_BODIES.match(text, pos, end)):
        return None, start
    # Walk until a measure verb that is not part of a body's name.
    stop = end
    for v in rx["verb"].finditer(text, pos + 1, end):
        before = text[max(pos, v.start() - 12): v.start()]
        # ("Hải Phòng", "Bệnh viện", "các sở" end names; a verb after them is the order)
        if re.search(r"(?:[Bb]an|[Đđ]ội|[Cc]ục|(?<!Hải )[Pp]hòng|[Tt]rung tâm|(?<!các )(?<!những )[Ss]ở|(?<![Bb]ệnh )[Vv]iện)\s+$", before):
            continue
        if re.search(r"Kế hoạch\s*(?:-|–|và|&)\s*$", before):
            continue  # "Sở Kế hoạch - đầu tư", "Sở Kế hoạch và đầu tư": the name goes on
        if re.search(r"cơ quan\s+$", before) and v.group().lower() in _BODY_VERBS:
            continue  # "cơ quan quản lý", "cơ quan điều tra" name a body
        if v.group()[0].isupper() and v.start() > pos:
            continue  # "Sở Kế hoạch và Đầu tư": capitalised words belong to the name
        stop = v.start()
        break
    else:
        stop = _named_body_end(text, pos, end)
    mod = rx["modal"].search(text, pos, stop)
    if mod:
        stop = mod.start()
    aspect = _SUBJECT_END.search(text[pos:stop])
    if aspect:  # "Thanh tra sở đang ...": tense markers and adverbs end the subject
        stop = pos + aspect.start()
    seg = text[pos:stop]
    trimmed = re.sub(r"[\s,:;]+(?:và|cùng)?[\s,]*$", "", seg)
    if len(trimmed) < 3 or len(trimmed.split()) > 40:
        return None, start
    if rx["verb"].fullmatch(trimmed) and rx["verb"].match(text, stop):
        return None, start  # "Tổ chức kiểm tra ...": a verb opening the order, not a body
    return Span(pos, pos + len(trimmed), trimmed, "addressee"), stop


def _named_body_end(text: str, pos: int, end: int) -> int:
    """Where a named body ends when no listed verb follows it: "chỉ đạo Công an Bình Định thu
    thập tài liệu" orders with a verb the lexicon lacks, after a name that is plainly over."""
    body = next((m for m in find_mentions(text, pos, end) if m.start == pos), None)
    stop = body.end if body else 0
    name = _NAMED_BODY.match(text, pos, end)
    if name:
        stop = max(stop, name.end())
    if stop and re.match(r" (?!(?:và|cùng|với|của|tại|trên|thuộc|trong|các|những|theo|về|ở|là|như|nhưng|mà)\s)"
                         r"[a-zđà-ỹ]\w* \w", text[stop:end]):
        return stop
    return end


# A body's head word and its capitalised name: "Công an Bình Định", "Đội Cảnh sát PCCC".
_NAMED_BODY = re.compile(rf"(?:Công an|Sở|Ban|Cục|Chi cục|Phòng|Đội|Trung tâm|Viện|Bệnh viện|Trường"
                         rf"|Công ty|Tổng công ty|Thanh tra|Văn phòng|Bộ Chỉ huy|Bộ chỉ huy)"
                         rf"(?:\s+[{lx.UPPER}][\w&-]*)+")


_BODY_VERBS = {"quản lý", "điều tra", "thanh tra", "chủ trì", "tham mưu", "chỉ đạo", "phối hợp",
               "kiểm tra", "giám sát", "thông tin", "tổ chức", "chuyên môn"}


# What follows a target and is no longer part of it: its own predicate ("người dân chủ động
# bơm tát nước", "lãnh đạo thành phố xem xét"), an aside ("Công ty X (là chủ sở hữu ..."),
# a reason, a purpose or a time limit.
_TARGET_TAIL = re.compile(
    r"\s+(?:tuyệt đối|chủ động|sớm|kịp thời|phải|cần|nghiêm túc|khẩn trương|xem xét|tự giác|không được"
    r"|do|để|nhằm|trong thời hạn|trong vòng|trên các phương tiện|tiếp tục|yên tâm|sẽ|hãy)(?!\w)"
    r"|\s*\((?:là|do)\s|\s*\(nếu có")


def _target_span(text: str, start: int, end: int) -> Span | None:
    tail = _TARGET_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    while end > start and text[end - 1] in " ,.;:/)":
        end -= 1
    return Span(start, end, text[start:end], "target") if specific_target(text[start:end]) else None


# Where a target read by any backend runs on into the next order or the group's own
# predicate: "những hành vi vi phạm pháp luật, hạn chế tối đa ...", "các cán bộ liên quan,
# kể cả ...", "người dân không sử dụng ...". ("cá nhân, tổ chức" lists parties, not verbs.)
_TARGET_END = re.compile(
    rf",\s+(?!(?:tổ chức|không|cá nhân)(?!\w))(?=(?:{_alt(lx.MEASURE_VERBS)}|kể cả)(?!\w))"
    rf"|(?<=\w) (?:không|chưa) (?=(?:{_alt(lx.MEASURE_VERBS)})(?!\w))")


def trim_target(text: str, t: Span) -> Span:
    """``t`` cut where its noun phrase ends, if it still names a target: before its own
    predicate or a purpose (``_TARGET_TAIL``, as for the rules' targets), then at the next
    order (``_TARGET_END``). Chosen on dev (189 documents): 0.7.5 targets 0.521 -> 0.532,
    train unchanged; 0.7.6 adds the tail and "(nếu có", +0.001 on dev and on train."""
    end = t.end
    tail = _TARGET_TAIL.search(text, t.start + 1, t.end)  # the rules' own targets stop there too
    if tail and specific_target(text[t.start:tail.start()].rstrip(" ,")):
        end = t.start + len(text[t.start:tail.start()].rstrip(" ,"))
    cut = _TARGET_END.search(text, t.start + 1, end)
    if cut and not _rx()["verb"].search(text, t.start, cut.start()) and specific_target(text[t.start:cut.start()]):
        # (not "cán bộ ... không dám làm, né tránh, đùn đẩy, làm việc cầm chừng": one description)
        end = cut.start()
    if end == t.end:
        return t
    return Span(t.start, end, text[t.start:end], t.label)


# Where an addressee span runs on into its order: a lowercase order verb (or a time limit)
# right after a name's last word ("Cty Thoát nước ... Đà Nẵng kiểm tra sửa chữa ...",
# "UBND huyện Long Thành chậm nhất là ...", "các ngành chức năng của thành phố duy tu ...").
_ADDRESSEE_RUNS_ON = re.compile(
    rf" (?=(?:(?:{_alt(lx.MEASURE_VERBS)})(?!\w)|chậm nhất|khẩn trương|phải|cần|sớm))")
_NAME_END = re.compile(r"(?:\)|chức năng|liên quan|thành phố|địa phương|ngành|(?:các|những) (?:quận|huyện|sở|xã|phường|tỉnh))$")


# heads of bodies named after what they do: "Ban chỉ đạo", "Tổ kiểm tra", "Đoàn thanh tra"
_NAMES_AN_ACT = {"Ban", "Tổ", "Đoàn", "Hội đồng", "Phòng", "Cục", "Chi cục", "Trung tâm", "Ủy ban", "Uỷ ban", "Đội"}


def trim_addressee(text: str, a: Span) -> Span:
    """``a`` cut where a name gives way to its order (``_ADDRESSEE_RUNS_ON``)."""
    for cut in _ADDRESSEE_RUNS_ON.finditer(text, a.start + 1, a.end):
        head = text[a.start:cut.start()]
        last = head.split()[-1] if head.split() else ""
        if (len(head.split()) >= 2 and last not in _NAMES_AN_ACT
                and (last[:1].isupper() or last[:1].isdigit() or _NAME_END.search(head))):
            return Span(a.start, cut.start(), head, a.label)
    quote = re.search(r'\s*["“”]', text[a.start:a.end])  # 'Sở Y tế " mạnh dạn': a quote opens
    if quote and len(text[a.start:a.start + quote.start()].split()) >= 2:
        return Span(a.start, a.start + quote.start(), text[a.start:a.start + quote.start()], a.label)
    return a


# "báo cáo của quận ...", "đề xuất của doanh nghiệp": an order verb used as a noun.
# "Căn cứ nội dung, tính chất, mức độ vi phạm, ...": the grounds of an order, not an order.
_VERB_AS_NOUN = re.compile(r"(?:[Bb]áo cáo|[Đđ]ề xuất|[Pp]hối hợp|[Kk]ết luận|[Hh]ướng dẫn|[Kk]iến nghị)\s+(?:của|này)(?!\w)"
                           r"|[Cc]ăn cứ\s")


def tidy_measures(text: str, measures: list[Span]) -> list[Span]:
    """Measures without those that open with an order verb used as a noun; the arguments step
    ends with it, whichever backend found the spans."""
    return [m for m in measures if not _VERB_AS_NOUN.match(text, m.start, m.end)]


def specific_target(span: str) -> bool:
    """ANNOTATION.md wants no generic objects as targets. One bare noun ("vi phạm", "dự án",
    "người dân", "vụ việc") was right 6 times in 37 on train and dev; three syllables or
    more are right about 40% of the time, as often as targets are found at all."""
    return len(span.split()) > 2


# A body or official ordered to act is named, not quoted: a span in which someone "cho biết"
# or that stops on a preposition is a clause misread as an addressee by the span model
# ("Lãnh đạo Sở GD&ĐT Hà Nội cho hay, theo", "Báo cáo với").
_NOT_ADDRESSEE = re.compile(
    r"(?<!\w)(?:cho hay|cho biết|cho rằng|ghi rõ|khẳng định|nói rõ)(?!\w)"
    # an inspectorate's findings, not a body told to act: "Thanh tra Chính phủ nhận định",
    # "Thanh tra TP kết luận, Sở QHKT chưa ...", "Thanh tra Chính phủ kiến nghị Kiểm toán ..."
    r"|(?<!\w)(?:nhận định|kết luận|kiến nghị)(?!\w)"
    r"|(?<!\w)(?:với|theo|để|là|không|của|tại|từ|về|cho|mà|thì)\W*$"
    # a whole sentence, not a name: "Báo cáo mới nhất của Sở ... chỉ còn 48 con gấu ...",
    # "các sở, ngành chỉ có 3 chức danh phó giám đốc."
    r"|^Báo cáo\s|(?<=[a-zà-ỹđ]{3})\.$", re.IGNORECASE)


def plausible_addressee(span: str) -> bool:
    """Whether a span from the span model can name an addressee (see ``_NOT_ADDRESSEE``)."""
    return _NOT_ADDRESSEE.search(span) is None


def _targets(text: str, measure: Span) -> list[Span]:
    rx = _rx()
    out = []
    seg_start, seg_end = measure.start, measure.end
    m = re.search(r"(?<!\w)đối với\s+", text[seg_start:seg_end])
    if m:
        span = _target_span(text, seg_start + m.end(), seg_end)
        return [span] if span else []
    # the object after the leading verb group
    v = rx["verb"].match(text, seg_start)
    if not v:
        return out
    h = rx["target_head"].search(text, v.end(), seg_end)
    if not h and measure.category in {"investigate", "sanction", "inspect", "enforce_halt"}:
        h = rx["case_head"].match(text, v.end() + 1)
    if h and h.start() - v.end() <= 25:
        e = seg_end
        cut = re.search(r"\s+(?:theo quy định|theo đúng quy định|trên địa bàn)(?!\w)", text[h.start():seg_end])
        if cut:
            e = h.start() + cut.start()
        span = _target_span(text, h.start(), e)
        if span:
            out.append(span)
    return out


def _measures_from(d: Draft, text: str, start: int, end: int) -> None:
    for ms, me in _split_measures(text, start, end):
        cleaned = _clean_measure(text, ms, me)
        if not cleaned:
            continue
        _add_measure(d, text, *cleaned)


def _add_measure(d: Draft, text: str, s: int, e: int) -> None:
    """``text[s:e]`` as the draft's measure, with its targets, unless it overlaps one."""
    if overlaps_any(s, e, d.measures):
        return
    cat, _ = classify(text[s:e])
    span = Span(s, e, text[s:e], "measure", cat)
    d.measures.append(span)
    for t in _targets(text, span):
        if not overlaps_any(t.start, t.end, d.targets):
            d.targets.append(t)


_ORDER_MARKER = re.compile(rf"(?<!\w)(?:{_alt(lx.ORDER_MARKERS)})(?!\w)(?<!giao(?=\s(?:{_alt(lx.GIAO_NOUNS)})(?!\w)))",
                           re.IGNORECASE)


def order_marker(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` has a word that marks an order (``lexicon.ORDER_MARKERS``)."""
    return _ORDER_MARKER.search(text, start, len(text) if end is None else end) is not None


def marked_order(sentence: str) -> bool:
    """Whether an order word in ``sentence`` is followed by a measure verb: a sentence the
    span model may find orders in, read only after that word."""
    mark = _ORDER_MARKER.search(sentence)
    return mark is not None and _rx()["verb"].search(sentence, mark.end()) is not None


def has_deadline(sentence: str) -> bool:
    """Whether a sentence sets a time limit the deadline patterns know."""
    return _rx()["deadline"].search(sentence) is not None


# Bodies under a province's UBND: a Sở, a district, a commune; "UBND tỉnh", "Chủ tịch UBND
# thành phố" are their superiors.
_PROVINCE_UBND = re.compile(r"\s*(?:[Cc]hủ tịch\s+)?(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:[Tt]ỉnh|[Tt]hành phố|TP)(?!\w)")


def _asks_no_subordinate(issuer: Mention, text: str, pos: int, cue_word: str = "") -> bool:
    """Whether the clause after the cue asks someone the issuer cannot order (ANNOTATION.md
    counts orders to subordinates only): its superior ("Sở ... đề nghị UBND thành phố"), a
    peer province ("UBND tỉnh Thanh Hoá đề nghị UBND tỉnh Hoà Bình"), or, for a department,
    a body beside it ("Sở Xây dựng ... đề nghị Công an thành phố"). ``cue_word`` an issuing
    cue ("có công văn"): the letter's own "đề nghị" that follows is read."""
    if cue_word.lower() in lx.ISSUING_CUES:
        # "UBND huyện ... vừa có công văn đề nghị UBND tỉnh ...": the letter's own request
        lead = _LETTER_ASKS.match(text, pos)
        if lead is not None:
            pos, cue_word = lead.end(), lead.group(1)
    if issuer.level != "central" and _SUPERIOR.match(text, pos):
        return True
    head = (issuer.org_head or "").lower()
    if cue_word.lower() in {"đề nghị", "kiến nghị"} and issuer.level == "province" and _other_province(issuer, text, pos):
        return True  # "UBND tỉnh Thanh Hoá đề nghị UBND tỉnh Hoà Bình chỉ đạo ...": a request to a peer
    if head.startswith("sở") and (cue_word.lower() in {"đề nghị", "kiến nghị"} and _PEER.match(text, pos)
                                  or _SENT_TO_PEER.match(text, pos)):
        return True
    below = head.startswith(("sở", "chi cục", "phòng")) or issuer.level in {"district", "commune"}
    ubnd, name = _province_ubnd_at(text, pos) if below and not issuer.role else (None, None)
    if ubnd is None:
        return False
    if name is None:
        return True
    prov = places.canonical_legacy(name)
    if "tỉnh" in ubnd.group().lower():
        return prov is not None
    # "UBND thành phố Thái Nguyên" is a city inside a province: a Sở may well order it;
    # only the five cities that are provinces stand above their departments
    return prov in CENTRAL_CITIES


def _province_ubnd_at(text: str, pos: int) -> tuple[re.Match[str] | None, str | None]:
    """The UBND of a province or city (or its chairman) opening the clause at ``pos``, and the
    capitalised name that follows it, if any ("UBND tỉnh Hoà Bình")."""
    ubnd = _PROVINCE_UBND.match(text, pos)
    if ubnd is None:
        return None, None
    name = re.match(rf"\s+([{lx.UPPER}][\w]*(?:\s+[{lx.UPPER}][\w]*){{0,2}})", text[ubnd.end():ubnd.end() + 40])
    return ubnd, name.group(1) if name else None


def _other_province(issuer: Mention, text: str, pos: int) -> bool:
    """Whether the clause at ``pos`` opens on another province's UBND or its chairman."""
    _, name = _province_ubnd_at(text, pos)
    prov = places.canonical_legacy(name)
    return prov is not None and issuer.province is not None and prov != issuer.province


_LETTER_ASKS = re.compile(r"(?:\s+(?:khẩn|hỏa tốc|hoả tốc))?(?:\s+số\s+\S+)?\s+(đề nghị|kiến nghị)(?=\s)")


# Bodies beside a province's department: other departments, the provincial police, the
# treasury, the tax office.
_PEER_BODY = r"(?:các\s+)?(?:[Ss]ở\s|[Cc]ông an (?:tỉnh|thành phố|TP)|Kho bạc|Cục [Tt]huế|Bảo hiểm xã hội)"
_PEER = re.compile(r"[\s,:]*" + _PEER_BODY)
_SENT_TO_PEER = re.compile(r"(?:\s+(?:khẩn|hỏa tốc|hoả tốc))?\s+gửi\s+" + _PEER_BODY)  # "có công văn gửi Sở ..."


_BARE_VERBS = {"xử lý", "làm rõ", "xử lý nghiêm", "điều tra", "kiểm tra", "khắc phục", "tháo dỡ", "di dời"}


def _bare_order(d: Draft, text: str, start: int, end: int) -> None:
    """What an addressee is told when no listed verb opens it: "chỉ đạo Đội kiểm tra ...
    xử lý", "yêu cầu chúng tôi truy đến cùng nguồn gốc ..." (ANNOTATION.md keeps these)."""
    m = re.match(r"[\s,:]*([^.;\n!?“”\"]+)", text[start:end])
    if not m:
        return
    s, e = start + m.start(1), start + m.end(1)
    prefix = _rx()["prefix"].match(text[s:e])
    if prefix:
        s += prefix.end()
    purpose = _PURPOSE.search(text, s, e)
    if purpose and purpose.start() - s > 8:
        e = purpose.start()
    while e > s and text[e - 1] in " ,":
        e -= 1
    words = text[s:e].split()
    if not words or len(words) > 25 or re.search(r"(?<!\w)(?:cho biết|cho hay)(?!\w)", text[s:e]):
        return
    if len(words) < 3 and text[s:e].lower() not in _BARE_VERBS:
        return  # "thực hiện", "quản lý" alone say nothing of what is to be done
    if re.match(r"(?:đang|đã|về|vào cuộc)(?!\w)", text[s:e]):
        return  # a report of what is under way, not an order
    _add_measure(d, text, s, e)


# People told to act whom no body's name opens ("yêu cầu trụ trì chùa Ba Vàng chấm dứt ...",
# "đề nghị người dân không ...", "giao tỉnh Gia Lai ..."): the phrase must open with one of
# these and run at most six words to a measure verb.
_ACTOR_OPENING = re.compile(
    r"(?:người|chủ|trụ trì|tiểu thương|giáo viên|học sinh|sinh viên|công chức|viên chức|đảng viên|hộ"
    r"|nhà thầu|ngư dân|nông dân|bà con|tài xế|lái xe|đăng kiểm viên|bác sĩ|nhân viên|hiệu phó|thầy cô"
    r"|phụ huynh|cơ sở)(?!\w)|(?P<province>[Tt]ỉnh)\s+(?=[^\W\d_])")
_LEADING_GAP = re.compile(r"[\s,:]*")
_NOT_IN_ADDRESSEE = re.compile(
    r"(?<!\w)(?:không|phải|cần|đã|sẽ|đang|được|bị|khẩn trương|nhanh chóng|kịp thời|ngay|để|nhằm|về|việc"
    r"|thì|là|của|và|cho|này|đó|nên|gì|hiện)(?!\w)")


def _unlisted_addressee(text: str, start: int, end: int) -> tuple[Span | None, int]:
    """An addressee that ``_ACTOR_OPENING`` opens, when a measure verb follows within six words."""
    rx = _rx()
    gap = _LEADING_GAP.match(text, start, end)  # (None only when start is past end)
    pos = gap.end() if gap else start
    opening = _ACTOR_OPENING.match(text, pos, end)
    if opening is None or opening.group("province") and not text[opening.end():opening.end() + 1].isupper():
        return None, start  # a province by its name only: "giao tỉnh Gia Lai", not "tỉnh này"
    words = list(re.finditer(r"[^\s,.;:!?\"“”()]+", text[pos:min(end, pos + 80)]))
    for n, w in enumerate(words[1:7], start=1):
        if text[pos + words[n - 1].end(): pos + w.start()].strip():
            return None, start  # punctuation before any verb: no short noun phrase
        if rx["verb"].match(text, pos + w.start()):
            phrase = text[pos: pos + words[n - 1].end()]
            if n < 2 or _NOT_IN_ADDRESSEE.search(phrase) or rx["modal"].search(phrase):
                return None, start  # ("chủ" alone is the start of a word, not someone)
            return Span(pos, pos + len(phrase), phrase, "addressee"), pos + w.start()
    return None, start


_GIVES_ORDER = re.compile(r"\s*(?:(?:cũng|đã|vừa|tiếp tục)\s+)*(?=(?:yêu cầu|chỉ đạo|giao|đề nghị)(?!\w))")


_THEN_ORDERS = re.compile(r"\s*,?\s*(?:và|để|đồng thời|rồi)\s+(?=(?:yêu cầu|giao|chỉ đạo)(?!\w))")


_CHAINED_CUE = re.compile(r"(?:giao(?:\s+cho)?|yêu cầu|đề nghị)(?!\w)")  # after _CHAINED_GAP
_CHAINED_GAP = re.compile(r"\s*,\s*")


_RELAYED_CUE = re.compile(r"(?:chỉ đạo|giao(?:\s+cho)?)(?=\s)")


def _relaying_official(text: str, start: int, end: int) -> tuple[Span | None, int, re.Match[str] | None]:
    """An official (a title, with or without a name) right after the cue and followed by an
    order of his own: the one told to pass it on ("yêu cầu Phó chủ tịch UBND TP Nguyễn Ngọc
    Tuấn chỉ đạo Sở ...")."""
    found = find_mentions(text, start, min(end, start + 120))
    if not found or not found[0].role or text[start:found[0].start].strip() or text[found[0].end:found[0].end + 1] != " ":
        return None, start, None
    m = found[0]
    relay = _RELAYED_CUE.match(text, m.end + 1, end)
    if relay is None:
        return None, start, None
    return Span(m.start, m.end, m.text, "addressee"), m.end, relay


def _parse_clause(d: Draft, text: str, sent: Sentence, cue: re.Match[str] | None, from_pos: int) -> None:
    """Addressee and measures in ``text[from_pos:sent.end]``."""
    rx = _rx()
    pos = from_pos
    quoted = re.match(r"\s*[\"“]\s*[^\"“”]{1,15}?\s*[\"”](?=\s)", text[pos:sent.end])
    if quoted:  # 'chỉ đạo " nóng " chủ đầu tư ...': a quoted manner word before the addressee
        pos += quoted.end()
    cue_word = cue.group().lower() if cue else ""
    then = _THEN_ORDERS.match(text, pos, sent.end) if cue_word in {"kết luận", "nhấn mạnh", "lưu ý"} else None
    if then is not None:
        # "đã tổ chức họp, kết luận để yêu cầu sở Xây dựng ... kiểm tra": the order follows
        inner = rx["cue"].match(text, then.end())
        if inner is not None:
            _parse_clause(d, text, sent, inner, inner.end())
            return
    gap = _CHAINED_GAP.match(text, pos, sent.end) if cue is not None else None
    chained = _CHAINED_CUE.match(text, gap.end(), sent.end) if gap is not None else None
    if chained is not None:
        # "UBND TP chỉ đạo, giao sở VH - TT báo cáo ...": the second cue names who is told
        _parse_clause(d, text, sent, chained, chained.end())
        return
    addr_found = False
    if cue is not None and _asks_no_subordinate(d.issuer, text, pos, cue_word):
        return  # "Sở ... đề nghị UBND thành phố chỉ đạo ...": a body asking its superior
    if cue is None or cue_word in lx.ADDRESSEE_CUES or cue_word in {"nhấn mạnh", "quán triệt"}:
        addr, pos2 = _scan_addressee(text, pos, sent.end)
        if addr is None and cue_word in lx.ADDRESSEE_CUES:
            addr, pos2 = _unlisted_addressee(text, pos, sent.end)
        relay = None
        if addr is None and cue_word in {"yêu cầu", "giao"}:
            addr, pos2, relay = _relaying_official(text, pos, sent.end)
        lead = _GIVES_ORDER.match(text, addr.end) if addr is not None and cue is None else None
        gives = rx["cue"].match(text, lead.end()) if lead is not None else None
        if gives is not None:
            # "Lãnh đạo Hà Nội cũng chỉ đạo Công an thành phố lập ...": the body opening a
            # continuing sentence gives the order; its addressee follows the cue
            _parse_clause(d, text, sent, gives, gives.end())
            return
        if addr:
            addr_found = pos2 < sent.end
            if _SUPERIOR.match(addr.text) and d.issuer.level != "central":
                return  # a province asking a ministry: not an order (a Deputy PM's is)
            if not overlaps_any(addr.start, addr.end, d.addressees):
                d.addressees.append(addr)
            pos = pos2
            if relay is not None:
                # "yêu cầu Phó chủ tịch UBND TP ... chỉ đạo Sở Kế hoạch và Đầu tư kiểm điểm ...":
                # the official told passes the order on; its measures are the issuer's
                _parse_clause(d, text, sent, relay, relay.end())
                return
    if cue_word in lx.ISSUING_CUES:
        # "ký ban hành công văn về việc X": X names the subject; orders come after an
        # order verb ("..., yêu cầu các sở ...").
        inner = rx["cue"].search(text, pos, sent.end)
        while inner and inner.group() not in lx.ADDRESSEE_CUES:
            inner = rx["cue"].search(text, inner.end(), sent.end)
        if inner:
            _parse_clause(d, text, sent, inner, inner.end())
        return
    before = len(d.measures)
    _measures_from(d, text, pos, sent.end)
    if addr_found and len(d.measures) == before:
        _bare_order(d, text, pos, sent.end)
    for dl in rx["deadline"].finditer(text, sent.start, sent.end):
        if not overlaps_any(dl.start(), dl.end(), d.deadlines):
            d.deadlines.append(Span(dl.start(), dl.end(), dl.group(), "deadline"))


_LEAD_CUE = re.compile(
    r"(?:[\"“]\s*)?(?:(?:Đồng thời|Ngoài ra|Bên cạnh đó|Cùng với đó|Theo đó|Mặt khác|Trên cơ sở đó|Từ đó|Đặc biệt|Sau đó|Trước mắt)\s*,?\s*)?(?:UBND tỉnh\s+|Chủ tịch UBND tỉnh\s+|Chủ tịch\s+)?(?:cũng\s+)?(giao|yêu cầu|đề nghị|chỉ đạo)(?!\w)",
    re.IGNORECASE)


def _quoted_orders(d: Draft, text: str, sent: Sentence, before: int, quote_optional: bool = False) -> None:
    """Orders quoted ahead of their speaker: '"Giao Sở Nội vụ ...", Chủ tịch tỉnh chỉ đạo.'"""
    pattern = r"^[\"“]?(.+?)[\"”]\s*,?" if quote_optional else r"^[\"“](.+?)[\"”]\s*,?"
    q = re.match(pattern, sent.text)
    if not q or sent.start + q.end() > before:
        return
    inner = Sentence(sent.start + q.start(1), sent.start + q.end(1), q.group(1))
    lead = _lead_cue(text, inner)
    if lead is not None:
        _parse_clause(d, text, inner, lead, lead.end())
    else:
        _measures_from(d, text, inner.start, inner.end)


_QUOTE_LOOKBACK = 4


def _speaker_start(text: str, sent: Sentence, cue: re.Match[str]) -> int:
    """Start of "ông Tuấn" (or "bà ...") right before ``cue``, else the cue's own start."""
    m = re.search(r"(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí)\s+[^,;:\"”“]{1,40}$", text[sent.start:cue.start()])
    return sent.start + m.start() if m else cue.start()


_ORDER_WORDS = {"yêu cầu", "chỉ đạo", "giao", "đề nghị", "chỉ thị"}
_QUOTE_CLOSES = re.compile(r"[\"”]\s*[,–-]?\s*(?:[Ôô]ng|[Bb]à)?\s*$")


def _quote_opened_before(d: Draft, text: str, sents: list[Sentence], i: int, before: int) -> None:
    """'"Hướng dẫn xây dựng kế hoạch ... Rà soát lại đội ngũ ...", ông Phạm Anh Tuấn yêu
    cầu.': a quote that closes before its speaker may have opened sentences earlier; its
    earlier sentences are the speaker's orders too (those that read as orders)."""
    head = text[sents[i].start:before]
    if not re.search(r"[\"”]", head) or re.search(r"^\s*[\"“]", head):
        return  # no quote closes here, or it opened in this very sentence
    for j in range(i - 1, max(-1, i - 1 - _QUOTE_LOOKBACK), -1):
        prev = sents[j]
        if re.search(r"[\"”]", prev.text.rstrip()[1:]):
            return  # another quote ends there: no single quote spans back to an opening
        if prev in d.sentences:
            return
        opened = re.match(r"\s*[\"“]", prev.text)
        start = _continuation(text, prev)
        if start is not None:
            lead = _lead_cue(text, prev)
            if lead is not None:
                _parse_clause(d, text, prev, lead, lead.end())
            else:
                _measures_from(d, text, start, prev.end)
            d.sentences.append(prev)
        if opened:
            return


_COND_LEAD = re.compile(r"(?:Nếu|Trường hợp|Khi|Trong trường hợp)\s[^;:,]{3,90},\s*")


def _lead_cue(text: str, sent: Sentence) -> re.Match[str] | None:
    """A sentence that opens with an order verb ("Giao Sở Nội vụ ...") continues the directive."""
    m = _LEAD_CUE.match(text, sent.start, sent.end)
    if not m:
        cond = _COND_LEAD.match(text, sent.start, sent.end)  # "Nếu ..., đề nghị hai tỉnh ..."
        m = _LEAD_CUE.match(text, cond.end(), sent.end) if cond else None
    if not m:
        return None
    # re-match the verb alone so the caller sees the cue word and its end offset
    return _rx()["cue_any_case"].match(text, m.start(1)) or None


_CONDITION = re.compile(r"(?:Nếu|Trường hợp|Khi|Trong trường hợp)\s[^;:]{3,90}?(?:,\s*|\s+thì\s+|\s+)(?=(?:thì\s+)?(?:phải|cần|kịp thời|khẩn trương)\s)")


def _continuation(text: str, sent: Sentence) -> int | None:
    """Start of measures when a sentence continues the current directive, else None."""
    rx = _rx()
    s = sent.text
    pos = 0
    for pat in (rx["bullet"], rx["opener"]):
        m = pat.match(s[pos:])
        if m:
            pos += m.end()
    q = re.match(r"[\"“]\s*", s[pos:])
    if q:
        pos += q.end()
    cond = _CONDITION.match(s[pos:])
    if cond:  # "Nếu có vướng mắc vượt thẩm quyền phải sớm báo cáo ...": the order after "phải"
        pos += cond.end()
    p = rx["prefix"].match(s[pos:])
    probe = pos + (p.end() if p else 0)
    while p and probe < len(s):  # "phải sớm báo cáo": prefixes come in runs
        more = rx["prefix"].match(s[probe:])
        if not more or not more.end():
            break
        probe += more.end()
    v = rx["verb"].match(s, probe)
    if v and re.match(r"\s+(?:của|này|trên|số)(?!\w)", s[v.end():]):
        return None  # "Thông báo của UBND tỉnh ...": a noun, not an order
    if v and (s[probe:probe + 1].isupper() or pos > 0 or p or s[:1] in "\"“-–•+"):
        return sent.start + pos
    if v and probe == 0:
        return sent.start
    return None


_REPORT_LEAD = re.compile(
    r"\s*(?:[-–•+]\s*)?(?:Kết quả(?:\s+(?:thực hiện|xử lý|kiểm tra|rà soát|giải quyết))?\s+)?"
    r"(?:phải\s+|cần\s+)?(?=(?:báo cáo|gửi báo cáo|báo kết quả)(?!\w))", re.IGNORECASE)


def _report_due(d: Draft, text: str, sent: Sentence) -> bool:
    """'Kết quả thực hiện báo cáo UBND tỉnh trước ngày 15/2.' after a directive's orders: the
    report it asks for, due by a date, is its measure and deadline (no order verb opens it)."""
    lead = _REPORT_LEAD.match(text, sent.start, sent.end)
    if not lead:
        return False
    dl = _rx()["deadline"].search(text, lead.end(), sent.end)
    if not dl or dl.start() - lead.end() > 120:
        return False
    end = dl.start()
    while end > lead.end() and text[end - 1] in " ,":
        end -= 1
    if not overlaps_any(lead.end(), end, d.measures):
        cat, _ = classify(text[lead.end():end])
        d.measures.append(Span(lead.end(), end, text[lead.end():end], "measure", cat))
    if not overlaps_any(dl.start(), dl.end(), d.deadlines):
        d.deadlines.append(Span(dl.start(), dl.end(), dl.group(), "deadline"))
    d.sentences.append(sent)
    return True


_DATE_IN = re.compile(r"(?<!\d)\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?(?!\d)")
_OCCASION = re.compile(r"(?:^|\W)(?:Trước đó|trước đó|Sau đó|sau đó|tiếp tục có|có tiếp|lần thứ|một lần nữa)(?:\W|$)")


_TIME_OPENER = re.compile(
    r"[\s\"“]*(?:Trước đó|(?:Ngay )?[Ss]au đó|Gần đây(?: nhất)?|Mới đây|Hơn \S+ sau|\S+ (?:ngày|tuần|tháng|năm) sau"
    r"|Trước nữa|Cách đây|Năm \d{4}|Tháng \d{1,2}(?:[/-]\d{4})?|(?:Đầu|Cuối|Giữa) (?:năm|tháng)"
    r"|Trong (?:các )?năm \d{4}|Hiện tại|Đến (?:nay|(?:đầu |cuối |giữa )?(?:năm|tháng)))(?!\w)")


_PAST_ACT = re.compile(r"\s+(?:cũng\s+)?(?:đã|sau đó đã)\s+")


def _same_vehicle(d: Draft, ref: DocRef) -> bool:
    """Whether a vehicle named before the issuer is the draft's own: the same number; or,
    named without one ("Trong công điện, Phó Thủ tướng ..."), the kind the draft has, or the
    first vehicle of a draft that had none (and was no meeting)."""
    if d.instrument is None:
        return ref.number is None and d.instrument_type in {None, "ý kiến chỉ đạo"}
    if ref.number is None:
        return d.instrument.type == ref.type
    return bool(d.instrument.number) and d.instrument.number == ref.number


def _new_occasion(d: Draft, text: str, sent: Sentence, cue: re.Match[str], mention: Mention | None = None) -> bool:
    """The same issuer on another occasion (a second công văn, an earlier meeting)."""
    if mention is not None:
        # ("văn bản" only with its number: a bare "văn bản" is any writing of the issuer's)
        vehicle = [r for r in find_refs(text, sent.start, mention.start)
                   if r.type in {"chỉ thị", "công văn", "công điện", "kế hoạch", "quyết định", "thông báo"}
                   or r.type == "văn bản" and r.number]
        if vehicle and not _same_vehicle(d, vehicle[0]):
            return True
    if mention is not None and d.sentences:
        # "UBND tỉnh ... có thông báo, yêu cầu ..." after an earlier meeting or letter of the
        # same issuer: a vehicle of another kind is another occasion.
        named = re.search(r"(?:có|ra|ban hành|gửi|ký)\s+(công văn|văn bản|thông báo|chỉ thị|công điện|kế hoạch|kết luận)",
                          text[mention.end:min(sent.end, mention.end + 40)])
        had = d.instrument.type if d.instrument else d.instrument_type
        if named and had and named.group(1) != had and not (had == "văn bản" or named.group(1) == "văn bản"):
            return True
    if mention is not None and d.measures and _TIME_OPENER.match(text, sent.start, mention.start):
        # "Trước đó, UBND tỉnh đã chỉ đạo ...", "Hơn tháng sau, Chủ tịch UBND tỉnh ...": a
        # sentence that opens on another time is another occasion of the same issuer.
        return True
    if (mention is not None and d.measures and d.sentences and _body_and_official(d.issuer, mention)
            and _PAST_ACT.fullmatch(text, mention.end, cue.start())
            and text[d.sentences[-1].end:sent.start].strip()):
        # "UBND tỉnh đã giao ..." some sentences after its chairman's orders: the body's own
        # act, told as done (right after them, it is as often the same meeting; measured)
        return True
    if cue.group() not in lx.ISSUING_CUES and not re.search(r"công văn|văn bản|chỉ thị|công điện", sent.text):
        return False
    if not any(c in lx.ISSUING_CUES for c in d.cues):
        return False
    if _OCCASION.search(sent.text):
        return True
    new_dates = set(_DATE_IN.findall(sent.text))
    return bool(new_dates and d.dates and not (new_dates & d.dates))


# How many sentences without orders a directive's context survives. 2 → 3 on the
# 149-document dev (0.5.0): issuer 0.752 → 0.759, deadlines 0.53 → 0.58; train unchanged.
_IDLE_MAX = 3


# "Ngoài việc Sở Xây dựng có văn bản tạm đình chỉ thi công thì UBND TP cũng đã có văn bản
# chỉ đạo ...", "Sở đã yêu cầu ...; Công an tỉnh chỉ đạo ...": two subjects, two orders.
_CLAUSE_BREAK = re.compile(r"(?:\s+thì|;|,\s*(?:còn|trong khi đó))\s*$")


def _clauses(text: str, sent: Sentence, pairs: list[tuple[Mention, re.Match[str]]]
             ) -> list[tuple[Mention, re.Match[str], Sentence]]:
    """The (mention, cue) pairs to read in ``sent``, each with the part of it that is its
    clause: the first pair only, unless a second subject opens a clause of its own."""
    if not pairs:
        return []
    (m1, cue1), rest = pairs[0], pairs[1:]
    if rest:
        m2, cue2 = rest[0]
        brk = _CLAUSE_BREAK.search(text, cue1.end(), m2.start) if m2.start > cue1.end() else None
        if brk is not None:
            cut = brk.start()
            return [(m1, cue1, Sentence(sent.start, cut, text[sent.start:cut])), (m2, cue2, sent)]
    return [(m1, cue1, sent)]


def find_directives(text: str, title: str | None = None, published: str | None = None,
                    mentions_found: list[Mention] | None = None,
                    sentences: list[Sentence] | None = None) -> list[Draft]:
    """All directives in one document, as drafts with exact character spans.

    ``mentions_found``: the document's authority mentions when already known (the
    gazetteer component finds them once for the whole text)."""
    given_title = title  # only a title the caller knows marks a headline to skip
    title = title if title is not None else text.split("\n", 1)[0]
    sents = sentences if sentences is not None else split_sentences(text)
    drafts: list[Draft] = []
    current: Draft | None = None
    idle = 0
    people: list[Mention] = []  # persons named so far, for "ông Thắng yêu cầu" later
    bodies: list[Mention] = []  # bodies named so far, for "Sở đã yêu cầu" later
    by_sentence = _mentions_by_sentence(sents, mentions_found) if mentions_found is not None else None
    # A headline repeats the article's lead ("Phó Thủ tướng yêu cầu làm rõ vụ ..."): its
    # words are not the order's own, so the directive is read from the body.
    headline_end = _headline_end(text, given_title)
    for i_sent, sent in enumerate(sents):
        if sent.end <= headline_end:
            continue
        mentions = by_sentence[i_sent] if by_sentence is not None else find_mentions(text, sent.start, sent.end)
        # (this sentence's bodies too: "Theo báo cáo của Sở VH-TT, Sở đã ..."; _head_cue
        # skips those named after its anaphor)
        bodies.extend(m for m in mentions if m.org_head)
        pairs = _subject_cue(sent, text, mentions)
        if not pairs:
            pairs = (_named_cue(sent, text, people) or _head_cue(sent, text, bodies)
                     or _speaker_body_cue(sent, text, mentions))
        pairs = [(_conveyed(sent, text, m, mentions), cue) for m, cue in pairs]
        people.extend(m for m in mentions if m.person and (m.role or m.org_head))
        handled = False
        for mention, cue, clause in _clauses(text, sent, pairs):
            if _asks_no_subordinate(mention, text, cue.end(), cue.group()):
                # "Ông Trần Châu đã đề nghị Thủ tướng chỉ đạo ...", "Sở ... đề nghị UBND thành
                # phố chỉ đạo: ...": a request upward is no directive of the one asking, and
                # its sentence must not lend the span model a directive to fill.
                handled = True
                break
            d = _same_person_draft(text, mention, drafts) or next(
                (x for x in drafts if _compatible(x, mention)
                 and not (_body_and_official(x.issuer, mention) and _reported_past(text, sent, mention, cue))), None)
            if d is not None and _new_occasion(d, text, clause, cue, mention):
                d = None
            if d is None:
                d = Draft(issuer=mention)
                drafts.append(d)
            elif (mention.info > d.issuer.info and not (_prime_minister(d.issuer) and _ministry(mention))
                  or _speaks_for(mention, d.issuer)):
                # (a ministry in the Prime Minister's list of orders, "Bộ Công an chỉ đạo ...",
                # is told to act; it never becomes the issuer of his directive)
                d.issuer = mention
            d.mentions.append(mention)
            d.sentences.append(clause)
            d.cues.append(cue.group())
            d.dates.update(_DATE_IN.findall(clause.text))
            # where the speaker stands in this sentence: the mention, or "ông Tuấn" before
            # the cue when the mention is the person's earlier, fuller one (``_named_cue``)
            here = mention.start if clause.start <= mention.start < clause.end else _speaker_start(text, clause, cue)
            # '... nhiệm vụ", ông Phạm Anh Tuấn yêu cầu.': a quote that opened sentences
            # earlier closes right before its speaker
            # (an order verb only: what one "nhấn mạnh" or "lưu ý" in quotes is often a view)
            closing = cue.group().lower() in _ORDER_WORDS and _QUOTE_CLOSES.search(text, clause.start, here)
            _quoted_orders(d, text, clause, here, quote_optional=bool(closing))
            if closing:
                _quote_opened_before(d, text, sents, i_sent, here)
            _parse_clause(d, text, clause, cue, cue.end())
            _instrument(d, text, clause, published)
            current, idle, handled = d, 0, True
        if handled:
            continue
        speech = _speech_opening(sent, text, mentions)
        if speech is not None:
            mention, said = speech
            d = next((x for x in drafts if _compatible(x, mention)), None)
            if d is None:  # kept only if orders follow (drafts without measures are dropped)
                d = Draft(issuer=mention)
                drafts.append(d)
            d.mentions.append(mention)
            if said is not None:
                d.sentences.append(sent)
                _parse_clause(d, text, sent, said, said.end())
            current, idle = d, 0
            continue
        pc = _person_cue(sent, text, drafts) if drafts else None
        if pc:
            d, cue = pc
            if d.measures and _TIME_OPENER.match(text, sent.start, cue.start()):
                # "Trước đó, ông Thơ cũng đã có ý kiến giao ...": the same person on an
                # earlier occasion, as for a named subject (``_new_occasion``)
                d = Draft(issuer=d.issuer, mentions=[d.issuer], province=d.province)
                drafts.append(d)
            d.sentences.append(sent)
            _parse_clause(d, text, sent, cue, cue.end())
            _quoted_orders(d, text, sent, cue.start(), quote_optional=True)
            if cue.group().lower() in _ORDER_WORDS:
                _quote_opened_before(d, text, sents, i_sent, _speaker_start(text, sent, cue))
            current, idle = d, 0
            continue
        anaphor = _anaphor_cue(sent, text) if current is not None or drafts else None
        if anaphor is not None:
            d = current or drafts[-1]
            d.sentences.append(sent)
            d.cues.append(anaphor.group())
            _parse_clause(d, text, sent, anaphor, anaphor.end())
            current, idle = d, 0
            continue
        if current is not None and _filler(sent):
            continue  # photo captions and bylines do not end a directive's context
        speaker = _speaker(sent, drafts) if drafts else None
        if speaker is not None:
            current, idle = speaker, 0
        if current is not None and idle <= _IDLE_MAX:
            lead = _lead_cue(text, sent)
            if lead is not None:
                current.sentences.append(sent)
                _parse_clause(current, text, sent, lead, lead.end())
                idle = 0
                continue
            start = _continuation(text, sent)
            if start is not None:
                current.sentences.append(sent)
                _parse_clause(current, text, sent, None, start)
                idle = 0
                continue
            if _report_due(current, text, sent):
                idle = 0
                continue
            addr = _addressee_sentence(current, text, sent, mentions, right_after=idle == 0)
            if addr:
                idle = 0
                continue
            idle += 1
        elif current is not None:
            current = None
    doc_prov: list[str | None] = []  # counted once, and only when a directive needs it
    every = mentions_found  # the document's mentions, found once if a directive needs them
    kept = []
    for d in drafts:
        if not d.measures:
            continue
        d.addressees = [a for a in d.addressees if plausible_addressee(a.text)]
        _cited_in_sentences(d, text, published)
        if every is None:
            every = find_mentions(text)
        d.issuer = _fullest_issuer(d, every)
        d.province = d.issuer.province or next((m.province for m in d.mentions if m.province), None)
        if d.province is None and d.issuer.level in {"province", "district", "commune", "other", None}:
            if not doc_prov:
                doc_prov.append(_doc_province(text, title))
            d.province = doc_prov[0]
        kept.append(d)
    return kept


def _fullest_issuer(d: Draft, every: list[Mention]) -> Mention:
    """ANNOTATION.md: the issuer as written at its fullest mention, which may be in a
    sentence that orders nothing ("Phó Thủ tướng ... - Chủ tịch Ủy ban ... đã tới ...")."""
    a = d.issuer
    if a.person:
        fuller = [m for m in every if m.person == a.person and m.info > a.info
                  and _compatible(d, m, same_person=True)]
        return max(fuller, key=lambda m: m.info) if fuller else a
    if a.role:
        # "Chủ tịch UBND thành phố đã giao ..." in an article that names him once
        # ("Huỳnh Đức Thơ, Chủ tịch UBND TP Đà Nẵng"): the one person holding that title
        holders = [m for m in every if m.person and m.role and (m.role == a.role or m.role.startswith(a.role + " "))
                   and _compatible(d, m)]
        return max(holders, key=lambda m: m.info) if len({m.person for m in holders}) == 1 else a
    if a.org_head and a.admin and not (a.place or a.role or a.person):
        # "UBND thành phố đã giao ..." in an article that names "UBND TP Hà Nội": the one
        # body of that kind and level it names in full
        fuller = [m for m in every if m.admin and m.place and not m.role and not m.person
                  and _org_key(m) == _org_key(a) and _admin_key(m.admin) == _admin_key(a.admin)
                  and _compatible(d, m)]
        return fuller[0] if len({key(m.place) for m in fuller}) == 1 else a
    if a.org_head and not (a.admin or a.place) and a.text == a.org_head:
        # a bare "HĐND", "UBND" in an article that names one of them in full ("HĐND TP Đà
        # Nẵng"): the fullest mention, as for a person
        fuller = [m for m in every if m.org_head == a.org_head and (m.admin or m.place)
                  and not m.role and not m.person and _compatible(d, m)]
        return fuller[0] if len({m.text.lower() for m in fuller}) == 1 else a
    return a


_FILLER = re.compile(r"(?:^|\s)Ảnh\s*(?:\d+\.?|:.*)$|^(?:Ảnh|Nguồn|Clip|Video|Xem thêm|Xem tiếp|Đọc thêm)\s*:|^Bình luận\b|^Tin (?:cùng chuyên mục|liên quan)")


def _filler(sent: Sentence) -> bool:
    """A caption, byline or page furniture between the paragraphs of one directive."""
    return bool(_FILLER.search(sent.text)) or (
        len(sent.text.split()) <= 8 and not _rx()["verb"].search(sent.text)
        and not _rx()["cue"].search(sent.text))


# "Vẫn theo ông Tuấn, ...", "Theo Chủ tịch tỉnh, ...": the issuer speaks again.
_ACCORDING = re.compile(r"^(?:[\"“]\s*)?(?:Vẫn theo|Cũng theo|Theo)\s+([^,]{3,60}),")


def _speaker(sent: Sentence, drafts: list[Draft]) -> Draft | None:
    m = _ACCORDING.match(sent.text)
    if not m:
        return None
    who = m.group(1)
    for d in reversed(drafts):
        person = d.issuer.person
        if person and (person in who or re.search(rf"(?:ông|bà)\s+{re.escape(person.split()[-1])}$", who)):
            return d
        if re.search(r"^(?:Chủ tịch|người đứng đầu|lãnh đạo)\s+(?:tỉnh|UBND tỉnh|thành phố|TP)", who, re.IGNORECASE):
            return d
    return None


_HEAD_OPENER = re.compile(
    r"^(?:[\"“]\s*)?(?:(?:Vẫn theo|Cũng theo|Theo)\s+[^,]{3,60},\s*)?"
    r"(?:(?:Đồng thời|Ngoài ra|Bên cạnh đó|Mặt khác|Một mặt|Đặc biệt|Trên cơ sở đó|Cùng với đó|Trước mắt|Về lâu dài|Thời gian tới|Trong thời gian tới|thời gian tới|Trong năm tới|Năm tới|Sắp tới|Tới đây|Trong khi đó|Riêng)\s*,?\s*)*")


def _headline_end(text: str, title: str | None) -> int:
    """End of the headline line when the text opens with it and has a body after it."""
    first = text.split("\n", 1)[0]
    if title and first.strip() == title.strip() and len(first) < 250 and len(text) > len(first) + 200:
        return len(first)
    return 0


def _mentions_by_sentence(sents: list[Sentence], mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped by the sentence that holds them whole (both lists are in text order)."""
    out: list[list[Mention]] = [[] for _ in sents]
    i = 0
    for m in sorted(mentions, key=lambda x: x.start):
        while i < len(sents) and sents[i].end <= m.start:
            i += 1
        if i < len(sents) and sents[i].start <= m.start and m.end <= sents[i].end:
            out[i].append(m)
    return out


# "Các khu du lịch, khách sạn cũng phải ...", "Các cơ sở y tế tuyến tỉnh phải ...": any group
# named as the subject of an obligation while a directive is being reported.
_GROUP_SUBJECT = re.compile(r"(?:Các|Những|Mỗi|Từng|Hai|Ba|[Đđ]ơn vị)\s[^.;:!?\"“”]{2,80}?\s(?:cũng\s+)?(?:phải|cần|không được|chỉ được|được yêu cầu|buộc phải)\s")


def _assignment_sentence(d: Draft, text: str, sent: Sentence, pos: int,
                         mentions: list[Mention]) -> bool:
    """"UBND huyện Châu Phú theo dõi sát diễn biến sạt lở, ...": a plan or công điện lists each
    body's tasks as body + verb, with no "phải"/"cần"; only a named body followed at once by a
    measure verb counts, and no tense marker ("đã", "đang") may sit between them."""
    rx = _rx()
    body = next((m for m in mentions if m.start == sent.start + pos), None)
    if body is None or body.role or body.person:
        return False  # a person acting is news; a body assigned a task is an order
    rest = text[body.end:sent.end]
    lead = re.match(r"[\s,]*(?:(?:và|cùng)\s+[^,;:]{3,60}?\s+)?(?=\S)", rest)
    start = body.end + (lead.end() if lead else 0)
    verb = rx["verb"].match(text, start)
    if not verb or text[start].isupper() or re.match(r"\s+(?:của|này|trên|số|về)(?!\w)", text[verb.end():]):
        return False
    d.addressees.append(Span(body.start, body.end, body.text, "addressee"))
    d.sentences.append(sent)
    _measures_from(d, text, start, sent.end)
    return True


# "Các sở, ngành, đơn vị, địa phương liên hệ, hướng dẫn ...": a plural group of bodies, then
# at once its task, as a plan or letter lists them (no tense marker between).
_GROUP_TASK = re.compile(r"(?:Các|Những)\s+(?:sở|ngành|đơn vị|cơ quan|địa phương|lực lượng|ngân hàng|doanh nghiệp"
                         r"|công ty|trường|bệnh viện|quận|huyện|xã|phường|hội|đoàn)[^.;:!?\"“”]{0,80}?(?=\s\S)")


def _group_assignment(d: Draft, text: str, sent: Sentence, pos: int) -> bool:
    """``_GROUP_TASK`` inside a directive's context: the group is an addressee, what follows
    its first verb the measures. Dev addressees +0.005, measures +0.002, targets +0.006."""
    rx = _rx()
    s = sent.text
    g = _GROUP_TASK.match(s, pos)
    if not g:
        return False
    for v in rx["verb"].finditer(s, pos + 4, min(len(s), pos + 90)):
        head = s[pos:v.start()].rstrip(" ,")
        if re.search(r"(?<!\w)(?:đã|đang|sẽ|vừa|được|bị|chưa|không|có thể|là)(?!\w)", head):
            return False
        if s[v.start()].isupper():
            continue
        if len(head.split()) > 14:
            return False
        d.addressees.append(Span(sent.start + pos, sent.start + pos + len(head), head, "addressee"))
        d.sentences.append(sent)
        _measures_from(d, text, sent.start + v.start(), sent.end)
        return True
    return False


_PASSIVE_CUES = {"được yêu cầu", "được giao", "được chỉ đạo", "được đề nghị"}
# "Tasco Hải Phòng được chỉ đạo khẩn trương giải quyết ...": a named party told what to do
_PASSIVE_SUBJECT = re.compile(rf"[{lx.UPPER}][^,;:.!?\"“”]{{1,60}}?\s+(?:cũng\s+)?(?:{_alt(_PASSIVE_CUES)})\s")


def _addressee_sentence(d: Draft, text: str, sent: Sentence, mentions: list[Mention],
                        right_after: bool = True) -> bool:
    """"UBND các huyện, thị xã cần tăng cường ..." inside a directive's context; ``mentions``
    are the sentence's authority mentions."""
    rx = _rx()
    s = sent.text
    m = _HEAD_OPENER.match(s)
    pos = m.end() if m else 0
    # Sentence-initial capitals ("Các sở", "Ngành") open addressees as well.
    probe = s[:pos] + s[pos:pos + 1].lower() + s[pos + 1:]
    if not (rx["addr_head"].match(s, pos) or rx["addr_head"].match(probe, pos)
            or re.match(r"(?:Hai|Ba|Các|Những)\s+(?:ngành|sở|đơn vị|cơ quan|lực lượng|địa phương)|[Hh]ọ\s", s[pos:])
            or _GROUP_SUBJECT.match(s, pos) or _PASSIVE_SUBJECT.match(s, pos)):
        return False
    mod = rx["modal"].search(s, pos, min(len(s), pos + 160))
    if not mod or mod.start() - pos < 3:
        # a group with its task only right after an order: further on it is often a report
        # ("Qua kiểm tra, ... Các đơn vị thực hiện việc phân công ...")
        return _assignment_sentence(d, text, sent, pos, mentions) or (
            right_after and _group_assignment(d, text, sent, pos))
    addr_text = s[pos:mod.start()].rstrip(" ,")
    if re.search(r"(?<!\w)sẽ(?!\w)", addr_text):
        return False  # "Công an tỉnh sẽ tiếp tục điều tra": a promise, not an order
    end = _SUBJECT_END.search(addr_text + " ")
    if end:  # "UBND quận Đồ Sơn cũng phải ...": the adverb is not part of the body
        addr_text = addr_text[:end.start()].rstrip(" ,")
    if rx["cue"].search(addr_text) or len(addr_text.split()) > 30:
        return False
    if re.match(r"(?:Trường hợp|Nếu|Khi|Mỗi người)(?!\w)", addr_text):
        return False
    if rx["verb"].match(addr_text):  # "Tổ chức trực ban ...": an order opens the sentence, not a body
        d.sentences.append(sent)
        _measures_from(d, text, sent.start + pos, sent.end)
        return True
    if addr_text.lower() not in {"họ", "họ cũng"}:  # a pronoun orders, but names no one
        d.addressees.append(Span(sent.start + pos, sent.start + pos + len(addr_text), addr_text, "addressee"))
    d.sentences.append(sent)
    # "các bến phà được yêu cầu xây dựng ...": the order is what follows the passive cue
    _measures_from(d, text, sent.start + (mod.end() if mod.group() in _PASSIVE_CUES else mod.start()), sent.end)
    return True


def _cited_in_sentences(d: Draft, text: str, published: str | None) -> None:
    """References cited anywhere in the directive's sentences, not only beside its cue:
    "UBND các huyện ... triển khai thực hiện Thông báo số 151/TB-UBND ..." cites one too."""
    seen = {x.number for x in d.references} | ({d.instrument.number} if d.instrument else set())
    for start, end in sorted({(s.start, s.end) for s in d.sentences}):
        for r in find_refs(text, start, end, published):
            if r.number and r.number not in seen:
                d.references.append(r)
                seen.add(r.number)


def _letter_of_issuer(text: str, sent: Sentence, r: DocRef, issuer: Mention) -> bool:
    """"Văn bản số 5816/UBND-TKBT, ngày 10/11/2016, của UBND Thành phố giao ...": the
    numbered letter named right before "của" and the issuer is the issuer's own."""
    return (r.end <= issuer.start and issuer.start - r.end <= 40
            and bool(_LETTER_OF.search(text[max(sent.start, r.start - 1):issuer.start])))


def _instrument(d: Draft, text: str, sent: Sentence, published: str | None) -> None:
    refs = find_refs(text, sent.start, sent.end, published)
    rx = _rx()
    for r in refs:
        if r.issuer and d.instrument is None and r.start > d.mentions[-1].end:
            d.references.append(r)
            continue
        near = r.start - d.mentions[-1].end
        if d.instrument is None and -5 <= near <= 60 and r.start < (sent.end) and r.type in lx.INSTRUMENT_TYPES:
            d.instrument = r
        elif d.instrument is None and r.number and _letter_of_issuer(text, sent, r, d.mentions[-1]):
            d.instrument = r
        elif r is not d.instrument and r.number and all(x.number != r.number for x in d.references):
            d.references.append(r)
    if d.instrument is None and d.instrument_type is None:
        if rx["meeting"].search(sent.text):
            d.instrument_type = "cuộc họp"
        elif any(c in {"yêu cầu", "chỉ đạo", "giao", "lưu ý", "nhấn mạnh", "đề nghị", "có ý kiến chỉ đạo"} for c in d.cues):
            d.instrument_type = "ý kiến chỉ đạo"


# A time limit cut after its opening words ("chậm nhất là" from the span model): the date
# that follows completes it; without one it says nothing.
_BARE_LIMIT = re.compile(r"(?:chậm nhất|muộn nhất|hạn chót|không muộn hơn)(?:\s+là)?", re.IGNORECASE)
_LIMIT_DATE = re.compile(
    r"\s+(?:là\s+)?(?:(?:đến|tới)\s+)?(?:hết\s+)?(?:trước\s+)?(?:(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
    r"|(?:cuối\s+)?(?:tháng|quý|quí|năm)\s+(?:\d{1,2}(?:/\d{4})?(?!\d)|[IV]+(?:/\d{4})?|\d{4}|này))")


def complete_deadline(text: str, dl: Span) -> Span | None:
    """``dl`` with its date when it stops at "chậm nhất (là)"; None when no date follows."""
    if not _BARE_LIMIT.fullmatch(dl.text.strip()):
        return dl
    date = _LIMIT_DATE.match(text, dl.end)
    if date is None:
        return None
    return Span(dl.start, date.end(), text[dl.start:date.end()], dl.label)


def _longest_apart(spans: list[Span]) -> list[Span]:
    """Overlapping spans reduced to the longest of them, in text order."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda x: x.end - x.start, reverse=True):
        if not overlaps_any(sp.start, sp.end, out):
            out.append(sp)
    return sorted(out, key=lambda x: x.start)


def _first_of_each(spans: list[Span]) -> list[Span]:
    """Spans with the same words once: a text that repeats a deadline or a body ("trước ngày
    15/6" after each of four measures) still names one (ANNOTATION.md lists each once)."""
    seen: set[str] = set()
    out = []
    for sp in spans:
        k = " ".join(sp.text.lower().split())
        if k not in seen:
            seen.add(k)
            out.append(sp)
    return out


def to_schema(d: Draft, text: str, published: str | None = None) -> dict:
    """A draft as the JSON of directive.schema.json, plus offsets for every span."""
    prov_legacy = None if d.issuer.level == "central" else d.province
    prov_current = places.legacy_to_current(prov_legacy) if prov_legacy else None
    inst = None
    if d.instrument:
        inst = {"type": d.instrument.type, "number": d.instrument.number, "date": d.instrument.date}
    elif d.instrument_type:
        inst = {"type": d.instrument_type, "number": None, "date": None}
    if inst and inst["date"] is None and inst["type"] in {"ý kiến chỉ đạo", "cuộc họp"} and published:
        inst["date"] = parse_date(text[d.sentences[0].start:d.sentences[0].end], published)
    evidence = sorted({(s.start, s.end) for s in d.sentences})
    issuer = d.issuer
    targets = _first_of_each([trim_target(text, t) for t in d.targets])
    addressees = _first_of_each([trim_addressee(text, a) for a in d.addressees])
    measures = _first_of_each(d.measures)
    completed = (complete_deadline(text, x) for x in d.deadlines)
    deadlines = _first_of_each(_longest_apart([x for x in completed if x is not None]))
    conf = 0.45 + 0.1 * bool(addressees) + 0.15 * bool(issuer.place or prov_legacy) + 0.1 * bool(issuer.role or issuer.org_head) + 0.1 * min(len(measures), 3) / 3
    return {
        "issuer": {
            "text": issuer.text, "role": issuer.role,
            "organization": organization_of(issuer, prov_legacy), "person": issuer.person,
            "level": issuer.level,
        },
        "province": {"legacy": prov_legacy, "current": prov_current},
        "instrument": inst,
        "references": [{"type": r.type, "number": r.number, "date": r.date, "issuer": r.issuer}
                       for r in d.references],
        "addressees": [a.text for a in addressees],
        "measures": [{"text": m.text, "category": m.category or "other"} for m in measures],
        "targets": [t.text for t in targets],
        "deadlines": [x.text for x in deadlines],
        "evidence": [{"start": s, "end": e} for s, e in evidence],
        "confidence": round(min(conf, 0.95), 2),
        "offsets": {
            "issuer": [issuer.start, issuer.end],
            "addressees": [[a.start, a.end] for a in addressees],
            "measures": [[m.start, m.end] for m in measures],
            "targets": [[t.start, t.end] for t in targets],
            "deadlines": [[x.start, x.end] for x in deadlines],
        },
    }


def letter_directive(text: str, letter: Letter, published: str | None = None) -> Draft | None:
    """The one directive of an official letter: issuer, number and addressees from the layout,
    measures from the body's clauses and bullets."""
    s, e = letter.issuer_span
    org = letter.organization
    prov = None
    words = org.split()
    for n in range(len(words), 0, -1):
        prov = places.canonical_legacy(" ".join(words[-n:]))
        if prov:
            break
    level = "central" if org.startswith(("Bộ", "Chính Phủ", "Văn Phòng Chính Phủ", "Thủ Tướng")) else (
        "district" if " huyện " in f" {org} " or " quận " in f" {org} " else "province")
    issuer = Mention(s, e, text[s:e], role=letter.signer_role, org=org, org_head=org, place=None,
                     person=letter.signer_person, level=level, province=prov)
    d = Draft(issuer=issuer, mentions=[issuer])
    d.instrument = DocRef(s, e, letter.type, letter.number, letter.date)
    for a_s, a_e in letter.addressees:
        d.addressees.append(Span(a_s, a_e, text[a_s:a_e], "addressee"))
    b_s, b_e = letter.body
    for sent in split_sentences(text):
        if sent.start < b_s or sent.end > b_e:
            continue
        cue = _rx()["cue"].search(text, sent.start, sent.end)
        cont = _continuation(text, sent)
        if cue:
            d.sentences.append(sent)
            _parse_clause(d, text, sent, cue, cue.end())
        elif cont is not None:
            d.sentences.append(sent)
            _parse_clause(d, text, sent, None, cont)
        for r in find_refs(text, sent.start, sent.end, published):
            if r.number and r.number != letter.number and all(x.number != r.number for x in d.references):
                d.references.append(r)
    d.province = prov
    return d if d.measures else None
