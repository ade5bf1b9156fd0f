"""One issuer or two, one occasion or two: when a mention joins a directive already found."""
from __future__ import annotations

import re
from collections import Counter

from nlp import lexicon as lx
from nlp import places
from nlp.mentions import Mention
from nlp.references import DocRef, find_refs
from nlp.rules.base import Draft
from nlp.sentences import Sentence
from nlp.textnorm import key


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
