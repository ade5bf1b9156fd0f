"""Text normalisation shared by the extractor and the catalogue.

`fold` is the accent-free form used for search and for matching names: tones and
diacritics removed, đ/Đ → d, lower case, runs of whitespace collapsed. It keeps the
length-independent shape of the text, so it is only for matching, never for offsets.
"""
from __future__ import annotations

import re
import unicodedata

_WS = re.compile(r"\s+")
_D = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def nfc(text: str) -> str:
    """Unicode NFC, the form every stored text and every span uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Accent-free, lower-case form: ``fold("Xử lý nghiêm, Đình chỉ")`` → ``"xu ly nghiem, dinh chi"``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _WS.sub(" ", stripped).strip().lower()


def key(text: str) -> str:
    """Fold and drop everything but letters and digits: a key for comparing names."""
    return re.sub(r"[^0-9a-z]", "", fold(text))


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch.translate(_D))[:1] or ch
    low = base.lower()
    return low if len(low) == 1 else base


class _FoldTable(dict):
    """A ``str.translate`` table that folds each character once, on first sight."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold_chars(text: str) -> str:
    """Length-preserving fold of NFC text: each character maps to one character.

    Offsets found in ``fold_chars(t)`` are offsets in ``t``, which lets search highlight
    the accented original from a match on the folded form. Runs at ``str.translate`` speed.
    """
    return text.translate(_FOLD_TABLE)
