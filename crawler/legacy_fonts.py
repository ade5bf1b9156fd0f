"""Legacy Vietnamese 8-bit font encodings (TCVN3/ABC, VNI) converted to Unicode NFC.

Before Unicode, Vietnamese documents were typed with fonts (.VnTime for TCVN3, VNI-Times
for VNI) that drew Vietnamese letters in place of Latin-1 glyphs. Read as Latin-1 or
cp1252, such text looks like ``Th¸ng`` (TCVN3) or ``Thaùng`` (VNI). This module maps those
glyph positions back to the letters they drew.

Both functions work on *text*: the legacy bytes decoded one byte to one character with
cp1252 (what a browser shows, and what an HTML page written in UTF-8 around a .VnTime font
contains). ``decode_bytes`` does that first step for raw files.

TCVN3 has only lowercase toned letters: its ".VnTimeH" fonts draw the same codes as
capitals, which the bytes cannot tell apart, so such headings come back in lowercase.
"""
from __future__ import annotations

import re
import unicodedata

# --- TCVN3 (TCVN 5712:1993, VN3 / "ABC") -----------------------------------------------
# One byte per letter. Lowercase toned letters and the seven base capitals.
_TCVN3_PAIRS = {
    "¸": "á", "µ": "à", "¶": "ả", "·": "ã", "¹": "ạ",
    "¨": "ă", "¾": "ắ", "»": "ằ", "¼": "ẳ", "½": "ẵ", "Æ": "ặ",
    "©": "â", "Ê": "ấ", "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ë": "ậ",
    "Ð": "é", "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ñ": "ẹ",
    "ª": "ê", "Õ": "ế", "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Ö": "ệ",
    "Ý": "í", "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Þ": "ị",
    "ã": "ó", "ß": "ò", "á": "ỏ", "â": "õ", "ä": "ọ",
    "«": "ô", "è": "ố", "å": "ồ", "æ": "ổ", "ç": "ỗ", "é": "ộ",
    "¬": "ơ", "í": "ớ", "ê": "ờ", "ë": "ở", "ì": "ỡ", "î": "ợ",
    "ó": "ú", "ï": "ù", "ñ": "ủ", "ò": "ũ", "ô": "ụ",
    "\xad": "ư", "ø": "ứ", "õ": "ừ", "ö": "ử", "÷": "ữ", "ù": "ự",
    "ý": "ý", "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "þ": "ỵ",
    "®": "đ",
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
}
TCVN3_TABLE = str.maketrans(_TCVN3_PAIRS)

# Characters that TCVN3 text is full of (á, à, ạ, ư, đ, â, ê, ô, ơ, ă sit in 0xA0-0xBF)
# and that neither Unicode Vietnamese nor VNI ever uses.
_TCVN3_MARKERS = frozenset("¸µ¶·¹¨©ª«¬®¾»¼½\xad¡¢£¤¥¦§×Þß÷þ")

# --- VNI (VNI-Windows) ------------------------------------------------------------------
# A base letter followed by a mark glyph. Each mark maps to the combining sequence it
# stands for; the result is composed with NFC.
_GRAVE, _ACUTE, _HOOK, _TILDE, _DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
VNI_MARKS = {
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "â": _CIRC, "á": _CIRC + _ACUTE, "à": _CIRC + _GRAVE, "å": _CIRC + _HOOK,
    "ã": _CIRC + _TILDE, "ä": _CIRC + _DOT,
    "ê": _BREVE, "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
}
VNI_MARKS.update({k.upper(): v for k, v in list(VNI_MARKS.items())})
# Letters drawn by a single glyph: i with its tones, ỵ, đ, and the horn vowels ơ/ư
# (which may still take a tone mark after them).
VNI_SINGLE = {
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ñ": "đ", "ô": "ơ", "ö": "ư",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị", "Î": "Ỵ", "Ñ": "Đ", "Ô": "Ơ", "Ö": "Ư",
}
# Which marks each base letter can carry: circumflex on a/e/o, breve only on a,
# tones on everything (including ơ and ư, written ô/ö in VNI).
_VNI_BASES = "aeouyAEOUYôöÔÖ"
_TONE_MARKS = "ùøûõïÙØÛÕÏ"
_VNI_PAIR = re.compile(
    "([aA])([" + "".join(VNI_MARKS) + "])"
    "|([eEoO])([ùøûõïâáàåãäÙØÛÕÏÂÁÀÅÃÄ])"
    "|([uUyYôöÔÖ])([" + _TONE_MARKS + "])"
)
# Glyphs that only VNI puts after a vowel (Unicode Vietnamese never has them).
_VNI_DISTINCT = re.compile("[" + _VNI_BASES + "][øûïäåëüØÛÏÄÅËÜ]")

