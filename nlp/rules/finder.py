"""The directive finder: one pass over a document's sentences, drafts kept by (issuer, occasion)."""
from __future__ import annotations

import re

from nlp import lexicon as lx
from nlp.mentions import Mention, find_mentions
from nlp.references import DocRef, find_refs
from nlp.rules.arguments import plausible_addressee
from nlp.rules.base import Draft, _rx
from nlp.rules.clauses import (
    _ORDER_WORDS,
    _QUOTE_CLOSES,
    _addressee_sentence,
    _continuation,
    _lead_cue,
    _parse_clause,
    _quote_opened_before,
    _quoted_orders,
    _report_due,
    _speaker_start,
)
from nlp.rules.issuers import (
    _DATE_IN,
    _TIME_OPENER,
    _body_and_official,
    _compatible,
    _doc_province,
    _fullest_issuer,
    _ministry,
    _new_occasion,
    _prime_minister,
    _reported_past,
    _same_person_draft,
)
from nlp.rules.requests import _asks_no_subordinate
from nlp.rules.subjects import (
    _LETTER_OF,
    _anaphor_cue,
    _conveyed,
    _head_cue,
    _named_cue,
    _person_cue,
    _speaker_body_cue,
    _speaks_for,
    _speech_opening,
    _subject_cue,
)
from nlp.sentences import Sentence, split_sentences

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
        lead = _lead_cue(text, sent) if i_sent > 0 else None
        subject = None
        if lead is not None and lead.group().lower() in {"yêu cầu", "giao", "chỉ đạo"}:
            prev = sents[i_sent - 1]
            subject = _previous_subject(text, prev, by_sentence[i_sent - 1] if by_sentence is not None
                                        else find_mentions(text, prev.start, prev.end))
        if subject is not None and (current is None or idle > _IDLE_MAX or not _compatible(current, subject)):
            # "Phó Thủ tướng ... đã gửi lời chia buồn tới gia đình các nạn nhân. Yêu cầu Chủ
            # tịch UBND tỉnh ...": the order without a subject is the one just named
            d = next((x for x in drafts if _compatible(x, subject)), None)
            if d is None:
                d = Draft(issuer=subject)
                drafts.append(d)
            d.mentions.append(subject)
            d.sentences.append(sent)
            d.cues.append(lead.group())
            _parse_clause(d, text, sent, lead, lead.end())
            current, idle = d, 0
            continue
        if current is not None and idle <= _IDLE_MAX:
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


# what may open a sentence before its subject: "Sau khi nhận được thông tin về vụ tai nạn, "
_SUBJECT_OPENING = re.compile(r"(?:[^,.;:!?\"“”]{0,80},\s*)?")


def _previous_subject(text: str, prev: Sentence, mentions: list[Mention]) -> Mention | None:
    """The named official ("Phó Thủ tướng Trương Hòa Bình") who opens ``prev`` as its
    subject, if any. Not a body: a body's sentence before an order is as often a report."""
    first = next((m for m in mentions if m.role or m.org_head), None)
    if first is None or not (first.role and first.person):
        return None
    return first if _SUBJECT_OPENING.fullmatch(text, prev.start, first.start) else None


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
