"""Gold directives → labelled character spans → spaCy DocBins and word-level BIO tags.

Gold files store span *strings*, not offsets, so every span is located in the text here.

Location policy (documented because it decides what the models learn):
  a span that occurs once in the text is taken where it is; a span that occurs several times
  (a third of the addressees: "Sở Y tế" is often named again outside the order) is taken at
  the occurrence closest to its directive's *anchors*: the issuer mentions and the spans of
  the same directive that occur exactly once. The other occurrences stay unlabelled, so the
  model learns that a body named outside an order is not an addressee.

Overlap policy: 85 % of targets (and many deadlines) lie inside a measure ("xử lý nghiêm
<những người lợi dụng ...>"), and a spaCy NER or a single BIO sequence cannot nest. The labels
are therefore split into two *layers* that are tagged independently:
  primary: ADDRESSEE, MEASURE   (who is ordered, and to do what)
  nested:  TARGET, DEADLINE     (at whom / by when; usually inside a measure)
Within one layer, overlapping spans are resolved by keeping the longer one (ties: label
priority in LAYERS order), which drops only a handful of spans (see `overlap_report`).
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"

# field name in gold / predict() output → entity label
FIELDS: dict[str, str] = {
    "addressees": "ADDRESSEE",
    "measures": "MEASURE",
    "targets": "TARGET",
    "deadlines": "DEADLINE",
}
LABEL_TO_FIELD = {label: name for name, label in FIELDS.items()}
LAYERS: dict[str, tuple[str, ...]] = {
    "primary": ("MEASURE", "ADDRESSEE"),
    "nested": ("TARGET", "DEADLINE"),
}
LAYER_OF = {label: layer for layer, labels in LAYERS.items() for label in labels}


def layer_fields(layer: str) -> list[str]:
    """The field names a layer tags ("primary" -> ["measures", "addressees"])."""
    return [LABEL_TO_FIELD[label] for label in LAYERS[layer]]

Span = tuple[int, int, str]  # start, end (exclusive), label


@dataclass
class GoldDoc:
    doc_id: str
    split: str
    text: str
    spans: list[Span] = field(default_factory=list)  # every located span, all layers
    strings: dict[str, list[str]] = field(default_factory=dict)  # field → gold strings
    unlocated: int = 0

    def layer(self, layer: str) -> list[Span]:
        """Non-overlapping spans of one layer (longer span wins)."""
        return resolve_overlaps([s for s in self.spans if LAYER_OF[s[2]] == layer], layer)


def _occurrences(text: str, needle: str) -> list[int]:
    out, pos = [], text.find(needle)
    while pos >= 0:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def _directive_items(directive: dict) -> Iterator[tuple[str, str]]:
    for name, label in FIELDS.items():
        for item in directive.get(name) or []:
            text = item["text"] if isinstance(item, dict) else item
            if text and text.strip():
                yield text, label


def locate(text: str, directive: dict) -> tuple[list[Span], int]:
    """Character spans of one directive's fields in ``text``; returns (spans, n_unlocated)."""
    items = list(_directive_items(directive))
    anchors: list[int] = []
    issuer = (directive.get("issuer") or {}).get("text") or ""
    if issuer:
        anchors.extend(_occurrences(text, issuer))
    found = {s: _occurrences(text, s) for s, _ in items}
    for occ in found.values():
        if len(occ) == 1:
            anchors.append(occ[0])
    spans: list[Span] = []
    missing = 0
    for s, label in items:
        occ = found[s]
        if not occ:
            missing += 1
            continue
        if len(occ) == 1 or not anchors:
            start = occ[0]
        else:
            # closest to any anchor; min() keeps the earliest on ties
            start = min(occ, key=lambda o: min(abs(o - a) for a in anchors))
        spans.append((start, start + len(s), label))
    return spans, missing


def resolve_overlaps(spans: Iterable[Span], layer: str | None = None) -> list[Span]:
    """Greedy: longest first, then label priority; drop anything overlapping a kept span."""
    order = {lab: i for labs in LAYERS.values() for i, lab in enumerate(labs)}
    kept: list[Span] = []
    for sp in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), order.get(s[2], 9), s[0])):
        if all(sp[1] <= k[0] or sp[0] >= k[1] for k in kept):
            kept.append(sp)
    return sorted(kept)


