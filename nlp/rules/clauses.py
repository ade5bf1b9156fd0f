"""Reading the clause after a cue: who is told, what they are told, and the sentences that go on."""
from __future__ import annotations

import re

from nlp import lexicon as lx
from nlp.classify import classify
from nlp.mentions import Mention, find_mentions
from nlp.rules.arguments import (
    _PURPOSE,
    _SUBJECT_END,
    _add_measure,
    _measures_from,
    _scan_addressee,
    day_of_the_news,
)
from nlp.rules.base import _PASSIVE_CUES, Draft, Span, _alt, _rx, overlaps_any
from nlp.rules.requests import _SUPERIOR, _asks_no_subordinate
from nlp.sentences import Sentence

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
        if day_of_the_news(text, sent.start, dl.start(), dl.end()):
            continue  # "Cũng trong ngày 6/2, Thứ trưởng ...": the day of the news, not a time limit
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


_HEAD_OPENER = re.compile(
    r"^(?:[\"“]\s*)?(?:(?:Vẫn theo|Cũng theo|Theo)\s+[^,]{3,60},\s*)?"
    r"(?:(?:Đồng thời|Ngoài ra|Bên cạnh đó|Mặt khác|Một mặt|Đặc biệt|Trên cơ sở đó|Cùng với đó|Trước mắt|Về lâu dài|Thời gian tới|Trong thời gian tới|thời gian tới|Trong năm tới|Năm tới|Sắp tới|Tới đây|Trong khi đó|Riêng)\s*,?\s*)*")


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
