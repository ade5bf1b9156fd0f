"""The spans of an order: measures, addressees, targets and deadlines, cut and trimmed."""
from __future__ import annotations

import re

from nlp import lexicon as lx
from nlp.classify import classify
from nlp.mentions import find_mentions
from nlp.rules.base import Draft, Span, _alt, _rx, overlaps_any

# Where a measure's purpose begins ("... để đảm bảo ..."): not "triệt để", nor "để" in a
# condition ("chịu trách nhiệm nếu để ...", "khi để cấp dưới vi phạm ...").
_PURPOSE = re.compile(r"(?<!không)(?<!chưa)(?<!tránh)(?<!không được)(?<!triệt)(?<!nếu)(?<!khi)(?<!nào)(?<!mà)"
                      r"\s+(?:để|nhằm|với mục đích|với mục tiêu)\s")


# A clause that turns away from the order: a condition, a contrast, a consequence.
_TURN = re.compile(r",\s*(?:khi|nếu|nhưng|song|trong khi|mặc dù|dù)\s|\s(?:nhưng|thì)\s")


_DIRECTING_WORK = re.compile(r"chỉ đạo\s+(?:công tác|việc|các hoạt động|hoạt động|quyết liệt|sát sao|chặt chẽ|thực hiện)(?!\w)")


def _clean_measure(text: str, start: int, end: int) -> tuple[int, int] | None:
    rx = _rx()
    # strip bullets, quotes and prefixes (phải, cần, khẩn trương, ...)
    changed = True
    while changed and start < end:
        changed = False
        seg = text[start:end]
        for pat in (rx["bullet"], rx["opener"], rx["prefix"]):
            m = pat.match(seg)
            if pat is rx["prefix"] and m and _DIRECTING_WORK.match(seg):
                break  # "chỉ đạo công tác cứu hộ, cứu nạn": directing the work is the order
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
    named = -1  # where the last verb read as part of a body's name ends
    for v in rx["verb"].finditer(text, pos + 1, end):
        before = text[max(pos, v.start() - 12): v.start()]
        if named > 0 and re.fullmatch(r"\s*(?:và|&|-|–)\s*", text[named:v.start()]):
            named = v.end()
            continue  # "Ban xúc tiến và hỗ trợ đầu tư", "Viện Nghiên cứu và phát triển": one name
        named = v.end()
        # ("Hải Phòng", "Bệnh viện", "các sở" end names; a verb after them is the order)
        if re.search(r"(?:[Bb]an|[Đđ]ội|[Cc]ục|(?<!Hải )[Pp]hòng|[Tt]rung tâm|(?<!các )(?<!những )[Ss]ở|(?<![Bb]ệnh )[Vv]iện)\s+$", before):
            continue
        if re.search(r"Kế hoạch\s*(?:-|–|và|&)\s*$", before):
            continue  # "Sở Kế hoạch - đầu tư", "Sở Kế hoạch và đầu tư": the name goes on
        if re.search(r"(?:[Nn]ghiên|[Tt]ra)\s+$", before):
            continue  # "Viện Nghiên cứu và phát triển": "cứu" is half of a word, not an order
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
    off = _TRAILING_OFF.search(text, t.start, end)
    if off is not None and off.start() > t.start:
        end = off.start()
    if end == t.end:
        return t
    return Span(t.start, end, text[t.start:end], t.label)


# Where an addressee span runs on into its order: a lowercase order verb (or a time limit)
# right after a name's last word ("Cty Thoát nước ... Đà Nẵng kiểm tra sửa chữa ...",
# "UBND huyện Long Thành chậm nhất là ...", "các ngành chức năng của thành phố duy tu ...").
_ADDRESSEE_RUNS_ON = re.compile(
    rf"(?<![Nn]ghiên) (?=(?:(?:{_alt(lx.MEASURE_VERBS)})(?!\w)|chậm nhất|khẩn trương|phải|cần|sớm))")
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
    return [m for m in measures if not _VERB_AS_NOUN.match(text, m.start, m.end)
            and not _STATEMENT.search(text, m.start, m.end)]


