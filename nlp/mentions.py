"""Authority mentions: roles, organisations, persons and places, resolved to a province.

A mention is the longest run like "Chủ tịch UBND tỉnh Kiên Giang Lâm Minh Thành",
"Ông Trần Việt Trường, Chủ tịch UBND TP Cần Thơ", "UBND tỉnh", "Sở Y tế Hà Nội".
Places inside the run are split from person names with the province/district gazetteer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp import lexicon as lx
from nlp import places
from nlp.textnorm import key

CAP = rf"[{lx.UPPER}][\w]*"
# A name or a place never runs across a line break: the headline's last word and the body's
# first ("... tại TP. HCM" / "Phó thủ tướng ...") are two runs.
_SP = r"[^\S\n]"
_CAP_RUN = re.compile(rf"(?:{CAP}|TP\.?HCM|HCM)(?:(?:{_SP}+|{_SP}*-{_SP}*){CAP})*")
CENTRAL_CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Thừa Thiên Huế"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    role: str | None = None
    org: str | None = None  # as written, e.g. "UBND tỉnh" or "UBND tỉnh Kiên Giang"
    org_head: str | None = None  # "UBND", "Tỉnh ủy", "Sở Y tế", "Chính phủ"
    admin: str | None = None  # "tỉnh", "huyện", ...
    place: str | None = None  # place name as written
    person: str | None = None
    level: str | None = None
    province: str | None = None  # canonical legacy name when known
    extras: dict = field(default_factory=dict)

    @property
    def info(self) -> int:
        """How much the mention says: used to keep the fullest one."""
        return sum(bool(x) for x in (self.role, self.org_head, self.place, self.person)) * 10 + len(self.text) // 10


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _department_spellings() -> list[str]:
    """Department names as the press writes them: any case ("Văn hoá thể thao và du lịch"),
    with or without the commas and dashes, both tone placements (hoá/hóa, thuỷ/thủy)."""
    out = set(lx.DEPARTMENTS) | {"Giáo dục", "Văn hóa", "Văn hoá", "Nông nghiệp", "Di sản văn hóa"}
    for name in list(out):
        plain = re.sub(r"\s*[,-]\s*", " ", name)
        out |= {plain, name.replace("hóa", "hoá"), plain.replace("hóa", "hoá"),
                name.replace("thủy", "thuỷ").replace("Thủy", "Thuỷ")}
    # "Văn hóa, Thể thao & Du lịch", "Nông nghiệp & Phát triển nông thôn": "&" for "và"
    out |= {name.replace(" và ", " & ") for name in out if " và " in name}
    return sorted(out)


_NOT_A_HEAD_AFTER = "".join(f"(?<!{w} )" for w in (
    "cơ", "Cơ", "trụ", "Trụ", "toàn", "Toàn", "đi", "cán", "Cán", "nội", "Nội", "đồng", "Đồng", "sơ"))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    roles = _alt(lx.ROLES)
    admins = _alt(lx.ADMIN_PROVINCE + lx.ADMIN_DISTRICT + lx.ADMIN_COMMUNE)
    heads = _alt(lx.ORG_HEADS)
    # "Phòng Giáo dục quận ...", "Phòng GD&ĐT quận Hai Bà Trưng": a district's department
    # (never the "Phòng" of "Hải Phòng")
    # ("cơ sở Y tế", "trụ sở Công an", "toàn bộ Công an tỉnh", "phố đi bộ Nguyễn Huệ", "nội
    # bộ Sở": "sở" and "bộ" closing a word are no department, no ministry)
    named = _NOT_A_HEAD_AFTER + "(?:" + _alt(lx.NAMED_ORG_HEADS) + r")|(?<!Hải )[Pp]hòng(?=\s+(?i:giáo dục|gd|tài nguyên|tn|y tế|văn hóa|văn hoá|vh|kinh tế|lao động|nội vụ|tài chính|tư pháp|quản lý đô thị))"
    # Name of a "Sở/Bộ/Cục X": capitalised words, joined by "và", "&", "-", ","-free.
    depts = f"(?i:{_alt(_department_spellings())})"
    # Name of a "Sở/Bộ/Cục X": a known department, else a capitalised abbreviation run.
    body_name = rf"(?:{depts}|{CAP}(?:\s*[&-]\s*{CAP})*)"
    # "Ban Chỉ đạo Trung ương về phòng, chống thiên tai", "Ban chỉ huy Phòng chống thiên tai
    # và tìm kiếm cứu nạn huyện Si Ma Cai": a steering committee is named by what it fights.
    committee = (r"(?:[Vv]ăn phòng\s+(?:[Tt]hường trực\s+)?)?Ban\s+[Cc]hỉ\s+(?:đạo|huy)(?:\s+[Tt]rung ương)?(?:\s+(?:về\s+)?[Pp]hòng,?\s+chống\s+"
                 r"(?:thiên tai|lụt bão|dịch bệnh|cháy nổ|tội phạm|tham nhũng)"
                 r"(?:\s+và\s+[Tt]ìm kiếm,?\s+[Cc]ứu nạn)?(?:\s+[Tt]rung ương)?)?")
    org = (
        rf"(?:(?:{committee}|{heads})(?:\s+(?:{admins}))?|(?:{named})\s+{body_name}(?:\s+(?:{admins}))?|(?:{admins}))"
    )
    # ("Trương Hòa Bình - Chủ tịch Ủy ban ...": a second title after a dash is no part of a name)
    place = (r"(?:(?:" + _SP + r"+|(?<=\.))(?P<place>(?:TP\.?\s?HCM|HCM|" + CAP + r")(?:(?:" + _SP + r"+|" + _SP + r"*-" + _SP + r"*(?!(?:" + roles + r")(?!\w)))"
             + CAP + r")*))?")
    mention = (
        rf"(?P<pre>(?:(?:[Ôô]ng|[Bb]à)\s+)?(?P<pre_person>{CAP}(?:{_SP}+{CAP}){{1,3}})\s*(?:,|-|–)\s+(?=(?:{roles})))?"
        rf"(?:(?P<role>{roles})(?:\s+(?:[Tt]hường trực|[Cc]hính phủ))*(?:\s+(?P<org>{org})|\s+(?P<dept>{depts}))?"
        rf"|(?P<org_alone>{org}))(?:(?<=\.)|(?!\w))(?:\s*\([{lx.UPPER}][{lx.UPPER}&-]{{1,9}}\))?{place}"
    )
    # Where a mention can begin: a capital (names, most titles and bodies), "ông"/"bà", or
    # the first letter of a lower-case role, body or administrative word. Asked first, it
    # lets the search pass most positions without trying each alternative: the same
    # matches, in about half the time.
    lower_firsts = {w[0] for w in lx.ROLES + lx.ORG_HEADS + lx.NAMED_ORG_HEADS + lx.ADMIN_PROVINCE
                    + lx.ADMIN_DISTRICT + lx.ADMIN_COMMUNE if w and w[0].islower()} | set("ôbvp")
    first = "(?=[" + lx.UPPER + "".join(sorted(lower_firsts)) + "])"
    return {
        "mention": re.compile(first + mention),
        "person_role": re.compile(
            rf"(?:[Ôô]ng|[Bb]à)\s+(?P<person>{CAP}(?:\s+{CAP}){{1,3}})"
        ),
    }


# A place, a facility or a newspaper right before a capitalised run that no "ông"/"bà" opens:
# the run names it ("sân bay Tân Sơn Nhất, Bí thư chỉ đạo ...", "cầu Rồng, ...", "thông tin
# với báo Người Đưa Tin, Chánh Thanh tra tỉnh ..."), not a person.
_PLACE_NOUN_BEFORE = re.compile(
    r"(?<!\w)(?:sân bay|khu vực|khu|cầu|đường|phố|sông|núi|chợ|cảng|bến|hồ|đảo|vịnh|bãi|chùa|đền"
    r"|công viên|dự án|nhà máy|khách sạn|công ty|xã|phường|thị trấn|quận|huyện|tỉnh|thành phố"
    r"|chung cư|tòa nhà|toà nhà|bệnh viện|trường|khu đô thị|làng"
    r"|[Bb]áo|tờ|tạp chí|đài|kênh)\s+$")


@lru_cache(maxsize=1)
def _roles_by_key() -> dict[str, str]:
    return {r.lower(): r for r in lx.BASE_ROLES}


def _canonical_role(role: str) -> str:
    return _roles_by_key().get(role.lower(), role)


def _split_place_person(run: str) -> tuple[str | None, str | None]:
    """"Kiên Giang Lâm Minh Thành" → ("Kiên Giang", "Lâm Minh Thành") using the gazetteer."""
    words = run.replace(" - ", "-").split()
    for n in range(min(len(words), 5), 0, -1):
        head = " ".join(words[:n])
        if places.canonical_legacy(head) or places.provinces_of_district(head):
            rest = " ".join(words[n:]) or None
            if rest and len(rest.split()) < 2:
                rest = None
            return head, rest
    if len(words) >= 4:
        return " ".join(words[:2]), " ".join(words[2:])
    return run, None


_LOCAL_ADMINS = {a.lower() for a in lx.ADMIN_DISTRICT + lx.ADMIN_COMMUNE}


def _local_place_person(run: str) -> tuple[str | None, str | None]:
    """"Tân Hộ Cơ Nguyễn Văn An" -> ("Tân Hộ Cơ", "Nguyễn Văn An"): the place, then the name
    that opens on a family name; a run that opens on one is a name alone."""
    words = run.split()
    if words[0] in lx.SURNAMES:
        return None, run if len(words) >= 2 else None
    for i in range(1, len(words) - 1):
        if words[i] in lx.SURNAMES:
            return " ".join(words[:i]), " ".join(words[i:])
    return run, None


def _level(m: Mention) -> str | None:
    head = (m.org_head or "").lower()
    role = m.role or ""
    if role in lx.CENTRAL_ROLES or head in {"chính phủ", "văn phòng chính phủ", "thanh tra chính phủ",
                                          "bộ chính trị", "ban bí thư", "kiểm toán nhà nước"}:
        return "central"
    if head.startswith(("bộ ", "tổng cục", "ủy ban an toàn", "ủy ban atgt")) or (
            "ban chỉ" in head and "trung ương" in head):
        return "central"
    if head.startswith(("cục ",)) and not m.place:
        return "central"
    admin = (m.admin or "").lower().rstrip(".")
    if m.role and not head and not admin and m.place and places.canonical_legacy(m.place):
        return "province"  # "Chủ tịch Cà Mau": the province's chairman
    if admin in {"xã", "phường", "thị trấn"}:
        return "commune"
    if admin in {"huyện", "quận", "thị xã", "tx"} or head in {"huyện ủy", "huyện uỷ", "quận ủy", "thị ủy"}:
        return "district"
    if admin in {"thành phố", "tp"} and m.place:
        prov = places.canonical_legacy(m.place)
        if prov in CENTRAL_CITIES or (prov and key(prov) == key(m.place)):
            return "province"
        if places.provinces_of_district(m.place):
            return "district"
        return "province"
    if head or admin in {"tỉnh", "thành phố", "tp"} or m.role:
        if head.startswith(("sở ", "chi cục")) or head in {"ubnd", "ủy ban nhân dân", "uỷ ban nhân dân",
                                                           "tỉnh ủy", "tỉnh uỷ", "thành ủy", "thành uỷ", "hđnd",
                                                           "hội đồng nhân dân", "ub nhân dân"} or admin:
            return "province"
        if head.startswith(("công an", "thanh tra tỉnh", "ban thường vụ", "thường trực")):
            return "province"
        return "other"
    return None


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Authority mentions in ``text[start:end]``."""
    end = len(text) if end is None else end
    pat = _patterns()["mention"]
    out: list[Mention] = []
    pos = start
    while pos < end:
        m = pat.search(text, pos, end)
        if not m:
            break
        if m.end() == m.start():
            pos = m.end() + 1
            continue
        role, org = m.group("role"), m.group("org") or m.group("org_alone")
        if not role and not org:
            pos = m.end() + 1
            continue
        # A bare administrative word ("tỉnh", "huyện") is an authority only after a role
        # ("Chủ tịch tỉnh Cà Mau").
        admin_only = org and org.strip().lower().rstrip(".") in {
            a.lower().rstrip(".") for a in lx.ADMIN_PROVINCE + lx.ADMIN_DISTRICT + lx.ADMIN_COMMUNE}
        led = admin_only and not role and _LEADERSHIP_BEFORE.search(text, max(start, m.start() - 10), m.start())
        if admin_only and not role and not led:
            pos = m.end()
            continue
        mention = _build(text, m, admin_only)
        if mention and mention.place is None and mention.person is None and mention.end == m.end():
            _numbered_unit(text, mention, end)
        if mention and mention.role and not mention.org_head and _NOT_AN_AUTHORITY.match(text, m.end("role")):
            pos = m.end()  # "Giám đốc Công ty ...", "Giám đốc Đại học ...": no state authority
            continue
        if mention and led:
            # "lãnh đạo tỉnh Quảng Ninh", "Lãnh đạo thành phố": the leaders of a level of
            # government, written as the press writes them, speak for it.
            mention.start = led.start()
            mention.text = text[mention.start:mention.end]
        if mention and text.endswith("cán ", 0, mention.start) and mention.text.startswith("bộ "):
            pos = mention.start + 3  # "cán bộ Chủ tịch tỉnh": an official, then the title
            continue
        if mention and not _inside_number(text, mention):
            out.append(mention)  # not "2091/UBND-KT": a body's initials inside a document number
            second = _SECOND_TITLE.match(text, mention.end, end) if mention.person and mention.role else None
            if second:
                # "Phó Thủ tướng Trương Hòa Bình - Chủ tịch Ủy ban An toàn giao thông Quốc gia":
                # the national committee a leader chairs is part of how he is named
                mention.end = second.end()
                mention.text = text[mention.start:mention.end]
                pos = second.end()
                continue
            parent = _PARENT_BODY.match(text, mention.end, end) if mention.org_head else None
            if parent:
                # "Cục Di sản văn hóa (Bộ Văn hóa – Thể thao và Du lịch)": the ministry a body
                # belongs to is part of its name, not a second authority
                mention.end = parent.end()
                mention.text = text[mention.start:mention.end]
                pos = parent.end()
                continue
        pos = m.end()
    return out


