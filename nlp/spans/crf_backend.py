"""CRF backend: one linear-chain CRF per span layer over hand-made word features.

The CRF is underthesea's own (``underthesea_core``, the engine behind its word segmenter and
POS tagger), so this backend adds no dependency and trains on two CPU cores in about three
minutes, where the spaCy CNN takes forty. Its features are the words around each word and
what the project's lexicon knows about them (order verbs, cues, addressee and target heads,
roles, administrative words), whether an authority mention or a time limit covers the word,
and how far back the last order cue is. On dev it tags about as well as the spaCy CNN, with
higher precision and lower recall. The pipeline can use both (``ensemble_paths`` in
nlp/config.cfg); models/README.md says why the default is still the CNN alone.

Saved layout (``out_dir``)::

    primary.crf   CRF tagging ADDRESSEE, MEASURE (BIO)
    nested.crf    CRF tagging TARGET, DEADLINE (BIO)
    meta.json     version, hyper-parameters, dev metrics
"""
from __future__ import annotations

import json
import tempfile
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.spans import data, metrics

VERSION = "spans-crf-1.1.0"
BACKEND = "crf"

Log = Callable[[str], None]
Tokens = tuple[list[str], list[bool]]

# Chosen on dev (models/README.md, 0.6.0): L1 keeps the model sparse; a feature seen once in
# training is dropped (it halves the file and changes dev macro F1 by 0.001).
DEFAULTS = {"l1": 0.1, "l2": 0.001, "iterations": 300, "min_count": 2}
_SENT_END = {".", "!", "?"}


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, set[str]]:
    from nlp import lexicon as lx

    def low(words: list[str] | set[str]) -> set[str]:
        return {w.lower() for w in words}

    return {
        "V": low(lx.MEASURE_VERBS), "C": low(lx.CUES), "A": low(lx.ADDRESSEE_HEADS),
        "G": low(lx.TARGET_HEADS), "ADV": low(lx.ADVERBS), "PRE": low(lx.MEASURE_PREFIXES),
        "R": low(lx.ROLES), "ADM": low(lx.ADMIN_PROVINCE + lx.ADMIN_DISTRICT + lx.ADMIN_COMMUNE),
        "ORG": low(lx.ORG_HEADS + lx.NAMED_ORG_HEADS),
    }


@lru_cache(maxsize=200_000)
def _shape(word: str) -> str:
    if not word.strip():
        return "SP"
    if not any(ch.isalnum() or ch == "_" for ch in word):
        return "P"
    if any(ch.isdigit() for ch in word):
        return "D"
    if word.isupper():
        return "U"
    return "T" if word[0].isupper() else "l"