def read_documents(splits: Iterable[str] | None = None, corpus: Path = CORPUS) -> list[dict]:
    wanted = set(splits) if splits is not None else None
    rows = []
    with open(corpus / "documents.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                if wanted is None or row["split"] in wanted:
                    rows.append(row)
    return rows


def load_gold(splits: Iterable[str], corpus: Path = CORPUS, limit: int | None = None) -> list[GoldDoc]:
    """Gold documents of ``splits`` with their spans located in the text."""
    docs: list[GoldDoc] = []
    for row in read_documents(splits, corpus):
        doc_id = row["doc_id"]
        text = (corpus / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
        gold = json.loads((corpus / "gold" / f"{doc_id}.json").read_text(encoding="utf-8"))
        doc = GoldDoc(doc_id, row["split"], text, strings={name: [] for name in FIELDS})
        for directive in gold.get("directives") or []:
            spans, missing = locate(text, directive)
            doc.spans.extend(spans)
            doc.unlocated += missing
            for s, label in _directive_items(directive):
                doc.strings[LABEL_TO_FIELD[label]].append(s)
        doc.spans = sorted(set(doc.spans))
        docs.append(doc)
        if limit is not None and len(docs) >= limit:
            break
    return docs


def overlap_report(docs: Iterable[GoldDoc]) -> dict[str, int]:
    """How many located spans each layer keeps and drops to overlaps."""
    report: dict[str, int] = {}
    for doc in docs:
        for layer in LAYERS:
            all_spans = {s for s in doc.spans if LAYER_OF[s[2]] == layer}
            kept = doc.layer(layer)
            report[f"{layer}_kept"] = report.get(f"{layer}_kept", 0) + len(kept)
            report[f"{layer}_dropped"] = report.get(f"{layer}_dropped", 0) + len(all_spans) - len(kept)
        report["unlocated"] = report.get("unlocated", 0) + doc.unlocated
    return report


# ---------------------------------------------------------------- spaCy


def make_nlp() -> object:
    """A blank Vietnamese pipeline with the underthesea tokenizer (same as training config)."""
    import spacy

    from nlp.spans import tokenizer_registry  # noqa: F401  (registers the tokenizer)

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": tokenizer_registry.NAME}}})


@lru_cache(maxsize=1)
def segmenter() -> object:
    """One blank pipeline per process for the taggers that segment raw text themselves."""
    return make_nlp()


def segment(nlp: object, text: str) -> tuple[list[str], list[bool]]:
    """Words of ``text`` (whitespace tokens included) and their trailing-space flags."""
    doc = nlp.make_doc(text)  # type: ignore[attr-defined]
    return [t.text for t in doc], [bool(t.whitespace_) for t in doc]


def join(words: list[str], spaces: list[bool]) -> str:
    """The text that ``segment`` read: each word followed by its space, if it had one."""
    return "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True))


def to_spacy_doc(nlp: object, doc: GoldDoc, layer: str, tokenized: object | None = None) -> object:
    """A spaCy Doc whose ``ents`` are the layer's spans, snapped outward to token boundaries."""
    sdoc = tokenized if tokenized is not None else nlp(doc.text)  # type: ignore[operator]
    ents = []
    for start, end, label in doc.layer(layer):
        span = sdoc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            ents.append(span)
    # snapping may create overlaps between neighbours: keep longer ones again
    from spacy.util import filter_spans

    sdoc.ents = filter_spans(ents)
    return sdoc


def to_docbins(docs: list[GoldDoc], nlp: object | None = None) -> dict[str, object]:
    """One DocBin per layer (tokenizing each text once)."""
    from spacy.tokens import DocBin

    nlp = nlp or make_nlp()
    bins = {layer: DocBin(store_user_data=False) for layer in LAYERS}
    for doc in docs:
        tokenized = nlp.make_doc(doc.text)  # type: ignore[attr-defined]
        for layer in LAYERS:
            bins[layer].add(to_spacy_doc(nlp, doc, layer, tokenized.copy()))
    return bins


# ---------------------------------------------------------------- BIO for transformers


@dataclass
class WordSeq:
    """Words (non-space tokens) with their character offsets and one BIO tag per layer."""

    doc_id: str
    words: list[str]
    offsets: list[tuple[int, int]]
    tags: dict[str, list[str]]


def bio_tags(offsets: list[tuple[int, int]], spans: list[Span]) -> list[str]:
    """BIO tag per word: a word is inside a span when its characters overlap it."""
    tags = ["O"] * len(offsets)
    for start, end, label in spans:
        first = True
        for i, (ws, we) in enumerate(offsets):
            if we <= start or ws >= end:
                continue
            if tags[i] != "O":  # already taken by an earlier (non-overlapping) span
                continue
            tags[i] = ("B-" if first else "I-") + label
            first = False
    return tags


def words_of(text: str, nlp: object | None = None) -> tuple[list[str], list[tuple[int, int]]]:
    """Underthesea words (whitespace tokens dropped) and their character offsets."""
    nlp = nlp or make_nlp()
    sdoc = nlp.make_doc(text)  # type: ignore[attr-defined]
    words, offsets = [], []
    for tok in sdoc:
        if tok.text.strip():
            words.append(tok.text)
            offsets.append((tok.idx, tok.idx + len(tok.text)))
    return words, offsets


def to_bio(docs: list[GoldDoc], nlp: object | None = None) -> list[WordSeq]:
    nlp = nlp or make_nlp()
    out = []
    for doc in docs:
        words, offsets = words_of(doc.text, nlp)
        tags = {layer: bio_tags(offsets, doc.layer(layer)) for layer in LAYERS}
        out.append(WordSeq(doc.doc_id, words, offsets, tags))
    return out


def spans_from_bio(offsets: list[tuple[int, int]], tags: list[str]) -> list[Span]:
    """Decode BIO leniently: an I- that does not continue a same-label span starts one."""
    spans: list[Span] = []
    cur: list[int] | None = None
    label = ""
    for (ws, we), tag in zip(offsets, tags, strict=True):
        continues = cur is not None and tag.startswith("I-") and tag[2:] == label
        if continues:
            cur[1] = we  # type: ignore[index]
            continue
        if cur is not None:
            spans.append((cur[0], cur[1], label))
            cur = None
        if tag != "O":
            cur, label = [ws, we], tag[2:]
    if cur is not None:
        spans.append((cur[0], cur[1], label))
    return spans


def group_by_field(spans: Iterable[Span]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {name: [] for name in FIELDS}
    for start, end, label in sorted(spans):
        if label in LABEL_TO_FIELD:
            out[LABEL_TO_FIELD[label]].append((start, end))
    return out


def shuffled(items: list, seed: int) -> list:
    items = list(items)
    random.Random(seed).shuffle(items)
    return items