_VIET_EXTENDED = re.compile("[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")


def tcvn3_to_unicode(text: str) -> str:
    """``tcvn3_to_unicode("Th¸ng 5, Uû ban nh©n d©n")`` → ``"Tháng 5, Uỷ ban nhân dân"``."""
    return unicodedata.normalize("NFC", text.translate(TCVN3_TABLE))


def vni_to_unicode(text: str) -> str:
    """``vni_to_unicode("Thaùng 5, UÛy ban nhaân daân")`` → ``"Tháng 5, Ủy ban nhân dân"``."""

    def pair(m: re.Match[str]) -> str:
        base = m.group(1) or m.group(3) or m.group(5)
        mark = m.group(2) or m.group(4) or m.group(6)
        base = VNI_SINGLE.get(base, base)
        return unicodedata.normalize("NFC", base + VNI_MARKS[mark])

    text = _VNI_PAIR.sub(pair, text)
    text = "".join(VNI_SINGLE.get(ch, ch) for ch in text)
    return unicodedata.normalize("NFC", text)


def detect(text: str) -> str | None:
    """Name the legacy encoding ``text`` was typed in ("tcvn3", "vni") or None.

    Unicode Vietnamese is full of letters above U+00FF (ạ, ơ, ư, đ, ế ...); legacy text
    read as cp1252 has none of them but many glyphs no Vietnamese word contains. A text
    is called legacy only when those glyphs clearly outnumber genuine Unicode letters.
    """
    tcvn = sum(1 for ch in text if ch in _TCVN3_MARKERS)
    vni = len(_VNI_DISTINCT.findall(text))
    best = max(tcvn, vni)
    if best < 3 or len(_VIET_EXTENDED.findall(text)) >= best:
        return None
    return "tcvn3" if tcvn >= vni else "vni"


def convert_lines(text: str) -> tuple[str, str | None]:
    """Convert each line that reads as legacy text, leave the rest: pages often mix a
    Unicode frame with a pasted TCVN3 or VNI document. Returns the text and the legacy
    encoding found on most converted lines (None if no line was converted)."""
    found: dict[str, int] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        encoding = detect(line)
        if encoding:
            lines[i] = to_unicode(line, encoding)
            found[encoding] = found.get(encoding, 0) + 1
    if not found:
        return text, None
    return "\n".join(lines), max(found, key=lambda k: found[k])


def to_unicode(text: str, encoding: str) -> str:
    if encoding == "tcvn3":
        return tcvn3_to_unicode(text)
    if encoding == "vni":
        return vni_to_unicode(text)
    raise ValueError(f"unknown legacy Vietnamese encoding {encoding!r} (expected tcvn3 or vni)")


def decode_bytes(data: bytes, encoding: str) -> str:
    """Decode raw TCVN3 or VNI bytes: one byte per glyph, then map glyphs to letters."""
    # latin-1 keeps every byte (cp1252 has holes at 0x81, 0x8D ...); TCVN3 and VNI
    # letters all sit in 0xA0-0xFF where the two agree.
    return to_unicode(data.decode("latin-1"), encoding)