# Ho Chi Minh City's districts and many wards are numbered: "UBND quận 5", "Chủ tịch UBND
# phường 7" (not "quận 9/2019", "quận 1.500 ...").
_UNIT_NUMBER = re.compile(r"\s+(\d{1,2})(?![\d/.,:-]*\d)(?!\w)")


def _numbered_unit(text: str, mention: Mention, end: int) -> None:
    """Extend a mention of a district or ward by the number that names it."""
    if (mention.admin or "").lower() not in {"quận", "phường"}:
        return
    num = _UNIT_NUMBER.match(text, mention.end, end)
    if num is None:
        return
    mention.end = num.end()
    mention.text = text[mention.start:mention.end]
    if mention.admin.lower() == "quận" and places.provinces_of_district("Quận " + num.group(1)):
        mention.place = "Quận " + num.group(1)


_NOT_AN_AUTHORITY = re.compile(
    r"\s+(?:Công ty|công ty|Tổng công ty|Tập đoàn|Ngân hàng|Đại học|Học viện|Trường|Bệnh viện|HTX|Hợp tác xã)(?!\w)")
_SECOND_TITLE = re.compile(r"\s*[-–]\s*(?:[Pp]hó\s+)?[Cc]hủ tịch\s+(?:Uỷ ban|Ủy ban|Ban|Hội đồng)\s"
                           r"[^,.;:()\"“”\n]{2,60}?(?:[Qq]uốc gia|[Tt]rung ương)(?!\w)")