def _offsets(words: list[str], spaces: list[bool]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for word, space in zip(words, spaces, strict=True):
        out.append((pos, pos + len(word)))
        pos += len(word) + (1 if space else 0)
    return out


def _covered(offsets: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    """Which words overlap any of ``spans`` (character offsets)."""
    marks = [False] * len(offsets)
    ends = [e for _, e in offsets]  # words follow each other, so their ends are sorted
    for a, b in spans:
        i = bisect_right(ends, a)  # the first word that ends after the span starts
        while i < len(offsets) and offsets[i][0] < b:
            marks[i] = True
            i += 1
    return marks


def _distance(d: int) -> str:
    if d <= 2:
        return str(d)
    return "3-5" if d <= 5 else "6-10" if d <= 10 else "11-20" if d <= 20 else ">20"


_NSYL = {k: f"n={k}" for k in range(1, 5)}
_FLAG_NAMES = ("V", "C", "A", "G", "ADV", "PRE", "R", "ADM", "ORG")
# Feature strings built once: "-1:V" (the word before is an order verb), "F:V" (this word is).
_NEIGHBOUR_FLAGS = [(k, {x: f"{k:+d}:{x}" for x in _FLAG_NAMES}) for k in (-2, -1, 1, 2)]
_OWN_FLAGS = {x: "F:" + x for x in _FLAG_NAMES}


@lru_cache(maxsize=200_000)
def _flags(low: str) -> tuple[str, ...]:
    """The lexicon lists a lower-cased word is in (a word recurs across windows, so once)."""
    return tuple(name for name, vocab in _lexicon().items() if low in vocab)


def _flagged(table: dict[str, str], flags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(table[x] for x in flags) if flags else ()


@lru_cache(maxsize=200_000)
def _own(word: str) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    """A word's features that depend on nothing around it: those that open its list, its
    syllables (two or more), which come near the end, and its last syllable."""
    low = word.lower()
    syl = low.split()
    head = ("b", "w=" + low, "s=" + _shape(word), _NSYL[min(len(syl), 4)], "f1=" + syl[0], "l1=" + syl[-1])
    return head, tuple("syl=" + x for x in syl) if len(syl) > 1 else (), syl[-1]


def features(words: list[str], spaces: list[bool]) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """One feature list per word (whitespace tokens included) and the words' offsets in
    the text the words spell."""
    from nlp.mentions import find_mentions
    from nlp.rules.base import _rx

    lex = _lexicon()
    cues = lex["C"]
    text = data.join(words, spaces)
    offsets = _offsets(words, spaces)
    n = len(words)
    low = [w.lower() for w in words]
    shapes = [_shape(w) for w in words]
    flags = [_flags(w) for w in low]
    in_deadline = _covered(offsets, [(m.start(), m.end()) for m in _rx()["deadline"].finditer(text)])
    in_mention = _covered(offsets, [(m.start, m.end) for m in find_mentions(text)])
    # each word's sentence: where it starts and whether it holds an order cue
    sent_cue, sent_start = [False] * n, [0] * n
    first = 0
    for i in range(n + 1):
        if i == n or low[i] in _SENT_END or "\n" in words[i]:
            stop = min(i + 1, n)
            has_cue = any(low[j] in cues for j in range(first, stop))
            for j in range(first, stop):
                sent_cue[j], sent_start[j] = has_cue, first
            first = i + 1
    pad = ["<s>"] * 3 + low + ["</s>"] * 3  # pad[i + 3] is word i
    # What the lexicon says of the words two either side, gathered once per position.
    # Few words are in the lexicon, so walk those; going left to right keeps each word's
    # neighbours in the order -2, -1, +1, +2.
    around: dict[int, list[str]] = {}
    for j, flagged in enumerate(flags):
        if flagged:
            for k, table in _NEIGHBOUR_FLAGS:
                if 0 <= j - k < n:
                    around.setdefault(j - k, []).extend(table[x] for x in flagged)
    next_syl = [(x.split() or [""])[0] for x in low[1:]] + [""]
    out: list[list[str]] = []
    last_cue: int | None = None
    prev_punct = ""
    for i in range(n):
        w = low[i]
        if not words[i].strip():
            out.append(["SPACE"])
            if "\n" in words[i]:
                last_cue, prev_punct = None, ""
            continue
        head, syllables, last = _own(words[i])
        f = [*head, "w-2=" + pad[i + 1], "w-1=" + pad[i + 2], "w+1=" + pad[i + 4], "w+2=" + pad[i + 5],
             "w-1|w=" + pad[i + 2] + "|" + w, "w|w+1=" + w + "|" + pad[i + 4]]
        if i in around:
            f.extend(around[i])
        if i:
            f.append("s-1=" + shapes[i - 1])
        if i + 1 < n:
            f.append("s+1=" + shapes[i + 1])
        f.extend(_flagged(_OWN_FLAGS, flags[i]))
        if in_deadline[i]:
            f.append("DL")
        if in_mention[i]:
            f.append("MENT")
        if i == sent_start[i]:
            f.append("BOS")
        f.append("nocue" if last_cue is None else "dc=" + _distance(i - last_cue))
        if prev_punct:
            f.append("pp=" + prev_punct)
        if last_cue is not None:
            f.append("lc=" + low[last_cue])
        if i >= 3:
            f.append("w-3=" + low[i - 3])
        if i + 3 < n:
            f.append("w+3=" + low[i + 3])
        f.extend(syllables)
        f.append("l1|w+1=" + last + "|" + next_syl[i])
        if sent_cue[i]:
            f.append("SCUE")
        pos = i - sent_start[i]
        f.append("sp=" + ("0" if pos == 0 else "1-3" if pos <= 3 else "4-10" if pos <= 10 else ">10"))
        if "V" in flags[i]:
            f.append("V|nocue" if last_cue is None else "V|cue")
        out.append(f)
        if w in cues:
            last_cue = i
        if w in _SENT_END:
            last_cue, prev_punct = None, ""
        elif shapes[i] == "P":
            prev_punct = w
    return out, offsets


def frequent(feats: list[list[list[str]]], min_count: int) -> tuple[list[list[list[str]]], int]:
    """The feature lists without the features seen fewer than ``min_count`` times in all of
    them (a word left with none keeps the bias "b"), and how many features were kept."""
    count = Counter(a for seq in feats for word in seq for a in word)
    keep = {a for a, c in count.items() if c >= min_count}
    return [[[a for a in word if a in keep] or ["b"] for word in seq] for seq in feats], len(keep)


def fit(xs: list[list[list[str]]], ys: list[list[str]], hp: dict) -> Any:
    """A CRF trained by underthesea's L-BFGS trainer with ``hp``'s l1, l2 and iterations."""
    import underthesea_core as uc

    trainer = uc.CRFTrainer(l1_penalty=float(hp["l1"]), l2_penalty=float(hp["l2"]),
                            max_iterations=int(hp["iterations"]), verbose=0)
    return trainer.train(xs, ys)


def train(
    out_dir: Path,
    train_docs: list[data.GoldDoc],
    dev_docs: list[data.GoldDoc],
    seed: int = 13,
    log: Log = print,
    layers: list[str] | None = None,
    splits: str = "train",
    **params: float,
) -> dict:
    """Train both layers (or ``layers``) on whole train documents; score on dev; save to
    ``out_dir``.

    L-BFGS does not sample, so ``seed`` is only recorded; the trainer's own feature order
    varies between runs, so two runs differ slightly (dev macro F1 0.574 and 0.576)."""
    hp = {**DEFAULTS, **{k: v for k, v in params.items() if v is not None}}
    names = [x for x in data.LAYERS if layers is None or x in layers]
    if not names:
        raise ValueError(f"no layer to train: choose among {', '.join(data.LAYERS)}")
    blank = data.make_nlp()
    t0 = time.time()
    train_feats = [features(*data.segment(blank, d.text)) for d in train_docs]
    dev_tok = [data.segment(blank, d.text) for d in dev_docs]
    log(f"segmented and featurised {len(train_docs)} train + {len(dev_docs)} dev docs in "
        f"{time.time() - t0:.1f}s")
    xs, kept = frequent([seq for seq, _ in train_feats], int(hp["min_count"]))
    out_dir.mkdir(parents=True, exist_ok=True)
    meta: dict = {"version": VERSION, "backend": BACKEND, "seed": seed, "params": hp, "layers": {},
                  "splits": splits, "train_docs": len(train_docs), "dev_docs": len(dev_docs)}
    for layer in names:
        t0 = time.time()
        ys = [data.bio_tags(offsets, doc.layer(layer)) for (_, offsets), doc
              in zip(train_feats, train_docs, strict=True)]
        fit(xs, ys, hp).save(str(out_dir / f"{layer}.crf"))
        meta["layers"][layer] = {"labels": list(data.LAYERS[layer]), "attributes": kept,
                                 "seconds": round(time.time() - t0, 1)}
        log(f"[{layer}] trained on {kept} features in {time.time() - t0:.0f}s")
    tagger = CRFSpanTagger(out_dir, meta=meta)
    scores = metrics.evaluate(
        [(d.strings, {f: [d.text[s:e] for s, e in v] for f, v in pred.items()})
         for d, pred in zip(dev_docs, tagger.predict_tokens(dev_tok), strict=True)], data.FIELDS)
    for layer in names:
        meta["layers"][layer]["dev_f1"] = {f: scores[f]["f1"] for f in data.layer_fields(layer)}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    return meta


class CRFSpanTagger:
    """The layers the model was trained with (both, or one for a model that only follows
    another); same interface as the spaCy tagger."""

    def __init__(self, path: Path, meta: dict | None = None):
        import underthesea_core as uc

        self.path = Path(path)
        self.meta = meta or json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
        self.layers = {}
        for layer in [x for x in data.LAYERS if x in self.meta.get("layers", data.LAYERS)]:
            tagger = uc.CRFTagger()
            tagger.load(str(self.path / f"{layer}.crf"))
            self.layers[layer] = tagger
        # The pipeline asks for the first layer, then the second on some of the same
        # windows: the last call's features are kept so they are not computed twice.
        self._last: dict[tuple, tuple[list[list[str]], list[tuple[int, int]]]] = {}

    def predict(self, text: str) -> dict[str, list[tuple[int, int]]]:
        return self.predict_many([text])[0]

    def predict_many(self, texts: list[str]) -> list[dict[str, list[tuple[int, int]]]]:
        return self.predict_tokens([data.segment(data.segmenter(), t) for t in texts])

    def predict_tokens(self, toks: list[Tokens], layers: list[str] | None = None
                       ) -> list[dict[str, list[tuple[int, int]]]]:
        """Spans per field for texts already segmented (words, trailing-space flags)."""
        names = [n for n in self.layers if layers is None or n in layers]
        out = []
        cache: dict[tuple, tuple[list[list[str]], list[tuple[int, int]]]] = {}
        for words, spaces in toks:
            spans: list[data.Span] = []
            if names and words:
                key = (tuple(words), tuple(spaces))
                found = self._last.get(key) or cache.get(key)
                if found is None:
                    found = features(words, list(spaces))
                cache[key] = found
                feats, offsets = found
                for name in names:
                    spans.extend(data.spans_from_bio(offsets, self.layers[name].tag(feats)))
            out.append(data.group_by_field(spans))
        self._last = cache
        return out


def load(path: Path | str) -> CRFSpanTagger:
    return CRFSpanTagger(Path(path))


def smoke_model(out_dir: Path | None = None, docs: list[data.GoldDoc] | None = None) -> Path:
    """A CRF trained for a few iterations on a few documents (tests)."""
    out_dir = out_dir or Path(tempfile.mkdtemp(prefix="chidao-crf-"))
    docs = docs or data.load_gold(["train"], limit=8)
    train(out_dir, docs, docs[:2], log=lambda _: None, iterations=5, min_count=1)
    return out_dir
