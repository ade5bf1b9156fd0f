"""A trained tagger for the targets inside a measure: "xử lý nghiêm ⟨những hành vi vi phạm
pháp luật⟩", "hỗ trợ kịp thời ⟨gia đình người bị tử vong và bị thương⟩".

Most gold targets (85%) lie inside one of their directive's measures, as the object of its
verbs. The rules find a target there only after a head word they know ("đối tượng", "hành
vi", "cơ sở"...); the span models read whole sentences, where a target is a rare label. This
model reads one measure at a time, so every measure is a short sequence with at most a few
targets, and learns where the object of "xử lý", "di dời", "thăm hỏi" ... begins and ends.

It is a linear-chain CRF (underthesea's engine, as the CRF span tagger) over the span
tagger's word features (`nlp.spans.crf_backend.features`). It learns from two kinds of
measure on the train split only:
  - the gold measures, with their directive's gold targets inside;
  - the measures the pipeline itself finds on train (this component left out), with the
    document's gold targets found inside them: what it will read at extraction time,
    boundaries and all.

In the pipeline (`chidao_measure_targets_v1`, after the arguments step) a target it finds
is added where the directive has no target overlapping it.

Saved layout (``out``)::

    model.crf   the CRF (BIO over TARGET)
    meta.json   version, settings, training counts, dev scores on gold measures
"""
from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from nlp.spans import crf_backend, data, metrics

VERSION = "targets-crf-1.1.0"
DEFAULT_OUT = Path("models/targets-crf")
# Same settings as the CRF span tagger (chosen there on dev); a feature seen once is dropped.
SETTINGS = {"l1": 0.1, "l2": 0.001, "iterations": 300, "min_count": 2}
LABEL = "TARGET"
COMPONENT = "measure_targets"  # its name in nlp/config.cfg

Example = tuple[str, list[data.Span]]  # measure text, target spans in it
Log = Callable[[str], None]


def _inside(measure: str, targets: Iterable[str]) -> list[data.Span]:
    """Each target's first occurrence in the measure text (overlaps: the longer one)."""
    spans = []
    for t in targets:
        pos = measure.find(t)
        if pos >= 0:
            spans.append((pos, pos + len(t), LABEL))
    return data.resolve_overlaps(spans)


def _targets_of(directive: dict) -> list[str]:
    return [t for t in directive.get("targets") or [] if t and t.strip()]


def gold_examples(gold_docs: Iterable[dict]) -> list[Example]:
    """Every gold measure with its own directive's targets inside it."""
    out = []
    for g in gold_docs:
        for d in g.get("directives") or []:
            targets = _targets_of(d)
            out.extend((m["text"], _inside(m["text"], targets)) for m in d.get("measures") or []
                       if m.get("text"))
    return out


def predicted_examples(gold_docs: Iterable[dict], predictions: dict[str, dict]) -> list[Example]:
    """Every predicted measure of a document with the document's gold targets inside it."""
    out = []
    for g in gold_docs:
        targets = [t for d in g.get("directives") or [] for t in _targets_of(d)]
        for d in (predictions.get(g["doc_id"]) or {}).get("directives") or []:
            out.extend((m["text"], _inside(m["text"], targets)) for m in d.get("measures") or []
                       if m.get("text"))
    return out