_PARENT_BODY = re.compile(r"\s*\((?:Bộ|bộ)\s[^()]{2,60}\)")
_LEADERSHIP_BEFORE = re.compile(r"(?<!\w)[Ll]ãnh đạo\s+$")


def _inside_number(text: str, m: Mention) -> bool:
    """The body's abbreviation inside a document number: "Công văn số 2091/UBND-KT"."""
    # (the VNDS texts space them out: "văn bản số 865 / UBND - KTHT")
    return bool(re.search(r"/$|\d\s/\s$", text[max(0, m.start - 4):m.start])) or (
        m.text.isupper() and bool(re.match(r"\s?[-/]\s?[A-ZĐ]", text[m.end:m.end + 4]))
        and bool(re.search(r"\d\s*/\s*$|số\s+$", text[max(0, m.start - 12):m.start])))


def _build(text: str, m: re.Match[str], admin_only: bool) -> Mention | None:
    role, org = m.group("role"), (m.group("org") or m.group("org_alone") or "").strip() or None
    if m.group("dept") and role:
        # "Thứ trưởng Nông nghiệp Hà Công Tuấn": a minister named with his ministry's short name
        org = ("Bộ " if _canonical_role(role) in {"Bộ trưởng", "Thứ trưởng"} else "Sở ") + m.group("dept")
    place_run = m.group("place")
    admin = None
    org_head = None
    if org:
        for a in sorted(lx.ADMIN_PROVINCE + lx.ADMIN_DISTRICT + lx.ADMIN_COMMUNE, key=len, reverse=True):
            if org == a or org.endswith(" " + a):
                admin = a
                org_head = org[: len(org) - len(a)].strip() or None
                break
        else:
            org_head = org
    place, person = (None, None)
    if place_run:
        place, person = _split_place_person(place_run)
        if place and not (places.canonical_legacy(place) or places.provinces_of_district(place)):
            if admin and admin.lower() in _LOCAL_ADMINS:
                # "UBND xã Thiệu Dương", "Chủ tịch UBND huyện Lộc Hà": a ward or district the
                # gazetteer does not list names itself first; a name may follow it
                place, person = _local_place_person(place_run)
            else:
                # Not a place: a person's name right after the role or body
                # ("Thủ tướng Nguyễn Xuân Phúc", "chủ tịch UBND tỉnh Nguyễn Ngọc Hai").
                person, place = (place_run if len(place_run.split()) >= 2 else None), None
    pre = m.group("pre_person")
    untitled = pre is not None and not re.match(r"[Ôô]ng|[Bb]à", m.group("pre"))  # no "ông"/"bà" before it
    if pre and (places.canonical_legacy(pre) or places.provinces_of_district(pre)):
        pre = None  # "... rừng phòng hộ Long Thành, Giám đốc sở ...": a place ends a clause, not a name
    elif untitled and _PLACE_NOUN_BEFORE.search(text, max(0, m.start() - 20), m.start()):
        pre = None  # "khu vực sân bay Tân Sơn Nhất, Bí thư chỉ đạo ...": a named place, not a person
    elif untitled and (pre.split()[0] not in lx.SURNAMES or re.search(r"\b[A-ZĐ]{2,}\b", pre)):
        pre = None  # "Tuổi Trẻ Online, Phó Bí thư ...", "UBND TP Hà Nội, Chủ tịch ...": no name
    if pre:
        person = pre
    if admin_only:
        org_head = None
    start = m.start("pre_person") if pre else (m.start("role") if m.group("role") else m.start("org_alone"))
    end_ = m.end()
    if place_run and person is None and place is None:
        end_ = m.start("place")
    surface = text[start:end_].rstrip(" ,")
    end_ = start + len(surface)
    if not surface or (not role and not org_head and not admin):
        return None
    if role:
        role = _canonical_role(role)
    mention = Mention(start, end_, surface, role=role, org=org, org_head=org_head, admin=admin,
                      place=place, person=person)
    if place:
        prov = places.canonical_legacy(place)
        if not prov:
            cands = places.provinces_of_district(place)
            prov = next(iter(cands)) if len(cands) == 1 else None
        mention.province = prov
    mention.level = _level(mention)
    return mention


def organization_of(m: Mention, province: str | None) -> str | None:
    """The organisation as the gold writes it: "UBND tỉnh Kiên Giang" for "Chủ tịch tỉnh Kiên Giang"."""
    if m.org_head:
        org = m.org_head
        if m.admin:
            org += " " + m.admin
        if m.place:
            org += " " + m.place
        elif m.admin and province and m.level == "province":
            org += " " + province
        return org
    if m.role in {"Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực"} and not m.admin and m.place \
            and m.level == "province":
        admin = "TP" if places.canonical_legacy(m.place) in CENTRAL_CITIES else "tỉnh"
        return f"UBND {admin} {places.canonical_legacy(m.place)}"
    if m.admin and m.role in {"Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực", "Phó Chủ tịch thường trực"}:
        org = "UBND " + m.admin
        place = m.place or (province if m.level == "province" else None)
        return f"{org} {place}" if place else org
    if m.role in {"Thủ tướng", "Phó Thủ tướng", "Phó Thủ tướng Thường trực"}:
        return "Chính phủ"
    return None
