"""Who gives an order: the subject of a cue verb, a speaker, an anaphor."""
from __future__ import annotations

import re
from dataclasses import replace

from nlp import lexicon as lx
from nlp import places
from nlp.mentions import Mention
from nlp.rules.base import Draft, _alt, _rx
from nlp.rules.requests import _TO_SUPERIOR
from nlp.sentences import Sentence

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


def _clause_and(text: str, sent: Sentence, m: Mention, mentions: list[Mention]) -> bool:
    """"... gây xôn xao dư luận và Tỉnh uỷ Hậu Giang đã chỉ đạo ...": "và" joins two clauses,
    not two bodies, when no authority (or a name) ends right before it."""
    joined = re.search(r"[a-zà-ỹđ]{2,}(\s+và\s+)$", text[max(sent.start, m.start - 30): m.start])
    if not joined:
        return False
    cut = m.start - len(joined.group(1))  # where the word before "và" ends
    return not any(cut - 3 <= o.end <= cut for o in mentions if o is not m)


_TOLD_BEFORE = re.compile(r"(?<!\w)(?:đề nghị|yêu cầu|giao(?: cho)?|chỉ đạo|kiến nghị)\s*$")


_LIST_JOIN = re.compile(r"\s*(?:,|và)\s*")


def _list_heads(text: str, mentions: list[Mention]) -> dict[int, Mention]:
    """For each mention (by ``id``), the first mention of the comma or "và" list it closes
    (itself when alone).

    One pass in text order, each mention taking the head of the nearest mention before it
    when the two are joined: a sentence listing two thousand bodies costs two thousand
    steps, not the two million of walking back from each.
    """
    heads: dict[int, Mention] = {}
    done: list[Mention] = []
    for m in sorted(mentions, key=lambda o: o.start):
        # the latest-starting mention that ends before this one (overlaps are skipped)
        prev = next((o for o in reversed(done) if o.end <= m.start), None)
        joined = prev is not None and _LIST_JOIN.fullmatch(text, prev.end, m.start)
        heads[id(m)] = heads[id(prev)] if joined else m
        done.append(m)
    return heads


# "vì vậy UBND tỉnh phải chỉ đạo ...": a conclusion drawn about what a body must do
_THEREFORE = re.compile(r"(?:vì vậy|vì thế|do đó|do vậy|cho nên|đặc biệt là)\s*,?\s*$", re.IGNORECASE)


def _subject_cue(sent: Sentence, text: str, mentions: list[Mention]) -> list[tuple[Mention, re.Match[str]]]:
    """(mention, cue) pairs where the mention is the subject of the cue verb."""
    out = []
    rx = _rx()
    heads = _list_heads(text, mentions)
    for m in mentions:
        before = text[max(sent.start, m.start - 25): m.start]
        head = heads[id(m)]
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
        if _ASSIGNED.search(gap):
            # "Sở Nội vụ được giao ...", "Phó chủ tịch ... được phân công trực tiếp chỉ đạo
            # ...": the mention is ordered, not ordering
            continue
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
                and rx["verb"].match(text, cue.end() + 1) and not _LEADERS_OF.match(text, cue.end())):
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


# "Sở Nội vụ được ...", "Phó chủ tịch ... được phân công trực tiếp ..." right before the cue
_ASSIGNED = re.compile(r"(?<!\w)(?:được|bị)(?:\s+(?:phân công|giao|cử|chỉ định|yêu cầu|đề nghị|ủy quyền|uỷ quyền)"
                       r"(?:\s+(?:trực tiếp|làm|là|tham gia))*)?\s*$")


# "đề nghị lãnh đạo các sở, ngành ...": the leaders told, not the verb "lãnh đạo" (to lead)
_LEADERS_OF = re.compile(r"\s+lãnh đạo\s+(?:các|những|mỗi|từng|[Ss]ở|UBND|[Uu]ỷ ban|[Ủủ]y ban|ngành|cơ quan|đơn vị|địa phương"
                         r"|quận|huyện|thị xã|xã|phường)(?!\w)")


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
