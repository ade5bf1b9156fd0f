"""Official letters laid out per Decree 30/2020/NĐ-CP, read straight into a directive.

Layout: issuing body (top left, upper case), "Số: 1526/UBND-NC", national motto, place and
date line, document type heading or "V/v ..." subject, "Kính gửi:" addressees, body,
"Nơi nhận:", signature block (TM./KT./Q. + title + name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.references import parse_date

_NUMBER = re.compile(r"^\s*Số\s*:\s*(?P<num>[\w/.\-&Đđ]+)", re.MULTILINE)
_MOTTO = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|CỘNG\s+HOÀ\s+XÃ\s+HỘI", re.IGNORECASE)
_DATE = re.compile(r"^[^\n]{0,40},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}", re.MULTILINE)
_TYPE = re.compile(r"^\s*(CHỈ THỊ|CÔNG ĐIỆN|KẾ HOẠCH|THÔNG BÁO|QUYẾT ĐỊNH|CÔNG VĂN)\s*$", re.MULTILINE)
_VV = re.compile(r"^\s*V/v\b", re.MULTILINE | re.IGNORECASE)
_KINH_GUI = re.compile(r"^[ \t]*Kính\s+gửi[ \t]*:[ \t]*", re.MULTILINE)
_NOI_NHAN = re.compile(r"^\s*Nơi\s+nhận\s*:", re.MULTILINE)
_SIGN_PREFIX = re.compile(r"^\s*(TM|KT|Q|TL|TUQ)\.\s*(.+)$", re.MULTILINE)
_TITLES = re.compile(r"^\s*(CHỦ TỊCH|PHÓ CHỦ TỊCH|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|BÍ THƯ|PHÓ BÍ THƯ|THỦ TƯỚNG|PHÓ THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|CHÁNH VĂN PHÒNG)\s*$", re.MULTILINE)
_TYPES = {"CHỈ THỊ": "chỉ thị", "CÔNG ĐIỆN": "công điện", "KẾ HOẠCH": "kế hoạch",
          "THÔNG BÁO": "thông báo", "QUYẾT ĐỊNH": "quyết định", "CÔNG VĂN": "công văn"}
_ROLE_CASE = {"CHỦ TỊCH": "Chủ tịch", "PHÓ CHỦ TỊCH": "Phó Chủ tịch", "GIÁM ĐỐC": "Giám đốc",
              "PHÓ GIÁM ĐỐC": "Phó Giám đốc", "BÍ THƯ": "Bí thư", "PHÓ BÍ THƯ": "Phó Bí thư",
              "THỦ TƯỚNG": "Thủ tướng", "PHÓ THỦ TƯỚNG": "Phó Thủ tướng", "BỘ TRƯỞNG": "Bộ trưởng",
              "THỨ TRƯỞNG": "Thứ trưởng", "CHÁNH VĂN PHÒNG": "Chánh Văn phòng"}
_BODY_ABBR = {"ỦY BAN NHÂN DÂN": "UBND", "UỶ BAN NHÂN DÂN": "UBND"}


@dataclass
class Letter:
    issuer_span: tuple[int, int]
    organization: str
    number: str | None
    date: str | None
    type: str
    addressees: list[tuple[int, int]] = field(default_factory=list)
    body: tuple[int, int] = (0, 0)
    signer_role: str | None = None
    signer_person: str | None = None
    signer_span: tuple[int, int] | None = None


def _title_case_place(line: str) -> str:
    words = line.strip().split()
    admin = {"TỈNH": "tỉnh", "THÀNH": "thành", "PHỐ": "phố", "HUYỆN": "huyện", "QUẬN": "quận", "XÃ": "xã",
             "PHƯỜNG": "phường", "THỊ": "thị", "TRẤN": "trấn"}
    return " ".join(admin.get(w, w.capitalize()) for w in words)


def parse_letter(text: str) -> Letter | None:
    """The letter's parts, or None when the text is not laid out as an official letter."""
    head = text[:1500]
    num = _NUMBER.search(head)
    motto = _MOTTO.search(head)
    if not num or not motto:
        return None
    # Issuing body: the upper-case lines before "Số:" that are not the motto.
    lines = []
    for m in re.finditer(r"[^\n]+", head[: num.start()]):
        line = m.group()
        clean = _MOTTO.sub("", line).strip()
        clean = re.sub(r"Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc", "", clean, flags=re.IGNORECASE).strip(" -–")
        if clean and clean.upper() == clean and re.search(r"[A-ZĐ]", clean):
            start = m.start() + line.find(clean)
            lines.append((start, start + len(clean), clean))
    if not lines:
        return None
    body_name = lines[-2][2] + " " + lines[-1][2] if len(lines) >= 2 else lines[-1][2]
    for full, abbr in _BODY_ABBR.items():
        if body_name.startswith(full):
            rest = body_name[len(full):].strip()
            organization = f"{abbr} {_title_case_place(rest)}".strip()
            break
    else:
        organization = body_name.title()
    issuer_span = (lines[-2][0] if len(lines) >= 2 else lines[-1][0], lines[-1][1])
    date_m = _DATE.search(text[:2500])
    date = parse_date(date_m.group()) if date_m else None
    type_m = _TYPE.search(text[:2500])
    typ = _TYPES[type_m.group(1)] if type_m else ("công văn" if _VV.search(text[:2500]) else "văn bản")
    letter = Letter(issuer_span, organization, num.group("num").rstrip("."), date, typ)
    kg = _KINH_GUI.search(text)
    body_start = kg.end() if kg else (type_m.end() if type_m else num.end())
    if kg:
        # Addressees: the rest of the "Kính gửi" line and following "- ..." lines.
        pos = kg.end()
        first = re.match(r"[^\n]*", text[pos:]).group().strip()
        if first:
            s = text.index(first, pos)
            letter.addressees.append((s, s + len(first.rstrip(";.,"))))
        # The "- ..." lines right after it, up to the first blank or other line: a letter
        # taken from a PDF or DOCX often has no blank line before its body, and its "Nơi
        # nhận" list is dashed too.
        seen_item = False
        eol = text.find("\n", pos)  # the rest of the "Kính gửi" line was read above
        while eol != -1 and eol < pos + 1500:
            start = eol + 1
            eol = text.find("\n", start)
            line = text[start: eol if eol != -1 else len(text)]
            item = re.match(r"\s*[-–+]\s*(\S.*)$", line)
            if item is None:
                if line.strip() or seen_item:
                    break
                continue  # blank lines between "Kính gửi:" and its list
            seen_item = True
            s = start + item.start(1)
            letter.addressees.append((s, s + len(item.group(1).rstrip(";.,"))))
            body_start = start + len(line)
    nn = _NOI_NHAN.search(text, body_start)
    body_end = nn.start() if nn else len(text)
    sign = _SIGN_PREFIX.search(text, body_start)
    if sign:
        body_end = min(body_end, sign.start())
    letter.body = (body_start, body_end)
    title = None
    for t in _TITLES.finditer(text, body_start):
        title = t
    if title:
        letter.signer_role = _ROLE_CASE.get(title.group(1), title.group(1).capitalize())
        after = re.search(r"\n\s*\n?\s*([A-ZĐ][\wÀ-ỹ]+(?:\s+[A-ZĐ][\wÀ-ỹ]+){1,3})\s*$", text[title.end(): title.end() + 300], re.MULTILINE)
        if after:
            s = title.end() + after.start(1)
            letter.signer_person = after.group(1)
            letter.signer_span = (s, s + len(after.group(1)))
    return letter
