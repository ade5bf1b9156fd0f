"""Requests that are no orders: a body asking its superior, a peer, another province."""
from __future__ import annotations

import re

from nlp import lexicon as lx
from nlp import places
from nlp.mentions import CENTRAL_CITIES, Mention

# "Bộ Tư lệnh", "Bộ Chỉ huy", "Bộ đội" are military commands and troops, not ministries.
_SUPERIOR = re.compile(r"\s*(?:[Bb]ộ\s(?!Tư lệnh|Chỉ huy|chỉ huy|đội)|Chính phủ|Thủ tướng|Trung ương|Quốc hội|Văn phòng Chính phủ"
                       r"|Thanh tra Chính phủ|các [Bb]ộ)")
_TO_SUPERIOR = re.compile(
    r"\s*(?:số\s+\S+\s+)?gửi\s+(?:Thủ tướng|Chính phủ|Bộ\s|Văn phòng Chính phủ|Quốc hội|Trung ương|Cục\s|Tổng cục\s)")


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