# "Xác định trách nhiệm ... có ý nghĩa quan trọng, thời gian qua, cấp ủy ... đã ban hành ...":
# a view of what matters and a report of what was done, not an order. (Only inside the
# measure: a sentence that opens on "thời gian qua," often goes on to real orders; measured.)
# Nor is a finding ("Thống kê sơ bộ cho thấy ...", "Khảo sát độc giả ... cho thấy, hơn 50% ...")
# or a piece of news ("Thông tin ban đầu, ...", "Thông tin trước đó, ...").
_STATEMENT = re.compile(r"(?<!\w)(?:có ý nghĩa(?: rất)? quan trọng|thời gian qua,|cho thấy"
                        r"|[Tt]hông tin (?:ban đầu|trước đó)\s*,)")


def specific_target(span: str) -> bool:
    """ANNOTATION.md wants no generic objects as targets. One bare noun ("vi phạm", "dự án",
    "người dân", "vụ việc") was right 6 times in 37 on train and dev; three syllables or
    more are right about 40% of the time, as often as targets are found at all."""
    return len(_TRAILING_OFF.sub("", span).split()) > 2 and not _rx()["deadline"].match(span)


# A tagger's target cut mid-clause ends on a connective, which ``trim_target`` drops:
# "công trình xây dựng không", "hộ dân bị ảnh hưởng mà"; "dự án, sau khi" and "vụ việc một
# cách" are then too generic to keep.
_TRAILING_OFF = re.compile(r"(?:[\s,]+(?:không|khi|sau khi|trước khi|một cách|để|và|hoặc|nhằm|mà|thì|nếu|đã|đang|sẽ|bị|được|cũng))+\W*$",
                           re.IGNORECASE)


# A body or official ordered to act is named, not quoted: a span in which someone "cho biết"
# or that stops on a preposition is a clause misread as an addressee by the span model
# ("Lãnh đạo Sở GD&ĐT Hà Nội cho hay, theo", "Báo cáo với").
_NOT_ADDRESSEE = re.compile(
    r"(?<!\w)(?:cho hay|cho biết|cho rằng|ghi rõ|khẳng định|nói rõ)(?!\w)"
    # an inspectorate's findings, not a body told to act: "Thanh tra Chính phủ nhận định",
    # "Thanh tra TP kết luận, Sở QHKT chưa ...", "Thanh tra Chính phủ kiến nghị Kiểm toán ..."
    r"|(?<!\w)(?:nhận định|kết luận|kiến nghị)(?!\w)"
    r"|(?<!\w)(?:với|theo|để|là|không|của|tại|từ|về|cho|mà|thì|tới)\W*$"
    # things, not bodies: "yêu cầu một số nội dung liên quan tới ...", "các giải pháp"
    r"|^(?:(?:các|những|một số|mọi)\s+)?(?:nội dung|giải pháp|biện pháp|việc|khoản|vấn đề|trường hợp|giao dịch)(?!\w)"
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


# A sentence that opens on the day things happened and goes on with who acted:
# "Cũng trong ngày 6/2, Thứ trưởng ...", "Trong ngày 18-10, UBND quận ..." (but "“Ngay
# trong ngày 27/6, tôi đề nghị ...", a chairman's own time limit, in quotes and first person).
_NARRATIVE_DAY = re.compile(r"(?:[Cc]ũng\s+)?")
_NAMED_NEXT = re.compile(rf"(?:\s*\d{{1,2}}\s*[./-]\s*\d{{1,2}}(?:\s*[./-]\s*\d{{2,4}})?|\s+hôm nay)?\s*,\s*[{lx.UPPER}]")


def day_of_the_news(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a time phrase, opens its sentence on the day things
    happened ("Cũng trong ngày 6/2, Thứ trưởng ..."), whichever backend found it."""
    return (_NARRATIVE_DAY.fullmatch(text, sentence_start, start) is not None
            and _NAMED_NEXT.match(text, end) is not None
            and re.match(r"(?i)(?:ngay\s+)?trong ngày", text[start:end]) is not None)


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