class TargetTagger:
    """The trained CRF; ``tag(texts)`` gives each measure text its target offsets."""

    def __init__(self, folder: Path):
        import underthesea_core as uc

        self.folder = Path(folder)
        meta = self.folder / "meta.json"
        if not meta.exists():
            raise FileNotFoundError(
                f"no target model at {self.folder}; train one with `chidao train --component "
                "targets`, or take \"measure_targets\" out of the pipeline in nlp/config.cfg")
        self.meta = json.loads(meta.read_text(encoding="utf-8"))
        self._crf = uc.CRFTagger()
        self._crf.load(str(self.folder / "model.crf"))

    def tag(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        """Target offsets in each measure text (segmented here)."""
        return self.tag_tokens([data.segment(data.segmenter(), text) for text in texts])

    def tag_tokens(self, toks: list[tuple[list[str], list[bool]]]) -> list[list[tuple[int, int]]]:
        """Target offsets in measures already segmented (words, trailing-space flags), relative
        to the text the words spell: the pipeline passes the document's own words."""
        out = []
        for words, spaces in toks:
            if not words:
                out.append([])
                continue
            feats, offsets = crf_backend.features(words, list(spaces))
            out.append([(s, e) for s, e, _ in data.spans_from_bio(offsets, self._crf.tag(feats))])
        return out


def fit(examples: list[Example], out: Path, log: Log = print, **settings: float) -> dict:
    """Train the CRF on (measure text, target spans) and save it to ``out``."""
    hp = {**SETTINGS, **{k: v for k, v in settings.items() if v is not None}}
    if not examples:
        raise ValueError("no measures to train on")
    blank = data.make_nlp()
    started = time.time()
    feats = [crf_backend.features(*data.segment(blank, text)) for text, _ in examples]
    xs, kept = crf_backend.frequent([seq for seq, _ in feats], int(hp["min_count"]))
    ys = [data.bio_tags(offsets, spans) for (_, offsets), (_, spans) in zip(feats, examples, strict=True)]
    log(f"featurised {len(examples)} measures in {time.time() - started:.1f}s")
    started = time.time()
    model = crf_backend.fit(xs, ys, hp)
    out.mkdir(parents=True, exist_ok=True)
    model.save(str(out / "model.crf"))
    log(f"trained on {kept} features in {time.time() - started:.0f}s")
    meta = {"version": VERSION, "backend": "crf", "settings": hp, "attributes": kept,
            "measures": len(examples), "measures_with_targets": sum(1 for _, s in examples if s)}
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta


def score(tagger: TargetTagger, examples: list[Example]) -> dict[str, float]:
    """Lenient span P/R/F1 of the tagger on measures whose targets are known."""
    from nlp.evaluate import match_spans

    found = tagger.tag([text for text, _ in examples])
    tp = n_gold = n_pred = 0
    for (text, spans), pred in zip(examples, found, strict=True):
        gold = [text[s:e] for s, e, _ in spans]
        tp += len(match_spans(gold, [text[s:e] for s, e in pred]))
        n_gold += len(gold)
        n_pred += len(pred)
    m = metrics.prf(tp, n_gold, n_pred)
    return {"precision": m["p"], "recall": m["r"], "f1": m["f1"], "gold": n_gold, "pred": n_pred}


def train(corpus: Path, out: Path = DEFAULT_OUT, log: Log = print, limit: int | None = None,
          with_dev: bool = False, **settings: float) -> dict:
    """Train on the corpus's train split (gold measures and the pipeline's own measures),
    score on dev's gold measures, save to ``out``. The test split is not read. ``with_dev``:
    learn from dev too, once settings were chosen on it (the dev score is then in-sample)."""
    from spacy.util import load_config

    from nlp import extract_batch
    from nlp.evaluate import load_gold
    from nlp.pipeline import CONFIG, build

    dev_docs = load_gold(corpus, "dev")[:limit]
    train_docs = load_gold(corpus, "train")[:limit] + (dev_docs if with_dev else [])
    log(f"extracting measures from {len(train_docs)} train documents (this component left out)")
    names = [n for n in load_config(CONFIG)["nlp"]["pipeline"] if n != COMPONENT]
    found = extract_batch([(g["text"] or "", None, g.get("title")) for g in train_docs],
                          pipeline=build(overrides={"nlp.pipeline": names}))
    predictions = {g["doc_id"]: {"directives": ds} for g, ds in zip(train_docs, found, strict=True)}
    examples = gold_examples(train_docs) + predicted_examples(train_docs, predictions)
    meta = fit(examples, out, log=log, **settings)
    meta["train_documents"] = len(train_docs)
    meta["splits"] = "train+dev" if with_dev else "train"
    meta["dev_gold_measures"] = score(TargetTagger(out), gold_examples(dev_docs))
    (out / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return meta
