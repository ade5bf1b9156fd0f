"""A spaCy tokenizer backed by underthesea's word segmentation.

Vietnamese words span several syllables ("Chủ tịch", "Kiên Giang"); underthesea joins them.
spaCy needs each token's exact position in the text, so segments are aligned back onto
the original characters: a token's text is always a slice of the input, whitespace kept.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

_SPACE = re.compile(r"\s+")


def align(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Character offsets of each segmented word in ``text``.

    underthesea may normalise spacing inside a word ("Kiên  Giang" → "Kiên Giang"), so a
    word is matched syllable by syllable, allowing any whitespace between syllables.
    Words that cannot be found (rare normalisations) are skipped.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for word in words:
        if not word.strip():
            continue
        start = text.find(word, pos)
        if start < 0 or start - pos > 50:
            pattern = r"\s+".join(re.escape(s) for s in word.split())
            m = re.compile(pattern).search(text, pos)
            if not m or m.start() - pos > 200:
                continue
            start, end = m.start(), m.end()
        else:
            end = start + len(word)
        spans.append((start, end))
        pos = end
    return spans


def _add_gap(words: list[str], spaces: list[bool], gap: str) -> None:
    """Text between words: one space is the previous token's trailing whitespace; anything
    else becomes a whitespace token, so doc.text == text and character offsets line up."""
    if words and not spaces[-1] and gap.startswith(" "):
        spaces[-1] = True
        gap = gap[1:]
    if gap:
        words.append(gap)
        spaces.append(False)


RAW_TEXT_KEY = "chidao_text"


class UndertheseaTokenizer:
    """``nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)``; segments with underthesea."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        from underthesea import word_tokenize  # loaded once, on first pipeline build

        self._segment = word_tokenize

    def __call__(self, text: str) -> Doc:
        offsets = self.segment_offsets(text)
        words, spaces = [], []
        cursor = 0
        for start, end in offsets:
            if start > cursor:
                _add_gap(words, spaces, text[cursor:start])
            words.append(text[start:end])
            spaces.append(False)
            cursor = end
        if cursor < len(text):
            _add_gap(words, spaces, text[cursor:])
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # doc.text == text by construction; spaCy rebuilds doc.text from every token on each
        # access (~6% of extraction time), so the pipeline reads the text kept here instead.
        doc.user_data[RAW_TEXT_KEY] = text
        return doc

    def segment_offsets(self, text: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        # Segment paragraph by paragraph: underthesea's cost grows with input length and
        # newlines are never inside a word.
        for m in re.finditer(r"[^\n]+", text):
            chunk = m.group()
            if not chunk.strip():
                continue
            for s, e in align(chunk, self._segment(chunk)):
                out.append((m.start() + s, m.start() + e))
        return out

    # spaCy serialisation hooks: the tokenizer has no state of its own.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> UndertheseaTokenizer:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> UndertheseaTokenizer:
        return self
